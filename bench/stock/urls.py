"""Wagtail's stock API v2 router (pages, images), plus the `raw` view: a plain Django view that
returns precomputed response bytes, the practical ceiling of the stack for cached responses."""

from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)

_RAW: dict[str, bytes] = {}


def raw(request: HttpRequest, name: str) -> HttpResponse:
    if name not in _RAW:
        file = Path(settings.BENCH_RAW_DIR) / f"{name}.json"
        if not settings.BENCH_RAW_DIR or not file.is_file():
            raise Http404(name)
        _RAW[name] = file.read_bytes()
    return HttpResponse(_RAW[name], content_type="application/json")


urlpatterns = [
    path("api/v2/", api_router.urls),
    path("bench/raw/<slug:name>/", raw),
]
