"""Enforcement of the second factor relies on OTPMiddleware (see `security.second_factor`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
OTP = "django_otp.middleware.OTPMiddleware"


@register()
def check_otp_middleware(app_configs, **kwargs) -> list[Error]:
    """Without OTPMiddleware request users would carry no `is_verified()` and be treated like
    trusted code: refuse to start instead."""
    if not getattr(settings, "REQUIRE_2FA_FOR_APPROVAL", True):
        return []
    middleware = list(settings.MIDDLEWARE)
    if AUTH in middleware and OTP in middleware and middleware.index(OTP) > middleware.index(AUTH):
        return []
    return [
        Error(
            f"REQUIRE_2FA_FOR_APPROVAL needs {OTP} in MIDDLEWARE, after {AUTH}.",
            id="security.E001",
        )
    ]
