"""Which mechanism mention, if any, reports a session that took place.

A mention reports the article's session when its clause is not about the future ("will
host", "agreed to set up", "ahead of"), not about the past ("previous", "had met", a date
months before publication), not "on the sidelines of" something, and either stands in
the lead, is backed by the headline, or carries an ordinal with an event verb.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from meetings.extraction.dates import find_dates
from meetings.extraction.gazetteer import ORG, PREFIX, gazetteer
from meetings.extraction.mechanism import (
    NOT_OWNERS,
    Mechanism,
    codes_of,
    coordinated_groups,
    find_mechanisms,
)
from meetings.extraction.text import Sentence
from meetings.extraction.vocab import cue_re

# The cue words live in data/cues.tsv; these are their compiled categories.
FUTURE_BEFORE_RE = cue_re("future")
FUTURE_AFTER_RE = cue_re("future_after", prefix=r"\A[^.;]{0,25}?\b")
FOUNDING_RE = cue_re("founding")
HISTORY_RE = cue_re("history")
SIDELINES_RE = cue_re("sidelines")
# "after the 9th session" may still be the article's event; "the visit followed the fifth
# round" names a session only as the background of something else.
WEAK_PASSING_RE = cue_re("passing_weak")
STRONG_PASSING_RE = cue_re("passing_strong")
# A sentence about a telephone call reports no session, whatever it mentions.
PHONE_RE = cue_re("phone")
# A concrete event in the past, not a mechanism's habits ("the dialogue has become...").
DONE_RE = cue_re("done")
EVENT_RE = cue_re("event", "hosted")


# "The Council of Ministers also discussed ...": without an owner, one state's cabinet.
NATIONAL_BODY_RE = re.compile(r"(?:the\s+)?(?:council\s+of\s+ministers|cabinet)", re.IGNORECASE)
# China's cabinet, whoever is named beside it: "Vice Premier of the State Council".
STATE_COUNCIL_RE = re.compile(r"(?:the\s+)?State\s+Council(?:\s+of\s+.*)?", re.IGNORECASE)


@dataclass
class Candidate:
    sentence_index: int
    mech: Mechanism
    lead: bool
    title_support: bool
    parties: list[str]
    organizations: list[str]
    # The sentence that names the mechanism, when it is not the session's own ("US and
    # Cuban officials met in Havana ... These migration talks ...").
    mention_index: int | None = None


def party_groups(text: str) -> list[list[str]]:
    """Country lists in ``text`` ("Pakistan and Russia", "China, Japan and the ROK")."""
    ents = [e for e in gazetteer().entities(text) if e.kind != ORG]
    out = []
    for group in coordinated_groups(ents, text):
        parties, _ = codes_of(group)
        if len(parties) >= 2:
            out.append(parties)
    return out


def clause_before(text: str, pos: int) -> str:
    """Up to 300 characters before ``pos``, from the last ";" or ":" on."""
    lo = max(0, pos - 300)
    cut = max(text.rfind(";", lo, pos), text.rfind(":", max(0, pos - 200), pos), lo - 1)
    return text[cut + 1 : pos]


# ", which was set up in 2002," / ", established in 1993," describes the mechanism, not
# the session the sentence reports.
APPOSITIVE_RE = re.compile(
    r"\A\s*(?:\([^()]{0,20}\))?\s*,\s*(?:(?:which|that)\s+(?:was|were|had\s+been)\s+)?"
    r"(?:set\s+up|established|founded|created|launched|formed|institutionali[sz]ed)\b"
    r"[^,;.]{0,100},"
)


def is_history(text: str, mech: Mechanism, *, ref: datetime.date | None) -> bool:
    after = APPOSITIVE_RE.sub("", text[mech.end : mech.end + 160], count=1)[:60]
    window = clause_before(text, mech.start) + text[mech.start : mech.end] + after
    if HISTORY_RE.search(window):
        return True
    if ref is None:
        return False
    for hit in find_dates(window, ref=ref):
        if "since" in window[max(0, hit.pos - 7) : hit.pos + 5].lower():
            continue
        if hit.kind in ("dmy", "mdy", "iso", "range_dm", "range_md", "range_dmdm", "my", "year"):
            value = hit.start
            try:
                day = datetime.date.fromisoformat(
                    value
                    if len(value) == 10
                    else (value + "-28" if len(value) == 7 else value + "-12-31")
                )
            except ValueError:
                continue
            if (ref - day).days > 62:
                return True
    return False


# A visit's occasion, not a plan: "at the invitation of the President", "received her
# counterpart at the palace to hold the 15th cabinet".
OCCASION_RE = re.compile(
    r"\b(?:at|upon|on|in\s+response\s+to)\s+the\s+(?:\w+\s+)?invitation\s+of\b|"
    r"\b(?:received|welcomed|hosted|visited|arrived\s+in)\b[^;:]{0,120}?\bto\s+(?=hold\b)",
    re.IGNORECASE,
)


# "the dates and venue of the 1st meeting of the JWG would be decided later".
TO_BE_SETTLED_RE = re.compile(
    r"[^.;]{0,80}?\b(?:would|will|are\s+to|is\s+to)\s+be\s+(?:decided|fixed|finali[sz]ed|"
    r"determined|worked\s+out|settled|agreed\s+upon)\b",
    re.IGNORECASE,
)


PAST_CLAUSE_RE = re.compile(
    r",\s+(?:as\s+a\s+result\s+of|in\s+line\s+with)\b|\b(?:reached|agreed)\s+(?:at|during)\b",
    re.IGNORECASE,
)


def is_future(text: str, mech: Mechanism) -> bool:
    """About a session to come, to be revived, or one that did not take place."""
    before = OCCASION_RE.sub(" ", clause_before(text, mech.start))
    # "X will install posts, as a result of an agreement reached at the most recent
    # commission": the future verb is not the session's.
    pasts = list(PAST_CLAUSE_RE.finditer(before))
    if pasts:
        before = before[pasts[-1].end() :]
    after = text[mech.end : mech.end + 80]
    if (mech.number or 0) > 1:
        # "signed an MoU to establish a forum, during the 14th Joint Commission": a
        # mechanism that has met before is not being set up.
        before = FOUNDING_RE.sub(" ", before)
    return bool(
        FUTURE_BEFORE_RE.search(before)
        or FUTURE_AFTER_RE.search(after)
        or TO_BE_SETTLED_RE.match(text, mech.end)
        or NOT_MET_RE.search(before[-80:] + " " + after)
    )


# "agreed to resume the work of their commission, which has not met since 2019".
NOT_MET_RE = cue_re("not_met")


def same_mechanism(a: Mechanism, b: Mechanism) -> bool:
    """The headline's mention and the body's are one mechanism: the same kind, or one
    name's head word inside the other's ("VII conference", "VII Ministerial Conference")."""
    if a.kind == b.kind:
        return True
    head = a.name.split()[-1].lower() if a.name else ""
    return len(a.name.split()) == 1 and head in b.name.lower().split()


@dataclass(frozen=True)
class Decision:
    """Whether the article reports a session: the mention that does (or None), the
    cues that decided it, and for a negative the reason in words."""

    best: Candidate | None
    cues: tuple[str, ...]
    reason: str


# What each veto means, in the words the article page shows.
VETO_REASONS = {
    "future": "announces a session to come",
    "history": "mentions an earlier session",
    "sidelines": "an event on the sidelines of another",
    "phone": "a telephone call",
    "passing": "mentions a session in passing",
    "no event": "names a mechanism but reports no session of it",
    "not lead": "names a mechanism outside the lead without an ordinal",
    "non-state": "a body of companies, sport or one government, not of states",
}


def decide(
    sentences: list[Sentence], *, title: Sentence | None, ref: datetime.date | None
) -> Decision:
    """Step "decision": the mention that reports the article's session, with its cues;
    without one, the veto that ruled out the first mechanism named."""
    vetoes: list[tuple[int, str, str]] = []
    candidates = find_candidates(sentences, title=title, ref=ref, vetoes=vetoes)
    # The weightiest mention first: backed by the headline, numbered, dated like the
    # day of the report; then article order.
    # Among equals, a mention that names its sides.
    candidates.sort(
        key=lambda c: (
            -weight(c, sentences),
            not (len(c.parties) >= 2 or c.organizations),
            c.sentence_index,
        )
    )
    best = candidates[0] if candidates else None
    if best is not None:
        return Decision(best, support_cues(best, sentences), "")
    if not vetoes:
        return Decision(None, (), "no session of an intergovernmental mechanism is reported")
    _, name, veto = vetoes[0]
    cue = f"{veto}: {name}"
    return Decision(None, (cue,), f"{VETO_REASONS[veto]} ({name})")


# "concluded on Tuesday", "held here today": the article's own day, not a past session.
REPORT_DAY_RE = re.compile(
    r"\b(?:today|yesterday|here|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday))\b",
    re.IGNORECASE,
)


def weight(cand: Candidate, sentences: list[Sentence]) -> int:
    """How strongly a mention is the article's session: the headline's backing counts
    most; a number and the day of the report count once each, and only together
    outweigh a mention in the lead that the headline backs."""
    text = sentences[cand.sentence_index].text
    # A bare "the council" only refers back; the headline backs it less.
    backing = 1 if len(cand.mech.name.split()) == 1 else 3
    return (
        backing * cand.title_support
        + (cand.mech.number is not None)
        + (REPORT_DAY_RE.search(text) is not None)
    )


def support_cues(cand: Candidate, sentences: list[Sentence]) -> tuple[str, ...]:
    text = sentences[cand.sentence_index].text
    cues = [f"mechanism: {cand.mech.name}"]
    if cand.mech.number is not None:
        cues.append(f"ordinal: {cand.mech.number}")
    if cand.lead:
        cues.append("in the lead")
    if cand.title_support:
        cues.append("named in the headline")
    verb = DONE_RE.search(text) or EVENT_RE.search(text)
    if verb:
        cues.append(f"event verb: {verb.group().lower()}")
    return tuple(cues)


def find_candidates(
    sentences: list[Sentence],
    *,
    title: Sentence | None,
    ref: datetime.date | None,
    vetoes: list[tuple[int, str, str]] | None = None,
) -> list[Candidate]:
    """Mentions that report a session, in article order; each mention ruled out is
    added to ``vetoes`` as (sentence index, name, veto)."""
    vetoes = [] if vetoes is None else vetoes
    title_mechs = []
    title_future = False
    if title is not None:
        title_mechs = find_mechanisms(title.text)
        title_future = bool(
            re.search(
                r"\b(?:to\s+(?:form|set\s+up|hold|host|meet|gather|"
                r"be\s+held|create|establish)|will|next|upcoming)\b",
                title.text,
                re.IGNORECASE,
            )
        )
    out: list[Candidate] = []
    uneventful: list[tuple[int, Mechanism]] = []
    future_kinds: set[str] = set()
    if title_future:
        future_kinds.update(m.kind for m in title_mechs)
    body_index = 0
    for idx, sent in enumerate(sentences):
        text = sent.text
        mechs = find_mechanisms(text)
        lead = body_index <= 2
        body_index += 1
        has_event = bool(mechs) and EVENT_RE.search(text) is not None
        on_phone = bool(mechs) and PHONE_RE.search(text) is not None
        done = bool(mechs) and DONE_RE.search(text) is not None
        for mech in mechs:

            def veto(kind: str, mech: Mechanism = mech, idx: int = idx) -> None:
                vetoes.append((idx, mech.name, kind))

            if (
                mech.non_state
                or STATE_COUNCIL_RE.fullmatch(mech.name)
                or (
                    NATIONAL_BODY_RE.fullmatch(mech.name)
                    and not (mech.parties or mech.organizations)
                )
            ):
                veto("non-state")
                continue
            if SIDELINES_RE.search(text[max(0, mech.start - 60) : mech.start]):
                veto("sidelines")
                continue
            # "At the dialogue ..." after "would hold their Strategic Dialogue next week":
            # a bare name refers back to the session announced before it.
            bare_again = len(mech.name.split()) == 1 and mech.kind in future_kinds
            if is_future(text, mech) or (bare_again and not done_in_past(text)):
                veto("future")
                if len(mech.name.split()) > 1:
                    future_kinds.add(mech.kind)
                continue
            if is_history(text, mech, ref=ref):
                veto("history")
                continue
            if not has_event:
                veto("no event")
                uneventful.append((idx, mech))
                continue
            support = any(same_mechanism(tm, mech) for tm in title_mechs) and not title_future
            before = clause_before(text, mech.start)[-80:]
            weak = WEAK_PASSING_RE.search(before)
            if STRONG_PASSING_RE.search(before) and not support:
                veto("passing")
                continue
            if on_phone:
                veto("phone")
                continue
            if not (lead or support or (mech.number is not None and not weak)):
                veto("not lead")
                continue
            if not (support or mech.number is not None or done):
                veto("no event")
                continue
            parties, orgs = list(mech.parties), list(mech.organizations)
            bare = len(mech.name.split()) == 1
            if len(parties) < 2 and not orgs:
                # The subject names the parties: "Pakistan and Russia on Wednesday held
                # the 7th meeting of their Joint Working Group"; but those who "also
                # attended the conference" are guests of it.
                subject = text[max(0, mech.start - 300) : mech.start]
                groups = (
                    []
                    if bare and not re.search(r"\b(?:their|its)\s+\Z", subject)
                    else (party_groups(subject))
                )
                if groups:
                    parties = merge(parties, groups[0])
                elif not parties:
                    # "Group of Seven leaders wrapped up their summit": the owner is the
                    # subject.
                    owners = [
                        e.code
                        for e in gazetteer().entities(subject[-120:])
                        if e.kind == ORG and e.code not in NOT_OWNERS
                    ]
                    if len(set(owners)) == 1:
                        orgs = owners[:1]
            out.append(Candidate(idx, mech, lead, support, parties, orgs))
    if not out and title_mechs and not title_future and sentences:
        out = title_candidates(title_mechs, title, sentences[0])
    if not out:
        out = back_referenced(sentences, uneventful)
    if not out:
        out = described_next(sentences, uneventful)
    return out


# "These migration talks ...", "The consultations ...": a name that points back.
DEMONSTRATIVE_RE = re.compile(r"(?:\A|[\s\"“(])(?:these|this|the)\s+\Z", re.IGNORECASE)


# "was held", "took place", "met": a past event, not "would be led".
PAST_EVENT_RE = re.compile(
    r"\b(?<!would\s)(?<!will\s)(?:was|were|had\s+been)\s+(?:held|convened|opened)\b|"
    r"\btook\s+place\b|\b(?:concluded|ended|met|co-chaired|chaired)\b",
    re.IGNORECASE,
)


def done_in_past(text: str) -> bool:
    return PAST_EVENT_RE.search(text) is not None and not re.search(
        r"\b(?:will|would|shall)\b", text, re.IGNORECASE
    )


def back_referenced(
    sentences: list[Sentence], uneventful: list[tuple[int, Mechanism]]
) -> list[Candidate]:
    """A lead that says the sides met ("US and Cuban officials met in Havana on
    Tuesday") and a sentence soon after that names what the meeting was ("These migration
    talks provide ..."): the session is the lead's, the name the later sentence's."""
    for idx, mech in uneventful:
        text = sentences[idx].text
        if not 0 < idx <= 3 or not DEMONSTRATIVE_RE.search(text[: mech.start]):
            continue
        for k in range(min(idx, 2)):
            lead = sentences[k].text
            met = SIDES_MET_RE.search(lead)
            if met is None or PHONE_RE.search(lead) or SIDELINES_RE.search(lead):
                continue
            if FUTURE_BEFORE_RE.search(lead[: met.end()]) or HISTORY_RE.search(lead):
                continue
            parties, orgs = list(mech.parties), list(mech.organizations)
            if len(parties) < 2 and not orgs:
                groups = party_groups(lead[: met.start()])
                if groups:
                    parties = merge(parties, groups[0])
            return [Candidate(k, mech, True, False, parties, orgs, mention_index=idx)]
    return []


# "The meeting was chaired by X and Y": the sentence says what the one before it named.
DESCRIBES_BEFORE_RE = re.compile(
    r"\A\W*(?:the|this|that)\s+(?:[\w-]+\s+)?(?:meeting|session|round|talks|consultations|"
    r"dialogue|summit)\s+(?:was|were)\s+(?:co-)?(?:chaired|held|convened|opened|concluded|"
    r"presided\s+over|attended)\b",
    re.IGNORECASE,
)


def described_next(
    sentences: list[Sentence], uneventful: list[tuple[int, Mechanism]]
) -> list[Candidate]:
    """A numbered session named without an event verb ("The 43rd session of the committee
    on Sunday in Hanoi yielded important results") and, in the next sentence, what it
    was ("The meeting was chaired by X and Y"): that session took place."""
    for idx, mech in uneventful:
        if mech.number is None or idx + 1 >= len(sentences):
            continue
        nxt = sentences[idx + 1].text
        if not DESCRIBES_BEFORE_RE.match(nxt) or FUTURE_BEFORE_RE.search(nxt):
            continue
        return [Candidate(idx, mech, idx <= 2, False, list(mech.parties), list(mech.organizations))]
    return []


# "The meeting was held in Tashkent on Tuesday": the lead points back at the headline.
BACK_REFERENCE_RE = re.compile(
    r"\b(?:the|this|its)\s+(?:[\w-]+\s+)?(?:meeting|session|round|talks|consultations|"
    r"dialogue|summit)\s+(?:was|were|has\s+been|had\s+been)\s+(?:held|convened|opened|"
    r"concluded)\b|\b(?:the|this)\s+(?:meeting|session|round|talks|summit)\s+took\s+place\b",
    re.IGNORECASE,
)


# "U.S. and Cuban officials met in Havana": the lead says the sides of the headline met.
SIDES_MET_RE = re.compile(
    r"\b(?:officials|delegations|delegates|representatives|negotiators|sides)\s+"
    r"(?:met|convened|gathered|held\s+talks)\b"
)


def title_candidates(
    title_mechs: list[Mechanism], title: Sentence, lead: Sentence
) -> list[Candidate]:
    """Brief reports name the mechanism only in the headline ("Fifth Kazakh-Uzbek JWG
    meeting held") and say "the meeting was held in Tashkent on Monday" in the lead."""
    text = lead.text
    done = BACK_REFERENCE_RE.search(text) or SIDES_MET_RE.search(text)
    if done is None or PHONE_RE.search(text) or SIDELINES_RE.search(text):
        return []
    if FUTURE_BEFORE_RE.search(text[: done.end()]) or HISTORY_RE.search(text[: done.end()]):
        return []
    if re.search(r"\b(?:sidelines|margins)\b", title.text, re.IGNORECASE):
        return []
    out = []
    for mech in title_mechs:
        if mech.non_state or SIDELINES_RE.search(title.text):
            continue
        parties, orgs = list(mech.parties), list(mech.organizations)
        if len(parties) < 2 and not orgs:
            groups = party_groups(title.text)
            if groups:
                parties = merge(parties, groups[0])
        out.append(Candidate(0, mech, True, True, parties, orgs))
    return out


def merge(a: list[str], b: list[str]) -> list[str]:
    return a + [x for x in b if x not in a]


# The two states of a sentence meet only when it says so: counterparts, delegations, a host.
SIDES_CUE_RE = re.compile(
    r"\b(?:counterparts?|delegations?|sides|hosted|received|welcomed|between)\b", re.IGNORECASE
)


def implied_sides(
    sent: Sentence,
    *,
    parties: list[str],
    title: Sentence | None,
    body: list[Sentence],
    mech: Mechanism | None = None,
) -> tuple[list[str], list[str]]:
    """Sides of a mechanism whose name names none: the two states of its sentence
    ("Kenya's minister hosted her Tanzanian counterpart for a Joint Commission"), else
    the one organisation the headline and the first sentences name (a council "of the
    GCC" named only through its secretariat). States inside the name of another
    mechanism of the sentence are that mechanism's, not ``mech``'s."""
    others = [m for m in find_mechanisms(sent.text) if mech is None or m.start != mech.start]
    states = []
    for e in gazetteer().entities(sent.text):
        if any(o.start <= e.start < o.end for o in others):
            continue
        if e.kind not in (ORG, PREFIX) and e.code not in states:
            states.append(e.code)
    if len(set(states) | set(parties)) == 2 and SIDES_CUE_RE.search(sent.text):
        return merge(parties, states), []
    if parties:
        return parties, []
    orgs = []
    for other in ([title] if title else []) + body[:8]:
        for e in gazetteer().entities(other.text):
            if e.kind == ORG and e.code not in NOT_OWNERS and e.code not in orgs:
                orgs.append(e.code)
    return (parties, orgs) if len(orgs) == 1 else (parties, [])
