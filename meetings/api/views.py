"""Read-only API views: the pages' FilterSets and querysets, keyset pages, JSON rows
built in bulk (`rows.py`), and an ETag on every answer.

The rows are already JSON-shaped, so they are answered as they are: passing them through
the serializers cost a third of a list's server time. The serializers describe them for
the OpenAPI document, and a test checks that every answer is exactly what its
serializer describes.

Django REST Framework rather than django-ninja: its filter backend runs our django-filter
FilterSets as they are (the same validation and ignored-value notes as the pages), and
drf-spectacular documents those FilterSets in the OpenAPI schema without a second
description of every parameter.
"""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.response import Response

from meetings.api import rows, serializers
from meetings.api.pagination import KeysetPagination
from meetings.filters import CountryFilter, OfficialFilter, SeriesFilter, SessionFilter
from meetings.models import Article, Country, Official, Series, Session
from meetings.views import ForgivingQueryMixin


class LenientFilterBackend(DjangoFilterBackend):
    """Applies what validates, as the pages do; the view keeps the notes on the rest."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        filterset.page_parameters = KeysetPagination.parameters
        view.ignored = [*filterset.ignored, *view.notes]
        return filterset.qs


def _base(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _forget_renderer_context(response):
    response.renderer_context = None


class FreesItsAnswer:
    """The rows of an answer are freed as soon as it is sent, not by the cycle
    collector: REST framework's response refers to itself and to its view in its
    renderer context, and the view to the response, so every answer was a cycle, and
    with large pages of sessions each full collection walked thousands of rows (pauses
    of up to 100 ms)."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        self.response = None
        if hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(_forget_renderer_context)
        return response


class ApiListView(FreesItsAnswer, ForgivingQueryMixin, generics.ListAPIView):
    filter_backends = [LenientFilterBackend]
    pagination_class = KeysetPagination
    page_size = KeysetPagination.page_size

    rank = False
    columns = None

    def get_paginator_instance(self):
        paginator = self.pagination_class()
        paginator.page_size, paginator.rank = self.page_size, self.rank
        paginator.columns = self.columns
        return paginator

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            self._paginator = self.get_paginator_instance()
        return self._paginator

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.to_rows(page, base=_base(request)))


class ApiDetailView(FreesItsAnswer, generics.RetrieveAPIView):
    def retrieve(self, request, *args, **kwargs):
        return Response(self.to_row(self.get_object(), base=_base(request)))


@extend_schema_view(get=extend_schema(summary="Meeting series, filtered and sorted as the list"))
class SeriesList(ApiListView):
    """Series with parties, organisations, kind, topic, other names, the latest and next
    session and the cadence. Takes the series list's filters and `sort`."""

    serializer_class = serializers.SeriesSerializer
    filterset_class = SeriesFilter
    page_size = 25
    # As the series page: its sorts are on computed values.
    rank = True

    def get_queryset(self):
        return Series.objects.for_list()

    def to_rows(self, page, *, base):
        return rows.series_rows(page, base=base)


@extend_schema_view(get=extend_schema(summary="One series, with all its sessions"))
class SeriesDetail(ApiDetailView):
    serializer_class = serializers.SeriesDetailSerializer
    queryset = Series.objects.all()
    lookup_field = "slug"

    def to_row(self, obj, *, base):
        return rows.series_rows([obj], base=base, with_sessions=True)[0]


@extend_schema_view(get=extend_schema(summary="Sessions, filtered and sorted as the list"))
class SessionList(ApiListView):
    """Sessions with their series, venue, partial dates, status, number, delegations,
    sources and the evidence sentence of each fact. Takes the sessions list's filters,
    `series` (a slug) and `sort`."""

    serializer_class = serializers.SessionSerializer
    filterset_class = SessionFilter
    # A full page of rows as model instances (with their series and host) cost more than
    # the rest of the answer.
    columns = rows.SESSION_COLUMNS

    def get_queryset(self):
        return Session.objects.for_api()

    def to_rows(self, page, *, base):
        return rows.session_rows(page, base=base)


@extend_schema_view(get=extend_schema(summary="One session"))
class SessionDetail(ApiDetailView):
    serializer_class = serializers.SessionSerializer
    queryset = Session.objects.select_related("series", "country")

    def to_row(self, obj, *, base):
        return rows.session_rows([rows.session_values(obj)], base=base)[0]


@extend_schema_view(get=extend_schema(summary="Countries, by name"))
class CountryList(ApiListView):
    serializer_class = serializers.CountrySerializer
    filterset_class = CountryFilter
    page_size = 100

    def get_queryset(self):
        return Country.objects.all()

    def to_rows(self, page, *, base):
        return rows.country_rows(page, base=base)


@extend_schema_view(get=extend_schema(summary="One country"))
class CountryDetail(ApiDetailView):
    serializer_class = serializers.CountrySerializer
    queryset = Country.objects.all()
    lookup_url_kwarg = "alpha3"

    def get_object(self):
        self.kwargs["alpha3"] = self.kwargs["alpha3"].upper()
        return generics.get_object_or_404(self.get_queryset(), pk=self.kwargs["alpha3"])

    def to_row(self, obj, *, base):
        return rows.country_rows([obj], base=base)[0]


@extend_schema_view(get=extend_schema(summary="Officials, by name"))
class OfficialList(ApiListView):
    serializer_class = serializers.OfficialSerializer
    filterset_class = OfficialFilter

    def get_queryset(self):
        return Official.objects.select_related("country", "organization")

    def to_rows(self, page, *, base):
        return rows.official_rows(page, base=base)


@extend_schema_view(get=extend_schema(summary="One official, with every delegation"))
class OfficialDetail(ApiDetailView):
    serializer_class = serializers.OfficialDetailSerializer
    queryset = Official.objects.select_related("country", "organization")

    def to_row(self, obj, *, base):
        return {
            **rows.official_rows([obj], base=base)[0],
            "delegations": rows.official_delegations(obj, base=base),
        }


@extend_schema_view(get=extend_schema(summary="One source article, its text and evidence"))
class ArticleDetail(ApiDetailView):
    serializer_class = serializers.ArticleSerializer
    queryset = Article.objects.for_detail()

    def to_row(self, obj, *, base):
        return rows.article_row(obj, base=base)
