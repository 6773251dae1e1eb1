"""Publish webhooks: outbox rows written with the change, delivered by the worker to a real local
HTTP receiver with an HMAC signature, retried with back-off, logged and shown in the admin."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

from api.webhooks.delivery import _claim, deliver_due
from api.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from articles import worker
from articles.models import ArticlePage, PublishRefused

from .factories import role_user


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A real HTTP server on 127.0.0.1 that records every POST and answers 500 to the first
    `failures` of them (204 after that)."""

    server: ThreadingHTTPServer | None = None
    requests: list[Received] = field(default_factory=list)
    failures: int = 0

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks/cms"


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            receiver.requests.append(Received(dict(self.headers.items()), body))
            failing = receiver.failures > 0
            receiver.failures -= failing
            self.send_response(500 if failing else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    receiver.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()
    thread.join()


@pytest.fixture
def endpoint(db, receiver: Receiver) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(name="Frontend", url=receiver.url)


@pytest.fixture
def live_article(make_article, publish_reviewed):
    def make(slug: str = "ketamine-and-depression", **fields) -> ArticlePage:
        article = make_article(slug, **fields)
        publish_reviewed(article)
        return ArticlePage.objects.get(pk=article.pk)

    return make


def verifies(secret: str, request: Received) -> bool:
    """What a receiver does (the README's snippet)."""
    expected = "sha256=" + hmac.new(secret.encode(), request.body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, request.headers["X-Webhook-Signature"])


def events() -> list[tuple[str, str, str]]:
    return [
        (e.endpoint.name, e.event, e.payload["slug"])
        for e in WebhookEvent.objects.select_related("endpoint").order_by("pk")
    ]


def later(minutes: float) -> datetime:
    return timezone.now() + timedelta(minutes=minutes)


# --- Writing the outbox --------------------------------------------------------------------------


def test_publishing_through_review_queues_one_event_per_active_subscribed_endpoint(
    receiver, endpoint, live_article
):
    WebhookEndpoint.objects.create(name="Search index", url=receiver.url)
    WebhookEndpoint.objects.create(name="Paused", url=receiver.url, active=False)
    WebhookEndpoint.objects.create(name="Removals only", url=receiver.url, send_published=False)

    article = live_article()

    # Queued inside the test's (never committed) transaction: written with the publish, not on commit.
    assert events() == [
        ("Frontend", "published", "ketamine-and-depression"),
        ("Search index", "published", "ketamine-and-depression"),
    ]
    event = WebhookEvent.objects.filter(endpoint=endpoint).get()
    assert event.status == WebhookEvent.PENDING and event.attempts == 0
    assert event.payload == {
        "event": "published",
        "page_type": "article",
        "id": article.pk,
        "slug": "ketamine-and-depression",
        "path": "/articles/ketamine-and-depression/",
        "url": "https://frontend.test/articles/ketamine-and-depression/",
        "timestamp": event.payload["timestamp"],
    }
    assert abs(datetime.fromisoformat(event.payload["timestamp"]) - timezone.now()) < timedelta(minutes=1)


def test_a_publish_rolled_back_leaves_no_event(endpoint, make_article, publish_reviewed):
    article = make_article()
    with pytest.raises(RuntimeError), transaction.atomic():
        publish_reviewed(article)
        assert WebhookEvent.objects.count() == 1
        raise RuntimeError("something later in the same request failed")

    assert WebhookEvent.objects.count() == 0
    assert ArticlePage.objects.get(pk=article.pk).live is False


def test_a_refused_publish_queues_nothing(endpoint, make_article):
    article = make_article()
    with pytest.raises(PublishRefused):
        article.save_revision().publish()  # no medical review

    assert WebhookEvent.objects.count() == 0


def test_a_page_under_a_view_restriction_is_not_announced(endpoint, make_article, publish_reviewed):
    article = make_article()
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="secret")

    publish_reviewed(article)
    article.refresh_from_db()
    article.unpublish()

    assert WebhookEvent.objects.count() == 0


