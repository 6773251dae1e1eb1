"""The seam with the medical-review work: `represent_page()` is a pure function of a page instance
(saved, or an unsaved `revision.as_object()`), and `api.live` is the one way views read content."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.test import override_settings

from wagtail.models import Page

from api.live import EMPTY_REVIEW, live_detail, live_pages, live_payload, review_block
from api.representation import represent_page
from articles.models import ArticlePage, CaseStoryPage, GuidePage

from .fixtures_content import DRAFT_MARKER


def _json(value) -> dict:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def test_a_revision_object_represents_like_the_live_page(api_content):
    for model, pk in (
        (ArticlePage, api_content.article.pk),
        (CaseStoryPage, api_content.case_story.pk),
        (GuidePage, api_content.guide.pk),
    ):
        page = model.objects.get(pk=pk)
        from_revision = represent_page(page.live_revision.as_object())
        assert _json(from_revision) == _json(represent_page(page)), model


def test_represents_an_unpublished_revision_for_the_approval_snapshot(api_content):
    page = ArticlePage.objects.get(pk=api_content.article.pk)
    page.title = "Retitled for review"
    revision = page.save_revision()
    data = represent_page(revision.as_object())
    assert data["title"] == "Retitled for review"
    assert data["references"][0]["number"] == 1
    assert [b["type"] for b in data["body"]][:2] == ["heading", "paragraph"]


def test_representation_is_plain_json_without_review_status(api_content):
    data = represent_page(ArticlePage.objects.get(pk=api_content.article.pk))
    assert _json(data) == data  # strings, numbers, lists and dicts only
    assert "review" not in data and "review_status" not in json.dumps(data)


@override_settings(
    FRONTEND_BASE_URL="https://www.example.org", WAGTAILADMIN_BASE_URL="https://cms.example.org"
)
def test_urls_come_from_settings_not_the_request(api_content):
    data = represent_page(ArticlePage.objects.get(pk=api_content.article.pk))
    assert data["url"] == "https://www.example.org/articles/ketamine-for-ptsd/"
    assert data["hero_image"]["url"].startswith("https://cms.example.org/media/")


def test_base_page_instances_are_made_specific(api_content):
    assert represent_page(Page.objects.get(pk=api_content.guide.pk))["type"] == "guide"


def test_live_pages_excludes_drafts(api_content):
    slugs = set(live_pages(ArticlePage).values_list("slug", flat=True))
    assert slugs == {"ketamine-for-ptsd", "esketamine-for-depression"}
    assert not any(DRAFT_MARKER in slug for slug in live_pages(Page).values_list("slug", flat=True))


def test_review_block_uses_the_page_summary_when_there_is_one(api_content):
    article = ArticlePage.objects.get(pk=api_content.article.pk)
    assert review_block(article)["reviewed_by"]["name"] == "Dr Rhea Reviewer"
    assert review_block(Page.objects.get(pk=api_content.tree.home.pk)) == EMPTY_REVIEW


def test_live_detail_adds_review_to_payload_and_json_ld(api_content):
    article = ArticlePage.objects.get(pk=api_content.article.pk)
    detail = live_detail(article)
    assert detail["review"] == review_block(article)
    assert detail["json_ld"]["reviewedBy"]["name"] == "Dr Rhea Reviewer"
    assert "reviewedBy" not in live_payload(article)["json_ld"]
