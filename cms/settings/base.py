"""Settings shared by every environment. Everything deployment-specific comes from the environment."""

from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "articles",
    "api",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
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
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside XFrameOptionsMiddleware, so it sees the final X-Frame-Options (cms/middleware.py).
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware so CORS headers are added to every /api/ response, redirects included.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: an embedded SQLite file unless DATABASE_URL names another server.
if not env_str("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the server is unreachable: the API answers 503 instead of hanging workers.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (failing open, so a Redis outage degrades to the database),
# process-local memory otherwise.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis with a circuit breaker (cms/cache.py): a hanging Redis costs one timeout.
            "BACKEND": "cms.cache.FailFastRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "medcms"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    CACHE_BREAKER_SECONDS = env_int("CACHE_BREAKER_SECONDS", 5)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "medcms",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

# Media on S3-compatible storage when a bucket is configured; local files otherwise.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Large page forms (StreamField) exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "cms@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Medical Education CMS")
# No Gravatar: it would send hashes of staff e-mail addresses to a third party (and the admin's
# Content-Security-Policy allows images from this origin only).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public site is a separate frontend; page URLs point there (DESIGN.md §1).
FRONTEND_BASE_URL = env_str("FRONTEND_BASE_URL", "http://localhost:3000").rstrip("/")

WAGTAILIMAGES_IMAGE_MODEL = "articles.MedicalImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "epub", "mp3", "m4a", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Upload safety (articles/uploads/) ---------------------------------------------------------
# Both admin upload paths (single add/edit and the multiple uploader) build their forms on these:
# safe file names, document content matching its extension, a frame limit for animations.
WAGTAILIMAGES_IMAGE_FORM_BASE = "articles.uploads.forms.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "articles.uploads.forms.SafeDocumentForm"
MEDICAL_IMAGE_MAX_FRAMES = env_int("MEDICAL_IMAGE_MAX_FRAMES", 300)
# Every document downloads as an attachment (Wagtail's default shows PDFs inline, where a PDF's
# scripts and forms run in the browser's viewer on our origin); the serve view adds
# `X-Content-Type-Options: nosniff` and `Content-Security-Policy: default-src 'none'` itself.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
SECURE_CONTENT_TYPE_NOSNIFF = True  # Django's default, stated: every response, not only production
# --- end upload safety -------------------------------------------------------------------------

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Review-related Wagtail behaviour (DESIGN.md §3-4).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = False
WAGTAIL_MODERATION_ENABLED = True

WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# --- Public API (api/, docs/api.md) ------------------------------------------------------------
# Wagtail API v2 renders rich text as display HTML; the live-only link handler registered in
# api/wagtail_hooks.py turns links to unpublished pages into plain text (DESIGN.md §7).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# Anonymous throttles on the v1 base view only, DRF rate syntax ("300/minute"); "" or "off" disables.
API_THROTTLE_ANON = env_str("API_THROTTLE_ANON", "300/minute")
API_THROTTLE_SEARCH = env_str("API_THROTTLE_SEARCH", "60/minute")
# Reverse proxies of ours in front of the app that append to X-Forwarded-For (0: use the
# connection's address; clients can write anything into that header).
API_TRUSTED_PROXY_COUNT = env_int("API_TRUSTED_PROXY_COUNT", 0)
# /api/v1/preview/ on top of the anonymous rate; counted per client IP, so a frontend that fetches
# previews server-side shares it among all its editors.
API_THROTTLE_PREVIEW = env_str("API_THROTTLE_PREVIEW", "60/minute")
# Seconds a draft preview token (api/preview.py) stays valid, checked on every use.
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 15 * 60)
# The frontend route that opens a preview: {FRONTEND_BASE_URL}{this}?token=...&path=/articles/x/
FRONTEND_PREVIEW_PATH = env_str("FRONTEND_PREVIEW_PATH", "/preview")
# Cache-Control max-age of v1 GET responses (ETag/Last-Modified revalidate after that).
API_CACHE_MAX_AGE = env_int("API_CACHE_MAX_AGE", 60)
# Server-side cache of rendered v1 responses (api/cache.py). On by default only with Redis: the
# local-memory cache is per process, so a publish in the worker would not reach the web server.
API_RESPONSE_CACHE = env_bool("API_RESPONSE_CACHE", bool(REDIS_URL))
API_RESPONSE_CACHE_SECONDS = env_int("API_RESPONSE_CACHE_SECONDS", 300)
# The API's hot queries as server-side prepared statements on PostgreSQL (api/prepared.py):
# switch off behind a connection pooler that does not keep them (PgBouncer < 1.21 in
# transaction mode).
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
# List counts, kept per content generation (api/counts.py); 0 counts on every request.
API_COUNT_CACHE_SECONDS = env_int("API_COUNT_CACHE_SECONDS", 60)
# Deep offsets cost a scan of every skipped row; clients page by `updated_since`/`since` instead.
API_MAX_OFFSET = env_int("API_MAX_OFFSET", 10_000)
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag",)
# Schema generation only (drf-spectacular's documented install step); v1's runtime policies live
# on its base view, not in REST_FRAMEWORK.
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "api.schema.V1AutoSchema"
SPECTACULAR_SETTINGS = {
    "TITLE": "Medical Education API",
    "DESCRIPTION": "Read-only JSON API v1 for medically reviewed patient education (docs/api.md).",
    "VERSION": "1.0.0",
    # 3.1 uses plain JSON Schema nullability, which schemathesis and jsonschema validate as is.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["api.schema.only_v1_endpoints"],
    "COMPONENT_SPLIT_REQUEST": True,
    # Enums stay inline: each block variant pins `type` to its own one-value enum.
    "POSTPROCESSING_HOOKS": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Its deploy check builds the schema, which queries the database; the schema is validated
    # by tests/test_api_schema.py instead, so `check --deploy` needs no migrated database.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

# --- Publish webhooks (api/webhooks/) -----------------------------------------------------------
# Endpoints are configured in the admin; the worker POSTs due events (DESIGN.md §6).
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
# Failed attempts (retried after 1, 2, 4 … minutes, at most an hour apart) before giving up.
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)

