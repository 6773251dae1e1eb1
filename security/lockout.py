"""Sign-in lock-out (django-axes): the page a locked-out client sees, the log lines, the reset."""

from __future__ import annotations

import logging
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out

from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

logger = logging.getLogger("security")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: a page in the admin's style on the login URL, status 429, instead
    of axes' bare text. It names no account state beyond "locked": the client already knows the
    username it tried."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    response = TemplateResponse(
        request,
        "security/locked_out.html",
        {"cool_off_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()


@receiver(user_locked_out)
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    logger.warning(
        "Sign-in locked out: username=%r ip=%s path=%s", username, ip_address, getattr(request, "path", "")
    )


def reset_lockout(attempt: AccessAttempt, by) -> int:
    """Clear the failures counted for `attempt`'s username and address (the lock-out key), as
    administrator `by`. Returns the number of attempt records removed."""
    if attempt.username and attempt.ip_address:
        # Through axes' handler rather than a bare delete, so its own log line is written too.
        count = AxesProxyHandler.reset_attempts(ip_address=attempt.ip_address, username=attempt.username)
    else:
        # Without both parts axes would widen the filter (to everything, with neither).
        count, _ = AccessAttempt.objects.filter(pk=attempt.pk).delete()
    logger.warning(
        "Sign-in lock-out reset by %s: username=%r ip=%s (%d record(s))",
        by.get_username(),
        attempt.username,
        attempt.ip_address,
        count,
    )
    return count
