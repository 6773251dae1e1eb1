"""GET /api/v1/search/?q=: Wagtail search (database backend) over live content."""

import pytest

from django.test import override_settings

from .api_helpers import assert_error, get_json, slugs

URL = "/api/v1/search/"


def test_finds_live_content_of_every_type(client, api_content):
    body = get_json(client, f"{URL}?q=ketamine")
    assert set(slugs(body)) == {"ketamine-for-ptsd", "preparing-for-infusion"}
    article = next(r for r in body["results"] if r["type"] == "article")
    assert set(article) == {"type", "slug", "title", "summary", "path", "url", "snippet"}
    assert article["url"] == "https://frontend.test/articles/ketamine-for-ptsd/"
    assert "<mark>ketamine</mark>" in article["snippet"]
    assert "veteran-ptsd-ketamine" in slugs(get_json(client, f"{URL}?q=veteran"))


def test_body_text_is_searched(client, api_content):
    assert slugs(get_json(client, f"{URL}?q=dissociation")) == ["ketamine-for-ptsd"]


def test_type_filter(client, api_content):
    assert slugs(get_json(client, f"{URL}?q=ketamine&type=guide")) == ["preparing-for-infusion"]
    assert_error(client, f"{URL}?q=ketamine&type=page", 400, "invalid_parameter")


def test_snippet_is_escaped(client, api_content):
    from articles.models import GuidePage

    from .fixtures_content import publish

    guide = GuidePage.objects.get(pk=api_content.guide.pk)
    guide.summary = "<script>alert(1)</script> infusion tips"
    publish(guide)
    [result] = get_json(client, f"{URL}?q=tips")["results"]
    assert "<script>" not in result["snippet"]
    assert "&lt;script&gt;" in result["snippet"] and "<mark>tips</mark>" in result["snippet"]


@pytest.mark.parametrize("query", ["q=", "q=%20%20", "", "q=" + "a" * 201, "q=a&q=b"])
def test_empty_long_or_repeated_query_is_400(client, api_content, query):
    error = assert_error(client, f"{URL}?{query}", 400, "invalid_parameter")
    assert error["details"]["parameter"] == "q"


@pytest.mark.parametrize(
    "query",
    ['"', "*", "NEAR(", "-ketamine", "ketamine OR", "a:b", "'", "(((", "%00x".replace("%00", ""), "ü"],
)
def test_odd_queries_never_fail(client, api_content, query):
    from urllib.parse import quote

    body = get_json(client, f"{URL}?q={quote(query)}")
    assert isinstance(body["results"], list)


def test_search_has_its_own_throttle(client, api_content):
    with override_settings(API_THROTTLE_SEARCH="2/minute", API_THROTTLE_ANON="100/minute"):
        get_json(client, f"{URL}?q=ketamine")
        get_json(client, f"{URL}?q=ketamine")
        error = assert_error(client, f"{URL}?q=ketamine", 429, "throttled")
        assert error["details"]["retry_after"] > 0
        get_json(client, "/api/v1/articles/")  # other endpoints are not limited by it


def test_query_count(client, api_content, django_assert_max_num_queries):
    get_json(client, f"{URL}?q=ketamine")
    with django_assert_max_num_queries(10):
        get_json(client, f"{URL}?q=ketamine")


def test_a_title_match_ranks_above_newer_body_matches(client, api_content):
    from articles.models import ArticlePage

    from .fixtures_content import block, publish

    def article(slug: str, title: str, text: str) -> None:
        page = ArticlePage(
            live=False,
            title=title,
            slug=slug,
            summary="More.",
            hero_image=api_content.image,
            body=[block("paragraph", {"text": f"<p>{text}</p>", "citations": []})],
        )
        api_content.tree.articles.add_child(instance=page)
        publish(page)

    article("zebra-title", "Zebra crossings and anxiety", "Nothing else here.")
    for number in range(3):  # published later, so newer
        article(f"zebra-body-{number}", f"Other {number}", "A zebra appears only in this body.")
    body = get_json(client, f"{URL}?q=zebra")
    assert body["count"] == 4
    assert slugs(body)[0] == "zebra-title"
    # Pages that cross from title matches to text matches, or start past them, add up.
    paged = [slugs(get_json(client, f"{URL}?q=zebra&limit=1&offset={n}")) for n in range(5)]
    assert sum(paged, []) == slugs(body) and paged[4] == []
    assert slugs(get_json(client, f"{URL}?q=zebra&limit=2&offset=1")) == slugs(body)[1:3]


def test_search_cost_does_not_depend_on_the_number_of_matches(
    client, api_content, django_assert_max_num_queries
):
    """One ranked query over the index (plus the count and the pages shown), never one search per
    matching page: the query count stays the same however many pages match."""
    get_json(client, f"{URL}?q=ketamine")
    with django_assert_max_num_queries(6):
        get_json(client, f"{URL}?q=ketamine&limit=100")
