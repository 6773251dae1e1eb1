"""Topics, conditions and treatments with counts of live content; the glossary."""

import pytest

from .api_helpers import assert_error, get_json


def by_slug(body: dict) -> dict:
    return {item["slug"]: item for item in body["results"]}


def test_topics_count_live_content_only(client, api_content):
    topics = by_slug(get_json(client, "/api/v1/topics/"))
    assert topics["mental-health"]["counts"] == {"articles": 1, "guides": 1}
    # Only the draft article uses it: listed, but counted as nothing.
    assert topics["anaesthesia"]["counts"] == {"articles": 0, "guides": 0}


def test_conditions_and_treatments(client, api_content):
    conditions = by_slug(get_json(client, "/api/v1/conditions/"))
    assert conditions["ptsd"]["counts"] == {"articles": 1, "case_stories": 1}
    assert conditions["ptsd"]["icd10_code"] == "F43.1"
    assert conditions["chronic-pain"]["counts"] == {"articles": 0, "case_stories": 0}
    treatments = by_slug(get_json(client, "/api/v1/treatments/"))
    # The draft case story about ketamine is not counted.
    assert treatments["ketamine"]["counts"] == {"articles": 1, "case_stories": 1, "guides": 1}
    assert treatments["esketamine"]["counts"] == {"articles": 1, "case_stories": 0, "guides": 0}


def test_taxonomy_detail(client, api_content):
    assert get_json(client, "/api/v1/topics/mental-health/")["name"] == "Mental health"
    assert_error(client, "/api/v1/topics/nope/", 404, "not_found")


def test_glossary(client, api_content):
    body = get_json(client, "/api/v1/glossary/")
    assert [term["term"] for term in body["results"]] == ["Dissociation", "Neuroplasticity"]
    assert set(body["results"][0]) == {"slug", "term", "short_definition", "long_definition"}
    assert get_json(client, "/api/v1/glossary/dissociation/")["term"] == "Dissociation"


@pytest.mark.parametrize("url", ["/api/v1/topics/", "/api/v1/conditions/", "/api/v1/glossary/"])
def test_taxonomy_lists_are_paginated_and_strict(client, api_content, url):
    assert get_json(client, f"{url}?limit=1")["next"]
    assert_error(client, f"{url}?q=x", 400, "unknown_parameter")


def test_query_count(client, api_content, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        get_json(client, "/api/v1/treatments/")
