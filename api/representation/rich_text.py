"""Rich text as display HTML, expanded in one pass per page so links cost one query per link type.

Links go through the live-only handlers in `api.link_handlers`; a link they refuse (a page that is
not live) arrives as a bare `<a>`. Every result then passes the allow-list in `sanitize.py`, which
also unwraps those bare anchors, so readers see plain text. Snapshots frozen at approval are built
from this output too, so they never hold markup the allow-list refuses.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.rich_text import expand_db_html

from .sanitize import sanitize_html

# Cannot occur in stored rich text (PostgreSQL text refuses NUL), so it safely splits the batch.
_SEPARATOR = "\x00"


def expand_rich_text(sources: Iterable[str]) -> dict[str, str]:
    """Map each database-HTML source to safe display HTML, expanding all of them in one rewrite."""
    unique = list(dict.fromkeys(sources))
    if not unique:
        return {}
    joined = _SEPARATOR.join(source.replace(_SEPARATOR, "") for source in unique)
    expanded = expand_db_html(joined).split(_SEPARATOR)
    # Sanitised one by one: the separator must not go through the parser.
    return {source: sanitize_html(html) for source, html in zip(unique, expanded, strict=True)}
