"""Thin views: each returns its page-shaped queryset; filtering lives in filters.py, the
time computations in timeline.py, the text highlighting in the template tags."""

import itertools
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import TooManyFieldsSent
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import (
    Http404,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import DetailView, TemplateView, View
from django_filters.views import FilterMixin, FilterView

from meetings import facts, history, timeline
from meetings.cache import cached_fragment
from meetings.export import stream_csv, web_series_csv_rows, web_session_csv_rows
from meetings.filters import ReviewFilter, SeriesFilter, SessionFilter, UpcomingFilter
from meetings.ical import stream_calendar
from meetings.ingestion.review import ReviewError, decide, queue_stale_plans
from meetings.models import (
    Article,
    Country,
    Delegation,
    Evidence,
    Merge,
    Official,
    Organization,
    ReviewItem,
    Series,
    Session,
)
from meetings.pagination import LIST_CACHE, DeferredJoinPaginator, rows_by_key
from meetings.querysets import (
    OneOf,
    attach_delegation_briefs,
    attach_party_briefs,
    attach_review_context,
    attach_session_briefs,
    summarize_country,
    summarize_pair,
)
from meetings.templatetags.list_rows import leader_items

# Parameters read from an over-long query string before the rest is dropped.
MAX_PARAMETERS = 50
# Sources shown in full on a page of a session (each with its whole text).
SOURCES_PER_PAGE = 10


def read_query(request) -> list[str]:
    """A query string with more fields than Django accepts is cut, not refused: the
    request keeps the first MAX_PARAMETERS, and the returned note says so."""
    try:
        request.GET  # noqa: B018 - parsing is what may fail
    except TooManyFieldsSent:
        pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        kept = QueryDict(mutable=True)
        for key, value in pairs[:MAX_PARAMETERS]:
            kept.appendlist(key, value)
        request.GET = kept
        return [
            f"The address had {len(pairs)} parameters; only the first {MAX_PARAMETERS} "
            f"were read (limit {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS})."
        ]
    return []


class ForgivingQueryMixin:
    """Reads an over-long query string as `read_query` does; `notes` says so."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.notes = read_query(request)


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
        return Series.objects.for_list()

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, cache=LIST_CACHE, rank=True, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        # Only the page's series need their parties and sessions.
        attach_party_briefs(rows)
        attach_session_briefs(rows)
        return paginator, page, rows, is_paginated


class MergedAwayMixin:
    """The page of a row merged into another answers 301 with the kept row's page."""

    merge_kind = None

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            key = {"removed_slug": kwargs["slug"]} if "slug" in kwargs else {}
            kept = Merge.objects.kept_for(
                self.merge_kind, removed_id=kwargs.get("pk"), model=self.model, **key
            )
            if kept is None:
                raise
            suffix = "history/" if request.path.endswith("/history/") else ""
            return HttpResponsePermanentRedirect(kept.get_absolute_url() + suffix)


class SeriesDetailView(MergedAwayMixin, DetailView):
    merge_kind = Merge.Kind.SERIES
    model = Series
    template_name = "meetings/series_detail.html"

    def get_queryset(self):
        return Series.objects.for_detail()

    def get_context_data(self, **kwargs):
        series, sessions = self.object, self.object.session_rows
        svg = cached_fragment(
            self.request,
            "timeline",
            series.pk,
            build=lambda: timeline.draw_timeline(sessions=sessions, series_name=series.name),
        )
        return super().get_context_data(
            timeline_svg=svg,
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
        return Session.objects.for_list_page()

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, cache=LIST_CACHE, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        # Only the page's sessions need their delegations.
        attach_delegation_briefs(rows)
        return paginator, page, rows, is_paginated

    def get_context_data(self, **kwargs):
        this_year = timezone.localdate().year
        # One click to a single recent year; the year fields reach any other.
        recent_years = range(this_year + 1, this_year - 10, -1)
        return super().get_context_data(recent_years=recent_years, **kwargs)


def pair_url(first: str, second: str) -> str:
    return reverse("meetings:country_pair", args=[first, second])


def load_series_rows(keys) -> list:
    """The series with these keys, in this order, with their parties and sessions: the
    columns a series row shows (see templatetags.list_rows)."""
    found = Series.objects.only("id", "name", "slug", "kind", "topic").in_bulk(list(keys))
    rows = [found[key] for key in keys if key in found]
    attach_party_briefs(rows)
    attach_session_briefs(rows)
    return rows


def load_session_rows(queryset) -> list:
    """The sessions of a list page's shape, with their delegations."""
    rows = list(queryset)
    attach_delegation_briefs(rows)
    return rows


class UpcomingView(ForgivingQueryMixin, FilterMixin, TemplateView):
    """Coming up and overdue: planned sessions by date, series overdue against their own
    cadence, and planned sessions whose date has passed without a report."""

    template_name = "meetings/upcoming.html"
    filterset_class = UpcomingFilter
    strict = False
    # Rows of each session table: enough to answer "what is next, what is late" at a
    # glance; each table links the sessions list for the rest. A hundred of each, with
    # their delegations, were most of the page's server time.
    shown = 50
    overdue_per_page = 25

    def get_queryset(self):
        return Session.objects.for_list_page()

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        self.filterset = filterset = self.get_filterset(self.get_filterset_class())
        # What the tables show follows from the filters asked, the day and the data: they
        # are read once while the data is unchanged (ListCache), since building their
        # half-dozen queries cost more server time than the rest of the page.
        asked = (today, filter_values(filterset))
        tables = LIST_CACHE.remember_by_key(
            "upcoming tables", asked, lambda: self.session_tables(filterset.qs, today=today)
        )
        overdue = LIST_CACHE.remember_by_key(
            "overdue keys",
            asked,
            lambda: self.overdue_keys(today=today, filtered=filterset.is_filtered),
        )
        page = Paginator(overdue, self.overdue_per_page).get_page(self.request.GET.get("page"))
        overdue_rows = LIST_CACHE.remember_by_key(
            "overdue rows", (asked, page.number), lambda: load_series_rows(page.object_list)
        )
        return super().get_context_data(
            filter=filterset,
            ignored=filterset.ignored + self.notes,
            overdue=overdue_rows,
            overdue_page=page,
            shown=self.shown,
            **tables,
            **kwargs,
        )

    def session_tables(self, sessions, *, today) -> dict:
        """The planned sessions and those past their date, the first `shown` of each
        with their delegations, and how many there are of each."""
        upcoming = sessions.upcoming(today=today)
        past_due = sessions.past_due(today=today).newest_first()
        return {
            "upcoming": load_session_rows(upcoming[: self.shown]),
            "upcoming_count": upcoming.count(),
            "past_due": load_session_rows(past_due[: self.shown]),
            "past_due_count": past_due.count(),
        }

    def overdue_keys(self, *, today, filtered) -> list[int]:
        dated = Session.objects.dated_rows()
        ranked = LIST_CACHE.remember(
            f"overdue {today}",
            dated,
            lambda: [o.series_id for o in timeline.overdue_series(dated, today=today)],
        )
        if not filtered:
            return ranked
        wanted = set(self.filterset.qs.order_by().values_list("series_id", flat=True))
        return [key for key in ranked if key in wanted]


def filter_values(filterset) -> tuple:
    """The values asked of `filterset`'s filters, as a hashable key: with the data they
    determine its rows, however the filters read them (invalid ones are ignored the same
    way each time)."""
    data = filterset.data
    return tuple(
        (name, tuple(data.getlist(name))) for name in sorted(filterset.filters) if name in data
    )


def csv_response(request, rows, *, filename: str) -> StreamingHttpResponse:
    """Streamed CSV; `?bom=1` starts it with a UTF-8 byte order mark, which Excel needs
    to read the names as UTF-8."""
    lines = stream_csv(rows)
    if request.GET.get("bom", "").lower() in {"1", "true", "yes"}:
        lines = itertools.chain(["\ufeff"], lines)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SessionCsvView(ForgivingQueryMixin, FilterMixin, View):
    """The sessions of the current filter as CSV, streamed row by row."""

    filterset_class = SessionFilter
    strict = False

    def get_queryset(self):
        return Session.objects.for_csv()

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        rows = web_session_csv_rows(
            filterset.qs.iterator(chunk_size=1000),
            url_for=lambda s: request.build_absolute_uri(s.get_absolute_url()),
        )
        return csv_response(request, rows, filename="sessions.csv")


class SeriesCsvView(ForgivingQueryMixin, FilterMixin, View):
    """The series of the current filter, in its order, as CSV, streamed in chunks."""

    filterset_class = SeriesFilter
    strict = False
    chunk = 500

    def get_queryset(self):
        return Series.objects.for_list()

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        series = filterset.qs.iterator(chunk_size=self.chunk)
        chunks = iter(lambda: list(itertools.islice(series, self.chunk)), [])
        rows = web_series_csv_rows(
            chunks,
            today=timezone.localdate(),
            url_for=lambda s: request.build_absolute_uri(s.get_absolute_url()),
        )
        return csv_response(request, rows, filename="series.csv")


class SessionCalendarView(ForgivingQueryMixin, FilterMixin, View):
    """The dated sessions of the current filter as an iCalendar feed (see meetings.ical),
    streamed event by event."""

    filterset_class = SessionFilter
    strict = False

    def get_queryset(self):
        return Session.objects.for_calendar()

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        described = filterset.description()
        body = stream_calendar(
            filterset.qs.iterator(chunk_size=500),
            name="Sessions" + (f": {described}" if described else ""),
            host=request.get_host(),
            page_url=request.build_absolute_uri,
        )
        response = StreamingHttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="sessions.ics"'
        return response


class SessionDetailView(MergedAwayMixin, DetailView):
    merge_kind = Merge.Kind.SESSION
    model = Session
    template_name = "meetings/session_detail.html"

    def get_queryset(self):
        return Session.objects.for_detail()

    def get_context_data(self, **kwargs):
        session = self.object
        evidence = list(
            Evidence.objects.filter(Q(session=session) | Q(delegation__session=session))
            .select_related("article__session", "delegation__head", "delegation__organization")
            .order_by("article", "start", "fact")
        )
        # The articles reporting the session, then those that only announced it.
        reporting = list(session.articles.all())
        cited = {e.article_id: e.article for e in evidence}
        announcing = [a for pk, a in cited.items() if pk not in {r.pk for r in reporting}]
        siblings = list(
            Session.objects.filter(series_id=session.series_id)
            .in_series_order()
            .only("pk", "number", "start_date", "start_precision", "status")
        )
        index = next(i for i, s in enumerate(siblings) if s.pk == session.pk)
        # A session may have hundreds of sources, each shown with its whole text: one
        # page of them at a time, with the facts they support.
        sources = reporting + announcing
        page = Paginator(sources, SOURCES_PER_PAGE).get_page(self.request.GET.get("page"))
        if page.paginator.num_pages > 1:
            shown = {article.pk for article in page}
            evidence = [e for e in evidence if e.article_id in shown]
        return super().get_context_data(
            evidence=evidence,
            fact_groups=facts.group_by_sentence(evidence, session=session),
            sources=sources,
            sources_page=page,
            announcing=announcing,
            previous=siblings[index - 1] if index > 0 else None,
            next=siblings[index + 1] if index + 1 < len(siblings) else None,
            **kwargs,
        )


# Mechanisms a country's page and a pair's page show, the most recently met first: the
# first page of the series list, which the pages link for the rest.
MECHANISMS_SHOWN = SeriesListView.paginate_by


class CountryPairView(TemplateView):
    """Two countries: the mechanisms between them, one timeline across the mechanisms,
    who led each side, and their next planned meeting."""

    template_name = "meetings/country_pair.html"
    # The latest sessions of the timeline; the page links the sessions list for all of
    # them. A hundred rows with their delegations were most of the page's server time.
    shown = 50

    def get_context_data(self, **kwargs):
        codes = [self.kwargs["first_code"].upper(), self.kwargs["second_code"].upper()]
        if codes[0] == codes[1]:
            raise Http404("Two different countries are needed.")
        first, second = (remembered_country(code) for code in codes)
        # Counted over all their mechanisms (thousands of sessions and delegations for
        # a pair with hundreds), once while the data is unchanged, as the lists' counts.
        summary = LIST_CACHE.remember_by_key(
            "pair", tuple(codes), lambda: summarize_pair(Series, first=codes[0], second=codes[1])
        )
        # Up to a few hundred heads a side, the same while the data is unchanged: their
        # items are made once, as the summary is (their links follow the script prefix).
        led = LIST_CACHE.remember_by_key(
            "pair leaders",
            (tuple(codes), get_script_prefix()),
            lambda: [leader_items(summary.leaders[code]) for code in codes],
        )
        # The tables follow from the two codes, the day and the data: read once while the
        # data is unchanged, since their queries were most of the page's server time.
        today = timezone.localdate()
        tables = LIST_CACHE.remember_by_key(
            "pair tables", (tuple(codes), today), lambda: self.tables(summary.series, today=today)
        )
        return super().get_context_data(
            first=first,
            second=second,
            mechanism_count=len(summary.series),
            mechanisms_shown=MECHANISMS_SHOWN,
            session_count=summary.session_count,
            shown=self.shown,
            leaders=[(c, summary.leaders[c.pk]) for c in (first, second)],
            leader_items=list(zip((first, second), led, strict=True)),
            **tables,
            **kwargs,
        )

    def tables(self, keys, *, today) -> dict:
        """The latest mechanisms in common, the latest `shown` sessions across them with
        their delegations, and the next planned one."""
        in_common = Session.objects.filter(OneOf(F("series_id"), keys))
        # Keys first: the date index holds each session's series (migration 0012).
        newest = list(in_common.newest_first().values_list("pk", flat=True)[: self.shown])
        return {
            "mechanisms": load_series_rows(keys[:MECHANISMS_SHOWN]),
            "sessions": load_session_rows(rows_by_key(in_common.for_list_page(), newest)),
            "next_session": in_common.upcoming(today=today)
            .select_related("series", "country")
            .first(),
        }


def remembered_country(code: str) -> Country:
    """The country of this code, read once while the data is unchanged (a new or edited
    country bumps the data version); not found if there is none."""
    country = LIST_CACHE.remember_by_key(
        "country row", code, lambda: Country.objects.filter(pk=code).first()
    )
    if country is None:
        raise Http404("No country has this code.")
    return country


class OrganizationDetailView(DetailView):
    """An organisation: the mechanisms it owns or sits in, its member states, sessions."""

    model = Organization
    template_name = "meetings/organization_detail.html"
    slug_field = "short_name"
    slug_url_kwarg = "short_name"

    def get_context_data(self, **kwargs):
        short_name = self.object.short_name
        mechanisms = list(Series.objects.for_organization(short_name))
        attach_party_briefs(mechanisms)
        attach_session_briefs(mechanisms)
        sessions = Session.objects.with_organization(short_name).select_related("series", "country")
        return super().get_context_data(
            mechanisms=mechanisms,
            members=list(self.object.members.all()),
            officials=list(self.object.officials.all()),
            recent=sessions.held().newest_first()[:10],
            planned=sessions.upcoming(today=timezone.localdate())[:10],
            **kwargs,
        )


class CountryDetailView(DetailView):
    model = Country
    template_name = "meetings/country_detail.html"

    def get_object(self, queryset=None):
        return remembered_country(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        code = self.object.alpha3
        # Counted over all its mechanisms, once while the data is unchanged.
        summary = LIST_CACHE.remember_by_key(
            "country", code, lambda: summarize_country(Series, alpha3=code)
        )
        # The tables follow from the code, the day and the data: read once while the data
        # is unchanged, since their queries were most of the page's server time.
        today = timezone.localdate()
        tables = LIST_CACHE.remember_by_key(
            "country tables", (code, today), lambda: self.tables(code, summary.series, today=today)
        )
        # The pair pages' address around the counterpart's code, reversed once: a
        # country has a few hundred counterparts.
        before, _, after = pair_url(code, "XXX").rpartition("XXX")
        return super().get_context_data(
            mechanism_count=len(summary.series),
            mechanisms_shown=MECHANISMS_SHOWN,
            counterparts=[
                (
                    party,
                    n,
                    # A state's code; an organisation has no pair page.
                    before + party.pk + after
                    if len(party.pk) == 3 and party.pk.isupper()
                    else None,
                )
                for party, n in summary.counterparts
            ],
            **tables,
            **kwargs,
        )

    @staticmethod
    def tables(code, keys, *, today) -> dict:
        """Its latest mechanisms, its latest held sessions and its next planned ones."""
        return {
            "mechanisms": load_series_rows(keys[:MECHANISMS_SHOWN]),
            "recent": list(Session.objects.recent_for_country(code)),
            "planned": list(Session.objects.planned_for_country(code, today=today)),
        }


class OfficialDetailView(MergedAwayMixin, DetailView):
    merge_kind = Merge.Kind.OFFICIAL
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


class HistoryView(MergedAwayMixin, DetailView):
    """The readable history of a row and of the rows under it, newest first."""

    template_name = "meetings/history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entries=self.entries(), **kwargs)


class SessionHistoryView(HistoryView):
    merge_kind = Merge.Kind.SESSION
    model = Session

    def entries(self):
        pk = self.object.pk
        return history.entries(
            [
                *Session.history.filter(id=pk).select_related("history_user"),
                *Delegation.history.filter(session_id=pk).select_related("history_user"),
                *Article.history.filter(session_id=pk).select_related("history_user"),
            ],
            what=history.describe_row,
        )


class SeriesHistoryView(HistoryView):
    merge_kind = Merge.Kind.SERIES
    model = Series

    def entries(self):
        pk = self.object.pk
        return history.entries(
            [
                *Series.history.filter(id=pk).select_related("history_user"),
                *Session.history.filter(series_id=pk).select_related("history_user"),
            ],
            what=history.describe_row,
        )


class OfficialHistoryView(HistoryView):
    merge_kind = Merge.Kind.OFFICIAL
    model = Official

    def entries(self):
        pk = self.object.pk
        return history.entries(
            [
                *Official.history.filter(id=pk).select_related("history_user"),
                *Delegation.history.filter(head_id=pk).select_related("history_user"),
            ],
            what=history.describe_row,
        )


class ReviewQueueView(PermissionRequiredMixin, ListPageMixin, FilterView):
    """What the machine was unsure of, oldest first, for a person to decide."""

    permission_required = "meetings.review"
    filterset_class = ReviewFilter
    template_name = "meetings/review.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        queue_stale_plans(today=timezone.localdate())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return ReviewItem.objects.open().for_queue()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attach_review_context(list(context["object_list"]))
        context["kinds"] = ReviewItem.Kind.choices
        return context


class ReviewDecisionView(PermissionRequiredMixin, View):
    """One decision on one item (accept, correct, reject, split), then back to the queue."""

    permission_required = "meetings.review"

    def post(self, request, pk, action):
        item = get_object_or_404(ReviewItem, pk=pk)
        try:
            decide(item, action, user=request.user, value=request.POST.get("value", ""))
        except ReviewError as error:
            messages.error(request, f"Not done: {error}.")
        else:
            messages.success(request, f"{item.get_kind_display()}: {action} done.")
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = reverse("meetings:review")
        return HttpResponseRedirect(back)
