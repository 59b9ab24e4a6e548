"""What an article says of the next session of the same mechanism.

A sentence speaks of the next session when it says "next meeting/session/round",
"meet again", "would next meet", or names the following ordinal with a future verb
("the thirty-third session would be held"). It is ignored when it names a mechanism of
another kind ("the next Trilateral Summit" after a foreign ministers' meeting).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from meetings.extraction.gazetteer import NAME, gazetteer
from meetings.extraction.mechanism import find_mechanisms
from meetings.extraction.venue import find_venue
from meetings.extraction.vocab import ORDINAL_RE, ordinal_value

NEXT_RE = re.compile(
    r"\bnext\s+(?:[\w'’+-]+\s+){0,4}?(?:meeting|session|round|summit|edition|sitting|"
    r"consultations?|dialogue|talks)\b|\b(?:meet|convene)\s+again\b|\bnext\s+meet\b|"
    r"\bnext\s+(?:one|edition)\b",
    re.IGNORECASE,
)
FUTURE_RE = re.compile(
    r"\b(?:will|would|shall|to\s+be\s+held|agreed\s+to\s+hold|to\s+hold|"
    r"to\s+host|expected|scheduled|planned|is\s+to|are\s+to)\b",
    re.IGNORECASE,
)
GENERIC_HEADS = frozenset({"meeting", "session", "round", "edition", "sitting", "one"})


@dataclass(frozen=True)
class NextSession:
    number: int | None
    city: str | None
    country: str | None
    date: str | None
    sentence_index: int


def find_next_session(
    sentences: list,
    *,
    event_index: int,
    kind: str,
    number: int | None,
    published: datetime.date | None,
) -> NextSession | None:
    """The next session of the mechanism whose current session is reported at
    ``sentences[event_index]``; None when the article says nothing of it."""
    for idx in range(event_index, len(sentences)):
        text = sentences[idx].text
        m = NEXT_RE.search(text)
        stated = None
        head = None
        if m is None and number is not None:
            for om in ORDINAL_RE.finditer(text):
                if (
                    ordinal_value(om) == number + 1
                    and re.match(
                        r"\s+(?:meeting|session|round|summit|edition|sitting)\b",
                        text[om.end() :],
                        re.IGNORECASE,
                    )
                    and FUTURE_RE.search(text)
                ):
                    stated = number + 1
                    m = om
                    head = text[om.end() : om.end() + 20].split()[0].lower()
                    break
        if m is None:
            continue
        if not FUTURE_RE.search(text) and not re.search(
            r"\bnext\s+meet|\bmeet\s+again", text, re.IGNORECASE
        ):
            continue
        # Another mechanism's next meeting does not count.
        head = head or m.group().lower().split()[-1]
        mechs = find_mechanisms(text)
        # A bare "the Council" / "the group" refers back to the current mechanism.
        same = [
            mc for mc in mechs if mc.kind == kind or (not mc.parties and len(mc.name.split()) <= 2)
        ]
        other = [mc for mc in mechs if mc not in same]
        if head not in GENERIC_HEADS and head not in ("again", "meet") and not same:
            continue
        if (
            other
            and not same
            and head in GENERIC_HEADS
            and re.search(r"\bof\s+the\s+", text[m.end() : m.end() + 8])
        ):
            continue
        # "the next session of the UN General Assembly": a named body that is not ours.
        if not same and re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[m.end() : m.end() + 12]):
            continue
        if stated is None:
            for om in ORDINAL_RE.finditer(text[max(0, m.start() - 30) : m.end()]):
                value = ordinal_value(om)
                if value and number is not None and value == number + 1:
                    stated = value
        venue = find_venue(
            text, dateline_city=None, dateline_country=None, start=max(0, m.start() - 60)
        )
        city = venue.city if venue and not venue.virtual else None
        country = venue.country if venue and not venue.virtual else None
        if country is None:
            country = host_country(text)
        date = next_date(text, published=published)
        if stated is None and number is not None:
            stated = number + 1
        return NextSession(stated, city, country, date, idx)
    return None


def host_country(text: str) -> str | None:
    """ "the offer of the Republic of Turkey to host the next meeting" -> TUR."""
    m = re.search(r"\bto\s+host\b|\bwill\s+host\b|\bwould\s+host\b", text)
    if not m:
        return None
    ents = [e for e in gazetteer().entities(text[: m.start()]) if e.kind == NAME]
    return ents[-1].code if ents else None


def next_date(text: str, *, published: datetime.date | None) -> str | None:
    """A year or month for the next session: "in 2022", "next year", "in March 2025"."""
    m = re.search(
        r"\bin\s+(January|February|March|April|May|June|July|August|September|"
        r"October|November|December)\s+((?:19|20)\d{2})\b",
        text,
    )
    if m:
        month = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ].index(m.group(1).lower()) + 1
        return f"{m.group(2)}-{month:02d}"
    m = re.search(r"\b(?:in|during|by)\s+((?:19|20)\d{2})\b", text)
    if m:
        return m.group(1)
    if published is not None:
        if re.search(r"\bnext\s+year\b", text, re.IGNORECASE):
            return str(published.year + 1)
        if re.search(r"\b(?:later\s+)?this\s+year\b", text, re.IGNORECASE):
            return str(published.year)
    return None
