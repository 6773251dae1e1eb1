"""Settings of the stock-Wagtail baseline: a `wagtail start` project trimmed to what the API needs.

Production-like (DEBUG off, persistent connections as in cms/settings/base.py). Everything
deployment-specific comes from the environment, which bench/run.py sets.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = os.environ["SECRET_KEY"]  # bench/run.py passes a random one
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "bench.stock.benchsite",
    "wagtail.api.v2",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "bench.stock.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "bench.stock.wsgi.application"

if os.environ.get("BENCH_STOCK_DATABASE_URL"):
    # PostgreSQL (bench/run.py's copies, bench/pgcopy.py); persistent connections with health
    # checks, as cms/settings/base.py configures ours.
    import dj_database_url

    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["BENCH_STOCK_DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("BENCH_STOCK_DB", str(BASE_DIR / "stock.sqlite3")),
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("BENCH_STOCK_MEDIA", str(BASE_DIR / "media"))

WAGTAIL_SITE_NAME = "Stock baseline"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
WAGTAILAPI_BASE_URL = "http://127.0.0.1"
# Default search backend, as `wagtail start` leaves it: Wagtail's database backend, which picks
# FTS5 on SQLite and its PostgreSQL full-text backend (tsvector) on PostgreSQL.

# The precomputed responses served by bench/stock/urls.py's `raw` view (bench/run.py writes them).
BENCH_RAW_DIR = os.environ.get("BENCH_RAW_DIR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
