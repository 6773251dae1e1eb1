"""Administrators' screens: sign-in lock-outs (reset) and two-factor devices (remove a lost one),
both under Settings; and the dashboard hint for users who still need to verify."""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .lockout import reset_lockout
from .second_factor import requires_second_factor

ADMINISTRATORS = "Administrators"


def is_administrator(user) -> bool:
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists()


class AdministratorsOnlyPolicy(ModelPermissionPolicy):
    """View and delete for superusers and the Administrators group; nothing else for anyone.
    (Third-party models: no Django permissions to grant through a migration.)"""

    actions = ("view", "delete")

    def user_has_permission(self, user, action):
        return action in self.actions and is_administrator(user)

    def user_has_any_permission(self, user, actions):
        return any(action in self.actions for action in actions) and is_administrator(user)


def is_locked_out(attempt: AccessAttempt) -> bool:
    if attempt.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return False
    cool_off = get_cool_off()
    return cool_off is None or attempt.attempt_time + cool_off > timezone.now()


class LockedOutColumn(BooleanColumn):
    def get_value(self, instance):
        return is_locked_out(instance)


class ResetLockoutView(DeleteView):
    page_title = "Reset lock-out"

    def get_object_display_title(self):
        return f"{self.object.username} from {self.object.ip_address}"

    def get_success_message(self):
        return f"Sign-in failures for {self.get_object_display_title()} reset; they can sign in again."

    def delete_action(self):
        reset_lockout(self.object, by=self.request.user)


class AccessAttemptViewSet(ModelViewSet):
    """Failed sign-ins per (username, address); deleting a row lifts its lock-out."""

    model = AccessAttempt
    icon = "lock"
    menu_label = "Sign-in lock-outs"
    add_to_settings_menu = True
    delete_view_class = ResetLockoutView
    exclude_form_fields: list[str] = []  # never editable (policy); the viewset insists on a form
    list_display = [
        Column("username", label="Username"),
        Column("ip_address", label="Address"),
        Column("failures_since_start", label="Failures"),
        LockedOutColumn("locked_out", label="Locked out"),
        DateColumn("attempt_time", label="Last failure"),
    ]
    ordering = ["-attempt_time"]


class RemoveDeviceView(DeleteView):
    page_title = "Remove two-factor device"

    def get_object_display_title(self):
        return f"{self.object.name} of {self.object.user.get_username()}"


class TOTPDeviceViewSet(ModelViewSet):
    """A user who lost their phone sets up a new app after an administrator removes the old one."""

    model = TOTPDevice
    icon = "key"
    menu_label = "Two-factor devices"
    add_to_settings_menu = True
    delete_view_class = RemoveDeviceView
    exclude_form_fields: list[str] = []
    list_display = [
        Column("user", label="User"),
        Column("name", label="Device"),
        BooleanColumn("confirmed", label="Confirmed"),
        DateColumn("last_used_at", label="Last used"),
    ]


class SecondFactorPanel(Component):
    """Dashboard: tells reviewers and administrators to verify before they can approve/publish."""

    name = "second_factor"
    order = 10
    template_name = "security/second_factor_panel.html"

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        user = self.request.user
        if not requires_second_factor(user) or user.is_verified():
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        from .views import confirmed_device

        return {"has_device": confirmed_device(self.request.user) is not None, "next": self.request.path}
