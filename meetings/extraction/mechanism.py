"""Mechanism mentions in a sentence: name, kind, topic, parties, organisations, ordinal.

A mention is built around a head word of ``data/kinds.tsv`` ("Joint Working Group",
"consultations", "FOC", "summit"). Its name grows to the left over modifiers
("Russia-Pakistan", "Bilateral Political", "foreign ministers'") and to the right over
"on <subject>", "(ABBR)", "between A and B" and "of the foreign ministers of A, B and C".
Parties come only from the name (party compounds such as "Indo-US", "Sino-Russian",
"China-Japan-ROK" and the between/of lists), never from countries merely mentioned.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from meetings.extraction.gazetteer import ORG, PREFIX, Entity, gazetteer, read_words
from meetings.extraction.vocab import (
    ORDINAL_RE,
    kind_triggers,
    non_state_sentence_words,
    non_state_words,
    ordinal_value,
    topic_of,
    trigger_kind,
)

# Lower-case words that may stand inside a mechanism's name, left of its head word.
MODIFIERS = frozenset(read_words("name_modifiers.txt"))
STOP_CAPS = frozenset(read_words("name_stops.txt"))
# Organisations that do not own the mechanisms we track (their bodies are named in passing).
NOT_OWNERS = frozenset({"UN"})
COORD_GAP_RE = re.compile(r"\A\s*(?:,\s*(?:and\s+|&\s+)?|and\s+|&\s+)(?:the\s+)?\Z")
COMPOUND_GAP = frozenset({"-", "–", "—", "/"})
TOKEN_RE = re.compile(r"[\w+]+(?:['’\-.][\w+]+)*['’]?|[^\w\s]")
MINISTER_RE = re.compile(r"\bminist(?:er|ers|erial)\b|\bforeign affairs\b", re.IGNORECASE)
LEADERS_RE = re.compile(
    r"\b(?:leaders|heads of state|heads of government|presidents)\b", re.IGNORECASE
)
MINISTERS_LEVEL_RE = re.compile(
    r"\s+at\s+(?:the\s+)?(?:level\s+of\s+(?:the\s+)?(?:foreign\s+)?minist|"
    r"(?:foreign\s+)?minist(?:erial|ers['’]?)\s+level)",
    re.IGNORECASE,
)
HELD_THEIR_RE = re.compile(
    r"\s(?:held|hold|holds|convened|concluded|opened|began|wrapped\s+up)\s+their\s+"
    r"[^,;.]{0,40}\Z"
)
HIGH_LEVEL_RE = re.compile(r"\b(?:high[\s-]+level|supreme|highest)\b", re.IGNORECASE)
FIRST_SINCE_RE = re.compile(
    r"\A[^.;]{0,40}?\b(?:since|in\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?"
    r"(?:a|an|\w+|\d+)\s+(?:years?|decades?|months?))\b",
    re.IGNORECASE,
)


@dataclass
class Mechanism:
    """One mention of a mechanism in one sentence (offsets are in the sentence)."""

    name: str
    kind: str
    topic: str | None
    parties: list[str]
    organizations: list[str]
    start: int
    end: int
    head_start: int
    number: int | None = None
    non_state: bool = False
    extra: dict = field(default_factory=dict)


def coordinated_groups(entities: list[Entity], text: str) -> list[list[Entity]]:
    """Runs of country/organisation entities joined by ", ", " and ", "&" or a hyphen.

    ``entities`` carry offsets into ``text``. Each run of two or more is one group.
    """
    groups: list[list[Entity]] = []
    current: list[Entity] = []
    for ent in entities:
        if ent.kind == PREFIX and current == []:
            current = [ent]
            continue
        if current:
            gap = text[current[-1].end : ent.start]
            gap = re.sub(r"\s*\([A-Z]{2,6}\)", "", gap)  # "Republic of Korea (ROK)"
            if current[-1].kind == ORG:  # "the GCC member states and Morocco"
                gap = re.sub(r"\A\)?\s+(?:member\s+)?(?:states|countries)\b", "", gap)
            if gap in COMPOUND_GAP or gap.strip() in COMPOUND_GAP or COORD_GAP_RE.match(gap):
                current.append(ent)
                continue
            if len(current) >= 2:
                groups.append(current)
        current = [ent]
    if len(current) >= 2:
        groups.append(current)
    return groups


def codes_of(group: list[Entity]) -> tuple[list[str], list[str]]:
    parties, orgs = [], []
    for ent in group:
        if ent.kind == ORG:
            if ent.code not in orgs and ent.code not in NOT_OWNERS:
                orgs.append(ent.code)
        elif ent.code not in parties:
            parties.append(ent.code)
    return parties, orgs


def find_mechanisms(sentence: str) -> list[Mechanism]:
    """All mechanism mentions in ``sentence``, left to right; never raises.

    Results are cached per sentence text (several readers look at the same sentence);
    callers must not change the returned objects."""
    return list(cached_mechanisms(sentence))


@functools.lru_cache(maxsize=2048)
def cached_mechanisms(sentence: str) -> tuple[Mechanism, ...]:
    return tuple(scan_mechanisms(sentence))


def scan_mechanisms(sentence: str) -> list[Mechanism]:
    pattern, _ = kind_triggers()
    triggers = list(pattern.finditer(sentence))
    if not triggers:
        return []
    ents = gazetteer().entities(sentence)
    starts = [e.start for e in ents]
    out: list[Mechanism] = []
    i = 0
    while i < len(triggers):
        first = triggers[i]
        last = first
        # Merge head words that follow each other ("2+2 Dialogue", "Consultation Mechanism").
        while (
            i + 1 < len(triggers)
            and re.fullmatch(r"[\s\w'’-]{0,30}", sentence[last.end() : triggers[i + 1].start()])
            and all(
                w.lower() in MODIFIERS or w[:1].isupper() or w == "and"
                for w in sentence[last.end() : triggers[i + 1].start()].split()
            )
        ):
            i += 1
            last = triggers[i]
        i += 1
        if out and first.start() < out[-1].end:
            continue  # "(FOC)" or "(JWG-CT)" after the full name
        lo = bisect.bisect_left(starts, first.start() - 400)
        hi = bisect.bisect_right(starts, last.end() + 300)
        near = ents[lo:hi]
        mech = build(sentence, first.start(), last, near)
        if mech is not None:
            out.append(mech)
    return merge_bare_ministers(out)


BARE_MINISTERS = frozenset({"foreign ministers", "ministers of foreign affairs"})


def merge_bare_ministers(mechs: list[Mechanism]) -> list[Mechanism]:
    """ "BRICS foreign ministers met" is a ministerial session of BRICS; but a bare
    "foreign ministers of A, B and C gathered for their ninth trilateral meeting" only
    lends its parties to the mechanism named after it. Two states' ministers meeting is
    not a mechanism by itself."""
    out: list[Mechanism] = []
    for k, mech in enumerate(mechs):
        if mech.extra.get("head") not in BARE_MINISTERS:
            out.append(mech)
            continue
        later = mechs[k + 1 :]
        if later:
            nxt = later[0]
            if not nxt.parties and not nxt.organizations:
                nxt.parties, nxt.organizations = list(mech.parties), list(mech.organizations)
            continue
        if mech.organizations or len(mech.parties) >= 3:
            out.append(mech)
    return out


def inside_org_name(start: int, end: int, ents: list[Entity]) -> bool:
    """True when [start, end) lies inside an organisation's name ("European Commission")."""
    for e in ents:
        if e.start > start:
            break
        if e.kind == ORG and end <= e.end and e.end - e.start > 4:
            return True
    return False


