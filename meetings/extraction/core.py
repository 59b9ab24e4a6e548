"""Entry points: ``extract`` (text to report) and ``extract_file`` (path to report)."""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass

from meetings.extraction import classify
from meetings.extraction.dates import find_dates
from meetings.extraction.delegations import find_heads
from meetings.extraction.gazetteer import ORG, PREFIX, gazetteer
from meetings.extraction.mechanism import find_mechanisms
from meetings.extraction.members import member_parties, membership
from meetings.extraction.nextsession import find_next_session
from meetings.extraction.report import (
    DelegationReport,
    Evidence,
    NextSessionReport,
    Report,
    SeriesReport,
    SessionReport,
)
from meetings.extraction.text import Layout, Sentence, parse_layout, split_sentences
from meetings.extraction.venue import VIRTUAL_RE, find_venue
from meetings.extraction.vocab import ORDINAL_RE, SESSION_NOUNS, ordinal_value

# News articles are far shorter; beyond this the text is not read (keeps time bounded).
MAX_BODY = 200_000
DATE_KINDS = (
    "range_mdmd",
    "range_dm",
    "range_md",
    "range_dmdm",
    "dmy",
    "mdy",
    "iso",
    "wd_range",
    "weekday",
    "last_weekday",
    "today",
    "yesterday",
    "my",
    "year",
)
# Days counted from the reference; a vague period ("earlier this month") in the same
# sentence dates the session instead ("held ... earlier this month, the ministry said
# on Friday").
RELATIVE_KINDS = ("wd_range", "weekday", "last_weekday", "today", "yesterday")


