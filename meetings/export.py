"""The whole tracker as the CONTRACT's export document (JSON) or one CSV row a session.

JSON: ``{"series": [{name, kind, parties, organizations, topic, sessions: [{number,
start, city, country, sources}]}]}``. Only held sessions are listed: a planned session
has no reporting article (its plan lives in the admin and the pages), and the contract's
``sources`` are the articles that report a session. The CSV has every session, planned
ones too, with a status column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from django.db.models import F, Prefetch

from meetings import timeline
from meetings.models import Article, Country, Series, Session, format_partial_date
from meetings.querysets import attach_party_briefs, attach_session_briefs

CSV_COLUMNS = [
    "series",
    "kind",
    "parties",
    "organizations",
    "topic",
    "number",
    "status",
    "start",
    "end",
    "city",
    "country",
    "virtual",
    "conflicts",
    "sources",
]


def series_queryset():
    # The same order on every database: undated sessions (plans, mostly) last.
    order = (F("start_date").asc(nulls_last=True), F("number").asc(nulls_last=True), "pk")
    sessions = Session.objects.order_by(*order).prefetch_related(
        Prefetch("articles", queryset=Article.objects.only("id", "session_id", "source_name"))
    )
    # Series of one name apart by their natural key, not by the order they were made in.
    return Series.objects.order_by("name", "natural_key", "pk").prefetch_related(
        "parties", "organizations", Prefetch("sessions", queryset=sessions)
    )


def session_dict(session: Session) -> dict:
    return {
        "number": session.number,
        "start": session.start_display,
        "city": session.city or None,
        "country": session.country_id,
        "sources": sorted(a.source_name for a in session.articles.all()),
    }


def export_series() -> dict:
    """The tracker as the contract's JSON document."""
    series = []
    for group in series_queryset():
        series.append(
            {
                "name": group.name,
                "kind": group.kind,
                "parties": sorted(p.alpha3 for p in group.parties.all()),
                "organizations": sorted(o.short_name for o in group.organizations.all()),
                "topic": group.topic or None,
                "sessions": [
                    session_dict(s) for s in group.sessions.all() if s.status == Session.Status.HELD
                ],
            }
        )
    return {"series": series}


def csv_rows() -> Iterator[list]:
    yield CSV_COLUMNS
    for group in series_queryset():
        parties = " ".join(sorted(p.alpha3 for p in group.parties.all()))
        organizations = " ".join(sorted(o.short_name for o in group.organizations.all()))
        for session in group.sessions.all():
            yield [
                group.name,
                group.kind,
                parties,
                organizations,
                group.topic,
                session.number or "",
                session.status,
                session.start_display or "",
                session.end_date.isoformat() if session.end_date else "",
                session.city,
                session.country_id or "",
                "yes" if session.virtual else "no",
                len(session.conflicts),
                " ".join(sorted(a.source_name for a in session.articles.all())),
            ]


def export_csv() -> str:
    """Every session, planned ones too, one CSV row each, formula cells escaped."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(escape_row(row) for row in csv_rows())
    return buffer.getvalue()


# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

WEB_CSV_COLUMNS = [
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
    "kind",
    "topic",
    "parties",
    "party_names",
    "organizations",
    "venue_country_name",
]


def escape_formula(value) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def escape_row(row: list) -> list[str]:
    return [escape_formula(cell) for cell in row]


def _codes_and_names(countries) -> tuple[str, str]:
    countries = sorted(countries, key=lambda c: c.alpha3)
    return " ".join(c.alpha3 for c in countries), "; ".join(c.name for c in countries)


def web_session_csv_rows(sessions, *, url_for: Callable[[Session], str]) -> Iterator[list]:
    """The sessions list page's download: its header, then one escaped row per session
    of a `Session.objects.for_csv()` queryset. Parties are the series' states, as codes
    and as names."""
    yield WEB_CSV_COLUMNS
    for s in sessions:
        parties, party_names = _codes_and_names(s.series.parties.all())
        heads = "; ".join(
            f"{d.party_code}: {d.head.name if d.head else 'unknown'}"
            + (f" ({d.head_title})" if d.head_title else "")
            for d in s.delegation_list
        )
        yield escape_row(
            [
                s.series.name,
                s.number or "",
                s.status,
                s.start_display or "",
                s.end_date.isoformat() if s.end_date else "",
                s.city,
                s.country_id or "",
                "yes" if s.virtual else "no",
                heads,
                url_for(s),
                s.series.kind,
                s.series.topic,
                parties,
                party_names,
                " ".join(sorted(o.short_name for o in s.series.organizations.all())),
                s.country.name if s.country else "",
            ]
        )


SERIES_CSV_COLUMNS = [
    "series",
    "slug",
    "kind",
    "topic",
    "parties",
    "party_names",
    "organizations",
    "organization_names",
    "status",
    "held_sessions",
    "latest_session",
    "latest_start",
    "latest_venue",
    "next_session",
    "next_start",
    "next_venue",
    "median_interval_days",
    "other_names",
    "url",
]


def series_status(summary) -> str:
    """ "planned" when a next session is known, "overdue" when none is and the series'
    own interval has long passed (see timeline.cadence_of), else ""."""
    if summary.next is not None:
        return "planned"
    return "overdue" if summary.cadence.overdue else ""


def web_series_csv_rows(
    chunks: Iterable[list[Series]], *, today, url_for: Callable[[Series], str]
) -> Iterator[list]:
    """The series list page's download: its header, then one escaped row per series.
    `chunks` are lists of series, each of which gets its parties, organisations and
    sessions in one query per kind."""
    yield SERIES_CSV_COLUMNS
    for chunk in chunks:
        attach_party_briefs(chunk)
        attach_session_briefs(chunk)
        for group in chunk:
            summary = timeline.summarize(group.session_list, today=today)
            latest, upcoming = summary.latest, summary.next
            # Parties are the states; organisations come in their own columns.
            states = [p for p in group.party_list if p.url == Country.url_for(p.pk)]
            parties = sorted(states, key=lambda p: p.pk)
            organizations = [p for p in group.party_list if p not in states]
            yield escape_row(
                [
                    group.name,
                    group.slug,
                    group.kind,
                    group.topic,
                    " ".join(p.pk for p in parties),
                    "; ".join(p.name for p in parties),
                    " ".join(o.pk for o in organizations),
                    "; ".join(o.title or o.pk for o in organizations),
                    series_status(summary),
                    summary.held_count,
                    (latest.number or "") if latest else "",
                    format_partial_date(latest.start_date, latest.start_precision)
                    if latest
                    else "",
                    latest.venue if latest else "",
                    (upcoming.number or "") if upcoming else "",
                    format_partial_date(upcoming.start_date, upcoming.start_precision)
                    if upcoming
                    else "",
                    upcoming.venue if upcoming else "",
                    summary.cadence.median_days or "",
                    "; ".join(group.other_names or []),
                    url_for(group),
                ]
            )


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can stream."""

    def write(self, value):
        return value


def stream_csv(rows: Iterable[list]) -> Iterator[str]:
    """CSV text line by line, for a streaming response."""
    writer = csv.writer(_Echo())
    return (writer.writerow(row) for row in rows)
