"""Dates in a sentence: absolute, partial, ranges, weekdays and today/yesterday.

Only hand-written patterns over one sentence at a time, so the cost is linear and the
result does not depend on the machine's locale or clock. Relative words are resolved
against a reference day (the dateline's day when it has one, else the publication
date); the publication date itself is never taken as a meeting date unless the text
says "today" or names its weekday.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
Y = r"(?:19|20)\d{2}"
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DASH = r"\s*(?:-|–|—|to|until|till|and|through)\s*"

# Order matters: ranges before single days, days before months alone.
DATE_PATTERNS = [
    (
        "range_dm",
        re.compile(
            rf"\b(?:from\s+)?(?P<d1>{D}){DASH}(?P<d2>{D})\s+(?P<m>{M})"
            rf"(?:,?\s+(?P<y>{Y}))?\b"
        ),
    ),
    (
        "range_md",
        re.compile(
            rf"\b(?:from\s+)?(?P<m>{M})\s+(?P<d1>{D}){DASH}(?P<d2>{D})\b"
            rf"(?:,?\s+(?P<y>{Y}))?"
        ),
    ),
    (
        "range_mdmd",
        re.compile(
            rf"\b(?:from\s+)?(?P<m1>{M})\s+(?P<d1>{D}){DASH}(?P<m>{M})\s+(?P<d2>{D})\b"
            rf"(?:,?\s+(?P<y>{Y}))?"
        ),
    ),
    (
        "range_dmdm",
        re.compile(
            rf"\b(?:from\s+)?(?P<d1>{D})\s+(?P<m1>{M}){DASH}(?P<d2>{D})"
            rf"\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?\b"
        ),
    ),
    ("dmy", re.compile(rf"\b(?P<d>{D})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{Y}))?\b")),
    ("mdy", re.compile(rf"\b(?P<m>{M})\s+(?P<d>{D})\b(?:,?\s+(?P<y>{Y}))?")),
    ("iso", re.compile(rf"\b(?P<y>{Y})-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b")),
    ("wd_range", re.compile(rf"\b(?:on|from)\s+(?P<w1>{WD}){DASH}(?P<w2>{WD})\b")),
    ("last_weekday", re.compile(rf"\b[Ll]ast\s+(?P<w>{WD})\b")),
    ("weekday", re.compile(rf"(?<!next )(?<!coming )(?<!last )(?<!Last )\b(?P<w>{WD})\b")),
    (
        "today",
        re.compile(
            r"\b(?:today|this morning|this afternoon|this evening|tonight)\b", re.IGNORECASE
        ),
    ),
    ("yesterday", re.compile(r"\byesterday\b", re.IGNORECASE)),
    (
        "vague",
        re.compile(
            r"(?<!later )(?<!Later )(?<!late )(?<!until )(?<!since )(?<!by )"
            r"\b(?:earlier\s+(?:this|in\s+the)\s+(?P<this>month|week)|"
            r"(?:earlier\s+)?this\s+(?P<this2>month|week)|last\s+(?P<last>month|week)|"
            r"(?P<recent>recently|last\s+weekend|a\s+few\s+days\s+ago|days\s+ago))\b",
            re.IGNORECASE,
        ),
    ),
    ("my", re.compile(rf"\b(?i:in|since|during|of)\s+(?P<m>{M})(?:,?\s+(?P<y>{Y}))?\b")),
    ("year", re.compile(rf"\b(?i:in|since|during)\s+(?P<y>{Y})\b")),
]


@dataclass(frozen=True)
class DateHit:
    """A date found in a sentence: ISO ``start`` (maybe partial) and optional ``end``."""

    start: str
    end: str | None
    kind: str
    pos: int  # offset inside the sentence


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def day_of(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def make(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, ref: datetime.date | None) -> datetime.date | None:
    """A day without a year: the reference year, or the previous one when that would put
    the day more than a week after the reference (a report looks back, not ahead)."""
    if ref is None:
        return None
    value = make(ref.year, month, day)
    if value and (value - ref).days > 7:
        value = make(ref.year - 1, month, day)
    return value


def last_weekday(weekday: int, ref: datetime.date) -> datetime.date:
    """The latest day on or before ``ref`` that falls on ``weekday``."""
    return ref - datetime.timedelta(days=(ref.weekday() - weekday) % 7)


def vague_month(g: dict, ref: datetime.date) -> str:
    """The month a vague period ("earlier this month", "last week") falls in when it
    is a single month, else "" (the period is a date, but no field can be filled)."""
    unit = g.get("this") or g.get("this2") or g.get("last")
    if not unit:
        return ""
    if unit.lower() == "month":
        if g.get("last"):
            first = ref.replace(day=1) - datetime.timedelta(days=1)
            return f"{first.year:04d}-{first.month:02d}"
        return f"{ref.year:04d}-{ref.month:02d}"
    monday = ref - datetime.timedelta(days=ref.weekday())
    if g.get("last"):
        monday -= datetime.timedelta(days=7)
        last = monday + datetime.timedelta(days=6)
    else:
        last = ref
    if monday.month != last.month:
        return ""
    return f"{monday.year:04d}-{monday.month:02d}"


def find_dates(sentence: str, *, ref: datetime.date | None, limit: int = 30) -> list[DateHit]:
    """Dates of ``sentence`` in order of position, overlapping hits dropped; at most
    ``limit`` hits of each pattern (a sentence never needs more; keeps time linear)."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in DATE_PATTERNS:
        for n, m in enumerate(pattern.finditer(sentence)):
            if n >= limit:
                break
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            hit = resolve(kind, m, ref)
            if hit is not None:
                hits.append(DateHit(hit[0], hit[1], kind, m.start()))
                taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.pos)
    return hits


