"""Wagtail API v2 kept for compatibility: bounded paging, live content, used media only."""

import pytest

from .api_helpers import get_json

PAGES = "/api/v2/pages/"


@pytest.mark.parametrize("url", [PAGES, "/api/v2/images/", "/api/v2/documents/"])
@pytest.mark.parametrize(
    "query",
    [
        "offset=18446744073709551616",
        "offset=99999999999999999999999",
        "limit=18446744073709551616",
        "offset=10001",
        "offset=-1",
        "limit=abc",
        "offset=1e3",
    ],
)
def test_huge_or_bad_offsets_are_400_not_500(client, api_content, url, query):
    body = get_json(client, f"{url}?{query}", status=400)
    assert set(body) == {"message"}  # v2 keeps its own error shape


def test_pages_are_live_and_public_only(client, api_content):
    body = get_json(client, f"{PAGES}?limit=100")
    slugs = {item["meta"]["slug"] for item in body["items"]}
    assert {"ketamine-for-ptsd", "veteran-ptsd-ketamine", "preparing-for-infusion"} <= slugs
    assert not any("zqxdraftmarker" in slug for slug in slugs)
    get_json(client, f"{PAGES}{api_content.draft_article.pk}/", status=404)


def test_html_url_is_the_frontend_url(client, api_content):
    body = get_json(client, f"{PAGES}?type=articles.ArticlePage&fields=html_url")
    urls = {item["meta"]["html_url"] for item in body["items"]}
    assert "https://frontend.test/articles/ketamine-for-ptsd/" in urls
    listing = get_json(client, f"{PAGES}?limit=100")
    assert all(item["meta"]["html_url"].startswith("https://frontend.test/") for item in listing["items"])


@pytest.mark.parametrize("rich_text_format", ["db_html", "db_markdown", "markdown", "bogus"])
def test_only_display_html_rich_text(client, api_content, rich_text_format):
    get_json(client, f"{PAGES}?rich_text_format={rich_text_format}", status=400)
    get_json(client, f"{PAGES}{api_content.article.pk}/?rich_text_format={rich_text_format}", status=400)
    get_json(client, f"{PAGES}{api_content.article.pk}/?rich_text_format=html")


def test_images_and_documents_only_when_used_by_live_pages(client, api_content):
    images = {item["id"] for item in get_json(client, "/api/v2/images/")["items"]}
    assert images == {api_content.image.pk}
    get_json(client, f"/api/v2/images/{api_content.draft_image.pk}/", status=404)
    documents = {item["id"] for item in get_json(client, "/api/v2/documents/")["items"]}
    assert documents == {api_content.document.pk}
    get_json(client, f"/api/v2/documents/{api_content.draft_document.pk}/", status=404)


def test_no_browsable_api(client, api_content):
    response = client.get(PAGES, HTTP_ACCEPT="text/html")
    assert response.status_code == 406 or response["Content-Type"].startswith("application/json")
