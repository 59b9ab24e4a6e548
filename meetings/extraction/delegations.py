"""Heads of delegation: one named head per party, with the position as written.

Read from the sentence that reports the session and the three after it, plus any
sentence saying who led a side ("X led the Pakistani delegation", "the Russian side was
represented by X"). A person's party comes, strongest first, from such a sentence, from
a country or demonym in the position ("Turkish President", "Emir of Qatar"), from "his
Pakistani counterpart X", or, when one co-chair is known, by elimination (also across
"A held talks with B": A's side and B's side are different states).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from meetings.extraction.gazetteer import ORG, PREFIX, gazetteer
from meetings.extraction.people import Mention, find_people, party_in
from meetings.extraction.text import Sentence
from meetings.extraction.vocab import SESSION_NOUNS

# Spokespeople and envoys posted abroad speak about a session; they do not head a side
# unless a sentence says they led it.
NOT_HEAD_RE = re.compile(
    r"\bspokes\w*|\b(?:ambassador|envoy|high commissioner)\s+(?:to|in)\b", re.IGNORECASE
)
LEAD_HINT_RE = re.compile(
    r"\b(?:delegation|side|team)\b|\brepresented\b|\b(?:led|headed|co-?chaired)\s+by\b",
    re.IGNORECASE,
)
# "The meeting, co-chaired by China's Vice Foreign Minister X and ...": a sentence far
# from the lead that still says who chaired the session.
SESSION_CHAIRED_RE = re.compile(
    rf"\b(?:(?:the|this)\s+(?:plenary\s+)?|a\s+plenary\s+){SESSION_NOUNS}\b[^.;]{{0,30}}?"
    r"\b(?:co-?chaired|chaired|led|headed)\s+by\b",
    re.IGNORECASE,
)
# "A and B led their respective delegations", "A and B led delegations to the meeting
# respectively": the two heads, in the order of the sides.
RESPECTIVELY_RE = re.compile(
    r"\b(?:led|headed|chaired)\s+(?:(?:their|the)\s+respective\s+(?:delegations|sides|teams)\b"
    r"|(?:their\s+)?delegations\b[^.;]*\brespectively\b)",
    re.IGNORECASE,
)
# "Committee meeting chairs A and his Egyptian counterpart B signed the minutes".
MEETING_CHAIRS_RE = re.compile(
    rf"\b(?:{SESSION_NOUNS}|committee|commission)(?:['’]s)?\s+(?:co-?)?chairs,?\s+"
    r"(?:the\s+)?(?-i:[A-Z])",
    re.IGNORECASE,
)


def names_the_heads(text: str) -> bool:
    """A sentence that names the session's heads wherever it stands in the report."""
    return bool(RESPECTIVELY_RE.search(text) or MEETING_CHAIRS_RE.search(text))


EARLIER_MEETING_RE = re.compile(
    r"\b(?:last\s+(?:week|month|year)['’]s|(?:the\s+)?(?:previous|earlier|recent|last))\s+"
    r"(?:\w+\s+)?(?:summit|meeting|talks|visit|session)\s+(?:between|with)\s+[^.;,]{1,160}",
    re.IGNORECASE,
)
CHAIR_RE = re.compile(
    r"\b(?:co-?chair\w*|chair\w*|presid\w*|led|headed|hosted|hosts|host|"
    r"attended|held|met|represented|participation)\b",
    re.IGNORECASE,
)


@dataclass
class Head:
    party: str
    name: str
    title: str | None
    sentence_index: int


# Only sentences with a position word or a side can name a head or a head's title.
PEOPLE_HINT_RE = re.compile(
    r"\b(?:minister|president|secretary|director|head|ambassador|chancellor|premier|emir|amir|"
    r"king|sultan|prince|chair\w*|councill?or|envoy|adviser|advisor|representative|"
    r"commissioner|chief|governor|deputy|delegation|side|team|counterpart|led|headed|mantri|"
    r"leader|general|coordinator|spokes\w+|represented|hosted|attended)\b",
    re.IGNORECASE,
)


CAPITALISED_RE = re.compile(r"\b[A-Z][\w'’-]+")


