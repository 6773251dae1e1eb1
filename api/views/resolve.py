"""GET /api/v1/resolve/: what the frontend should render at a path (a page or a redirect)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

from django.db.models import Q
from rest_framework.request import Request
from rest_framework.response import Response

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from ..errors import InvalidParameter, NotFound
from ..freshness import content_changed_at
from ..live import live_detail, live_pages
from ..params import single_value
from ..representation import PAGE_TYPES
from ..representation.urls import frontend_url, site_path
from ..schema import DETAIL_ERRORS
from ..serializers import ResolveSerializer
from .base import V1ViewSet
from .feeds import ALL_TYPES

MAX_PATH_LENGTH = 1024


@extend_schema_view(
    list=extend_schema(
        summary="Resolve a frontend path to its page (or redirect)",
        parameters=[
            OpenApiParameter(
                "path", str, required=True, description="Frontend path, e.g. /articles/ketamine-for-ptsd/"
            )
        ],
        responses={200: ResolveSerializer, **DETAIL_ERRORS},
    )
)
class ResolveViewSet(V1ViewSet):
    pagination_class = None
    single_object = True
    extra_parameters = {"list": {"path"}}

    def list(self, request: Request) -> Response:
        path = self.requested_path(request)
        self.last_modified = content_changed_at()
        root = self.frontend_site_root()
        if root is not None:
            relative = path.strip("/")
            url_path = root.root_path + (relative + "/" if relative else "")
            page = live_pages(Page).filter(url_path=url_path).first()
            if page is not None and page.specific_class in ALL_TYPES:
                return Response(self.page_answer(page.specific, path))
            redirect = self.redirect_answer(root.site_id, path)
            if redirect is not None:
                return Response(redirect)
        raise NotFound(f"Nothing is published at {path}.", details={"path": path})

    @staticmethod
    def frontend_site_root():
        """The default site's root path (from Wagtail's cache; a query only with several sites)."""
        roots = Site.get_site_root_paths()
        if len(roots) <= 1:
            return roots[0] if roots else None
        default_id = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        return next((root for root in roots if root.site_id == default_id), roots[0])

    @staticmethod
    def requested_path(request: Request) -> str:
        path = single_value(request, "path")
        if path is None:
            raise InvalidParameter("path", "give the frontend path to resolve, e.g. /articles/example/.")
        if not path.startswith("/") or path.startswith("//") or len(path) > MAX_PATH_LENGTH:
            raise InvalidParameter(
                "path", f"must start with a single '/' and be at most {MAX_PATH_LENGTH} characters."
            )
        if any(char in path for char in "?#") or any(ord(char) < 32 for char in path):
            raise InvalidParameter(
                "path", "must be a path only, without query string, fragment or control characters."
            )
        return path

    @staticmethod
    def page_answer(page: Page, path: str) -> dict[str, Any]:
        page_type = ALL_TYPES[type(page)]
        if type(page) in PAGE_TYPES:
            data = live_detail(page)
        else:
            page_path = site_path(page.url_path)
            data = {
                "type": page_type,
                "title": page.title,
                "introduction": page.introduction,
                "path": page_path,
                "url": frontend_url(page_path),
            }
        return {"type": page_type, "slug": page.slug, "path": path, "data": data, "redirect": None}

    @staticmethod
    def redirect_answer(site_id: int, path: str) -> dict[str, Any] | None:
        redirect = (
            Redirect.objects.filter(Q(site_id=site_id) | Q(site__isnull=True))
            .filter(old_path=Redirect.normalise_path(path))
            .order_by("-site_id")  # a site-specific redirect wins over an all-sites one
            .first()
        )
        if redirect is None:
            return None
        if redirect.redirect_page_id:
            target = (
                live_pages(Page)
                .filter(pk=redirect.redirect_page_id)
                .values_list("url_path", flat=True)
                .first()
            )
            location = site_path(target) if target else None
            if location is None:
                return None  # never point at a page the public cannot see
            if redirect.redirect_page_route_path:
                location = location.rstrip("/") + redirect.redirect_page_route_path
            url = frontend_url(location)
        elif redirect.redirect_link:
            location = url = redirect.redirect_link
        else:
            return None
        return {
            "type": "redirect",
            "slug": None,
            "path": path,
            "data": None,
            "redirect": {"location": location, "url": url, "permanent": redirect.is_permanent},
        }
