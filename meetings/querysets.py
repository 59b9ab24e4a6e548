"""Reusable queries: methods named for what they mean, one page-shaped method per page.

Querysets read; they never write. The models import this module, so related models are
reached through `self.model._meta` rather than imported.

Filters on a series that are really about its sessions (years, venue, officials) are
written as `EXISTS` subqueries: they never duplicate rows, so list pages need no
`DISTINCT` and their counts stay cheap.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery


def _related(model, name):
    return model._meta.get_field(name).related_model


class OneOf(models.Lookup):
    """`field IN (keys)` for a list of keys known in Python, as a condition:
    `filter(OneOf(F("series_id"), keys))`. On PostgreSQL the keys are one array
    parameter (`= ANY(%s)`): Django prepares each value of an IN list on its own, and
    for a search that found thousands of series that cost more than the query."""

    lookup_name = "one_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        keys = list(self.rhs)
        if not keys:
            raise EmptyResultSet
        return f"{lhs} IN ({', '.join(['%s'] * len(keys))})", (*params, *keys)

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        keys = list(self.rhs)
        if keys and all(type(key) is int for key in keys):
            # Numbers as one array literal: psycopg writes a list parameter one element
            # at a time in Python, which for a page's few hundred keys cost half a
            # millisecond a query, and for a search's thousands several.
            return f"{lhs} = ANY(%s::bigint[])", (*params, "{" + ",".join(map(str, keys)) + "}")
        return f"{lhs} = ANY(%s)", (*params, keys)


def _keys_condition(field: str, keys):
    """`field` in `keys`: a list of keys (see OneOf), or a query of them."""
    return OneOf(models.F(field), keys) if isinstance(keys, list) else Q(**{f"{field}__in": keys})


# Search words this long match inside other words too (see SeriesQuerySet.search).
LONG_WORD = 5


def search_words(text: str) -> list[str]:
    """The words of a search, lower case; hyphens and punctuation separate words."""
    return [word for word in re.split(r"[\W_]+", text.casefold()) if word]


class SeriesQuerySet(models.QuerySet):
    def confirmed(self):
        """Series with a session a person confirmed or corrected."""
        sessions = _related(self.model, "sessions").objects.confirmed()
        return self.filter(Exists(sessions.filter(series=OuterRef("pk"))))

    # ---- meaning -------------------------------------------------------------------
    def involving(self, *alpha3_codes: str):
        """Groups in which every one of the given countries takes part."""
        through = self.model.parties.through
        queryset = self
        for code in alpha3_codes:
            queryset = queryset.filter(
                Exists(through.objects.filter(series_id=OuterRef("pk"), country_id=code))
            )
        return queryset

    def with_organization(self, short_name: str):
        """Series an organisation owns or takes part in."""
        through = self.model.organizations.through
        return self.filter(
            Exists(
                through.objects.filter(
                    series_id=OuterRef("pk"), organization__short_name=short_name
                )
            )
        )

    def _with_session_matching(self, condition: Q):
        session_model = _related(self.model, "sessions")
        return self.filter(
            Exists(session_model.objects.filter(condition, series_id=OuterRef("pk")))
        )

    def met_between(self, *, year_from: int | None = None, year_to: int | None = None):
        """Groups with a session (held or planned) dated within the years, inclusive."""
        return self._with_session_matching(_year_condition(year_from, year_to))

    def hosted_in(self, alpha3: str):
        return self._with_session_matching(Q(country_id=alpha3))

    def met_in_city(self, city: str):
        return self._with_session_matching(Q(city__iexact=city.strip()))

    def with_official(self, name: str):
        """Groups where a delegation was led by someone whose name contains `name`."""
        return self._with_session_matching(_official_condition(name))

    def search(self, text: str, *, abbreviations: dict[str, str] | None = None):
        """Series that every word of `text` describes, the same on every database: each
        word (hyphens split words: "counter-terrorism" is "counter terrorism") occurs,
        in any case, at the start of a word (anywhere, for words of LONG_WORD letters
        or more) in one of the names the series is known by, the name of one of its
        parties or organisations (short or full), the name of an official who led one of
        its delegations, or the city or country of one of its sessions. A word that is
        one of `abbreviations` ("jwg") also matches where every word it stands for
        does. On PostgreSQL the substring tests use trigram indexes (migration 0006)."""
        abbreviations = abbreviations or {}
        queryset = self
        for word in search_words(text):
            spelt = search_words(abbreviations.get(word, ""))
            condition = self._word_condition(word)
            if spelt:
                expanded = Q()
                for part in spelt:
                    expanded &= self._word_condition(part)
                condition |= expanded
            queryset = queryset.filter(condition)
        return queryset

    def _word_condition(self, word: str) -> Q:
        # A short word (an abbreviation: SCO, EU) matches at the start of a word only, so
        # that "sco" does not find Moscow; a longer one anywhere, so that "terrorism"
        # finds "Counterterrorism". The substring test comes first in every case: it is
        # what the trigram indexes serve, and the word-start pattern then only rechecks
        # the rows it found. Search words are letters and digits: no escaping needed.
        boundary = r"\m" if connections[self.db].vendor == "postgresql" else r"\b"

        def has(field):
            condition = Q(**{f"{field}__icontains": word})
            if len(word) < LONG_WORD:
                condition &= Q(**{f"{field}__iregex": boundary + word})
            return condition

        session_model = _related(self.model, "sessions")
        delegation_model = _related(session_model, "delegations")
        country_model = _related(session_model, "country")
        parties = self.model.parties.through
        organizations = self.model.organizations.through
        countries = country_model.objects.filter(has("name")).values("pk")
        # Every part is a subquery of keys: each can use its own index, and the series
        # table is then only checked against their hashed results.
        in_part = [
            self.model.objects.filter(has("name")).values("pk"),
            self.model.objects.filter(has("other_names")).values("pk"),
            parties.objects.filter(country__in=countries).values("series_id"),
            organizations.objects.filter(
                has("organization__short_name") | has("organization__full_name")
            ).values("series_id"),
            session_model.objects.filter(has("city")).values("series_id"),
            session_model.objects.filter(country__in=countries).values("series_id"),
            delegation_model.objects.filter(has("head__name")).values("session__series_id"),
        ]
        condition = Q()
        for keys in in_part:
            condition |= Q(pk__in=keys)
        return condition

    # ---- annotations ----------------------------------------------------------------
    def with_latest_date(self):
        """`latest_date`: the date of the latest held session (for sorting)."""
        session_model = _related(self.model, "sessions")
        latest = (
            session_model.objects.filter(series_id=OuterRef("pk"), status="held")
            .exclude(start_date=None)
            .order_by("-start_date")
            .values("start_date")[:1]
        )
        return self.annotate(latest_date=Subquery(latest))

    def with_held_count(self):
        """`session_count`: held sessions, as a subquery (no GROUP BY over the list)."""
        session_model = _related(self.model, "sessions")
        count = (
            session_model.objects.filter(series_id=OuterRef("pk"), status="held")
            .order_by()
            .values("series_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(session_count=models.functions.Coalesce(Subquery(count), 0))

    # ---- pages ------------------------------------------------------------------------
    def for_list(self):
        """The series list: the series rows alone; the page's rows then get their parties
        and sessions from `attach_party_briefs` and `attach_session_briefs`, one query
        each. Sorting adds its own key (see filters.SeriesFilter)."""
        return self.all()

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

    def for_pair(self, first: str, second: str):
        """The mechanisms two countries both take part in, most recently met first."""
        return (
            self.involving(first, second)
            .with_latest_date()
            .order_by(models.F("latest_date").desc(nulls_last=True), "name", "pk")
        )

    def for_organization(self, short_name: str):
        """The mechanisms of an organisation, most recently met first."""
        return (
            self.with_organization(short_name)
            .with_latest_date()
            .order_by(models.F("latest_date").desc(nulls_last=True), "name", "pk")
        )

    def for_country(self, alpha3: str):
        """The mechanisms a country takes part in, most recently met first; the page then
        gives them their parties and sessions as the series list does."""
        return (
            self.involving(alpha3)
            .with_latest_date()
            .order_by(models.F("latest_date").desc(nulls_last=True), "name", "pk")
        )


@dataclass(slots=True)
class SessionBrief:
    """The columns of a session that a series summary shows (see `timeline.summarize`),
    without a model instance: a list page summarises hundreds of sessions, and building
    Session objects for them was a large part of the page's server time."""

    pk: int
    number: int | None
    start_date: datetime.date | None
    start_precision: str
    city: str
    country_id: str | None
    virtual: bool
    status: str
    country_name: str | None
    # Set by attach_session_briefs: how a session's venue and page are made.
    venue_label: Callable[..., str] | None = None
    url_for: Callable[[int], str] | None = None

    # Computed when read: a summary shows two sessions of each series (the latest and
    # the next) and reads all of them, and a country page summarises thousands.
    @property
    def venue(self) -> str:
        return self.venue_label(
            virtual=self.virtual, city=self.city, country=self.country_name or ""
        )

    @property
    def url(self) -> str:
        return self.url_for(self.pk)