def known_names(
    sentences: list[Sentence], *, wanted: set[int]
) -> tuple[dict[str, str], dict[int, list[Mention]]]:
    """Full names of the article by each of their folded words, and the people of the
    ``wanted`` sentences (single words resolved to those full names)."""
    hinted = [i for i, s in enumerate(sentences) if PEOPLE_HINT_RE.search(s.text)]
    first_pass = [find_people(sentences[i].text) for i in hinted]
    index: dict[str, str] = {}
    clash: set[str] = set()
    for mentions in first_pass:
        for m in mentions:
            if m.tokens < 2:
                continue
            for word in m.name.split():
                key = word.casefold()
                if len(key) < 3 or key in ("bin", "ibn", "al", "el"):
                    continue
                if key in index and index[key] != m.display:
                    clash.add(key)
                index.setdefault(key, m.display)
    for key in clash:
        index.pop(key, None)
    earlier = dict(zip(hinted, first_pass, strict=False))
    second = {}
    for i in sorted(wanted):
        text = sentences[i].text
        mentions = earlier.get(i)
        # The first pass stands unless a single word of the sentence is a known name.
        if mentions is None or any(
            w.group().casefold() in index
            and not any(m.start <= w.start() < m.end for m in mentions)
            for w in CAPITALISED_RE.finditer(text)
        ):
            mentions = find_people(text, known=index)
        second[i] = mentions
    for i, mentions in zip(hinted, first_pass, strict=False):
        second.setdefault(-1 - i, mentions)  # full-name mentions elsewhere, for clues
    return index, second


def find_heads(
    sentences: list[Sentence],
    *,
    event_index: int,
    parties: list[str],
    organizations: list[str],
    order_hint: list[str],
    by_elimination: bool | list[str] = True,
    host: str | None = None,
    related: list[int] = (),
) -> list[Head]:
    """Heads for ``parties`` (and organisations sitting as a side).

    ``by_elimination`` off (the parties are an organisation's members that the article
    names) gives a head only to a person with a clue to their own side; a list names the
    parties that elimination may still give (the partner of "ASEAN-India").

    ``order_hint`` lists the parties in the order the event sentence names them, used
    only when two co-chairs in one sentence have no other clue to their side.
    """
    # The sentence of the session, the three after it and the two before it (the lead
    # may name the leaders before the sentence that names the mechanism).
    window = list(range(event_index, min(len(sentences), event_index + 4)))
    window += list(range(max(0, event_index - 2), event_index))
    if sentences[event_index].text.rstrip().endswith(":"):
        # "... with the participation of Their Majesties:" and the list, a line each.
        window = list(range(event_index, min(len(sentences), event_index + 10)))
    window += [
        i
        for i, s in enumerate(sentences)
        if i not in window
        and (LEAD_HINT_RE.search(s.text) or names_the_heads(s.text) or i in related)
    ]
    _, people = known_names(sentences, wanted=set(window))
    # "as a follow-up to last month's summit between President A and Prime Minister B":
    # the people of an earlier meeting are not this session's heads.
    for i in window:
        spans = [m.span() for m in EARLIER_MEETING_RE.finditer(sentences[i].text)]
        if spans:
            people[i] = [m for m in people[i] if not any(a <= m.start < b for a, b in spans)]
    # Party clues gathered over the whole article, by display name.
    lead: dict[str, str] = {}
    titled: dict[str, str] = {}
    first_title: dict[str, str] = {}
    for key in sorted(people, key=lambda k: k if k >= 0 else -1 - k):
        mentions = people[key]
        for m in mentions:
            if m.lead_party and not m.member:
                lead.setdefault(m.display, m.lead_party)
            if m.title_party:
                titled.setdefault(m.display, m.title_party)
            if m.counterpart_party:
                titled.setdefault(m.display, m.counterpart_party)
            if m.title:
                first_title.setdefault(m.display, m.title)
    sides = list(parties) + [o for o in organizations if o not in parties]
    listed = sentences[event_index].text.rstrip().endswith(":")
    window = [
        i
        for i in window
        if event_index - 2 <= i < event_index + (10 if listed else 4)
        or any(m.lead_party for m in people[i])
        or SESSION_CHAIRED_RE.search(sentences[i].text)
        or names_the_heads(sentences[i].text)
        or i in related
    ]
    heads: dict[str, Head] = {}
    used: set[str] = set()
    # A side some sentence says who led ("The Japanese side was led by X") is never
    # given by elimination.
    claimed = set(lead.values())
    for idx in window:
        unresolved: list[Mention] = []
        known_party: dict[str, str] = {}
        for m in people[idx]:
            if m.member or m.display in used:
                continue
            if NOT_HEAD_RE.search(m.title or "") and not lead.get(m.display):
                continue
            party = (
                lead.get(m.display) or m.title_party or m.counterpart_party or titled.get(m.display)
            )
            has_role = bool(
                m.title
                or first_title.get(m.display)
                or m.lead_party
                or m.counterpart_party
                or lead.get(m.display)
            )
            if not has_role:
                continue
            if party is None:
                unresolved.append(m)
                continue
            known_party[m.display] = party
            if sides and party not in sides:
                continue
            if party in heads:
                continue
            heads[party] = Head(party, m.display, best_title(m, first_title), idx)
            used.add(m.display)
        if unresolved and (
            idx == event_index
            or CHAIR_RE.search(sentences[idx].text)
            or any(m.counterpart_party for m in people[idx])  # "X and his Thai counterpart"
            # "between the Minister of Foreign Affairs, X and his counterpart Y, Kenya's ...":
            # the two heads of one sentence, whatever says whose.
            or (len(people[idx]) == 2 and COUNTERPART_RE.search(sentences[idx].text))
        ):
            # Elimination gives states only: an organisation's side needs its own clue.
            eliminable = by_elimination if isinstance(by_elimination, list) else parties
            free = (
                [p for p in eliminable if p not in heads and p not in claimed]
                if by_elimination
                else []
            )
            unresolved = [m for m in unresolved if m.display not in used]
            unresolved = across_with(sentences[idx].text, people[idx], unresolved, known_party)
            hosted = hosts_and_guests(sentences[idx].text, unresolved, free, host)
            if hosted and idx == event_index:
                pick = hosted
            elif len(free) == 1 and len(unresolved) == 1:
                pick = [(free[0], unresolved[0])]
            elif (
                len(free) == len(unresolved) == 2
                and (idx == event_index or RESPECTIVELY_RE.search(sentences[idx].text))
                and order_hint
            ):
                ordered = [p for p in order_hint if p in free]
                pick = list(zip(ordered, unresolved, strict=False)) if len(ordered) == 2 else []
            else:
                pick = []
            for party, m in pick:
                heads[party] = Head(party, m.display, best_title(m, first_title), idx)
                used.add(m.display)
    for party, m in respective_pair(sentences[event_index].text, people[event_index], parties):
        if party not in heads and m.display not in used:
            heads[party] = Head(party, m.display, best_title(m, first_title), event_index)
            used.add(m.display)
    # "... between A and his Cypriot counterpart B, along with Greek Prime Minister C": a
    # member of no other side's delegation is the head of their own.
    for m in people[event_index]:
        party = m.title_party
        if m.member and party in parties and party not in heads and m.display not in used:
            heads[party] = Head(party, m.display, best_title(m, first_title), event_index)
            used.add(m.display)
    for org in organizations:
        org_chair(org, sentences, people, window, sides, heads, lead)
    if not sides:
        return list(heads.values())
    return [heads[p] for p in sides if p in heads]


