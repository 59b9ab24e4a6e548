"""Pagination that costs the same on the last page as on the first.

A list page sorts and counts every matching row but renders only its own: keys first,
then the page's rows with their annotations. Counts and ranked keys are remembered per
process while the data is unchanged.
"""

import threading
import time
from collections import OrderedDict

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from django.utils.functional import cached_property

from meetings.models import DataVersion, Series, Session
from meetings.querysets import OneOf


class DeferredJoinPaginator(Paginator):
    """Pages by primary key first, then loads only that page's rows.

    Sorting needs just the sort key of every matching row; the annotations and prefetches
    are then computed for the page's rows alone. Past the middle the keys are read in
    reverse order, so the last page costs what the first does.

    With a `cache` (a ListCache), the count is remembered between requests, and with
    `rank=True` the ordered keys of the whole list too: sorts on computed values (latest
    session, number of sessions) cost a pass over every series, once per data change.
    """

    def __init__(self, object_list, per_page, *, cache=None, rank=False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cache = cache
        self.keys = object_list.values_list("pk", flat=True)
        self.ranked_keys = cache.keys(self.keys) if cache and rank else None

    @cached_property
    def count(self):
        if self.ranked_keys is not None:
            return len(self.ranked_keys)
        if self.cache:
            return self.cache.count(self.keys)
        return super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if self.ranked_keys is not None:
            keys = self.ranked_keys[bottom:top]
        elif bottom > self.count // 2:
            keys = list(self.keys.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            keys = list(self.keys[bottom:top])
        return self._get_page(rows_by_key(self.object_list, keys), number, self)


def rows_by_key(queryset, keys) -> list:
    """The rows of `queryset` with these keys, in this order, in the queryset's shape
    (columns, related rows, annotations) but without its conditions: the keys already
    passed them, and testing them again for the page's rows meant running a search or an
    EXISTS filter over the whole table a second time, which cost as much as finding the
    keys. A key whose row is gone meanwhile is left out."""
    if not keys:
        return []
    shaped = queryset.order_by()
    if shaped.query.group_by is None:
        # Aggregates would change with the conditions; the list pages have none.
        shaped.query.clear_where()
    found = list(shaped.filter(OneOf(F("pk"), list(keys))))
    # A `.values()` queryset's rows are dictionaries, which then hold "pk".
    rows = {(row["pk"] if isinstance(row, dict) else row.pk): row for row in found}
    return [rows[key] for key in keys if key in rows]


class ListCache:
    """Counts and ordered keys of filtered lists, kept in this process while the data is
    unchanged.

    The version is one cheap query (newest session change, newest series, both indexed,
    and the number every committed write bumps); entries also expire after TTL seconds,
    which bounds staleness from changes the version cannot see (bulk updates that send
    no signal).
    """

    TTL = 120
    SIZE = 128

    def __init__(self):
        self._entries = OrderedDict()
        self._lock = threading.Lock()
        self._request = threading.local()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def keys(self, queryset) -> list:
        return self._remember("keys", queryset, lambda: list(queryset.all()))

    def count(self, queryset) -> int:
        return self._remember("count", queryset, lambda: queryset.all().count())

    def remember(self, kind, queryset, compute):
        """`compute()`, a value derived from `queryset`'s rows, remembered as the counts
        are (`kind` names the derivation and whatever else it depends on)."""
        return self._remember(kind, queryset, compute)

    def remember_by_key(self, kind, key, compute, *, using=DEFAULT_DB_ALIAS):
        """As `remember`, for a value that `key` (hashable) determines with the data: for
        a query that costs more to build than to look up (a search)."""
        return self._remember_entry((kind, using, key), using, compute)

    def _remember(self, kind, queryset, compute):
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return compute()
        cache_key = (kind, queryset.db, sql, tuple(map(str, params)))
        return self._remember_entry(cache_key, queryset.db, compute)

    def _remember_entry(self, cache_key, alias, compute):
        version = self.version(alias)
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(cache_key)
            if entry and entry[0] == version and now - entry[1] < self.TTL:
                self._entries.move_to_end(cache_key)
                return entry[2]
        value = compute()
        with self._lock:
            self._entries[cache_key] = (version, now, value)
            while len(self._entries) > self.SIZE:
                self._entries.popitem(last=False)
        return value

    def version(self, alias):
        """The data's version, read once per request: a page that remembers a search,
        a count and its keys asks once. Outside a request, at every call."""
        seen = getattr(self._request, "versions", None)
        if seen is None:
            return self.read_version(alias)
        if alias not in seen:
            seen[alias] = self.read_version(alias)
        return seen[alias]

    def begin_request(self, **kwargs):
        self._request.versions = {}

    def end_request(self, **kwargs):
        self._request.versions = None

    @staticmethod
    def read_version(alias):
        with connections[alias].cursor() as cursor:
            # With the number every committed write bumps and when (DataVersion, which
            # the page cache keys on, see cache.data_version): it also sees the changes
            # the dates cannot (a new country, an edited party). Plain SQL, read on every
            # request: building the ORM query cost more than answering it.
            version = DataVersion._meta.db_table
            cursor.execute(
                f"SELECT (SELECT MAX(updated_at) FROM {Session._meta.db_table}), "
                f"(SELECT MAX(created_at) FROM {Series._meta.db_table}), "
                f"(SELECT number FROM {version} WHERE id = 1), "
                f"(SELECT changed_at FROM {version} WHERE id = 1)"
            )
            return tuple(cursor.fetchone())


LIST_CACHE = ListCache()
request_started.connect(LIST_CACHE.begin_request, dispatch_uid="list-cache-begin")
request_finished.connect(LIST_CACHE.end_request, dispatch_uid="list-cache-end")
