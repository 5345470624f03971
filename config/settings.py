"""Settings for ocop, driven by the environment (12-factor).

Environment variables:
- ``DATABASE_URL``: database (default: a SQLite file ``var/ocop.sqlite3`` in WAL mode).
- ``OCOP_SECRET_KEY``: required when ``OCOP_DEBUG`` is off.
- ``OCOP_DEBUG``: ``1`` for development (default ``1`` unless ``OCOP_ENV=production``).
- ``OCOP_ALLOWED_HOSTS``: comma separated.
- ``OCOP_MEDIA_ROOT``: where uploaded files go (default ``var/media``).

Beyond one machine (README, "Deployment"), each a setting, none a fork:
- ``DATABASE_REPLICA_URL``: a read replica for the catalogue, API and reports (ocop.ops.replica).
- ``OCOP_S3_BUCKET`` (+ ``OCOP_S3_ENDPOINT_URL``, ``OCOP_S3_REGION``, ``OCOP_S3_ACCESS_KEY``,
  ``OCOP_S3_SECRET_KEY``): uploaded media on S3-compatible object storage (django-storages).
- ``OCOP_REDIS_URL``: sessions and the API's rate limits in Redis instead of the database.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("OCOP_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "staticfiles").mkdir(exist_ok=True)

PRODUCTION = os.environ.get("OCOP_ENV") == "production"
DEBUG = os.environ.get("OCOP_DEBUG", "0" if PRODUCTION else "1") == "1"
SECRET_KEY = os.environ.get("OCOP_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("OCOP_SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-insecure-key-not-for-production"  # noqa: S105 - development default

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("OCOP_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("OCOP_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "auditlog",
    "axes",
    "django_tasks_db",
    "ocop.core",
    "ocop.accounts",
    "ocop.geo",
    "ocop.producers",
    "ocop.products",
    "ocop.criteria",
    "ocop.evaluation",
    "ocop.certification",
    "ocop.programme",
    "ocop.catalogue",
    "ocop.reports",
    "ocop.imports",
    "ocop.api",
    "ocop.demo",
    "ocop.ops",
]

MIDDLEWARE = [
    # Request id (X-Request-ID), latency by view (Prometheus), one JSON access-log line.
    "ocop.ops.middleware.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Public pages and the open-data API: Cache-Control, ETag/Last-Modified and 304, CORS for GET.
    "ocop.catalogue.middleware.PublicHttpMiddleware",
    "ocop.core.middleware.AuditActorMiddleware",
    # Catalogue, API and report reads from the replica when DATABASE_REPLICA_URL is set.
    "ocop.ops.replica.ReplicaReadsMiddleware",
    # django-axes must come last: it throttles repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "ocop.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_default_sqlite = f"sqlite:///{VAR_DIR / 'ocop.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_sqlite),
        # Seconds a server process keeps its database connection between requests (0: one per
        # request). Opening a SQLite connection runs the PRAGMAs below on every request.
        conn_max_age=int(os.environ.get("OCOP_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# A read replica (streaming replication of the primary): the public catalogue, the open-data API
# and the reports read from it (ocop.ops.replica); every write and every other read stays on the
# primary. Nothing is migrated on the replica.
DATABASE_ROUTERS = ["ocop.ops.replica.ReplicaRouter"]
OCOP_REPLICA_NAMESPACES = ["catalogue", "api", "reports"]
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=0)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions expire: 8 working hours of idleness, and at browser close.
SESSION_COOKIE_AGE = int(os.environ.get("OCOP_SESSION_SECONDS", 8 * 3600))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    # Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("OCOP_SSL_REDIRECT", "1") == "1"
    # Probes and the metrics scraper talk to gunicorn directly, without TLS.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("OCOP_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Submitting a government domain to browsers' HSTS preload lists is the operator's decision,
    # not the application's: preload stays off and its deployment warning is silenced.
    SECURE_HSTS_PRELOAD = False
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Throttle repeated failed logins (django-axes): 5 failures lock the username+IP for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("OCOP_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Each app keeps its own catalogue in ocop/<app>/locale/vi (scripts/messages.sh).
# dd/mm/yyyy and 1.234,5 everywhere (config/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("OCOP_MEDIA_ROOT", VAR_DIR / "media"))

# The public address of the site, printed in certificates' QR codes (verification page).
OCOP_PUBLIC_BASE_URL = os.environ.get("OCOP_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded media on S3-compatible object storage (django-storages) instead of MEDIA_ROOT: files are
# private (signed, short-lived URLs); product photos are public pages' images and are served
# through signed URLs too, so the bucket needs no public policy.
OCOP_S3_BUCKET = os.environ.get("OCOP_S3_BUCKET", "")
if OCOP_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": OCOP_S3_BUCKET,
            "endpoint_url": os.environ.get("OCOP_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("OCOP_S3_REGION") or None,
            "access_key": os.environ.get("OCOP_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("OCOP_S3_SECRET_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 3600,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Content security policy (Django 6 built-in): everything is served from our own origin.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Public catalogue and open-data API (issue 13) --------------------------------------------
# Requests per client address, counted in the database (ocop.api.throttle; docs/adr/0004).
OCOP_API_RATE = os.environ.get("OCOP_API_RATE", "300/min")
OCOP_API_PAGE_SIZE = 50
# Reverse proxies in front of the servers (0: the client is REMOTE_ADDR; 1 behind one proxy,
# which then sets X-Forwarded-For): the rate limit counts per client address.
NINJA_NUM_PROXIES = int(os.environ.get("OCOP_NUM_PROXIES", "1" if PRODUCTION else "0"))
OCOP_PUBLIC_MAX_AGE = int(os.environ.get("OCOP_PUBLIC_MAX_AGE", 300))  # seconds
# Public search answers cached per server process under the data version every write bumps
# (ocop.catalogue.freshness): a write makes the next answer fresh; the timeout only bounds memory
# and covers writes made outside ocop (psql, sqlite3).
OCOP_PUBLIC_CACHE_SECONDS = int(os.environ.get("OCOP_PUBLIC_CACHE_SECONDS", 600))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "public": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ocop-public",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# Staff areas that robots.txt keeps crawlers out of.
OCOP_STAFF_PREFIXES = [
    "/lam-viec/", "/tai-khoan/", "/dia-ban/", "/chu-the/", "/san-pham/", "/bo-tieu-chi/",
    "/bao-cao/", "/quan-tri/", "/lich-su/", "/giay-chung-nhan/", "/ho-so/", "/danh-gia/",
]  # fmt: skip

# --- Sessions and rate limits: in the database (default) or Redis (OCOP_REDIS_URL) ----------
OCOP_REDIS_URL = os.environ.get("OCOP_REDIS_URL", "")
if OCOP_REDIS_URL:
    CACHES["default"] = {  # the "public" answers stay per process (they are cheap to redo)
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": OCOP_REDIS_URL,
        "KEY_PREFIX": "ocop",
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    OCOP_RATE_LIMIT_STORE = "cache"
else:
    # Sessions in the database (Django's default); rate-limit counters in ocop.api's table.
    OCOP_RATE_LIMIT_STORE = "database"

# --- Operations (ocop.ops): /healthz, /readyz, /metrics -------------------------------------
# The worker (`ocop worker`) writes a heartbeat this often; /readyz fails when the newest is
# older than OCOP_WORKER_SILENT_SECONDS.
OCOP_WORKER_HEARTBEAT_SECONDS = int(os.environ.get("OCOP_WORKER_HEARTBEAT_SECONDS", 30))
OCOP_WORKER_SILENT_SECONDS = int(os.environ.get("OCOP_WORKER_SILENT_SECONDS", 120))
# /metrics answers a bearer token, or clients whose address is in these networks.
OCOP_METRICS_TOKEN = os.environ.get("OCOP_METRICS_TOKEN", "")
OCOP_METRICS_ALLOW = [
    n.strip()
    for n in os.environ.get("OCOP_METRICS_ALLOW", "127.0.0.1/32,::1/128").split(",")
    if n.strip()
]

# --- Background tasks (django.tasks + django-tasks-db worker: `ocop db_worker`) ---------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("OCOP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Spreadsheet imports (ocop.imports) ------------------------------------------------------
OCOP_IMPORT_MAX_BYTES = int(os.environ.get("OCOP_IMPORT_MAX_MB", 20)) * 1024 * 1024
OCOP_IMPORT_MAX_ROWS = int(os.environ.get("OCOP_IMPORT_MAX_ROWS", 100_000))
# Files with more data rows than this are previewed and committed by the background worker.
OCOP_IMPORT_BACKGROUND_ROWS = int(os.environ.get("OCOP_IMPORT_BACKGROUND_ROWS", 2000))

# --- E-mail (reminders): console by default; any Django mail backend through the environment --
# SMTP in production (Django's deployment check refuses a console backend there).
_MAIL_BACKEND = os.environ.get(
    "OCOP_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
_MAIL_OPTIONS: dict[str, object] = {}
if _MAIL_BACKEND.endswith("smtp.EmailBackend"):
    _MAIL_OPTIONS = {
        "host": os.environ.get("OCOP_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("OCOP_EMAIL_PORT", "25")),
        "username": os.environ.get("OCOP_EMAIL_USER", ""),
        "password": os.environ.get("OCOP_EMAIL_PASSWORD", ""),
        "use_tls": os.environ.get("OCOP_EMAIL_TLS", "0") == "1",
    }
MAILERS = {"default": {"BACKEND": _MAIL_BACKEND, "OPTIONS": _MAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = os.environ.get("OCOP_EMAIL_FROM", "ocop@localhost")

# --- Audit (django-auditlog) ----------------------------------------------------------------
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_DISABLE_REMOTE_ADDR = False
# When true, a save of an audited model with no actor in context raises (on in tests).
OCOP_AUDIT_REQUIRE_ACTOR = os.environ.get("OCOP_AUDIT_REQUIRE_ACTOR", "0") == "1"
OCOP_SYSTEM_USERNAME = "system"
# A resubmission after a return for supplementation resumes the remaining working days of the
# commune's clock (inferred from QĐ 26/2026 Điều 7.2); "1" restarts the full term instead.
OCOP_CLOCK_RESTART_ON_RESUBMISSION = (
    os.environ.get("OCOP_CLOCK_RESTART_ON_RESUBMISSION", "0") == "1"
)

# Logs on stderr (journald keeps them): one JSON object a line in production (python-json-logger),
# each with the request id (X-Request-ID) of the request it belongs to; one access line per
# request at INFO (logger "ocop.request").
OCOP_LOG_FORMAT = os.environ.get("OCOP_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ocop.ops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": OCOP_LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("OCOP_LOG_LEVEL", "WARNING")},
    "loggers": {
        "ocop.request": {
            "level": os.environ.get("OCOP_ACCESS_LOG_LEVEL", "INFO" if PRODUCTION else "WARNING")
        },
    },
}
