"""Check that a document's bytes are what its extension claims.

Wagtail only checks the extension (`AbstractDocument.clean`), so an HTML or SVG page renamed to
`.pdf` would be stored and offered for download. Each allowed extension needs a signature here; an
extension without one is refused (fail closed) so adding one to WAGTAILDOCS_EXTENSIONS forces a
decision about its content check. Only the first bytes are read (bounded memory); for zip-based
formats only the central directory is parsed, nothing is decompressed.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from typing import IO

from django.core.exceptions import ValidationError

HEAD_BYTES = 64 * 1024

# What browsers sniff as active content (WHATWG MIME sniffing, "scriptable" patterns); refused even in
# a .txt, although documents are served as attachments with nosniff, as defence in depth.
_MARKUP = re.compile(
    rb"^\s*<(?:!doctype\s+html|html|head|body|script|iframe|svg|\?xml|object|embed|style|title|a\s|div)",
    re.IGNORECASE,
)


def _is_pdf(head: bytes, file: IO[bytes]) -> bool:
    return head.startswith(b"%PDF-")


def _is_epub(head: bytes, file: IO[bytes]) -> bool:
    # OCF: the first zip entry is the stored, uncompressed "mimetype" file.
    return head.startswith(b"PK\x03\x04") and head[30:58] == b"mimetypeapplication/epub+zip"


def _is_docx(head: bytes, file: IO[bytes]) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        names = zipfile.ZipFile(file).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def _is_mp3(head: bytes, file: IO[bytes]) -> bool:
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _is_m4a(head: bytes, file: IO[bytes]) -> bool:
    return head[4:8] == b"ftyp" and head[8:11] in (b"M4A", b"M4B", b"mp4", b"iso", b"dash")


def _is_text(head: bytes, file: IO[bytes]) -> bool:
    if b"\x00" in head or _MARKUP.match(head.removeprefix(b"\xef\xbb\xbf")):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The read may end inside a multi-byte character; anything earlier is a real error.
        return len(head) == HEAD_BYTES and exc.start >= len(head) - 3
    return True


SIGNATURES: dict[str, Callable[[bytes, IO[bytes]], bool]] = {
    "pdf": _is_pdf,
    "epub": _is_epub,
    "docx": _is_docx,
    "mp3": _is_mp3,
    "m4a": _is_m4a,
    "txt": _is_text,
}


def validate_document_content(file: IO[bytes], name: str) -> None:
    """Raise ValidationError unless the content of `file` matches the extension of `name`."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    check = SIGNATURES.get(extension)
    if check is None:
        raise ValidationError(
            "Files of type .%(ext)s cannot be checked and are not accepted.",
            code="unchecked_extension",
            params={"ext": extension or "(none)"},
        )
    file.seek(0)
    head = file.read(HEAD_BYTES)
    try:
        matches = check(head, file)
    finally:
        file.seek(0)
    if not matches:
        raise ValidationError(
            "The file's content is not a valid .%(ext)s file. Check that the extension matches the "
            "file type.",
            code="content_mismatch",
            params={"ext": extension},
        )
