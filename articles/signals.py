"""Signal handlers: the publish backstop, re-review on snippet edits, consent withdrawal."""

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from wagtail.log_actions import log
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signals import page_unpublished, task_submitted

from .models import (
    CaseStoryConsent,
    CaseStoryPage,
    Condition,
    GlossaryTerm,
    MedicalImage,
    Person,
    Reference,
    ReviewRecord,
    Topic,
    Treatment,
)
from .models.mixins import GatedPublishMixin, PublishRefused
from .models.review import MedicalReviewTaskState
from .review.notifications import medical_review_submission_notifier

# Objects outside page revisions whose edits change what a live page shows.
SNAPSHOT_DEPENDENCY_MODELS = (Reference, Person, GlossaryTerm, Condition, Treatment, Topic, MedicalImage)


@receiver(pre_save, dispatch_uid="articles.refuse_unfit_live_revision")
def refuse_unfit_live_revision(sender, instance, raw: bool = False, **kwargs) -> None:
    """Layer 3 of the publish gate (DESIGN.md §3): catches paths that skip `publish()`,
    such as the edit view's publish action, copy-and-publish and the admin page API."""
    # raw=True: fixtures and restores load the state as it was, checks included.
    if raw or not isinstance(instance, GatedPublishMixin):
        return
    if instance.alias_of_id:
        raise PublishRefused("Aliases of medically reviewed pages are not allowed; link to the page instead.")
    if not instance.live_revision_id:
        return
    if instance.pk:
        previous = (
            type(instance).objects.filter(pk=instance.pk).values_list("live_revision_id", flat=True).first()
        )
        if previous == instance.live_revision_id:
            return
    revision = Revision.objects.filter(pk=instance.live_revision_id).first()
    if revision is None:
        return
    blockers = instance.publish_blockers(revision)
    if blockers:
        raise PublishRefused(" ".join(blockers))


def live_records_showing(instance) -> QuerySet[ReviewRecord]:
    """The approvals behind live pages whose frozen snapshot shows `instance` (a snippet, an
    image or a page); also used by the publish webhooks to announce the pages it changes."""
    # The reference index files pages under wagtailcore.Page, other models under themselves.
    content_type = ReferenceIndex._get_base_content_type(instance)
    is_live = Page.objects.filter(live_revision_id=OuterRef("revision_id"), live=True)
    return ReviewRecord.objects.filter(
        Exists(is_live),
        dependencies__content_type=content_type,
        dependencies__object_id=str(instance.pk),
    )


def _mark_changed_since_review(instance) -> int:
    """Flag every live approval whose snapshot shows `instance`; they queue for re-review."""
    return (
        live_records_showing(instance)
        .filter(changed_since_review=False)
        .update(
            changed_since_review=True,
            changed_since_review_reason=f"{instance._meta.verbose_name} '{instance}' was edited",
        )
    )


@receiver(post_save, dispatch_uid="articles.queue_re_review_on_snippet_edit")
def queue_re_review_on_snippet_edit(sender, instance, created: bool, raw: bool = False, **kwargs):
    if raw or created or not isinstance(instance, SNAPSHOT_DEPENDENCY_MODELS):
        return
    _mark_changed_since_review(instance)


@receiver(page_unpublished, dispatch_uid="articles.queue_re_review_on_linked_page_unpublish")
def queue_re_review_on_linked_page_unpublish(sender, instance, **kwargs):
    """Live pages that link to or embed a page taken offline need their text looked at again
    (the API already hides the dead link at request time)."""
    _mark_changed_since_review(instance)


@receiver(post_save, sender=CaseStoryConsent, dispatch_uid="articles.unpublish_on_consent_withdrawal")
def unpublish_on_consent_withdrawal(sender, instance: CaseStoryConsent, raw: bool = False, **kwargs):
    """Withdrawn consent takes the story offline at once, whoever withdrew it, and erases it once
    the withdrawal has committed (articles.consent)."""
    from .consent import erase_after_commit

    if raw or not instance.withdrawn:
        return
    # Fresh from the database: the instance's cached page may predate its publishing.
    story = CaseStoryPage.objects.get(pk=instance.case_story_id)
    if story.live:
        story.unpublish(user=None, log_action=True)
    log(
        instance=story,
        action="articles.consent.withdrawn",
        user=instance.recorded_by,
        data={"reason": "The patient's consent was withdrawn; the story is erased."},
    )
    erase_after_commit(story.pk, instance.recorded_by)


task_submitted.connect(
    medical_review_submission_notifier,
    sender=MedicalReviewTaskState,
    dispatch_uid="articles.medical_review_submitted_email",
)
