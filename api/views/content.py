"""Articles, case stories and guides: listings and whole pages, live content only."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view

from django.conf import settings
from rest_framework.request import Request
from rest_framework.response import Response

from wagtail.models import Page
from wagtail.query import PageQuerySet

from articles.models import ArticlePage, CaseStoryPage, GuidePage

from .. import filters
from ..counts import result_set_key
from ..errors import NotFound
from ..freshness import content_changed_at
from ..live import (
    APPROVAL_COLUMNS,
    LiveRow,
    approval_from_row,
    content_type_ids,
    live_detail,
    live_pages,
    live_summaries,
    with_approval,
)
from ..prepared import CompiledSlices, PreparedQuery, partial_instance
from ..schema import DETAIL_ERRORS, LIST_ERRORS
from ..serializers import (
    ArticleSerializer,
    ArticleSummarySerializer,
    CaseStorySerializer,
    CaseStorySummarySerializer,
    GuideSerializer,
    GuideSummarySerializer,
)
from .base import V1ViewSet

#: What a detail response reads from the page row; the body comes from the approval record.
DETAIL_PAGE_FIELDS = ("id", "live_revision_id", "first_published_at", "last_published_at")
_by_slug: dict[type[Page], PreparedQuery] = {}


def live_page_by_slug(model: type[Page], slug: str) -> tuple[Page, tuple] | None:
    """The live page of `model` with `slug` (the newest, should two parents hold the same slug),
    with only DETAIL_PAGE_FIELDS loaded, and its approval (`approval_from_row()`): one query."""
    query = _by_slug.get(model)
    if query is None:
        query = _by_slug[model] = PreparedQuery(
            lambda slug: (
                with_approval(live_pages(model).filter(slug=slug))
                .order_by("-first_published_at", "-pk")
                .values_list(*DETAIL_PAGE_FIELDS, *APPROVAL_COLUMNS)[:1]
            ),
            depends_on=content_type_ids,
            slug="prepared-slug-placeholder",
        )
    row = query.first(slug=slug)
    if row is None:
        return None
    fields = len(DETAIL_PAGE_FIELDS)
    return partial_instance(model, DETAIL_PAGE_FIELDS, row[:fields]), approval_from_row(row[fields:])


class LivePageViewSet(V1ViewSet):
    """`GET /<section>/` (paginated summaries) and `GET /<section>/<slug>/` (the whole page)."""

    model: type[Page]
    noun = "page"
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    filter_backends = [filters.ReviewStatusFilter, filters.UpdatedSinceFilter, filters.OrderingFilter]

    def get_queryset(self) -> PageQuerySet:
        return live_pages(self.model).order_by("-first_published_at", "-pk")

    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset()).values_list(*LiveRow._fields)
        # The SQL depends only on what the count's key holds: compiled once for it.
        key = result_set_key(request)
        compiled = CompiledSlices(
            queryset,
            (self.model, content_type_ids(), key) if key else None,
            max_age=settings.API_COUNT_CACHE_SECONDS,
        )
        pages = [LiveRow(*row) for row in self.paginate_queryset(compiled)]
        self.last_modified = content_changed_at()
        return self.get_paginated_response(live_summaries(pages))

    def retrieve(self, request: Request, slug: str) -> Response:
        found = live_page_by_slug(self.model, slug)
        if found is None:
            raise NotFound(f"No live {self.noun} has the slug '{slug[:100]}'.", details={"slug": slug[:100]})
        page, approval = found
        self.last_modified = page.last_published_at
        return Response(live_detail(page, approval))


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        responses={200: ArticleSummarySerializer(many=True), **LIST_ERRORS},
    ),
    retrieve=extend_schema(summary="One article", responses={200: ArticleSerializer, **DETAIL_ERRORS}),
)
class ArticleViewSet(LivePageViewSet):
    model = ArticlePage
    noun = "article"
    filter_backends = [
        filters.TopicFilter,
        filters.ConditionFilter,
        filters.TreatmentFilter,
        filters.AudienceFilter,
        filters.EvidenceLevelFilter,
        filters.ReviewStatusFilter,
        filters.UpdatedSinceFilter,
        filters.OrderingFilter,
    ]


@extend_schema_view(
    list=extend_schema(
        summary="List case stories",
        responses={200: CaseStorySummarySerializer(many=True), **LIST_ERRORS},
    ),
    retrieve=extend_schema(summary="One case story", responses={200: CaseStorySerializer, **DETAIL_ERRORS}),
)
class CaseStoryViewSet(LivePageViewSet):
    model = CaseStoryPage
    noun = "case story"
    filter_backends = [
        filters.ConditionFilter,
        filters.CaseStoryTreatmentFilter,
        filters.ReviewStatusFilter,
        filters.UpdatedSinceFilter,
        filters.OrderingFilter,
    ]


@extend_schema_view(
    list=extend_schema(
        summary="List guides",
        responses={200: GuideSummarySerializer(many=True), **LIST_ERRORS},
    ),
    retrieve=extend_schema(summary="One guide", responses={200: GuideSerializer, **DETAIL_ERRORS}),
)
class GuideViewSet(LivePageViewSet):
    model = GuidePage
    noun = "guide"
    filter_backends = [
        filters.TopicFilter,
        filters.TreatmentFilter,
        filters.AudienceFilter,
        filters.ReviewStatusFilter,
        filters.UpdatedSinceFilter,
        filters.OrderingFilter,
    ]
