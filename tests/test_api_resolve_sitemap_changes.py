"""/resolve/, /sitemap/ and /changes/: frontend routing, sitemaps and incremental sync."""

import pytest

from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from api.models import Tombstone
from articles.models import ArticlePage, GuidePage

from .api_helpers import assert_error, get_json
from .fixtures_content import publish

RESOLVE = "/api/v1/resolve/"


def test_resolve_a_page_path(client, api_content):
    body = get_json(client, f"{RESOLVE}?path=/articles/ketamine-for-ptsd/")
    assert body["type"] == "article" and body["slug"] == "ketamine-for-ptsd" and body["redirect"] is None
    assert body["data"] == get_json(client, "/api/v1/articles/ketamine-for-ptsd/")
    # Without the trailing slash too.
    assert get_json(client, f"{RESOLVE}?path=/guides/preparing-for-infusion")["type"] == "guide"


@pytest.mark.parametrize(
    ("path", "page_type"),
    [("/", "home"), ("/articles/", "article_index"), ("/case-stories/", "case_story_index")],
)
def test_resolve_home_and_sections(client, api_content, path, page_type):
    body = get_json(client, f"{RESOLVE}?path={path}")
    assert body["type"] == page_type and body["data"]["type"] == page_type
    assert body["data"]["path"] == path


def test_resolve_redirects(client, api_content):
    Redirect.add_redirect("/articles/old-ketamine", redirect_to=api_content.article, is_permanent=True)
    Redirect.add_redirect("/elsewhere", redirect_to="https://example.org/x", is_permanent=False)
    body = get_json(client, f"{RESOLVE}?path=/articles/old-ketamine/")
    assert body["type"] == "redirect" and body["data"] is None
    assert body["redirect"] == {
        "location": "/articles/ketamine-for-ptsd/",
        "url": "https://frontend.test/articles/ketamine-for-ptsd/",
        "permanent": True,
    }
    external = get_json(client, f"{RESOLVE}?path=/elsewhere")["redirect"]
    assert external == {
        "location": "https://example.org/x",
        "url": "https://example.org/x",
        "permanent": False,
    }


def test_redirect_to_a_draft_is_not_revealed(client, api_content):
    Redirect.add_redirect("/old-draft", redirect_to=Page.objects.get(pk=api_content.draft_article.pk))
    assert_error(client, f"{RESOLVE}?path=/old-draft", 404, "not_found")


def test_slug_change_redirect_is_resolved(client, api_content):
    article = ArticlePage.objects.get(pk=api_content.second_article.pk)
    Redirect.add_redirect("/articles/esketamine-for-depression", redirect_to=article)
    article.slug = "esketamine-nasal-spray"
    publish(article)
    body = get_json(client, f"{RESOLVE}?path=/articles/esketamine-for-depression/")
    assert body["redirect"]["location"] == "/articles/esketamine-nasal-spray/"


@pytest.mark.parametrize(
    "path", ["/articles/zqxdraftmarker-article/", "/no/such/page/", "/articles/ketamine-for-ptsd/x/"]
)
def test_unknown_or_draft_path_is_404(client, api_content, path):
    assert_error(client, f"{RESOLVE}?path={path}", 404, "not_found")


@pytest.mark.parametrize(
    "query", ["", "path=", "path=articles/x/", "path=//evil.example/", "path=/a?b", "path=/" + "a" * 1100]
)
def test_bad_path_is_400(client, api_content, query):
    assert_error(client, f"{RESOLVE}?{query}", 400, "invalid_parameter")


