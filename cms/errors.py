"""Site-wide error responses (`handler500`): a database outage is a 503 with Retry-After, not a
500, and nothing under /api/ ever answers with an HTML page or a traceback.

Django calls the 500 handler from inside its exception handling, for any exception escaping a
view or a middleware (Wagtail's API v2 and the admin included), so this one place sees them all.
"""

from __future__ import annotations

import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse

RETRY_AFTER_SECONDS = 30
OUTAGE_ERRORS = (OperationalError, InterfaceError)


def is_outage(exc: BaseException | None) -> bool:
    """A lost or refused database connection, as opposed to a bug or bad SQL."""
    return isinstance(exc, OUTAGE_ERRORS) or (
        isinstance(exc, DatabaseError) and isinstance(exc.__cause__, OUTAGE_ERRORS)
    )


def drop_broken_connections() -> None:
    """Close connections that failed, so the next request reconnects by itself when the database
    is back (Django only does this at request boundaries, and not under every server)."""
    for connection in connections.all(initialized_only=True):
        if connection.errors_occurred or not connection.is_usable():
            connection.close()


def outage_body() -> dict:
    return {
        "error": {
            "status": 503,
            "code": "service_unavailable",
            "message": "The content database is unreachable; try again shortly.",
            "details": {"retry_after": RETRY_AFTER_SECONDS},
        }
    }


def outage_response(request: HttpRequest) -> HttpResponse:
    drop_broken_connections()
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(outage_body(), status=503)
    else:
        response = HttpResponse(
            "<!doctype html><title>Temporarily unavailable</title>"
            "<p>The service is temporarily unavailable. Please try again in a moment.</p>",
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    if is_outage(sys.exc_info()[1]):
        return outage_response(request)
    if request.path.startswith("/api/"):
        message = "An unexpected error occurred."
        return JsonResponse(
            {"error": {"status": 500, "code": "server_error", "message": message, "details": {}}}, status=500
        )
    return HttpResponse(
        "<!doctype html><title>Server error</title><p>Something went wrong on our side.</p>", status=500
    )
