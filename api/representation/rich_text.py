"""Rich text as display HTML, expanded in one pass per page so links cost one query per link type.

Links go through the live-only handlers in `api.link_handlers`; a link they refuse (a page that is
not live) arrives as a bare `<a>` and is unwrapped here, so readers see plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wagtail.rich_text import expand_db_html

# Cannot occur in stored rich text (PostgreSQL text refuses NUL), so it safely splits the batch.
_SEPARATOR = "\x00"
_DEAD_LINK = re.compile(r"<a>(.*?)</a>", re.DOTALL)


def expand_rich_text(sources: Iterable[str]) -> dict[str, str]:
    """Map each database-HTML source to display HTML, expanding all of them in one rewrite."""
    unique = list(dict.fromkeys(sources))
    if not unique:
        return {}
    joined = _SEPARATOR.join(source.replace(_SEPARATOR, "") for source in unique)
    expanded = expand_db_html(joined).split(_SEPARATOR)
    return {source: _DEAD_LINK.sub(r"\1", html) for source, html in zip(unique, expanded, strict=True)}
