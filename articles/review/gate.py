"""The publish gate: a revision may go live only with a matching medical-review record."""

from __future__ import annotations

from wagtail.models import Page, Revision

from ..models.review import ReviewRecord
from .hashing import revision_content_hash

NOT_REVIEWED = (
    "This revision has not passed medical review. Submit it to the 'Editorial and medical "
    "review' workflow; it goes live when a medical reviewer approves it."
)
CHANGED_AFTER_APPROVAL = (
    "This revision was changed after its medical approval (content hash mismatch); it needs a "
    "new review before it can go live."
)


def approval_record_for(revision: Revision) -> ReviewRecord | None:
    return ReviewRecord.objects.filter(revision_id=revision.pk).first()


def review_blockers(page: Page, revision: Revision) -> list[str]:
    """Why `revision` of `page` may not go live; empty when its approval is valid."""
    record = approval_record_for(revision)
    if record is None or record.page_id != page.pk:
        return [NOT_REVIEWED]
    if record.content_hash != revision_content_hash(revision):
        return [CHANGED_AFTER_APPROVAL]
    return []


def approval_record_for_id(revision_id: int | None) -> ReviewRecord | None:
    if not revision_id:
        return None
    return ReviewRecord.objects.filter(revision_id=revision_id).first()
