"""GET /api/v1/articles/ and /api/v1/articles/<slug>/: listing, filters, whole articles, query counts."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest

from articles.choices import StudyType
from articles.models import ArticlePage, ArticlePageReference

from .api_helpers import assert_error, get_json, slugs
from .fixtures_content import block, publish

LIST = "/api/v1/articles/"
DETAIL = "/api/v1/articles/ketamine-for-ptsd/"


def test_list_is_paginated_summaries_of_live_articles(client, api_content):
    body = get_json(client, LIST)
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2 and body["next"] is None and body["previous"] is None
    assert sorted(slugs(body)) == ["esketamine-for-depression", "ketamine-for-ptsd"]
    item = next(item for item in body["results"] if item["slug"] == "ketamine-for-ptsd")
    assert item["type"] == "article"
    assert item["path"] == "/articles/ketamine-for-ptsd/"
    assert item["url"] == "https://frontend.test/articles/ketamine-for-ptsd/"
    assert item["evidence_level"] == "high"
    assert item["topics"] == [{"slug": "mental-health", "name": "Mental health"}]
    assert item["hero_image"]["alt"] == "An infusion chair beside a window"
    assert "body" not in item


def test_limit_and_offset_page_through_results(client, api_content):
    first = get_json(client, f"{LIST}?limit=1")
    assert first["count"] == 2 and len(first["results"]) == 1
    assert "offset=1" in first["next"] and first["previous"] is None
    second = get_json(client, f"{LIST}?limit=1&offset=1")
    assert second["next"] is None and second["previous"]
    assert slugs(first) + slugs(second) == slugs(get_json(client, LIST))
    assert get_json(client, f"{LIST}?offset=50")["results"] == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=mental-health", ["ketamine-for-ptsd"]),
        ("condition=ptsd", ["ketamine-for-ptsd"]),
        ("condition=ptsd,depression", ["esketamine-for-depression", "ketamine-for-ptsd"]),
        ("treatment=esketamine", ["esketamine-for-depression"]),
        ("condition=ptsd,depression&treatment=esketamine", ["esketamine-for-depression"]),
        ("condition=depression&topic=mental-health", []),
        ("condition=chronic-pain", []),  # known slug, only a draft uses it
        ("topic=anaesthesia", []),
        ("audience=clinicians", ["esketamine-for-depression"]),
        ("evidence_level=high", ["ketamine-for-ptsd"]),
        ("evidence_level=moderate", ["ketamine-for-ptsd"]),
        ("evidence_level=preclinical", ["esketamine-for-depression", "ketamine-for-ptsd"]),
        ("updated_since=2000-01-01", ["esketamine-for-depression", "ketamine-for-ptsd"]),
        ("updated_since=2999-01-01T00:00:00Z", []),
    ],
)
def test_filters(client, api_content, query, expected):
    assert sorted(slugs(get_json(client, f"{LIST}?{query}"))) == expected


def test_updated_since_compares_with_the_last_publish(client, api_content):
    article = api_content.article
    just_before = (article.last_published_at - timedelta(seconds=1)).isoformat().replace("+00:00", "Z")
    result = slugs(get_json(client, f"{LIST}?updated_since={just_before}"))
    assert "ketamine-for-ptsd" in result
    offset_form = (article.last_published_at + timedelta(hours=2, seconds=1)).isoformat()[:19] + "+02:00"
    assert "ketamine-for-ptsd" not in slugs(
        get_json(client, f"{LIST}?{urlencode({'updated_since': offset_form})}")
    )
    # An unencoded "+" arrives as a space; it is read as the offset it was meant to be.
    assert "ketamine-for-ptsd" not in slugs(get_json(client, f"{LIST}?updated_since={offset_form}"))


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("topic=no-such-topic", "topic"),
        ("condition=ptsd,no-such-condition", "condition"),
        ("treatment=Not%20a%20slug", "treatment"),
        ("topic=", "topic"),
        ("topic=mental-health&topic=mental-health", "topic"),
        ("audience=everyone", "audience"),
        ("evidence_level=strong", "evidence_level"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2026-13-45", "updated_since"),
        ("updated_since=99999-01-01", "updated_since"),
        ("ordering=slug", "ordering"),
        ("ordering=-title", "ordering"),
    ],
)
def test_bad_filter_values_are_400_naming_the_parameter(client, api_content, query, parameter):
    error = assert_error(client, f"{LIST}?{query}", 400, "invalid_parameter")
    assert error["details"]["parameter"] == parameter
    assert parameter in error["message"]


def test_unknown_slug_lists_the_unknown_ones(client, api_content):
    error = assert_error(client, f"{LIST}?condition=ptsd,nope,also-nope", 400)
    assert error["details"]["unknown"] == ["nope", "also-nope"]


def test_ordering(client, api_content):
    assert slugs(get_json(client, f"{LIST}?ordering=title")) == [
        "esketamine-for-depression",
        "ketamine-for-ptsd",
    ]
    newest_first = slugs(get_json(client, f"{LIST}?ordering=-first_published_at"))
    assert newest_first == ["esketamine-for-depression", "ketamine-for-ptsd"]
    assert newest_first == slugs(get_json(client, LIST))  # the default
    assert slugs(get_json(client, f"{LIST}?ordering=-last_published_at"))[0] == "esketamine-for-depression"


def test_ordering_by_last_review_when_the_model_has_it(client, api_content):
    # The review work added `last_reviewed_at`; the filter offers the ordering only then.
    body = get_json(client, f"{LIST}?ordering=-last_reviewed_at")
    assert sorted(slugs(body)) == ["esketamine-for-depression", "ketamine-for-ptsd"]


def test_detail_is_the_whole_article(client, api_content):
    article = get_json(client, DETAIL)
    assert article["type"] == "article" and article["slug"] == "ketamine-for-ptsd"
    assert article["url"] == "https://frontend.test/articles/ketamine-for-ptsd/"
    assert article["seo"] == {
        "title": "Ketamine for PTSD: the evidence",
        "description": "A plain-language summary of ketamine for PTSD.",
    }
    assert article["reading_time_minutes"] >= 1
    assert article["evidence_level"] == "high"
    assert [b["type"] for b in article["body"]] == [
        "heading",
        "paragraph",
        "statistic",
        "key_points",
        "quote",
        "image",
        "callout",
        "faq",
        "case_story",  # the draft story's embed is left out
        "guide_cta",  # so is the draft guide's
    ]
    for item in article["body"]:
        assert set(item) == {"type", "id", "value"} and item["id"]


def test_references_are_numbered_in_reference_list_order(client, api_content):
    article = get_json(client, DETAIL)
    references = article["references"]
    assert [(r["number"], r["title"]) for r in references] == [
        (1, api_content.rct.title),
        (2, api_content.observational.title),
    ]
    assert references[0]["study_type"] == "rct" and references[0]["evidence_level"] == "high"
    assert references[0]["verified"] is True and references[0]["note"] == "Main trial"
    assert references[1]["evidence_level"] == "moderate"
    paragraph = next(b for b in article["body"] if b["type"] == "paragraph")
    assert paragraph["value"]["citations"] == [1, 2]
    statistic = next(b for b in article["body"] if b["type"] == "statistic")
    assert statistic["value"]["value"] == "44%"
    assert statistic["value"]["reference"]["number"] == 1
    assert statistic["value"]["reference"]["doi"] == "10.1001/jamapsychiatry.2014.62"
    assert "verification_note" not in str(article)


def test_rich_text_links_are_frontend_paths_of_live_pages_only(client, api_content):
    paragraph = next(b for b in get_json(client, DETAIL)["body"] if b["type"] == "paragraph")
    html = paragraph["value"]["text"]
    assert '<a href="/guides/preparing-for-infusion/">the guide</a>' in html
    assert "the hidden draft" in html and "linktype" not in html
    assert html.count("<a") == 1


def test_images_are_renditions_with_alt_text_and_focal_point(client, api_content):
    article = get_json(client, DETAIL)
    hero = article["hero_image"]
    assert hero["alt"] == "An infusion chair beside a window" and hero["credit"] == "CC BY 4.0"
    assert (hero["width"], hero["height"]) == (1000, 600)
    assert hero["focal_point"] == {"x": 500, "y": 300, "width": 200, "height": 100}
    widths = [r["width"] for r in hero["renditions"]]
    assert widths == sorted(widths) and widths[:2] == [480, 960]
    assert all(r["url"].startswith("http://testserver/media/") for r in hero["renditions"])
    image_block = next(b for b in article["body"] if b["type"] == "image")
    assert image_block["value"]["image"]["alt"] == "Block alt"  # the block's own alt text wins
    assert image_block["value"]["caption"] == "Room"


def test_embeds_glossary_and_authors(client, api_content):
    article = get_json(client, DETAIL)
    story = next(b for b in article["body"] if b["type"] == "case_story")["value"]
    assert story["case_story"]["slug"] == "veteran-ptsd-ketamine"
    assert story["case_story"]["summary"] == api_content.case_story.summary
    assert story["case_story"]["path"] == "/case-stories/veteran-ptsd-ketamine/"
    guide = next(b for b in article["body"] if b["type"] == "guide_cta")["value"]
    assert guide["guide"]["slug"] == "preparing-for-infusion"
    assert [term["term"] for term in article["glossary"]] == ["Dissociation"]
    [author] = article["authors"]
    assert author["name"] == "Dana Writer" and author["credentials"] == "MD"
    assert set(author) == {
        "slug",
        "name",
        "credentials",
        "role",
        "specialty",
        "bio",
        "conflict_of_interest",
        "photo",
    }
    assert "LIC-PRIVATE-4711" not in str(article)


def test_json_ld_is_a_medical_web_page(client, api_content):
    data = get_json(client, DETAIL)["json_ld"]
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["url"] == "https://frontend.test/articles/ketamine-for-ptsd/"
    [condition] = data["about"]
    assert condition["@type"] == "MedicalCondition" and condition["name"] == "PTSD"
    assert condition["possibleTreatment"] == [{"@type": "MedicalTherapy", "name": "Ketamine"}]
    assert {"@type": "MedicalCode", "code": "F43.1", "codingSystem": "ICD-10"} in condition["code"]
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    assert [c["name"] for c in data["citation"]] == [api_content.rct.title, api_content.observational.title]
    assert data["citation"][0]["sameAs"] == "https://doi.org/10.1001/jamapsychiatry.2014.62"
    # Publication and review data are merged in when the page is served, not frozen with it.
    assert data["datePublished"] and data["dateModified"]
    assert data["reviewedBy"]["name"] == "Dr Rhea Reviewer"
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", data["lastReviewed"])


def test_review_block(client, api_content):
    review = get_json(client, DETAIL)["review"]
    assert set(review) == {"reviewed_by", "last_reviewed_at", "next_review_due", "review_status"}
    assert review["reviewed_by"]["name"] == "Dr Rhea Reviewer"
    assert review["review_status"] == "current"
    assert "LIC-REVIEWER" not in str(review)


@pytest.mark.parametrize(
    "slug", ["no-such-article", "zqxdraftmarker-article", "veteran-ptsd-ketamine", "x" * 300]
)
def test_unknown_draft_or_other_type_slug_is_404(client, api_content, slug):
    assert_error(client, f"{LIST}{slug}/", 404, "not_found")


def _grow_article(api_content, paragraphs: int) -> ArticlePage:
    """Add cited paragraphs, statistics, images and links to the live article and republish it."""
    page = ArticlePage.objects.get(pk=api_content.article.pk)
    extra = []
    for number in range(paragraphs):
        reference = api_content.rct.__class__.objects.create(
            authors=f"Author {number}", title=f"Study {number}", study_type=StudyType.RCT, verified=True
        )
        page.reference_links.add(ArticlePageReference(reference=reference))
        link = f'<a linktype="page" id="{api_content.guide.pk}">guide</a>'
        extra += [
            block("paragraph", {"text": f"<p>Paragraph {number} {link}</p>", "citations": [reference.pk]}),
            block("statistic", {"value": "1%", "label": "x", "reference": reference.pk, "context": ""}),
            block(
                "image",
                {"image": {"image": api_content.image.pk, "alt_text": "", "decorative": True}, "caption": ""},
            ),
        ]
    page.body = list(page.body.raw_data) + extra
    return publish(page)


def test_detail_query_count_does_not_grow_with_the_body(client, api_content, django_assert_max_num_queries):
    get_json(client, DETAIL)  # create the renditions once
    with django_assert_max_num_queries(15):
        get_json(client, DETAIL)
    _grow_article(api_content, paragraphs=12)
    get_json(client, DETAIL)
    with django_assert_max_num_queries(15) as captured:
        body = get_json(client, DETAIL)
    assert len(body["references"]) == 14
    assert len(captured.captured_queries) <= 15


def test_list_query_count_does_not_grow_with_the_page_size(
    client, api_content, django_assert_max_num_queries
):
    for number in range(6):
        page = ArticlePage(
            live=False,
            title=f"Extra {number}",
            slug=f"extra-{number}",
            summary="More.",
            hero_image=api_content.image,
            body=[block("paragraph", {"text": "<p>x</p>", "citations": []})],
        )
        page.topics = [api_content.topic]
        page.conditions = [api_content.ptsd]
        page.treatments = [api_content.ketamine]
        api_content.tree.articles.add_child(instance=page)
        publish(page)
    get_json(client, f"{LIST}?limit=100")
    with django_assert_max_num_queries(10):
        assert get_json(client, f"{LIST}?limit=100")["count"] == 8
    with django_assert_max_num_queries(10):
        get_json(client, f"{LIST}?limit=1")


def test_an_image_whose_file_is_missing_is_left_out_not_a_500(client, api_content):
    from articles.models import MedicalImage

    from .fixtures_content import make_image

    broken = make_image("broken", alt_text="Gone")
    broken.file.storage.delete(broken.file.name)
    article = ArticlePage.objects.get(pk=api_content.article.pk)
    article.hero_image = MedicalImage.objects.get(pk=broken.pk)
    publish(article)
    assert get_json(client, DETAIL)["hero_image"] is None
