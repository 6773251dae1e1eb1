"""Template helpers for the medical reviewer's screens."""

from django import template
from django.urls import reverse

from wagtail.models import TaskState

from ..review.findings import findings_for_revision
from ..review.gate import approval_record_for_id

register = template.Library()


@register.inclusion_tag("articles/review/findings.html")
def review_findings(task_state: TaskState) -> dict:
    """Current pre-review findings for the revision under review, and a link to compare it
    with the last approved (live) revision."""
    revision = task_state.revision
    page = revision.content_object
    compare_url = None
    if page.live_revision_id and approval_record_for_id(page.live_revision_id):
        compare_url = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=(page.pk, str(page.live_revision_id), str(revision.pk)),
        )
    findings = findings_for_revision(revision)
    return {
        "blocking": [f for f in findings if f.is_blocking],
        "warnings": [f for f in findings if not f.is_blocking],
        "compare_url": compare_url,
    }
