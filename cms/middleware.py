"""Content-Security-Policy on every response, by what the response is.

- JSON API responses: nothing may load or frame them (`default-src 'none'`).
- The admin and the API's documentation pages: scripts, styles, images and frames from this
  origin only. Wagtail 8's admin still writes inline `<script>` blocks (inline panels, date
  pickers), so scripts need 'unsafe-inline'; what the policy still buys is no foreign script or
  style origin, no plugins, no <base> hijack, forms posting only here, and no framing by others.
- Framing follows X-Frame-Options: the admin's own preview iframe (SAMEORIGIN) may be framed by
  the admin, nothing else may be framed at all (Chromium applies `frame-ancestors` over XFO).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


def media_origins() -> str:
    """Where images may come from besides this origin (S3 or a CDN in production)."""
    domain = getattr(settings, "AWS_S3_CUSTOM_DOMAIN", "") or ""
    endpoint = getattr(settings, "AWS_S3_ENDPOINT_URL", "") or ""
    origins = [f"https://{domain}" if domain else "", endpoint]
    return " ".join(origin for origin in origins if origin)


def page_policy(frame_ancestors: str) -> str:
    media = media_origins()
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {media}".strip(),
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {frame_ancestors}",
        ]
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A policy set by a view is kept. One set by this middleware is recomputed: Wagtail renders
        # previews through the whole middleware chain (`make_preview_request`) before the preview
        # view marks the response SAMEORIGIN, so the inner pass would forbid the admin's own frame.
        if "Content-Security-Policy" in response and not getattr(response, "_csp_by_middleware", False):
            return response
        response._csp_by_middleware = True
        if response.get("Content-Type", "").startswith("application/json"):
            response["Content-Security-Policy"] = API_POLICY
        else:
            same_origin = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
            response["Content-Security-Policy"] = page_policy("'self'" if same_origin else "'none'")
        return response
