"""What the public API must remember after a page stops being public.

Wagtail's audit log keeps only the title of a deleted page (`PageLogEntry.label`), not its slug
or path, and nothing records the path a page had when it was unpublished. A frontend syncing from
`/api/v1/changes/` needs both to drop the right URL, so they are written here when it happens.
"""

from __future__ import annotations

from django.db import models

# Webhook endpoints, outbox and delivery log belong to this app (api/webhooks/).
from .webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent  # noqa: F401


class Tombstone(models.Model):
    """A page that was public and stopped being so (unpublished or deleted)."""

    UNPUBLISHED = "unpublished"
    DELETED = "deleted"
    EVENTS = [(UNPUBLISHED, "Unpublished"), (DELETED, "Deleted")]

    # A plain id: the page row may be gone.
    page_id = models.BigIntegerField(db_index=True)
    page_type = models.CharField(max_length=32, help_text="API type name, e.g. 'article'.")
    slug = models.SlugField(max_length=255)
    path = models.CharField(max_length=1024, help_text="The frontend path it was served at.")
    event = models.CharField(max_length=16, choices=EVENTS)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.page_type} {self.path} {self.event} at {self.at:%Y-%m-%d %H:%M}"


class PreviewSnapshot(models.Model):
    """What an editor had in the admin form when they pressed Preview, as the public API would
    present it. A headless frontend fetches it with a signed, expiring preview token that names
    this row and its page; rows are short-lived and pruned by the worker."""

    # Cascade: a preview of a deleted page has nothing left to show.
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    # Set when the preview is of a saved revision rather than unsaved form state.
    revision_id = models.BigIntegerField(null=True, blank=True)
    payload = models.JSONField(help_text="The detail JSON, in the shape of the live endpoint.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"Preview of page {self.page_id} at {self.created_at:%Y-%m-%d %H:%M}"
