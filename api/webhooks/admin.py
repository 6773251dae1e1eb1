"""Admin screens for webhooks (registered from `api/wagtail_hooks.py`): endpoints, which only
administrators may manage because a URL and secret decide where content changes are sent, and
the read-only delivery log."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import WebhookEndpoint, WebhookEvent

ADMINISTRATORS = "Administrators"


def is_administrator(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Superusers and members of the Administrators group (cached on the user object)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_webhook_administrator"):
        user._is_webhook_administrator = user.groups.filter(name=ADMINISTRATORS).exists()
    return user._is_webhook_administrator


class AdministratorsOnlyPolicy(ModelPermissionPolicy):
    """Every listed action for administrators, nothing for anyone else (model permissions play
    no part, so granting `change_webhookendpoint` to a group does not open it up)."""

    def __init__(self, model, actions: tuple[str, ...] = ("add", "change", "delete", "view")):
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action: str) -> bool:
        return action in self.actions and is_administrator(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link"
    menu_label = "Endpoints"
    list_display = ["name", "url", "active", "created_at"]
    list_filter = ["active"]
    form_fields = [
        "name",
        "url",
        "secret",
        "send_published",
        "send_unpublished",
        "send_deleted",
        "send_updated",
        "active",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # Django 6's default; a scheme-less URL means https
        return super().formfield_for_dbfield(db_field, **kwargs)


class WebhookEventViewSet(ModelViewSet):
    """The delivery log: each event with its status and every attempt. Read-only."""

    model = WebhookEvent
    icon = "list-ul"
    menu_label = "Delivery log"
    inspect_view_enabled = True
    list_display = ["__str__", "status", "attempts", "created_at", "next_attempt_at", "delivered_at"]
    list_filter = ["status", "event", "endpoint"]
    inspect_view_fields = [
        "endpoint",
        "event",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "delivered_at",
        "payload",
        "deliveries",
    ]
    form_fields = []

    def get_queryset(self, request):
        return WebhookEvent.objects.select_related("endpoint")


class WebhooksGroup(ViewSetGroup):
    menu_label = "Webhooks"
    menu_icon = "link"
    menu_order = 330
    items = (WebhookEndpointViewSet("webhook_endpoints"), WebhookEventViewSet("webhook_events"))


endpoint_policy = AdministratorsOnlyPolicy(WebhookEndpoint)
event_policy = AdministratorsOnlyPolicy(WebhookEvent, actions=("view",))
