"""Background jobs run every minute by `manage.py run_worker` (DESIGN.md §6).

Each job is isolated: one failing job is logged and the others still run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.management import call_command

logger = logging.getLogger(__name__)


def publish_scheduled() -> None:
    """Wagtail's scheduled publishing and expiry, after dropping schedules the gate would refuse.

    Stock `publish_scheduled` stops at the first refused revision, so unfit schedules are
    cleared (and logged) first; publish() re-checks the review record anyway.
    """
    from django.utils import timezone

    from wagtail.log_actions import log
    from wagtail.models import Revision

    from .models.mixins import GatedPublishMixin

    due = Revision.page_revisions.filter(approved_go_live_at__lt=timezone.now())
    for revision in due:
        page = revision.content_object.specific
        if not isinstance(page, GatedPublishMixin):
            continue
        blockers = page.publish_blockers(revision)
        if blockers:
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            log(
                instance=page,
                action="articles.schedule.refused",
                revision=revision,
                data={"reason": " ".join(blockers), "revision": {"id": revision.pk}},
            )
            logger.warning("Cancelled scheduled publish of %r: %s", page, " ".join(blockers))
    call_command("publish_scheduled", verbosity=0)


def review_due_reminders() -> None:
    from .review.notifications import send_review_due_reminders

    send_review_due_reminders()


JOBS: list[tuple[str, Callable[[], None]]] = [
    ("publish_scheduled", publish_scheduled),
    ("review_due_reminders", review_due_reminders),
]


def register_job(name: str, job: Callable[[], None]) -> None:
    """Other apps (e.g. webhook delivery) add their periodic work here."""
    if name not in {existing for existing, _ in JOBS}:
        JOBS.append((name, job))


def tick() -> dict[str, str]:
    """Run every job once; returns each job's outcome ("ok" or the error)."""
    outcomes = {}
    for name, job in list(JOBS):
        try:
            job()
            outcomes[name] = "ok"
        except Exception as exc:
            logger.exception("Worker job %s failed", name)
            outcomes[name] = f"error: {exc}"
    return outcomes
