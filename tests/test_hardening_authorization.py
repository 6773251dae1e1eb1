"""Authorization: who reaches which admin view, CSRF on admin posts, a read-only public API, and a
crawl of the whole public API for private data.

Roles come from migration 0003 (Writers, Editors, Medical reviewers, Administrators) plus an
anonymous visitor, a signed-in account without admin access and a superuser. "Denied" means a
redirect to the login page (not signed in to the admin) or, for a signed-in editor, Wagtail's
redirect to the dashboard with a permission message (or a 403): never the page itself.

Consent records hold a patient's consent and de-identification facts. Editors record them,
medical reviewers check them before approving a clinic patient's story, administrators manage
them; writers draft the story and never need the record, so they are denied.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from wagtail.models import Page, Site, TaskState

from articles.models import CaseStoryConsent, CaseStoryPage, Person, ReviewRecord
from articles.review.service import submit_for_review

from .factories import role_user

User = get_user_model()

ROLES = ("anonymous", "no_admin", "writer", "editor", "reviewer", "administrator", "superuser")
ALL_STAFF = frozenset({"writer", "editor", "reviewer", "administrator", "superuser"})
PAGE_EDITORS = frozenset({"writer", "editor", "administrator", "superuser"})
CONSENT_VIEWERS = frozenset({"editor", "reviewer", "administrator", "superuser"})
REVIEW_HISTORY = frozenset({"editor", "reviewer", "administrator", "superuser"})
EDITORIAL_TASK = frozenset({"editor", "superuser"})  # the "Editors" group approval task
ADMINS = frozenset({"administrator", "superuser"})


@pytest.fixture
def world(review_team, make_article, make_case_story, make_consent, publish_reviewed, reference):
    """A live article with a newer draft, an article waiting at the editorial task, a consent record
    and one user per role."""
    live = make_article(references=[reference])
    record = publish_reviewed(live)
    live.title = "A newer draft"
    live.save_revision(user=review_team["writer"])
    in_review = make_article("waiting-for-review")
    in_review.save_revision(user=review_team["writer"])
    submit_for_review(in_review, review_team["writer"])
    consent = make_consent(make_case_story(), notes="Signed form in clinic safe 3")
    users = {
        **review_team,
        "administrator": role_user("ada.admin", "Administrators"),
        "no_admin": User.objects.create_user("nora.noadmin", "nora@example.invalid", "unused"),
        "superuser": User.objects.create_superuser("sam.super", "sam@example.invalid", "unused"),
    }
    return {
        "live": live,
        "record": record,
        "in_review": in_review,
        "task_state": in_review.current_workflow_task_state,
        "consent": consent,
        "reference": reference,
        "person": Person.objects.get(user=review_team["reviewer"]),
        "users": users,
    }


def client_for(world: dict, role: str, **options) -> Client:
    client = Client(**options)
    if role != "anonymous":
        client.force_login(world["users"][role])  # not login(): django-axes (DESIGN.md §8)
    return client


def admin_urls(world: dict) -> dict[str, tuple[str, frozenset[str]]]:
    """Admin URL by name, with the roles that may open it."""
    live, in_review, task_state = world["live"], world["in_review"], world["task_state"]
    site = Site.objects.get(is_default_site=True)
    return {
        "page edit": (reverse("wagtailadmin_pages:edit", args=(live.pk,)), PAGE_EDITORS),
        "revision compare": (
            reverse("wagtailadmin_pages:revisions_compare", args=(live.pk, "live", "latest")),
            PAGE_EDITORS,
        ),
        "page history": (reverse("wagtailadmin_pages:history", args=(live.pk,)), PAGE_EDITORS),
        "workflow history": (reverse("wagtailadmin_pages:workflow_history", args=(live.pk,)), PAGE_EDITORS),
        "preview": (reverse("wagtailadmin_pages:preview_on_edit", args=(live.pk,)), PAGE_EDITORS),
        "workflow action form": (
            reverse(
                "wagtailadmin_pages:collect_workflow_action_data",
                args=(in_review.pk, "approve", task_state.pk),
            ),
            EDITORIAL_TASK,
        ),
        "workflow task preview": (
            reverse("wagtailadmin_pages:workflow_preview", args=(in_review.pk, task_state.task_id)),
            EDITORIAL_TASK,
        ),
        "safety settings": (
            reverse("wagtailsettings:edit", args=("articles", "safetysettings", site.pk)),
            ADMINS,
        ),
        "references": (reverse("wagtailsnippets_articles_reference:list"), ALL_STAFF),
        "reference edit": (
            reverse("wagtailsnippets_articles_reference:edit", args=(world["reference"].pk,)),
            PAGE_EDITORS,
        ),
        "people": (reverse("wagtailsnippets_articles_person:list"), ALL_STAFF),
        "person edit": (
            reverse("wagtailsnippets_articles_person:edit", args=(world["person"].pk,)),
            PAGE_EDITORS,
        ),
        "consent records": (reverse("consent_records:index"), CONSENT_VIEWERS),
        "consent edit": (reverse("consent_records:edit", args=(world["consent"].pk,)), CONSENT_VIEWERS),
        "consent add": (reverse("consent_records:add"), CONSENT_VIEWERS - {"reviewer"}),
        "consent history": (
            reverse("consent_records:history", args=(world["consent"].pk,)),
            CONSENT_VIEWERS,
        ),
        "consent delete": (reverse("consent_records:delete", args=(world["consent"].pk,)), ADMINS),
        "page chooser": (reverse("wagtailadmin_choose_page"), ALL_STAFF),
        "image chooser": (reverse("wagtailimages_chooser:choose"), ALL_STAFF),
        "document chooser": (reverse("wagtaildocs_chooser:choose"), ALL_STAFF),
        "reference chooser": (reverse("wagtailsnippetchoosers_articles_reference:choose"), ALL_STAFF),
        "review records": (reverse("review_records:index"), REVIEW_HISTORY),
        "review record": (reverse("review_records:inspect", args=(world["record"].pk,)), REVIEW_HISTORY),
        "review record edit": (reverse("review_records:edit", args=(world["record"].pk,)), frozenset()),
        "report: due for review": (reverse("medical_review_due"), ALL_STAFF),
        "report: workflows": (reverse("wagtailadmin_reports:workflow"), PAGE_EDITORS),
        "users": (reverse("wagtailusers_users:index"), ADMINS),
        "groups": (reverse("wagtailusers_groups:index"), frozenset({"superuser"})),
        "workflows": (reverse("wagtailadmin_workflows:index"), ADMINS),
    }


def _denied(response) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 302 and not response["Location"].startswith(response.request["PATH_INFO"])


def test_admin_views_by_role(world):
    """The whole table in one test (one fixture build): a mismatch lists every wrong cell."""
    wrong = []
    for name, (url, allowed) in admin_urls(world).items():
        for role in ROLES:
            response = client_for(world, role).get(url)
            if role in allowed:
                ok = response.status_code == 200
            elif role in ("anonymous", "no_admin"):
                ok = response.status_code == 302 and "/admin/login/" in response["Location"]
            else:
                ok = _denied(response)
            if not ok:
                wrong.append(f"{name} as {role}: {response.status_code}")
    assert wrong == []


def test_person_licence_fields_are_hidden_from_writers_and_editors(world):
    person = world["person"]
    url = reverse("wagtailsnippets_articles_person:edit", args=(person.pk,))
    for role in ("writer", "editor"):
        client = client_for(world, role)
        assert person.licence_number not in client.get(url).content.decode()
        response = client.post(
            url,
            {
                "name": person.name,
                "slug": person.slug,
                "credentials": person.credentials,
                "role": person.role,
                "specialty": person.specialty,
                "bio": person.bio,
                "conflict_of_interest": person.conflict_of_interest,
                "licence_number": "FORGED-1",
                "licence_expiry": "2099-01-01",
                "user": world["users"][role].pk,
            },
        )
        assert response.status_code in (200, 302)
        person.refresh_from_db()
        assert person.licence_number == "LIC-12345" and person.user == world["users"]["reviewer"]
    assert "LIC-12345" in client_for(world, "administrator").get(url).content.decode()


@pytest.mark.parametrize(("role", "allowed"), [(role, role in EDITORIAL_TASK) for role in ROLES])
def test_workflow_action_post_by_role(world, role, allowed):
    in_review, task_state = world["in_review"], world["task_state"]
    url = reverse("wagtailadmin_pages:workflow_action", args=(in_review.pk, "approve", task_state.pk))
    response = client_for(world, role).post(url, {"comment": ""})
    assert response.status_code < 500
    task_state = TaskState.objects.get(pk=task_state.pk)
    assert (task_state.status == TaskState.STATUS_APPROVED) is allowed, response.status_code


# --- CSRF -------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["page edit", "workflow action", "logout", "consent edit"])
def test_admin_posts_without_csrf_token_are_refused(world, target):
    client = client_for(world, "superuser", enforce_csrf_checks=True)
    in_review, task_state = world["in_review"], world["task_state"]
    url = {
        "page edit": reverse("wagtailadmin_pages:edit", args=(world["live"].pk,)),
        "workflow action": reverse(
            "wagtailadmin_pages:workflow_action", args=(in_review.pk, "approve", task_state.pk)
        ),
        "logout": reverse("wagtailadmin_logout"),
        "consent edit": reverse("consent_records:edit", args=(world["consent"].pk,)),
    }[target]
    before = Page.objects.get(pk=world["live"].pk).latest_revision_id
    response = client.post(url, {"title": "Forged", "withdrawn": "on", "comment": ""})
    assert response.status_code == 403
    assert Page.objects.get(pk=world["live"].pk).latest_revision_id == before
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert CaseStoryConsent.objects.get(pk=world["consent"].pk).withdrawn is False
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # still signed in


# --- The public API is read-only --------------------------------------------------------------

V1_ENDPOINTS = [
    "/api/v1/articles/",
    "/api/v1/articles/ketamine-and-depression/",
    "/api/v1/case-stories/",
    "/api/v1/guides/",
    "/api/v1/topics/",
    "/api/v1/glossary/",
    "/api/v1/search/",
    "/api/v1/sitemap/",
    "/api/v1/changes/",
    "/api/v1/resolve/",
    "/api/v1/preview/",
]
V2_ENDPOINTS = ["/api/v2/pages/", "/api/v2/pages/1/", "/api/v2/images/", "/api/v2/documents/"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", V1_ENDPOINTS + V2_ENDPOINTS)
def test_unsafe_methods_on_the_public_api_are_405(client, site_tree, method, url):
    response = getattr(client, method)(url, data=json.dumps({"title": "x"}), content_type="application/json")
    assert response.status_code == 405, (url, response.status_code)
    assert response["Content-Type"].startswith("application/json")
    assert "GET" in response["Allow"] and method.upper() not in response["Allow"]


# --- Crawl of the public API with the demo content --------------------------------------------

SECRET_COMMENT = "Reviewer-only remark 7f3a: dose wording felt off"
SECRET_ACK = "Acknowledged 7f3a: two references pending verification"
SECRET_CONSENT_NOTE = "Consent form 7f3a filed in cabinet B"
FORBIDDEN_KEYS = {
    "email",
    "username",
    "user",
    "user_id",
    "owner",
    "uploaded_by_user",
    "locked_by",
    "licence_number",
    "licence_expiry",
    "consent_record",
    "consent_obtained",
    "consent_date",
    "guardian_consent",
    "child_assent",
    "deidentification_confirmed",
    "recorded_by",
    "acknowledgement",
    "reviewer_comment",
}


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once for this module, plus the private data the API must never
    show: a reviewer comment and acknowledgement, and a consent record with notes."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        ReviewRecord.objects.update(comment=SECRET_COMMENT, acknowledgement=SECRET_ACK)
        story = CaseStoryPage.objects.live().first()
        CaseStoryConsent.objects.update_or_create(
            case_story=story,
            defaults={
                "consent_obtained": True,
                "scope_includes_publication": True,
                "deidentification_confirmed": True,
                "notes": SECRET_CONSENT_NOTE,
            },
        )
        yield
        transaction.set_rollback(True)


def _json(response) -> object:
    return json.loads(response.content) if response.content else None


def _crawl(client: Client) -> Iterator[tuple[str, object, bytes]]:
    """Every v1 list and detail, v2 list and detail; yields (url, parsed JSON, raw body)."""
    seen: set[str] = set()

    def fetch(url: str):
        if url in seen:
            return None
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        return response

    lists = [
        "/api/v1/articles/",
        "/api/v1/case-stories/",
        "/api/v1/guides/",
        "/api/v1/topics/",
        "/api/v1/conditions/",
        "/api/v1/treatments/",
        "/api/v1/glossary/",
        "/api/v1/sitemap/",
        "/api/v1/changes/",
        "/api/v1/search/?q=ketamine",
        "/api/v1/search/?q=consent",
        "/api/v1/search/?q=review",
    ]
    for url in lists:
        response = fetch(url)
        body = _json(response)
        yield url, body, response.content
        results = body.get("results", []) if isinstance(body, dict) else []
        base = url.split("?")[0]
        for item in results:
            if isinstance(item, dict) and item.get("slug") and base.rstrip("/").count("/") == 3:
                if "search" in base or "sitemap" in base or "changes" in base:
                    continue
                detail = fetch(f"{base}{item['slug']}/")
                if detail is not None:
                    yield detail.request["PATH_INFO"], _json(detail), detail.content
            if isinstance(item, dict) and item.get("path"):
                resolved = fetch(f"/api/v1/resolve/?path={item['path']}")
                if resolved is not None:
                    yield "resolve " + item["path"], _json(resolved), resolved.content
    for kind in ("pages", "images", "documents"):
        listing = fetch(f"/api/v2/{kind}/?limit=100")
        body = _json(listing)
        yield f"/api/v2/{kind}/", body, listing.content
        for item in body.get("items", []):
            detail = fetch(f"/api/v2/{kind}/{item['id']}/")
            yield detail.request["PATH_INFO"], _json(detail), detail.content


def _keys(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _keys(inner)


def test_public_api_crawl_shows_no_private_data(demo_site, db, client):
    users = list(User.objects.all())
    assert {u.username for u in users} >= {"wren.writer.demo", "maren.reviewer.demo", "ada.admin.demo"}
    secrets = {u.email for u in users if u.email} | {u.username for u in users}
    secrets |= {p.licence_number for p in Person.objects.exclude(licence_number="")}
    secrets |= {SECRET_COMMENT, SECRET_ACK, SECRET_CONSENT_NOTE}
    assert any(s.startswith("DEMO-") for s in secrets)  # the demo reviewers' licence numbers

    pages = 0
    for url, body, raw in _crawl(client):
        pages += 1
        text = raw.decode()
        leaked = sorted(s for s in secrets if s in text)
        assert leaked == [], f"{url} shows {leaked}"
        assert FORBIDDEN_KEYS.isdisjoint(_keys(body)), (url, FORBIDDEN_KEYS & set(_keys(body)))
    # The crawl reached real content: lists, their details and all three v2 collections.
    assert pages >= 25, pages
