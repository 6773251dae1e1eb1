"""Medical review: the only way reviewed content goes live is the full workflow."""

from datetime import date, timedelta

import pytest

from django.core.exceptions import PermissionDenied

from wagtail.models import PageLogEntry, TaskState

from articles.models import ArticlePage, PublishRefused, ReviewRecord
from articles.review.hashing import revision_content_hash
from articles.review.service import FULL_CHECKLIST, act_on_current_task, submit_for_review
from tests.factories import credentialed_reviewer, draft_article


@pytest.fixture
def article_in_medical_review(review_team, site_tree):
    page = draft_article(site_tree, owner=review_team["writer"])
    page.save_revision(user=review_team["writer"])
    submit_for_review(page, review_team["writer"])
    act_on_current_task(page, review_team["editor"], "approve")
    return ArticlePage.objects.get(pk=page.pk)


def approve(page, user, **overrides):
    data = {**FULL_CHECKLIST, "acknowledgement": "", "comment": "", **overrides}
    return act_on_current_task(page, user, "approve", **data)


def assert_not_live_and_no_approval(page):
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert not ReviewRecord.objects.filter(page_id=page.pk).exists()


def test_writer_editor_reviewer_flow_publishes_exactly_the_approved_revision(
    review_team, article_in_medical_review
):
    page = article_in_medical_review
    reviewed_revision = page.current_workflow_task_state.revision

    record = approve(page, review_team["reviewer"], comment="Checked against sources.")

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.live_revision_id == reviewed_revision.pk
    assert record.revision_id == reviewed_revision.pk
    assert record.content_hash == revision_content_hash(reviewed_revision)
    assert record.reviewer_name and record.reviewer_credentials == "MD"
    assert record.checklist == {name: True for name in FULL_CHECKLIST}
    assert page.last_reviewed_at == record.approved_at
    assert page.next_review_due == (record.approved_at + timedelta(days=365)).date()
    assert page.reviewed_by.user == review_team["reviewer"]
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 2


def test_page_waiting_for_medical_review_is_not_live(article_in_medical_review):
    assert not article_in_medical_review.live
    assert article_in_medical_review.current_workflow_task.name == "Medical review"


def test_reviewer_cannot_approve_own_revision(review_team, site_tree):
    reviewer = review_team["reviewer"]
    page = draft_article(site_tree)
    page.save_revision(user=reviewer)
    submit_for_review(page, reviewer)
    act_on_current_task(page, review_team["editor"], "approve")
    with pytest.raises(PermissionDenied, match="wrote or edited"):
        approve(page, reviewer)
    assert_not_live_and_no_approval(page)


def test_reviewer_with_expired_licence_cannot_approve(review_team, article_in_medical_review):
    expired = credentialed_reviewer("old.licence", licence_expiry=date.today() - timedelta(days=1))
    with pytest.raises(PermissionDenied, match="licence expired"):
        approve(article_in_medical_review, expired)
    assert_not_live_and_no_approval(article_in_medical_review)


def test_user_outside_medical_reviewers_cannot_approve(review_team, article_in_medical_review):
    with pytest.raises(PermissionDenied, match="Medical reviewers group"):
        approve(article_in_medical_review, review_team["editor"])
    assert_not_live_and_no_approval(article_in_medical_review)


@pytest.mark.parametrize("unticked", ["claims_sourced", "dosage_and_safety_accurate", "disclaimer_present"])
def test_incomplete_checklist_is_refused(review_team, article_in_medical_review, unticked):
    with pytest.raises(PermissionDenied, match="Confirm"):
        approve(article_in_medical_review, review_team["reviewer"], **{unticked: False})
    assert_not_live_and_no_approval(article_in_medical_review)


def test_request_changes_requires_a_comment(review_team, article_in_medical_review):
    with pytest.raises(PermissionDenied, match="what needs to change"):
        act_on_current_task(article_in_medical_review, review_team["reviewer"], "reject", comment="  ")
    state = ArticlePage.objects.get(pk=article_in_medical_review.pk).current_workflow_task_state
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_request_changes_with_comment_returns_page_to_writer(review_team, article_in_medical_review):
    act_on_current_task(
        article_in_medical_review, review_team["reviewer"], "reject", comment="Cite the trial."
    )
    page = ArticlePage.objects.get(pk=article_in_medical_review.pk)
    assert page.current_workflow_state.status == "needs_changes"
    assert TaskState.objects.filter(comment="Cite the trial.", status="rejected").exists()
    assert_not_live_and_no_approval(page)


def test_unreviewed_revision_cannot_be_published_from_code(review_team, site_tree):
    page = draft_article(site_tree)
    revision = page.save_revision(user=review_team["writer"])
    with pytest.raises(PublishRefused, match="has not passed medical review"):
        revision.publish(user=review_team["editor"])
    assert_not_live_and_no_approval(page)


def test_edit_after_approval_needs_a_new_review(review_team, article_in_medical_review):
    approve(article_in_medical_review, review_team["reviewer"])
    page = ArticlePage.objects.get(pk=article_in_medical_review.pk)
    approved_revision_id = page.live_revision_id
    page.title = "Edited after approval"
    new_revision = page.save_revision(user=review_team["writer"])
    with pytest.raises(PublishRefused):
        new_revision.publish(user=review_team["editor"], skip_permission_checks=True)
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live_revision_id == approved_revision_id
    assert ReviewRecord.objects.filter(page_id=page.pk).count() == 1


def test_revision_overwritten_in_place_under_review_cannot_be_approved(
    review_team, article_in_medical_review
):
    page = article_in_medical_review
    revision = page.current_workflow_task_state.revision
    # What Wagtail's autosave path would do: rewrite the same revision id.
    revision.content = {**revision.content, "title": "Sneaky change"}
    revision.save()
    with pytest.raises(PermissionDenied, match="changed while under review"):
        approve(page, review_team["reviewer"])
    assert_not_live_and_no_approval(page)


def test_save_revision_refuses_to_overwrite_a_revision_under_review(review_team, article_in_medical_review):
    page = article_in_medical_review
    revision = page.current_workflow_task_state.revision
    page.title = "Overwrite attempt"
    with pytest.raises(PermissionDenied, match="cannot be overwritten"):
        page.save_revision(user=revision.user, overwrite_revision=revision)


def test_double_submitted_approval_produces_one_record_and_one_publish(
    review_team, article_in_medical_review
):
    task_state = article_in_medical_review.current_workflow_task_state
    task = task_state.task.specific
    data = {**FULL_CHECKLIST, "acknowledgement": "", "comment": ""}
    task.on_action(task_state, review_team["reviewer"], "approve", **data)
    with pytest.raises(PermissionDenied, match="already been decided"):
        task.on_action(task_state, review_team["reviewer"], "approve", **data)
    assert ReviewRecord.objects.filter(page_id=article_in_medical_review.pk).count() == 1
    assert (
        PageLogEntry.objects.filter(page_id=article_in_medical_review.pk, action="wagtail.publish").count()
        == 1
    )
