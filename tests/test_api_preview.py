"""Headless draft preview: the admin's Preview offers a signed link to the frontend, and
`GET /api/v1/preview/?token=` serves that one draft, in the live detail shape, until the token
expires or the page is published; nothing else in the API ever shows it."""

from __future__ import annotations

import html
import re
import time
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from django.conf import settings
from django.core import signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import querydict_from_html

from api.models import PreviewSnapshot
from api.preview import SALT, make_token
from api.throttling import check_throttle_rates
from articles import worker

from .api_helpers import assert_error, get_json
from .fixtures_content import publish
from .helpers import article_form_data, guide_form_data, paragraph_form
from .test_api_draft_safety import v1_urls, v2_urls
from .test_api_schema import response_validator

MARKER = "zqxpreviewonlymarker"
LINK = re.compile(r'<a href="([^"]+)"[^>]*>Open in frontend</a>')


# --- Helpers: the editor's side (admin preview) and the clock --------------------------------


def form_data(kind: str, page, client) -> dict:
    """The edit form as the editor has it, with MARKER typed into the title (and article body)."""
    if kind == "case_story":
        edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    elif kind == "article":
        data = article_form_data(slug=page.slug, body=[paragraph_form(f"Draft text {MARKER}.")])
    else:
        data = guide_form_data(slug=page.slug)
    data["title"] = f"Draft title {MARKER}"
    return data


def preview_link(client, page, kind: str) -> str:
    """Preview the edited form in the admin, as Wagtail's preview panel does; the frontend link."""
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    state = client.post(preview_url, form_data(kind, page, client))
    assert state.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    found = LINK.search(response.content.decode())
    assert found, "the preview offers no frontend link"
    return html.unescape(found.group(1))


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def preview_url(token: str) -> str:
    return f"/api/v1/preview/?token={quote(token, safe='')}"


@pytest.fixture
def live_pages(api_content) -> dict:
    return {"article": api_content.article, "case_story": api_content.case_story, "guide": api_content.guide}


@pytest.fixture
def token(superuser_client, live_pages) -> str:
    """A fresh preview token for the live article's edited, unsaved form."""
    return token_of(preview_link(superuser_client, live_pages["article"], "article"))


@pytest.fixture
def clock(monkeypatch):
    """Move the signing clock forward by `seconds` (only django.core.signing sees it)."""

    def advance(seconds: float) -> None:
        monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: time.time() + seconds))

    return advance


# --- The admin offers the link -----------------------------------------------------------------


def test_the_admin_preview_links_to_the_frontend_with_a_token_and_the_page_path(superuser_client, live_pages):
    link = preview_link(superuser_client, live_pages["article"], "article")

    parts = urlsplit(link)
    query = parse_qs(parts.query)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == settings.FRONTEND_BASE_URL + "/preview"
    assert set(query) == {"token", "path"}
    assert query["path"] == ["/articles/ketamine-for-ptsd/"]
    snapshot = PreviewSnapshot.objects.get()
    assert snapshot.page_id == live_pages["article"].pk
    assert MARKER in snapshot.payload["title"]


def test_a_page_that_was_never_saved_gets_no_frontend_link(superuser_client, api_content):
    add_preview = reverse(
        "wagtailadmin_pages:preview_on_add", args=("articles", "articlepage", api_content.tree.articles.pk)
    )
    superuser_client.post(add_preview, article_form_data(slug="brand-new", title=f"New {MARKER}"))

    response = superuser_client.get(add_preview)

    assert response.status_code == 200 and f"New {MARKER}" in response.content.decode()
    assert not LINK.search(response.content.decode())
    assert not PreviewSnapshot.objects.exists()


# --- A valid token serves the draft --------------------------------------------------------


@pytest.mark.parametrize("kind", ["article", "case_story", "guide"])
def test_a_preview_token_serves_the_unsaved_draft_in_the_live_detail_shape(
    client, superuser_client, live_pages, kind
):
    page = live_pages[kind]
    token = token_of(preview_link(superuser_client, page, kind))

    body = get_json(client, preview_url(token))

    live = get_json(client, f"/api/v1/{page.get_parent().slug}/{page.slug}/")
    assert body["type"] == kind and body["id"] == page.pk
    assert body["title"] == f"Draft title {MARKER}"
    assert set(body) == set(live) | {"preview"}
    assert body["review"] == live["review"]
    assert body["first_published_at"] == live["first_published_at"]
    assert body["preview"]["expires_at"] > body["preview"]["created_at"]
    schema = get_json(client, "/api/v1/schema/")
    errors = list(response_validator(schema, "/api/v1/preview/").iter_errors(body))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_the_article_body_of_the_preview_is_the_editors_text(client, token):
    body = get_json(client, preview_url(token))

    assert MARKER in body["body"][0]["value"]["text"]


def test_a_token_can_be_used_again_until_it_expires(client, token, clock):
    get_json(client, preview_url(token))
    clock(settings.PREVIEW_TOKEN_MAX_AGE - 5)

    assert get_json(client, preview_url(token))["title"] == f"Draft title {MARKER}"


