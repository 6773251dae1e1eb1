"""Medical review: the workflow task, its task state, and the immutable approval records.

DESIGN.md §3-5. The rules live in `articles.review`; these are the stored facts.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask, TaskState

MEDICAL_WORKFLOW_NAME = "Editorial and medical review"


class MedicalReviewTaskState(TaskState):
    """A medical-review task on one revision; remembers the content hash it started with."""

    content_hash_at_start = models.CharField(max_length=64, blank=True)
    findings_at_start = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = "medical review task state"


class MedicalReviewTask(AbstractGroupApprovalTask):
    """Clinical sign-off: a credentialed Medical reviewer, not the author, with a full checklist."""

    task_state_class = MedicalReviewTaskState

    class Meta:
        verbose_name = "Medical review task"
        verbose_name_plural = "Medical review tasks"

    @classmethod
    def get_description(cls) -> str:
        return (
            "A credentialed member of the chosen groups, who did not write or edit the revision, "
            "approves it with the clinical checklist."
        )

    def start(self, workflow_state, user=None):
        from ..review.findings import findings_for_revision
        from ..review.hashing import revision_content_hash

        task_state = super().start(workflow_state, user=user)
        revision = task_state.revision
        task_state.content_hash_at_start = revision_content_hash(revision)
        task_state.findings_at_start = [f.as_dict() for f in findings_for_revision(revision)]
        task_state.save(update_fields=["content_hash_at_start", "findings_at_start"])
        return task_state

    def locked_for_user(self, obj, user) -> bool:
        # Nobody edits content under clinical review, superusers included (DESIGN.md §4).
        return True

    def user_can_lock(self, obj, user) -> bool:
        return False

    def get_actions(self, obj, user):
        from ..review.eligibility import approval_refusals

        if not self._user_in_groups(user):
            return []  # superusers too: approval is a clinical signature
        actions = [("reject", "Request changes", True)]
        task_state = obj.current_workflow_task_state
        if task_state and not approval_refusals(task_state.specific, user):
            actions.append(("approve", "Approve (clinical sign-off)", True))
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_in_groups(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    def get_form_for_action(self, action):
        from ..review.forms import MedicalApprovalForm, RequestChangesForm

        return MedicalApprovalForm if action == "approve" else RequestChangesForm

    def get_template_for_action(self, action):
        return "articles/review/workflow_action_modal.html"

    def on_action(self, task_state, user, action_name, **kwargs):
        from ..review.approval import approve_medical_review, request_changes

        # The admin treats a return value as a redirect URL, so return nothing.
        if action_name == "approve":
            approve_medical_review(task_state, user, kwargs)
        elif action_name == "reject":
            request_changes(task_state, user, kwargs)
        else:
            raise PermissionDenied(f"Unknown medical review action {action_name!r}.")


class ReviewRecord(models.Model):
    """One clinical approval. Plain ids, not foreign keys: purging revisions or deleting a page
    must never erase the record (DESIGN.md §5). Only `changed_since_review` and `published_at`
    change after creation."""

    page_id = models.BigIntegerField(db_index=True)
    page_type = models.CharField(max_length=100)
    page_title = models.CharField(max_length=255)
    revision_id = models.BigIntegerField(unique=True)
    content_hash = models.CharField(max_length=64)
    task_state_id = models.BigIntegerField(null=True, unique=True)
    reviewer_user_id = models.BigIntegerField()
    reviewer_person_id = models.BigIntegerField(null=True)
    reviewer_name = models.CharField(max_length=200)
    reviewer_credentials = models.CharField(max_length=120)
    reviewer_specialty = models.CharField(max_length=120, blank=True)
    checklist = models.JSONField(default=dict)
    findings = models.JSONField(default=list)
    acknowledgement = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    approved_at = models.DateTimeField()
    next_review_due = models.DateField()
    snapshot = models.JSONField(default=dict, help_text="The public detail JSON, frozen.")
    listing = models.JSONField(default=dict, help_text="The public listing entry, frozen.")
    published_at = models.DateTimeField(null=True, blank=True)
    changed_since_review = models.BooleanField(default=False, db_index=True)
    changed_since_review_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-approved_at"]
        verbose_name = "medical review record"

    def __str__(self) -> str:
        return f"{self.page_title} (revision {self.revision_id}) approved by {self.reviewer_name}"


class ReviewedObject(models.Model):
    """A snippet or image an approval snapshot depends on; editing it queues re-review."""

    record = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="dependencies")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "content_type", "object_id"], name="unique_reviewed_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} (review record {self.record_id})"


class ReviewedPageMixin(models.Model):
    """Review currency on the page row. Set only by the workflow, after publishing."""

    reviewed_by = models.ForeignKey(
        "articles.Person",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    next_review_due = models.DateField(null=True, blank=True, editable=False, db_index=True)

    # Months between reviews for this page type; settings.MEDICAL_REVIEW_INTERVAL_DAYS overrides.
    review_interval_days = 365

    class Meta:
        abstract = True

    @classmethod
    def get_review_interval_days(cls) -> int:
        overrides = getattr(settings, "MEDICAL_REVIEW_INTERVAL_DAYS", {})
        return int(overrides.get(cls._meta.label_lower, cls.review_interval_days))


# Read-only: only the workflow writes these (articles.review.finish.mark_published).
REVIEW_PANELS = [
    FieldPanel("reviewed_by", read_only=True),
    FieldPanel("last_reviewed_at", read_only=True),
    FieldPanel("next_review_due", read_only=True),
]
