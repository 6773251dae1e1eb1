"""A minimal text-only PDF writer, so the demo needs no PDF library.

Real text (not a picture of text) keeps the file searchable and readable by screen readers, which
an image-based PDF from Pillow would not be. Output is deterministic: no dates, fixed object order.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

A4 = (595, 842)  # points
MARGIN = 56
# Helvetica glyphs average about half an em; a little more keeps long lines inside the margin.
AVERAGE_GLYPH_WIDTH = 0.55


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    size: float = 12
    space_before: float = 0


def _escape(text: str) -> bytes:
    # WinAnsiEncoding (cp1252) covers the dashes and curly quotes the content uses.
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _layout(paragraphs: list[Paragraph], page_size: tuple[int, int]) -> list[list[bytes]]:
    """Wrap paragraphs into lines and lines into pages of drawing operators."""
    width, height = page_size
    pages: list[list[bytes]] = [[]]
    y = height - MARGIN
    for paragraph in paragraphs:
        leading = paragraph.size * 1.4
        columns = int((width - 2 * MARGIN) / (paragraph.size * AVERAGE_GLYPH_WIDTH))
        y -= paragraph.space_before
        for line in textwrap.wrap(paragraph.text, columns) or [""]:
            if y - leading < MARGIN:
                pages.append([])
                y = height - MARGIN
            y -= leading
            font = b"/F2" if paragraph.bold else b"/F1"
            pages[-1].append(
                b"BT %s %g Tf 1 0 0 1 %d %.1f Tm (%s) Tj ET"
                % (font, paragraph.size, MARGIN, y, _escape(line))
            )
    return pages


def build_pdf(title: str, paragraphs: list[Paragraph], *, language: str = "en", page_size=A4) -> bytes:
    pages = _layout(paragraphs, page_size)
    first_page_id = 6
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (%s) >>" % _escape(language),
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (
            b" ".join(b"%d 0 R" % (first_page_id + 2 * i) for i in range(len(pages))),
            len(pages),
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Title (%s) /Producer (medcms demo loader) >>" % _escape(title),
    ]
    for i, operators in enumerate(pages):
        content_id = first_page_id + 2 * i + 1
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
            % (page_size[0], page_size[1], content_id)
        )
        stream = b"\n".join(operators)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_offset = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_offset,
    )
    return bytes(output)
