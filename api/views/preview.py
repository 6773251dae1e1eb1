"""GET /api/v1/preview/?token=…: a draft, by the signed token from the admin's preview link."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from django.http import HttpResponseBase
from rest_framework.request import Request
from rest_framework.response import Response

from ..conditional import ConditionalGetMixin
from ..errors import InvalidParameter
from ..params import single_value
from ..preview import preview_detail, read_token
from ..schema import DETAIL_ERRORS, INVALID_TOKEN, PREVIEW_GONE
from ..serializers import PreviewPageSerializer
from ..throttling import AnonRateThrottle, PreviewRateThrottle
from .base import V1ViewSet


@extend_schema_view(
    list=extend_schema(
        summary="A draft page, by preview token",
        description=(
            "The editor's unsaved or unpublished content, in the shape of the page type's detail "
            "endpoint plus a `preview` block. Never cached by shared caches."
        ),
        parameters=[
            OpenApiParameter(
                "token",
                str,
                required=True,
                description="The token from the CMS's 'Open in frontend' link; valid for "
                "PREVIEW_TOKEN_MAX_AGE seconds (default 15 minutes).",
            )
        ],
        responses={200: PreviewPageSerializer, **DETAIL_ERRORS, 401: INVALID_TOKEN, 404: PREVIEW_GONE},
    )
)
class PreviewViewSet(V1ViewSet):
    pagination_class = None
    single_object = True
    extra_parameters = {"list": {"token"}}
    throttle_classes = [AnonRateThrottle, PreviewRateThrottle]
    # Never in the server-side response cache: the body is a draft and the URL a credential.
    cache_responses = False

    def list(self, request: Request) -> Response:
        token = single_value(request, "token")
        if token is None:
            raise InvalidParameter("token", "give the preview token from the CMS's preview link.")
        return Response(preview_detail(read_token(token)))

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        # Skip ConditionalGetMixin: no public caching, no ETag or Last-Modified to revalidate a
        # draft against, for errors too (a 404 may become a 200 for the next token).
        response = super(ConditionalGetMixin, self).finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