@dataclass(slots=True)
class PartyBrief:
    """A party of a series, a country or an organisation, as the lists link it: `pk` is
    the country's alpha-3 code or the organisation's short name."""

    pk: str
    name: str
    url: str
    title: str = ""


def _party_rows(model, keys):
    """(series id, kind, code, name, title) of the parties of the series with `keys` (a
    list, or a query of keys): 0 marks a country, 1 an organisation; one query for both
    kinds, in the order the lists show them (countries, then organisations, by code)."""
    countries, organizations = model.parties.through, model.organizations.through
    rows = (
        countries.objects.filter(_keys_condition("series_id", keys))
        .order_by()
        .values_list("series_id", models.Value(0), "country_id", "country__name", "country__name")
        .union(
            organizations.objects.filter(_keys_condition("series_id", keys))
            .order_by()
            .values_list(
                "series_id",
                models.Value(1),
                "organization__short_name",
                "organization__short_name",
                "organization__full_name",
            ),
            all=True,
        )
    )
    return sorted(rows, key=lambda r: r[1:4])


def _party_brief(model, is_organization, code, name, title) -> PartyBrief:
    if is_organization:
        return PartyBrief(code, name, _related(model, "organizations").url_for(code), title)
    return PartyBrief(code, name, _related(model, "parties").url_for(code))


