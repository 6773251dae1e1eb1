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


def cached_count(request: Request, queryset: QuerySet) -> int:
    seconds = settings.API_COUNT_CACHE_SECONDS
    generation = current_generation() if seconds > 0 else "unavailable"
    if generation == "unavailable":  # switched off, or the cache is down: count
        return queryset.count()
    filters = sorted(
        (name, value)
        for name, values in request.query_params.lists()
        if name not in SLICE_PARAMETERS
        for value in values
    )
    digest = hashlib.sha256(repr((request.path, filters)).encode()).hexdigest()[:32]
    key = f"api:v1:count:{generation}:{timezone.localdate().isoformat()}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, timeout=seconds)
    return count