def test_unpublish_and_delete_send_their_events(endpoint, live_article, make_article):
    taken_down = live_article("taken-down")
    deleted = live_article("deleted")
    WebhookEvent.objects.all().delete()

    taken_down.unpublish()
    deleted.delete()
    make_article("never-published").delete()

    # One event for the deletion, not an "unpublished" one as well.
    assert events() == [("Frontend", "unpublished", "taken-down"), ("Frontend", "deleted", "deleted")]
    assert WebhookEvent.objects.get(event="deleted").payload["path"] == "/articles/deleted/"


def test_editing_a_reference_sends_updated_for_the_live_pages_showing_it(
    endpoint, live_article, make_article, make_reference
):
    cited = make_reference()
    citing = live_article("citing", references=[cited])
    live_article("not-citing", references=[make_reference()])
    make_article("draft-citing", references=[cited])
    WebhookEvent.objects.all().delete()

    cited.title = "A corrected title"
    cited.save()
    # A second edit (the page is already flagged for re-review) is announced again.
    cited.year = 2015
    cited.save()

    assert events() == [("Frontend", "updated", "citing")] * 2
    assert WebhookEvent.objects.first().payload["id"] == citing.pk


def test_inactive_endpoint_gets_nothing(receiver, endpoint, live_article):
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
    live_article()
    worker.tick()
    assert WebhookEvent.objects.count() == 0

    # Deactivated after an event was queued: delivery waits until it is reactivated.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=True)
    live_article("second")
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
    worker.tick()

    assert receiver.requests == []
    assert WebhookEvent.objects.get().status == WebhookEvent.PENDING


# --- Delivery -------------------------------------------------------------------------------------


def test_the_worker_delivers_a_signed_event(receiver, endpoint, live_article):
    article = live_article()
    event = WebhookEvent.objects.get()

    assert worker.tick()["deliver_webhooks"] == "ok"

    [request] = receiver.requests
    assert verifies(endpoint.secret, request)
    assert not verifies("another secret", request)
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Webhook-Id"] == str(event.pk)
    assert request.headers["X-Webhook-Event"] == "published"
    assert request.headers["User-Agent"].startswith("medcms-webhooks/")
    assert abs(int(request.headers["X-Webhook-Timestamp"]) - timezone.now().timestamp()) < 60
    assert request.json == event.payload
    assert (request.json["event"], request.json["page_type"], request.json["id"]) == (
        "published",
        "article",
        article.pk,
    )
    assert (request.json["slug"], request.json["path"]) == (
        "ketamine-and-depression",
        "/articles/ketamine-and-depression/",
    )

    event.refresh_from_db()
    assert (event.status, event.attempts) == (WebhookEvent.DELIVERED, 1)
    assert event.delivered_at is not None
    [delivery] = event.deliveries.all()
    assert (delivery.status_code, delivery.error) == (204, "")
    assert delivery.duration_ms >= 0

    worker.tick()  # delivered events are not sent again
    assert len(receiver.requests) == 1


def test_a_failing_receiver_is_retried_with_back_off(receiver, endpoint, live_article):
    receiver.failures = 1
    live_article()
    event = WebhookEvent.objects.get()

    worker.tick()

    event.refresh_from_db()
    assert (event.status, event.attempts) == (WebhookEvent.PENDING, 1)
    assert later(0.5) < event.next_attempt_at < later(1.5)  # first retry after a minute
    assert [(d.status_code, d.error) for d in event.deliveries.all()] == [(500, "")]

    worker.tick()  # not due yet
    assert len(receiver.requests) == 1

    assert deliver_due(now=event.next_attempt_at) == 1

    event.refresh_from_db()
    assert (event.status, event.attempts) == (WebhookEvent.DELIVERED, 2)
    assert [d.status_code for d in event.deliveries.all()] == [500, 204]
    first, second = receiver.requests
    # The same event, byte for byte: receivers can deduplicate on X-Webhook-Id.
    assert first.body == second.body and first.headers["X-Webhook-Id"] == second.headers["X-Webhook-Id"]
    assert verifies(endpoint.secret, second)


