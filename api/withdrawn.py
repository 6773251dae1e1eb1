"""Snapshots are frozen at approval, but pages they link to can go offline later. At request
time, links to such pages become plain text and embeds of them are dropped, so a snapshot never
points a reader at content that is no longer public (DESIGN.md §4, §7)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField
from django.db.models.functions import Cast

from wagtail.models import Page

from articles.models import ReviewedObject

from .prepared import PreparedQuery
from .representation.urls import site_path


def _offline_linked_pages(revision: int):
    from .live import live_pages

    linked = (
        ReviewedObject.objects.filter(
            record__revision_id=revision,
            content_type=ContentType.objects.get_for_model(Page),
        )
        .annotate(page_id=Cast("object_id", BigIntegerField()))
        .values("page_id")
    )
    offline = Page.objects.filter(pk__in=linked).exclude(pk__in=live_pages(Page).values("pk"))
    return offline.values_list("pk", "url_path")


def _content_type_ids() -> tuple[int, ...]:
    from .live import content_type_ids

    return content_type_ids()


_offline_linked = PreparedQuery(_offline_linked_pages, depends_on=_content_type_ids, revision=-7_400_005)


def withdrawn_pages(live_revision_id: int | None) -> dict[int, str]:
    """{page id: frontend path} of pages the approved snapshot links to that are not public now."""
    if not live_revision_id:
        return {}
    return {pk: site_path(url_path) for pk, url_path in _offline_linked.rows(revision=live_revision_id)}


def without_withdrawn(payload: Any, withdrawn: dict[int, str]) -> Any:
    """A copy of `payload` with links to and embeds of `withdrawn` pages removed."""
    if not withdrawn:
        return payload
    paths = "|".join(re.escape(path) for path in withdrawn.values())
    anchors = re.compile(rf'<a href="(?:{paths})"[^>]*>(.*?)</a>', re.S)
    return _strip(payload, set(withdrawn), anchors)


def _is_withdrawn_embed(value: Any, ids: set[int]) -> bool:
    if not isinstance(value, dict):
        return False
    if value.get("id") in ids and "path" in value and "slug" in value:
        return True
    return any(_is_withdrawn_embed(child, ids) for child in value.values() if isinstance(child, dict))


def _drops(item: Any, ids: set[int]) -> bool:
    """A block embedding a withdrawn page, or the embedded summary itself."""
    if not isinstance(item, dict):
        return False
    if item.get("type") and _is_withdrawn_embed(item.get("value"), ids):
        return True
    return _is_withdrawn_embed(item, ids)


def _strip(value: Any, ids: set[int], anchors: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return anchors.sub(r"\1", value)
    if isinstance(value, list):
        return [_strip(item, ids, anchors) for item in value if not _drops(item, ids)]
    if isinstance(value, dict):
        return {key: _strip(child, ids, anchors) for key, child in value.items()}
    return value
