"""The admin's two-factor pages: set up an authenticator app (TOTP), verify a session with it.

Setting up shows the secret as text and as an otpauth:// URI (no QR-code dependency). A device
counts once confirmed with a first code. Replacing or removing a confirmed device is an
administrator's job (Settings › Two-factor devices): letting a password alone swap the device
would let whoever holds the password sign clinically.
"""

from __future__ import annotations

import logging
from base64 import b32encode

from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import TokenForm
from .second_factor import requires_second_factor

logger = logging.getLogger("security")

DEVICE_NAME = "Authenticator app"


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being set up; reused, so reloading the page keeps the secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


class SecondFactorFormView(WagtailAdminTemplateMixin, FormView):
    form_class = TokenForm
    template_name = "security/two_factor.html"
    header_icon = "key"

    def next_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            next=self.next_url(),
            needs_second_factor=requires_second_factor(user),
            verified=user.is_verified(),
            **kwargs,
        )

    def accept(self, device: TOTPDevice, message: str) -> HttpResponse:
        otp_login(self.request, device)
        logger.info("Second factor verified: user=%s device=%s", self.request.user.get_username(), device.pk)
        messages.success(self.request, message)
        return HttpResponseRedirect(self.next_url())

    def check_token(self, form: TokenForm, device: TOTPDevice) -> bool:
        """Verify the code; on failure put the reason on the form. django-otp backs off after
        each wrong code (1, 2, 4 … seconds) and each code is accepted once."""
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["token"]):
            return True
        logger.warning("Second factor code refused: user=%s", self.request.user.get_username())
        if allowed:
            form.add_error("token", "That code is not valid. Enter the current code from your app.")
        else:
            form.add_error("token", "Too many wrong codes. Wait a moment, then enter the current code.")
        return False


class TwoFactorSetupView(SecondFactorFormView):
    """Status page; while no device is confirmed, the setup (secret + first code)."""

    page_title = "Two-factor authentication"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        self.device = confirmed_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(mode="status" if self.device else "setup", **kwargs)
        if not self.device:
            pending = pending_device(self.request.user)
            context["secret"] = b32encode(pending.bin_key).decode()
            context["config_url"] = pending.config_url
        context["verify_url"] = reverse("security_two_factor_verify")
        return context

    def post(self, request: HttpRequest, *args, **kwargs):
        if self.device:
            return redirect("security_two_factor")  # set up already: nothing to post here
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: TokenForm) -> HttpResponse:
        device = pending_device(self.request.user)
        if not self.check_token(form, device):
            return self.form_invalid(form)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        logger.info("Second factor set up: user=%s device=%s", self.request.user.get_username(), device.pk)
        return self.accept(device, "Your authenticator app is set up and this session is verified.")


class TwoFactorVerifyView(SecondFactorFormView):
    """Mark this session verified with a current code (`django_otp.login`)."""

    page_title = "Verify with your authenticator app"

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        self.device = confirmed_device(request.user)
        if self.device is None:
            messages.warning(request, "Set up an authenticator app first.")
            return redirect(f"{reverse('security_two_factor')}?{urlencode({'next': self.next_url()})}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(mode="verify", **kwargs)

    def form_valid(self, form: TokenForm) -> HttpResponse:
        if not self.check_token(form, self.device):
            return self.form_invalid(form)
        return self.accept(self.device, "This session is verified with your second factor.")
