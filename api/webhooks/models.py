"""Webhook endpoints, the outbox of events for them, and the log of delivery attempts.

The outbox row is written in the same transaction as the publish (or unpublish, delete, snippet
edit) that causes it, so an event exists if and only if the change was committed; the worker
(`delivery.py`) sends it later and may retry. Owned by the `api` app (imported by `api/models.py`).
"""

from __future__ import annotations

import secrets

from django.core.validators import URLValidator
from django.db import models


def generate_secret() -> str:
    return secrets.token_hex(32)


class WebhookEndpoint(models.Model):
    """A URL that receives signed JSON events; configured by administrators in the admin."""

    name = models.CharField(max_length=100)
    url = models.URLField(
        "URL",
        max_length=500,
        # URLField's own validator also accepts ftp://; events are HTTP POSTs.
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Receives an HTTP POST of JSON for each event (http:// or https://).",
    )
    secret = models.CharField(
        max_length=128,
        default=generate_secret,
        help_text="Key of the HMAC-SHA256 signature in the X-Webhook-Signature header. "
        "Give it to the receiver; change it to rotate.",
    )
    send_published = models.BooleanField("published", default=True, help_text="A page went live.")
    send_unpublished = models.BooleanField("unpublished", default=True, help_text="A page was taken down.")
    send_deleted = models.BooleanField("deleted", default=True, help_text="A live page was deleted.")
    send_updated = models.BooleanField(
        "updated", default=True, help_text="A library record shown on a live page was edited."
    )
    active = models.BooleanField(
        default=True, help_text="Inactive endpoints get no new events; queued ones wait until reactivated."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook endpoint"

    def __str__(self) -> str:
        # Never the secret: this string appears in the admin's log and messages.
        return self.name

    def subscribes_to(self, event: str) -> bool:
        return getattr(self, f"send_{event}")


class WebhookEvent(models.Model):
    """One event for one endpoint: the outbox row the worker delivers, retrying with back-off."""

    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    DELETED = "deleted"
    UPDATED = "updated"
    EVENTS = [
        (PUBLISHED, "Published"),
        (UNPUBLISHED, "Unpublished"),
        (DELETED, "Deleted"),
        (UPDATED, "Updated"),
    ]

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    STATUSES = [(PENDING, "Pending"), (DELIVERED, "Delivered"), (FAILED, "Failed (gave up)")]

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="events")
    event = models.CharField(max_length=16, choices=EVENTS)
    payload = models.JSONField(help_text="The JSON body, as sent (and signed).")
    created_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField(help_text="When the worker may next try to deliver it.")
    attempts = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=STATUSES, default=PENDING)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook event"
        indexes = [
            # The worker's query: pending rows whose time has come, oldest first.
            models.Index(fields=["status", "next_attempt_at"], name="api_webhook_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.payload.get('page_type')} {self.payload.get('path')} → {self.endpoint}"


class WebhookDelivery(models.Model):
    """One attempt to deliver an event: the receiver's status code, or why there was none."""

    ERROR_MAX_LENGTH = 500

    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    attempted_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=ERROR_MAX_LENGTH, blank=True)
    duration_ms = models.PositiveIntegerField()

    class Meta:
        ordering = ["attempted_at", "pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        outcome = self.status_code if self.status_code is not None else self.error or "no response"
        return f"{self.attempted_at:%Y-%m-%d %H:%M:%S}: {outcome} ({self.duration_ms} ms)"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