class ExtractionInputError(Exception):
    """A file that cannot be read as an article: missing, unreadable, non-UTF-8, empty."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def extract(
    text: str, *, source: str, published: datetime.date | None = None, outlet: str | None = None
) -> Report:
    """Turn one article's text into a Report; never raises.

    ``text`` is the whole file (an optional `` date YYYY-MM-DD Outlet`` header line, a
    title line, the body). ``published`` and ``outlet`` from the caller win over the
    header. Input that is not an article gives ``Report(meeting=False, reason=...)``.
    Time is linear in the input; only the first 200,000 characters are read.
    """
    if not isinstance(text, str):
        return Report(
            source=source,
            meeting=False,
            published=published,
            outlet=outlet,
            reason="input is not text",
        )
    try:
        return extract_report(text, source=source, published=published, outlet=outlet)
    except Exception as exc:
        return Report(
            source=source,
            meeting=False,
            published=published,
            outlet=outlet,
            reason=f"extraction failed: {type(exc).__name__}",
        )


def extract_file(path: str) -> Report:
    """Read ``path`` as UTF-8 and extract it; raise ExtractionInputError for bad files."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise ExtractionInputError(path, "no such file") from None
    except IsADirectoryError:
        raise ExtractionInputError(path, "is a directory") from None
    except OSError as exc:
        raise ExtractionInputError(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is not part of the text
    except UnicodeDecodeError as exc:
        raise ExtractionInputError(path, f"not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise ExtractionInputError(path, "empty file")
    return extract(text, source=os.path.basename(path))


def negative(base: dict, reason: str, cues: tuple[str, ...] = ()) -> Report:
    return Report(meeting=False, reason=reason, cues=cues, **base)


@dataclass(frozen=True)
class Article:
    """The article as the steps read it: its layout, headline and body sentences."""

    text: str
    layout: Layout
    title: Sentence | None
    body: list[Sentence]
    body_start: int

    @property
    def ref(self) -> datetime.date | None:
        """The day relative dates count from: the dateline's, else publication."""
        return self.layout.dateline_date or self.layout.published

    @property
    def published(self) -> datetime.date | None:
        return self.layout.published

    @property
    def year_end(self) -> datetime.date | None:
        """Without any date, the last day of the year a headline names ("Joint statement
        AUSMIN 2017"): enough to give "On 5 June" its year."""
        if self.title is None:
            return None
        years = set(re.findall(r"\b((?:19|20)\d\d)\b", self.title.text))
        return datetime.date(int(years.pop()), 12, 31) if len(years) == 1 else None

    def base(self, source: str) -> dict:
        layout = self.layout
        return {
            "source": source,
            "published": layout.published,
            "outlet": layout.outlet,
            "title": layout.title,
            "dateline_city": layout.dateline_city,
        }


@dataclass
class Sides:
    """Who meets: the parties (states), organisations, and which parties the article
    named itself (the rest are an organisation's members)."""

    parties: list[str]
    organizations: list[str]
    named: list[str]

    @property
    def members_added(self) -> bool:
        return self.parties != self.named


def extract_report(
    text: str, *, source: str, published: datetime.date | None, outlet: str | None
) -> Report:
    """The pipeline, one named step each: layout, candidates and decision, sides, dates,
    venue, heads, next session; then the report with the sentence behind each fact."""
    article = read_article(text, published=published, outlet=outlet)
    base = article.base(source)
    if not article.body:
        return negative(base, "no article body")
    decision = classify.decide(article.body, title=article.title, ref=article.ref)
    if decision.best is None:
        return negative(base, decision.reason, decision.cues)
    best = decision.best
    sides = find_sides(article, best)
    start, end, date_sent = session_dates(
        article.body,
        best.sentence_index,
        ref=article.ref or article.year_end,
        published=article.published,
        near=best.mech.end,
        dateline_date=article.layout.dateline_date,
        number=best.mech.number,
    )
    add_members(article, best, sides, start=start)
    venue = session_venue(
        article.body,
        best.sentence_index,
        layout=article.layout,
        parties=sides.parties,
        title=article.title,
    )
    heads = find_session_heads(article, best, sides, host=venue[1])
    if len(sides.parties) < 2 and not sides.organizations:
        return negative(base, "mechanism without two states or an organisation", decision.cues)
    return assemble(article, base, decision, sides, heads, venue, start, end, date_sent)


def read_article(text: str, *, published: datetime.date | None, outlet: str | None) -> Article:
    """Step "layout": header, headline, dateline and the body's sentences."""
    gaz = gazetteer()
    layout = parse_layout(
        text[:MAX_BODY],
        published=published,
        outlet=outlet,
        city_lookup=gaz.city,
        country_lookup=gaz.country_code,
    )
    # The dateline ("ISLAMABAD, March 21:") is not part of the first sentence: its date is
    # the day of the report, not of the meeting.
    body_start = max(layout.body_start, layout.dateline_end)
    body = split_sentences(text, start=body_start, end=min(len(text), MAX_BODY))
    title = None
    if layout.title_span:
        s, e = layout.title_span
        title = Sentence(s, e, text[s:e], -1)
    return Article(text, layout, title, body, body_start)


def find_sides(article: Article, best: classify.Candidate) -> Sides:
    """Step "parties": the mechanism's own parties, else those of the headline and lead,
    else the two states of its sentence or the one organisation of the lead."""
    parties = list(best.parties)
    organizations = list(best.organizations)
    if len(parties) < 2 and not organizations:
        # "Foreign Office Consultations between the two countries": the headline or the
        # lead names them.
        title = [article.title] if article.title else []
        for other in title + article.body[:2]:
            groups = classify.party_groups(other.text)
            if groups:
                parties = classify.merge(parties, groups[0])
                break
    if (
        len(parties) < 2
        and not organizations
        and TWO_STATES_RE.search(article.body[best.sentence_index].text)
    ):
        # "The Permanent Joint Commission of the two nations met": the two states the
        # headline and the lead name, however they name them.
        parties = classify.merge(parties, lead_states(article, best.sentence_index + 1))
    if len(parties) < 2 and not organizations:
        parties, organizations = classify.implied_sides(
            article.body[best.sentence_index],
            parties=parties,
            title=article.title,
            body=article.body,
            mech=best.mech,
        )
    sent = article.body[best.sentence_index].text
    own_name = sent[max(0, best.mech.start - 20) : best.mech.end]
    if not organizations and len(parties) < 3 and THREE_SIDES_RE.search(own_name):
        # "A tripartite summit ... between Egyptian President X and his Cypriot
        # counterpart Y, along with Greek Prime Minister Z": the third state is in the
        # sentence.
        gaz = gazetteer()
        states = [e.code for e in gaz.entities(sent) if e.kind not in (ORG, PREFIX)]
        named = classify.merge(parties, list(dict.fromkeys(states)))
        if len(named) == 3:
            parties = named
    if not organizations and len(parties) != 2:
        # A list of those who attended widens the sides the lead named (never a pair).
        present = attendees(article.body, best.sentence_index)
        if set(parties) <= set(present):
            parties = merge_unique(parties, present)
    return Sides(parties, organizations, list(parties))


def lead_states(article: Article, upto: int) -> list[str]:
    """The two states the headline and the first ``upto`` sentences name; [] unless
    exactly two (never enough alone: a domestic council's lead may name two)."""
    title = [article.title] if article.title else []
    states: list[str] = []
    for other in title + article.body[:upto]:
        for e in gazetteer().entities(other.text):
            if e.kind not in (ORG, PREFIX) and e.code not in states:
                states.append(e.code)
    return states if len(states) == 2 else []


TWO_STATES_RE = re.compile(
    r"\b(?:the|both)\s+(?:two\s+)?(?:nations|countries|states|neighbou?rs|governments)\b",
    re.IGNORECASE,
)
THREE_SIDES_RE = re.compile(r"\b(?:tripartite|trilateral|three-way)\b", re.IGNORECASE)


# "The conference was attended by the Foreign Ministers of Turkey, Pakistan, Iran ...":
# a multilateral meeting's parties are the states in its attendance list.
ATTENDED_BY_RE = re.compile(
    r"\b(?:was|were)\s+attended\s+by\b|\bwith\s+the\s+participation\s+of\b|"
    # "Delegations from the following countries attended: A, B and C."
    r"\bthe\s+following\s+(?:countries|states|member\s+states|delegations)\b[^.:;]{0,40}:",
    re.IGNORECASE,
)


def attendees(body: list[Sentence], idx: int, *, with_own_sentence: bool = False) -> list[str]:
    """States of the attendance list near the session's sentence; with the states that
    sentence names itself (the chair, the host) when ``with_own_sentence``."""
    gaz = gazetteer()
    own = [e.code for e in gaz.entities(body[idx].text) if e.kind not in (ORG, PREFIX)]
    for k in range(idx, min(len(body), idx + 4)):
        m = ATTENDED_BY_RE.search(body[k].text)
        if m is None:
            continue
        states = []
        for e in gaz.entities(body[k].text[m.end() :]):
            if e.kind not in (ORG, PREFIX) and e.code not in states:
                states.append(e.code)
        if len(states) >= 2:
            return merge_unique(states, own) if with_own_sentence else states
    return []


def merge_unique(a: list[str], b: list[str]) -> list[str]:
    return a + [x for x in b if x not in a]


def add_members(
    article: Article, best: classify.Candidate, sides: Sides, *, start: str | None
) -> None:
    """An organisation's own mechanism: its members that take part are parties."""
    if not sides.organizations:
        return
    published = article.published
    year = int(start[:4]) if start else (published.year if published else None)
    sides.parties = member_parties(
        article.text[article.body_start : MAX_BODY],
        organizations=sides.organizations,
        parties=sides.parties,
        year=year,
        attendance=attendees(article.body, best.sentence_index, with_own_sentence=True),
    )


def find_session_heads(
    article: Article, best: classify.Candidate, sides: Sides, *, host: str | None = None
) -> list:
    """Step "heads": one named head per side; sides found only through their heads
    ("China-Central Asia Summit") are added to the parties. ``host`` is the state of the
    venue ("A and B hosted C and D in Sydney": A and B are Australia's)."""
    idx = best.sentence_index
    sent = article.body[idx]
    parties = sides.parties
    order_hint = [c for g in classify.party_groups(sent.text)[:1] for c in g] or parties
    # One state named with a region ("China-Central Asia Summit"): the heads named at the
    # session say who the other parties are.
    open_sides = len(parties) == 1 and not sides.organizations
    # An organisation whose members sit as parties is not a side of its own.
    # Other sentences reporting the same session ("... hosted the 3rd India-Japan 2+2
    # Dialogue" after a lead that names it) may say who led the sides.
    number = best.mech.number
    related = [
        k
        for k, other in enumerate(article.body)
        if k != idx
        and number is not None
        and classify.DONE_RE.search(other.text)
        and any(
            m.number == number and set(m.parties) == set(parties)
            for m in find_mechanisms(other.text)
        )
    ]
    heads = find_heads(
        article.body,
        event_index=idx,
        related=related,
        parties=[] if open_sides else parties,
        organizations=[] if sides.members_added else sides.organizations,
        order_hint=order_hint,
        # With an organisation's members as parties, only a partner it meets ("ASEAN-
        # India") can be found by elimination.
        by_elimination=partners(sides) if sides.members_added else True,
        host=host,
    )
    if open_sides:
        heads = [h for h in heads if h.sentence_index == idx] or [
            h for h in heads if h.party in parties
        ]
    if len(parties) < 2 and not sides.organizations:
        for h in heads:
            if h.party not in parties and len(h.party) == 3:
                parties.append(h.party)
    return heads


def partners(sides: Sides) -> list[str]:
    """The states named as meeting an organisation whose members sit as parties."""
    members = {c for org in sides.organizations for c, _ in membership().get(org, ())}
    return [p for p in sides.named if p not in members]


def assemble(
    article: Article,
    base: dict,
    decision: classify.Decision,
    sides: Sides,
    heads: list,
    venue: tuple,
    start: str | None,
    end: str | None,
    date_sent: Sentence,
) -> Report:
    """Step "next session", then the report with its evidence."""
    best = decision.best
    mech = best.mech
    body, title, layout = article.body, article.title, article.layout
    idx = best.sentence_index
    sent = body[idx]
    parties = sides.parties
    evidence: list[Evidence] = []

    def cite(fact: str, value, s: Sentence) -> None:
        evidence.append(Evidence(fact, str(value), s.start, s.end))

    named = body[best.mention_index] if best.mention_index is not None else sent
    cite("meeting", "true", sent)
    cite("series.name", mech.name, named)
    cite("series.kind", mech.kind, named)
    cite("series.parties", ",".join(sorted(parties)), sent)
    if mech.topic:
        cite("series.topic", mech.topic, named)
    number = mech.number
    if number is not None:
        cite("session.number", number, sent)
    if number is None and title is not None:
        for tm in find_mechanisms(title.text):
            if tm.kind == mech.kind and tm.number is not None:
                number = tm.number
                cite("session.number", number, title)
                break
    if number is None:
        later = later_number(body, idx, mech)
        if later is not None:
            number, k = later
            cite("session.number", number, body[k])
    if start:
        cite("session.start", start, date_sent)
    if end:
        cite("session.end", end, date_sent)
    city, country, virtual, venue_sent = venue
    if virtual:
        cite("session.virtual", "true", venue_sent)
    elif city or country:
        cite("session.city", city or country, venue_sent)
    delegations = []
    for h in heads:
        delegations.append(DelegationReport(party=h.party, head=h.name, title=h.title))
        cite(f"delegation.{h.party}.head", h.name, body[h.sentence_index])
        if h.title:
            cite(f"delegation.{h.party}.title", h.title, body[h.sentence_index])
    # "next year" counts from the session's year when it is known.
    session_year = int(start[:4]) if start else None
    session_month = int(start[5:7]) if start and len(start) >= 7 else None
    nxt = find_next_session(
        body,
        event_index=idx,
        kind=mech.kind,
        number=number,
        published=layout.published,
        session_year=session_year,
        session_month=session_month,
        name=mech.name,
    )
    next_report = None
    if nxt is not None:
        next_report = NextSessionReport(nxt.number, nxt.city, nxt.country, nxt.date)
        ns = body[nxt.sentence_index]
        if nxt.city or nxt.country:
            cite("next_session.city", nxt.city or nxt.country, ns)
        if nxt.date:
            cite("next_session.date", nxt.date, ns)
        if nxt.number:
            cite("next_session.number", nxt.number, ns)
    return Report(
        meeting=True,
        series=SeriesReport(
            name=series_name(mech.name, parties=parties, organizations=sides.organizations),
            kind=mech.kind,
            parties=tuple(sorted(parties)),
            organizations=tuple(sorted(sides.organizations)),
            topic=mech.topic,
        ),
        session=SessionReport(
            number=number, start=start, end=end, city=city, country=country, virtual=virtual
        ),
        delegations=tuple(delegations),
        next_session=next_report,
        evidence=tuple(evidence),
        cues=decision.cues,
        **base,
    )


def later_number(body: list[Sentence], idx: int, mech) -> tuple[int, int] | None:
    """The session's ordinal from a sentence soon after the one that names it: "The
    summit, the eighth between the leaders, ...", "the 27th AUSMIN meeting", "during the
    third JCC"; (number, sentence index)."""
    words = (mech.extra.get("head") or mech.name or "").split()
    head = re.sub(r"\W", "", words[-1].lower()) if words else ""
    acronyms = set(re.findall(r"\(([A-Z][A-Za-z]*[A-Z])\)", body[idx].text + " " + mech.name))
    forms = []
    if head.isalpha():
        forms.append(rf"\b(?:the|this)\s+{head}\s*,\s+the\s+(?={ORDINAL})")
    if acronyms:
        forms.append(rf"\bthe\s+(?={ORDINAL}\s+(?:{'|'.join(sorted(acronyms))})\b)")
    if not forms:
        return None
    pattern = re.compile("|".join(forms), re.IGNORECASE)
    for k in range(idx, min(len(body), idx + 4)):
        text = body[k].text
        if classify.HISTORY_RE.search(text) or classify.FUTURE_BEFORE_RE.search(text):
            continue
        m = pattern.search(text)
        if m is None:
            continue
        om = ORDINAL_RE.match(text, m.end())
        value = ordinal_value(om) if om else None
        if value:
            return value, k
    return None


# The ordinal pattern without its named groups, to sit in a lookahead more than once.
ORDINAL = re.sub(r"\(\?P<\w+>", "(?:", ORDINAL_RE.pattern)


ABSOLUTE_KINDS = ("range_dm", "range_md", "range_dmdm", "range_mdmd", "dmy", "mdy", "iso")
REPORTED_RE = re.compile(
    r"\b(?:said|says|reported|announced|stated|told|added|noted|published|released)\s+(?:on\s+)?\Z",
    re.IGNORECASE,
)


def pick_date(
    sentence: str,
    *,
    ref: datetime.date | None,
    published: datetime.date | None,
    near: int | None = None,
) -> tuple[str | None, str | None]:
    """The session's day (or span) in one sentence; never a future day, never one that is
    a year older than the reference. With ``near`` (where the mechanism is named), a
    span right after the name ("..., meeting from August 29th to September 1st") wins
    over other dates of the sentence (a byline fused into it)."""
    hits = find_dates(sentence, ref=ref)
    if near is not None:
        after = [h for h in hits if h.end and 0 <= h.pos - near <= 60]
        hits = after + [h for h in hits if h not in after]
    vague = [h for h in hits if h.kind == "vague"]
    absolute = any(len(h.start) == 10 and h.kind in ABSOLUTE_KINDS for h in hits)
    for hit in hits:
        before = sentence[max(0, hit.pos - 8) : hit.pos + 5].lower()
        if "since" in before or "next" in before:
            continue
        if (
            absolute
            and hit.kind in RELATIVE_KINDS
            and REPORTED_RE.search(sentence[max(0, hit.pos - 30) : hit.pos])
        ):
            continue  # "reported on Friday that ... took place on July 28-29"
        if vague and hit.kind in RELATIVE_KINDS:
            hit = vague[0]
        if hit.kind == "vague":
            return hit.start or None, None
        if hit.kind == "year" and (published is None or hit.start != str(published.year)):
            continue
        if hit.kind not in DATE_KINDS:
            continue
        if ref is not None and len(hit.start) == 10:
            day = datetime.date.fromisoformat(hit.start)
            if (day - ref).days > 1 or (ref - day).days > 400:
                continue
            span = MULTI_DAY_RE.search(sentence)
            if (
                hit.end is None
                and span
                and CLOSING_RE.search(sentence[max(0, hit.pos - 80) : hit.pos])
            ):
                # "the two-day meeting concluded on Wednesday": it began the day before.
                days = MULTI_DAY_WORDS[span.group(1).lower()]
                first = day - datetime.timedelta(days=days - 1)
                return first.isoformat(), hit.start
        return hit.start, hit.end
    return None, None


MULTI_DAY_WORDS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
MULTI_DAY_RE = re.compile(r"\b(two|three|four|2|3|4)-day\b", re.IGNORECASE)
CLOSING_RE = re.compile(
    r"\b(?:concluded|ended|closed|wrapped\s+up|came\s+to\s+a\s+close)\b", re.IGNORECASE
)


# "The Forum was held in Niue from 19-20 August": a later sentence that says the session
# took place dates it.
HELD_RE = re.compile(
    rf"\b(?:(?:was|were)\s+(?:held|convened)|took\s+place|{SESSION_NOUNS}\s+(?:held|convened))\b",
    re.IGNORECASE,
)


def opens_with_date(text: str) -> bool:
    """ "On June 8, 2011, the two delegations ...": a lead that opens with its day."""
    # Any reference day will do: only where the first date stands matters.
    hits = find_dates(text[:80], ref=datetime.date(2000, 1, 1))
    return bool(hits) and re.fullmatch(r"\s*(?:On|From)\s+", text[: hits[0].pos]) is not None


def session_dates(
    body: list[Sentence],
    idx: int,
    *,
    ref,
    published,
    near: int | None = None,
    dateline_date: datetime.date | None = None,
    number: int | None = None,
):
    """Step "dates": the session's day or span, from its sentence, else from the lead
    that opens with a date or dates it, else from a later sentence saying it was held;
    else, for a lead in the present tense ("Ministers take part in the 5th meeting"),
    the day of its dateline."""
    start, end = pick_date(body[idx].text, ref=ref, published=published, near=near)
    if start:
        return start, end, body[idx]
    for k in range(min(idx, 2)):
        text = body[k].text
        if (idx == 1 or opens_with_date(text)) and not classify.HISTORY_RE.search(text):
            # "X said here on Saturday ... He made the remarks as he held the third round":
            # the lead sentence dates the event the next one names.
            start, end = pick_date(text, ref=ref, published=published)
            if start:
                return start, end, body[k]
    acronym = own_acronym(body[idx].text)
    kind = next((m.kind for m in find_mechanisms(body[idx].text)), None)
    for k in range(idx + 1, min(len(body), idx + 4)):
        text = body[k].text
        # "The JPCC was sealed on Tuesday in Nairobi", "On June 8, X and Y held the
        # fifteenth round of the consular consultations": the session again, done.
        again = classify.DONE_RE.search(text) is not None and (
            (acronym is not None and re.search(rf"\b{acronym}\b", text) is not None)
            or (k <= idx + 2 and any(m.kind == kind for m in find_mechanisms(text)))
        )
        if not (again or HELD_RE.search(text) or SAYS_HELD_RE.search(text)):
            continue
        if classify.HISTORY_RE.search(text) or classify.FUTURE_BEFORE_RE.search(text):
            continue
        if number is not None and names_other_session(text, number):
            continue  # "The first meeting of the JCC was held ... in 2012"
        start, end = pick_date(text, ref=ref, published=published)
        if start:
            return start, end, body[k]
    if dateline_date is not None and idx <= 2 and PRESENT_EVENT_RE.search(body[idx].text):
        return dateline_date.isoformat(), None, body[idx]
    return None, None, body[idx]


def names_other_session(text: str, number: int) -> bool:
    """ "The first meeting of the JCC was held on May 7, 2012" beside the second."""
    for om in ORDINAL_RE.finditer(text):
        value = ordinal_value(om)
        if value and value != number and OTHER_SESSION_HEAD_RE.match(text, om.end()):
            return True
    return False


OTHER_SESSION_HEAD_RE = re.compile(
    r"\s+(?:[A-Za-z-]+\s+){0,3}?(?:meeting|session|round|summit|sitting|edition)\b",
    re.IGNORECASE,
)


PRESENT_EVENT_RE = re.compile(
    r"\b(?:takes?\s+part|takes\s+place|kicks\s+off|(?:is|are)\s+(?:being\s+)?held|"
    r"(?:hold|meet|open|begin|convene)(?:s)?)\s+(?!next\b)",
    re.IGNORECASE,
)


POINTS_BACK_RE = re.compile(rf"\s*(?:The|This)\s+(?:[a-z-]+\s+)?{SESSION_NOUNS}\b")
SAYS_HELD_RE = re.compile(
    # "Held in Abu Dhabi on Tuesday, the meeting ...": the participle opens the sentence.
    r"\A\W*held\s+(?:in|at|on)\b|"
    r"\b(?:was|were)\s+held\b|\btook\s+place\b|\bconvened\b|"
    r"\b(?:meeting|session|round|talks|summit|cabinet|commission|committee),?\s+held\s+(?:in|at)\b",
    re.IGNORECASE,
)


# "The two leaders ...", "Both ministers ...": a subject that points back at the people
# of the sentence before.
THE_TWO_RE = re.compile(
    r"\A\W*(?:the\s+two|both)\s+(?:\w+\s+)?(?:leaders|ministers|sides|delegations|"
    r"officials|premiers|heads)\b",
    re.IGNORECASE,
)
MET_RE = re.compile(r"\b(?:met|meets|held\s+talks|holds\s+talks)\b", re.IGNORECASE)


def own_acronym(text: str) -> str | None:
    """The acronym a sentence defines for the mechanism it names: "... (JPCC)"."""
    m = re.search(r"\(([A-Z][A-Za-z]*[A-Z])\)", text)
    return m.group(1) if m else None


def session_venue(
    body: list[Sentence],
    idx: int,
    *,
    layout,
    parties: list[str],
    title: Sentence | None = None,
):
    sent = body[idx]
    venue = find_venue(
        sent.text, dateline_city=layout.dateline_city, dateline_country=layout.dateline_country
    )
    if venue is not None:
        return venue.city, venue.country, venue.virtual, sent
    own = find_mechanisms(sent.text)
    kind = next((m.kind for m in own), None)
    numbered = {(m.kind, m.number) for m in own if m.number is not None}
    acronym = own_acronym(sent.text)
    # The sentences after, then the lead before it ("... prior to the 13th Binational
    # Cabinet held in the northern city of Tumbes." and later "The Cabinet is held on
    # November 6-7").
    nearby = list(range(idx + 1, min(len(body), idx + 3))) + list(range(max(0, idx - 2), idx))
    for k in nearby:
        text = body[k].text
        # "The JPCC was sealed on Tuesday in Nairobi", "The meeting, held virtually, ...":
        # a later sentence about the same session.
        named = any(m.kind == kind for m in find_mechanisms(text)) or (
            acronym is not None and re.search(rf"\b{acronym}\b", text) is not None
        )
        # "The virtual meeting was co-chaired by ...": the next sentence points back.
        named = named or (k == idx + 1 and POINTS_BACK_RE.match(text) is not None)
        again = k > idx and named and (classify.DONE_RE.search(text) or VIRTUAL_RE.search(text))
        # "... held talks as part of the 8th meeting of the committee in Astana": a
        # sentence naming the same numbered session.
        same = bool(numbered) and any((m.kind, m.number) in numbered for m in find_mechanisms(text))
        # "X met Y in Beijing on Tuesday. The two leaders co-chaired the 12th meeting":
        # the session's sentence goes on from the meeting the one before reports.
        goes_on = (
            k == idx - 1
            and THE_TWO_RE.match(sent.text) is not None
            and MET_RE.search(text) is not None
        )
        if not (again or same or goes_on or SAYS_HELD_RE.search(text)):
            continue
        if classify.HISTORY_RE.search(text):
            continue
        venue = find_venue(
            text, dateline_city=layout.dateline_city, dateline_country=layout.dateline_country
        )
        if venue is not None:
            return venue.city, venue.country, venue.virtual, body[k]
    # A same-day report from a party's city that names a building but no other city was
    # held there ("Doha: ... co-chaired today the seventh session ..., held at the Amiri
    # Diwan"); without such a sign the dateline is only where the reporter sat.
    local = re.search(
        r"\b(?:held|met|convened|took\s+place)\s+at\s+the\s+[A-Z]|\btoday\b", sent.text
    )
    if layout.dateline_city and layout.dateline_country in parties and local:
        return layout.dateline_city, layout.dateline_country, False, sent
    # "NAIROBI - Kenya's Foreign Secretary X hosted her Tanzanian counterpart for a Joint
    # Commission": the host's state is the dateline's, so is the city.
    hosted = HOST_VERB_RE.search(sent.text)
    if hosted and layout.dateline_city and layout.dateline_country in parties:
        subject = [
            e.code
            for e in gazetteer().entities(sent.text[: hosted.start()])
            if e.kind not in (ORG, PREFIX)
        ]
        if subject and set(subject) == {layout.dateline_country}:
            return layout.dateline_city, layout.dateline_country, False, sent
    # "Peru, Chile hold 'two-plus-two' talks in Lima": the headline says where they met.
    if (
        title is not None
        and HEADLINE_EVENT_RE.search(title.text)
        and not classify.FUTURE_BEFORE_RE.search(title.text)
    ):
        venue = find_venue(title.text, dateline_city=None, dateline_country=None)
        if venue is not None and not venue.virtual and venue.country in parties:
            return venue.city, venue.country, False, title
    return None, None, False, sent


HOST_VERB_RE = re.compile(r"\b(?:hosted|welcomed|received)\b")
HEADLINE_EVENT_RE = re.compile(
    r"\b(?:meet|meets|met|hold|holds|held|kicks?\s+off|opens?|opened|begins?|began|"
    r"concludes?|concluded|ends?|ended|convenes?|convened)\b",
    re.IGNORECASE,
)


def series_name(name: str, *, parties: list[str], organizations: list[str]) -> str:
    """The mechanism's name as written; when it names no side ("their Joint Working Group
    on Counter-Terrorism", "summit"), the sides go in front: "Pakistan-Russia Joint ..."."""
    gaz = gazetteer()
    if gaz.entities(name):
        return name
    sides = [gaz.country_names.get(p, p) for p in parties] + list(organizations)
    if not sides or len(sides) > 3:
        return name  # a conference of many states is known by its own name
    return f"{'-'.join(sides)} {name[:1].upper()}{name[1:]}"
