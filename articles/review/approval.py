"""Approving or rejecting a medical-review task: every rule re-checked server-side.

The admin's edit view passes arbitrary JSON as action data, so nothing here trusts the caller
(DESIGN.md §5). The review record is written before `approve()`, because approving the last
task finishes the workflow, which publishes exactly the recorded revision.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page, Revision, TaskState

from ..models import CaseStoryPage, Person
from ..models.review import MedicalReviewTaskState, ReviewedObject, ReviewRecord
from .eligibility import approval_refusals, reviewer_person
from .findings import findings_for_revision
from .forms import CHECKLIST_FIELDS, MedicalApprovalForm, RequestChangesForm
from .hashing import revision_content_hash
from .snapshots import build_listing, build_snapshot, snapshot_dependencies


class ApprovalRefused(PermissionDenied):
    """The approval was not recorded; the message says why."""


def _lock_in_progress(task_state: TaskState) -> MedicalReviewTaskState:
    # Row lock: a double-submitted approval waits here, then finds the task decided.
    locked = MedicalReviewTaskState.objects.select_for_update().get(pk=task_state.pk)
    if locked.status != TaskState.STATUS_IN_PROGRESS:
        raise ApprovalRefused("This review has already been decided.")
    return locked


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@transaction.atomic
def approve_medical_review(
    task_state: TaskState, user: AbstractBaseUser, data: dict[str, Any]
) -> ReviewRecord:
    task_state = _lock_in_progress(task_state)
    form = MedicalApprovalForm(data)
    if not form.is_valid():
        raise ApprovalRefused("Approval refused: " + _form_errors(form))
    refusals = approval_refusals(task_state, user)
    if refusals:
        raise ApprovalRefused("Approval refused: " + " ".join(refusals))

    revision = task_state.revision
    content_hash = revision_content_hash(revision)
    if task_state.content_hash_at_start and content_hash != task_state.content_hash_at_start:
        raise ApprovalRefused(
            "Approval refused: the revision changed while under review; resubmit it for review."
        )
    page = revision.as_object()
    if isinstance(page, CaseStoryPage) and not form.cleaned_data["consent_and_deidentification"]:
        raise ApprovalRefused(
            "Approval refused: confirm that consent is verified and the story is de-identified."
        )
    findings = findings_for_revision(revision)
    blocking = [finding for finding in findings if finding.is_blocking]
    if blocking:
        raise ApprovalRefused(
            "Approval refused: resolve the blocking findings first: "
            + " ".join(f"{f.location}: {f.message}" for f in blocking)
        )
    acknowledgement = form.cleaned_data["acknowledgement"].strip()
    if findings and not acknowledgement:
        raise ApprovalRefused(
            "Approval refused: the pre-review checks raised warnings; add a note saying why the "
            "content may go live regardless."
        )

    record = record_approval(
        revision,
        page,
        reviewer=reviewer_person(user),
        task_state_id=task_state.pk,
        checklist={name: bool(form.cleaned_data[name]) for name in CHECKLIST_FIELDS},
        findings=[finding.as_dict() for finding in findings],
        acknowledgement=acknowledgement,
        comment=form.cleaned_data["comment"],
    )
    task_state.approve(user=user, comment=form.cleaned_data["comment"])
    return record


def record_approval(
    revision: Revision,
    page: Page,
    *,
    reviewer: Person,
    task_state_id: int | None = None,
    checklist: dict[str, bool] | None = None,
    findings: list[dict] | None = None,
    acknowledgement: str = "",
    comment: str = "",
) -> ReviewRecord:
    """Write the approval record, its frozen snapshot and listing, and what the snapshot
    depends on. Callers check eligibility and the rules first."""
    now = timezone.now()
    snapshot = build_snapshot(page)
    record = ReviewRecord.objects.create(
        page_id=page.pk,
        page_type=page._meta.label_lower,
        page_title=page.title,
        revision_id=revision.pk,
        content_hash=revision_content_hash(revision),
        task_state_id=task_state_id,
        reviewer_user_id=reviewer.user_id,
        reviewer_person_id=reviewer.pk,
        reviewer_name=reviewer.name,
        reviewer_credentials=reviewer.credentials,
        reviewer_specialty=reviewer.specialty,
        checklist=checklist or {},
        findings=findings or [],
        acknowledgement=acknowledgement,
        comment=comment,
        approved_at=now,
        next_review_due=(now + timedelta(days=page.get_review_interval_days())).date(),
        snapshot=snapshot,
        listing=build_listing(page),
    )
    ReviewedObject.objects.bulk_create(
        ReviewedObject(
            record=record,
            content_type=ContentType.objects.get_for_id(content_type_id),
            object_id=object_id,
        )
        for content_type_id, object_id in snapshot_dependencies(page, snapshot)
    )
    return record


@transaction.atomic
def request_changes(task_state: TaskState, user: AbstractBaseUser, data: dict[str, Any]) -> None:
    task_state = _lock_in_progress(task_state)
    task = task_state.task.specific
    if not task.groups.filter(id__in=user.groups.values("id")).exists():
        raise ApprovalRefused("Only members of the Medical reviewers group can request changes.")
    form = RequestChangesForm(data)
    if not form.is_valid():
        raise ApprovalRefused("Request refused: " + _form_errors(form))
    task_state.reject(user=user, comment=form.cleaned_data["comment"])
