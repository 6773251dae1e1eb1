"""Record tombstones for pages leaving the public site, and bump the content-change time."""

from __future__ import annotations

from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from articles.models import Condition, GlossaryTerm, MedicalImage, Person, Reference, Topic, Treatment

from .freshness import mark_content_changed
from .models import Tombstone
from .representation import PAGE_TYPES
from .representation.urls import site_path

# Records that live pages display: editing one changes what the API serves.
DISPLAYED_RECORDS = (Reference, Person, GlossaryTerm, Condition, Treatment, Topic, MedicalImage)

# Ids of live pages being deleted: Wagtail unpublishes them first, which must not add a second
# ("unpublished") tombstone.
_deleting: ContextVar[frozenset[int]] = ContextVar("api_deleting_pages", default=frozenset())


def being_deleted(page_id: int) -> bool:
    """Whether Wagtail's unpublish of this page is only the first step of deleting it."""
    return page_id in _deleting.get()


def _tombstone(page: Page, event: str) -> None:
    page_type = PAGE_TYPES.get(page.specific_class)
    path = site_path(page.url_path) if page.url_path else None
    if page_type is None or path is None:
        return
    Tombstone.objects.create(
        page_id=page.pk, page_type=page_type, slug=page.slug, path=path, event=event, at=timezone.now()
    )


def record_deleted(sender, instance: Page, **kwargs) -> None:
    """Only pages that are live when deleted; a never-published draft leaves no trace."""
    if isinstance(instance, Page) and instance.live:
        _deleting.set(_deleting.get() | {instance.pk})
        _tombstone(instance, Tombstone.DELETED)
        mark_content_changed()


def forget_deleted(sender, instance: Page, **kwargs) -> None:
    if isinstance(instance, Page):
        _deleting.set(_deleting.get() - {instance.pk})


def record_unpublished(sender, instance: Page, **kwargs) -> None:
    mark_content_changed()
    if not being_deleted(instance.pk):
        _tombstone(instance, Tombstone.UNPUBLISHED)


def content_changed(sender, **kwargs) -> None:
    mark_content_changed()


def connect() -> None:
    # Before Wagtail's own pre_delete handler (the api app is listed first), which unpublishes.
    pre_delete.connect(record_deleted, sender=Page, dispatch_uid="api.page_deleting")
    post_delete.connect(forget_deleted, sender=Page, dispatch_uid="api.page_deleted")
    page_published.connect(content_changed, dispatch_uid="api.page_published")
    page_unpublished.connect(record_unpublished, dispatch_uid="api.page_unpublished")
    # Moves change paths; view restrictions change what is public; redirects change /resolve/.
    post_page_move.connect(content_changed, dispatch_uid="api.page_moved")
    for model in (*DISPLAYED_RECORDS, PageViewRestriction, Redirect):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"api.saved.{model.__name__}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"api.deleted.{model.__name__}")
