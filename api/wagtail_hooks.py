"""Rich-text link handlers for the public APIs; `order=1` so they replace Wagtail's own
registrations (which run at order 0 for the same link types)."""

from wagtail import hooks

from .link_handlers import AbsoluteDocumentLinkHandler, LivePageLinkHandler


@hooks.register("register_rich_text_features", order=1)
def register_live_only_link_handlers(features) -> None:
    features.register_link_type(LivePageLinkHandler)
    features.register_link_type(AbsoluteDocumentLinkHandler)
