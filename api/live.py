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

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar

import orjson

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.functions import Cast, Length, Substr

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from articles.models import ArticlePage, CaseStoryPage, GuidePage, ReviewedObject, ReviewRecord

from .prepared import PreparedQuery, partial_instance
from .representation.jsonld import with_request_time_data
from .representation.pages import publication_dates

P = TypeVar("P", bound=Page)

EMPTY_REVIEW: dict[str, Any] = {
    "reviewed_by": None,
    "last_reviewed_at": None,
    "next_review_due": None,
    "review_status": None,
}


class LiveRow(NamedTuple):
    """What a listing reads from a page row (a values_list() row: no model instance to build)."""

    id: int
    live_revision_id: int | None
    first_published_at: datetime | None
    last_published_at: datetime | None


class ReviewFacts(NamedTuple):
    """The fields of a ReviewRecord that `review_summary()` reads."""

    reviewer_name: str
    reviewer_credentials: str
    reviewer_specialty: str
    approved_at: datetime
    next_review_due: date
    changed_since_review: bool


def live_pages(model: type[P]) -> PageQuerySet:
    """Pages of `model` the public may see: published and not under a view restriction.

    The same rule as Wagtail's `.live().public()`, with the restriction check as a subquery:
    `.public()` runs a query of its own each time it is called. Built once per process and
    model (resolving the subqueries costs more than running them) and handed out as a clone.
    """
    key = (model, content_type_ids())
    base = _live_querysets.get(key)
    if base is None:
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        approved = Exists(ReviewRecord.objects.filter(revision_id=OuterRef("live_revision_id")))
        if not issubclass(model, REVIEWED_TYPES):
            approved = ~Q(content_type__in=content_type_ids()[:-1]) | approved
        # For a reviewed type, the plain EXISTS: inside an OR, PostgreSQL hashes every review
        # record before the first row (2 ms at 10,000 articles) instead of probing the index
        # for the few rows a page of results reads.
        base = _live_querysets[key] = model.objects.live().filter(~Exists(restricted)).filter(approved)
    return base.all()


_live_querysets: dict[tuple[type[Page], tuple[int, ...]], PageQuerySet] = {}


def content_type_ids() -> tuple[int, ...]:
    """Content-type ids of the reviewed page types, then of Page: what compiled live queries
    contain. A key for reusing them (a flushed test database may number types afresh)."""
    by_model = ContentType.objects.get_for_models(*REVIEWED_TYPES, Page)
    return tuple(by_model[model].pk for model in (*REVIEWED_TYPES, Page))


REVIEWED_TYPES = (ArticlePage, CaseStoryPage, GuidePage)


RECORD_FIELDS = (
    "snapshot",
    "reviewer_name",
    "reviewer_credentials",
    "reviewer_specialty",
    "approved_at",
    "next_review_due",
    "changed_since_review",
)
_NO_REVISION = -7_400_003  # placeholder for a revision id in the prepared queries


