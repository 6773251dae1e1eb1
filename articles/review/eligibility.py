"""Who may give clinical sign-off on a task state (separation of duties, live credentials)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from wagtail.models import Revision, TaskState

from security.second_factor import REFUSAL as SECOND_FACTOR_REFUSAL
from security.second_factor import second_factor_missing

from ..models import Person
from ..models.review import ReviewRecord


def reviewer_person(user: AbstractBaseUser) -> Person | None:
    return Person.objects.filter(user_id=user.pk).first()


def approval_refusals(task_state: TaskState, user: AbstractBaseUser) -> list[str]:
    """Reasons `user` may not approve `task_state`; empty when they may."""
    task = task_state.task.specific
    if not user.is_active:
        return ["Your account is inactive."]
    reasons = []
    # Only request users carry a second-factor state; code paths without a request are trusted
    # (security/second_factor.py), so `articles.review.service` is not refused here.
    if second_factor_missing(user):
        reasons.append(SECOND_FACTOR_REFUSAL)
    if not task.groups.filter(id__in=user.groups.values("id")).exists():
        reasons.append("Only members of the Medical reviewers group can approve.")
    person = reviewer_person(user)
    if person is None or not person.credentials.strip():
        reasons.append("Your account is not linked to a person record with clinical credentials.")
    elif not person.licence_number.strip() or person.licence_expiry is None:
        reasons.append("Your person record has no licence number and expiry date on file.")
    elif person.licence_expiry < timezone.localdate():
        reasons.append(f"Your licence expired on {person.licence_expiry:%d %B %Y}.")
    if user_contributed(task_state, user):
        reasons.append("You wrote or edited this content, so someone else must review it.")
    return reasons


def user_contributed(task_state: TaskState, user: AbstractBaseUser) -> bool:
    """True if `user` authored the revision under review or any revision since the last approval."""
    revision = task_state.revision
    if revision.user_id == user.pk:
        return True
    last_approval = (
        ReviewRecord.objects.filter(page_id=int(revision.object_id))
        .order_by("-approved_at")
        .values_list("approved_at", flat=True)
        .first()
    )
    edits = Revision.objects.filter(
        base_content_type_id=revision.base_content_type_id,
        object_id=revision.object_id,
        user_id=user.pk,
    )
    if last_approval is not None:
        edits = edits.filter(created_at__gt=last_approval)
    return edits.exists()
