"""E-mails to reviewers: a task waiting for them, and content they reviewed falling due."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef
from django.utils import timezone

from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import Page

from ..models.review import ReviewRecord


class MedicalReviewSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail's group-task notifier only listens for plain TaskState senders; medical review
    uses its own task-state class, so reuse the notifier and its templates explicitly."""

    def get_template_base_prefix(self, instance, **kwargs) -> str:
        return "task_state_"


medical_review_submission_notifier = MedicalReviewSubmissionNotifier()


def live_records_due(by: date) -> list[ReviewRecord]:
    """Approval records of live content whose next review falls on or before `by`."""
    is_live = Page.objects.filter(live_revision_id=OuterRef("revision_id"), live=True)
    return list(
        ReviewRecord.objects.filter(Exists(is_live), next_review_due__lte=by)
        .defer("snapshot")
        .order_by("next_review_due")
    )


def send_review_due_reminders(today: date | None = None, within_days: int = 30) -> int:
    """E-mail each reviewer once a day about their content that is due within `within_days`.

    Idempotent per day: a marker in the cache stops a second tick from sending again.
    """
    from django.core.cache import cache

    today = today or timezone.localdate()
    by_reviewer: dict[int, list[ReviewRecord]] = {}
    for record in live_records_due(today + timedelta(days=within_days)):
        by_reviewer.setdefault(record.reviewer_user_id, []).append(record)
    users = get_user_model().objects.filter(pk__in=by_reviewer, is_active=True).exclude(email="")
    sent = 0
    for user in users:
        marker = f"review-due-mail:{user.pk}:{today.isoformat()}"
        if not cache.add(marker, True, timeout=60 * 60 * 26):
            continue
        lines = [
            f"- {r.page_title}: next review due {r.next_review_due:%d %B %Y}"
            + (" (OVERDUE)" if r.next_review_due < today else "")
            for r in by_reviewer[user.pk]
        ]
        send_mail(
            subject="Content you reviewed is due for medical review",
            message="The following content you approved is due for review:\n\n"
            + "\n".join(lines)
            + f"\n\nReview report: {settings.WAGTAILADMIN_BASE_URL}/admin/reports/medical-review-due/\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
        sent += 1
    return sent