class _JSONText(TextField):
    """JSON read as text and decoded with orjson: several times faster than the JSONField's
    json.loads on the large frozen snapshots (30 KB for an article)."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else orjson.loads(value)


def _json(name: str) -> Cast:
    return Cast(name, output_field=_JSONText())


def _records() -> QuerySet:
    """Review records with `snapshot_json` and `listing_json`: what the hot paths read."""
    return ReviewRecord.objects.annotate(snapshot_json=_json("snapshot"), listing_json=_json("listing"))


#: RECORD_FIELDS as the hot queries select them (the JSON through orjson).
_RECORD_COLUMNS = ("snapshot_json", *RECORD_FIELDS[1:])

_record_by_revision = PreparedQuery(
    lambda revision: _records().filter(revision_id=revision).values_list(*_RECORD_COLUMNS)[:1],
    revision=_NO_REVISION,
)
MAX_LISTING = 100  # the largest page of a listing (V1Pagination.max_limit)
_listings_by_revision = PreparedQuery(
    lambda revisions: (
        _records()
        .filter(revision_id__in=revisions)
        .values_list("revision_id", "listing_json", *ReviewFacts._fields)
    ),
    revisions=tuple(range(_NO_REVISION - MAX_LISTING, _NO_REVISION)),
)


#: Names under which `with_approval()` adds the record's fields and the page-links flag.
APPROVAL_COLUMNS = (*(f"approval_{name}" for name in RECORD_FIELDS), "approval_links_pages")


def with_approval(pages: PageQuerySet) -> PageQuerySet:
    """`pages` with their live revision's approval record (RECORD_FIELDS) and whether its
    snapshot links to other pages, read in the same query (APPROVAL_COLUMNS)."""
    record = _records().filter(revision_id=OuterRef("live_revision_id"))
    links = ReviewedObject.objects.filter(
        record__revision_id=OuterRef("live_revision_id"), content_type_id=content_type_ids()[-1]
    )
    return pages.annotate(
        **{
            f"approval_{name}": Subquery(record.values(column)[:1])
            for name, column in zip(RECORD_FIELDS, _RECORD_COLUMNS, strict=True)
        },
        approval_links_pages=Exists(links),
    )


def approval_from_row(values: Sequence[Any]) -> tuple[ReviewRecord | None, bool]:
    """(record, links to pages) from the APPROVAL_COLUMNS of a `with_approval()` row."""
    *fields, links_pages = values
    if fields[RECORD_FIELDS.index("approved_at")] is None:  # no record: not reviewed content
        return None, bool(links_pages)
    return partial_instance(ReviewRecord, RECORD_FIELDS, tuple(fields)), bool(links_pages)


_listings_by_page = PreparedQuery(
    lambda pages: (
        _records()
        .filter(revision_id__in=Page.objects.filter(pk__in=pages).values("live_revision_id"))
        .values_list("page_id", "listing_json")
    ),
    pages=tuple(range(_NO_REVISION - 2 * MAX_LISTING, _NO_REVISION - MAX_LISTING)),
)


def live_listings(page_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """{page id: the listing frozen at approval of its live revision}, for pages already known to
    be live (one query)."""
    rows: Iterable[tuple[Any, ...]]
    if len(page_ids) <= MAX_LISTING:
        rows = _listings_by_page.rows(pages=list(page_ids))
    else:
        rows = _listings_by_page._build(list(page_ids))
    return dict(rows)


def live_record(revision_id: int | None) -> ReviewRecord | None:
    """The approval record of a live revision, with only what a detail response shows."""
    row = _record_by_revision.first(revision=revision_id) if revision_id else None
    return partial_instance(ReviewRecord, RECORD_FIELDS, row) if row else None


def live_payload(page: Page, approval: tuple[ReviewRecord | None, bool] | None = None) -> dict[str, Any]:
    """The public JSON frozen when a clinician approved the live revision (no request, no clock,
    no review status), less links to pages that have gone offline since. `approval` is what
    `approval_from_row()` read with the page, if it was."""
    from .withdrawn import withdrawn_pages, without_withdrawn

    record, links_pages = approval if approval else (live_record(page.live_revision_id), True)
    snapshot = record.snapshot if record else {}
    if not links_pages:
        return snapshot
    return without_withdrawn(snapshot, withdrawn_pages(page.live_revision_id))


def live_summaries(pages: Sequence[LiveRow | Page]) -> list[dict[str, Any]]:
    """Listing entries for live pages, in the given order: the frozen listing, the page row's
    publication dates (which only exist once published) and the review block computed for today.
    One query for the whole page of results."""
    from articles.review.currency import review_summary

    revision_ids = [page.live_revision_id for page in pages if page.live_revision_id]
    rows: Iterable[tuple[Any, ...]]
    if len(revision_ids) <= MAX_LISTING:
        rows = _listings_by_revision.rows(revisions=revision_ids)
    else:
        rows = _listings_by_revision._build(revision_ids)
    records = {revision_id: (listing, ReviewFacts(*facts)) for revision_id, listing, *facts in rows}
    summaries = []
    for page in pages:
        listing, facts = records.get(page.live_revision_id, ({}, None))
        review = review_summary(facts) if facts else dict(EMPTY_REVIEW)
        summaries.append({**listing, **publication_dates(page), "review": review})
    return summaries


def review_block(page: Page) -> dict[str, Any]:
    """The public medical-review block: the page's `get_review_summary()` when it has one."""
    summary = getattr(page, "get_review_summary", None)
    if callable(summary):
        return {**EMPTY_REVIEW, **summary()}
    return dict(EMPTY_REVIEW)


def detail_body(page: Page, payload: dict[str, Any], review: dict[str, Any] | None = None) -> dict[str, Any]:
    """A detail response body from a representation of `page` (its live snapshot, or a preview
    of a draft): plus what only the serving time knows: publication dates (from the page row),
    the review block, and both merged into the JSON-LD."""
    dates = publication_dates(page)
    if review is None:
        review = review_block(page)
    data = {**payload, **dates, "review": review}
    if "json_ld" in data:
        data["json_ld"] = with_request_time_data(data["json_ld"], dates, review)
    return data


def live_detail(page: Page, approval: tuple[ReviewRecord | None, bool] | None = None) -> dict[str, Any]:
    """Detail response body of a live page: one read of its approval record (here, or with the
    page: `approval`) serves both the snapshot and the review block."""
    from articles.review.currency import review_summary

    if approval is None:
        approval = (live_record(page.live_revision_id), True)
    review = None
    if callable(getattr(page, "get_review_summary", None)):
        review = {**EMPTY_REVIEW, **review_summary(approval[0])}
    return detail_body(page, live_payload(page, approval), review)
