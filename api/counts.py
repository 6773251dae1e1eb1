"""Result counts for list endpoints, cached per content generation (DESIGN.md §7: no per-request
full-table count).

Counting live pages scans every row that passes the live/public/reviewed rule, so its cost grows
with the site while everything else a list request does stays flat. A count only changes when
content does, so it is kept under the content generation (cache.py), today's date (review_status
filters move with the calendar) and the endpoint's filters. Within one cache (Redis, or a single
process) a publish makes the old counts unreachable at once; where each process keeps its own
local-memory cache, another process's publish reaches this one's counts within
API_COUNT_CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from rest_framework.request import Request

from .cache import current_generation

#: Parameters that choose a slice of the results, not which results there are.
SLICE_PARAMETERS = frozenset({"limit", "offset", "cursor"})


def result_set_key(request: Request) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """What decides which rows a list request selects, in which order: the endpoint, its
    filters, today's date and the content generation (None when counts are not cached or the
    cache is down). Worked out once per request."""
    if not hasattr(request, "_result_set_key"):
        request._result_set_key = _result_set_key(request)
    return request._result_set_key


def _result_set_key(request: Request) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    if settings.API_COUNT_CACHE_SECONDS <= 0:
        return None
    generation = current_generation()
    if generation == "unavailable":
        return None
    filters = tuple(
        sorted(
            (name, value)
            for name, values in request.query_params.lists()
            if name not in SLICE_PARAMETERS
            for value in values
        )
    )
    return f"{generation}:{timezone.localdate().isoformat()}:{request.path}", filters


def cached_count(request: Request, queryset: QuerySet) -> int:
    seconds = settings.API_COUNT_CACHE_SECONDS
    key = result_set_key(request)
    if key is None:  # switched off, or the cache is down: count
        return queryset.count()
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    count = cache.get(f"api:v1:count:{digest}")
    if count is None:
        count = queryset.count()
        cache.set(f"api:v1:count:{digest}", count, timeout=seconds)
    return count
