"""Rich text cleaned on the way in: database HTML reduced to its field's editor features.

The admin editor can only produce its enabled features, but code, imports and the demo loader
write database HTML directly, and Wagtail stores it as given. Cleaning here uses Wagtail's own
database-HTML whitelister (the one behind its API's rich-text input), so the database format
survives exactly: `<a linktype="page" id="…">`, document links and `<embed embedtype=…>` are
rebuilt by their registered handlers, anything else outside the feature list is unwrapped, and
`href` keeps only Wagtail's allowed URL schemes. The API sanitises its output again
(`api.representation.sanitize`); this side keeps payloads out of revisions and snapshots' sources.
"""

from __future__ import annotations

import html
import re
from collections.abc import MutableMapping, Sequence
from functools import lru_cache
from typing import Any

from bs4 import BeautifulSoup
from bs4.formatter import HTMLFormatter

from django.db.models import Model
from django.utils.html import escape

from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter, DbHtmlInputWhitelister
from wagtail.blocks import Block, ListBlock, RichTextBlock, StreamValue
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import BaseStreamBlock
from wagtail.blocks.struct_block import BaseStructBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

# Removed with their content: unwrapping them would leave script or CSS source as visible text.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "iframe",
        "object",
        "noscript",
        "noembed",
        "noframes",
        "xmp",
        "svg",
        "math",
    }
)

# Draftail's block keys are short random alphanumerics (`data-block-key="mupu3"`).
_BLOCK_KEY = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class _DbHtmlFormatter(HTMLFormatter):
    """Attribute values fully escaped, always double-quoted (Wagtail's regex rewriters rely on
    that); text escaped only as HTML requires, so apostrophes and quotes stay readable and
    cleaning well-formed content leaves it byte-for-byte as it was."""

    def __init__(self) -> None:
        super().__init__(void_element_close_prefix="/")

    def substitute(self, ns: str) -> str:
        return html.escape(ns, quote=False)

    def attribute_value(self, value: str) -> str:
        return escape(value)


_FORMATTER = _DbHtmlFormatter()


class _Whitelister(DbHtmlInputWhitelister):
    def clean(self, source: str) -> str:
        self.removals = []
        doc = BeautifulSoup(source, "html.parser")
        self._rename_db_attributes(doc)
        self.clean_node(doc, doc)
        return doc.decode(formatter=_FORMATTER)

    def clean_tag_node(self, doc, tag) -> None:
        if tag.name in DROPPED_WITH_CONTENT:
            tag.decompose()
            return
        block_key = tag.attrs.get("data-block-key")
        super().clean_tag_node(doc, tag)
        # The editor's block keys anchor inline comments; the whitelister would drop them.
        if isinstance(block_key, str) and _BLOCK_KEY.match(block_key) and tag.parent is not None:
            tag["data-block-key"] = block_key


@lru_cache(maxsize=32)
def _whitelister(features: tuple[str, ...] | None) -> _Whitelister:
    # Building the rules reads the feature registry; a field's feature list never changes.
    converter = DbHTMLConverter(list(features) if features is not None else None)
    return _Whitelister(converter.converter_rules)


def clean_db_html(source: str, features: Sequence[str] | None = None) -> str:
    """`source` with only what `features` (the field's editor features) can produce."""
    if not source:
        return source
    return _whitelister(tuple(features) if features is not None else None).clean(source)


def clean_block_value(block: Block, value: Any) -> Any:
    """`value` with every rich text inside it cleaned; containers are updated in place."""
    if value is None:
        return value
    if isinstance(block, RichTextBlock):
        cleaned = clean_db_html(value.source, block.features)
        return value if cleaned == value.source else RichText(cleaned)
    # Containers are checked by value too: some (ImageBlock) are struct blocks with model values.
    if isinstance(block, BaseStreamBlock) and isinstance(value, StreamValue):
        for child in value:
            child.value = clean_block_value(child.block, child.value)
    elif isinstance(block, BaseStructBlock) and isinstance(value, MutableMapping):
        for name, child_block in block.child_blocks.items():
            if name in value:
                value[name] = clean_block_value(child_block, value[name])
    elif isinstance(block, ListBlock) and isinstance(value, ListValue):
        for child in value.bound_blocks:
            child.value = clean_block_value(block.child_block, child.value)
    return value


def clean_rich_text_fields(instance: Model) -> None:
    """Clean every RichTextField and StreamField of `instance` in place."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, clean_db_html(value, field.features))
        elif isinstance(field, StreamField):
            clean_block_value(field.stream_block, getattr(instance, field.attname))
