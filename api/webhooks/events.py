"""Write webhook outbox rows when public content changes, inside the transaction that changes it.

Publishing runs in a transaction (`Revision.publish()` is atomic), and the signal handlers here
run inside it: if the publish is refused or rolled back, its events vanish with it, and an event
exists for every committed change even if the process dies right after. Each handler runs in a
savepoint and logs its errors, so a webhook problem can never break a publish.

Only pages the public can see (API `PAGE_TYPES`, under a site, no view restriction) are announced:
a receiver must not learn the slug of a private page.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from articles.signals import SNAPSHOT_DEPENDENCY_MODELS, live_records_showing

from ..live import live_pages
from ..representation import PAGE_TYPES
from ..representation.urls import frontend_url, site_path
from ..signals import being_deleted
from .models import WebhookEndpoint, WebhookEvent

logger = logging.getLogger(__name__)


def page_payload(event: str, page: Page, at: datetime) -> dict[str, Any] | None:
    """The JSON body for `event` on `page`, or None when the page is not a public API type."""
    page_type = PAGE_TYPES.get(page.specific_class)
    path = site_path(page.url_path) if page_type and page.url_path else None
    if path is None:
        return None
    return {
        "event": event,
        "page_type": page_type,
        "id": page.pk,
        "slug": page.slug,
        "path": path,
        "url": frontend_url(path),
        "timestamp": at.isoformat(),
    }


def _subscribers(event: str) -> list[WebhookEndpoint]:
    return [e for e in WebhookEndpoint.objects.filter(active=True) if e.subscribes_to(event)]


def _enqueue(event: str, endpoints: list[WebhookEndpoint], pages: Iterable[Page]) -> int:
    """One outbox row per public-type page and endpoint."""
    now = timezone.now()
    payloads = [p for p in (page_payload(event, page, now) for page in pages) if p is not None]
    rows = [
        WebhookEvent(endpoint=endpoint, event=event, payload=payload, created_at=now, next_attempt_at=now)
        for payload in payloads
        for endpoint in endpoints
    ]
    WebhookEvent.objects.bulk_create(rows)
    return len(rows)


def _never_raises(handler: Callable[..., None]) -> Callable[..., None]:
    """Run a handler in a savepoint and log its errors: the change itself must go ahead, and a
    failed query must not poison the caller's transaction."""

    @functools.wraps(handler)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            with transaction.atomic():
                handler(*args, **kwargs)
        except Exception:
            logger.exception("Could not queue webhook events (%s); the change went ahead", handler.__name__)

    return wrapper


def _is_public_type(page: Page) -> bool:
    return page.specific_class in PAGE_TYPES


def _is_restricted(page: Page) -> bool:
    """A view restriction on the page or an ancestor (what `live_pages` excludes)."""
    return PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


@_never_raises
def on_published(sender, instance: Page, **kwargs) -> None:
    # Subscribers first: without any, a publish costs this handler one query.
    if not _is_public_type(instance) or not (endpoints := _subscribers(WebhookEvent.PUBLISHED)):
        return
    if live_pages(Page).filter(pk=instance.pk).exists():
        _enqueue(WebhookEvent.PUBLISHED, endpoints, [instance])


@_never_raises
def on_unpublished(sender, instance: Page, **kwargs) -> None:
    # A deletion starts with an unpublish; it is announced once, as "deleted".
    if being_deleted(instance.pk) or not _is_public_type(instance):
        return
    if (endpoints := _subscribers(WebhookEvent.UNPUBLISHED)) and not _is_restricted(instance):
        _enqueue(WebhookEvent.UNPUBLISHED, endpoints, [instance])


@_never_raises
def on_deleting(sender, instance: Page, **kwargs) -> None:
    """Before Wagtail's own pre_delete handler unpublishes the page (the api app loads first)."""
    if not instance.live or not _is_public_type(instance):
        return
    if (endpoints := _subscribers(WebhookEvent.DELETED)) and not _is_restricted(instance):
        _enqueue(WebhookEvent.DELETED, endpoints, [instance])


def on_record_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    """An edited library record or image: an "updated" event for each public page showing it.

    Which pages those are is the same lookup that queues them for re-review (`articles.signals`)."""
    if not raw and not created:
        _announce_pages_showing(instance)


@_never_raises
def _announce_pages_showing(instance) -> None:
    if not (endpoints := _subscribers(WebhookEvent.UPDATED)):
        return
    page_ids = live_records_showing(instance).values("page_id")
    _enqueue(WebhookEvent.UPDATED, endpoints, live_pages(Page).filter(pk__in=page_ids).order_by("pk"))


def connect() -> None:
    """Called from `ApiConfig.ready()`, after `api.signals.connect()` (deletions are tracked there)."""
    page_published.connect(on_published, dispatch_uid="api.webhooks.page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="api.webhooks.page_unpublished")
    pre_delete.connect(on_deleting, sender=Page, dispatch_uid="api.webhooks.page_deleting")
    for model in SNAPSHOT_DEPENDENCY_MODELS:
        post_save.connect(on_record_saved, sender=model, dispatch_uid=f"api.webhooks.saved.{model.__name__}")
