"""Publish webhooks: an outbox of signed JSON events for frontends and other subscribers.

- `models.py`: endpoints configured in the admin, the outbox (`WebhookEvent`) and its delivery log;
- `events.py`: signal handlers that write outbox rows inside the publishing transaction;
- `delivery.py`: the worker job that POSTs due events with retries and back-off (DESIGN.md §6);
- `admin.py`: the Wagtail admin screens, for administrators only.
"""
