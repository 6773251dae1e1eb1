"""Required details (a statistic's source, an image's alt text) may be missing in a draft, never live.

Wagtail defers required-field validation for a plain save and validates fully when an editor
submits for review ("action-submit") or publishes ("action-publish"). Reviewed page types offer
nobody a publish action: they go live only when the review workflow approves them, and the
reviewer's approval is refused while those details are missing.
"""

import pytest

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wagtail.models import Revision

from articles.models import ArticlePage

from .helpers import (
    article_form_data,
    image_block,
    image_form,
    paragraph_block,
    paragraph_form,
    statistic_block,
    statistic_form,
)

ALT_TEXT_MISSING = "Please add some alt text for your image or mark it as decorative"
REQUIRED = "This field is required."


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def add_article_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", parent.pk))


def body_errors(response) -> dict:
    """The body's per-block errors as {index: {field path: messages}}, from the re-rendered form."""
    errors = response.context["form"].errors["body"].as_data()[0].as_json_data()["blockErrors"]
    return {index: _flatten(block_error["blockErrors"]) for index, block_error in errors.items()}


def _flatten(block_errors: dict) -> dict:
    flat = {}
    for name, error in block_errors.items():
        if "messages" in error:
            flat[name] = error["messages"]
        else:
            flat.update({f"{name}.{child}": msgs for child, msgs in _flatten(error["blockErrors"]).items()})
    return flat


def revision_count(page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def reload(page) -> ArticlePage:
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def draft(make_article):
    return make_article("ketamine-and-depression")


# --- Drafts accept incomplete content ---------------------------------------------------------


def test_draft_with_a_statistic_without_reference_saves(superuser_client, draft):
    data = article_form_data(body=[statistic_form(None)])

    response = superuser_client.post(edit_url(draft), data)

    assert response.status_code == 302
    saved = reload(draft).get_latest_revision_as_object()
    assert saved.body[0].block_type == "statistic"
    assert saved.body[0].value["reference"] is None


def test_draft_with_an_image_without_alt_text_saves(superuser_client, draft, image):
    data = article_form_data(body=[image_form(image.pk, alt_text="")])

    response = superuser_client.post(edit_url(draft), data)

    assert response.status_code == 302
    stored_image = reload(draft).get_latest_revision_as_object().body[0].value["image"]
    assert stored_image.pk == image.pk
    assert stored_image.contextual_alt_text == ""


def test_new_article_with_incomplete_statistic_and_image_can_be_created_as_a_draft(
    superuser_client, site_tree, image
):
    data = article_form_data(body=[statistic_form(None), image_form(image.pk)])

    response = superuser_client.post(add_article_url(site_tree.articles), data)

    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="ketamine-and-depression")
    assert page.live is False
    assert [block.block_type for block in page.body] == ["statistic", "image"]


# --- Submitting for review validates fully ----------------------------------------------------


def test_statistic_without_reference_is_rejected_on_submit_for_review(superuser_client, draft):
    revisions_before = revision_count(draft)
    data = article_form_data(body=[paragraph_form(), statistic_form(None)], action="action-submit")

    response = superuser_client.post(edit_url(draft), data)

    assert response.status_code == 200
    assert body_errors(response) == {1: {"reference": [REQUIRED]}}
    page = reload(draft)
    assert page.live is False
    assert page.workflow_in_progress is False
    assert revision_count(page) == revisions_before


def test_image_without_alt_text_is_rejected_on_submit_for_review(superuser_client, draft, image):
    revisions_before = revision_count(draft)
    data = article_form_data(body=[image_form(image.pk, alt_text="")], action="action-submit")

    response = superuser_client.post(edit_url(draft), data)

    assert response.status_code == 200
    assert body_errors(response) == {0: {"image.alt_text": [ALT_TEXT_MISSING]}}
    page = reload(draft)
    assert page.workflow_in_progress is False
    assert revision_count(page) == revisions_before


def test_new_article_with_incomplete_statistic_and_image_cannot_be_submitted(
    superuser_client, site_tree, image
):
    data = article_form_data(body=[statistic_form(None), image_form(image.pk)], action="action-submit")

    response = superuser_client.post(add_article_url(site_tree.articles), data)

    assert response.status_code == 200
    assert body_errors(response) == {
        0: {"reference": [REQUIRED]},
        1: {"image.alt_text": [ALT_TEXT_MISSING]},
    }
    assert not ArticlePage.objects.filter(slug="ketamine-and-depression").exists()


def test_complete_article_is_submitted_for_review(superuser_client, draft, image, reference):
    data = article_form_data(
        body=[image_form(image.pk, alt_text="An MRI scan of a brain"), statistic_form(reference.pk)],
        reference_ids=[reference.pk],
        action="action-submit",
    )

    response = superuser_client.post(edit_url(draft), data)

    assert response.status_code == 302
    page = reload(draft)
    assert page.workflow_in_progress is True
    assert page.live is False
    submitted = page.current_workflow_task_state.revision.as_object()
    assert submitted.body[0].value["image"].contextual_alt_text == "An MRI scan of a brain"
    assert submitted.body[1].value["reference"] == reference


def test_decorative_image_without_alt_text_is_accepted_for_review(superuser_client, draft, image):
    data = article_form_data(body=[image_form(image.pk, decorative=True)], action="action-submit")

    response = superuser_client.post(edit_url(draft), data)

    assert response.status_code == 302
    page = reload(draft)
    assert page.workflow_in_progress is True
    assert page.current_workflow_task_state.revision.as_object().body[0].value["image"].decorative is True


# --- Publishing -------------------------------------------------------------------------------


def test_publish_button_does_not_put_incomplete_content_live(superuser_client, draft, image):
    # Not even a superuser may publish a reviewed page type; the request only saves a draft.
    data = article_form_data(body=[statistic_form(None), image_form(image.pk)], action="action-publish")

    superuser_client.post(edit_url(draft), data)

    page = reload(draft)
    assert page.live is False
    assert page.live_revision is None


@pytest.mark.parametrize(
    ("incomplete_block", "message"),
    [
        (
            lambda image, ref: statistic_block(None, value="44%"),
            "The statistic '44%' does not cite a reference",
        ),
        (lambda image, ref: image_block(image, alt_text=""), "has no alt text and is not marked decorative"),
    ],
    ids=["statistic without reference", "image without alt text"],
)
def test_reviewer_cannot_approve_incomplete_content_into_publication(
    make_article, publish_reviewed, image, reference, incomplete_block, message
):
    # A draft saved from code (or an import) can reach review without the admin form's checks.
    page = make_article(body=[paragraph_block(), incomplete_block(image, reference)])

    with pytest.raises(PermissionDenied, match=message):
        publish_reviewed(page)

    page = reload(page)
    assert page.live is False
    assert page.live_revision is None


def test_decorative_image_without_alt_text_publishes(make_article, publish_reviewed, image):
    page = make_article(body=[paragraph_block(), image_block(image, decorative=True)])

    publish_reviewed(page)

    assert page.live is True
    assert page.body[1].value["image"].decorative is True


def test_image_with_alt_text_and_cited_statistic_publish(make_article, publish_reviewed, image, reference):
    page = make_article(
        body=[image_block(image, alt_text="An MRI scan of a brain"), statistic_block(reference)],
        references=[reference],
    )

    publish_reviewed(page)

    assert page.live is True
    assert page.body[0].value["image"].contextual_alt_text == "An MRI scan of a brain"
    assert page.body[1].value["reference"] == reference
