"""`GET /healthz` (liveness: the process answers, no dependencies touched) and `GET /readyz`
(readiness: database, cache and media storage, each reported).

Ready means able to serve: the database and storage are required (503 without them); the cache
fails open (the API serves from the database), so a cache outage is reported as `degraded` with a
200, and a load balancer keeps the instance in rotation.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .errors import drop_broken_connections

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "ok":  # django-redis swallows connection errors (fail open): a miss is the signal
        raise ConnectionError("cache did not return what was just stored")


def check_storage() -> None:
    default_storage.exists("readyz-probe")


CHECKS: dict[str, tuple[Callable[[], None], bool]] = {
    # name: (check, required for readiness)
    "database": (check_database, True),
    "cache": (check_cache, False),
    "storage": (check_storage, True),
}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    components = {}
    ready, degraded = True, False
    for name, (check, required) in CHECKS.items():
        started = time.monotonic()
        try:
            check()
            state = {"status": "ok"}
        except Exception as exc:  # any failure of a dependency is a state to report, not a 500
            logger.warning("Readiness check %s failed: %s", name, exc)
            state = {"status": "unavailable", "error": type(exc).__name__}
            if required:
                ready = False
            else:
                degraded = True
        state["ms"] = round((time.monotonic() - started) * 1000, 1)
        components[name] = state
    if not ready:
        drop_broken_connections()
    status = "unavailable" if not ready else ("degraded" if degraded else "ok")
    return JsonResponse({"status": status, "components": components}, status=200 if ready else 503)
