"""Settings read from the environment.

DATABASE_URL picks the database (an SQLite file in the project by default); SECRET_KEY,
DEBUG and ALLOWED_HOSTS harden a production deployment. With DEBUG off the security
settings below are on, so `manage.py check --deploy` passes once a real secret is given.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG", False)
# The fallback key is for development and commands only: with DEBUG off the web
# application refuses to start on it (config/wsgi.py), and `check --deploy` rejects it.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "simple_history",
    "meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "meetings.middleware.hardening",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "meetings.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as its documentation asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Whole pages for anonymous readers are cached, keyed on the data version every write
# bumps (meetings/cache.py): in each process's memory, or in Redis when REDIS_URL is set
# (shared by every process, as in production).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "meetings",
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# Versions make stale entries unreachable; the timeout only frees their memory.
MEETINGS_PAGE_CACHE_SECONDS = int(os.environ.get("MEETINGS_PAGE_CACHE_SECONDS", "600"))
# The API docs carry their own Content-Security-Policy, which a cached copy would lose.
MEETINGS_UNCACHED_PREFIXES = ("/admin/", "/ingest/", "/static/", "/api/v1/docs/")

# Brute force on the admin login: after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is locked out for AXES_COOLOFF_HOURS (a success
# before that resets the count). Locking the pair, not the address alone, keeps one
# attacker behind a shared proxy from locking everybody out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# The pages load nothing from elsewhere and run no inline script or style: say so, so
# that a browser refuses anything injected. Admin and site pages share the policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page uses, switched off for the site and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "meetings.context_processors.review_counts",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Prepared statements on the server: ingestion repeats the same few queries per
    # article, and parsing them once makes it about 15% faster.
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = True
    # The record is read from memory (or SSD), where a random page costs about what a
    # sequential one does; with the default cost for spinning disks (4) PostgreSQL
    # scanned all the officials to name the two hundred heads of a page rather than
    # look them up.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c random_page_cost=1.1")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent ingests and page views on SQLite: wait for the write lock, don't fail.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# htmx, fetched by `npm install --omit=dev` (package.json); the pages work without it.
HTMX_DIST = BASE_DIR / "node_modules" / "htmx.org" / "dist"
if HTMX_DIST.is_dir():
    STATICFILES_DIRS.append(("htmx", HTMX_DIST))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads from the web are ingested by a task queued in the database and run by
# `manage.py db_worker` (`make run` starts one), never inside the request, which a
# server's timeout would cut. TASKS_BACKEND=immediate runs the task inside the request
# instead, for a one-off local use without a worker.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("TASKS_BACKEND") == "immediate"
        else "django_tasks_db.DatabaseBackend",
    }
}

# Articles larger than this are rejected by ingestion.
MEETINGS_MAX_ARTICLE_BYTES = int(os.environ.get("MEETINGS_MAX_ARTICLE_BYTES", 10 * 1024 * 1024))
# A request body larger than this is refused from its Content-Length, before any of it
# is read (Django's own limits leave uploaded files out); files a request may carry.
MEETINGS_MAX_REQUEST_BYTES = int(os.environ.get("MEETINGS_MAX_REQUEST_BYTES", 100 * 1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FILES = 100
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

# The open data (API, calendar, feeds, CSV) is read-only and public: any site may read it
# from a browser, and no one is throttled.
CORS_URLS_REGEX = r"^/(api/v1/|calendar\.ics|feeds/|[a-z]+\.csv)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["meetings.api.renderers.FastJSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Diplomatic Meeting Tracker API",
    "DESCRIPTION": (
        "Read-only open data: meeting series, their sessions with delegations, venues, "
        "dates and the source sentence of every fact; countries, officials and articles. "
        "Lists take the same filters as the pages and page with opaque cursors."
    ),
    "VERSION": "v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Django's own "django" logger has a console handler too and passes its records on
    # to the root: without this each line was printed twice. "django.server" (the
    # development server's request lines) keeps Django's own handler.
    "loggers": {
        "django": {
            "handlers": [],
            "level": "INFO" if DEBUG else os.environ.get("LOG_LEVEL", "WARNING"),
            "propagate": True,
        }
    },
}

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
