"""Public API routes. Wagtail's API v2 stays on for frontends written for stock Wagtail."""

from django.urls import path

from .v2 import api_router

urlpatterns = [
    path("v2/", api_router.urls),
]
