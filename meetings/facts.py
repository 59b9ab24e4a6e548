"""The facts table of a session page: each fact an article gave, in words, grouped by the
sentence it came from.

Evidence rows store facts as the extractor names them ("delegation.PAK.head",
"series.kind") with raw values ("true", "joint-working-group", "PAK,RUS"); the page
shows labels and names instead, and says when a fact about this session was announced
in the report of another one.
"""

import re
from dataclasses import dataclass, field

from meetings.models import KINDS, TOPICS, Country, Organization, parse_partial_date

_LABELS = {
    "meeting": "Reports a meeting",
    "series.name": "Series name",
    "series.kind": "Kind of mechanism",
    "series.topic": "Topic",
    "series.parties": "Parties",
    "series.organizations": "Organisations",
    "session.number": "Session number",
    "session.start": "Start date",
    "session.end": "End date",
    "session.city": "City",
    "session.country": "Host country",
    "session.virtual": "Held online",
    "next_session.number": "Next session number",
    "next_session.date": "Next session date",
    "next_session.city": "Next session place",
    "next_session.country": "Next session country",
}
_DELEGATION_FACT = re.compile(r"^delegation\.(?P<party>[^.]+)\.(?P<what>head|title)$")
_CODE = re.compile(r"^[A-Z]{3}$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass
class Fact:
    label: str
    value: str


@dataclass
class SentenceFacts:
    """One sentence of one article and the facts taken from it."""

    article: object
    anchor: str
    sentence: str
    facts: list[Fact] = field(default_factory=list)
    # "Announced in the report of session 9": the sentence is a forecast about this
    # session, made by an article about an earlier one.
    announced_in: object | None = None


def _date_words(value: str) -> str:
    try:
        day, precision = parse_partial_date(value)
    except ValueError:
        return value
    if day is None:
        return value
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _party_names(codes: set[str]) -> dict[str, str]:
    names = dict(Country.objects.filter(pk__in=codes).values_list("alpha3", "name"))
    for short_name, full_name in Organization.objects.filter(short_name__in=codes).values_list(
        "short_name", "full_name"
    ):
        names.setdefault(short_name, full_name or short_name)
    return names


def describe(fact: str, value: str, *, names: dict[str, str]) -> Fact:
    """The label and the readable value of one stored fact."""
    delegation = _DELEGATION_FACT.match(fact)
    if delegation:
        party = names.get(delegation["party"], delegation["party"])
        what = "Head of delegation" if delegation["what"] == "head" else "Title of its head"
        return Fact(f"{what}, {party}", value)
    label = _LABELS.get(fact, fact.replace(".", " ").replace("_", " ").strip().capitalize())
    if value in ("true", "false"):
        return Fact(label, "Yes" if value == "true" else "No")
    if fact == "series.kind":
        return Fact(label, dict(KINDS).get(value, value))
    if fact == "series.topic":
        return Fact(label, dict(TOPICS).get(value, value))
    if fact in ("series.parties", "series.organizations"):
        parties = [names.get(code, code) for code in value.split(",") if code]
        return Fact(label, ", ".join(parties))
    if fact.endswith((".start", ".end", ".date")):
        return Fact(label, _date_words(value))
    if fact.endswith((".country", ".city")) and _CODE.match(value) and value in names:
        # The article named only the country ("the next round in Pakistan").
        return Fact(_LABELS.get(fact.replace(".city", ".country"), label), names[value])
    return Fact(label, value)


def _fact_name(evidence) -> str:
    """The fact's name with the delegation's party in it ("delegation.PAK.head"), also
    for rows that name the party only through their delegation."""
    if evidence.delegation_id and evidence.fact in ("delegation.head", "delegation.title"):
        what = evidence.fact.split(".")[1]
        return f"delegation.{evidence.delegation.party_code}.{what}"
    return evidence.fact


def group_by_sentence(evidence, *, session) -> list[SentenceFacts]:
    """The session's evidence as one entry per sentence, in article then text order.
    Each entry's `anchor` is the id the highlighted article text gives that sentence."""
    codes = set()
    named = [(e, _fact_name(e)) for e in evidence]
    for e, fact in named:
        match = _DELEGATION_FACT.match(fact)
        if match:
            codes.add(match["party"])
        elif fact in ("series.parties", "series.organizations"):
            codes.update(e.value.split(","))
        elif _CODE.match(e.value or ""):
            codes.add(e.value)
    names = _party_names(codes) if codes else {}
    groups: dict[tuple, SentenceFacts] = {}
    for e, fact in named:
        key = (e.article_id, e.start, e.end)
        group = groups.get(key)
        if group is None:
            reported = e.article.session
            group = groups[key] = SentenceFacts(
                article=e.article,
                anchor=f"ev-{e.pk}",
                sentence=e.sentence,
                announced_in=reported
                if reported is not None and reported.pk != session.pk
                else None,
            )
        group.facts.append(describe(fact, e.value, names=names))
    return list(groups.values())
