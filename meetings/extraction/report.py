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

    @classmethod
    def from_contract(cls, contract: dict) -> Report:
        """The report of a stored ``to_contract()`` object (``Article.report``), so that
        what was stored can be resolved again. Missing keys read as empty; the values are
        taken as they are, for the reader to check."""
        if not contract.get("meeting"):
            return cls(source=contract.get("source") or "", meeting=False)
        series = contract.get("series") or None
        session = contract.get("session") or None
        nxt = contract.get("next_session") or None
        return cls(
            source=contract.get("source") or "",
            meeting=True,
            series=series
            and SeriesReport(
                name=series.get("name") or "",
                kind=series.get("kind") or "",
                parties=tuple(series.get("parties") or ()),
                organizations=tuple(series.get("organizations") or ()),
                topic=series.get("topic"),
            ),
            session=session
            and SessionReport(
                number=session.get("number"),
                start=session.get("start"),
                end=session.get("end"),
                city=session.get("city"),
                country=session.get("country"),
                virtual=bool(session.get("virtual")),
            ),
            delegations=tuple(
                DelegationReport(
                    party=d.get("party") or "",
                    head=d.get("head") or "",
                    title=d.get("title"),
                )
                for d in contract.get("delegations") or []
                if isinstance(d, dict)
            ),
            next_session=nxt
            and NextSessionReport(
                number=nxt.get("number"),
                city=nxt.get("city"),
                country=nxt.get("country"),
                date=nxt.get("date"),
            ),
        )
