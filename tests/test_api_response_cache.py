"""HTTP caching of v1: conditional GET (ETag, Last-Modified, 304) and the server-side cache of
rendered responses, which must never outlive the content it holds. Runs against the real cache
backend of the run (local memory, or Redis in CI's second pass)."""

from datetime import timedelta
from unittest import mock

import pytest

from django.test import override_settings
from django.utils import timezone

from articles.models import ArticlePage, GuidePage, Topic

from .fixtures_content import publish

DETAIL = "/api/v1/articles/ketamine-for-ptsd/"
LIST = "/api/v1/articles/"
MARKER = "freshly-approved-wording-7731"

pytestmark = pytest.mark.usefixtures("response_cache_on")


@pytest.fixture
def response_cache_on():
    with override_settings(API_RESPONSE_CACHE=True):
        yield


def test_a_repeated_request_is_served_from_the_cache_with_the_same_etag(client, api_content):
    first = client.get(DETAIL)
    second = client.get(DETAIL)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert first.content == second.content and first["ETag"] == second["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]
    assert second["Cache-Control"] == first["Cache-Control"]


def test_a_cache_hit_does_no_database_work(client, api_content, django_assert_num_queries):
    client.get(LIST)
    with django_assert_num_queries(0):
        assert client.get(LIST)["X-Cache"] == "hit"


def test_matching_if_none_match_is_a_304_from_the_view_and_from_the_cache(client, api_content):
    etag = client.get(DETAIL)["ETag"]
    assert client.get(DETAIL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(DETAIL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_if_modified_since_after_the_last_change_is_a_304(client, api_content):
    last_modified = client.get(DETAIL)["Last-Modified"]
    assert client.get(DETAIL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_each_query_string_has_its_own_entry(client, api_content):
    everything = client.get(LIST).json()
    one = client.get(f"{LIST}?limit=1")
    assert one["X-Cache"] == "miss"
    assert len(one.json()["results"]) == 1 and everything["count"] == 2


def test_publishing_a_new_version_serves_it_at_once_with_a_new_etag(client, api_content, committed):
    before = client.get(DETAIL)
    assert client.get(DETAIL)["X-Cache"] == "hit"
    article = ArticlePage.objects.get(pk=api_content.article.pk)
    article.title = f"Ketamine for PTSD {MARKER}"
    committed(lambda: publish(article))
    after = client.get(DETAIL)
    assert after["X-Cache"] == "miss"
    assert MARKER in after.content.decode() and after["ETag"] != before["ETag"]
    assert client.get(DETAIL, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    assert MARKER in client.get(LIST).content.decode()


def test_unpublished_content_is_gone_from_every_cached_response(client, api_content, committed):
    guide_url = "/api/v1/guides/preparing-for-infusion/"
    urls = [guide_url, "/api/v1/guides/", "/api/v1/sitemap/"]
    for url in urls:
        assert "preparing-for-infusion" in client.get(url).content.decode()
        assert client.get(url)["X-Cache"] == "hit"
    committed(lambda: GuidePage.objects.get(pk=api_content.guide.pk).unpublish())
    assert client.get(guide_url).status_code == 404
    for url in urls[1:]:
        assert "preparing-for-infusion" not in client.get(url).content.decode(), url


def test_a_new_view_restriction_takes_the_page_out_of_cached_responses(client, api_content, committed):
    from wagtail.models import Page, PageViewRestriction

    guide_url = "/api/v1/guides/preparing-for-infusion/"
    client.get(guide_url)
    assert client.get(guide_url)["X-Cache"] == "hit"
    guide = Page.objects.get(pk=api_content.guide.pk)
    committed(
        lambda: PageViewRestriction.objects.create(
            page=guide, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    )
    assert client.get(guide_url).status_code == 404


def test_a_new_redirect_invalidates_cached_resolutions(client, api_content, committed):
    from wagtail.contrib.redirects.models import Redirect

    url = "/api/v1/resolve/?path=/articles/ketamine-for-ptsd/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "hit"
    committed(lambda: Redirect.objects.create(old_path="/old-ketamine-page", redirect_link="/articles/"))
    assert client.get(url)["X-Cache"] == "miss"


def test_editing_a_displayed_record_refreshes_the_taxonomy(client, api_content, committed):
    assert "Mental health" in client.get("/api/v1/topics/").content.decode()
    topic = Topic.objects.get(pk=api_content.topic.pk)
    topic.name = "Mental wellbeing"
    committed(topic.save)
    assert "Mental wellbeing" in client.get("/api/v1/topics/").content.decode()


def test_a_publish_that_rolls_back_keeps_the_cache(client, api_content, django_capture_on_commit_callbacks):
    client.get(DETAIL)
    # Nothing committed, nothing run on commit: the entry is still valid.
    with django_capture_on_commit_callbacks(execute=False):
        Topic.objects.get(pk=api_content.topic.pk).save()
    assert client.get(DETAIL)["X-Cache"] == "hit"


def test_review_status_is_recomputed_on_a_new_day(client, api_content):
    client.get(DETAIL)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with mock.patch("api.cache.timezone.localdate", return_value=tomorrow):
        assert client.get(DETAIL)["X-Cache"] == "miss"


def test_errors_are_never_cached(client, api_content):
    for _ in range(2):
        response = client.get("/api/v1/articles/no-such-article/")
        assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert "X-Cache" not in response


@override_settings(API_THROTTLE_ANON="2/minute")
def test_cached_responses_still_count_against_the_throttle(client, api_content):
    statuses = [client.get(DETAIL).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_cache_can_be_switched_off(client, api_content):
    with override_settings(API_RESPONSE_CACHE=False):
        client.get(DETAIL)
        assert client.get(DETAIL)["X-Cache"] == "off"
