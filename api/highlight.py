"""Search snippets: an escaped excerpt of the text with the query's words wrapped in <mark>."""

from __future__ import annotations

import re

from django.utils.html import escape

SNIPPET_LENGTH = 200


def query_terms(query: str) -> list[str]:
    return [term for term in re.findall(r"\w+", query.lower()) if len(term) > 1][:10]


def highlight(text: str, query: str, length: int = SNIPPET_LENGTH) -> str:
    """HTML-safe: all text is escaped, only <mark> tags are added."""
    terms = query_terms(query)
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE) if terms else None
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - length // 3) if match else 0
    excerpt = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    if pattern is None:
        return prefix + escape(excerpt) + suffix
    parts, last = [], 0
    for found in pattern.finditer(excerpt):
        parts.append(escape(excerpt[last : found.start()]))
        parts.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    parts.append(escape(excerpt[last:]))
    return prefix + "".join(parts) + suffix
