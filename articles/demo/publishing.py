"""The single route by which demo content goes live: the editorial and medical review workflow.

Every demo page is published through `publish_reviewed()`. It drives the same Wagtail workflow
and the same rules as the admin (`articles.review.service`): the writer saves and submits, the
editor approves, and the credentialed reviewer signs off, which publishes the approved revision.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from wagtail.models import Page

from ..models import ReviewRecord
from ..review.service import publish_through_review

# The pre-review checks warn about the demo's unverified references and unconfirmed case-story
# sources; an approval with warnings must say why the content may go live regardless.
ACKNOWLEDGEMENT = (
    "Demo content for local development. Unverified references and unconfirmed case-report "
    "sources are flagged in their verification notes and must be checked by a real medical "
    "reviewer before any of this content is used outside the demo."
)


def publish_reviewed(
    page: Page, *, writer: AbstractBaseUser, editor: AbstractBaseUser, reviewer: AbstractBaseUser
) -> ReviewRecord:
    """Save `page` as the writer's revision and take it through review until it is live."""
    return publish_through_review(
        page, writer=writer, editor=editor, reviewer=reviewer, acknowledgement=ACKNOWLEDGEMENT
    )
