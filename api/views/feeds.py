"""Search, sitemap and the change feed."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, F, IntegerField, Value, When
from rest_framework.request import Request
from rest_framework.response import Response

from wagtail.models import Page

from articles.models import ArticleIndexPage, CaseStoryIndexPage, GuideIndexPage, HomePage

from .. import filters
from ..errors import InvalidParameter
from ..freshness import content_changed_at
from ..highlight import highlight
from ..live import live_listings, live_pages
from ..models import Tombstone
from ..pagination import SitemapPagination
from ..params import parse_timestamp, single_value
from ..representation import PAGE_TYPES
from ..representation.urls import frontend_url, site_path
from ..schema import LIST_ERRORS
from ..search import ranked_page_ids
from ..serializers import ChangeSerializer, SearchResultSerializer, SitemapEntrySerializer
from ..throttling import AnonRateThrottle, SearchRateThrottle
from .base import V1ViewSet

MAX_QUERY_LENGTH = 200
SECTION_TYPES: dict[type[Page], str] = {
    HomePage: "home",
    ArticleIndexPage: "article_index",
    CaseStoryIndexPage: "case_story_index",
    GuideIndexPage: "guide_index",
}
ALL_TYPES: dict[type[Page], str] = {**PAGE_TYPES, **SECTION_TYPES}
CHANGE_COLUMNS = ("c_event", "c_at", "c_tombstone", "c_id", "c_type", "c_slug", "c_path")


def _type_case(types: dict[type[Page], str]) -> Case:
    """SQL CASE content_type_id → API type name."""
    content_types = ContentType.objects.get_for_models(*types)
    return Case(
        *(When(content_type_id=content_types[model].pk, then=Value(name)) for model, name in types.items()),
        default=Value(""),
        output_field=CharField(),
    )


@extend_schema_view(
    list=extend_schema(
        summary="Search live articles, case stories and guides",
        parameters=[
            OpenApiParameter(
                "q", str, required=True, description=f"Search words (1–{MAX_QUERY_LENGTH} characters)."
            )
        ],
        responses={200: SearchResultSerializer(many=True), **LIST_ERRORS},
    )
)
class SearchViewSet(V1ViewSet):
    throttle_classes = [AnonRateThrottle, SearchRateThrottle]
    filter_backends = [filters.ContentTypeFilter]
    extra_parameters = {"list": {"q"}}

    def list(self, request: Request) -> Response:
        query = (single_value(request, "q") or "").strip()
        if not query:
            raise InvalidParameter("q", "give the words to search for.")
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidParameter("q", f"must be at most {MAX_QUERY_LENGTH} characters.")
        # Words only: the SQLite FTS backend breaks on an unbalanced quote, and punctuation means
        # nothing to a plain-text search anyway.
        words = re.findall(r"\w+", query)
        live = self.filter_queryset(live_pages(Page).type(*PAGE_TYPES))
        ids = self.paginate_queryset(ranked_page_ids(live, words) if words else live.none())
        listings = live_listings(ids)
        self.last_modified = content_changed_at()
        return self.get_paginated_response([self.result(listings[pk], query) for pk in ids if pk in listings])

    @staticmethod
    def result(listing: dict[str, Any], query: str) -> dict[str, Any]:
        """A result from the listing frozen at approval, as every other v1 listing serves."""
        summary = listing.get("summary", "")
        return {
            "type": listing["type"],
            "slug": listing["slug"],
            "title": listing["title"],
            "summary": summary,
            "path": listing["path"],
            "url": listing["url"],
            "snippet": highlight(summary, query),
        }


@extend_schema_view(
    list=extend_schema(
        summary="Every live frontend URL with its last modification",
        responses={200: SitemapEntrySerializer(many=True), **LIST_ERRORS},
    )
)
class SitemapViewSet(V1ViewSet):
    pagination_class = SitemapPagination

    def list(self, request: Request) -> Response:
        queryset = (
            live_pages(Page)
            .type(*ALL_TYPES)
            .annotate(api_type=_type_case(ALL_TYPES))
            .order_by("url_path")
            .values_list("api_type", "url_path", "last_published_at")
        )
        rows = self.paginate_queryset(queryset)
        self.last_modified = content_changed_at()
        entries = []
        for api_type, url_path, last_published_at in rows:
            path = site_path(url_path)
            if path is not None and api_type:
                entries.append(
                    {
                        "type": api_type,
                        "path": path,
                        "url": frontend_url(path),
                        "last_modified": last_published_at,
                    }
                )
        return self.get_paginated_response(entries)


@extend_schema_view(
    list=extend_schema(
        summary="Everything published, updated, unpublished or deleted since a time",
        parameters=[
            OpenApiParameter(
                "since",
                datetime,
                required=True,
                description="ISO 8601 date-time (UTC if no offset); changes strictly after it.",
            )
        ],
        responses={200: ChangeSerializer(many=True), **LIST_ERRORS},
    )
)
class ChangesViewSet(V1ViewSet):
    """Oldest first. A live page appears once, with its current state; each time a page left the
    public site after `since` adds a tombstone. Applying entries in order gives the current state."""

    extra_parameters = {"list": {"since"}}

    def list(self, request: Request) -> Response:
        raw = single_value(request, "since")
        if raw is None:
            raise InvalidParameter("since", "give an ISO 8601 date-time, e.g. 2026-01-31T00:00:00Z.")
        since = parse_timestamp("since", raw)
        # Annotations only, in the same order on both sides, so the UNION's columns line up.
        published = (
            live_pages(Page)
            .type(*PAGE_TYPES)
            .filter(last_published_at__gt=since)
            .order_by()  # no ORDER BY inside a UNION
            .annotate(
                c_event=Case(
                    When(first_published_at__gt=since, then=Value("published")),
                    default=Value("updated"),
                    output_field=CharField(),
                ),
                c_at=F("last_published_at"),
                c_tombstone=Value(0, output_field=IntegerField()),
                c_id=F("pk"),
                c_type=_type_case(PAGE_TYPES),
                c_slug=F("slug"),
                c_path=F("url_path"),
            )
            .values_list(*CHANGE_COLUMNS)
        )
        removed = (
            Tombstone.objects.filter(at__gt=since)
            .order_by()
            .annotate(
                c_event=F("event"),
                c_at=F("at"),
                c_tombstone=Value(1, output_field=IntegerField()),
                c_id=F("page_id"),
                c_type=F("page_type"),
                c_slug=F("slug"),
                c_path=F("path"),
            )
            .values_list(*CHANGE_COLUMNS)
        )
        changes = published.union(removed, all=True).order_by("c_at", "c_tombstone", "c_id")
        rows = self.paginate_queryset(changes)
        self.last_modified = content_changed_at()
        return self.get_paginated_response([self.entry(*row) for row in rows])

    @staticmethod
    def entry(event, at, tombstone, page_pk, api_type, slug, path) -> dict[str, Any]:
        path = path if tombstone else site_path(path)
        return {
            "event": event,
            "type": api_type,
            "id": page_pk,
            "slug": slug,
            "path": path,
            "url": frontend_url(path),
            "at": at,
        }
