"""Thin views: each returns its page-shaped queryset; filtering lives in filters.py, the
time computations in timeline.py, the text highlighting in the template tags."""

import csv
import threading
import time
from collections import Counter, OrderedDict
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import EmptyResultSet, TooManyFieldsSent
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Q
from django.http import QueryDict, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.views.generic import DetailView, View
from django_filters.views import FilterMixin, FilterView

from meetings import timeline
from meetings.filters import SeriesFilter, SessionFilter
from meetings.models import Article, Country, Evidence, Official, Session, WorkingGroup

# Parameters read from an over-long query string before the rest is dropped.
MAX_PARAMETERS = 50


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
        rows = {row.pk: row for row in self.object_list.filter(pk__in=keys)} if keys else {}
        return self._get_page([rows[key] for key in keys if key in rows], number, self)


class ListCache:
    """Counts and ordered keys of filtered lists, kept in this process while the data is
    unchanged.

    The version is one cheap query (newest session change, newest series, both indexed);
    entries also expire after TTL seconds, which bounds staleness from changes the version
    cannot see (deletions, party edits, bulk updates).
    """

    TTL = 120
    SIZE = 128

    def __init__(self):
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def keys(self, queryset) -> list:
        return self._remember("keys", queryset, lambda: list(queryset.all()))

    def count(self, queryset) -> int:
        return self._remember("count", queryset, lambda: queryset.all().count())

    def _remember(self, kind, queryset, compute):
        try:
            sql, params = queryset.query.sql_with_params()
        except EmptyResultSet:
            return compute()
        version = self.version(queryset.db)
        cache_key = (kind, queryset.db, sql, tuple(map(str, params)))
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

    @staticmethod
    def version(alias):
        with connections[alias].cursor() as cursor:
            cursor.execute(
                f"SELECT (SELECT MAX(updated_at) FROM {Session._meta.db_table}), "
                f"(SELECT MAX(created_at) FROM {WorkingGroup._meta.db_table})"
            )
            return tuple(cursor.fetchone())


LIST_CACHE = ListCache()


