"""URLs in the API: frontend paths for pages, absolute URLs for media served by the CMS.

Nothing here reads the request, so a representation frozen at approval time is the same one a
request would build:
- pages: the site-relative `url_path` ("/articles/ketamine-for-ptsd/"), and the full URL on
  `settings.FRONTEND_BASE_URL`;
- images and documents: their storage URL; a relative one (local `MEDIA_URL` storage, Wagtail's
  document serve view) is made absolute on `settings.WAGTAILADMIN_BASE_URL`, the CMS origin that
  serves them. S3 storage already returns absolute URLs.
"""

from __future__ import annotations

from django.conf import settings

from wagtail.models import Page, Site


def site_path(url_path: str) -> str | None:
    """The frontend path of a page `url_path`, or None when the page is under no site."""
    for root in Site.get_site_root_paths():  # cached by Wagtail; most specific root first
        if url_path.startswith(root.root_path):
            return url_path[len(root.root_path) - 1 :]
    return None


def frontend_path(page: Page) -> str | None:
    return site_path(page.url_path)


def frontend_url(path: str | None) -> str | None:
    if path is None:
        return None
    return settings.FRONTEND_BASE_URL.rstrip("/") + path


def absolute_url(url: str) -> str:
    """Media URLs as served: absolute already, or relative to the CMS origin."""
    if url.startswith(("http://", "https://", "//")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + url.lstrip("/")
