"""The guide's downloadable editions, all generated from `content.guide` so they never drift apart."""

from __future__ import annotations

import textwrap
import uuid
from html import escape

from articles.choices import DownloadFormat

from .content import guide
from .content.people import PEOPLE
from .epub import Chapter, build_epub
from .pdf import Paragraph, build_pdf

AUTHOR = next(person["name"] for person in PEOPLE if person["role"] == "Medical writer")


def plain_text() -> bytes:
    lines = [guide.TITLE, "=" * len(guide.TITLE), "", *textwrap.wrap(guide.INTRODUCTION, 78), ""]
    for number, step in enumerate(guide.STEPS, start=1):
        heading = f"Step {number}. {step.title}"
        lines += [heading, "-" * len(heading)]
        for paragraph in step.paragraphs:
            lines += [*textwrap.wrap(paragraph, 78), ""]
    lines += [*textwrap.wrap(guide.DISCLAIMER, 78), "", f"Version {guide.VERSION}", ""]
    return "\n".join(lines).encode("utf-8")


def pdf(*, large_print: bool = False) -> bytes:
    # Large print: 18 pt body text, the usual minimum for large-print material.
    body, heading, title = (18, 24, 30) if large_print else (12, 15, 20)
    paragraphs = [
        Paragraph(guide.TITLE, bold=True, size=title),
        Paragraph(guide.INTRODUCTION, size=body, space_before=body),
    ]
    for number, step in enumerate(guide.STEPS, start=1):
        paragraphs.append(
            Paragraph(f"Step {number}. {step.title}", bold=True, size=heading, space_before=body)
        )
        paragraphs += [Paragraph(text, size=body, space_before=body / 2) for text in step.paragraphs]
    paragraphs += [
        Paragraph(guide.DISCLAIMER, size=body, space_before=body * 1.5),
        Paragraph(f"Version {guide.VERSION}", size=body, space_before=body / 2),
    ]
    return build_pdf(guide.TITLE, paragraphs, language="en")


def epub() -> bytes:
    chapters = [
        Chapter("Introduction", f"<h1>{escape(guide.TITLE)}</h1>\n<p>{escape(guide.INTRODUCTION)}</p>")
    ]
    for number, step in enumerate(guide.STEPS, start=1):
        title = f"Step {number}. {step.title}"
        body = "\n".join(f"<p>{escape(text)}</p>" for text in step.paragraphs)
        chapters.append(Chapter(title, f"<h2>{escape(title)}</h2>\n{body}"))
    chapters.append(Chapter("About this guide", f"<p>{escape(guide.DISCLAIMER)}</p>"))
    return build_epub(
        # A stable identifier, so e-readers treat a new version as the same book.
        identifier=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'medcms-demo/' + guide.SLUG)}",
        title=guide.TITLE,
        author=AUTHOR,
        language="en",
        chapters=chapters,
    )


def build(download_format: str) -> bytes:
    builders = {
        DownloadFormat.PDF: pdf,
        DownloadFormat.LARGE_PRINT: lambda: pdf(large_print=True),
        DownloadFormat.PLAIN_TEXT: plain_text,
        DownloadFormat.EPUB: epub,
    }
    return builders[download_format]()
