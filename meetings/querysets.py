"""Reusable queries: methods named for what they mean, one page-shaped method per page.

Querysets read; they never write. The models import this module, so related models are
reached through `self.model._meta` rather than imported.

Filters on a series that are really about its sessions (years, venue, officials) are
written as `EXISTS` subqueries: they never duplicate rows, so list pages need no
`DISTINCT` and their counts stay cheap.
"""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

# The one text-search configuration; the GIN index (migration 0002) is built on exactly
# this expression, so PostgreSQL uses it.
SEARCH_CONFIG = "english"


def _related(model, name):
    return model._meta.get_field(name).related_model


def _words(text: str) -> list[str]:
    return [word for word in text.split() if word]


class WorkingGroupQuerySet(models.QuerySet):
    # ---- meaning -------------------------------------------------------------------
    def with_session_count(self):
        return self.annotate(
            session_count=models.Count(
                "sessions", filter=models.Q(sessions__status="held"), distinct=True
            )
        )

    def involving(self, *alpha3_codes: str):
        """Groups in which every one of the given countries takes part."""
        through = self.model.parties.through
        queryset = self
        for code in alpha3_codes:
            queryset = queryset.filter(
                Exists(through.objects.filter(workinggroup_id=OuterRef("pk"), country_id=code))
            )
        return queryset

    def _with_session_matching(self, condition: Q):
        session_model = _related(self.model, "sessions")
        return self.filter(
            Exists(session_model.objects.filter(condition, working_group_id=OuterRef("pk")))
        )

    def met_between(self, *, year_from: int | None = None, year_to: int | None = None):
        """Groups with a session (held or planned) dated within the years, inclusive."""
        return self._with_session_matching(_year_condition("", year_from, year_to))

    def hosted_in(self, alpha3: str):
        return self._with_session_matching(Q(country_id=alpha3))

    def met_in_city(self, city: str):
        return self._with_session_matching(Q(city__iexact=city.strip()))

    def with_official(self, name: str):
        """Groups where a delegation was led by someone whose name contains `name`."""
        return self._with_session_matching(_official_condition("", name))

    def search(self, text: str):
        """Full-text search on the series name: PostgreSQL's text search (GIN-indexed)
        with web-search syntax; elsewhere every word must occur in the name."""
        if connections[self.db].vendor == "postgresql":
            return self.annotate(search_document=SearchVector("name", config=SEARCH_CONFIG)).filter(
                search_document=SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
            )
        queryset = self
        for word in _words(text):
            queryset = queryset.filter(name__icontains=word)
        return queryset

    # ---- annotations ----------------------------------------------------------------
    def with_latest_date(self):
        """`latest_date`: the date of the latest held session (for sorting)."""
        session_model = _related(self.model, "sessions")
        latest = (
            session_model.objects.filter(working_group_id=OuterRef("pk"), status="held")
            .exclude(start_date=None)
            .order_by("-start_date")
            .values("start_date")[:1]
        )
        return self.annotate(latest_date=Subquery(latest))

    def with_held_count(self):
        """`session_count`: held sessions, as a subquery (no GROUP BY over the list)."""
        session_model = _related(self.model, "sessions")
        count = (
            session_model.objects.filter(working_group_id=OuterRef("pk"), status="held")
            .order_by()
            .values("working_group_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(session_count=models.functions.Coalesce(Subquery(count), 0))

    def with_session_summaries(self):
        """Every session of each series as `session_list`, with just the columns a summary
        needs (number, date, place, status): latest, next, count and cadence are computed
        from it (see `timeline.summarize`), one query for the whole page."""
        session_model = _related(self.model, "sessions")
        sessions = session_model.objects.only(
            "id",
            "working_group_id",
            "number",
            "start_date",
            "start_precision",
            "city",
            "country_id",
            "virtual",
            "status",
        ).order_by(models.F("start_date").asc(nulls_last=True), "number")
        return self.prefetch_related(
            Prefetch("sessions", queryset=sessions, to_attr="session_list")
        )

    # ---- pages ------------------------------------------------------------------------
    def for_list(self):
        """The series list: the series rows, their parties and their sessions' summaries
        in one query each. Sorting adds its own key (see filters.SeriesFilter)."""
        country_model = _related(self.model, "parties")
        return self.prefetch_related(
            Prefetch(
                "parties",
                queryset=country_model.objects.only("alpha3", "name"),
                to_attr="party_list",
            )
        ).with_session_summaries()

    def for_detail(self):
        """The series page: parties, then every session with its delegations, heads and
        sources, in date order."""
        session_model = _related(self.model, "sessions")
        sessions = session_model.objects.for_table()
        return self.prefetch_related(
            "parties",
            "organizations",
            Prefetch("sessions", queryset=sessions, to_attr="session_rows"),
        )

    def for_country(self, alpha3: str):
        """The mechanisms a country takes part in, most recently met first."""
        return (
            self.involving(alpha3)
            .with_latest_date()
            .with_session_summaries()
            .prefetch_related("parties")
            .order_by(models.F("latest_date").desc(nulls_last=True), "name", "pk")
        )


def _year_condition(prefix: str, year_from: int | None, year_to: int | None) -> Q:
    condition = Q()
    if year_from is not None:
        condition &= Q(**{f"{prefix}start_date__gte": datetime.date(year_from, 1, 1)})
    if year_to is not None:
        condition &= Q(**{f"{prefix}start_date__lte": datetime.date(year_to, 12, 31)})
    return condition


def _official_condition(prefix: str, name: str) -> Q:
    return Q(**{f"{prefix}delegations__head__name__icontains": name.strip()})


class SessionQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status="held")

    def planned(self):
        return self.filter(status="planned")

    def involving(self, *alpha3_codes: str):
        """Sessions of series in which every one of the given countries takes part."""
        group_model = _related(self.model, "working_group")
        return self.filter(
            working_group_id__in=group_model.objects.involving(*alpha3_codes).values("pk")
        )

    def between_years(self, *, year_from: int | None = None, year_to: int | None = None):
        return self.filter(_year_condition("", year_from, year_to))

    def with_official(self, name: str):
        delegation_model = _related(self.model, "delegations")
        return self.filter(
            Exists(
                delegation_model.objects.filter(
                    session_id=OuterRef("pk"), head__name__icontains=name.strip()
                )
            )
        )

    def search(self, text: str):
        """Sessions of the series that the full-text search finds."""
        group_model = _related(self.model, "working_group")
        return self.filter(working_group_id__in=group_model.objects.search(text).values("pk"))

    def newest_first(self):
        return self.order_by(models.F("start_date").desc(nulls_last=True), "-pk")

    def _with_delegations(self):
        delegation_model = _related(self.model, "delegations")
        # A list attribute rather than the manager's cache: Django then builds no
        # queryset per row, which is most of the cost of a prefetch on a 50-row page.
        return self.prefetch_related(
            Prefetch(
                "delegations",
                queryset=delegation_model.objects.select_related("head", "organization"),
                to_attr="delegation_list",
            )
        )

    def for_list(self):
        """The sessions list and its CSV: series and host on the row, delegations with
        their heads in one more query."""
        return self.select_related("working_group")._with_delegations()

    def for_table(self):
        """Session rows of the series page: delegations, heads and sources."""
        article_model = _related(self.model, "articles")
        return (
            self._with_delegations()
            .prefetch_related(
                Prefetch(
                    "articles",
                    queryset=article_model.objects.only(
                        "id", "title", "source_name", "outlet", "published", "url", "session_id"
                    ),
                )
            )
            .order_by(models.F("start_date").asc(nulls_last=True), "number")
        )

    def for_detail(self):
        """The session page: series with its parties, delegations with heads and
        members, sources with the evidence each gives."""
        evidence_model = _related(self.model, "evidence")
        return self.select_related("working_group", "country").prefetch_related(
            "working_group__parties",
            Prefetch(
                "delegations",
                queryset=_related(self.model, "delegations")
                .objects.select_related("head", "organization", "country")
                .prefetch_related("members"),
            ),
            "articles",
            Prefetch(
                "evidence",
                queryset=evidence_model.objects.select_related("article", "delegation"),
            ),
        )

    def recent_for_country(self, alpha3: str, *, limit: int = 10):
        """Held sessions of the series a country takes part in, newest first."""
        return self.held().involving(alpha3).select_related("working_group").newest_first()[:limit]

    def planned_for_country(self, alpha3: str, *, limit: int = 10):
        return (
            self.planned()
            .involving(alpha3)
            .select_related("working_group")
            .order_by(models.F("start_date").asc(nulls_last=True), "pk")[:limit]
        )


class OfficialQuerySet(models.QuerySet):
    def for_detail(self):
        """The official page: every delegation led or joined, with its session."""
        delegation_model = _related(self.model, "delegations_led")
        delegations = delegation_model.objects.select_related(
            "session__working_group", "session__country", "country", "organization"
        ).order_by(models.F("session__start_date").asc(nulls_last=True), "pk")
        return self.select_related("country", "organization").prefetch_related(
            Prefetch("delegations_led", queryset=delegations, to_attr="led"),
            Prefetch("delegations_joined", queryset=delegations, to_attr="joined"),
        )


class ArticleQuerySet(models.QuerySet):
    def meetings(self):
        return self.filter(outcome="meeting")

    def for_detail(self):
        evidence_model = _related(self.model, "evidence")
        return self.select_related("session__working_group").prefetch_related(
            Prefetch(
                "evidence",
                queryset=evidence_model.objects.select_related("delegation").order_by(
                    "start", "fact"
                ),
            )
        )
