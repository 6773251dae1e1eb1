"""The v1 base view: every v1 policy lives here, not in global REST_FRAMEWORK settings (which
also govern Wagtail's API v2 and admin API): JSON only, anonymous read-only access, throttling,
strict query parameters, the v1 error shape, and conditional GET."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.viewsets import GenericViewSet

from ..conditional import ConditionalGetMixin
from ..errors import UnknownParameter, api_exception_handler
from ..pagination import V1Pagination
from ..renderers import ORJSONRenderer
from ..schema import V1AutoSchema
from ..throttling import AnonRateThrottle


class V1ViewSet(ConditionalGetMixin, GenericViewSet):
    renderer_classes = [ORJSONRenderer]  # no browsable API, in any environment
    parser_classes: list = []  # read-only: no request bodies
    authentication_classes: list = []  # public and anonymous (no sessions, so no CSRF)
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    pagination_class = V1Pagination
    filter_backends: list = []
    schema = V1AutoSchema()
    #: Query parameters an action accepts besides its filters and pagination, e.g. {"list": {"q"}}.
    extra_parameters: dict[str, set[str]] = {}

    def get_exception_handler(self):
        return api_exception_handler

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            self.check_query_parameters(request)
            self.serve_from_cache(request)

    def accepted_parameters(self) -> set[str]:
        names = set(self.extra_parameters.get(self.action, ()))
        if self.action == "list":
            names |= {backend.parameter for backend in self.filter_backends}
            if self.pagination_class is not None:
                paginator = self.paginator
                names |= {paginator.limit_query_param, paginator.offset_query_param}
        return names

    def check_query_parameters(self, request: Request) -> None:
        given = set(request.query_params.keys())
        if "rich_text_format" in given:
            raise UnknownParameter(
                "rich_text_format is not supported on API v1: rich text is always display HTML "
                "whose internal links are frontend paths of live pages.",
                details={"parameter": "rich_text_format"},
            )
        accepted = self.accepted_parameters()
        unknown = sorted(given - accepted)
        if unknown:
            raise UnknownParameter(
                f"Unknown query parameter(s): {', '.join(unknown)}.",
                details={"unknown": unknown, "accepted": sorted(accepted)},
            )
