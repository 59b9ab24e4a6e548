"""Pages for many readers at once: whole pages cached for anonymous readers, keyed on
the request and on the data version, which every committed write bumps, so that a page
is never stale after an ingest or an edit; ETag and Last-Modified for conditional GET.

The version lives in the database (``DataVersion``), not in the cache, so that an
ingest run by another process (the command, the task worker) is seen at once by every
web process, whatever the cache backend (local memory by default, Redis with
REDIS_URL). Writes bump it on commit: a page rendered before the commit is cached
under the old version, never under the new one.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date, quote_etag

EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
# Request headers that change what a page renders (htmx asks for the results only).
VARYING_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_BOOSTED")
# Response headers kept with a cached page; the middlewares above add the others.
KEPT_HEADERS = ("Content-Type", "Vary", "Content-Language")


def data_version() -> tuple[int, datetime.datetime]:
    """The current version number and when it last changed."""
    from meetings.models import DataVersion

    row = DataVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    return row or (0, EPOCH)


def bump_data_version(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump the version when the current transaction commits (at once outside one),
    once per transaction however many rows it wrote. A rolled-back transaction drops
    the bump with its other callbacks."""
    pending = connections[using].run_on_commit
    if any(getattr(item[1], "bumps_version", False) for item in pending):
        return

    def bump():
        write_new_version(using=using)

    bump.bumps_version = True
    transaction.on_commit(bump, using=using)


def write_new_version(*, using: str = DEFAULT_DB_ALIAS) -> None:
    from meetings.models import DataVersion

    now = timezone.now()
    rows = DataVersion.objects.using(using).filter(pk=1)
    if not rows.update(number=F("number") + 1, changed_at=now):
        try:
            with transaction.atomic(using=using):
                DataVersion.objects.using(using).create(pk=1, number=1, changed_at=now)
        except IntegrityError:  # created by another process meanwhile
            rows.update(number=F("number") + 1, changed_at=now)


def on_write(sender, *, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Signal receiver: any saved, deleted or re-linked row of the record."""
    from meetings.models import DataVersion, IngestRun

    if sender in (DataVersion, IngestRun):
        return  # neither is shown on a cached page
    bump_data_version(using=using)


class PageCacheMiddleware:
    """Serves anonymous GET and HEAD requests for the public pages from the cache.

    Placed before the session middleware: a request without a session cookie is
    anonymous, and a hit skips the rest of the stack. Only complete 200 answers that
    set no cookie are stored. Every answer it handles carries an ETag and a
    Last-Modified, and ConditionalGetMiddleware turns a match into 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        number, changed_at = data_version()
        key = self.key(request, number)
        stored = cache.get(key)
        if stored is not None:
            return self.rebuild(stored)
        response = self.get_response(request)
        if self.cacheable_response(response):
            stored = {
                "status": response.status_code,
                "content": response.content,
                "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)},
                "etag": quote_etag(f"{number}-{hashlib.md5(response.content).hexdigest()}"),
                "last_modified": http_date(changed_at.timestamp()),
            }
            cache.set(key, stored, settings.MEETINGS_PAGE_CACHE_SECONDS)
            response["ETag"] = stored["etag"]
            response["Last-Modified"] = stored["last_modified"]
        return response

    @staticmethod
    def cacheable_request(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(settings.MEETINGS_UNCACHED_PREFIXES)
        )

    @staticmethod
    def cacheable_response(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def key(request, number: int) -> str:
        varying = "|".join(request.META.get(h, "") for h in VARYING_HEADERS)
        path = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        return f"page:{number}:{request.method}:{path}:{varying}"

    @staticmethod
    def rebuild(stored: dict) -> HttpResponse:
        response = HttpResponse(stored["content"], status=stored["status"])
        for header, value in stored["headers"].items():
            response[header] = value
        response["ETag"] = stored["etag"]
        response["Last-Modified"] = stored["last_modified"]
        return response
