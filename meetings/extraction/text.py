"""Article layout: header line, title, dateline, paragraphs and sentences with offsets.

Everything here keeps offsets into the ORIGINAL text, so that evidence spans can be
shown by slicing it. All regular expressions are linear (no nested quantifiers over the
same characters) and are applied to bounded windows where they could be costly.
"""

from __future__ import annotations

import datetime
import itertools
import re
from dataclasses import dataclass

from meetings.extraction.dates import find_dates, month_number
from meetings.extraction.gazetteer import read_words

HEADER_RE = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})[ \t]*([^\n]*)")

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(read_words("abbreviations.txt"))

SENTENCE_END_RE = re.compile(r"[.!?]+[\"'’”)\]]*(?=\s)|\n")

# Dateline: "ISLAMABAD, March 21:", "Baku, November 30.", "AMMAN —",
# "MONTAUBAN (France), 15 March —", "MOSCOW, Nov. 12 /TASS/.", "NEW DELHI, March 3 (PTI) -".
DATELINE_RE = re.compile(
    r"\A[ \t]*(?P<city>[A-Z][\w'’.]*(?:[ -][A-Z][\w'’.]*){0,3}(?:/[A-Z][\w'’.]*)?)"
    r"(?P<paren>[ \t]*\([^()\n]{1,60}\))?"
    r"(?P<rest>,(?:[ \t]*\([^()\n]{0,80}\)|[^\n:—–()]){0,80}?)?"
    r"[ \t]*(?P<sep>:|—|–|--|-(?=\s)|/[A-Za-z]+/\s*\.?|\.(?=\s+[A-Z])|(?<=\))(?=\s+[A-Z]))"
)
# A dateline on a line of its own, perhaps after the time: "10:44 | Lima, Jul. 7.".
DATELINE_LINE_RE = re.compile(
    r"\A[ \t]*(?:\d{1,2}:\d{2}[ \t]*\|[ \t]*)?"
    r"(?P<city>[A-Z][\w'’.]*(?:[ -][A-Z][\w'’.]*){0,3})"
    r"(?P<paren>[ \t]*\([^()\n]{1,60}\))?"
    r"(?P<rest>,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?(?:,?[ \t]+\d{4})?)"
    r"(?P<sep>\.?)[ \t]*\Z"
)
# A city in capitals alone on its line before the lead: "NAIROBI, Kenya".
CAPS_DATELINE_LINE_RE = re.compile(
    r"\A[ \t]*(?P<city>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,2})(?P<paren>)"
    r"(?P<rest>,[ \t]*[A-Z][\w .]{1,30}?)?(?P<sep>)[ \t]*\Z"
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
    The header's remainder may be the outlet, the headline or the lead itself (feeds
    and scrapers fuse them); a body without a header may carry its date in a byline.
    """
    head_date, head_rest, pos = parse_header(text)
    title = None
    title_span = None
    if head_rest:
        rest_start = text.index(head_rest, 0, pos)
        following = iter_lines(text, pos, limit=1)
        next_line = text[following[0][0] : following[0][1]] if following else ""
        role = header_remainder_role(head_rest, city_lookup=city_lookup, next_line=next_line)
        if role == "body":
            head_rest, pos = None, rest_start
        elif role == "title":
            title, title_span = head_rest, (rest_start, rest_start + len(head_rest))
            head_rest = None
    published = published or head_date
    outlet = outlet or head_rest
    if title is None:
        title, title_span, pos = find_title(text, pos)
    if published is None:
        published = byline_date(text, pos)
    dateline_city = dateline_country = None
    dateline_date = None
    dateline_end = pos
    # The dateline opens the first paragraph of the body (a repeated headline may come
    # first, as in syndicated copy, so look at the first three lines).
    for s, e in iter_lines(text, pos, limit=3):
        line = text[s:e]
        m = (
            DATELINE_RE.match(text[s : min(e, s + 200)])
            or DATELINE_LINE_RE.match(line)
            or CAPS_DATELINE_LINE_RE.match(line)
        )
        if not m:
            continue
        # "Brasilia/Beijing, 25 May 2022 (TDI):" is filed from both; the first is "here".
        raw_city = m.group("city").split("/")[0].strip(" .")
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
                elif published is None:
                    # "(Agency - 20th November, 2020)": the dateline is the only date.
                    published = full_date(inner)
        dateline_end = s + m.end()
        break
    if dateline_city is None:
        placed = place_line(text, city_lookup=city_lookup, country_lookup=country_lookup)
        if placed is not None:
            dateline_city, dateline_country, day = placed
            published = published or day
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


# An outlet is a name ("UrduPoint.com", "The News", "By A. Writer"); a headline has more
# words; a lead is a sentence (it ends with a stop, or runs long).
OUTLET_MAX_WORDS = 5
LEAD_MIN_CHARS = 140


def header_remainder_role(rest: str, *, city_lookup, next_line: str) -> str:
    """What the text after the header's date is: "outlet", "title" or "body"."""
    rest = rest.strip()
    m = DATELINE_RE.match(rest + " x")
    if m and city_lookup(m.group("city").strip(" .")) is not None and m.end() < len(rest):
        return "body"
    if len(rest) >= LEAD_MIN_CHARS or (re.search(r"[.!?][\"'’”)]*\Z", rest) and " " in rest):
        return "body"
    if is_headline(next_line.strip()) and len(next_line.split()) > OUTLET_MAX_WORDS:
        return "outlet"  # the headline follows on its own line
    if len(rest.split()) <= OUTLET_MAX_WORDS and not VERB_RE.search(rest):
        return "outlet"
    return "title"


