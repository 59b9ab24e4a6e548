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

from meetings.extraction.dates import find_dates
from meetings.extraction.gazetteer import NAME, gazetteer
from meetings.extraction.mechanism import find_mechanisms
from meetings.extraction.venue import find_venue
from meetings.extraction.vocab import ORDINAL_RE, ordinal_value

NEXT_RE = re.compile(
    r"\bnext\s+(?:[\w'’+()-]+\s+){0,4}?(?:meeting|session|round|summit|edition|sitting|"
    r"consultations?|dialogue|talks)\b|\b(?:meet|convene)\s+again\b|\bnext\s+meet\b|"
    r"\bnext\s+(?:one|edition)\b",
    re.IGNORECASE,
)
FUTURE_RE = re.compile(
    r"\b(?:will|would|shall|to\s+be\s+held|agreed\s+to\s+hold|to\s+hold|to\s+convene|"
    r"to\s+host|expected|scheduled|to\s+schedule|planned|is\s+to|are\s+to|"
    r"look(?:s|ing)?\s+forward\s+to)\b",
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


# "the next meeting of the Mechanism in Santiago": the current mechanism's head word
# alone, not followed by a name of its own.
BACK_REFERENCE_RE = re.compile(
    r"\s+of\s+the\s+(Mechanism|Commission|Committee|Council|Group|Dialogue|Forum)\b"
    r"(?!\s+(?:of|on|for)\b|\s+[A-Z])"
)


BACK_REFERENCE_KINDS = {
    "commission": ("joint-commission",),
    "committee": ("committee",),
    "council": ("summit", "ministerial", "other"),
    "group": ("joint-working-group", "expert-group"),
    "dialogue": ("dialogue",),
    "forum": ("other",),
}


def refers_back(after: str, kind: str) -> bool:
    """ "of the Commission" names the current mechanism when its kind fits the word."""
    m = BACK_REFERENCE_RE.match(after)
    if m is None:
        return False
    word = m.group(1).lower()
    return word == "mechanism" or kind in BACK_REFERENCE_KINDS.get(word, ())


def find_next_session(
    sentences: list,
    *,
    event_index: int,
    kind: str,
    number: int | None,
    published: datetime.date | None,
    session_year: int | None = None,
    session_month: int | None = None,
    name: str | None = None,
) -> NextSession | None:
    """The next session of the mechanism whose current session is reported at
    ``sentences[event_index]``; None when the article says nothing of it."""
    # The mechanism's own acronym, as the article defines it: "(JCBC)" after its name in
    # the event sentence or after a mention of the same kind elsewhere.
    acronyms = set(re.findall(r"\(([A-Z][A-Za-z]*[A-Z])\)", sentences[event_index].text))
    for sent in sentences:
        for mc in find_mechanisms(sent.text):
            am = re.search(r"\(([A-Z][A-Za-z]*[A-Z])\)\Z", mc.name)
            if am and mc.kind == kind:
                acronyms.add(am.group(1))
    own = "|".join(re.escape(a) for a in sorted(acronyms)) or r"(?!)"
    for idx in range(event_index, len(sentences)):
        text = sentences[idx].text
        m = NEXT_RE.search(text)
        stated = None
        head = None
        if m is None:
            am = re.search(r"\bnext\s+(?:" + own + r")\b", text)
            if am:
                m, head = am, "meeting"
        if m is None and "next" in text.lower():
            # "to hold the next FOC in New Delhi": a mechanism of the same kind after "next".
            for mc in find_mechanisms(text):
                nm = re.search(r"\bnext\s+\Z", text[max(0, mc.start - 12) : mc.start])
                if mc.kind == kind and nm:
                    m = re.compile(r"next\s+").search(text, mc.start - len(nm.group()))
                    head = "meeting"
                    break
        if m is None and number is not None:
            for om in ORDINAL_RE.finditer(text):
                if (
                    ordinal_value(om) == number + 1
                    and (
                        re.match(
                            # "the 11th political consultation": up to three words before
                            # a head word.
                            r"\s+(?:[a-z][\w-]*\s+){0,3}?(?:meeting|session|round|summit|"
                            r"edition|sitting|consultations?|dialogue|commission|committee)\b",
                            text[om.end() :],
                            re.IGNORECASE,
                        )
                        or re.match(r"\s+(?:" + own + r")\b", text[om.end() :])
                    )
                    and FUTURE_RE.search(text)
                ):
                    stated = number + 1
                    m = om
                    head = "meeting"
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
        same = [mc for mc in mechs if mc.kind == kind or bare_back_reference(mc, name)]
        other = [mc for mc in mechs if mc not in same]
        if head not in GENERIC_HEADS and head not in ("again", "meet") and not same:
            continue
        # "the next ministerial-level Joint Commission Meeting": the words after "next"
        # name another mechanism.
        if any(mc.start < m.end() and m.start() < mc.end for mc in other):
            continue
        if (
            other
            and not same
            and head in GENERIC_HEADS
            and re.search(r"\bof\s+the\s+", text[m.end() : m.end() + 8])
        ):
            continue
        # "the next session of the UN General Assembly": a named body that is not ours.
        if (
            not same
            and re.match(r"\s+of\s+(?:the\s+)?[A-Z]", text[m.end() : m.end() + 12])
            and not refers_back(text[m.end() : m.end() + 40], kind)
            # "the next session of the BNC": our own acronym is ours.
            and not re.match(r"\s+of\s+(?:the\s+)?(?:" + own + r")\b", text[m.end() :])
        ):
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
        date = next_date(
            text, published=published, session_year=session_year, session_month=session_month
        )
        if stated is None and number is not None:
            stated = number + 1
        return NextSession(stated, city, country, date, idx)
    return None


def bare_back_reference(mc, name: str | None) -> bool:
    """ "the Council" after the GCC Ministerial Council: a short name with no parties
    whose head word is in the current mechanism's name (when that name is known)."""
    if mc.parties or len(mc.name.split()) > 2:
        return False
    return name is None or mc.name.split()[-1].lower() in name.lower()


def host_country(text: str) -> str | None:
    """ "the offer of the Republic of Turkey to host the next meeting" -> TUR."""
    m = re.search(r"\bto\s+host\b|\bwill\s+host\b|\bwould\s+host\b", text)
    if not m:
        return None
    ents = [e for e in gazetteer().entities(text[: m.start()]) if e.kind == NAME]
    return ents[-1].code if ents else None


MONTHS = (
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
)
# "in March 2025", "scheduled for June 2024", "in early April 2025".
MONTH_YEAR_RE = re.compile(
    r"\b(?:in|during|(?:scheduled|planned|set|slated|due|tentatively)\s+for)\s+"
    r"(?:early\s+|late\s+|mid-?)?(" + "|".join(MONTHS) + r")"
    r",?\s+((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
# "in 2022", "in the first half of 2021", "in early 2023", "by the end of 2024".
YEAR_RE = re.compile(
    r"\b(?:in|during|by|(?:scheduled|planned|set|slated|due|tentatively)\s+for)\s+"
    r"(?:the\s+(?:(?:first|second|third|fourth|last)\s+"
    r"(?:half|quarter)|end|beginning|start|middle|course)\s+of\s+|early\s+|late\s+|mid-?)?"
    r"((?:19|20)\d{2})\b",
    re.IGNORECASE,
)


# "at the end of November", "in early March" with no year.
MONTH_ONLY_RE = re.compile(
    r"\b(?:in|during|(?:at|by|towards?)\s+the\s+(?:end|beginning|start|middle)\s+of|"
    r"(?:scheduled|planned|set|slated|due|tentatively)\s+for)\s+"
    r"(?:early\s+|late\s+|mid-?)?(" + "|".join(MONTHS) + r")\b(?!,?\s+\d)",
    re.IGNORECASE,
)


def next_date(
    text: str,
    *,
    published: datetime.date | None,
    session_year: int | None = None,
    session_month: int | None = None,
) -> str | None:
    """A day, month or year for the next session: "on 4 May 2024", "in March 2025", "in
    2022", "in the first half of 2021", "next year" (from the session's year), "at the end
    of November" (the first November after the session)."""
    # "tentatively scheduled to take place July 28-August 1, 2003": a day with its year
    # (without a reference day, only dates that carry their year resolve).
    for hit in find_dates(text, ref=None):
        if len(hit.start) == 10 and (session_year is None or int(hit.start[:4]) >= session_year):
            return hit.start
    m = MONTH_YEAR_RE.search(text)
    if m:
        month = MONTHS.index(m.group(1).lower()) + 1
        return f"{m.group(2)}-{month:02d}"
    m = YEAR_RE.search(text)
    if m:
        return m.group(1)
    year = session_year or (published.year if published is not None else None)
    m = MONTH_ONLY_RE.search(text)
    if m and year is not None:
        month = MONTHS.index(m.group(1).lower()) + 1
        after = session_month or (published.month if published is not None else None)
        if after is not None:
            return f"{year + (month < after):04d}-{month:02d}"
    if year is not None:
        if re.search(r"\bnext\s+year\b", text, re.IGNORECASE):
            return str(year + 1)
        if re.search(r"\b(?:later\s+)?this\s+year\b", text, re.IGNORECASE):
            return str(year)
    return None
