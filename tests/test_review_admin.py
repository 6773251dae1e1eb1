"""Medical review through the admin's own HTTP views (CSRF enforced): the flow, and every way
someone might try to publish around it."""

import time
from datetime import timedelta

import pytest

from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.models import Page, PageLogEntry

from articles.models import ArticlePage, ReviewRecord
from articles.review.service import FULL_CHECKLIST, act_on_current_task, publish_through_review
from articles.worker import tick
from tests.factories import credentialed_reviewer, role_user, with_disclaimer
from tests.helpers import article_form_data, paragraph_form
from tests.second_factor import verified_client


class AdminSession:
    """A logged-in admin browser: CSRF enforced, token taken from the cookie like a browser.
    `verified`: the session passed the second factor reviewers need to approve (security/)."""

    def __init__(self, user, *, verified: bool = False):
        self.client = Client(enforce_csrf_checks=True)
        self.client.force_login(user)
        if verified:
            verified_client(self.client, user)
        self.client.get(reverse("wagtailadmin_home"))

    def post(self, url: str, data: dict | None = None, **extra):
        data = dict(data or {})
        data["csrfmiddlewaretoken"] = self.client.cookies["csrftoken"].value
        return self.client.post(url, data, **extra)

    def get(self, url: str, **extra):
        return self.client.get(url, **extra)


@pytest.fixture
def team(db, site_tree):
    with_disclaimer()
    admin = role_user("ada.admin", "Administrators", is_superuser=True)
    return {
        "writer": role_user("wren.writer", "Writers"),
        "editor": role_user("eddie.editor", "Editors"),
        "reviewer": credentialed_reviewer(),
        "admin": admin,
    }


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", parent.pk))


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def workflow_action_url(page, action: str) -> str:
    page = Page.objects.get(pk=page.pk).specific
    return reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, action, page.current_workflow_task_state.pk),
    )


def submit_new_article(team, site_tree, slug="admin-flow") -> ArticlePage:
    writer = AdminSession(team["writer"])
    response = writer.post(
        add_url(site_tree.articles),
        article_form_data(slug=slug, body=[paragraph_form("Reviewed in the admin.")], action="action-submit"),
    )
    assert response.status_code == 302, response.content[:2000]
    return ArticlePage.objects.get(slug=slug)


def editor_approves(team, page):
    response = AdminSession(team["editor"]).post(workflow_action_url(page, "approve"), {"comment": ""})
    assert response.status_code == 302


def assert_not_live_and_no_approval(page):
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.live_revision_id is None
    assert not ReviewRecord.objects.filter(page_id=page.pk).exists()


def test_full_review_flow_through_admin_views_publishes_the_approved_revision(team, site_tree):
    page = submit_new_article(team, site_tree)
    assert page.current_workflow_task.name == "Editorial review"
    editor_approves(team, page)
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.current_workflow_task.name == "Medical review"
    under_review = page.current_workflow_task_state.revision

    reviewer = AdminSession(team["reviewer"], verified=True)
    modal = reviewer.get(workflow_action_url(page, "approve"))
    assert "Pre-review checks" in modal.json()["html"]
    response = reviewer.post(
        workflow_action_url(page, "approve"), {**FULL_CHECKLIST, "comment": "Sources checked."}
    )

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.live_revision_id == under_review.pk
    record = ReviewRecord.objects.get(page_id=page.pk)
    assert record.revision_id == under_review.pk
    assert record.reviewer_credentials == "MD"
    assert page.last_reviewed_at == record.approved_at


def test_approve_request_without_checklist_is_not_applied(team, site_tree):
    page = submit_new_article(team, site_tree)
    editor_approves(team, page)
    # A crafted request that skips the modal form.
    AdminSession(team["reviewer"], verified=True).post(
        workflow_action_url(page, "approve"), {"comment": "ok"}
    )
    assert_not_live_and_no_approval(page)


def test_approval_through_the_edit_form_with_crafted_extra_data_is_refused(team, site_tree):
    page = submit_new_article(team, site_tree)
    editor_approves(team, page)
    page = ArticlePage.objects.get(pk=page.pk)
    data = article_form_data(slug=page.slug, body=[paragraph_form("Reviewed in the admin.")])
    data.update(
        {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": '{"comment": "skip the checklist"}',
        }
    )
    response = AdminSession(team["reviewer"], verified=True).post(edit_url(page), data)
    assert response.status_code in (200, 302, 403)
    assert_not_live_and_no_approval(page)


