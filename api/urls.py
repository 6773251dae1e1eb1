"""Public API routes: v1 (DRF, this project's contract) and Wagtail's API v2 (compatibility)."""

from django.urls import include, path, re_path

from .docs import RedocView, SchemaView, SwaggerView
from .errors import not_found_view
from .router import router
from .v2 import api_router, v2_not_found_view

v1_patterns = [
    *router.urls,
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(), name="docs"),
    path("redoc/", RedocView.as_view(), name="redoc"),
    # Anything else under /api/v1/ is a JSON 404, never Django's HTML page.
    re_path(r"^.*$", not_found_view),
]

urlpatterns = [
    path("v1/", include((v1_patterns, "api-v1"))),
    path("v2/", api_router.urls),
    re_path(r"^v2/.*$", v2_not_found_view),
]
