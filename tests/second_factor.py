"""A second factor for tests: a confirmed TOTP device, its current code, a verified session.

Reviewers and administrators approve and publish only from a verified session (security/).
`verified_client` marks a logged-in test client's session verified the way `django_otp.login`
does; tests of the verification itself post a real code to the view instead.
"""

from __future__ import annotations

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client


def totp_device(user, *, confirmed: bool = True) -> TOTPDevice:
    """The user's confirmed authenticator device (created on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=confirmed)


def current_code(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """The code an authenticator app shows now (or `offset_steps` periods away)."""
    device.refresh_from_db()
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset_steps)
    return str(value).zfill(device.digits)


def verified_client(client: Client, user) -> Client:
    """Sign `client` in as `user` (force_login: django-axes, DESIGN.md §8) with a verified second
    factor, as `django_otp.login` leaves the session after a correct code."""
    if not client.session.get("_auth_user_id") == str(user.pk):
        client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
    session.save()
    return client
