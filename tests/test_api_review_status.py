"""`review_status` on listings: the filter and the review block in each list item agree, and both
follow the calendar and snippet edits, not only publishing (DESIGN.md §7)."""

from datetime import timedelta

import pytest

from django.utils import timezone

from articles.models import ArticlePage, ReviewRecord

from .api_helpers import assert_error, get_json, slugs

LIST = "/api/v1/articles/"


def set_due(page, days_from_today: int) -> None:
    live_revision_id = ArticlePage.objects.get(pk=page.pk).live_revision_id
    ReviewRecord.objects.filter(revision_id=live_revision_id).update(
        next_review_due=timezone.localdate() + timedelta(days=days_from_today)
    )


def mark_changed(page) -> None:
    live_revision_id = ArticlePage.objects.get(pk=page.pk).live_revision_id
    ReviewRecord.objects.filter(revision_id=live_revision_id).update(changed_since_review=True)


def statuses(body) -> dict[str, str]:
    return {item["slug"]: item["review"]["review_status"] for item in body["results"]}


def test_list_items_carry_the_review_block(client, api_content):
    body = get_json(client, LIST)
    for item in body["results"]:
        review = item["review"]
        assert set(review) == {"reviewed_by", "last_reviewed_at", "next_review_due", "review_status"}
        assert review["reviewed_by"]["name"] and review["review_status"] == "current"


@pytest.mark.parametrize(
    "days, status", [(200, "current"), (31, "current"), (30, "due_soon"), (0, "due_soon"), (-1, "overdue")]
)
def test_filter_and_block_follow_the_due_date(client, api_content, days, status):
    set_due(api_content.article, days)
    body = get_json(client, f"{LIST}?review_status={status}")
    assert "ketamine-for-ptsd" in slugs(body)
    assert statuses(body)["ketamine-for-ptsd"] == status
    # Every listed item has the status asked for.
    assert set(statuses(body).values()) == {status}


def test_a_changed_snippet_outranks_the_due_date(client, api_content):
    set_due(api_content.article, -10)
    mark_changed(api_content.article)
    assert slugs(get_json(client, f"{LIST}?review_status=changed_since_review")) == ["ketamine-for-ptsd"]
    assert "ketamine-for-ptsd" not in slugs(get_json(client, f"{LIST}?review_status=overdue"))


def test_comma_separated_statuses_mean_any_of_them(client, api_content):
    set_due(api_content.article, -1)
    body = get_json(client, f"{LIST}?review_status=overdue,current")
    assert sorted(slugs(body)) == ["esketamine-for-depression", "ketamine-for-ptsd"]
    assert get_json(client, f"{LIST}?review_status=due_soon")["count"] == 0


def test_review_status_combines_with_other_filters(client, api_content):
    set_due(api_content.article, -1)
    body = get_json(client, f"{LIST}?review_status=overdue&condition=depression")
    assert body["count"] == 0


@pytest.mark.parametrize("value", ["stale", "current,stale", ",", "CURRENT"])
def test_an_unknown_review_status_is_a_400(client, api_content, value):
    error = assert_error(client, f"{LIST}?review_status={value}", 400, "invalid_parameter")
    assert "review_status" in error["message"]


@pytest.mark.parametrize("url", ["/api/v1/case-stories/", "/api/v1/guides/"])
def test_case_stories_and_guides_filter_by_review_status_too(client, api_content, url):
    everything = get_json(client, url)
    assert everything["count"] >= 1
    assert get_json(client, f"{url}?review_status=current")["count"] == everything["count"]
    assert get_json(client, f"{url}?review_status=overdue")["count"] == 0


def test_the_review_block_costs_no_query_per_item(client, api_content, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        get_json(client, f"{LIST}?review_status=current,due_soon,overdue&limit=100")
