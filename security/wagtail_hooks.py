"""Admin wiring: the two-factor pages, account menu entry, Settings screens and the hints."""

from __future__ import annotations

from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.urls import path, reverse
from django.utils.http import urlencode

from wagtail import hooks
from wagtail.admin import messages
from wagtail.permissions import register_permission_policy

from articles.models.review import MedicalReviewTask

from .admin_views import AccessAttemptViewSet, AdministratorsOnlyPolicy, SecondFactorPanel, TOTPDeviceViewSet
from .second_factor import second_factor_missing
from .views import TwoFactorSetupView, TwoFactorVerifyView


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", TwoFactorSetupView.as_view(), name="security_two_factor"),
        path("two-factor/verify/", TwoFactorVerifyView.as_view(), name="security_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("security_two_factor"),
        "label": "Two-factor authentication",
        "help_text": "Set up an authenticator app, or verify this session to approve and publish.",
    }


register_permission_policy(AccessAttempt, AdministratorsOnlyPolicy(AccessAttempt))
register_permission_policy(TOTPDevice, AdministratorsOnlyPolicy(TOTPDevice))


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return AccessAttemptViewSet("signin_lockouts")


@hooks.register("register_admin_viewset")
def register_totp_device_viewset():
    return TOTPDeviceViewSet("two_factor_devices")


@hooks.register("construct_homepage_panels")
def add_second_factor_panel(request, panels):
    panels.insert(0, SecondFactorPanel(request))


@hooks.register("before_edit_page")
def hint_second_factor_on_review(request, page):
    """A page waiting for this user's clinical sign-off: say why there is no approve button."""
    if request.method != "GET" or not second_factor_missing(request.user):
        return None
    task = page.current_workflow_task
    task = task.specific if task is not None else None
    if (
        not isinstance(task, MedicalReviewTask)
        or not task.groups.filter(id__in=request.user.groups.values("id")).exists()
    ):
        return None
    messages.warning(
        request,
        "Approving is a clinical signature: verify this session with your authenticator app "
        "to see the approve action.",
        buttons=[
            messages.button(
                f"{reverse('security_two_factor_verify')}?{urlencode({'next': request.get_full_path()})}",
                "Verify",
            )
        ],
    )
    return None
