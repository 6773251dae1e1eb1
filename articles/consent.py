"""Withdrawn consent erases the patient's story: first offline, then gone, audit entry kept.

Withdrawal runs in two steps. In the transaction that records the withdrawal, the story is
unpublished (signals.py): from that commit on no API, search result, sitemap or cached response
shows it, and the unpublish webhook is in the outbox. After the commit, `erase_story` deletes the
page with its revisions, workflow states, previews and search-index entries, and blanks what the
review records froze of it (snapshot, listing, findings, comments). Audit log entries survive
page deletion by design in Wagtail, so what remains is who withdrew consent and when.
"""

from __future__ import annotations

import logging

from django.db import transaction

from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log

from .models import CaseStoryPage, ReviewRecord

logger = logging.getLogger(__name__)

ERASED_REASON = "Erased: the patient's consent was withdrawn."


def erase_story(story_id: int, user=None) -> bool:
    """Delete the story and blank its frozen review content; False when it is already gone."""
    story = CaseStoryPage.objects.filter(pk=story_id).first()
    if story is None:
        return False
    with transaction.atomic():
        log(instance=story, action="articles.consent.erased", user=user, data={"reason": ERASED_REASON})
        ReviewRecord.objects.filter(page_id=story_id).update(
            snapshot={},
            listing={},
            findings=[],
            checklist={},
            comment="",
            acknowledgement="",
            page_title="(erased case story)",
            changed_since_review=True,
            changed_since_review_reason=ERASED_REASON,
        )
        DeletePageAction(story, user=user).execute(skip_permission_checks=True)
    logger.info("Erased case story %s after consent withdrawal", story_id)
    return True


def erase_after_commit(story_id: int, user=None) -> None:
    """Erase once the withdrawal has committed; if erasing fails the story stays offline."""

    def erase() -> None:
        try:
            erase_story(story_id, user)
        except Exception:
            logger.exception("Could not erase case story %s after consent withdrawal", story_id)

    transaction.on_commit(erase)
