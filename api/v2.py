"""Wagtail API v2 (pages, images, documents), kept for stock-Wagtail frontends, with v2's own error
shape (`{"message": ...}`) and three fixes (DESIGN.md §7):

- `offset`/`limit` are bounded (stock turns values beyond 64 bits into a database error, a 500);
- rich text only as display HTML: the other formats expose draft pages' ids (`db_html`,
  `db_markdown`) or URLs (`markdown`); `html` goes through the live-only link handler;
- images and documents are listed only when a live, public page uses them (reference index).
Pages are Wagtail's own live, public queryset. JSON only: no browsable API.

No page model declares `api_fields`, so v2 serves titles and metadata, never rich text: Wagtail's
stock rich-text serialisers would bypass the output allow-list (`representation.sanitize`). A
test in tests/test_hardening_xss.py fails if a rich-text field is ever exposed here.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Model, QuerySet
from django.db.models.functions import Cast
from django.http import JsonResponse
from rest_framework.renderers import JSONRenderer

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from .live import live_pages

_NUMBER = re.compile(r"^[0-9]{1,19}$")
SAFE_RICH_TEXT_FORMAT = "html"
MAX_SEARCH_LENGTH = 200


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            raw = request.GET.get(name)
            if raw is not None and not _NUMBER.match(raw):
                raise BadRequestError(f"{name} must be a positive integer")
        if int(request.GET.get("offset", 0)) > settings.API_MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {settings.API_MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class SafeV2Mixin:
    renderer_classes = [JSONRenderer]
    pagination_class = BoundedPagination

    def listing_view(self, request, *args, **kwargs):
        search = request.GET.get("search")
        if search is not None:
            # NUL breaks SQLite's full-text query parser (a 500); nobody searches 10,000 characters.
            if any(ord(char) < 32 for char in search):
                raise BadRequestError("search must not contain control characters")
            if len(search) > MAX_SEARCH_LENGTH:
                raise BadRequestError(f"search must be at most {MAX_SEARCH_LENGTH} characters")
        return super().listing_view(request, *args, **kwargs)

    def resolve_rich_text_format(self) -> str:
        # The single point where v2 resolves the format, for listings and details alike.
        rich_text_format = self.request.GET.get("rich_text_format")
        if rich_text_format is not None and rich_text_format != SAFE_RICH_TEXT_FORMAT:
            raise BadRequestError(f"rich_text_format must be '{SAFE_RICH_TEXT_FORMAT}' on this site")
        return super().resolve_rich_text_format()


def used_by_live_pages(model: type[Model]) -> QuerySet:
    """`model` rows that a live, public page references (FK, chooser block, rich text, child rows)."""
    live_ids = live_pages(Page).annotate(id_text=Cast("pk", CharField())).values("id_text")
    referenced = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=live_ids,
        to_content_type=ContentType.objects.get_for_model(model),
    ).values("to_object_id")
    return model.objects.annotate(id_text=Cast("pk", CharField())).filter(id_text__in=referenced)


class LivePagesAPIViewSet(SafeV2Mixin, PagesAPIViewSet):
    def get_queryset(self):
        # Specific pages, so `html_url` comes from HeadlessPageMixin (the frontend origin).
        return super().get_queryset().specific()


class LiveImagesAPIViewSet(SafeV2Mixin, ImagesAPIViewSet):
    def get_queryset(self) -> QuerySet:
        return super().get_queryset().filter(pk__in=used_by_live_pages(self.model).values("pk"))


class LiveDocumentsAPIViewSet(SafeV2Mixin, DocumentsAPIViewSet):
    def get_queryset(self) -> QuerySet:
        return super().get_queryset().filter(pk__in=used_by_live_pages(self.model).values("pk"))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LivePagesAPIViewSet)
api_router.register_endpoint("images", LiveImagesAPIViewSet)
api_router.register_endpoint("documents", LiveDocumentsAPIViewSet)


def v2_not_found_view(request, *args, **kwargs) -> JsonResponse:
    """Unmatched URLs under /api/v2/ (e.g. a non-numeric id): v2's own JSON error shape, never
    Wagtail's HTML 404 page."""
    return JsonResponse({"message": "Not found."}, status=404)
