"""Editors work in the admin's page forms: a plain save keeps a page as a draft."""

import pytest

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html

from articles.choices import Audience
from articles.models import ArticlePage, Condition, Topic

from .helpers import (
    article_form_data,
    guide_form_data,
    heading_form,
    paragraph_form,
    statistic_block,
    statistic_form,
)


def add_article_url(parent_id: int) -> str:
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", parent_id))


def test_superuser_can_save_a_new_article_as_a_draft_through_the_admin_form(
    superuser_client, site_tree, reference
):
    topic = Topic.objects.create(name="Depression")
    condition = Condition.objects.create(name="Treatment-resistant depression")
    data = article_form_data(
        body=[
            heading_form("What is ketamine?"),
            paragraph_form("Ketamine is an anaesthetic.", citations=[reference.pk]),
            statistic_form(reference.pk, value="44%"),
        ],
        reference_ids=[reference.pk],
        audience=Audience.CLINICIANS,
        many_to_many={"topics": [topic.pk], "conditions": [condition.pk]},
    )

    response = superuser_client.post(add_article_url(site_tree.articles.pk), data)

    page = ArticlePage.objects.get(slug="ketamine-and-depression")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert page.get_parent().pk == site_tree.articles.pk
    assert page.live is False
    assert page.has_unpublished_changes is True
    assert page.audience == Audience.CLINICIANS
    assert [block.block_type for block in page.body] == ["heading", "paragraph", "statistic"]
    heading, paragraph, statistic = page.body
    assert heading.value["text"] == "What is ketamine?"
    assert "Ketamine is an anaesthetic." in paragraph.value["text"].source
    assert list(paragraph.value["citations"]) == [reference]
    assert statistic.value["value"] == "44%"
    assert statistic.value["reference"] == reference
    assert [link.reference for link in page.reference_links.all()] == [reference]
    assert list(page.topics.all()) == [topic]
    assert list(page.conditions.all()) == [condition]


def test_draft_saved_through_the_admin_is_stored_as_a_revision(superuser_client, site_tree, reference):
    data = article_form_data(body=[statistic_form(reference.pk)], reference_ids=[reference.pk])

    superuser_client.post(add_article_url(site_tree.articles.pk), data)

    page = ArticlePage.objects.get(slug="ketamine-and-depression")
    assert page.live_revision is None
    draft = page.get_latest_revision_as_object()
    assert draft.body[0].value["reference"] == reference


# --- Every reviewed page type's admin form round-trips ----------------------------------------


@pytest.fixture
def page_of_each_type(make_article, make_case_story, make_guide, reference):
    return {
        "article": make_article(body=[statistic_block(reference)], references=[reference]),
        "case story": make_case_story(),
        "guide": make_guide(),
    }


def form_data_for(kind: str, page, client) -> dict:
    """What the editor would POST for `page` unchanged, with the title replaced."""
    if kind == "case story":
        # No StreamField: the rendered form holds every value.
        html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
        return querydict_from_html(html, form_id="page-edit-form")
    # StreamFields are rendered client-side, so their data is built rather than scraped.
    if kind == "article":
        reference_id = page.reference_links.get().reference_id
        return article_form_data(
            slug=page.slug, body=[statistic_form(reference_id)], reference_ids=[reference_id]
        )
    return guide_form_data(slug=page.slug)


@pytest.mark.parametrize("kind", ["article", "case story", "guide"])
def test_edit_form_saves_a_changed_title_as_a_draft(superuser_client, page_of_each_type, kind):
    page = page_of_each_type[kind]
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data_for(kind, page, superuser_client)
    data["title"] = "Retitled in the admin"

    response = superuser_client.post(url, data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    assert response["Location"] == url
    draft = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.title == "Retitled in the admin"
    assert draft.live is False


@pytest.mark.parametrize("kind", ["article", "case story", "guide"])
def test_preview_shows_reviewers_the_unsaved_content(superuser_client, page_of_each_type, kind):
    page = page_of_each_type[kind]
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    data = form_data_for(kind, page, superuser_client)
    data["title"] = "A title only in the unsaved form"

    state = superuser_client.post(preview_url, data)
    preview = superuser_client.get(preview_url)

    assert state.json() == {"is_valid": True, "is_available": True}
    assert preview.status_code == 200
    assert "A title only in the unsaved form" in preview.content.decode()
