"""Conditional GET for v1: a strong ETag over the exact response bytes, Last-Modified when the view
knows it, `Cache-Control: public, max-age=API_CACHE_MAX_AGE`, and 304 Not Modified for a matching
If-None-Match / If-Modified-Since."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.http import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from rest_framework.request import Request


class ConditionalGetMixin:
    #: Set by a view's action when it knows when its content last changed.
    last_modified: datetime | None = None

    def finalize_response(self, request: Request, response: HttpResponseBase, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
        timestamp = int(self.last_modified.timestamp()) if self.last_modified else None
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
