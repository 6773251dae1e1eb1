"""Review currency: due dates, the report command, reminder e-mails, the worker tick, and
double approvals racing on PostgreSQL."""

import threading
from datetime import timedelta
from io import StringIO

import pytest

from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from articles.models import ArticlePage, ReviewRecord
from articles.review.currency import review_status
from articles.review.service import (
    FULL_CHECKLIST,
    act_on_current_task,
    publish_through_review,
    submit_for_review,
)
from tests.factories import credentialed_reviewer, draft_article, role_user, with_disclaimer


@pytest.fixture
def live_article(review_team, site_tree):
    page = draft_article(site_tree, slug="currency-article")
    return publish_through_review(
        page, writer=review_team["writer"], editor=review_team["editor"], reviewer=review_team["reviewer"]
    )


def set_due(record, days_from_today: int):
    ReviewRecord.objects.filter(pk=record.pk).update(
        next_review_due=timezone.localdate() + timedelta(days=days_from_today)
    )
    record.refresh_from_db()


@pytest.mark.parametrize(
    "days, status", [(200, "current"), (30, "due_soon"), (0, "due_soon"), (-1, "overdue")]
)
def test_review_status_follows_the_due_date(live_article, days, status):
    set_due(live_article, days)
    assert review_status(live_article) == status
    page = ArticlePage.objects.get(pk=live_article.page_id)
    assert page.get_review_summary()["review_status"] == status


def test_public_review_summary_has_no_private_details(live_article):
    summary = ArticlePage.objects.get(pk=live_article.page_id).get_review_summary()
    assert set(summary) == {"reviewed_by", "last_reviewed_at", "next_review_due", "review_status"}
    assert set(summary["reviewed_by"]) == {"name", "credentials", "specialty"}
    flat = str(summary)
    assert "@" not in flat and "LIC-" not in flat


def test_review_report_lists_overdue_and_soon_due_content(live_article):
    set_due(live_article, -5)
    out = StringIO()
    call_command("review_report", stdout=out)
    assert "overdue" in out.getvalue() and live_article.page_title in out.getvalue()

    set_due(live_article, 60)
    out = StringIO()
    call_command("review_report", "--due-within", "30", stdout=out)
    assert live_article.page_title not in out.getvalue()
    out = StringIO()
    call_command("review_report", "--due-within", "90", stdout=out)
    assert live_article.page_title in out.getvalue()


def test_reviewers_are_emailed_when_a_task_reaches_them(review_team, site_tree):
    page = draft_article(site_tree, slug="mail-article")
    page.save_revision(user=review_team["writer"])
    submit_for_review(page, review_team["writer"])
    mail.outbox.clear()
    act_on_current_task(page, review_team["editor"], "approve")
    recipients = {address for message in mail.outbox for address in message.to}
    assert review_team["reviewer"].email in recipients


def test_worker_tick_emails_reviewers_about_due_content_once_a_day(live_article, review_team):
    set_due(live_article, -1)
    mail.outbox.clear()
    call_command("run_worker", "--once", stdout=StringIO())
    call_command("run_worker", "--once", stdout=StringIO())
    due_mails = [m for m in mail.outbox if "due for medical review" in m.subject]
    assert len(due_mails) == 1
    assert due_mails[0].to == [review_team["reviewer"].email]
    assert live_article.page_title in due_mails[0].body


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_produce_one_approval_and_one_publish(site_tree):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks (select_for_update) are only meaningful on PostgreSQL.")
    with_disclaimer()
    writer = role_user("race.writer", "Writers")
    editor = role_user("race.editor", "Editors")
    reviewers = [credentialed_reviewer("race.rev1"), credentialed_reviewer("race.rev2")]
    page = draft_article(site_tree, slug="race-article")
    page.save_revision(user=writer)
    submit_for_review(page, writer)
    act_on_current_task(page, editor, "approve")
    task_state = ArticlePage.objects.get(pk=page.pk).current_workflow_task_state
    barrier = threading.Barrier(2)
    outcomes = []

    def approve_as(user):
        try:
            barrier.wait()
            task_state.task.specific.on_action(task_state, user, "approve", **FULL_CHECKLIST)
            outcomes.append("approved")
        except Exception as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve_as, args=(user,)) for user in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["ApprovalRefused", "approved"]
    assert ReviewRecord.objects.filter(page_id=page.pk).count() == 1
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").count() == 1
