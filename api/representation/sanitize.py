"""The last gate for rich text leaving the API: an allow-list of what our editor features produce.

The admin editor (Draftail) can only emit its enabled features, but rich text saved through code,
imports or old revisions is plain database HTML and may hold anything. The input side strips it
on save (`articles.rich_text`); this pass guarantees the output whatever is stored, with a
browser-grade parser (html5ever, via nh3) so mutation-XSS tricks that fool lighter parsers are
parsed here the way a browser would parse them.

Allowed: the elements of `PARAGRAPH_FEATURES` (bold, italic, lists, links, document links,
superscript, subscript) plus paragraphs and line breaks; `href` only with http(s), mailto or tel,
or a site path (`/...`) or fragment (`#...`). No `target` is allowed, so `rel="noopener"` is not
needed, and `noreferrer` would hide the referrer on the frontend's own links.
"""

from __future__ import annotations

import re

import nh3

from articles.rich_text import DROPPED_WITH_CONTENT  # the same list on save and on output

ALLOWED_TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "ol", "ul", "li", "a", "sup", "sub"})
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# What the URL parser ignores (WHATWG URL: leading/trailing C0 controls and spaces; tab and
# newline anywhere), so the checks below see what a browser would resolve.
_URL_EDGES = "".join(chr(code) for code in range(0x21))
_URL_IGNORED = re.compile(r"[\t\n\r]")


def _site_relative_only(url: str) -> str | None:
    """Keep `/path` and `#fragment`; drop protocol-relative (`//host`, `/\\host`) and bare paths."""
    url = _URL_IGNORED.sub("", url).strip(_URL_EDGES)
    if url.startswith("#"):
        return url
    if url.startswith("/") and not url.startswith(("//", "/\\")):
        return url
    return None


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={"a": {"href"}},
    url_schemes=set(ALLOWED_URL_SCHEMES),
    url_relative=_site_relative_only,
    link_rel=None,
    strip_comments=True,
)
# An anchor left without its href (refused scheme, dead link) reads as plain text.
_BARE_ANCHOR = re.compile(r"<a>(.*?)</a>", re.DOTALL)


def sanitize_html(html: str) -> str:
    """Display HTML reduced to the rich-text allow-list; text content is kept, escaped."""
    if not html:
        return ""
    return _BARE_ANCHOR.sub(r"\1", _CLEANER.clean(html))
