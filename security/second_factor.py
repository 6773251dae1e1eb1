"""Who needs a second factor, and whether a user has one in this session.

Approving a medical review is a clinical signature, and publishing puts content in front of
patients: members of "Medical reviewers" and "Administrators" and superusers do either only in a
session verified with a TOTP code (`REQUIRE_2FA_FOR_APPROVAL`, on by default and in tests).

A second factor belongs to a login session, so it is enforced where a session exists: on users
that came through a request, which `django_otp.middleware.OTPMiddleware` equips with
`is_verified()`. Code without a request (`articles.review.service`, the demo loader, management
commands) is trusted like `manage.py shell`; the system check in `security.checks` makes sure the
middleware is installed, so no request path can arrive without `is_verified()`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .roles import member_of_any

SECOND_FACTOR_GROUPS = ("Medical reviewers", "Administrators")

REFUSAL = (
    "Approving is a clinical signature: verify this session with your authenticator app first "
    "(Two-factor authentication, in your account menu)."
)


def enforced() -> bool:
    return bool(getattr(settings, "REQUIRE_2FA_FOR_APPROVAL", True))


def requires_second_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for superusers and members of the Medical reviewers or Administrators groups."""
    if not enforced() or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return member_of_any(user, SECOND_FACTOR_GROUPS)


def is_request_user(user) -> bool:
    """OTPMiddleware gives every request's user `is_verified()`; users loaded in code have none."""
    return callable(getattr(user, "is_verified", None))


def second_factor_missing(user) -> bool:
    """True when `user` acts through a request, needs a second factor and has not verified."""
    if not is_request_user(user):
        return False  # a trusted code path (see the module docstring)
    return requires_second_factor(user) and not user.is_verified()
