import gc
import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - configured by the line above

# Served with DEBUG off, the public development key would let anyone forge sessions.
if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set: the application will not run with DEBUG off on the "
        "public development key. Set SECRET_KEY to a long random value."
    )

# What the start-up loaded (modules, URL patterns, templates) lives as long as the
# process. Frozen, it is no longer walked by every full collection of the cycle
# collector (on the API's largest pages a walk of some 100,000 objects, 30 ms and more),
# and the workers gunicorn forks from this process keep sharing its memory instead of
# copying the pages the collector writes to.
gc.collect()
gc.freeze()
