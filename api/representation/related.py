"""Two-phase loading that keeps queries independent of body length.

Phase 1 (`Found`): walking a page's fields and raw StreamField data records the ids of every
reference, image and embedded page, and every rich-text source. Phase 2 (`load_related`) fetches
each model in one query and expands all rich text in one pass; block representations then read
from the resulting `Related`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.html import strip_tags

from articles.models import CaseStoryPage, GuidePage, MedicalImage, Reference

from .images import load_images, represent_image
from .rich_text import expand_rich_text
from .snippets import represent_reference
from .urls import frontend_path, frontend_url


@dataclass
class Found:
    """Ids and texts found while walking a page (phase 1)."""

    reference_ids: list[int] = field(default_factory=list)
    image_ids: set[int] = field(default_factory=set)
    case_story_ids: set[int] = field(default_factory=set)
    guide_ids: set[int] = field(default_factory=set)
    rich_text: list[str] = field(default_factory=list)
    plain_text: list[str] = field(default_factory=list)

    def reference(self, pk: Any) -> None:
        if isinstance(pk, int) and pk not in self.reference_ids:
            self.reference_ids.append(pk)

    def image(self, pk: Any) -> None:
        if isinstance(pk, int):
            self.image_ids.add(pk)

    def html(self, source: Any) -> None:
        if isinstance(source, str) and source:
            self.rich_text.append(source)

    def text(self, *values: Any) -> None:
        self.plain_text.extend(value for value in values if isinstance(value, str) and value)

    def all_text(self) -> str:
        """Everything a reader sees, as plain text (for glossary matching)."""
        return " ".join(self.plain_text + [strip_tags(source) for source in self.rich_text])


@dataclass
class Related:
    """Everything phase 1 found, loaded (phase 2). Lookups of missing objects return None."""

    references: dict[int, Reference]
    reference_numbers: dict[int, int]
    reference_notes: dict[int, str]
    images: dict[int, MedicalImage]
    case_stories: dict[int, CaseStoryPage]
    guides: dict[int, GuidePage]
    html_by_source: dict[str, str]

    def number(self, pk: Any) -> int | None:
        return self.reference_numbers.get(pk)

    def reference(self, pk: Any) -> dict[str, Any] | None:
        reference = self.references.get(pk)
        if reference is None:
            return None
        return represent_reference(reference, self.number(pk), self.reference_notes.get(pk, ""))

    def numbered_references(self) -> list[dict[str, Any]]:
        ordered = sorted(self.reference_numbers.items(), key=lambda item: item[1])
        return [self.reference(pk) for pk, _number in ordered]

    def image(self, pk: Any, *, alt_text: str | None = None, decorative: bool = False) -> dict | None:
        return represent_image(self.images.get(pk), alt_text=alt_text, decorative=decorative)

    def html(self, source: Any) -> str:
        if not isinstance(source, str) or not source:
            return ""
        return self.html_by_source.get(source, "")


def load_related(
    found: Found,
    *,
    ordered_reference_ids: list[int] = (),
    reference_notes: dict[int, str] | None = None,
    known_references: dict[int, Reference] | None = None,
) -> Related:
    """Fetch what `found` names: one query per model, only for models actually used.

    References are numbered in `ordered_reference_ids` order (an article's reference list), then
    any other cited reference in order of first citation.
    """
    from ..live import live_pages

    references = dict(known_references or {})
    missing = [pk for pk in found.reference_ids if pk not in references]
    if missing:
        references.update(Reference.objects.in_bulk(missing))
    numbers: dict[int, int] = {}
    for pk in [*ordered_reference_ids, *found.reference_ids]:
        if pk in references and pk not in numbers:
            numbers[pk] = len(numbers) + 1

    def live_by_id(model, ids):
        if not ids:
            return {}
        return {page.pk: page for page in live_pages(model).filter(pk__in=ids).defer_streamfields()}

    return Related(
        references=references,
        reference_numbers=numbers,
        reference_notes=reference_notes or {},
        images=load_images(found.image_ids),
        case_stories=live_by_id(CaseStoryPage, found.case_story_ids),
        guides=live_by_id(GuidePage, found.guide_ids),
        html_by_source=expand_rich_text(found.rich_text),
    )


def represent_page_link(page: Any, page_type: str) -> dict[str, Any]:
    """A short summary of a live page embedded in another one. `id` lets a snapshot reader drop
    embeds whose page has gone offline since approval."""
    path = frontend_path(page)
    return {
        "id": page.pk,
        "type": page_type,
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "path": path,
        "url": frontend_url(path),
    }
