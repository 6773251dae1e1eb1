"""Admin screens for medical review: the due-for-review report, dashboard panel and the
read-only review history."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ReviewRecord
from .review.currency import DUE_SOON_DAYS, review_status


def live_review_records() -> QuerySet[ReviewRecord]:
    """The approval record behind each live reviewed page."""
    is_live = Page.objects.filter(live_revision_id=OuterRef("revision_id"), live=True)
    return ReviewRecord.objects.filter(Exists(is_live)).defer("snapshot", "findings")


def due_review_records(within_days: int = DUE_SOON_DAYS) -> QuerySet[ReviewRecord]:
    horizon = timezone.localdate() + timedelta(days=within_days)
    return (
        live_review_records()
        .filter(Q(next_review_due__lte=horizon) | Q(changed_since_review=True))
        .order_by("next_review_due")
    )


def _edit_url(record: ReviewRecord) -> str:
    return reverse("wagtailadmin_pages:edit", args=(record.page_id,))


class StatusColumn(Column):
    def get_value(self, instance):
        return review_status(instance).replace("_", " ")


class ReviewDueReportView(ReportView):
    page_title = "Content due for medical review"
    header_icon = "warning"
    index_url_name = "medical_review_due"
    index_results_url_name = "medical_review_due_results"
    model = ReviewRecord
    columns = [
        TitleColumn("page_title", label="Content", get_url=_edit_url),
        Column("page_type", label="Type"),
        StatusColumn("status", label="Review status"),
        DateColumn("next_review_due", label="Next review due"),
        Column("reviewer_name", label="Last reviewed by"),
        DateColumn("approved_at", label="Last reviewed"),
    ]
    list_export = ["page_title", "page_type", "next_review_due", "reviewer_name", "approved_at"]

    def get_queryset(self):
        return due_review_records()


class ReviewDuePanel(Component):
    """Dashboard: overdue, soon-due and changed-since-review content, most urgent first."""

    name = "medical_review_due"
    order = 90
    template_name = "articles/review/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        records = list(due_review_records()[:10])
        return {
            "rows": [{"record": r, "status": review_status(r), "edit_url": _edit_url(r)} for r in records],
            "report_url": reverse("medical_review_due"),
        }


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Review records are evidence: viewable, never added, edited or deleted from the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ReviewRecordViewSet(ModelViewSet):
    model = ReviewRecord
    icon = "clipboard-list"
    menu_label = "Review history"
    menu_order = 320
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["page_title", "page_type", "reviewer_name", "reviewer_credentials", "approved_at"]
    list_filter = ["page_type", "changed_since_review"]
    search_fields = ["page_title", "reviewer_name"]
    inspect_view_fields = [
        "page_title",
        "page_type",
        "page_id",
        "revision_id",
        "content_hash",
        "reviewer_name",
        "reviewer_credentials",
        "reviewer_specialty",
        "approved_at",
        "next_review_due",
        "checklist",
        "findings",
        "acknowledgement",
        "comment",
        "published_at",
        "changed_since_review",
        "changed_since_review_reason",
    ]
    form_fields = []

    def get_queryset(self, request):
        queryset = ReviewRecord.objects.defer("snapshot")
        if page_id := request.GET.get("page_id", "").strip():
            queryset = queryset.filter(page_id=int(page_id)) if page_id.isdigit() else queryset.none()
        return queryset
