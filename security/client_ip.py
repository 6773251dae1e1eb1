"""The client's address, one rule for every per-client limit (API throttles, sign-in lock-out)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The connection's address, unless `API_TRUSTED_PROXY_COUNT` proxies of ours stand in front,
    in which case the address the outermost of them saw.

    Keying on the whole X-Forwarded-For header would let any client set a new made-up value per
    request and get a new budget (or a fresh lock-out counter) each time.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "API_TRUSTED_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    # Each of our proxies appends the address it received from; entries left of those are
    # whatever the client claimed.
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))][:64]