VERB_RE = re.compile(
    r"\b(?:hosts?|holds?|held|meets?|met|to|discuss\w*|sign\w*|agree\w*|talks?|open\w*|"
    r"conclude\w*|review\w*|begins?|ends?)\b",
    re.IGNORECASE,
)


def is_chrome(line: str) -> bool:
    """Navigation, share buttons and section names before the headline."""
    words = line.split()
    if len(words) <= 3:
        return True
    half = len(words) // 2
    return words[:half] == words[half : 2 * half]  # "Media Center Media Center"


def find_title(text: str, pos: int) -> tuple[str | None, tuple[int, int] | None, int]:
    """The headline among the first lines: the first line that reads like one (short,
    several words, no full stop at the end) after any page chrome, else the first line
    when it reads like one; the body starts after it. Without one, at ``pos``."""
    lines = iter_lines(text, pos, limit=8)
    if len(lines) < 2:
        return None, None, pos
    heads = []
    for n, (s, e) in enumerate(lines[:6]):
        line = text[s:e].strip()
        if not is_headline(line) or (
            n + 1 < len(lines) and CONTINUATION_RE.match(text, lines[n + 1][0])
        ):
            if n == 0 or not (is_chrome(line) or (len(line) <= 40 and full_date(line))):
                break
            continue
        heads.append((n, s, e, line))
    chosen = next((h for h in heads if not is_chrome(h[3]) and h[0] < len(lines) - 1), None)
    if chosen is None and heads and heads[0][0] == 0:
        chosen = heads[0]
    if chosen is None:
        return None, None, pos
    _, s, e, line = chosen
    lead = s + (len(text[s:e]) - len(text[s:e].lstrip()))
    return line, (lead, lead + len(line)), e


