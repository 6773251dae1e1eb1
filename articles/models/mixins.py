"""Behaviour every public page type shares: headless URLs, per-type slugs, publish gating."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

if TYPE_CHECKING:
    from wagtail.models import Revision, Workflow

    from api.preview import FrontendPreview


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
        # Headless: reviewers see the structured content the API will serve, and editors a
        # signed link that opens the same draft in the frontend (api/preview.py).
        payload = self.get_preview_payload()
        return TemplateResponse(
            request,
            "articles/preview.html",
            {
                "page": self,
                "payload": payload,
                "frontend_preview": self.get_frontend_preview(request, payload),
            },
        )

    def get_frontend_preview(self, request: HttpRequest, payload: dict) -> FrontendPreview | None:
        """A `FrontendPreview` (url, token, expires_at) for editors of API page types, else None.
        Wagtail's preview request is a copy of the admin request, so `request.user` is the editor."""
        from api.preview import offer_frontend_preview

        return offer_frontend_preview(self, getattr(request, "user", None), payload)

    def get_preview_payload(self) -> dict:
        from ..review.snapshots import build_snapshot

        return build_snapshot(self)

    @property
    def frontend_path(self) -> str:
        parts = self.get_url_parts()
        return parts[2] if parts else ""


class ReviewedIndexMixin:
    """For index pages whose children are all reviewed types."""

    def permissions_for_user(self, user):
        from ..review.permissions import ReviewedIndexPermissionTester

        return ReviewedIndexPermissionTester(user, self)


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
    """Content that goes live only after medical review (DESIGN.md §3, three layers).

    1. `publish()` refuses a revision without a valid review record (covers `Revision.publish()`,
       scheduled publishing and the workflow);
    2. `permissions_for_user()` offers no publish action to anyone;
    3. `signals.refuse_unfit_live_revision` refuses any save that makes an unreviewed revision live.
    """

    def publish_blockers(self, revision: Revision) -> list[str]:
        """Reasons this revision may not go live. Subclasses extend the list."""
        from ..review.gate import review_blockers

        return review_blockers(self, revision)

    def publish(self, revision: Revision, *args, **kwargs):
        blockers = self.publish_blockers(revision)
        if blockers:
            raise PublishRefused(" ".join(blockers))
        return super().publish(revision, *args, **kwargs)

    def permissions_for_user(self, user):
        from ..review.permissions import ReviewedPagePermissionTester

        return ReviewedPagePermissionTester(user, self)

    def get_workflow(self) -> Workflow | None:
        # Always the review workflow, wherever the page sits and whatever is attached above it.
        from wagtail.models import Workflow

        from .review import MEDICAL_WORKFLOW_NAME

        return Workflow.objects.filter(name=MEDICAL_WORKFLOW_NAME, active=True).first()

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        # Wagtail's autosave rewrites a revision in place; never one that a review has seen.
        if overwrite_revision is not None and overwrite_revision.task_states.exists():
            raise PermissionDenied(
                "This version has been submitted for review and cannot be overwritten; "
                "your changes will be saved as a new version."
            )
        return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)

    def get_review_summary(self) -> dict[str, Any]:
        """The public medical-review block for the live revision (see review.currency)."""
        from ..review.currency import review_summary
        from ..review.gate import approval_record_for_id

        return review_summary(approval_record_for_id(self.live_revision_id))