# --- Medical review --------------------------------------------------------------------------
# Publish the approved revision (not the latest) when the review workflow finishes (DESIGN.md §3).
WAGTAIL_FINISH_WORKFLOW_ACTION = "articles.review.finish.finish_workflow"
# Builds the frozen public representation stored with each approval.
# The public API's own representation: live content is served from these frozen copies.
MEDICAL_REVIEW_SNAPSHOT_BUILDER = "api.representation.represent_page"
MEDICAL_REVIEW_LISTING_BUILDER = "api.representation.represent_listing"
# Days between reviews per page type, e.g. {"articles.casestorypage": 180}; default 365.
MEDICAL_REVIEW_INTERVAL_DAYS: dict[str, int] = {}

# --- Login protection (security/, README "Sign-in protection") -------------------------------
# Brute force: django-axes locks one username from one client address after AXES_FAILURE_LIMIT
# failed sign-ins for AXES_COOLOFF_MINUTES (other accounts and addresses are unaffected).
# Second factor: django-otp TOTP; medical reviewers, administrators and superusers approve a
# medical review (a clinical signature) or publish only in a session verified with a code.
INSTALLED_APPS += [
    "security",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]
# OTPMiddleware needs request.user; axes' middleware turns a lock-out into the lock-out page and
# must come last.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out (username, address) before the password is checked. It needs
    # the request, so the test client's login() fails: tests use force_login (DESIGN.md §8).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# Axes reads a float as hours.
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The same client address as the API throttles: REMOTE_ADDR unless API_TRUSTED_PROXY_COUNT says
# proxies of ours stand in front (X-Forwarded-For is otherwise the client's to invent).
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False  # no django.contrib.admin; lock-outs are managed in the Wagtail admin
AXES_VERBOSE = False  # no start-up banner on every manage.py command; lock-outs are still logged
# Attempts are logged with the username and address (axes masks them by default).
AXES_SENSITIVE_PARAMETERS: list[str] = []
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Off only for local experiments; tests and production keep it on.
REQUIRE_2FA_FOR_APPROVAL = env_bool("REQUIRE_2FA_FOR_APPROVAL", True)
# Lock-outs, resets and second-factor events: the `security` logger, at INFO whatever the root
# level, propagating to the console handler (axes' own `axes.*` lines follow the root level).
LOGGING.setdefault("loggers", {})["security"] = {"level": "INFO"}
# --- end login protection ----------------------------------------------------------------------