def is_headline(line: str) -> bool:
    """Short, without a full stop at the end (a lead sentence has one), not a dateline
    and not a bare date."""
    if not (0 < len(line) <= 200) or line.endswith("."):
        return False
    if len(line) <= 40 and full_date(line) is not None:
        return False
    m = DATELINE_RE.match(line + " x")
    # "ISLAMABAD, Nov 14:" is a dateline; "India, Uzbekistan Hold Talks - New Delhi" is not.
    return m is None or (not m.group("city").isupper() and m.end() > len(line) // 2)


BYLINE_DATE_RE = re.compile(
    r"\b(?:published|posted|updated|released|issued)\b[^\n\d]{0,30}?"
    r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)


# A date line of its own: "12/16/2024 3:04:46 PM" (month first), "08.10.2023 01:39"
# (day first, as dotted dates are written).
NUMERIC_DATE_LINE_RE = re.compile(
    r"\A\s*(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?\s*\Z"
)


def numeric_date(m: re.Match) -> datetime.date | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    month, day = (b, a) if m["sep"] == "." or a > 12 else (a, b)
    try:
        return datetime.date(y, month, day)
    except ValueError:
        return None


def full_date(line: str) -> datetime.date | None:
    """The one complete date (day, month and year) of a byline or dateline fragment."""
    line = re.sub(r"(\d),(?=(?:19|20)\d\d)", r"\1, ", line)  # "Feb 21,2022"
    # Page chrome scraped without its spacing: "News announcement3 March 2020Directorate".
    line = re.sub(r"(?<=[a-z])(?=\d)|(?<=\b(?:19|20)\d\d)(?=[A-Z])", " ", line)
    for hit in find_dates(line, ref=None):
        if hit.kind in ("dmy", "mdy", "iso") and len(hit.start) == 10:
            return datetime.date.fromisoformat(hit.start)
    return None


PLACE_LINE_RE = re.compile(
    r"\s*(?P<city>[A-Z][\w.'’ -]{1,40}?)(?:,\s*(?P<rest>[A-Z][\w. ]{1,30}))?\s*"
)


def place_line(text: str, *, city_lookup, country_lookup) -> tuple[str, str, datetime.date] | None:
    """A press release's place line and date line ("New Delhi" then "February 28,
    2007"; "Washington, DC" then "March 24, 2006"): the dateline, set out on two lines."""
    lines = iter_lines(text, 0, limit=40)
    for (s, e), (s2, e2) in itertools.pairwise(lines):
        m = PLACE_LINE_RE.fullmatch(text, s, e)
        if m is None or e2 - s2 > 40:
            continue
        city = city_lookup(m.group("city"))
        day = full_date(text[s2:e2]) if city is not None else None
        if day is None:
            continue
        country = city.country
        if m.group("rest") and country_lookup(m.group("rest")):
            country = country_lookup(m.group("rest"))
        return city.name, country, day
    return None


def byline_date(text: str, pos: int) -> datetime.date | None:
    """A publication date printed in the body when there is no header: a short byline
    or date line near the top ("Mar 27, 2019", "posted 2 Apr 2012", "Published:
    11/7/2019") or a "Published in ..., November 11th, 2022" line at the end."""
    near = iter_lines(text, 0, limit=14)
    tail_start = max(0, len(text) - 400)
    candidates = [text[s:e] for s, e in near] + text[tail_start:].splitlines()[-4:]
    for line in candidates:
        if re.search(r"By\s+[A-Z]", line[:60]) and len(line) > 90:
            # A byline fused with the lead: "By A. Writer/Agency October 03, 2017 Colombia".
            value = full_date(line[:100])
            if value is not None:
                return value
        numeric = NUMERIC_DATE_LINE_RE.match(line)
        if numeric:
            value = numeric_date(numeric)
            if value is not None:
                return value
        m = BYLINE_DATE_RE.search(line)
        if m:
            try:
                return datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
        cued = re.search(r"\b(?:published|posted|updated)\b", line, re.IGNORECASE)
        # A short line that is a sentence ("The first meeting was held on May 7, 2012.")
        # dates an event, not the article.
        sentence = re.search(r"\b(?:was|were|is|are|has|had|will|held|met)\b", line)
        if cued or (len(line) <= 90 and not sentence):
            value = full_date(line[:200])
            if value is not None:
                return value
    return None


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
    bridging = False
    for m in SENTENCE_END_RE.finditer(text, start, end):
        cut = m.end()
        if m.group() == "\n":
            if not text[line_start : m.start()].strip():
                if bridging:
                    line_start = cut  # a stray blank line inside a sentence
                    continue
                if out and not blank_run:
                    paragraph += 1  # a blank line ends the paragraph
                blank_run = True
            else:
                blank_run = False
                bridging = False
                if is_soft_wrap(text, line_start, m.start(), end):
                    line_start = cut  # a hard-wrapped line: the sentence goes on
                    continue
                if continues_after_blank(text, line_start, m.start(), end):
                    bridging = True
                    line_start = cut
                    continue
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


# Words that cannot end a sentence: a line ending in one goes on in the next line.
CONTINUING_WORDS = frozenset(read_words("continuing_words.txt"))
WRAP_MIN_CHARS = 40
LINE_END_RE = re.compile(r"[.!?:;][\"'’”)\]]*\s*\Z|[\"”]\s*\Z")
ITEM_START_RE = re.compile(r"\s*(?:[-•*–·]|\d{1,2}[.)]\s|[A-Z][a-z]?\))")


def is_soft_wrap(text: str, line_start: int, line_end: int, end: int) -> bool:
    """A line break inside a sentence: the line does not end like a sentence, the next
    line is not blank and not a list item, and either the next line starts in lower
    case or the line ends with a word that cannot end a sentence or is long like the
    lines of a wrapped paragraph."""
    line = text[line_start:line_end].rstrip()
    if not line or LINE_END_RE.search(line):
        return False
    nxt_start = line_end + 1
    nxt_end = text.find("\n", nxt_start, end)
    nxt = text[nxt_start : end if nxt_end < 0 else nxt_end]
    if not nxt.strip() or ITEM_START_RE.match(nxt):
        return False
    first = nxt.lstrip()[:1]
    if first.islower() or first in ".,;:)" or line.endswith((",", "-", "&")):
        return True
    last = line.rsplit(None, 1)[-1].lower()
    if last in CONTINUING_WORDS:
        return True
    long_lines = len(line) >= WRAP_MIN_CHARS and len(nxt.strip()) >= WRAP_MIN_CHARS // 2
    return long_lines and first.isalnum()


# A line that can only go on a sentence begun before it: a lower-case word, or an
# acronym in brackets and then one ("(JPCC) begins in Harare").
CONTINUATION_RE = re.compile(r"[ \t]*(?:[a-z]|\([A-Z][A-Za-z&.-]{1,11}\)[ \t]+[a-z])")


def continues_after_blank(text: str, line_start: int, line_end: int, end: int) -> bool:
    """A sentence broken by a blank line (scraped pages put one where the page had a
    line break): the line does not end like a sentence, and the next line that is not
    blank can only continue it."""
    line = text[line_start:line_end].rstrip()
    if not line or LINE_END_RE.search(line) or ITEM_START_RE.match(line):
        return False
    pos = line_end + 1
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        if text[pos:stop].strip():
            return stop > pos and CONTINUATION_RE.match(text, pos) is not None
        if nl < 0:
            return False
        pos = nl + 1
    return False


def add_sentence(out: list[Sentence], text: str, s: int, e: int, paragraph: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(s, e, text[s:e], paragraph))
