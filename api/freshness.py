"""When public content last changed, for Last-Modified on listings and feeds.

Bumped on every publish, unpublish and delete of a page and on every save of a record pages show
(signals.py). Kept in the cache: on a miss the answer is "now", which is always safe (a client
can only get a fresh 200, never a wrong 304).
"""

from __future__ import annotations

from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

CACHE_KEY = "api:v1:content-changed-at"


def content_changed_at() -> datetime:
    value = cache.get(CACHE_KEY)
    if value is None:
        value = timezone.now().replace(microsecond=0)
        cache.add(CACHE_KEY, value, timeout=None)
    return value


def mark_content_changed() -> None:
    """Called by the content signals, inside the publishing transaction."""
    from .cache import bump_generation

    cache.set(CACHE_KEY, timezone.now().replace(microsecond=0), timeout=None)
    # After commit: a request that reads the new generation must find the new content.
    transaction.on_commit(bump_generation)
