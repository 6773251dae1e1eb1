"""Server-side cache of rendered v1 responses (`API_RESPONSE_CACHE`, on by default with Redis).

Invalidation is by generation, not by key: every entry's key carries the content generation,
and any publish, unpublish, delete or edit of a displayed record moves the generation after the
transaction commits (freshness.mark_content_changed), so no response that contains the old
content can be served again, whichever pages it listed. The generation is read before the view
touches the database, so a response built from pre-commit data is stored under the old
generation and never read.

Today's date is in the key too: `review_status` moves with the calendar (DESIGN.md §7).

With the local-memory backend each process has its own cache and its own generation, so a
publish in one process (e.g. the worker) does not reach another: enable it without Redis only
for a single-process server.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

GENERATION_KEY = "api:v1:generation"


def response_cache_enabled() -> bool:
    return bool(getattr(settings, "API_RESPONSE_CACHE", False))


def current_generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # First use, eviction or a restarted Redis: a fresh, never-used generation.
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or "unavailable"
    return str(value)


def bump_generation() -> None:
    """Make every cached response unreachable (they expire on their own)."""
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def _new_generation() -> str:
    # Unique across processes without a shared counter, and never reused after an eviction.
    return f"{time.time_ns():x}{uuid.uuid4().hex[:6]}"


def response_key(request: HttpRequest) -> str | None:
    """The cache key for this request, or None when the cache cannot be trusted right now."""
    generation = current_generation()
    if generation == "unavailable":  # the cache is down: never guess
        return None
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"api:v1:response:{generation}:{timezone.localdate().isoformat()}:{address}"


def store(key: str, response: HttpResponse, last_modified: int | None) -> None:
    entry = {
        "content": response.content,
        "content_type": response["Content-Type"],
        "last_modified": last_modified,
    }
    cache.set(key, entry, timeout=settings.API_RESPONSE_CACHE_SECONDS)


def lookup(key: str) -> dict[str, Any] | None:
    entry = cache.get(key)
    return entry if isinstance(entry, dict) and "content" in entry else None


def as_response(entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    response.from_response_cache = True
    return response