def attach_party_briefs(series_list) -> None:
    """Gives each of the (already loaded) series its parties as `party_list`: the
    countries, then the organisations, as PartyBrief, in one query: cheaper than a
    prefetch of model instances for the fifty-odd parties of a page."""
    series_list = list(series_list)
    if not series_list:
        return
    model = series_list[0].__class__
    by_series = {series.pk: [] for series in series_list}
    for series_id, *party in _party_rows(model, list(by_series)):
        by_series[series_id].append(_party_brief(model, *party))
    for series in series_list:
        series.party_list = by_series[series.pk]


def counterpart_briefs(model, *, alpha3: str, ranked_keys: list) -> list[tuple[PartyBrief, int]]:
    """The other parties of the series in which the country `alpha3` takes part, with
    how many of those series each of them shares: the most shared first, then in the
    order of `ranked_keys` (those series' keys) of the first series they share, then as
    the lists order a series' parties. Found by a subquery rather than by the keys,
    which for a country in hundreds of series cost more to send than the rows."""
    position = {key: index for index, key in enumerate(ranked_keys)}
    found = {}  # code: [count, first position, brief]
    for series_id, *party in _party_rows(model, model.objects.involving(alpha3).values("pk")):
        code = party[1]
        if code == alpha3:
            continue
        entry = found.get(code)
        at = position.get(series_id, len(position))
        if entry is None:
            found[code] = [1, at, party]
        else:
            entry[0] += 1
            entry[1] = min(entry[1], at)
    ranked = sorted(found.values(), key=lambda e: (-e[0], e[1], e[2][0], e[2][1], e[2][2]))
    return [(_party_brief(model, *party), count) for count, _at, party in ranked]


_BRIEF_COLUMNS = (
    "pk",
    "number",
    "start_date",
    "start_precision",
    "city",
    "country_id",
    "virtual",
    "status",
    "country__name",
)