def test_the_draft_appears_in_no_other_public_endpoint(client, token, api_content):
    assert MARKER in client.get(preview_url(token)).content.decode()

    for url in v1_urls(api_content) + v2_urls(api_content) + [f"/api/v1/search/?q={MARKER}"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode(), url
    live = get_json(client, "/api/v1/articles/ketamine-for-ptsd/")
    assert live["title"] == api_content.article.title


# --- Caching and throttling ----------------------------------------------------------------


def test_preview_responses_are_private_and_never_revalidated(client, token):
    ok = client.get(preview_url(token))
    refused = client.get(preview_url(token + "x"))

    for response in (ok, refused):
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response and "Last-Modified" not in response
        assert "noindex" in response["X-Robots-Tag"]


@override_settings(API_RESPONSE_CACHE=True)
def test_a_preview_is_never_served_from_the_response_cache(client, token):
    get_json(client, preview_url(token))
    # Deleting a snapshot changes no content generation: only a cached copy could still answer.
    PreviewSnapshot.objects.all().delete()

    assert_error(client, preview_url(token), 404, "not_found")


@override_settings(API_THROTTLE_PREVIEW="2/minute")
def test_previews_have_their_own_stricter_throttle(client, token):
    get_json(client, preview_url(token))
    get_json(client, preview_url(token))

    error = assert_error(client, preview_url(token), 429, "throttled")
    assert error["details"]["retry_after"] > 0
    get_json(client, "/api/v1/articles/ketamine-for-ptsd/")  # the anonymous rate is separate


@override_settings(API_THROTTLE_PREVIEW="lots")
def test_a_malformed_preview_rate_fails_the_system_check():
    assert [error.id for error in check_throttle_rates(None)] == ["api.E001"]


# --- Refused tokens ------------------------------------------------------------------------


def test_an_expired_preview_token_is_refused_with_401(client, token, clock):
    clock(settings.PREVIEW_TOKEN_MAX_AGE + 1)

    error = assert_error(client, preview_url(token), 401, "token_expired")
    assert "expired" in error["message"]


def test_a_lowered_max_age_also_cuts_tokens_already_issued(client, token, clock):
    clock(61)

    with override_settings(PREVIEW_TOKEN_MAX_AGE=60):
        assert_error(client, preview_url(token), 401, "token_expired")
    get_json(client, preview_url(token))


@pytest.mark.parametrize("position", [0, 10, -30, -1])
def test_a_forged_preview_token_is_refused_with_401(client, token, position):
    index = position % len(token)
    forged = token[:index] + ("B" if token[index] == "A" else "A") + token[index + 1 :]

    assert forged != token and len(forged) == len(token)
    assert_error(client, preview_url(forged), 401, "invalid_token")


def test_a_401_challenges_the_client(client, token):
    response = client.get(preview_url(token[:-1]))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("PreviewToken")


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "x" * 10_000,
        "ключ:предпросмотра:подпись",
        "a:b:c",
        "eyJwIjoxLCJzIjoxfQ:1vAbcd:",
    ],
)
def test_a_malformed_preview_token_is_refused_with_401(client, db, value):
    assert_error(client, preview_url(value), 401, "invalid_token")


def test_a_value_signed_for_another_purpose_is_not_a_preview_token(client, token):
    page_id, snapshot_id = PreviewSnapshot.objects.values_list("page_id", "pk").get()
    other_salt = signing.dumps({"p": page_id, "s": snapshot_id})
    wrong_shape = signing.TimestampSigner(salt=SALT).sign_object({"p": str(page_id), "s": snapshot_id})

    assert_error(client, preview_url(other_salt), 401, "invalid_token")
    assert_error(client, preview_url(wrong_shape), 401, "invalid_token")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "invalid_parameter"),
        ("?token=", "invalid_parameter"),
        ("?token=%00", "invalid_parameter"),
        ("?token=a&token=b", "invalid_parameter"),
        ("?token=abc&path=/articles/x/", "unknown_parameter"),
    ],
)
def test_a_missing_empty_or_repeated_token_or_an_extra_parameter_is_a_400(client, db, query, code):
    assert_error(client, f"/api/v1/preview/{query}", 400, code)


# --- Tokens whose snapshot is gone or superseded -------------------------------------------


def test_a_token_naming_another_page_than_its_snapshots_is_refused_with_404(client, token, live_pages):
    snapshot = PreviewSnapshot.objects.get()
    other_page = live_pages["guide"]

    assert_error(client, preview_url(make_token(other_page.pk, snapshot.pk)), 404, "not_found")
    assert_error(client, preview_url(make_token(snapshot.page_id, snapshot.pk + 1000)), 404, "not_found")


def test_a_token_for_a_deleted_snapshot_is_refused_with_404(client, token):
    PreviewSnapshot.objects.all().delete()

    assert_error(client, preview_url(token), 404, "not_found")


def test_publishing_the_page_supersedes_its_earlier_previews(client, superuser_client, token, live_pages):
    article = type(live_pages["article"]).objects.get(pk=live_pages["article"].pk)
    publish(article)

    error = assert_error(client, preview_url(token), 404, "not_found")
    assert error["details"] == {"reason": "superseded", "path": "/articles/ketamine-for-ptsd/"}
    fresh = token_of(preview_link(superuser_client, article, "article"))
    assert get_json(client, preview_url(fresh))["title"] == f"Draft title {MARKER}"


# --- Housekeeping --------------------------------------------------------------------------


def test_the_worker_prunes_preview_snapshots_older_than_a_day(token):
    fresh = PreviewSnapshot.objects.get()
    old = PreviewSnapshot.objects.create(page_id=fresh.page_id, payload={})
    PreviewSnapshot.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=1, minutes=1))

    outcomes = worker.tick()

    assert outcomes["prune_preview_snapshots"] == "ok"
    assert list(PreviewSnapshot.objects.values_list("pk", flat=True)) == [fresh.pk]
