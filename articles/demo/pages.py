"""Create or update one demo page from a `PageSpec`, publishing only through the given function.

A page is identified by its type and slug. New pages are added as drafts and then published.
Existing pages are kept unless `overwrite` is set; then they are compared with the spec and get a
new revision only when something differs, so an unchanged rerun adds no revisions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField
from wagtail.models import Page

from ..rich_text import clean_rich_text_fields
from .report import Status, status_of
from .streams import canonical_stream, validate_stream


@dataclass
class PageSpec:
    model: type[Page]
    slug: str
    title: str
    # Field values by name: attnames for foreign keys (`hero_image_id`), model instances for
    # parental many-to-many fields, raw JSON lists for StreamFields.
    fields: dict[str, Any]
    # Child relations (orderables) by relation name: one dict of field values per row, in order.
    children: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _state(page: Page, spec: PageSpec) -> dict[str, Any]:
    """The spec-managed content of `page`, in a form that compares by content."""
    state: dict[str, Any] = {"title": page.title}
    for name in spec.fields:
        model_field = page._meta.get_field(name)
        value = getattr(page, name)
        if isinstance(model_field, StreamField):
            state[name] = canonical_stream(model_field, value)
        elif isinstance(model_field, ParentalManyToManyField):
            state[name] = sorted(item.pk for item in value.all())
        else:
            state[name] = value
    for relation, rows in spec.children.items():
        names = list(rows[0]) if rows else []
        state[relation] = [tuple(getattr(child, n) for n in names) for child in getattr(page, relation).all()]
    return state


def _apply(page: Page, spec: PageSpec) -> None:
    page.title = spec.title
    for name, value in spec.fields.items():
        setattr(page, name, value)
    for relation, rows in spec.children.items():
        child_model = page._meta.get_field(relation).related_model
        # sort_order set explicitly: modelcluster sorts orderables by it when they are assigned.
        setattr(page, relation, [child_model(sort_order=i, **row) for i, row in enumerate(rows)])
    # Saving cleans rich text too (SanitizedRichTextMixin); cleaning here as well means the
    # comparison with the stored page sees what will be stored, so reruns stay revision-free.
    clean_rich_text_fields(page)


def _validate(page: Page, spec: PageSpec) -> None:
    for name in spec.fields:
        model_field = page._meta.get_field(name)
        if isinstance(model_field, StreamField):
            validate_stream(model_field, getattr(page, name))


def sync_page(
    parent: Page, spec: PageSpec, publish: Callable[[Page], Any], *, overwrite: bool
) -> tuple[Page, Status]:
    page = spec.model.objects.filter(slug=spec.slug).first()
    if page is None:
        page = spec.model(slug=spec.slug, live=False)
        _apply(page, spec)
        _validate(page, spec)
        parent.add_child(instance=page)
        publish(page)
        return page, "created"
    if not overwrite:
        return page, "kept"
    before = _state(page, spec)
    _apply(page, spec)
    # A draft or an unpublished page also counts as different: the demo content goes live again.
    changed = _state(page, spec) != before or not page.live or page.has_unpublished_changes
    if changed:
        _validate(page, spec)
        publish(page)
    return page, status_of(False, changed)
