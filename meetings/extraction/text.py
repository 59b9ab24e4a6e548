"""Article layout: header line, title, dateline, paragraphs and sentences with offsets.

Everything here keeps offsets into the ORIGINAL text, so that evidence spans can be
shown by slicing it. All regular expressions are linear (no nested quantifiers over the
same characters) and are applied to bounded windows where they could be costly.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from meetings.extraction.dates import month_number
from meetings.extraction.gazetteer import read_words

HEADER_RE = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})[ \t]*([^\n]*)")

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(read_words("abbreviations.txt"))

SENTENCE_END_RE = re.compile(r"[.!?]+[\"'’”)\]]*(?=\s)|\n")

# Dateline: "ISLAMABAD, March 21:", "Baku, November 30.", "AMMAN —",
# "MONTAUBAN (France), 15 March —", "MOSCOW, Nov. 12 /TASS/.", "NEW DELHI, March 3 (PTI) -".
DATELINE_RE = re.compile(
    r"\A[ \t]*(?P<city>[A-Z][\w'’.]*(?:[ -][A-Z][\w'’.]*){0,3})"
    r"(?P<paren>[ \t]*\([^()\n]{1,60}\))?"
    r"(?P<rest>,(?:[ \t]*\([^()\n]{0,80}\)|[^\n:—–()]){0,80}?)?"
    r"[ \t]*(?P<sep>:|—|–|--|-(?=\s)|/[A-Za-z]+/\s*\.?|\.(?=\s+[A-Z]))"
)
DATELINE_DATE_RE = re.compile(
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?[ \t]+(?P<m1>[A-Z][a-z]{2,8})\.?"
    r"|(?P<m2>[A-Z][a-z]{2,8})\.?[ \t]+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)"
    r"(?:,?[ \t]+(?P<y>\d{4}))?"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` equals the original ``article[start:end]``."""

    start: int
    end: int
    text: str
    paragraph: int
    is_title: bool = False


@dataclass(frozen=True)
class Layout:
    """What the first lines of an article say and where its body starts."""

    published: datetime.date | None
    outlet: str | None
    title: str | None
    title_span: tuple[int, int] | None
    body_start: int
    dateline_city: str | None
    dateline_country: str | None
    dateline_date: datetime.date | None
    dateline_end: int


def parse_header(text: str) -> tuple[datetime.date | None, str | None, int]:
    """Publication date and outlet from ``" date 2019-11-14 Outlet"``; and where it ends.

    No header, or an impossible date, gives ``(None, None, 0)`` for that part.
    """
    m = HEADER_RE.match(text[:300])
    if not m:
        return None, None, 0
    try:
        published = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        published = None
    outlet = m.group(4).strip() or None
    return published, outlet, m.end()


def parse_layout(
    text: str, *, published: datetime.date | None, outlet: str | None, city_lookup, country_lookup
) -> Layout:
    """Header, title line and dateline of ``text``; caller's values win over the header.

    ``city_lookup(name)`` returns a gazetteer city or None and ``country_lookup(name)``
    an alpha-3 or None: a dateline counts only when its first words name a known city.
    """
    head_date, head_outlet, pos = parse_header(text)
    published = published or head_date
    outlet = outlet or head_outlet
    # Title: the first non-blank line after the header when it reads like a headline
    # (short, and the body follows after a blank line or another line).
    title = None
    title_span = None
    lines = iter_lines(text, pos, limit=6)
    if len(lines) >= 2:
        s, e = lines[0]
        line = text[s:e].strip()
        # A headline is short and has no full stop at the end; a lead sentence has one
        # (readers of HTML and feeds may pass the body without a headline).
        if 0 < len(line) <= 200 and not line.endswith(".") and not DATELINE_RE.match(line + " x"):
            title, title_span = (
                line,
                (s + (len(text[s:e]) - len(text[s:e].lstrip())), s + len(text[s:e].rstrip())),
            )
            pos = e
    dateline_city = dateline_country = None
    dateline_date = None
    dateline_end = pos
    # The dateline opens the first paragraph of the body (a repeated headline may come
    # first, as in syndicated copy, so look at the first three lines).
    for s, e in iter_lines(text, pos, limit=3):
        m = DATELINE_RE.match(text[s : min(e, s + 200)])
        if not m:
            continue
        raw_city = m.group("city").strip(" .")
        city = city_lookup(raw_city)
        words = raw_city.split()
        while city is None and len(words) > 1:
            # "ASTANA. KAZINFORM -": the agency's name follows the city.
            words = words[:-1]
            raw_city = " ".join(words).strip(" .")
            city = city_lookup(raw_city)
        if city is None:
            continue
        if (
            m.group("sep") == "."
            and not raw_city.isupper()
            and not (m.group("rest") and DATELINE_DATE_RE.search(m.group("rest")))
        ):
            continue  # "France. More than..." is a paragraph; "ASTANA. KAZINFORM" is not
        dateline_city = city.name if raw_city.isupper() else raw_city
        dateline_country = city.country
        for part in (m.group("paren"), m.group("rest")):
            if part:
                inner = part.strip(" ,()")
                code = country_lookup(inner)
                if code:
                    dateline_country = code
                    other = city_lookup(raw_city + ", " + inner)
                    if other:
                        dateline_city = other.name
                dm = DATELINE_DATE_RE.search(inner)
                if dm and published:
                    dateline_date = resolve_dateline_date(dm, published)
        dateline_end = s + m.end()
        break
    return Layout(
        published,
        outlet,
        title,
        title_span,
        pos,
        dateline_city,
        dateline_country,
        dateline_date,
        dateline_end,
    )


