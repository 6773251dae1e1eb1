"""WAGTAIL_FINISH_WORKFLOW_ACTION: publish the approved revision, not the latest (DESIGN.md §3).

Wagtail imports this while its own models load, so model imports stay inside the functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from wagtail.models import WorkflowState

    from ..models.review import ReviewRecord


@transaction.atomic
def finish_workflow(workflow_state: WorkflowState, user: AbstractBaseUser | None = None) -> None:
    from wagtail.models import Revision
    from wagtail.workflows import publish_workflow_state

    from ..models.mixins import GatedPublishMixin
    from ..models.review import ReviewRecord

    page = workflow_state.content_object
    page = getattr(page, "specific", page)
    if not isinstance(page, GatedPublishMixin):
        publish_workflow_state(workflow_state, user=user)
        return
    record = (
        ReviewRecord.objects.filter(task_state_id__in=workflow_state.task_states.values("id"))
        .order_by("-approved_at")
        .first()
    )
    if record is None:
        raise PermissionDenied("The workflow finished without a medical approval record.")
    revision = Revision.objects.get(pk=record.revision_id)
    # Permission checks are skipped because the approver need not hold publish permission;
    # publish() itself re-checks the review record and the content hash.
    revision.publish(user=user, skip_permission_checks=True)
    mark_published(page, record)


def mark_published(page, record: ReviewRecord) -> None:
    """Record review currency on the page row (not in revisions, so drafts cannot alter it)."""
    from wagtail.log_actions import log

    from ..models import Person
    from ..models.review import ReviewRecord

    now = timezone.now()
    ReviewRecord.objects.filter(pk=record.pk).update(published_at=now)
    type(page).objects.filter(pk=page.pk).update(
        reviewed_by=Person.objects.filter(pk=record.reviewer_person_id).first(),
        last_reviewed_at=record.approved_at,
        next_review_due=record.next_review_due,
    )
    log(
        instance=page,
        action="articles.medical_review.published",
        user=None,
        data={
            "review_record_id": record.pk,
            "revision_id": record.revision_id,
            "reviewer": f"{record.reviewer_name}, {record.reviewer_credentials}",
            "content_hash": record.content_hash,
        },
    )
