from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Public JSON API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles.worker import register_job

        from . import signals, throttling  # noqa: F401 - throttling registers its system check
        from .preview import prune_preview_snapshots
        from .webhooks import delivery, events

        signals.connect()
        register_job("prune_preview_snapshots", prune_preview_snapshots)
        # After signals.connect(): the webhook handlers read its record of pages being deleted.
        events.connect()
        register_job("deliver_webhooks", delivery.deliver_webhooks)
