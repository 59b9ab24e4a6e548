"""Settings for the test suite: fast hashing, plain static storage, HTTP allowed."""

from config.settings import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests run without collectstatic; let WhiteNoise find files lazily instead of warning.
WHITENOISE_AUTOREFRESH = True
# No page cache by default: a test's writes are never committed, so the data version
# never moves. tests/views/test_caching.py turns a real cache on and commits.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
