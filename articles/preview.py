"""What the admin's preview shows for a headless page: the structured content, as JSON."""

from typing import Any

from wagtail.models import Page


def preview_payload(page: Page) -> dict[str, Any]:
    """A readable summary of the page's own fields for reviewers (the API issue refines this)."""
    payload: dict[str, Any] = {
        "type": page._meta.label_lower,
        "title": page.title,
        "slug": page.slug,
    }
    for field in ("summary", "audience", "age_band", "context", "time_to_effect"):
        if hasattr(page, field):
            payload[field] = getattr(page, field)
    for stream in ("body", "steps"):
        if hasattr(page, stream):
            payload[stream] = [
                {"type": block.block_type, "value": block.block.get_prep_value(block.value)}
                for block in getattr(page, stream)
            ]
    return payload
