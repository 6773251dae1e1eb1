"""Freeze what the public API will serve at the moment of approval (DESIGN.md §4)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.module_loading import import_string

from modelcluster.fields import ParentalManyToManyField
from wagtail.models import Page, ReferenceIndex

DEFAULT_SNAPSHOT_BUILDER = "articles.preview.preview_payload"


def _build(setting: str, default: str | None, page: Page) -> dict[str, Any]:
    path = getattr(settings, setting, default)
    if not path:
        return {}
    # Round-trip through JSON so the stored value is exactly what a JSONField returns.
    return json.loads(json.dumps(import_string(path)(page), cls=DjangoJSONEncoder))


def build_snapshot(page: Page) -> dict[str, Any]:
    """The public detail representation of `page` (e.g. an unsaved revision object)."""
    return _build("MEDICAL_REVIEW_SNAPSHOT_BUILDER", DEFAULT_SNAPSHOT_BUILDER, page)


def build_listing(page: Page) -> dict[str, Any]:
    """The public listing entry of `page`, frozen beside the snapshot."""
    return _build("MEDICAL_REVIEW_LISTING_BUILDER", None, page)


def snapshot_dependencies(page: Page, snapshot: dict[str, Any]) -> set[tuple[int, str]]:
    """(content type id, object id) of every snippet, image and document the snapshot shows."""
    from ..models import GlossaryTerm

    found = {
        (content_type_id, str(object_id))
        for content_type_id, object_id, *_ in ReferenceIndex._extract_references_from_object(page)
    }
    # The reference index skips many-to-many fields; they are part of what readers see too.
    for field in page._meta.get_fields():
        if isinstance(field, ParentalManyToManyField):
            content_type = ContentType.objects.get_for_model(field.related_model)
            # value_from_object gives the related objects (or ids, for unsaved clusters).
            related = field.value_from_object(page)
            found |= {(content_type.pk, str(getattr(item, "pk", item))) for item in related if item}
    # Glossary terms are matched by text, not linked: depend on every term the snapshot mentions.
    text = json.dumps(snapshot, cls=DjangoJSONEncoder).lower()
    glossary_type = ContentType.objects.get_for_model(GlossaryTerm)
    for pk, term in GlossaryTerm.objects.values_list("pk", "term"):
        if term.lower() in text:
            found.add((glossary_type.pk, str(pk)))
    return found