def attach_session_briefs(series_list) -> None:
    """Gives each of the (already loaded) series its sessions as `session_list`, a list
    of SessionBrief in date order, in one query; `timeline.summarize` reads it."""
    series_list = list(series_list)
    if not series_list:
        return
    session_model = _related(series_list[0].__class__, "sessions")
    venue_label = session_model.venue_label
    by_series = {series.pk: [] for series in series_list}
    rows = (
        session_model.objects.filter(OneOf(models.F("series_id"), list(by_series)))
        .order_by(models.F("start_date").asc(nulls_last=True), "number")
        .values_list("series_id", *_BRIEF_COLUMNS)
    )
    url_for = session_model.url_for
    for series_id, *values in rows:
        by_series[series_id].append(SessionBrief(*values, venue_label, url_for))
    for series in series_list:
        series.session_list = by_series[series.pk]


@dataclass(slots=True)
class HeadBrief:
    """The official leading a delegation, as a list page links it."""

    pk: int
    name: str
    url: str


@dataclass(slots=True)
class DelegationBrief:
    """A delegation as the sessions list shows it: who, and who led it."""

    party_code: str
    head: HeadBrief | None
    head_title: str


# Delegation's Meta.ordering ("session", "country", "organization") within one session:
# by the country's name, then the organisation's short name (their own orderings).
DELEGATION_ORDER_IN_SESSION = ("country__name", "organization__short_name")


def attach_delegation_briefs(sessions) -> None:
    """Gives each of the (already loaded) sessions its delegations as `delegation_list`,
    a list of DelegationBrief in the model's order, in one query: a 50-row page has a
    hundred delegations and heads, and a prefetch of model instances for them took longer
    than the page's SQL."""
    sessions = list(sessions)
    if not sessions:
        return
    delegation_model = _related(sessions[0].__class__, "delegations")
    by_session = {session.pk: [] for session in sessions}
    # The model's order within each session; its order by session would join the
    # sessions and their series only to sort what is grouped by session here anyway.
    rows = (
        delegation_model.objects.filter(OneOf(models.F("session_id"), list(by_session)))
        .order_by(*DELEGATION_ORDER_IN_SESSION)
        .values_list(
            "session_id",
            "country_id",
            "organization__short_name",
            "head_id",
            "head__name",
            "head_title",
        )
    )
    url_for = _related(delegation_model, "head").url_for
    for session_id, country_id, organization, head_id, head_name, head_title in rows:
        # As Delegation.party_code: the country, else the organisation's short name.
        party_code = country_id or organization or ""
        head = HeadBrief(head_id, head_name, url_for(head_id)) if head_id is not None else None
        by_session[session_id].append(DelegationBrief(party_code, head, head_title))
    for session in sessions:
        session.delegation_list = by_session[session.pk]


@dataclass(slots=True)
class LeaderBrief:
    """Someone who led a party's delegation at some of a set of sessions: `first` and
    `last` are session dates, `led` how many of them."""

    pk: int
    name: str
    first: datetime.date | None
    last: datetime.date | None
    led: int
    url: str


def leader_briefs(delegation_model, *, series, parties) -> dict[str, list[LeaderBrief]]:
    """For each of `parties` (alpha-3 codes), the people who led its delegation at any
    session of `series` (keys), the earliest first, in one query for all of them:
    aggregated over those delegations alone, as rows rather than Official instances (a
    pair of countries with two hundred mechanisms has hundreds of them)."""
    url_for = _related(delegation_model, "head").url_for
    rows = (
        delegation_model.objects.filter(
            OneOf(models.F("session__series_id"), list(series)),
            country_id__in=list(parties),
            head__isnull=False,
        )
        .values_list("country_id", "head_id", "head__name")
        .annotate(
            first=models.Min("session__start_date"),
            last=models.Max("session__start_date"),
            led=models.Count("pk"),
        )
        .order_by(models.F("first").asc(nulls_last=True), "head__name", "head_id")
    )
    found = {party: [] for party in parties}
    for party, pk, name, first, last, led in rows:
        found[party].append(LeaderBrief(pk, name, first, last, led, url_for(pk)))
    return found


