"""Builders for StreamField blocks in Wagtail's raw JSON form (see `articles/blocks.py`).

Values use symbolic keys (`RefKey`, `ImageKey`, `PageKey`) that the loader resolves to ids.
Rich text is Wagtail's stored HTML format, e.g. `<p>…</p>`.
"""

from __future__ import annotations

from articles.choices import CalloutKind

from ..keys import ImageKey, PageKey, RefKey


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html: str, *cites: str) -> dict:
    return {"type": "paragraph", "value": {"text": html, "citations": [RefKey(key) for key in cites]}}


def statistic(value: str, label: str, reference: str, context: str = "") -> dict:
    return {
        "type": "statistic",
        "value": {"value": value, "label": label, "reference": RefKey(reference), "context": context},
    }


def key_points(*points: str, title: str = "Key points") -> dict:
    return {"type": "key_points", "value": {"title": title, "points": list(points)}}


def image(key: str, alt_text: str, caption: str = "") -> dict:
    return {
        "type": "image",
        "value": {
            "image": {"image": ImageKey(key), "alt_text": alt_text, "decorative": False},
            "caption": caption,
        },
    }


def callout(kind: CalloutKind, title: str, html: str) -> dict:
    return {"type": "callout", "value": {"kind": kind.value, "title": title, "text": html}}


def faq(*items: tuple[str, str], title: str = "Frequently asked questions") -> dict:
    return {
        "type": "faq",
        "value": {"title": title, "items": [{"question": q, "answer": a} for q, a in items]},
    }


def case_story(slug: str, introduction: str = "") -> dict:
    return {"type": "case_story", "value": {"case_story": PageKey(slug), "introduction": introduction}}


def guide_cta(slug: str, heading_text: str, text: str = "") -> dict:
    return {"type": "guide_cta", "value": {"guide": PageKey(slug), "heading": heading_text, "text": text}}