def test_delivery_gives_up_after_the_maximum_attempts(receiver, endpoint, live_article, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    receiver.failures = 100
    live_article()
    event = WebhookEvent.objects.get()

    now = timezone.now()
    waits = []
    for _ in range(3):
        deliver_due(now=now)
        event.refresh_from_db()
        waits.append(event.next_attempt_at - now)
        now = event.next_attempt_at

    assert waits[:2] == [timedelta(minutes=1), timedelta(minutes=2)]
    assert (event.status, event.attempts) == (WebhookEvent.FAILED, 3)
    assert deliver_due(now=now + timedelta(days=1)) == 0
    assert len(receiver.requests) == 3
    assert WebhookDelivery.objects.filter(event=event, status_code=500).count() == 3


def test_an_unreachable_receiver_is_logged_as_an_error(endpoint, live_article):
    live_article()
    with socket.socket() as closed:  # a port nothing listens on once the socket is closed
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url=f"http://127.0.0.1:{port}/hooks")

    worker.tick()

    [delivery] = WebhookDelivery.objects.all()
    assert delivery.status_code is None
    assert "refused" in delivery.error.lower() or "error" in delivery.error.lower()
    assert endpoint.secret not in delivery.error
    assert WebhookEvent.objects.get().status == WebhookEvent.PENDING


def test_an_event_being_sent_is_not_claimed_by_a_second_worker(endpoint, live_article):
    live_article()
    now = timezone.now()

    assert len(_claim(now, limit=10)) == 1
    assert _claim(now, limit=10) == []


# --- Admin -------------------------------------------------------------------------------------


def test_the_delivery_log_shows_events_and_attempts_to_a_superuser(
    superuser_client, receiver, endpoint, live_article
):
    receiver.failures = 1
    live_article()
    worker.tick()
    event = WebhookEvent.objects.get()

    listing = superuser_client.get(reverse("webhook_events:index"))
    assert listing.status_code == 200
    assert "/articles/ketamine-and-depression/" in listing.content.decode()

    detail = superuser_client.get(reverse("webhook_events:inspect", args=[event.pk]))
    assert detail.status_code == 200
    assert ": 500 (" in detail.content.decode()
    # The log is read-only.
    assert superuser_client.get(reverse("webhook_events:edit", args=[event.pk])).status_code in (302, 403)


def test_editors_are_refused_the_webhook_admin(client, review_team, endpoint):
    client.force_login(review_team["editor"])
    for url in (
        reverse("webhook_events:index"),
        reverse("webhook_endpoints:index"),
        reverse("webhook_endpoints:add"),
        reverse("webhook_endpoints:edit", args=[endpoint.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url


def test_administrators_manage_endpoints_and_see_the_secret(client, site_tree, endpoint):
    client.force_login(role_user("ada.admin", "Administrators"))
    response = client.get(reverse("webhook_endpoints:edit", args=[endpoint.pk]))
    assert response.status_code == 200
    assert endpoint.secret in response.content.decode()


@pytest.mark.parametrize("url", ["ftp://example.org/hook", "not a url", "javascript:alert(1)"])
def test_endpoint_url_must_be_http_or_https(superuser_client, url):
    response = superuser_client.post(
        reverse("webhook_endpoints:add"), {"name": "Bad", "url": url, "secret": "s3cret", "active": "on"}
    )
    assert response.status_code == 200
    assert "url" in response.context["form"].errors
    assert not WebhookEndpoint.objects.exists()


def test_a_new_endpoint_gets_a_generated_secret(superuser_client):
    form = superuser_client.get(reverse("webhook_endpoints:add")).context["form"]
    secret = form["secret"].value()
    assert len(secret) == 64

    response = superuser_client.post(
        reverse("webhook_endpoints:add"),
        {"name": "Frontend", "url": "https://frontend.example/hooks", "secret": secret, "active": "on"},
    )
    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().secret == secret
    assert WebhookEndpoint().secret != WebhookEndpoint().secret
