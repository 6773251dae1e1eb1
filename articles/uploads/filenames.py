"""Safe storage names for uploaded files.

Browsers and scripts can send any name: directory parts, `..`, control characters, right-to-left
overrides, hundreds of characters. Django already drops directory parts, but a name that is too long
for the 100-character file column (minus the upload folder) or that is nothing but dots would fail
at save time with a 500; normalising it in the form keeps the upload a plain success or form error.
"""

from __future__ import annotations

import os
import re
import unicodedata

# Room for Wagtail's folder ("original_images/", "documents/") and Django's "_abc1234" collision suffix
# inside FileField's default max_length of 100.
MAX_STEM_LENGTH = 60
MAX_EXTENSION_LENGTH = 10
FALLBACK_STEM = "upload"

_UNSAFE = re.compile(r"[^\w.-]+", re.ASCII)


def safe_upload_name(name: str) -> str:
    """Return `name` reduced to a short ASCII `stem.ext` with no path, control or format characters.

    >>> safe_upload_name("../../etc/passwd.pdf")
    'passwd.pdf'
    """
    # Both separators: a Windows client sends backslashes, which POSIX basename keeps.
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    stem, extension = os.path.splitext(base)
    extension = _UNSAFE.sub("", extension.lower())[: MAX_EXTENSION_LENGTH + 1]
    if extension == ".":
        extension = ""
    stem = _UNSAFE.sub("_", stem).strip("._-")[:MAX_STEM_LENGTH].strip("._-") or FALLBACK_STEM
    return f"{stem}{extension}"
