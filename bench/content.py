"""Bench article bodies, derived from the demo article's words and block shapes.

Both generators (ours through the review workflow, the stock-Wagtail baseline without it) build
their pages from `bench_article(i)`, so both datasets carry the same text: ~1,500 words in 6–10
blocks (headings, paragraphs with citations, a statistic citing a reference, an image) and a hero
image. The words come from `bench/source.json`, extracted from the demo article
(`articles/demo/content/article.py`) so the stock project needs none of this project's code.
Refresh it after editing the demo article with:

    DJANGO_SETTINGS_MODULE=cms.settings.dev python -m bench.content

References and images are named by the demo content's keys; each generator maps them to its own
rows with `resolve()`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).with_name("source.json")
TARGET_WORDS = 1_500
SLUG_PREFIX = "bench-article-"


@dataclass(frozen=True)
class BenchArticle:
    slug: str
    title: str
    summary: str
    hero_image: str  # an image key
    # Raw StreamField JSON; citations, a statistic's reference and an image hold demo keys.
    blocks: list[dict[str, Any]]
    references: list[str]  # reference keys in order of first citation


@cache
def source() -> dict[str, Any]:
    return json.loads(SOURCE.read_text())


def _words(html: str) -> int:
    return len(html.replace("<", " <").split())


def bench_article(i: int) -> BenchArticle:
    """Article number `i` (1-based): deterministic, a different mix of the demo text each time."""
    src = source()
    paragraphs, headings, images = src["paragraphs"], src["headings"], src["images"]
    n_blocks = 6 + i % 5  # 6..10
    # heading, paragraph, statistic, paragraph, image, then paragraphs with a heading every third.
    kinds = ["heading", "paragraph", "statistic", "paragraph", "image"]
    while len(kinds) < n_blocks:
        kinds.append("heading" if len(kinds) % 3 == 0 else "paragraph")
    if kinds[-1] == "heading":
        kinds[-1] = "paragraph"
    words_per_paragraph = TARGET_WORDS // kinds.count("paragraph")

    cursor = i  # rotate through the demo paragraphs so articles differ
    references: list[str] = []
    blocks: list[dict[str, Any]] = []
    for n, kind in enumerate(kinds):
        if kind == "heading":
            value: dict[str, Any] = {"text": headings[(i + n) % len(headings)], "level": "h2"}
        elif kind == "paragraph":
            html: list[str] = []
            cited: list[str] = []
            words = 0
            while words < words_per_paragraph:
                paragraph = paragraphs[cursor % len(paragraphs)]
                cursor += 1
                html.append(paragraph["text"])
                cited.extend(key for key in paragraph["citations"] if key not in cited)
                words += _words(paragraph["text"])
            value = {"text": "".join(html), "citations": cited}
        elif kind == "statistic":
            value = dict(src["statistic"])
            cited = [value["reference"]]
        else:
            picture = images[i % len(images)]
            value = {
                "image": {"image": picture["image"], "alt_text": picture["alt_text"], "decorative": False},
                "caption": picture["caption"],
            }
        if kind in ("paragraph", "statistic"):
            references.extend(key for key in cited if key not in references)
        blocks.append({"type": kind, "value": value})
    return BenchArticle(
        slug=f"{SLUG_PREFIX}{i:05d}",
        title=f"{src['title']} (bench {i})",
        summary=src["summary"],
        hero_image=src["hero_image"],
        blocks=blocks,
        references=references,
    )


def resolve(blocks: list[dict[str, Any]], references: dict[str, int], images: dict[str, int]) -> list[dict]:
    """`blocks` with demo keys replaced by primary keys (`references`/`images`: key → pk)."""
    resolved = []
    for block in blocks:
        value = dict(block["value"])
        if block["type"] == "paragraph":
            value["citations"] = [references[key] for key in value["citations"]]
        elif block["type"] == "statistic":
            value["reference"] = references[value["reference"]]
        elif block["type"] == "image":
            value["image"] = {**value["image"], "image": images[value["image"]["image"]]}
        resolved.append({"type": block["type"], "value": value})
    return resolved


def body_words(blocks: list[dict[str, Any]]) -> int:
    return sum(_words(json.dumps(block["value"])) for block in blocks)


def export_source() -> dict[str, Any]:
    """The demo article's words and keys as plain JSON (needs this project's Django settings)."""
    import django

    django.setup()
    from articles.demo.content import article

    def first(kind: str) -> dict[str, Any]:
        return next(block["value"] for block in article.BODY if block["type"] == kind)

    statistic = first("statistic")
    return {
        "title": article.TITLE,
        "summary": article.SUMMARY,
        "hero_image": article.HERO_IMAGE,
        "headings": [block["value"]["text"] for block in article.BODY if block["type"] == "heading"],
        "paragraphs": [
            {"text": block["value"]["text"], "citations": [key.key for key in block["value"]["citations"]]}
            for block in article.BODY
            if block["type"] == "paragraph"
        ],
        "statistic": {**statistic, "reference": statistic["reference"].key},
        "images": [
            {
                "image": block["value"]["image"]["image"].key,
                "alt_text": block["value"]["image"]["alt_text"],
                "caption": block["value"]["caption"],
            }
            for block in article.BODY
            if block["type"] == "image"
        ],
    }


if __name__ == "__main__":
    SOURCE.write_text(json.dumps(export_source(), indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {SOURCE}")
