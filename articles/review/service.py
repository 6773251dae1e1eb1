"""Drive the review workflow from code (demo loader, benchmarks, tests): the same Wagtail
workflow and the same rules as the admin, just without the HTTP layer."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from wagtail.models import Page, WorkflowState

from ..models.review import ReviewRecord
from .forms import CHECKLIST_FIELDS

FULL_CHECKLIST: dict[str, bool] = {name: True for name in CHECKLIST_FIELDS}


def submit_for_review(page: Page, user: AbstractBaseUser) -> WorkflowState:
    """Start the page's review workflow on its latest revision, as `user`."""
    workflow = page.get_workflow()
    if workflow is None:
        raise RuntimeError(f"No active review workflow for {page!r}; run migrations.")
    return workflow.start(page, user)


def act_on_current_task(page: Page, user: AbstractBaseUser, action: str, **data: Any):
    """Perform `action` ("approve" / "reject") on the page's current task, as `user`.

    Returns the review record when the action was a medical approval, else None."""
    page = type(page).objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    if task_state is None:
        raise RuntimeError(f"{page!r} is not in review.")
    task_state.task.specific.on_action(task_state, user, action, **data)
    return ReviewRecord.objects.filter(task_state_id=task_state.pk).first()


@transaction.atomic
def publish_through_review(
    page: Page,
    *,
    writer: AbstractBaseUser,
    editor: AbstractBaseUser,
    reviewer: AbstractBaseUser,
    acknowledgement: str = "",
    comment: str = "",
) -> ReviewRecord:
    """Save the page as `writer`, then editorial approval by `editor` and clinical sign-off by
    `reviewer`; the workflow publishes the approved revision. Returns the review record."""
    page.save_revision(user=writer, log_action=True)
    submit_for_review(page, writer)
    act_on_current_task(page, editor, "approve", comment="")
    return act_on_current_task(
        page,
        reviewer,
        "approve",
        **FULL_CHECKLIST,
        acknowledgement=acknowledgement,
        comment=comment,
    )
