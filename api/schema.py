"""OpenAPI for v1 only (drf-spectacular): the preprocessing hook drops every other route, and
the AutoSchema subclass knows which `list` actions answer with a single object."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse

from .serializers import ErrorSerializer


def only_v1_endpoints(endpoints: list[tuple], **kwargs) -> list[tuple]:
    """SPECTACULAR_SETTINGS["PREPROCESSING_HOOKS"]: Wagtail's v2 and admin APIs stay out."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class V1AutoSchema(AutoSchema):
    def _is_list_view(self, serializer=None) -> bool:
        # /resolve/ is routed as a list action but answers with one object.
        if getattr(self.view, "single_object", False):
            return False
        return super()._is_list_view(serializer)


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


BAD_REQUEST = _error("A query parameter is unknown, repeated, malformed or out of range.")
NOT_FOUND = _error("No live content at this address.")
NOT_ACCEPTABLE = _error("The Accept header excludes application/json.")
THROTTLED = _error("Too many requests; see the Retry-After header.")
INVALID_TOKEN = _error("The preview token is malformed, forged (invalid_token) or expired (token_expired).")
PREVIEW_GONE = _error("The preview no longer exists, or the page was published since (superseded).")

LIST_ERRORS = {400: BAD_REQUEST, 406: NOT_ACCEPTABLE, 429: THROTTLED}
DETAIL_ERRORS = {400: BAD_REQUEST, 404: NOT_FOUND, 406: NOT_ACCEPTABLE, 429: THROTTLED}
