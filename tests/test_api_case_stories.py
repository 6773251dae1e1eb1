"""GET /api/v1/case-stories/ and /<slug>/: structured case data, never consent or personal data."""

import pytest

from articles.choices import CaseSource

from .api_helpers import assert_error, get_json, slugs

LIST = "/api/v1/case-stories/"
DETAIL = "/api/v1/case-stories/veteran-ptsd-ketamine/"


def test_list(client, api_content):
    body = get_json(client, LIST)
    assert body["count"] == 1
    [item] = body["results"]
    assert item["type"] == "case_story" and item["slug"] == "veteran-ptsd-ketamine"
    assert item["age_band"] == {"value": "35-44", "label": "35–44"}
    assert item["conditions"][0]["slug"] == "ptsd"
    assert item["treatment"] == {"slug": "ketamine", "name": "Ketamine"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("condition=ptsd", ["veteran-ptsd-ketamine"]),
        ("condition=depression", []),  # a comorbidity, not the story's subject
        ("treatment=ketamine", ["veteran-ptsd-ketamine"]),
        ("treatment=esketamine", []),  # tried before, not the intervention
        ("condition=ptsd&treatment=ketamine", ["veteran-ptsd-ketamine"]),
    ],
)
def test_filters(client, api_content, query, expected):
    assert slugs(get_json(client, f"{LIST}?{query}")) == expected


@pytest.mark.parametrize(
    "query", ["condition=nope", "treatment=nope", "topic=mental-health", "audience=patients"]
)
def test_unknown_filter_or_slug_is_400(client, api_content, query):
    assert_error(client, f"{LIST}?{query}", 400)


def test_detail_has_the_structured_case(client, api_content):
    story = get_json(client, DETAIL)
    assert story["patient"] == {
        "age_band": {"value": "35-44", "label": "35–44"},
        "sex": {"value": "male", "label": "Male"},
        "context": "Military veteran",
    }
    assert [c["slug"] for c in story["conditions"]] == ["ptsd"]
    assert [c["slug"] for c in story["comorbidities"]] == ["depression"]
    assert [t["slug"] for t in story["prior_treatments"]] == ["esketamine"]
    assert story["intervention"] == {
        "treatment": {"slug": "ketamine", "name": "Ketamine"},
        "route": {"value": "iv_infusion", "label": "Intravenous infusion"},
        "dose_descriptor": "Low-dose",
        "setting": "Outpatient clinic",
        "number_of_sessions": 6,
    }
    assert story["outcomes"] == [{"domain": "Sleep", "change": "Slept through the night"}]
    assert story["time_to_effect"] == "Within a day of the first infusion"
    assert story["effect_duration"] == {"min_days": 7, "max_days": 21}
    assert "Individual results vary" in story["disclosure"]
    assert story["narrative"].startswith("<p>He noticed a change")
    assert "Hidden link" in story["narrative"] and "<a" not in story["narrative"]


def test_source_citation_and_linked_live_articles(client, api_content):
    story = get_json(client, DETAIL)
    assert story["source"]["kind"] == CaseSource.PUBLISHED_CASE_REPORT
    assert story["source"]["reference"]["title"] == api_content.case_report.title
    assert story["source"]["reference"]["verified"] is False
    assert story["source"]["needs_verification"] is False
    # The draft article it also links to is left out.
    assert [a["slug"] for a in story["articles"]] == ["ketamine-for-ptsd"]
    assert story["articles"][0]["path"] == "/articles/ketamine-for-ptsd/"


def test_no_consent_or_private_fields(client, api_content, make_consent):
    from articles.models import CaseStoryPage

    make_consent(
        CaseStoryPage.objects.get(pk=api_content.case_story.pk), notes="Filed in cabinet 7, drawer 2"
    )
    for url in (LIST, DETAIL):
        text = client.get(url).content.decode()
        for private in ("consent", "Filed in cabinet", "deidentification", "guardian", "assent", "withdrawn"):
            assert private not in text.lower(), (url, private)


def test_detail_query_count(client, api_content, django_assert_max_num_queries):
    get_json(client, DETAIL)
    with django_assert_max_num_queries(15):
        get_json(client, DETAIL)


def test_unknown_slug_is_404(client, api_content):
    assert_error(client, f"{LIST}zqxdraftmarker-story/", 404, "not_found")
