"""Thin views: each returns its page-shaped queryset; filtering lives in filters.py, the
time computations in timeline.py, the text highlighting in the template tags."""

from collections import Counter
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db.models import Q
from django.http import QueryDict, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.generic import DetailView, View
from django_filters.views import FilterMixin, FilterView

from meetings import timeline
from meetings.export import stream_csv, web_session_csv_rows
from meetings.filters import SeriesFilter, SessionFilter
from meetings.models import Article, Country, Evidence, Official, Series, Session
from meetings.pagination import LIST_CACHE, DeferredJoinPaginator
from meetings.querysets import (
    attach_delegation_briefs,
    attach_party_briefs,
    attach_session_briefs,
)

# Parameters read from an over-long query string before the rest is dropped.
MAX_PARAMETERS = 50


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
        return Series.objects.for_list()

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, cache=LIST_CACHE, rank=True, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        # Only the page's series need their parties and sessions.
        attach_party_briefs(rows)
        attach_session_briefs(rows)
        return paginator, page, rows, is_paginated


class SeriesDetailView(DetailView):
    model = Series
    template_name = "meetings/series_detail.html"

    def get_queryset(self):
        return Series.objects.for_detail()

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
        return Session.objects.for_list_page()

    def get_paginator(self, queryset, per_page, **kwargs):
        return super().get_paginator(queryset, per_page, cache=LIST_CACHE, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        # Only the page's sessions need their delegations.
        attach_delegation_briefs(rows)
        return paginator, page, rows, is_paginated


class SessionCsvView(ForgivingQueryMixin, FilterMixin, View):
    """The sessions of the current filter as CSV, streamed row by row."""

    filterset_class = SessionFilter
    strict = False

    def get_queryset(self):
        return Session.objects.for_list()

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset(self.get_filterset_class())
        rows = web_session_csv_rows(
            filterset.qs.iterator(chunk_size=1000),
            url_for=lambda s: request.build_absolute_uri(s.get_absolute_url()),
        )
        response = StreamingHttpResponse(stream_csv(rows), content_type="text/csv; charset=utf-8")
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
        mechanisms = list(Series.objects.for_country(code))
        attach_party_briefs(mechanisms)
        attach_session_briefs(mechanisms)
        parties = {p.pk: p for series in mechanisms for p in series.party_list if p.pk != code}
        counts = Counter(p.pk for series in mechanisms for p in series.party_list)
        return super().get_context_data(
            mechanisms=mechanisms,
            counterparts=[(parties[pk], n) for pk, n in counts.most_common() if pk in parties],
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
