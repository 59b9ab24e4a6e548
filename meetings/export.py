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

from meetings.models import Article, Series, Session

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
    return Series.objects.order_by("name", "pk").prefetch_related(
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
]


def escape_formula(value) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def escape_row(row: list) -> list[str]:
    return [escape_formula(cell) for cell in row]


def web_session_csv_rows(sessions, *, url_for: Callable[[Session], str]) -> Iterator[list]:
    """The sessions list page's download: its header, then one escaped row per session
    of a `Session.objects.for_list()` queryset."""
    yield WEB_CSV_COLUMNS
    for s in sessions:
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