ADJECTIVE_USE_RE = re.compile(r"\s+(?:delegations?|level|officials?|visits?|team|talks)\b")
FORMAT_HEAD_RE = re.compile(r"\b(?:commission|committee)\b", re.IGNORECASE)


def numbered_org_meeting(sentence: str, last: re.Match, ents: list[Entity]) -> Mechanism | None:
    org = next(
        (e for e in ents if e.kind == ORG and e.start <= last.start() and last.end() <= e.end),
        None,
    )
    if org is None or org.code in NOT_OWNERS:
        return None
    before = sentence[max(0, org.start - 30) : org.start]
    ordm = re.search(r"(?P<ord>[\w-]+)\s+\Z", before)
    if ordm is None or not ORDINAL_RE.fullmatch(ordm.group("ord")):
        return None
    value = ordinal_value(ORDINAL_RE.fullmatch(ordm.group("ord")))
    end = org.end
    tail = re.match(r"\s+(?:Leaders['’]?(?:\s+(?:Meeting|Summit))?|Summit)\b", sentence[end:])
    if tail:
        end += tail.end()
    kind = refine_kind(
        trigger_kind(last.group()), last.group(), sentence, org.start, end, [org.code]
    )
    mech = Mechanism(
        name=sentence[org.start : end],
        kind=kind,
        topic=None,
        parties=[],
        organizations=[org.code],
        start=org.start,
        end=end,
        head_start=last.start(),
        number=value,
    )
    mech.extra["head"] = last.group().lower()
    return mech


