"""limit/offset pagination with strict bounds: `{"count", "next", "previous", "results"}`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

from .counts import cached_count
from .params import parse_int, single_value


class V1Pagination(LimitOffsetPagination):
    default_limit = 20
    max_limit = 100

    @property
    def max_offset(self) -> int:
        return settings.API_MAX_OFFSET

    def get_count(self, queryset) -> int:
        return cached_count(self.request, queryset)

    def get_limit(self, request: Request) -> int:
        # DRF silently falls back to the default on bad input; this API says what was wrong.
        raw = single_value(request, self.limit_query_param)
        if raw is None:
            return self.default_limit
        return parse_int(self.limit_query_param, raw, minimum=1, maximum=self.max_limit)

    def get_offset(self, request: Request) -> int:
        raw = single_value(request, self.offset_query_param)
        if raw is None:
            return 0
        return parse_int(self.offset_query_param, raw, minimum=0, maximum=self.max_offset)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": f"Number of results per page (default {self.default_limit}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_limit},
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": "Index of the first result to return.",
                "schema": {"type": "integer", "minimum": 0, "maximum": self.max_offset},
            },
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "next": {"type": ["string", "null"], "format": "uri"},
                "previous": {"type": ["string", "null"], "format": "uri"},
                "results": schema,
            },
        }


class SitemapPagination(V1Pagination):
    """Sitemaps are fetched whole: larger pages, same rules."""

    default_limit = 1000
    max_limit = 5000
