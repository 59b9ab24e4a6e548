"""Frozen dataclasses shaped like the CONTRACT's ``extract`` JSON object.

Entities are natural keys (ISO alpha-3 codes, organisation short names, names as
written, ordinals), never database ids, so that every layer above can compare them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """One fact and the sentence behind it: ``text[start:end]`` of the original input."""

    fact: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class SeriesReport:
    name: str
    kind: str
    parties: tuple[str, ...]
    organizations: tuple[str, ...]
    topic: str | None


@dataclass(frozen=True)
class SessionReport:
    number: int | None
    start: str | None
    end: str | None
    city: str | None
    country: str | None
    virtual: bool


@dataclass(frozen=True)
class DelegationReport:
    party: str
    head: str
    title: str | None


@dataclass(frozen=True)
class NextSessionReport:
    number: int | None
    city: str | None
    country: str | None
    date: str | None


@dataclass(frozen=True)
class Report:
    """Everything extracted from one article; ``to_contract()`` gives the scored JSON."""

    source: str
    meeting: bool
    series: SeriesReport | None = None
    session: SessionReport | None = None
    delegations: tuple[DelegationReport, ...] = ()
    next_session: NextSessionReport | None = None
    evidence: tuple[Evidence, ...] = ()
    published: datetime.date | None = None
    outlet: str | None = None
    title: str | None = None
    dateline_city: str | None = None
    reason: str | None = None
    # The cues that decided whether the article reports a session ("ordinal",
    # "event verb: held", "future: will hold"), for people to check the decision.
    cues: tuple[str, ...] = ()

    def to_contract(self) -> dict:
        """The CONTRACT's ``extract`` object; a negative has null/empty facts."""
        if not self.meeting:
            return {
                "source": self.source,
                "meeting": False,
                "series": None,
                "session": None,
                "delegations": [],
                "next_session": None,
            }
        series = self.series
        session = self.session
        nxt = self.next_session
        return {
            "source": self.source,
            "meeting": True,
            "series": None
            if series is None
            else {
                "name": series.name,
                "kind": series.kind,
                "parties": sorted(series.parties),
                "organizations": sorted(series.organizations),
                "topic": series.topic,
            },
            "session": None
            if session is None
            else {
                "number": session.number,
                "start": session.start,
                "end": session.end,
                "city": session.city,
                "country": session.country,
                "virtual": session.virtual,
            },
            "delegations": [
                {"party": d.party, "head": d.head, "title": d.title} for d in self.delegations
            ],
            "next_session": None
            if nxt is None
            else {
                "number": nxt.number,
                "city": nxt.city,
                "country": nxt.country,
                "date": nxt.date,
            },
        }