def build(sentence: str, head_start: int, last: re.Match, ents: list[Entity]) -> Mechanism | None:
    if inside_org_name(last.start(), last.end(), ents):
        # "European Commission", "Gulf Cooperation Council"; but "the 39th Pacific Islands
        # Forum was held" is the organisation's own numbered meeting.
        return numbered_org_meeting(sentence, last, ents)
    if last.group().lower() == "ministerial" and ADJECTIVE_USE_RE.match(sentence, last.end()):
        return None  # "a high-ranking ministerial delegation" is no mechanism
    kind = trigger_kind(last.group())
    first = sentence[head_start : last.start()]
    if kind == "summit" and first and FORMAT_HEAD_RE.search(first):
        # "Bi-National Commission Summit": the commission's meeting at the top level.
        kind = trigger_kind(FORMAT_HEAD_RE.search(first).group())
    left = expand_left(sentence, head_start, ents)
    right, parts = expand_right(sentence, last.end(), ents)
    name = sentence[left:right].strip(" ,")
    name = re.sub(r"\s+", " ", name)
    # Parties: entities left of the head word, plus the between/of lists.
    # An organisation whose name runs into the head word counts ("African Union Commission-
    # to-Commission meeting").
    name_ents = [e for e in ents if left <= e.start < head_start]
    parties: list[str] = []
    orgs: list[str] = []
    for e in name_ents:
        if e.kind == ORG:
            if e.code not in NOT_OWNERS and e.code not in orgs:
                orgs.append(e.code)
        elif e.code not in parties:
            parties.append(e.code)
    if not parties and not orgs and parts.get("topic"):
        # "... on India-China Border Affairs": a party compound inside the subject.
        inner = [e for e in ents if last.end() <= e.start and e.end <= right and e.kind != ORG]
        for a, b in itertools.pairwise(inner):
            if sentence[a.end : b.start] in COMPOUND_GAP and a.code != b.code:
                parties = [a.code, b.code]
                break
    if not parties:
        # "The GCC and Jordan held their sixth joint ministerial meeting": the subject.
        held = HELD_THEIR_RE.search(sentence, max(0, left - 60), left)
        if held:
            subject = [e for e in ents if e.end <= held.start()]
            groups = coordinated_groups(subject, sentence)
            if groups and re.fullmatch(r"[\s()A-Z]*", sentence[groups[-1][-1].end : held.start()]):
                p, o = codes_of(groups[-1])
                parties += [c for c in p if c not in parties]
                orgs += [c for c in o if c not in orgs]
    for group in parts.get("lists", []):
        p, o = codes_of(group)
        parties += [c for c in p if c not in parties]
        orgs += [c for c in o if c not in orgs]
    owner = sentence[max(0, left - 40) : head_start].lower()
    tail = sentence[last.end() : last.end() + 120]
    owned_by = re.match(r"\s+of\s+(?:the\s+)?((?:[\w'’-]+\s+){0,5})", tail)
    words = re.findall(r"[\w']+", owner)[-6:] + (
        owned_by.group(1).lower().split() if owned_by else []
    )
    near = sentence[max(0, left - 300) : right + 300].lower()
    non_state = any(w in non_state_words() for w in words) or any(
        w in non_state_sentence_words() for w in re.findall(r"[\w']+", near)
    )
    topic_text = sentence[head_start:right] if parts.get("topic") else sentence[left:right]
    topic = topic_of(topic_text) or topic_of(sentence[left : last.end()])
    if topic is None and not parts.get("topic"):
        # "commission on border delimitation": a lower-case subject right after "on".
        # "committee on demarcation of maritime borders": the subject's first topic word.
        lower_on = re.match(
            r"\s+on\s+(?:the\s+)?([a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,5})",
            sentence[right : right + 80],
        )
        if lower_on:
            topic = topic_of(lower_on.group(1))
    if kind in ("ministerial", "summit", "other") or last.group().lower() in (
        "forum",
        "council",
        "trilateral meeting",
        "three-way meeting",
        "trilateral talks",
        "three-way talks",
        "quadrilateral meeting",
    ):
        kind = refine_kind(kind, last.group(), sentence, left, right, orgs)
    mech = Mechanism(
        name=name,
        kind=kind,
        topic=topic,
        parties=parties,
        organizations=orgs,
        start=left,
        end=right,
        head_start=head_start,
        non_state=non_state,
    )
    mech.extra["head"] = re.sub(r"[\s-]+", " ", last.group().lower()).replace("’", "'")
    if mech.extra["head"] == "assembly" and not orgs:
        return None  # "the General Assembly", "the National Assembly": not ours
    find_number(sentence, mech)
    return mech


