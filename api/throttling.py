"""Anonymous throttles whose rates come from settings (env): `API_THROTTLE_ANON`,
`API_THROTTLE_SEARCH`, `API_THROTTLE_PREVIEW`. An empty value or "off" disables the throttle.
Read per request, so `override_settings` works in tests."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.checks import Error, register
from rest_framework.throttling import SimpleRateThrottle

from security.client_ip import client_ip

RATE = re.compile(r"^\d+/(s|sec|second|m|min|minute|h|hour|d|day)$")
DISABLED = {"", "off"}


def configured_rate(setting_name: str) -> str | None:
    rate = str(getattr(settings, setting_name, "") or "").strip().lower()
    return None if rate in DISABLED else rate


class SettingsRateThrottle(SimpleRateThrottle):
    setting_name = ""

    def get_rate(self) -> str | None:
        return configured_rate(self.setting_name)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request) -> str:
        """The client's address (`security.client_ip`: the connection's, unless
        `API_TRUSTED_PROXY_COUNT` proxies of ours stand in front). The sign-in lock-out uses the
        same rule.

        DRF's default (NUM_PROXIES unset) keys on the whole X-Forwarded-For header, which any
        client can set: a new made-up value per request would mean a new budget per request.
        """
        return client_ip(request)


class AnonRateThrottle(SettingsRateThrottle):
    scope = "api_v1_anon"
    setting_name = "API_THROTTLE_ANON"


class SearchRateThrottle(SettingsRateThrottle):
    scope = "api_v1_search"
    setting_name = "API_THROTTLE_SEARCH"


class PreviewRateThrottle(SettingsRateThrottle):
    """Stricter than the anonymous rate: every preview request checks a signature and reads an
    uncached draft, and nobody needs more than a few a minute."""

    scope = "api_v1_preview"
    setting_name = "API_THROTTLE_PREVIEW"


@register()
def check_throttle_rates(app_configs, **kwargs) -> list[Error]:
    """A malformed rate would otherwise surface as a 500 on the first request."""
    errors = []
    for name in ("API_THROTTLE_ANON", "API_THROTTLE_SEARCH", "API_THROTTLE_PREVIEW"):
        rate = configured_rate(name)
        if rate is not None and not RATE.match(rate):
            errors.append(
                Error(f"{name} must look like '300/minute' (or be empty/'off'), not {rate!r}.", id="api.E001")
            )
    return errors