COUNTERPART_RE = re.compile(r"\b(?:his|her|their)\s+counterparts?\b", re.IGNORECASE)


def best_title(m: Mention, first_title: dict[str, str]) -> str | None:
    """The position the mention gives, else the first the article gives the person; an
    abbreviation ("chaired by PM Phuc") yields to a position written out elsewhere."""
    first = first_title.get(m.display)
    if m.title is None or (first and len(m.title) <= 4 and m.title.isupper() and first != m.title):
        return first or m.title
    return m.title


# "..., whose country holds the current presidency of the GCC Ministerial Council".
PRESIDENCY_RE = re.compile(
    r"\A[^.;]{0,60}?\b(?:holds?|holding|chairs?|chairing|is|as)\s+"
    r"(?:the\s+)?(?:current\s+|rotating\s+)?(?i:presidency|chairmanship|chair)\s+of\s+"
    r"(?:the\s+)?(?P<body>[A-Z][^,.;()]{1,60})"
    r"|\A[^.;]{0,60}?\b(?:holds?|holding|as)\s+(?:the\s+)?(?:current\s+|rotating\s+)?"
    r"(?P<body2>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+(?i:presidency|chairmanship|chair)\b"
)
CHAIRED_BY_RE = re.compile(r"\b(?:co-)?chaired\s+by\s+\Z|\bchair(?:man|person)?\b", re.I)