@dataclass(frozen=True)
class PairSummary:
    """What a pair's page counts over all their mechanisms (see summarize_pair)."""

    series: list  # keys, the most recently met first
    session_count: int
    leaders: dict  # alpha-3 code: [LeaderBrief]


def summarize_pair(series_model, *, first: str, second: str) -> PairSummary:
    """The mechanisms of two countries, how many sessions they have had or planned, and
    who led each side (see leader_briefs)."""
    keys = list(series_model.objects.for_pair(first, second).values_list("pk", flat=True))
    session_model = _related(series_model, "sessions")
    sessions = session_model.objects.filter(OneOf(models.F("series_id"), keys))
    delegation_model = _related(session_model, "delegations")
    return PairSummary(
        series=keys,
        session_count=sessions.count() if keys else 0,
        leaders=leader_briefs(delegation_model, series=keys, parties=[first, second]),
    )


@dataclass(frozen=True)
class CountrySummary:
    """What a country's page counts over all its mechanisms (see summarize_country)."""

    series: list  # keys, the most recently met first
    counterparts: list  # [(PartyBrief, shared series)]


def summarize_country(series_model, *, alpha3: str) -> CountrySummary:
    keys = list(series_model.objects.for_country(alpha3).values_list("pk", flat=True))
    return CountrySummary(
        series=keys,
        counterparts=counterpart_briefs(series_model, alpha3=alpha3, ranked_keys=keys),
    )


def _year_condition(year_from: int | None, year_to: int | None) -> Q:
    """Sessions dated within the years, inclusive."""
    condition = Q()
    if year_from is not None:
        condition &= Q(start_date__gte=datetime.date(year_from, 1, 1))
    if year_to is not None:
        condition &= Q(start_date__lte=datetime.date(year_to, 12, 31))
    return condition


def _official_condition(name: str) -> Q:
    """Sessions with a delegation led by someone whose name contains `name`."""
    return Q(delegations__head__name__icontains=name.strip())


# The columns a session row shows on the list page and in the API.
SESSION_ROW_COLUMNS = (
    "id",
    "number",
    "start_date",
    "start_precision",
    "end_date",
    "city",
    "country_id",
    "country__name",
    "virtual",
    "status",
)


