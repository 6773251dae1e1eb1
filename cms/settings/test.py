"""Test settings: the same stack as development, with fast hashing and throwaway media."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "test-only-insecure-key")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="medcms-test-media-"))
STORAGES["staticfiles"] = {  # noqa: F405 - tests need no collected manifest
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILADMIN_BASE_URL = "http://testserver"
FRONTEND_BASE_URL = "https://frontend.test"
# Wagtail's task and publish logs are noise in test output.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405

# load_demo_content creates accounts with published passwords: local environments only.
DEMO_CONTENT_ALLOWED = True

# Many tests change rows through the ORM, which bypasses the publish signals that invalidate the
# response cache; tests/test_api_response_cache.py switches it on and exercises it on both backends.
API_RESPONSE_CACHE = env_bool("API_RESPONSE_CACHE", False)
