"""The time shape of a meeting series: its cadence (median interval, overdue or not) and
the SVG timeline the series page draws on the server.

Everything here is plain computation on dates and session rows; no queries. The SVG is
assembled with `format_html`, so every name and place in it is escaped.
"""

import datetime
import itertools
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# A series is overdue when the time since its latest session exceeds its own median
# interval by this factor (meetings slip by a few months routinely).
OVERDUE_FACTOR = 1.5
# Fewer intervals than this is no cadence at all.
MIN_INTERVALS = 2


@dataclass(frozen=True)
class Cadence:
    median_days: int | None
    latest: datetime.date | None
    expected: datetime.date | None
    overdue: bool
    # The expected date has passed with nothing scheduled, but not yet by enough to be
    # overdue: neither "on cadence" nor alarming.
    due: bool = False

    @property
    def median_months(self) -> float | None:
        return None if self.median_days is None else round(self.median_days / 30.44, 1)


def median_interval_days(
    dates: Iterable[datetime.date | None], numbers: Iterable[int | None] | None = None
) -> int | None:
    """Median number of days from one session to the next; None with fewer than two
    dated sessions. Same-day duplicates count as one session. With the sessions'
    ``numbers`` (in the order of ``dates``), the time between two numbered sessions is
    shared among the sessions numbered between them: a gap in the record (sessions 3
    and 7 known, 4 to 6 not) is four intervals, not one long one."""
    pairs = list(zip(dates, numbers, strict=True)) if numbers is not None else None
    if pairs is None:
        pairs = [(d, None) for d in dates]
    by_day: dict[datetime.date, int | None] = {}
    for day, number in pairs:
        if day is not None:
            by_day[day] = by_day.get(day) or number
    ordered = sorted(by_day.items())
    if len(ordered) < 2:
        return None
    intervals = []
    for (a, na), (b, nb) in itertools.pairwise(ordered):
        steps = nb - na if na and nb and nb > na else 1
        intervals.extend([(b - a).days / steps] * steps)
    return round(statistics.median(intervals))


def cadence_of(
    *,
    held_dates: Iterable[datetime.date | None],
    next_date: datetime.date | None,
    today: datetime.date,
    held_numbers: Iterable[int | None] | None = None,
) -> Cadence:
    """The series' cadence measured against itself.

    Overdue means: at least MIN_INTERVALS intervals are known, no planned session is dated
    today or later, and more than OVERDUE_FACTOR median intervals have passed since the
    latest held session.
    """
    held_dates = list(held_dates)
    dated = sorted({d for d in held_dates if d is not None})
    median = median_interval_days(held_dates, None if held_numbers is None else list(held_numbers))
    latest = dated[-1] if dated else None
    if median is None or latest is None or len(dated) - 1 < MIN_INTERVALS:
        return Cadence(median_days=median, latest=latest, expected=None, overdue=False)
    expected = latest + datetime.timedelta(days=median)
    scheduled = next_date is not None and next_date >= today
    overdue = not scheduled and (today - latest).days > OVERDUE_FACTOR * median
    due = not scheduled and not overdue and today > expected
    return Cadence(median_days=median, latest=latest, expected=expected, overdue=overdue, due=due)


@dataclass(frozen=True)
class Summary:
    """A series at a glance: held sessions, the latest and the next one, its cadence."""

    held_count: int
    latest: object | None
    next: object | None
    cadence: Cadence


def summarize(sessions: Iterable, *, today: datetime.date) -> Summary:
    """Summary of a series from its Session rows (held and planned, any order).

    The latest is the held session with the latest date (then highest number); the next is
    the earliest-dated planned one, an undated planned one only when none is dated.
    """
    sessions = list(sessions)
    held = [s for s in sessions if s.status != "planned"]
    dated = [s for s in held if s.start_date is not None]
    latest = max(dated, key=lambda s: (s.start_date, s.number or 0), default=None)
    planned = sorted(
        (s for s in sessions if s.status == "planned"),
        key=lambda s: (s.start_date is None, s.start_date or datetime.date.min, s.number or 0),
    )
    upcoming = planned[0] if planned else None
    cadence = cadence_of(
        held_dates=[s.start_date for s in held],
        held_numbers=[s.number for s in held],
        next_date=upcoming.start_date if upcoming else None,
        today=today,
    )
    return Summary(held_count=len(held), latest=latest, next=upcoming, cadence=cadence)


