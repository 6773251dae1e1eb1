"""StreamField blocks as typed JSON `{"type", "id", "value"}`, read from the raw stored data.

Reading raw data (not Wagtail's block values) lets one walk collect every id in the stream, so each
model is fetched once per page (`related.py`). Each block type has a `collect` step (phase 1) and a
`represent` step (phase 2); `represent` returning None drops the block, e.g. an embedded case story
that is not live.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .related import Found, Related, represent_page_link


def list_values(raw: Any) -> list[Any]:
    """ListBlock raw data in either storage format: `[{"type": "item", "value": ...}]` or `[...]`."""
    if not isinstance(raw, list):
        return []
    return [
        item["value"] if isinstance(item, dict) and item.get("type") == "item" and "value" in item else item
        for item in raw
    ]


def image_parts(raw: Any) -> tuple[Any, str | None, bool]:
    """(image id, contextual alt text, decorative) from an ImageBlock value (or a bare id)."""
    if isinstance(raw, dict):
        return raw.get("image"), raw.get("alt_text") or None, bool(raw.get("decorative"))
    return raw, None, False


@dataclass(frozen=True)
class BlockType:
    collect: Callable[[dict, Found], None]
    represent: Callable[[dict, Related], dict[str, Any] | None]


def _collect_paragraph(value: dict, found: Found) -> None:
    found.html(value.get("text"))
    for pk in list_values(value.get("citations")):
        found.reference(pk)


def _represent_paragraph(value: dict, related: Related) -> dict[str, Any]:
    numbers = [related.number(pk) for pk in list_values(value.get("citations"))]
    return {"text": related.html(value.get("text")), "citations": sorted({n for n in numbers if n})}


def _collect_statistic(value: dict, found: Found) -> None:
    found.reference(value.get("reference"))
    found.text(value.get("value"), value.get("label"), value.get("context"))


def _represent_statistic(value: dict, related: Related) -> dict[str, Any]:
    return {
        "value": value.get("value", ""),
        "label": value.get("label", ""),
        "context": value.get("context") or "",
        "reference": related.reference(value.get("reference")),
    }


def _collect_quote(value: dict, found: Found) -> None:
    found.reference(value.get("reference"))
    found.text(value.get("text"))


def _represent_quote(value: dict, related: Related) -> dict[str, Any]:
    return {
        "text": value.get("text", ""),
        "attribution": value.get("attribution") or "",
        "reference": related.reference(value.get("reference")),
    }


def _collect_image(value: dict, found: Found) -> None:
    found.image(image_parts(value.get("image"))[0])
    found.text(value.get("caption"))


def _represent_image(value: dict, related: Related) -> dict[str, Any]:
    pk, alt_text, decorative = image_parts(value.get("image"))
    return {
        "image": related.image(pk, alt_text=alt_text, decorative=decorative),
        "caption": value.get("caption") or "",
    }


def _collect_faq(value: dict, found: Found) -> None:
    found.text(value.get("title"))
    for item in list_values(value.get("items")):
        if isinstance(item, dict):
            found.text(item.get("question"))
            found.html(item.get("answer"))


def _represent_faq(value: dict, related: Related) -> dict[str, Any]:
    return {
        "title": value.get("title", ""),
        "items": [
            {"question": item.get("question", ""), "answer": related.html(item.get("answer"))}
            for item in list_values(value.get("items"))
            if isinstance(item, dict)
        ],
    }


def _collect_case_story(value: dict, found: Found) -> None:
    if isinstance(value.get("case_story"), int):
        found.case_story_ids.add(value["case_story"])


def _represent_case_story(value: dict, related: Related) -> dict[str, Any] | None:
    story = related.case_stories.get(value.get("case_story"))
    if story is None:
        return None  # not live: never show a draft's title or slug
    return {
        "case_story": represent_page_link(story, "case_story"),
        "introduction": value.get("introduction") or "",
    }


def _collect_guide_cta(value: dict, found: Found) -> None:
    if isinstance(value.get("guide"), int):
        found.guide_ids.add(value["guide"])
    found.text(value.get("heading"), value.get("text"))


def _represent_guide_cta(value: dict, related: Related) -> dict[str, Any] | None:
    guide = related.guides.get(value.get("guide"))
    if guide is None:
        return None
    return {
        "guide": represent_page_link(guide, "guide"),
        "heading": value.get("heading", ""),
        "text": value.get("text") or "",
    }


def _collect_step(value: dict, found: Found) -> None:
    found.text(value.get("title"))
    found.html(value.get("body"))
    found.image(image_parts(value.get("image"))[0])


def _represent_step(value: dict, related: Related) -> dict[str, Any]:
    pk, alt_text, decorative = image_parts(value.get("image"))
    return {
        "title": value.get("title", ""),
        "body": related.html(value.get("body")),
        "image": related.image(pk, alt_text=alt_text, decorative=decorative) if pk else None,
    }


ARTICLE_BLOCKS: dict[str, BlockType] = {
    "heading": BlockType(
        collect=lambda value, found: found.text(value.get("text")),
        represent=lambda value, related: {
            "text": value.get("text", ""),
            "level": value.get("level") or "h2",
        },
    ),
    "paragraph": BlockType(_collect_paragraph, _represent_paragraph),
    "statistic": BlockType(_collect_statistic, _represent_statistic),
    "key_points": BlockType(
        collect=lambda value, found: found.text(value.get("title"), *list_values(value.get("points"))),
        represent=lambda value, related: {
            "title": value.get("title", ""),
            "points": [point for point in list_values(value.get("points")) if isinstance(point, str)],
        },
    ),
    "quote": BlockType(_collect_quote, _represent_quote),
    "image": BlockType(_collect_image, _represent_image),
    "callout": BlockType(
        collect=lambda value, found: (found.text(value.get("title")), found.html(value.get("text"))),
        represent=lambda value, related: {
            "kind": value.get("kind", ""),
            "title": value.get("title", ""),
            "text": related.html(value.get("text")),
        },
    ),
    "faq": BlockType(_collect_faq, _represent_faq),
    "case_story": BlockType(_collect_case_story, _represent_case_story),
    "guide_cta": BlockType(_collect_guide_cta, _represent_guide_cta),
}

GUIDE_BLOCKS: dict[str, BlockType] = {"step": BlockType(_collect_step, _represent_step)}


def _raw_blocks(stream: Any) -> Iterable[dict]:
    raw = getattr(stream, "raw_data", stream) or []
    return [item for item in raw if isinstance(item, dict) and isinstance(item.get("value"), dict)]


def collect_stream(stream: Any, block_types: dict[str, BlockType], found: Found) -> None:
    for item in _raw_blocks(stream):
        if item.get("type") in block_types:
            block_types[item["type"]].collect(item["value"], found)


def represent_stream(stream: Any, block_types: dict[str, BlockType], related: Related) -> list[dict]:
    blocks = []
    for item in _raw_blocks(stream):
        block_type = block_types.get(item.get("type"))
        if block_type is None:
            continue  # a block type the API does not know yet is left out, not guessed at
        value = block_type.represent(item["value"], related)
        if value is not None:
            blocks.append({"type": item["type"], "id": str(item.get("id") or ""), "value": value})
    return blocks