def refine_kind(
    kind: str, head: str, sentence: str, left: int, right: int, orgs: list[str] = ()
) -> str:
    """Councils and three-way meetings take their kind from who sits in them."""
    name = sentence[left:right]
    head = head.lower()
    if head == "forum" and LEADERS_RE.search(sentence[left : right + 25]):
        return "summit"  # "the 39th Pacific Islands Forum Leaders Meeting"
    if head.endswith("council") and MINISTERS_LEVEL_RE.match(sentence[right : right + 60]):
        return "ministerial"  # "... Coordination Council at the level of foreign ministers"
    if head == "council":
        return "ministerial" if MINISTER_RE.search(name) else "summit"
    if head.endswith(" council"):
        if MINISTER_RE.search(name):
            return "ministerial"
        if "EU" in orgs and not (HIGH_LEVEL_RE.search(name) or LEADERS_RE.search(sentence)):
            # The EU's agreement councils with a partner ("EU-Kazakhstan Cooperation
            # Council") sit at ministers' level.
            return kind
        return "summit"  # "High-Level Strategic Cooperation Council", "Partnership Council"
    if head in (
        "trilateral meeting",
        "three-way meeting",
        "trilateral talks",
        "three-way talks",
        "quadrilateral meeting",
    ):
        if MINISTER_RE.search(name) or MINISTER_RE.search(sentence):
            return "ministerial"
        if LEADERS_RE.search(sentence):
            return "summit"
        return "other"
    return kind


def tokens_before(sentence: str, pos: int) -> list[re.Match]:
    return list(TOKEN_RE.finditer(sentence, max(0, pos - 160), pos))


def expand_left(sentence: str, head_start: int, ents: list[Entity]) -> int:
    """Start of the name: walk left over modifiers, capitalised words and party compounds."""
    toks = tokens_before(sentence, head_start)
    left = head_start
    lo = toks[0].start() if toks else head_start
    covered: set[int] = set()
    for e in ents:
        if e.end > lo and e.start < head_start:
            covered.update(range(e.start, e.end))
    for tok in reversed(toks):
        word = tok.group()
        in_ent = tok.start() in covered
        if in_ent:
            left = tok.start()
            continue
        # A spaced dash joins two parties only: a state or organisation on its left.
        spaced = (
            left == tok.end() + 1
            and sentence[tok.end()] == " "
            and sentence[tok.start() - 1 : tok.start()] == " "
            and any(e.end == tok.start() - 1 for e in ents)
        )
        if word in ("-", "–", "/") and (left == tok.end() or (spaced and word != "/")):
            # "Nigeria-Sudan", and with spaces around a dash "Nigeria - Sudan".
            left = tok.start()
            continue
        if word in ("'", "’"):
            left = tok.start()
            continue
        if (
            word in ("for", "of", "on")
            and left == tok.end() + 1
            and sentence[left : left + 1].isupper()
            and re.search(r"\b[A-Z][a-z]+\s+Mechanism\s+\Z", sentence[: tok.start()])
        ):
            # "Working Mechanism for Consultation and Coordination on ...", "Peru-Chile
            # Mechanism of Political Consultations": the head word is the mechanism's
            # purpose; its name starts before "Mechanism".
            left = tok.start()
            continue
        if word == "and" and left == tok.end() + 1 and sentence[left : left + 1].isupper():
            # "Foreign and Defence Ministers' 2+2", "Trade and Economic Commission"
            prev = sentence[max(0, tok.start() - 30) : tok.start()].split()
            if prev and prev[-1][:1].isupper() and prev[-1] not in STOP_CAPS:
                left = tok.start()
                continue
        low = word.lower()
        if low in MODIFIERS or low.rstrip("'’") + "'" in MODIFIERS:
            left = tok.start()
            continue
        if word[:1].isupper() and word not in STOP_CAPS and not ORDINAL_RE.fullmatch(word):
            left = tok.start()
            continue
        break
    # Never start the name with a lone hyphen or apostrophe.
    while left < head_start and sentence[left] in "-–/'’ ":
        left += 1
    return left