class ForgivingQueryMixin:
    """A query string with more fields than Django accepts is cut, not refused: the page
    reads the first MAX_PARAMETERS and says so."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.notes = []
        try:
            request.GET  # noqa: B018 - parsing is what may fail
        except TooManyFieldsSent:
            pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
            kept = QueryDict(mutable=True)
            for key, value in pairs[:MAX_PARAMETERS]:
                kept.appendlist(key, value)
            request.GET = kept
            self.notes.append(
                f"The address had {len(pairs)} parameters; only the first {MAX_PARAMETERS} "
                f"were read (limit {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS})."
            )


class ListPageMixin(ForgivingQueryMixin):
    """A filtered, paginated list that never fails on its input: invalid filter values
    are ignored and named, a page out of range shows the nearest page. Under htmx only the
    results fragment is rendered."""

    strict = False
    results_template_name = None

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get("page", "1")
        try:
            wanted = int(raw)
        except ValueError:
            wanted = None
        number = min(max(wanted or 1, 1), paginator.num_pages)
        if wanted != number:
            self.notes.append(
                f"Page “{raw[:20]}” does not exist; showing page {number} of {paginator.num_pages}."
            )
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ignored"] = self.filterset.ignored + self.notes
        return context

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return [self.results_template_name]
        return super().get_template_names()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


class SeriesListView(ListPageMixin, FilterView):
    filterset_class = SeriesFilter
    template_name = "meetings/series_list.html"
    results_template_name = "meetings/includes/series_results.html"
    paginate_by = 25
    paginator_class = DeferredJoinPaginator

    def get_queryset(self):
        return WorkingGroup.objects.for_list()

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, cache=LIST_CACHE, rank=True, **kwargs)


class SeriesDetailView(DetailView):
    model = WorkingGroup
    template_name = "meetings/series_detail.html"

    def get_queryset(self):
        return WorkingGroup.objects.for_detail()

    def get_context_data(self, **kwargs):
        series, sessions = self.object, self.object.session_rows
        return super().get_context_data(
            timeline_svg=timeline.draw_timeline(sessions=sessions, series_name=series.name),
            summary=timeline.summarize(sessions, today=timezone.localdate()),
            missing_numbers=timeline.missing_numbers(s.number for s in sessions),
            sources=[article for s in sessions for article in s.articles.all()],
            **kwargs,
        )


class SessionListView(ListPageMixin, FilterView):
    filterset_class = SessionFilter
    template_name = "meetings/session_list.html"
    results_template_name = "meetings/includes/session_results.html"
    paginate_by = 50
    paginator_class = DeferredJoinPaginator

    def get_queryset(self):
        return Session.objects.for_list()

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, cache=LIST_CACHE, **kwargs)


class SessionCsvView(ForgivingQueryMixin, FilterMixin, View):
    """The sessions of the current filter as CSV, streamed row by row."""

    filterset_class = SessionFilter
    strict = False

    def get_queryset(self):
        return Session.objects.for_list()

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        writer = csv.writer(_Echo())
        rows = session_csv_rows(filterset.qs.iterator(chunk_size=1000), request=request)
        response = StreamingHttpResponse(
            (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="sessions.csv"'
        return response


class SessionDetailView(DetailView):
    model = Session
    template_name = "meetings/session_detail.html"

    def get_queryset(self):
        return Session.objects.for_detail()

    def get_context_data(self, **kwargs):
        evidence = Evidence.objects.filter(
            Q(session=self.object) | Q(delegation__session=self.object)
        ).select_related("article", "delegation__head", "delegation__organization")
        return super().get_context_data(evidence=list(evidence), **kwargs)


class CountryDetailView(DetailView):
    model = Country
    template_name = "meetings/country_detail.html"

    def get_context_data(self, **kwargs):
        code = self.object.alpha3
        mechanisms = list(WorkingGroup.objects.for_country(code))
        counterparts = Counter(
            party for group in mechanisms for party in group.parties.all() if party.pk != code
        )
        return super().get_context_data(
            mechanisms=mechanisms,
            counterparts=counterparts.most_common(),
            recent=Session.objects.recent_for_country(code),
            planned=Session.objects.planned_for_country(code),
            **kwargs,
        )


class OfficialDetailView(DetailView):
    model = Official
    template_name = "meetings/official_detail.html"

    def get_queryset(self):
        return Official.objects.for_detail()

    def get_context_data(self, **kwargs):
        positions = timeline.title_periods(
            (d.session.start_date, d.head_title) for d in self.object.led
        )
        return super().get_context_data(positions=positions, **kwargs)


class ArticleDetailView(DetailView):
    model = Article
    template_name = "meetings/article_detail.html"

    def get_queryset(self):
        return Article.objects.for_detail()


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer."""

    def write(self, value):
        return value


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = [
    "series",
    "session",
    "status",
    "start",
    "end",
    "city",
    "venue_country",
    "virtual",
    "delegation_heads",
    "url",
]


def escape_formula(value) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def session_csv_rows(sessions, *, request):
    """The header, then one escaped row per session."""
    yield CSV_HEADER
    for s in sessions:
        heads = "; ".join(
            f"{d.party_code}: {d.head.name if d.head else 'unknown'}"
            + (f" ({d.head_title})" if d.head_title else "")
            for d in s.delegation_list
        )
        row = [
            s.working_group.name,
            s.number or "",
            s.status,
            s.start_display or "",
            s.end_date.isoformat() if s.end_date else "",
            s.city,
            s.country_id or "",
            "yes" if s.virtual else "no",
            heads,
            request.build_absolute_uri(s.get_absolute_url()),
        ]
        yield [escape_formula(cell) for cell in row]
