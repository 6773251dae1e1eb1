from django.apps import AppConfig


class BenchSiteConfig(AppConfig):
    name = "bench.stock.benchsite"
    label = "benchsite"
    default_auto_field = "django.db.models.BigAutoField"
