"""Page → public JSON as pure functions of a page instance (DESIGN.md §4).

`represent_page(page)` is what the medical-review approval freezes into a snapshot, so it must not
read the request or the clock: URLs come from settings (see `urls.py`), and time-dependent review
data is added by `api.live` at request time.
"""

from .pages import PAGE_TYPES, represent_listing, represent_page, represent_summaries

__all__ = ["PAGE_TYPES", "represent_listing", "represent_page", "represent_summaries"]
