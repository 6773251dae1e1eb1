"""The README's screenshots, taken from the demo content (`make screenshots`, issue #7).

`manage.py load_demo_content` builds the data set a newcomer sees: the demo accounts, the live
article "Ketamine infusion therapy for PTSD" and "When PTSD and depression occur together" waiting
in medical review. The browser then visits the key screens as the demo users and checks what they
show; with E2E_SCREENSHOT_DIR set, each screen is saved under the file name the README uses.

Loading the demo set takes every page through the review workflow (several seconds), so it is
loaded once, in this module's single test. Like the scenarios, the test is transactional with
`serialized_rollback`: the demo rows are flushed when it ends and the migrated state is restored
before the next test (see conftest.py).
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from django.core.management import call_command
from django.utils import timezone

from articles.demo import users as demo_users
from articles.demo.content import article as demo_article
from articles.demo.in_review import TITLE as IN_REVIEW_TITLE
from articles.models import ArticlePage, ReviewRecord

from .admin import dashboard_task_action, edit_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

APPROVE = "Approve (clinical sign-off)"


def test_key_screens_with_the_demo_content(app, browse, screenshot, django_user_model):
    with app.db_lock():
        call_command("load_demo_content", stdout=io.StringIO())
    writer = django_user_model.objects.get(username=demo_users.WRITER.username)
    reviewer = django_user_model.objects.get(username=demo_users.REVIEWER.username)
    article = ArticlePage.objects.get(slug=demo_article.SLUG)
    assert article.live and article.title == demo_article.TITLE
    in_review = ArticlePage.objects.get(title=IN_REVIEW_TITLE)
    assert not in_review.live and in_review.current_workflow_task.name == "Medical review"

    # The writer's edit form of the live demo article.
    page = browse.new_page(writer)
    page.goto(edit_url(article))
    expect(page.locator("#id_title")).to_have_value(demo_article.TITLE)
    expect(page.get_by_role("heading", name=demo_article.TITLE).first).to_be_visible()
    screenshot(page, "01-writer-edit-form")

    # The headless preview of the same page, with the link to the frontend.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", name=demo_article.TITLE)).to_be_visible()
    expect(preview.get_by_role("link", name="Open in frontend")).to_be_visible()
    screenshot(page, "06-headless-preview")

    # The medical reviewer's dashboard: the demo article waiting in medical review.
    page = browse.new_page(reviewer, second_factor=True)
    page.goto("/admin/")
    awaiting = page.get_by_role("region", name="Awaiting your review")
    expect(awaiting.get_by_role("row").filter(has_text=IN_REVIEW_TITLE)).to_be_visible()
    screenshot(page, "03-reviewer-dashboard")

    # Its approve dialog lists the pre-review findings (the demo cites an unverified trial).
    dashboard_task_action(page, IN_REVIEW_TITLE, APPROVE)
    dialog = page.get_by_role("dialog")
    findings = dialog.get_by_role("region", name="Pre-review checks")
    expect(findings).to_contain_text("Reference not yet verified")
    expect(findings).to_contain_text("Volume, issue and pages unconfirmed.")
    expect(dialog.get_by_role("button", name=APPROVE)).to_be_visible()
    screenshot(page, "04-review-task-with-findings")

    # The live demo article falls due for re-review: the dashboard panel lists it as overdue.
    due = timezone.localdate() - timedelta(days=3)
    with app.db_lock():
        updated = ReviewRecord.objects.filter(page_id=article.pk).update(next_review_due=due)
    assert updated >= 1
    page.goto("/admin/")
    panel = page.get_by_role("region", name="Content due for medical review")
    row = panel.get_by_role("row").filter(has_text=demo_article.TITLE)
    expect(row).to_be_visible()
    expect(row).to_contain_text("overdue")
    expect(row.get_by_role("link", name=demo_article.TITLE)).to_have_attribute("href", edit_url(article))
    screenshot(page, "05-dashboard-review-due-panel")

    # Nothing was approved or published from the browser.
    assert not ArticlePage.objects.get(pk=in_review.pk).live
    assert not ReviewRecord.objects.filter(page_id=in_review.pk).exists()