def resolve(kind: str, m: re.Match, ref: datetime.date | None) -> tuple[str, str | None] | None:
    g = m.groupdict()
    if kind in ("range_dm", "range_md", "range_dmdm", "range_mdmd"):
        month = month_number(g["m"])
        month1 = month_number(g.get("m1") or g["m"])
        d1, d2 = day_of(g["d1"]), day_of(g["d2"])
        if g.get("y"):
            a, b = make(int(g["y"]), month1, d1), make(int(g["y"]), month, d2)
        else:
            b = infer_year(month, d2, ref)
            a = make(b.year, month1, d1) if b else None
        if a and b and a < b and (b - a).days <= 31:
            return a.isoformat(), b.isoformat()
        return None
    if kind in ("dmy", "mdy"):
        month, day = month_number(g["m"]), day_of(g["d"])
        value = make(int(g["y"]), month, day) if g.get("y") else infer_year(month, day, ref)
        return (value.isoformat(), None) if value else None
    if kind == "iso":
        value = make(int(g["y"]), int(g["mm"]), int(g["dd"]))
        return (value.isoformat(), None) if value else None
    if ref is None:
        return None
    if kind == "wd_range":
        b = last_weekday(WEEKDAYS[g["w2"].lower()], ref)
        a = b - datetime.timedelta(days=(WEEKDAYS[g["w2"].lower()] - WEEKDAYS[g["w1"].lower()]) % 7)
        return (a.isoformat(), b.isoformat()) if a < b else None
    if kind == "last_weekday":
        # "last Thursday" written on a Friday may mean yesterday or eight days ago: only
        # a day at least three days back is unambiguous.
        day = last_weekday(WEEKDAYS[g["w"].lower()], ref - datetime.timedelta(days=1))
        return (day.isoformat(), None) if (ref - day).days >= 3 else None
    if kind == "weekday":
        return last_weekday(WEEKDAYS[g["w"].lower()], ref).isoformat(), None
    if kind == "today":
        return ref.isoformat(), None
    if kind == "yesterday":
        return (ref - datetime.timedelta(days=1)).isoformat(), None
    if kind == "vague":
        return vague_month(g, ref), None
    if kind == "my":
        month = month_number(g["m"])
        if g.get("y"):
            return f"{int(g['y']):04d}-{month:02d}", None
        year = ref.year if month <= ref.month else ref.year - 1
        return f"{year:04d}-{month:02d}", None
    if kind == "year":
        return g["y"], None
    return None