class SessionQuerySet(models.QuerySet):
    def confirmed(self):
        """Sessions with a fact a person confirmed or corrected."""
        return self.exclude(confirmed_fields=[], manual_fields=[])

    def held(self):
        return self.filter(status="held")

    def planned(self):
        return self.filter(status="planned")

    def past_due(self, *, today: datetime.date):
        """Planned sessions whose announced date is over without a report of them: the
        day (or the last day, when an end is known) is before `today`, or the whole
        month or year it was announced for has passed. Undated plans are not past due:
        nothing says when they were meant to be."""
        month_start = today.replace(day=1)
        return self.planned().filter(
            Q(start_precision="day", start_date__lt=today, end_date__isnull=True)
            | Q(start_precision="day", end_date__lt=today)
            | Q(start_precision="month", start_date__lt=month_start)
            | Q(start_precision="year", start_date__lt=today.replace(month=1, day=1))
        )

    def upcoming(self, *, today: datetime.date):
        """Planned sessions not yet past due (see `past_due`), undated ones included:
        those known to the day first, then to the month, then to the year, then the
        undated, each in date order."""
        precision_rank = models.Case(
            models.When(start_date__isnull=True, then=3),
            models.When(start_precision="day", then=0),
            models.When(start_precision="month", then=1),
            default=2,
        )
        # Past due among all sessions, not among these again: the rows kept already
        # pass this queryset's own filters, and repeating them in the subquery doubled
        # the cost of building and running it.
        past_due = self.model._default_manager.past_due(today=today).values("pk")
        return self.planned().exclude(pk__in=past_due).order_by(precision_rank, "start_date", "pk")

    def dated_rows(self):
        """(series id, date, status) of every dated session, unordered: what the cadence
        of every series is computed from (see timeline.overdue_series)."""
        return (
            self.exclude(start_date=None)
            .order_by()
            .values_list("series_id", "start_date", "status")
        )

    def with_organization(self, short_name: str):
        """Sessions of the series an organisation owns or takes part in."""
        series_model = _related(self.model, "series")
        return self.filter(
            series_id__in=series_model.objects.with_organization(short_name).values("pk")
        )

    def in_series_order(self):
        """Sessions in the order of their series' timeline: by date (undated last), then
        number."""
        return self.order_by(models.F("start_date").asc(nulls_last=True), "number", "pk")

    def involving(self, *alpha3_codes: str):
        """Sessions of series in which every one of the given countries takes part."""
        group_model = _related(self.model, "series")
        return self.filter(series_id__in=group_model.objects.involving(*alpha3_codes).values("pk"))

    def between_years(self, *, year_from: int | None = None, year_to: int | None = None):
        return self.filter(_year_condition(year_from, year_to))

    def with_official(self, name: str):
        delegation_model = _related(self.model, "delegations")
        return self.filter(
            Exists(
                delegation_model.objects.filter(
                    session_id=OuterRef("pk"), head__name__icontains=name.strip()
                )
            )
        )

    def search(self, text: str, *, abbreviations: dict[str, str] | None = None):
        """Sessions of the series that the search finds (see SeriesQuerySet.search)."""
        series_model = _related(self.model, "series")
        found = series_model.objects.search(text, abbreviations=abbreviations)
        return self.filter(series_id__in=found.values("pk"))

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
        return self.select_related("series")._with_delegations()

    def for_list_page(self):
        """The sessions list page: the row's own columns and its series' name; the page's
        rows then get their delegations from `attach_delegation_briefs` (the CSV keeps
        `for_list`). The JSON and timestamp columns the row never shows are left unread."""
        return self.select_related("series", "country").only(
            *SESSION_ROW_COLUMNS, "series__id", "series__name"
        )

    def for_api(self):
        """The API's session rows (see api.rows.session_rows): the row's columns, its
        series' slug and name, the host's name; the review columns (JSON the rows never
        show) and the series' other columns are left unread."""
        return self.select_related("series", "country").only(
            *SESSION_ROW_COLUMNS,
            "conflicts",
            "updated_at",
            "series__id",
            "series__slug",
            "series__name",
        )

    def for_csv(self):
        """The sessions CSV: as the list, with the host country and the series' parties
        and organisations."""
        return (
            self.for_list()
            .select_related("country")
            .prefetch_related("series__parties", "series__organizations")
        )

    def for_calendar(self):
        """The calendar and the feed: each session with its series, host country,
        delegations with heads, and sources."""
        article_model = _related(self.model, "articles")
        return (
            self.for_list()
            .select_related("country")
            .prefetch_related(
                Prefetch(
                    "articles",
                    queryset=article_model.objects.only(
                        "id", "title", "source_name", "url", "ingested_at", "session_id"
                    ).order_by("ingested_at", "pk"),
                )
            )
        )

    def for_table(self):
        """Session rows of the series page: delegations, heads and sources."""
        article_model = _related(self.model, "articles")
        return (
            self._with_delegations()
            .select_related("country")
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
        members, sources. (The page reads the evidence of the session and of its
        delegations in one query of its own.)"""
        return self.select_related("series", "country").prefetch_related(
            "series__parties",
            Prefetch(
                "delegations",
                queryset=_related(self.model, "delegations")
                .objects.select_related("head", "organization", "country")
                .prefetch_related("members"),
            ),
            "articles",
        )

    def recent_for_country(self, alpha3: str, *, limit: int = 10):
        """Held sessions of the series a country takes part in, newest first."""
        return (
            self.held().involving(alpha3).select_related("series", "country").newest_first()[:limit]
        )

    def planned_for_country(self, alpha3: str, *, today: datetime.date, limit: int = 10):
        """Planned sessions of a country's series still to come (see `upcoming`)."""
        return (self.involving(alpha3).upcoming(today=today).select_related("series", "country"))[
            :limit
        ]


class OfficialQuerySet(models.QuerySet):
    def for_detail(self):
        """The official page: every delegation led or joined, with its session."""
        delegation_model = _related(self.model, "delegations_led")
        delegations = delegation_model.objects.select_related(
            "session__series", "session__country", "country", "organization"
        ).order_by(models.F("session__start_date").asc(nulls_last=True), "pk")
        return self.select_related("country", "organization").prefetch_related(
            Prefetch("delegations_led", queryset=delegations, to_attr="led"),
            Prefetch("delegations_joined", queryset=delegations, to_attr="joined"),
        )


class ArticleQuerySet(models.QuerySet):
    def for_detail(self):
        evidence_model = _related(self.model, "evidence")
        return self.select_related("session__series").prefetch_related(
            Prefetch(
                "evidence",
                queryset=evidence_model.objects.select_related("delegation").order_by(
                    "start", "fact"
                ),
            )
        )


class MergeQuerySet(models.QuerySet):
    def kept_for(self, kind: str, *, removed_id=None, removed_slug=None, model=None):
        """The row that a merged-away row now lives on (following later merges of the
        kept one), or None when it was not merged away or the merge was undone."""
        merges = self.filter(kind=kind, undone_at__isnull=True)
        record = (
            merges.filter(removed_slug=removed_slug)
            if removed_slug
            else merges.filter(removed_id=removed_id)
        ).first()
        for _ in range(20):  # a chain of merges, never a cycle of them
            if record is None:
                return None
            kept = model.objects.filter(pk=record.keep_id).first()
            if kept is not None:
                return kept
            record = merges.filter(removed_id=record.keep_id).first()
        return None


class ReviewItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status="open")

    def involving(self, alpha3: str):
        """Items about a series or session of which this state is a party."""
        return self.filter(
            Q(series__parties__alpha3=alpha3) | Q(session__series__parties__alpha3=alpha3)
        ).distinct()

    def for_queue(self):
        """The review page: each item with its session, series, article and official."""
        return self.select_related(
            "session__series", "series", "article", "official__country"
        ).order_by("created_at", "pk")

    def counts(self) -> dict[str, int]:
        """Open items by kind, and "all"."""
        counts = dict(self.open().order_by().values_list("kind").annotate(n=models.Count("pk")))
        counts["all"] = sum(counts.values())
        return counts