def test_superuser_is_offered_no_medical_approval(team, site_tree):
    page = submit_new_article(team, site_tree)
    editor_approves(team, page)
    admin = AdminSession(team["admin"], verified=True)  # a second factor changes nothing here
    edit_page = admin.get(edit_url(page)).content.decode()
    assert "Approve (clinical sign-off)" not in edit_page
    response = admin.post(workflow_action_url(page, "approve"), {**FULL_CHECKLIST})
    # Wagtail answers a refused workflow action by redirecting to the dashboard with an error.
    assert response.status_code in (302, 403)
    assert_not_live_and_no_approval(page)


def test_reject_without_comment_is_not_applied_and_with_comment_returns_to_writer(team, site_tree):
    page = submit_new_article(team, site_tree)
    editor_approves(team, page)
    reviewer = AdminSession(team["reviewer"])
    reviewer.post(workflow_action_url(page, "reject"), {"comment": ""})
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.current_workflow_state.status == "in_progress"

    reviewer.post(workflow_action_url(page, "reject"), {"comment": "Cite the 2014 trial."})
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.current_workflow_state.status == "needs_changes"
    history = AdminSession(team["writer"]).get(
        reverse(
            "wagtailadmin_pages:workflow_history_detail",
            args=(page.pk, page.current_workflow_state.pk),
        )
    )
    assert "Cite the 2014 trial." in history.content.decode()
    assert_not_live_and_no_approval(page)


@pytest.mark.parametrize("role", ["writer", "editor", "admin"])
def test_publish_action_on_the_edit_form_does_not_publish(team, site_tree, role):
    page = submit_new_article(team, site_tree, slug=f"direct-{role}")
    page.current_workflow_state.cancel(user=team["admin"])
    data = article_form_data(
        slug=page.slug, body=[paragraph_form("Publish me now.")], action="action-publish"
    )
    AdminSession(team[role]).post(edit_url(page), data)
    assert_not_live_and_no_approval(page)


def test_edit_form_offers_no_publish_button_even_to_superusers(team, site_tree):
    page = submit_new_article(team, site_tree)
    page.current_workflow_state.cancel(user=team["admin"])
    html = AdminSession(team["admin"]).get(edit_url(page)).content.decode()
    assert 'name="action-publish"' not in html


def test_bulk_publish_does_not_publish(team, site_tree):
    page = submit_new_article(team, site_tree)
    page.current_workflow_state.cancel(user=team["admin"])
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"
    AdminSession(team["admin"]).post(url, {"include_descendants": ""})
    assert_not_live_and_no_approval(page)


def test_admin_page_api_publish_action_is_refused(team, site_tree):
    page = submit_new_article(team, site_tree)
    page.current_workflow_state.cancel(user=team["admin"])
    url = f"/admin/api/main/pages/{page.pk}/action/publish/"
    response = AdminSession(team["admin"]).post(url)
    assert response.status_code in (400, 403)
    assert_not_live_and_no_approval(page)


def test_copy_and_publish_creates_no_live_copy(team, site_tree):
    original = submit_new_article(team, site_tree)
    original.current_workflow_state.cancel(user=team["admin"])
    publish_through_review(
        ArticlePage.objects.get(pk=original.pk),
        writer=team["writer"],
        editor=team["editor"],
        reviewer=team["reviewer"],
    )
    AdminSession(team["admin"]).post(
        reverse("wagtailadmin_pages:copy", args=(original.pk,)),
        {
            "new_title": "Copied",
            "new_slug": "copied",
            "new_parent_page": str(site_tree.articles.pk),
            "publish_copies": "on",
        },
    )
    copy = ArticlePage.objects.filter(slug="copied").first()
    assert copy is None or not copy.live
    assert ReviewRecord.objects.filter(page_id=original.pk).count() == 1


def test_alias_of_a_reviewed_page_is_refused(team, site_tree):
    original = submit_new_article(team, site_tree)
    original.current_workflow_state.cancel(user=team["admin"])
    AdminSession(team["admin"]).post(
        reverse("wagtailadmin_pages:copy", args=(original.pk,)),
        {
            "new_title": "Alias",
            "new_slug": "alias",
            "new_parent_page": str(site_tree.articles.pk),
            "alias": "on",
        },
    )
    assert not ArticlePage.objects.filter(slug="alias").exists()
    with pytest.raises(PermissionDenied, match="Aliases"):
        CreatePageAliasAction(original, parent=site_tree.articles, update_slug="alias-2").execute(
            skip_permission_checks=True
        )
    assert not ArticlePage.objects.filter(slug="alias-2").exists()


