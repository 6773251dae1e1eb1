"""Rich-text link handlers for the public APIs; `order=1` so they replace Wagtail's own
registrations (which run at order 0 for the same link types). And the webhook admin screens."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .link_handlers import AbsoluteDocumentLinkHandler, LivePageLinkHandler
from .webhooks.admin import WebhooksGroup, endpoint_policy, event_policy
from .webhooks.models import WebhookEndpoint, WebhookEvent


@hooks.register("register_rich_text_features", order=1)
def register_live_only_link_handlers(features) -> None:
    features.register_link_type(LivePageLinkHandler)
    features.register_link_type(AbsoluteDocumentLinkHandler)


register_permission_policy(WebhookEndpoint, endpoint_policy)
register_permission_policy(WebhookEvent, event_policy)


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return WebhooksGroup()
