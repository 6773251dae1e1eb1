"""Whether reviewed content is current: the `review_status` the API reports (DESIGN.md §7)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from ..models.review import ReviewRecord

DUE_SOON_DAYS = 30


class ReviewStatus:
    CURRENT = "current"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    CHANGED_SINCE_REVIEW = "changed_since_review"
    ALL = (CURRENT, DUE_SOON, OVERDUE, CHANGED_SINCE_REVIEW)


def review_status(record: ReviewRecord, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if record.changed_since_review:
        return ReviewStatus.CHANGED_SINCE_REVIEW
    if record.next_review_due < today:
        return ReviewStatus.OVERDUE
    if record.next_review_due <= today + timedelta(days=DUE_SOON_DAYS):
        return ReviewStatus.DUE_SOON
    return ReviewStatus.CURRENT


def review_summary(record: ReviewRecord | None, today: date | None = None) -> dict[str, Any]:
    """The public medical-review block: never e-mails, comments, checklists or licence numbers."""
    if record is None:
        return {
            "reviewed_by": None,
            "last_reviewed_at": None,
            "next_review_due": None,
            "review_status": None,
        }
    return {
        "reviewed_by": {
            "name": record.reviewer_name,
            "credentials": record.reviewer_credentials,
            "specialty": record.reviewer_specialty,
        },
        "last_reviewed_at": record.approved_at.isoformat(),
        "next_review_due": record.next_review_due.isoformat(),
        "review_status": review_status(record, today),
    }


def live_records_by_revision(revision_ids: list[int]) -> dict[int, ReviewRecord]:
    """One query for a page of results: review records keyed by live revision id."""
    records = ReviewRecord.objects.filter(revision_id__in=[r for r in revision_ids if r]).defer(
        "snapshot", "findings", "checklist"
    )
    return {record.revision_id: record for record in records}
