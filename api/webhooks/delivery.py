"""Deliver due webhook events: the `deliver_webhooks` worker job (DESIGN.md §6).

Each event is POSTed as JSON with an HMAC-SHA256 signature of the exact body bytes. A 2xx
response delivers it; anything else (another status, a timeout, a refused connection) is logged
as an attempt and retried after 1, 2, 4, 8 … minutes (capped at an hour), until
`WEBHOOK_MAX_ATTEMPTS` attempts have failed and the event is marked failed.

Claiming is safe with several workers: candidates are read with `SELECT … FOR UPDATE SKIP LOCKED`
where the database has it, and each is claimed by a conditional UPDATE that only one worker can
win (moving `next_attempt_at` past the send), so no lock is held while the receiver answers. An
event whose worker died mid-send becomes due again when that claim expires.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import WebhookDelivery, WebhookEvent

logger = logging.getLogger(__name__)

USER_AGENT = "medcms-webhooks/1"
MAX_BACKOFF = timedelta(hours=1)
# How much of a failing receiver's response body is kept in the log.
RESPONSE_EXCERPT = 200


def body_bytes(payload: dict) -> bytes:
    """The exact bytes sent and signed (compact, keys sorted: the same on every retry)."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def signature(secret: str, body: bytes) -> str:
    """The X-Webhook-Signature value: `sha256=` and the hex HMAC of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure: 1, 2, 4, 8 … minutes, at most an hour."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _timeout() -> float:
    return float(getattr(settings, "WEBHOOK_TIMEOUT_SECONDS", 5))


def _max_attempts() -> int:
    return int(getattr(settings, "WEBHOOK_MAX_ATTEMPTS", 8))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failed delivery: following it would turn the POST into a body-less GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(event: WebhookEvent, now: datetime) -> Outcome:
    """POST one event to its endpoint; never raises."""
    endpoint = event.endpoint
    body = body_bytes(event.payload)
    request = urllib.request.Request(
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Webhook-Id": str(event.pk),
            "X-Webhook-Event": event.event,
            "X-Webhook-Timestamp": str(int(now.timestamp())),
            "X-Webhook-Signature": signature(endpoint.secret, body),
        },
    )
    started = time.monotonic()
    status, error = None, ""
    try:
        with _opener.open(request, timeout=_timeout()) as response:
            status = response.status
            response.read(RESPONSE_EXCERPT)
    except urllib.error.HTTPError as exc:
        status = exc.code
        error = exc.read(RESPONSE_EXCERPT).decode("utf-8", "replace")
        exc.close()
    except Exception as exc:  # timeouts, refused connections, TLS and protocol errors
        error = f"{type(exc).__name__}: {exc}"
    duration_ms = round((time.monotonic() - started) * 1000)
    return Outcome(status, error[: WebhookDelivery.ERROR_MAX_LENGTH], duration_ms)


def _claim(now: datetime, limit: int) -> list[WebhookEvent]:
    """Due events this worker alone will send, oldest first."""
    due = WebhookEvent.objects.filter(
        status=WebhookEvent.PENDING, next_attempt_at__lte=now, endpoint__active=True
    ).order_by("next_attempt_at", "pk")
    claimed = []
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:  # PostgreSQL; SQLite serialises
            of = ("self",) if connection.features.has_select_for_update_of else ()
            due = due.select_for_update(skip_locked=True, of=of)
        candidates = list(due.values_list("pk", "attempts")[:limit])
        # Long enough to send the whole batch, each send waiting up to the timeout.
        lease_until = now + timedelta(seconds=_timeout() * len(candidates) + 60)
        for pk, attempts in candidates:
            # Only one worker's UPDATE matches: the first moves next_attempt_at past `now`.
            won = WebhookEvent.objects.filter(
                pk=pk, status=WebhookEvent.PENDING, attempts=attempts, next_attempt_at__lte=now
            ).update(next_attempt_at=lease_until)
            if won:
                claimed.append(pk)
    return list(WebhookEvent.objects.filter(pk__in=claimed).select_related("endpoint").order_by("pk"))


def _record(event: WebhookEvent, outcome: Outcome, now: datetime) -> None:
    attempts = event.attempts + 1
    changes: dict = {"attempts": attempts}
    if outcome.ok:
        changes.update(status=WebhookEvent.DELIVERED, delivered_at=now)
    elif attempts >= _max_attempts():
        changes.update(status=WebhookEvent.FAILED)
        logger.warning(
            "Gave up on webhook event %s to %s after %s attempts", event.pk, event.endpoint, attempts
        )
    else:
        changes.update(next_attempt_at=now + backoff(attempts))
    with transaction.atomic():
        WebhookDelivery.objects.create(
            event=event,
            attempted_at=now,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
        WebhookEvent.objects.filter(pk=event.pk).update(**changes)


def deliver_due(now: datetime | None = None, limit: int = 50) -> int:
    """Send up to `limit` due events; returns how many were delivered. `now` is for tests."""
    now = now or timezone.now()
    delivered = 0
    for event in _claim(now, limit):
        outcome = post(event, now)
        _record(event, outcome, now)
        delivered += outcome.ok
    return delivered


def deliver_webhooks() -> None:
    """The worker job (registered in `ApiConfig.ready()`)."""
    deliver_due()
