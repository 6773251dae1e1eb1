"""Rich text cleaned whenever a reviewed page is validated (DESIGN.md §7, "sanitise imported HTML").

`full_clean()` runs on `Page.save()` and `save_revision()` (both default to `clean=True`) and in
the admin form, so every way content reaches a revision passes through `clean()`: admin edits,
code, imports and the demo loader alike.
"""

from __future__ import annotations


class SanitizedRichTextMixin:
    def clean(self) -> None:
        # Imported here: the cleaner loads Wagtail's admin converters, which need the app registry.
        from ..rich_text import clean_rich_text_fields

        # Before the other checks, so they (and the revision built next) see the cleaned text.
        clean_rich_text_fields(self)
        super().clean()
