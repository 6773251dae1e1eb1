"""THE SEAM between the public API and the medical-review work: what "live" means and what a live
page says. Every v1 view reads content only through these functions.

- `live_pages(model)`: the queryset of pages the public may see: `.live().public()`, and for
  reviewed types only those whose live revision carries a medical-review record.
- `live_payload(page)`: the detail JSON of one live page: the snapshot frozen at approval
  (DESIGN.md §4), so later snippet edits change nothing live.
- `live_summaries(pages)`: listing entries for live pages, from the listings frozen at approval
  (one query for a whole page of results).
- `review_block(page)`: the medical-review block, computed at request time because
  `review_status` changes with the calendar, not with publishing (DESIGN.md §7).
- `live_detail(page)`: what a detail endpoint returns: payload + publication dates + review
  block, the last two also merged into the JSON-LD (`detail_body`, shared with draft previews).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from articles.models import ArticlePage, CaseStoryPage, GuidePage, ReviewRecord

from .representation.jsonld import with_request_time_data
from .representation.pages import publication_dates

P = TypeVar("P", bound=Page)

EMPTY_REVIEW: dict[str, Any] = {
    "reviewed_by": None,
    "last_reviewed_at": None,
    "next_review_due": None,
    "review_status": None,
}


def live_pages(model: type[P]) -> PageQuerySet:
    """Pages of `model` the public may see: published and not under a view restriction.

    The same rule as Wagtail's `.live().public()`, with the restriction check as a subquery:
    `.public()` runs a query of its own each time it is called.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    approved = ReviewRecord.objects.filter(revision_id=OuterRef("live_revision_id"))
    reviewed_types = ContentType.objects.get_for_models(*REVIEWED_TYPES).values()
    return (
        model.objects.live()
        .filter(~Exists(restricted))
        .filter(~Q(content_type__in=[ct.pk for ct in reviewed_types]) | Exists(approved))
    )


REVIEWED_TYPES = (ArticlePage, CaseStoryPage, GuidePage)


def _snapshots(pages: list[Page], field: str) -> dict[int, dict[str, Any]]:
    revision_ids = [page.live_revision_id for page in pages if page.live_revision_id]
    rows = ReviewRecord.objects.filter(revision_id__in=revision_ids).values_list("revision_id", field)
    return dict(rows)


def live_payload(page: Page) -> dict[str, Any]:
    """The public JSON frozen when a clinician approved the live revision (no request, no clock,
    no review status), less links to pages that have gone offline since."""
    from .withdrawn import withdrawn_pages, without_withdrawn

    snapshot = _snapshots([page], "snapshot").get(page.live_revision_id) or {}
    return without_withdrawn(snapshot, withdrawn_pages(page.live_revision_id))


def live_summaries(pages: list[Page]) -> list[dict[str, Any]]:
    """Listing entries for live pages, in the given order: the frozen listing, the page row's
    publication dates (which only exist once published) and the review block computed for today.
    One query for the whole page of results."""
    from articles.review.currency import review_summary

    revision_ids = [page.live_revision_id for page in pages if page.live_revision_id]
    records = {
        record.revision_id: record
        for record in ReviewRecord.objects.filter(revision_id__in=revision_ids).defer(
            "snapshot", "findings", "checklist"
        )
    }
    summaries = []
    for page in pages:
        record = records.get(page.live_revision_id)
        listing = record.listing if record else {}
        review = review_summary(record) if record else dict(EMPTY_REVIEW)
        summaries.append({**listing, **publication_dates(page), "review": review})
    return summaries


def review_block(page: Page) -> dict[str, Any]:
    """The public medical-review block: the page's `get_review_summary()` when it has one."""
    summary = getattr(page, "get_review_summary", None)
    if callable(summary):
        return {**EMPTY_REVIEW, **summary()}
    return dict(EMPTY_REVIEW)


def detail_body(page: Page, payload: dict[str, Any]) -> dict[str, Any]:
    """A detail response body from a representation of `page` (its live snapshot, or a preview
    of a draft): plus what only the serving time knows: publication dates (from the page row),
    the review block, and both merged into the JSON-LD."""
    dates = publication_dates(page)
    review = review_block(page)
    data = {**payload, **dates, "review": review}
    if "json_ld" in data:
        data["json_ld"] = with_request_time_data(data["json_ld"], dates, review)
    return data


def live_detail(page: Page) -> dict[str, Any]:
    """Detail response body of a live page."""
    return detail_body(page, live_payload(page))