def resolve_dateline_date(m: re.Match, published: datetime.date) -> datetime.date | None:
    """The dateline's own day, taken only when it is at most three days before publication."""
    month = month_number(m.group("m1") or m.group("m2") or "")
    day = int(m.group("d1") or m.group("d2") or 0)
    if not month or not day:
        return None
    year = int(m.group("y")) if m.group("y") else published.year
    try:
        value = datetime.date(year, month, day)
    except ValueError:
        return None
    if value > published and not m.group("y"):
        try:
            value = value.replace(year=year - 1)
        except ValueError:
            return None
    if 0 <= (published - value).days <= 3:
        return value
    return None


def iter_lines(text: str, pos: int, *, limit: int) -> list[tuple[int, int]]:
    """Up to ``limit`` non-blank lines from ``pos`` as (start, end) spans."""
    out = []
    n = len(text)
    while pos < n and len(out) < limit:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if text[pos:end].strip():
            out.append((pos, end))
        pos = end + 1
    return out


def split_sentences(text: str, *, start: int, end: int) -> list[Sentence]:
    """Sentences of ``text[start:end]``: split at . ! ? before white space and at newlines.

    A full stop after a known abbreviation ("Mr.", "Nov.", "H.E.") or a list number at
    the start of a line ("1. The...") does not split. Blank lines start a new paragraph.
    Linear in the length of the span.
    """
    out: list[Sentence] = []
    paragraph = 0
    seg_start = start
    line_start = start
    blank_run = False
    for m in SENTENCE_END_RE.finditer(text, start, end):
        cut = m.end()
        if m.group() == "\n":
            if not text[line_start : m.start()].strip():
                if out and not blank_run:
                    paragraph += 1  # a blank line ends the paragraph
                blank_run = True
            else:
                blank_run = False
                if text[seg_start : m.start()].strip():
                    add_sentence(out, text, seg_start, m.start(), paragraph)
            seg_start = line_start = cut
            continue
        # Word before the stop.
        k = m.start()
        j = k
        while j > seg_start and (text[j - 1].isalnum()):
            j -= 1
        word = text[j:k].lower()
        if m.group()[0] == "." and (
            word in ABBREVIATIONS
            or (word.isdigit() and j - seg_start < 12 and not text[seg_start:j].strip())
        ):
            continue
        if m.group()[0] == "." and j > seg_start and text[j - 1] == "." and len(word) == 1:
            continue  # "U.S." / "H.E." inner dots
        add_sentence(out, text, seg_start, cut, paragraph)
        seg_start = cut
    if seg_start < end and text[seg_start:end].strip():
        add_sentence(out, text, seg_start, end, paragraph)
    return out


def add_sentence(out: list[Sentence], text: str, s: int, e: int, paragraph: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(s, e, text[s:e], paragraph))
