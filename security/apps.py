from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = "Sign-in protection"

    def ready(self) -> None:
        from . import checks, lockout  # noqa: F401 - registers the system check and log receivers
