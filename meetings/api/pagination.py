"""Keyset pagination over whatever order the FilterSet chose.

The cursor holds the sort values of the last (or first) row of a page; the next page is
the rows strictly after them in that order, so page 500 costs what page 1 does and rows
added meanwhile never shift a page. Nullable sort keys (dates of undated sessions) are
ordered NULLS LAST, and the conditions below say so explicitly.
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import F, OrderBy, Q
from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from meetings.pagination import LIST_CACHE, rows_by_key

# A page of 200 sessions with their sources and evidence (480 KB of JSON) took 45-65 ms
# of server time on the project's machine, over the 50 ms every answer is held to; 100
# takes 20-35 ms. Whole lists come quicker from the exports (sessions.csv, series.csv).
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class SortKey:
    name: str
    descending: bool
    nulls_last: bool

    @property
    def label(self) -> str:
        return ("-" if self.descending else "") + self.name

    def reversed(self) -> "SortKey":
        return SortKey(self.name, not self.descending, not self.nulls_last)


def sort_keys(queryset) -> list[SortKey]:
    """The ordering of `queryset` as keys, ending with the primary key (added when
    missing, so that every row has a distinct position)."""
    keys = []
    for item in queryset.query.order_by:
        if isinstance(item, str):
            keys.append(SortKey(item.lstrip("-"), item.startswith("-"), False))
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            keys.append(SortKey(item.expression.name, item.descending, bool(item.nulls_last)))
        else:
            raise TypeError(f"cannot page by {item!r}")
    if not keys or keys[-1].name not in ("pk", "id"):
        keys.append(SortKey("pk", False, False))
    return keys


def after(keys: list[SortKey], values: list) -> Q:
    """Rows strictly after the row whose sort values are `values`."""
    key, value = keys[0], values[0]
    rest = after(keys[1:], values[1:]) if keys[1:] else Q(pk__in=[])
    is_null = Q(**{f"{key.name}__isnull": True})
    if value is None:
        # Nulls last: only nulls follow a null; nulls first: every value does.
        return is_null & rest if key.nulls_last else ~is_null | (is_null & rest)
    condition = Q(**{f"{key.name}__{'lt' if key.descending else 'gt'}": value})
    if key.nulls_last:
        condition |= is_null
    return condition | (Q(**{key.name: value}) & rest)


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def encode_cursor(direction: str, keys: list[SortKey], row) -> str:
    """The opaque cursor of the page after ("next") or before ("previous") `row`."""
    if isinstance(row, dict):  # a `.values()` row, with "pk"
        values = [_plain(row[k.name]) for k in keys]
    else:
        values = [_plain(row.pk if k.name == "pk" else getattr(row, k.name)) for k in keys]
    token = json.dumps(
        {"d": direction, "k": [k.label for k in keys], "v": values}, separators=(",", ":")
    )
    return base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")


class KeysetPagination(BasePagination):
    """`?cursor=` pages of `?page_size=` rows (default `page_size`, at most 100), with
    links to the next and previous pages and the count of all matching rows (cached
    while the data is unchanged). A cursor or page size that does not validate is
    reported in `ignored` and the first page is shown, as the pages do."""

    page_size = 50
    # Rank the whole list once per data version (see ListCache.keys) instead of sorting
    # by a computed value (latest session, number of sessions) on every request; the
    # cursor's row is then found in the ranked keys.
    rank = False
    # Columns to read the page's rows as `.values()` dictionaries instead of model
    # instances (which cost more to build than the JSON made of them); "pk" and the
    # sort keys among them. None: model instances.
    columns = None
    parameters = frozenset({"cursor", "page_size", "format"})

    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.notes = request, []
        self.size = self._page_size(request.query_params.get("page_size"))
        self.keys = sort_keys(queryset)
        pks = queryset.values_list("pk", flat=True)
        self.ranked = LIST_CACHE.keys(pks) if self.rank else None
        self.count = len(self.ranked) if self.rank else LIST_CACHE.count(pks)
        cursor = self._decode(request.query_params.get("cursor"))
        try:
            rows, self.has_next, self.has_previous = self._rows(queryset, cursor)
        except (ValidationError, ValueError, TypeError):
            self.notes.append("Cursor: not a cursor of this list; showing the first page.")
            rows, self.has_next, self.has_previous = self._rows(queryset, None)
        # The first and last rows for the links, not the page: the paginator lives
        # in a cycle with the request, and the page's rows would live as long.
        self.first, self.last = (rows[0], rows[-1]) if rows else (None, None)
        return rows

    def _rows(self, queryset, cursor):
        if self.ranked is not None:
            found = self._ranked_rows(queryset, cursor)
            if found is not None:
                return found
        if cursor is None:
            keys = list(queryset.values_list("pk", flat=True)[: self.size + 1])
            return self._load(queryset, keys[: self.size]), len(keys) > self.size, False
        direction, values = cursor
        if direction == "next":
            condition = after(self.keys, values)
            keys = list(queryset.filter(condition).values_list("pk", flat=True)[: self.size + 1])
            return self._load(queryset, keys[: self.size]), len(keys) > self.size, True
        condition = after([k.reversed() for k in self.keys], values)
        keys = list(
            queryset.reverse().filter(condition).values_list("pk", flat=True)[: self.size + 1]
        )
        return self._load(queryset, keys[: self.size][::-1]), True, len(keys) > self.size

    def _ranked_rows(self, queryset, cursor):
        """The page from the ranked keys; None when the cursor's row is no longer in
        the list (the keyset query then finds its place)."""
        ranked, size = self.ranked, self.size
        if cursor is None:
            return self._load(queryset, ranked[:size]), len(ranked) > size, False
        direction, values = cursor
        try:
            position = ranked.index(values[-1])
        except ValueError:
            return None
        if direction == "next":
            keys = ranked[position + 1 : position + 1 + size]
            return self._load(queryset, keys), position + 1 + size < len(ranked), True
        start = max(position - size, 0)
        return self._load(queryset, ranked[start:position]), True, start > 0

    def _load(self, queryset, keys):
        # Only the page's rows get their joins and annotations.
        if self.columns:
            queryset = queryset.values(*self.columns)
        return rows_by_key(queryset, keys)

    def _page_size(self, raw):
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= MAX_PAGE_SIZE:
            self.notes.append(
                f"Page size “{raw[:20]}”: a whole number from 1 to {MAX_PAGE_SIZE} is "
                f"expected; showing {self.page_size}."
            )
            return self.page_size
        return size

    def _decode(self, raw):
        if not raw:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode() + b"=" * (-len(raw) % 4)))
            direction, names, values = data["d"], data["k"], data["v"]
        except (ValueError, KeyError, TypeError, binascii.Error):
            direction, names, values = None, None, None
        if direction not in ("next", "previous") or names != [k.label for k in self.keys]:
            self.notes.append("Cursor: not a cursor of this list; showing the first page.")
            return None
        if not isinstance(values, list) or len(values) != len(self.keys):
            self.notes.append("Cursor: not a cursor of this list; showing the first page.")
            return None
        return direction, values

    def _link(self, direction, row):
        cursor = encode_cursor(direction, self.keys, row)
        params = [
            (key, value)
            for key, values in self.request.query_params.lists()
            if key != "cursor"
            for value in values
        ]
        query = urlencode([*params, ("cursor", cursor)])
        return self.request.build_absolute_uri(f"{self.request.path}?{query}")

    def get_paginated_response(self, data):
        view = self.request.parser_context.get("view")
        ignored = [*getattr(view, "ignored", []), *self.notes]
        return Response(
            {
                "count": self.count,
                "next": self._link("next", self.last) if self.has_next else None,
                "previous": self._link("previous", self.first) if self.has_previous else None,
                "ignored": ignored,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "next", "previous", "ignored", "results"],
            "properties": {
                "count": {"type": "integer", "description": "All rows matching the filter."},
                "next": {**link, "description": "The next page, null on the last."},
                "previous": {**link, "description": "The previous page, null on the first."},
                "ignored": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Each filter value, parameter or cursor that was left "
                    "out, and why; the rest of the filter still applied.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "Opaque position from a `next` or `previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Rows a page, 1 to {MAX_PAGE_SIZE} (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