MONTH_RE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b"
)
BETWEEN_RE = re.compile(r"\A\s+(?:between|among|of)\s+")


WEEKDAY_TAIL = re.compile(
    r"\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*\Z",
    re.DOTALL,
)
OWNER_BODY_RE = re.compile(
    r"(?:\s+[A-Z][\w'’-]*){0,3}\s+(?:Council|Commission|Committee|Forum|Mechanism)\b"
)


def expand_right(sentence: str, pos: int, ents: list[Entity]) -> tuple[int, dict]:
    """End of the name: "(ABBR)", "on <subject>", "between A and B", "of ... A, B and C"."""
    parts: dict = {}
    end = pos
    # "Expert Group Meeting on Fisheries": the meeting word before the subject.
    m = re.match(r"\s+Meeting(?=\s+(?:on|for)\s+[A-Z])", sentence[end : end + 40])
    if m:
        end += m.end()
    m = re.match(r"\s*\([A-Z][A-Za-z-]{1,9}\)", sentence[end : end + 300])
    if m:
        end += m.end()
    # "Consultation and Coordination on ...", "Consultation & Coordination (WMCC) for ...":
    # a second capitalised purpose, then perhaps the abbreviation.
    m = re.match(
        r"\s+(?:and|&)\s+[A-Z][a-z]+(?=(?:\s*\([A-Z][A-Za-z-]{1,9}\))?\s+(?:on|for)\s+[A-Z])",
        sentence[end : end + 60],
    )
    if m and sentence[end - 1 : end] != ")":
        end += m.end()
        m = re.match(r"\s*\([A-Z][A-Za-z-]{1,9}\)", sentence[end : end + 30])
        if m:
            end += m.end()
    m = re.match(
        r"\s+(?:on|for)\s+((?:[A-Z][\w'’-]*|and|of|the|in|to|Other|other|[a-z-]+ism"
        r"|[a-z-]+ity|security|cooperation|affairs|issues|matters)"
        r"(?:[ \t]+(?:[A-Z][\w'’-]*|and|of|the|in|to|other|[a-z-]+ism|[a-z-]+ity|"
        r"security|cooperation|affairs|issues|matters)){0,9})",
        sentence[end : end + 300],
    )
    if (
        m
        and (m.group(1)[:1].isupper() or re.match(r"[a-z-]+(?:ism|ity)\b|security", m.group(1)))
        and m.group(1).split()[0] not in STOP_CAPS
        and not MONTH_RE.match(m.group(1))
    ):
        span_end = end + m.end()
        # Drop trailing connectors ("... Security Challenges and").
        text = sentence[end:span_end]
        # "... on Counter-Terrorism in New Delhi Monday": a weekday ends the subject.
        text = re.sub(WEEKDAY_TAIL, "", text)
        trimmed = re.sub(r"(?:\s+(?:and|of|the|in|to|other|Other))+\Z", "", text)
        place = re.search(r"\s+in\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\Z", trimmed)
        if place and (gazetteer().city(place.group(1)) or gazetteer().country_code(place.group(1))):
            trimmed = trimmed[: place.start()]  # "... on Asia-Pacific security in Moscow"
        end += len(trimmed)
        parts["topic"] = True
    m = BETWEEN_RE.match(sentence[end : end + 300])
    if m:
        start_list = end + m.end()
        window_end = min(len(sentence), start_list + 200)
        group = None
        in_window = [e for e in ents if start_list <= e.start < window_end]
        for g in coordinated_groups(in_window, sentence):
            # The list must open the phrase: "of the People's Republic of China Zhang
            # Gaoli as part of the meeting of the Kazakh-Chinese ..." names one state,
            # and the pair further on belongs to another name.
            if (
                g[0] is in_window[0]
                and sentence[start_list : g[0].start].count(",") <= 1
                and len(sentence[start_list : g[0].start]) <= 80
            ):
                group = g
            break
        if (
            group is None
            and in_window
            and in_window[0].kind == ORG
            and re.fullmatch(r"(?:the\s+)?", sentence[start_list : in_window[0].start])
        ):
            # "the Supreme Council of the Gulf Cooperation Council (GCC)": the owner.
            group = [in_window[0]]
        if group is not None:
            parts["lists"] = [group]
            end = group[-1].end
            # "the Executive Committee of the Saudi-Qatari Coordination Council": the
            # owning body's own head word after the compound.
            owner = OWNER_BODY_RE.match(sentence, end)
            if owner and m.group().strip() == "of":
                end = owner.end()
            pm = re.match(r"\s*\([A-Z]{2,6}\)", sentence[end : end + 300])
            if pm:
                end += pm.end()
    return end, parts


