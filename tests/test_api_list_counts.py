"""List counts are computed once per content change, not on every request (api/counts.py), and
stay right: a publish, another filter or a new day gives a fresh count. Prepared statements
(api/prepared.py) change how queries are sent, never what a response says."""

from datetime import timedelta
from unittest import mock

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import ArticlePage

from .api_helpers import get_json
from .fixtures_content import block, publish

LIST = "/api/v1/articles/"


def _counting_queries(client, url: str) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as captured:
        body = get_json(client, url)
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    return body, len(counts)


def _new_article(api_content, slug: str) -> ArticlePage:
    page = ArticlePage(
        live=False,
        title=slug.replace("-", " ").title(),
        slug=slug,
        summary="More.",
        hero_image=api_content.image,
        body=[block("paragraph", {"text": "<p>x</p>", "citations": []})],
    )
    api_content.tree.articles.add_child(instance=page)
    return page


def test_a_repeated_list_request_does_not_count_again(client, api_content):
    first, counted_first = _counting_queries(client, LIST)
    second, counted_second = _counting_queries(client, f"{LIST}?limit=1&offset=1")
    assert (counted_first, counted_second) == (1, 0)
    assert first["count"] == second["count"] == 2


def test_a_publish_refreshes_the_count_once_committed(client, api_content, committed):
    assert get_json(client, LIST)["count"] == 2
    committed(lambda: publish(_new_article(api_content, "third-article")))
    body = get_json(client, LIST)
    assert body["count"] == 3
    assert "third-article" in [item["slug"] for item in body["results"]]


def test_an_unpublish_refreshes_the_count_once_committed(client, api_content, committed):
    assert get_json(client, LIST)["count"] == 2
    page = ArticlePage.objects.get(slug="esketamine-for-depression")
    committed(page.unpublish)
    assert get_json(client, LIST)["count"] == 1


def test_each_filter_has_its_own_count(client, api_content):
    assert get_json(client, LIST)["count"] == 2
    _, counted = _counting_queries(client, f"{LIST}?evidence_level=high")
    assert counted == 1
    assert get_json(client, f"{LIST}?evidence_level=high")["count"] == 1


def test_counts_are_taken_again_on_a_new_day(client, api_content):
    get_json(client, f"{LIST}?review_status=current")
    tomorrow = timezone.localdate() + timedelta(days=1)
    with mock.patch("api.counts.timezone.localdate", return_value=tomorrow):
        _, counted = _counting_queries(client, f"{LIST}?review_status=current")
    assert counted == 1


def test_counting_on_every_request_when_switched_off(client, api_content, settings):
    settings.API_COUNT_CACHE_SECONDS = 0
    get_json(client, LIST)
    _, counted = _counting_queries(client, LIST)
    assert counted == 1


@pytest.mark.parametrize(
    "url",
    [LIST, f"{LIST}?limit=1&offset=1", f"{LIST}?evidence_level=high", "/api/v1/articles/ketamine-for-ptsd/"],
)
def test_responses_are_the_same_without_prepared_statements(client, api_content, settings, url):
    """DB_PREPARED_STATEMENTS (PostgreSQL: server-side prepared statements for the hot queries)
    changes how a query is sent, never what it returns."""
    prepared = client.get(url)
    settings.DB_PREPARED_STATEMENTS = False
    plain = client.get(url)
    assert prepared.status_code == plain.status_code == 200
    assert prepared.content == plain.content


def test_a_filter_follows_a_topic_recreated_under_the_same_slug(client, api_content, committed):
    """List queries are compiled once per filter set and content generation: a taxonomy change
    must reach them like any other content change."""
    from articles.models import Topic

    url = f"{LIST}?topic=mental-health"
    assert get_json(client, url)["count"] == 1
    committed(lambda: Topic.objects.filter(slug="mental-health").delete())
    replacement = committed(lambda: Topic.objects.create(name="Mental health", slug="mental-health"))
    page = ArticlePage.objects.get(slug="esketamine-for-depression")
    page.topics = [replacement]
    committed(lambda: publish(page))
    body = get_json(client, url)
    assert [item["slug"] for item in body["results"]] == ["esketamine-for-depression"]
    assert body["count"] == 1
