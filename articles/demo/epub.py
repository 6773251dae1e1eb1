"""A minimal EPUB 3 writer (a zip of XHTML and XML), built with the standard library.

The demo offers an e-book instead of an audio edition: MP3 and M4A need an encoder that the
standard library lacks, and the document library accepts no other audio type.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from html import escape
from io import BytesIO

# Fixed timestamps keep the bytes identical between runs, so reruns change nothing.
ZIP_TIMESTAMP = (2026, 1, 1, 0, 0, 0)
MODIFIED = "2026-01-01T00:00:00Z"

CONTAINER_XML = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


@dataclass(frozen=True)
class Chapter:
    title: str
    body_html: str  # XHTML fragment: escape text before building it


def _xhtml(title: str, body: str, language: str, extra_ns: str = "") -> str:
    head = f'<head><meta charset="utf-8"/><title>{escape(title)}</title></head>'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml"{extra_ns} xml:lang="{language}" lang="{language}">\n'
        f"{head}\n<body>\n{body}\n</body>\n</html>\n"
    )


def build_epub(*, identifier: str, title: str, author: str, language: str, chapters: list[Chapter]) -> bytes:
    files = {"META-INF/container.xml": CONTAINER_XML}
    manifest = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>']
    spine, toc = [], []
    for number, chapter in enumerate(chapters, start=1):
        name = f"chapter-{number}.xhtml"
        files[f"OEBPS/{name}"] = _xhtml(chapter.title, chapter.body_html, language)
        manifest.append(f'<item id="c{number}" href="{name}" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="c{number}"/>')
        toc.append(f'<li><a href="{name}">{escape(chapter.title)}</a></li>')
    nav = f'<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>{"".join(toc)}</ol></nav>'
    files["OEBPS/nav.xhtml"] = _xhtml(
        title, nav, language, extra_ns=' xmlns:epub="http://www.idpf.org/2007/ops"'
    )
    indent = "\n    "
    manifest_xml, spine_xml = indent.join(manifest), indent.join(spine)
    files["OEBPS/content.opf"] = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="{language}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">{escape(identifier)}</dc:identifier>
    <dc:title>{escape(title)}</dc:title>
    <dc:creator>{escape(author)}</dc:creator>
    <dc:language>{language}</dc:language>
    <meta property="dcterms:modified">{MODIFIED}</meta>
  </metadata>
  <manifest>
    {manifest_xml}
  </manifest>
  <spine>
    {spine_xml}
  </spine>
</package>
"""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # The EPUB spec requires an uncompressed `mimetype` entry first in the archive.
        archive.writestr(zipfile.ZipInfo("mimetype", ZIP_TIMESTAMP), "application/epub+zip")
        for name, text in files.items():
            info = zipfile.ZipInfo(name, ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
