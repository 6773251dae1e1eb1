"""Conditional GET for v1: a strong ETag over the exact response bytes, Last-Modified when the view
knows it, `Cache-Control: public, max-age=API_CACHE_MAX_AGE`, and 304 Not Modified for a matching
If-None-Match / If-Modified-Since. Also where rendered 200s enter the server-side cache (cache.py)
and where a cached entry is served, so both paths get identical headers."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.request import Request

from . import cache as response_cache


class ConditionalGetMixin:
    #: Set by a view's action when it knows when its content last changed.
    last_modified: datetime | None = None
    #: False for responses that must never be shared (preview).
    cache_responses = True
    #: Set by `serve_from_cache()` when this GET may be stored or was served from the cache.
    response_cache_key: str | None = None

    def serve_from_cache(self, request: Request) -> None:
        """Call once the request is validated and throttled: on a hit, the action is replaced
        by the stored response, so the view does no database work."""
        self.response_cache_key = None
        if not (self.cache_responses and request.method in ("GET", "HEAD")):
            return
        if not response_cache.response_cache_enabled():
            return
        self.response_cache_key = response_cache.response_key(request)
        entry = response_cache.lookup(self.response_cache_key) if self.response_cache_key else None
        if entry is None:
            return
        if entry["last_modified"] is not None:
            self.last_modified = datetime.fromtimestamp(entry["last_modified"], tz=UTC)
        cached = response_cache.as_response(entry)
        setattr(self, request.method.lower(), lambda *args, **kwargs: cached)

    def finalize_response(self, request: Request, response: HttpResponseBase, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        cached = getattr(response, "from_response_cache", False)
        if not cached:
            response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
        timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        if self.response_cache_key and not cached:
            response_cache.store(self.response_cache_key, response, timestamp)
        response["X-Cache"] = "hit" if cached else ("miss" if self.response_cache_key else "off")
        return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