def test_sitemap_lists_every_live_frontend_url(client, api_content):
    body = get_json(client, "/api/v1/sitemap/")
    paths = [entry["path"] for entry in body["results"]]
    assert paths == sorted(paths)
    assert set(paths) == {
        "/",
        "/articles/",
        "/articles/esketamine-for-depression/",
        "/articles/ketamine-for-ptsd/",
        "/case-stories/",
        "/case-stories/veteran-ptsd-ketamine/",
        "/guides/",
        "/guides/preparing-for-infusion/",
    }
    article = next(e for e in body["results"] if e["path"] == "/articles/ketamine-for-ptsd/")
    assert article["url"] == "https://frontend.test/articles/ketamine-for-ptsd/"
    assert article["type"] == "article" and article["last_modified"]


def test_sitemap_pages_are_larger(client, api_content):
    assert get_json(client, "/api/v1/sitemap/?limit=5000")["count"] == 8
    assert_error(client, "/api/v1/sitemap/?limit=5001", 400, "invalid_parameter")


def _since(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def test_changes_since_lists_publishes_oldest_first(client, api_content):
    body = get_json(client, "/api/v1/changes/?since=2000-01-01T00:00:00Z")
    assert body["count"] == 4
    times = [entry["at"] for entry in body["results"]]
    assert times == sorted(times)
    assert {entry["event"] for entry in body["results"]} == {"published"}
    article = next(e for e in body["results"] if e["slug"] == "ketamine-for-ptsd")
    assert article == {
        "event": "published",
        "type": "article",
        "id": api_content.article.pk,
        "slug": "ketamine-for-ptsd",
        "path": "/articles/ketamine-for-ptsd/",
        "url": "https://frontend.test/articles/ketamine-for-ptsd/",
        "at": article["at"],
    }


def test_republish_is_an_update(client, api_content):
    before = timezone.now()
    publish(GuidePage.objects.get(pk=api_content.guide.pk))
    [entry] = get_json(client, f"/api/v1/changes/?since={_since(before)}")["results"]
    assert (entry["event"], entry["slug"]) == ("updated", "preparing-for-infusion")


def test_unpublish_and_delete_leave_tombstones(client, api_content):
    before = timezone.now()
    GuidePage.objects.get(pk=api_content.guide.pk).unpublish()
    ArticlePage.objects.get(pk=api_content.second_article.pk).delete()
    ArticlePage.objects.get(pk=api_content.draft_article.pk).delete()  # never published: no trace
    body = get_json(client, f"/api/v1/changes/?since={_since(before)}")
    assert [(e["event"], e["type"], e["slug"], e["path"]) for e in body["results"]] == [
        ("unpublished", "guide", "preparing-for-infusion", "/guides/preparing-for-infusion/"),
        ("deleted", "article", "esketamine-for-depression", "/articles/esketamine-for-depression/"),
    ]
    assert Tombstone.objects.count() == 2
    # And they are gone from the other endpoints.
    assert get_json(client, "/api/v1/articles/")["count"] == 1
    assert_error(client, "/api/v1/guides/preparing-for-infusion/", 404)


@pytest.mark.parametrize(
    "query", ["", "since=", "since=last-week", "since=2026-02-30T00:00:00Z", "since=1&since=2"]
)
def test_changes_needs_a_valid_since(client, api_content, query):
    error = assert_error(client, f"/api/v1/changes/?{query}", 400, "invalid_parameter")
    assert error["details"]["parameter"] == "since"


def test_changes_paginate(client, api_content):
    first = get_json(client, "/api/v1/changes/?since=2000-01-01&limit=3")
    second = get_json(client, "/api/v1/changes/?since=2000-01-01&limit=3&offset=3")
    assert len(first["results"]) == 3 and len(second["results"]) == 1 and first["next"]


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        (f"{RESOLVE}?path=/articles/ketamine-for-ptsd/", 15),
        (f"{RESOLVE}?path=/no/such/", 6),  # Wagtail's RedirectMiddleware also looks at any 404
        ("/api/v1/sitemap/", 4),
        ("/api/v1/changes/?since=2000-01-01", 4),
    ],
)
def test_query_counts(client, api_content, django_assert_max_num_queries, url, limit):
    client.get(url)
    with django_assert_max_num_queries(limit):
        client.get(url)