NUMBER_BEFORE_RE = re.compile(
    r"(?:(?P<ord>\S+(?:[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?)"
    r"\s+(?:(?:plenary\s+|annual\s+|regular\s+|ordinary\s+|extraordinary\s+|"
    r"[a-z]+-level\s+)?"
    r"(?:meeting|session|round|edition|sitting|summit|iteration|"
    r"consultations?|talks)\s+(?:of|in)\s+(?:the\s+|their\s+|its\s+)?)?)\Z",
    re.IGNORECASE,
)
NUMBER_AFTER_RE = re.compile(
    r"\A[^.;]{0,100}?\b(?:(?:held|holds|hold|convened|concluded|opened|wrapped up|began)\s+"
    r"(?:its|their)\s+(?P<ord>\S+)\s+(?:[a-z]+-level\s+|annual\s+|regular\s+)?"
    r"(?:meeting|session|round|sitting|edition)\b|met\s+(?:[a-z]+\s+){0,3}?for\s+the\s+(?P<ord2>\S+)\s+time\b)"
    r"|\A['’]s\s+(?P<ord3>\S+)\s+(?:[a-z]+-level\s+|annual\s+|regular\s+)?"
    r"(?:meeting|session|round|sitting|edition)\b",
    re.IGNORECASE,
)


def find_number(sentence: str, mech: Mechanism) -> None:
    """Ordinal of the session: "8th meeting of", "the VIII", "held its eighth meeting"."""
    before = sentence[max(0, mech.start - 80) : mech.start]
    m = NUMBER_BEFORE_RE.search(before)
    candidates = []
    if m:
        ordm = ORDINAL_RE.search(m.group("ord"))
        if ordm and ordm.end() == len(m.group("ord")):
            base = mech.start - len(before) + m.start("ord")
            candidates.append((ordm, base + ordm.start(), base + ordm.end()))
    if not candidates:
        m = NUMBER_AFTER_RE.match(sentence[mech.end : mech.end + 160])
        if m:
            group = next(g for g in ("ord", "ord2", "ord3") if m.group(g))
            ordm = ORDINAL_RE.fullmatch(m.group(group))
            if ordm:
                base = mech.end + m.start(group)
                candidates.append((ordm, base, base + len(m.group(group))))
    for ordm, _start, _end in candidates:
        value = ordinal_value(ordm)
        if value is None:
            continue
        word = ordm.group().lower()
        after = sentence[mech.end : mech.end + 120]
        if value == 1 and word == "first" and FIRST_SINCE_RE.match(after):
            continue  # "their first talks in four years" is not an ordinal
        mech.number = value
        return