def test_scheduled_publish_of_an_unreviewed_revision_does_not_go_live(team, site_tree):
    page = submit_new_article(team, site_tree)
    page.current_workflow_state.cancel(user=team["admin"])
    revision = page.get_latest_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()

    outcomes = tick()

    assert outcomes["publish_scheduled"] == "ok"
    assert_not_live_and_no_approval(page)
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None


def test_scheduled_publish_of_an_approved_revision_goes_live_on_the_worker_tick(team, site_tree):
    page = submit_new_article(team, site_tree)
    page.current_workflow_state.cancel(user=team["admin"])
    page = ArticlePage.objects.get(pk=page.pk)
    # The schedule is part of the approved content, so it cannot be moved without a new review:
    # use one that falls due within the test.
    go_live_at = timezone.now() + timedelta(seconds=2)
    page.go_live_at = go_live_at
    publish_through_review(page, writer=team["writer"], editor=team["editor"], reviewer=team["reviewer"])
    assert not ArticlePage.objects.get(pk=page.pk).live

    time.sleep(max(0.0, (go_live_at - timezone.now()).total_seconds()) + 0.1)
    tick()

    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live
    assert page.live_revision_id == ReviewRecord.objects.get(page_id=page.pk).revision_id


def test_editor_and_administrator_can_unpublish_but_writer_cannot(team, site_tree):
    page = submit_new_article(team, site_tree)
    page.current_workflow_state.cancel(user=team["admin"])
    publish_through_review(
        ArticlePage.objects.get(pk=page.pk),
        writer=team["writer"],
        editor=team["editor"],
        reviewer=team["reviewer"],
    )
    page = ArticlePage.objects.get(pk=page.pk)
    assert not page.permissions_for_user(team["writer"]).can_unpublish()
    assert page.permissions_for_user(team["admin"]).can_unpublish()
    response = AdminSession(team["editor"]).post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    assert response.status_code == 302
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").exists()


def test_review_history_is_viewable_but_not_editable(team, site_tree):
    page = submit_new_article(team, site_tree)
    editor_approves(team, page)
    act_on_current_task(page, team["reviewer"], "approve", **FULL_CHECKLIST)
    record = ReviewRecord.objects.get(page_id=page.pk)
    editor = AdminSession(team["editor"])
    listing = editor.get(reverse("review_records:index"))
    assert listing.status_code == 200 and page.title in listing.content.decode()
    inspect = editor.get(reverse("review_records:inspect", args=(record.pk,)))
    assert inspect.status_code == 200
    assert editor.get(reverse("review_records:edit", args=(record.pk,))).status_code in (302, 403)
    assert editor.post(reverse("review_records:delete", args=(record.pk,))).status_code in (302, 403)
    assert ReviewRecord.objects.filter(pk=record.pk).exists()


def test_purge_revisions_and_page_deletion_leave_review_records_intact(team, site_tree):
    page = submit_new_article(team, site_tree)
    editor_approves(team, page)
    act_on_current_task(page, team["reviewer"], "approve", **FULL_CHECKLIST)
    record = ReviewRecord.objects.get(page_id=page.pk)
    page = ArticlePage.objects.get(pk=page.pk)
    page.title = "A later draft"
    page.save_revision(user=team["writer"])

    call_command("purge_revisions", days=0, verbosity=0)
    ArticlePage.objects.get(pk=page.pk).delete()

    kept = ReviewRecord.objects.get(pk=record.pk)
    assert kept.content_hash == record.content_hash
    assert kept.snapshot == record.snapshot
    assert kept.checklist == record.checklist


def test_dashboard_and_report_list_overdue_content(team, site_tree):
    page = submit_new_article(team, site_tree)
    editor_approves(team, page)
    act_on_current_task(page, team["reviewer"], "approve", **FULL_CHECKLIST)
    ReviewRecord.objects.filter(page_id=page.pk).update(
        next_review_due=timezone.localdate() - timedelta(days=3)
    )
    editor = AdminSession(team["editor"])
    dashboard = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "Content due for medical review" in dashboard
    assert page.title in dashboard
    report = editor.get(reverse("medical_review_due")).content.decode()
    assert page.title in report and "overdue" in report
