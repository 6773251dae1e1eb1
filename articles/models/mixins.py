"""Behaviour every public page type shares: headless URLs, per-type slugs, publish gating."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

if TYPE_CHECKING:
    from wagtail.models import Revision


class PublishRefused(PermissionDenied):
    """Publishing was refused because the content is not fit to go live (the message says why)."""


class HeadlessPageMixin:
    """Pages render no public HTML: their URLs and `serve()` point at the frontend (DESIGN.md §1)."""

    def get_url_parts(self, request: HttpRequest | None = None):
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, _root_url, page_path = parts
        return site_id, settings.FRONTEND_BASE_URL, page_path

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return HttpResponseRedirect(self.get_full_url(request) or settings.FRONTEND_BASE_URL)

    def serve_preview(self, request: HttpRequest, mode_name: str) -> HttpResponse:
        # Headless: reviewers see the structured content the API will serve.
        return TemplateResponse(
            request,
            "articles/preview.html",
            {"page": self, "payload": self.get_preview_payload()},
        )

    def get_preview_payload(self) -> dict:
        from ..preview import preview_payload

        return preview_payload(self)

    @property
    def frontend_path(self) -> str:
        parts = self.get_url_parts()
        return parts[2] if parts else ""


class UniqueSlugPerTypeMixin:
    """Wagtail only keeps slugs unique among siblings; the API addresses pages by type + slug."""

    def clean(self) -> None:
        super().clean()
        clash = type(self).objects.filter(slug=self.slug).exclude(pk=self.pk)
        if self.slug and clash.exists():
            raise ValidationError(
                {
                    "slug": f"Another {self._meta.verbose_name} already uses the slug "
                    f"'{self.slug}'. Choose a different slug."
                }
            )


class GatedPublishMixin:
    """Every publish goes through `publish_blockers()`; a non-empty list refuses it.

    The model-level `publish()` covers `Revision.publish()`, scheduled publishing and the
    workflow; `signals.refuse_unfit_live_revision` backstops paths that skip `publish()`.
    """

    def publish_blockers(self, revision: Revision) -> list[str]:
        """Reasons this revision may not go live. Subclasses extend the list."""
        return []

    def publish(self, revision: Revision, *args, **kwargs):
        blockers = self.publish_blockers(revision)
        if blockers:
            raise PublishRefused(" ".join(blockers))
        return super().publish(revision, *args, **kwargs)
