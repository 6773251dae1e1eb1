"""Nothing unpublished ever leaves the API: a never-published page's marker text, slug and id (and
the image and document only it uses) appear in no endpoint of v1 or v2, nor does the newer draft
of a live page, nor a page behind a view restriction."""

import re
from urllib.parse import quote

import pytest

from wagtail.models import Page, PageViewRestriction

from articles.models import ArticlePage

from .api_helpers import get_json
from .fixtures_content import DRAFT_IDS, DRAFT_MARKER, publish

DRAFT_ID_PATTERN = re.compile("|".join(rf"(?<!\d){pk}(?!\d)" for pk in DRAFT_IDS.values()))


def v1_urls(content) -> list[str]:
    live = [
        "/api/v1/articles/ketamine-for-ptsd/",
        "/api/v1/articles/esketamine-for-depression/",
        "/api/v1/case-stories/veteran-ptsd-ketamine/",
        "/api/v1/guides/preparing-for-infusion/",
    ]
    listings = [
        "/api/v1/articles/?limit=100",
        "/api/v1/articles/?topic=anaesthesia",
        "/api/v1/articles/?condition=chronic-pain",
        "/api/v1/case-stories/?limit=100",
        "/api/v1/guides/?limit=100",
        "/api/v1/topics/?limit=100",
        "/api/v1/conditions/?limit=100",
        "/api/v1/treatments/?limit=100",
        "/api/v1/glossary/?limit=100",
        "/api/v1/sitemap/",
        "/api/v1/changes/?since=2000-01-01",
    ]
    searches = [
        f"/api/v1/search/?q={quote(q)}" for q in (DRAFT_MARKER, "unpublished", "never published", "ketamine")
    ]
    resolves = [f"/api/v1/resolve/?path=/{section}/" for section in ("articles", "case-stories", "guides")]
    resolves += ["/api/v1/resolve/?path=/articles/ketamine-for-ptsd/"]
    return live + listings + searches + resolves


def v2_urls(content) -> list[str]:
    live_ids = [content.article.pk, content.second_article.pk, content.case_story.pk, content.guide.pk]
    urls = [
        "/api/v2/pages/?limit=100",
        "/api/v2/pages/?limit=100&fields=*",
        f"/api/v2/pages/?search={DRAFT_MARKER}",
        "/api/v2/pages/?search=unpublished",
        "/api/v2/images/?limit=100",
        "/api/v2/documents/?limit=100",
    ]
    urls += [f"/api/v2/pages/{pk}/?rich_text_format=html" for pk in live_ids]
    urls += [f"/api/v2/pages/{pk}/" for pk in live_ids]
    return urls


def assert_clean(url: str, text: str) -> None:
    assert DRAFT_MARKER not in text.lower(), url
    assert not DRAFT_ID_PATTERN.search(text), (url, DRAFT_ID_PATTERN.search(text).group(0))


def test_no_endpoint_shows_drafts(client, api_content):
    for url in v1_urls(api_content) + v2_urls(api_content):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_clean(url, response.content.decode())


@pytest.mark.parametrize("rich_text_format", ["db_html", "db_markdown", "markdown"])
def test_v2_refuses_the_formats_that_would_leak(client, api_content, rich_text_format):
    for pk in (api_content.article.pk, api_content.case_story.pk, api_content.guide.pk):
        response = client.get(f"/api/v2/pages/{pk}/?rich_text_format={rich_text_format}")
        assert response.status_code == 400
        assert_clean("v2", response.content.decode())


def test_drafts_are_not_found_by_slug_path_or_id(client, api_content):
    urls = [
        f"/api/v1/articles/{DRAFT_MARKER}-article/",
        f"/api/v1/case-stories/{DRAFT_MARKER}-story/",
        f"/api/v1/guides/{DRAFT_MARKER}-guide/",
        f"/api/v1/resolve/?path=/articles/{DRAFT_MARKER}-article/",
        f"/api/v2/pages/{DRAFT_IDS['article']}/",
        f"/api/v2/pages/find/?html_path=/articles/{DRAFT_MARKER}-article/",
        f"/api/v2/images/{DRAFT_IDS['image']}/",
        f"/api/v2/documents/{DRAFT_IDS['document']}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_deleting_a_never_published_page_leaves_no_tombstone(client, api_content):
    ArticlePage.objects.get(pk=api_content.draft_article.pk).delete()
    assert_clean("changes", client.get("/api/v1/changes/?since=2000-01-01").content.decode())


def test_rich_text_link_to_a_page_unpublished_later_becomes_plain_text(client, api_content):
    api_content.guide.__class__.objects.get(pk=api_content.guide.pk).unpublish()
    paragraph = next(
        b for b in get_json(client, "/api/v1/articles/ketamine-for-ptsd/")["body"] if b["type"] == "paragraph"
    )
    assert (
        "preparing-for-infusion" not in paragraph["value"]["text"]
        and "the guide" in paragraph["value"]["text"]
    )


def test_pages_behind_a_view_restriction_are_not_public(client, api_content):
    guide = Page.objects.get(pk=api_content.guide.pk)
    PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert "preparing-for-infusion" not in client.get("/api/v1/guides/").content.decode()
    assert client.get("/api/v1/guides/preparing-for-infusion/").status_code == 404
    assert client.get("/api/v1/resolve/?path=/guides/preparing-for-infusion/").status_code == 404
    for url in ("/api/v1/sitemap/", "/api/v1/search/?q=infusion", "/api/v1/articles/ketamine-for-ptsd/"):
        assert "preparing-for-infusion" not in client.get(url).content.decode(), url


def test_only_the_published_revision_is_served(client, api_content):
    article = ArticlePage.objects.get(pk=api_content.article.pk)
    article.title = f"Draft title {DRAFT_MARKER}"
    article.save_revision()
    for url in v1_urls(api_content):
        assert_clean(url, client.get(url).content.decode())
    publish(ArticlePage.objects.get(pk=api_content.article.pk).get_latest_revision_as_object())
    assert DRAFT_MARKER in client.get("/api/v1/articles/ketamine-for-ptsd/").content.decode().lower()
