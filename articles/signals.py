"""Backstop for publish paths that skip `publish()` (DESIGN.md §3): refuse an unfit live revision."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from wagtail.models import Revision

from .models.mixins import GatedPublishMixin, PublishRefused


@receiver(pre_save, dispatch_uid="articles.refuse_unfit_live_revision")
def refuse_unfit_live_revision(sender, instance, raw: bool = False, **kwargs) -> None:
    # raw=True: fixtures and restores load the state as it was, checks included.
    if raw or not isinstance(instance, GatedPublishMixin) or not instance.live_revision_id:
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
