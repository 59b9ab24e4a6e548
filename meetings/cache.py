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
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date, quote_etag

EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
# Request headers that change what a page renders: htmx asks for the results only, and
# the API answers JSON or its browsable HTML by Accept.
VARYING_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_BOOSTED", "HTTP_ACCEPT")
# Response headers recomputed for each answer rather than stored with it.
RECOMPUTED_HEADERS = {"content-length", "etag", "last-modified", "set-cookie"}


def data_version() -> tuple[int, datetime.datetime]:
    """The current version number and when it last changed: read with the list cache's
    version (meetings/pagination.py), in the same query and once per request."""
    from meetings.pagination import LIST_CACHE

    *_, number, changed_at = LIST_CACHE.version(DEFAULT_DB_ALIAS)
    if number is None:
        return 0, EPOCH
    if isinstance(changed_at, str):  # SQLite hands back text for a raw query
        changed_at = datetime.datetime.fromisoformat(changed_at)
    if timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, datetime.UTC)
    return number, changed_at


def request_data_version(request) -> tuple[int, datetime.datetime]:
    """The data version, read once per request."""
    if not hasattr(request, "data_version"):
        request.data_version = data_version()
    return request.data_version


def cached_fragment(request, name: str, *parts, build: Callable[[], object]):
    """A piece of a page (``build()``) cached under the data version and ``parts``:
    for the pieces that cost most to draw, on pages that are not cached whole (those
    of signed-in users) as well as on the first view of a page."""
    number, _changed = request_data_version(request)
    key = f"fragment:{number}:{name}:" + ":".join(str(part) for part in parts)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.MEETINGS_PAGE_CACHE_SECONDS)
    return value


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
        number, changed_at = request_data_version(request)
        key = self.key(request, number)
        stored = cache.get(key)
        if stored is not None:
            return self.rebuild(stored)
        response = self.get_response(request)
        if self.cacheable_response(response):
            stored = {
                "status": response.status_code,
                "content": response.content,
                "headers": {
                    h: v for h, v in response.items() if h.lower() not in RECOMPUTED_HEADERS
                },
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
        # Pages say what is past and what is coming up: a new day is a new page.
        today = timezone.localdate().isoformat()
        return f"page:{number}:{today}:{request.method}:{path}:{varying}"

    @staticmethod
    def rebuild(stored: dict) -> HttpResponse:
        response = HttpResponse(stored["content"], status=stored["status"])
        for header, value in stored["headers"].items():
            response[header] = value
        response["ETag"] = stored["etag"]
        response["Last-Modified"] = stored["last_modified"]
        # Set further down the stack on a miss; a hit does not go there.
        response["Content-Length"] = str(len(stored["content"]))
        return response