def missing_numbers(numbers: Iterable[int | None]) -> list[int]:
    """Session numbers absent between the lowest and the highest known one."""
    known = sorted({n for n in numbers if n})
    if not known:
        return []
    return sorted(set(range(known[0], known[-1] + 1)) - set(known))


# ---- SVG --------------------------------------------------------------------------------

WIDTH = 960
HEIGHT = 132
LEFT = 40
RIGHT = 40
AXIS_Y = 62


@dataclass(frozen=True)
class _Mark:
    x: float
    label: str
    title: str
    url: str
    css: str
    venue: str


def _x(day: datetime.date, start: datetime.date, span: int) -> float:
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span


def _year_ticks(start: datetime.date, end: datetime.date, span: int) -> SafeString:
    years = list(range(start.year + (start.month > 1 or start.day > 1), end.year + 1))
    step = max(1, len(years) // 12)
    ticks = [(round(_x(datetime.date(year, 1, 1), start, span), 1), year) for year in years[::step]]
    return format_html_join(
        "",
        '<g class="tl-tick"><line x1="{0}" x2="{0}" y1="{1}" y2="{2}"></line>'
        '<text x="{0}" y="{3}" text-anchor="middle">{4}</text></g>',
        ((x, AXIS_Y - 4, AXIS_Y + 4, HEIGHT - 6, year) for x, year in ticks),
    )


def draw_timeline(*, sessions: Sequence, series_name: str) -> SafeString:
    """An accessible SVG of the series' sessions on a time axis.

    `sessions` are Session rows (held and planned). Held sessions are filled dots linking
    to their page; a planned one is a dashed ring (at the far right, marked "date to be
    announced", when undated); numbers missing between recorded sessions are hollow grey
    dots spaced between their neighbours. Undated held sessions cannot be placed and are
    listed in the description instead.
    """
    dated = [s for s in sessions if s.start_date is not None]
    undated_planned = [s for s in sessions if s.start_date is None and s.status == "planned"]
    undated_held = [s for s in sessions if s.start_date is None and s.status != "planned"]
    if not dated:
        return format_html(
            '<p class="muted">{}</p>', "No dated sessions yet, so there is no timeline to draw."
        )

    first = min(s.start_date for s in dated)
    last = max(s.start_date for s in dated)
    start = datetime.date(first.year, 1, 1)
    end = datetime.date(last.year + 1, 1, 1)
    if undated_planned:
        end = datetime.date(end.year + 1, 1, 1)
    span = max((end - start).days, 1)

    marks: list[_Mark] = []
    for s in dated:
        planned = s.status == "planned"
        number = f"No. {s.number}" if s.number else "Unnumbered"
        venue = s.venue or "venue unknown"
        when = s.start_display or ""
        marks.append(
            _Mark(
                x=round(_x(s.start_date, start, span), 1),
                label=str(s.number) if s.number else "·",
                title=f"{number}, {when}, {venue}" + (" (planned)" if planned else ""),
                url=s.get_absolute_url(),
                css="tl-planned" if planned else "tl-held",
                venue=s.city or ("Virtual" if s.virtual else s.country_id or ""),
            )
        )
    for s in undated_planned:
        marks.append(
            _Mark(
                x=WIDTH - RIGHT + 10,
                label=str(s.number) if s.number else "?",
                title=f"Next session, date to be announced, {s.venue or 'venue unknown'}",
                url=s.get_absolute_url(),
                css="tl-planned",
                venue="date TBA",
            )
        )

    gaps = _gap_marks(dated, start, span)
    marks.sort(key=lambda m: m.x)
    mark_svg = format_html_join(
        "",
        '<a href="{url}" class="tl-mark {css}" aria-label="{title}">'
        "<title>{title}</title>"
        '<circle cx="{x}" cy="{axis}" r="7"></circle>'
        '<text x="{x}" y="{label_y}" text-anchor="middle" class="tl-number">{label}</text>'
        '<text x="{x}" y="{venue_y}" text-anchor="middle" class="tl-venue">{venue}</text>'
        "</a>",
        (
            {
                "url": m.url,
                "css": m.css,
                "title": m.title,
                "x": m.x,
                "axis": AXIS_Y,
                "label": m.label,
                "label_y": AXIS_Y - 14 - (12 if i % 2 else 0),
                "venue": m.venue[:14],
                "venue_y": AXIS_Y + 24 + (14 if i % 2 else 0),
            }
            for i, m in enumerate(marks)
        ),
    )
    gap_svg = format_html_join(
        "",
        '<g class="tl-gap"><title>{}</title><circle cx="{}" cy="{}" r="5"></circle></g>',
        ((f"No. {n}: no record of this session", x, AXIS_Y) for n, x in gaps),
    )

    held_count = sum(1 for s in sessions if s.status != "planned")
    missing = missing_numbers(s.number for s in sessions)
    description = f"{held_count} held sessions from {first.year} to {last.year}."
    if missing:
        description += f" No record of session number(s) {', '.join(map(str, missing))}."
    if undated_held:
        description += f" {len(undated_held)} held session(s) without a date are not drawn."
    if any(s.status == "planned" for s in sessions):
        description += " The planned next session is drawn as a dashed ring."

    return format_html(
        '<svg class="timeline" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="tl-title tl-desc" preserveAspectRatio="xMinYMid meet">'
        '<title id="tl-title">Timeline of {name}</title><desc id="tl-desc">{desc}</desc>'
        '<line class="tl-axis" x1="{left}" x2="{right}" y1="{axis}" y2="{axis}"></line>'
        "{ticks}{gaps}{marks}</svg>",
        w=WIDTH,
        h=HEIGHT,
        name=series_name,
        desc=description,
        left=LEFT,
        right=WIDTH - RIGHT + (10 if undated_planned else 0),
        axis=AXIS_Y,
        ticks=_year_ticks(start, end, span),
        gaps=gap_svg,
        marks=mark_svg,
    )


def _gap_marks(dated: Sequence, start: datetime.date, span: int) -> list[tuple[int, float]]:
    """Positions for missing numbers: spaced evenly between the numbered neighbours."""
    numbered = sorted((s for s in dated if s.number), key=lambda s: s.number)
    gaps: list[tuple[int, float]] = []
    for before, after in itertools.pairwise(numbered):
        missing = after.number - before.number - 1
        if missing <= 0:
            continue
        x0 = _x(before.start_date, start, span)
        x1 = _x(after.start_date, start, span)
        for k in range(1, missing + 1):
            gaps.append((before.number + k, round(x0 + (x1 - x0) * k / (missing + 1), 1)))
    return gaps


@dataclass(frozen=True)
class Period:
    title: str
    first: datetime.date | None
    last: datetime.date | None
    sessions: int


def title_periods(rows: Iterable[tuple[datetime.date | None, str]]) -> list[Period]:
    """Positions over time: consecutive sessions (by date, undated last) with the same
    reported title collapse into one period. Blank titles are skipped."""
    ordered = sorted(
        ((day, title.strip()) for day, title in rows if title and title.strip()),
        key=lambda row: (row[0] is None, row[0] or datetime.date.min),
    )
    periods: list[Period] = []
    for day, title in ordered:
        if periods and periods[-1].title.casefold() == title.casefold():
            previous = periods[-1]
            periods[-1] = Period(
                title=previous.title,
                first=previous.first or day,
                last=day or previous.last,
                sessions=previous.sessions + 1,
            )
        else:
            periods.append(Period(title=title, first=day, last=day, sessions=1))
    return periods


@dataclass(frozen=True)
class Overdue:
    """A series overdue against its own cadence."""

    series_id: int
    cadence: Cadence


def overdue_series(
    rows: Iterable[tuple[int, datetime.date, str]], *, today: datetime.date
) -> list[Overdue]:
    """The series overdue against their own cadence (see `cadence_of`), the longest
    overdue first, from (series id, date, status) rows of their dated sessions in any
    order."""
    held: dict[int, list[datetime.date]] = {}
    next_planned: dict[int, datetime.date] = {}
    for series_id, day, status in rows:
        if status == "planned":
            if day >= today:
                next_planned[series_id] = min(day, next_planned.get(series_id, day))
        else:
            held.setdefault(series_id, []).append(day)
    found = []
    for series_id, dates in held.items():
        cadence = cadence_of(held_dates=dates, next_date=next_planned.get(series_id), today=today)
        if cadence.overdue:
            found.append(Overdue(series_id=series_id, cadence=cadence))
    found.sort(key=lambda o: (o.cadence.expected, o.series_id))
    return found
