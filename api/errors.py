"""One JSON error shape for every v1 response (docs/api.md, "Errors"):

    {"error": {"status": 400, "code": "invalid_parameter", "message": "...", "details": {...}}}

`api_exception_handler` is installed on the v1 base view only (not in global REST_FRAMEWORK
settings), so Wagtail's API v2 and the admin keep their own behaviour.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response

from cms.errors import RETRY_AFTER_SECONDS, drop_broken_connections, is_outage, outage_body

logger = logging.getLogger(__name__)


class APIError(exceptions.APIException):
    """An error with a machine-readable `code` and optional `details`."""

    status_code = status.HTTP_400_BAD_REQUEST
    code = "invalid_parameter"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}


class InvalidParameter(APIError):
    """A query parameter has a value the endpoint cannot use."""

    def __init__(self, parameter: str, message: str, **details: Any):
        super().__init__(f"{parameter}: {message}", details={"parameter": parameter, **details})


class UnknownParameter(APIError):
    code = "unknown_parameter"


class NotFound(APIError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "not_found"


# DRF's own exceptions, by the code this API reports for them.
_CODES: list[tuple[type[Exception], str]] = [
    (exceptions.NotFound, "not_found"),
    (exceptions.MethodNotAllowed, "method_not_allowed"),
    (exceptions.NotAcceptable, "not_acceptable"),
    (exceptions.UnsupportedMediaType, "unsupported_media_type"),
    (exceptions.Throttled, "throttled"),
    (exceptions.ParseError, "parse_error"),
    (exceptions.ValidationError, "invalid_parameter"),
    (exceptions.NotAuthenticated, "not_authenticated"),
    (exceptions.AuthenticationFailed, "not_authenticated"),
    (exceptions.PermissionDenied, "forbidden"),
]


def error_body(status_code: int, code: str, message: str, details: dict | None = None) -> dict[str, Any]:
    return {"error": {"status": status_code, "code": code, "message": message, "details": details or {}}}


def _describe(exc: exceptions.APIException) -> tuple[str, str, dict[str, Any]]:
    if isinstance(exc, APIError):
        return exc.code, exc.message, exc.details
    code = next((code for kind, code in _CODES if isinstance(exc, kind)), "error")
    if isinstance(exc.detail, (list, dict)):
        return code, "The request is invalid.", {"errors": exc.detail}
    details: dict[str, Any] = {}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        details["retry_after"] = int(exc.wait)
    return code, str(exc.detail), details


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """Every exception becomes the v1 error shape; unexpected ones are logged and become a 500."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if is_outage(exc):
        logger.error("Database unreachable in API v1 view %s: %s", context.get("view"), exc)
        drop_broken_connections()
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
        return Response(outage_body(), status=503, headers=headers)
    if not isinstance(exc, exceptions.APIException):
        logger.exception("Unhandled error in API v1 view %s", context.get("view"))
        return Response(
            error_body(500, "server_error", "An unexpected error occurred."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    code, message, details = _describe(exc)
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(int(exc.wait))
    return Response(
        error_body(exc.status_code, code, message, details), status=exc.status_code, headers=headers
    )


def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unmatched URLs under /api/v1/: JSON, never Django's HTML 404 page."""
    return JsonResponse(error_body(404, "not_found", f"No API endpoint at {request.path}."), status=404)
