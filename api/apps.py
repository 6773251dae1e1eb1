from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Public JSON API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals, throttling  # noqa: F401 - throttling registers its system check

        signals.connect()
