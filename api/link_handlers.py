"""Rich-text link handlers registered for every `expand_db_html()` call (api/wagtail_hooks.py).

Stock `PageLinkHandler` links to any page, drafts included, at its URL (DESIGN.md §7). These emit
frontend paths for live, public pages only; a link to any other page becomes a bare `<a>`, which
`representation.rich_text` unwraps to plain text. Documents get absolute URLs, since the frontend
runs on another origin.
"""

from __future__ import annotations

from django.utils.html import escape

from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .representation.urls import absolute_url, site_path


class LivePageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        from .live import live_pages

        ids = {str(attrs.get("id")) for attrs in attrs_list}
        # One query per rich-text pass; only the tree path is needed, not the specific page.
        paths = {
            str(pk): site_path(url_path)
            for pk, url_path in live_pages(Page)
            .filter(id__in=[pk for pk in ids if pk.isdigit()])
            .values_list("id", "url_path")
        }
        tags = []
        for attrs in attrs_list:
            path = paths.get(str(attrs.get("id")))
            tags.append(f'<a href="{escape(path)}">' if path else "<a>")
        return tags


class AbsoluteDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [
            f'<a href="{escape(absolute_url(document.url))}">' if document else "<a>"
            for document in cls.get_many(attrs_list)
        ]