@dataclass(frozen=True)
class Quote:
    """The sentence behind a fact, split around the reported value for highlighting."""

    before: str
    marked: str
    after: str
    source: str


def attach_review_context(items) -> None:
    """For each review item of a page: ``quote`` (its sentence, value marked) and
    ``competing`` ([(value, sources)] for a conflict); two queries for the whole page."""
    if not items:
        return
    evidence_model = _related(_related(items[0].__class__, "article"), "evidence")
    wanted = {(i.article_id, _evidence_fact(i.fact)) for i in items if i.article_id and i.fact}
    article_ids = {a for a, _ in wanted}
    found = {}
    for evidence in (
        evidence_model.objects.filter(article_id__in=article_ids)
        .select_related("article")
        .only("article_id", "fact", "start", "end", "article__text", "article__source_name")
        .order_by("start")
    ):
        found.setdefault((evidence.article_id, evidence.fact), evidence)
    for item in items:
        item.quote = None
        evidence = found.get((item.article_id, _evidence_fact(item.fact)))
        if evidence is None and item.article_id:
            # No sentence cited for the fact: the one the mechanism was found in.
            evidence = found.get((item.article_id, "meeting"))
        if evidence is not None:
            sentence = evidence.article.text[evidence.start : evidence.end]
            at = sentence.casefold().find(item.value.casefold()) if item.value else -1
            if at < 0:
                item.quote = Quote("", sentence, "", evidence.article.source_name)
            else:
                end = at + len(item.value)
                item.quote = Quote(
                    sentence[:at], sentence[at:end], sentence[end:], evidence.article.source_name
                )
        conflicts = item.session.conflicts if item.session_id else []
        entry = next((c for c in conflicts if c.get("field") == item.fact), None)
        item.competing = list((entry or {}).get("values", {}).items())


def _evidence_fact(fact: str) -> str:
    if fact.startswith("delegation.") or fact in ("meeting", ""):
        return fact
    if fact == "country":
        return "session.city"  # the venue sentence is cited once, for city or country
    return f"session.{fact}"