def org_chair(
    org: str,
    sentences: list[Sentence],
    people: dict[int, list[Mention]],
    window: list[int],
    sides: list[str],
    heads: dict[str, Head],
    lead: dict[str, str],
) -> None:
    """An organisation meeting a state is headed by the member state's minister who holds
    the organisation's presidency; when a member state's chair is named without saying
    so, the organisation's head is uncertain and none is given (not its secretary)."""
    chair_elsewhere = False
    for idx in window:
        text = sentences[idx].text
        for m in people[idx]:
            if m.title_party is None or m.title_party in sides:
                continue
            pm = PRESIDENCY_RE.match(text[m.span_end : m.span_end + 200])
            if pm and party_in(pm.group("body") or pm.group("body2")) == org:
                heads[org] = Head(org, m.display, m.title, idx)
                return
            before = text[max(0, m.span_start - 40) : m.span_start]
            if CHAIRED_BY_RE.search(before):
                chair_elsewhere = True
    if chair_elsewhere and org in heads and lead.get(heads[org].name) != org:
        del heads[org]  # "X led the EU delegation" still stands


WITH_RE = re.compile(
    r"\s(?:(?:held\s+talks|talks|met|hosted|meeting|spoke)\b[^.;]{0,40}?\bwith|hosted|"
    r"received|welcomed|met)\s"
)


def respective_pair(
    text: str, mentions: list[Mention], parties: list[str]
) -> list[tuple[str, Mention]]:
    """ "chaired by the heads of the Kazakh and Uzbek Governments A and B", "the Foreign
    Ministers of Ghana and Togo, A and B": two states, then two people, in that order."""
    if len(parties) != 2:
        return []
    for a, b in itertools.pairwise(mentions):
        if not re.fullmatch(r"\s+and\s+", text[a.end : b.start]):
            continue
        before = text[max(0, a.start - 100) : a.start]
        groups = [g for g in coordinated_states(before) if sorted(g[0]) == sorted(parties)]
        if not groups:
            continue
        codes, group_end = groups[-1]
        gap = before[group_end:]
        if len(gap) > 40 or re.search(r"[.;]", gap):
            continue
        if any(m.title_party not in (None, p) for m, p in ((a, codes[0]), (b, codes[1]))):
            continue
        return [(codes[0], a), (codes[1], b)]
    return []


def coordinated_states(text: str) -> list[tuple[list[str], int]]:
    """Pairs of states joined by "and" in ``text``, with where each pair ends."""
    ents = [e for e in gazetteer().entities(text) if e.kind not in (ORG, PREFIX)]
    out = []
    for x, y in itertools.pairwise(ents):
        if re.fullmatch(r"\s+and\s+(?:the\s+)?", text[x.end : y.start]) and x.code != y.code:
            out.append(([x.code, y.code], y.end))
    return out


HOSTED_RE = re.compile(r"\s(?:hosted|received|welcomed)\s")


def hosts_and_guests(
    text: str, unresolved: list[Mention], free: list[str], host: str | None
) -> list[tuple[str, Mention]]:
    """ "A and B hosted C and D in Sydney": the first host heads the venue's state, the
    first guest the other party."""
    if host not in free or len(free) != 2:
        return []
    m = HOSTED_RE.search(text)
    if m is None:
        return []
    left = [p for p in unresolved if p.end <= m.start()]
    right = [p for p in unresolved if p.start >= m.end()]
    if not left or not right:
        return []
    guest = next(p for p in free if p != host)
    return [(host, left[0]), (guest, right[0])]


def across_with(
    text: str, mentions: list[Mention], unresolved: list[Mention], known_party: dict[str, str]
) -> list[Mention]:
    """ "A and B held talks with C and D": A and B are one side, C and D the other. When
    a side has a known state, its unresolved people are that state's (so not candidates
    for another side); the other side keeps only its first unresolved person."""
    m = WITH_RE.search(text)
    if m is None or not unresolved:
        return unresolved
    left = [p for p in mentions if p.end <= m.start()]
    right = [p for p in mentions if p.start >= m.end()]
    if not left or not right:
        return unresolved
    out = unresolved
    for group, other in ((left, right), (right, left)):
        sides = {known_party[p.display] for p in group if p.display in known_party}
        if len(sides) == 1 and not any(p.display in known_party for p in other):
            mine = {p.display for p in group}
            rest = [p for p in out if p.display not in mine]
            return rest[:1]
    return out
