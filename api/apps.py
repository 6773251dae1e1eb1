from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Public JSON API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from articles.worker import register_job

        from . import signals, throttling  # noqa: F401 - throttling registers its system check
        from .preview import prune_preview_snapshots

        signals.connect()
        register_job("prune_preview_snapshots", prune_preview_snapshots)
