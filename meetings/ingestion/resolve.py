"""Find or create by natural key: the record an extractor report speaks of.

Every step runs inside the article's transaction (see ``store``) on a typed ``Report``
(``Report.from_contract()`` of a stored ``Article.report``, so that what was stored can be
resolved again). The work is split by entity: states and organisations (``places``),
series (``series``), sessions (``sessions``), officials and delegations (``people``),
and the advisory locks that keep concurrent runs from creating twins (``locks``). Facts
already in the database win: how another source's facts are folded into a session is in
``facts``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from meetings.extraction.report import Report
from meetings.ingestion.locks import Locks
from meetings.ingestion.people import PeopleResolver
from meetings.ingestion.places import Places, ResolutionError
from meetings.ingestion.series import SeriesResolver
from meetings.ingestion.sessions import SessionResolver

__all__ = ["ResolutionError", "Resolver"]


@dataclass
class Resolver:
    """One ingest run's resolution, with caches of rows that never go away."""

    places: Places = field(default_factory=Places)
    locks: Locks = field(default_factory=Locks)

    def __post_init__(self):
        self.series = SeriesResolver(self.places, self.locks)
        self.sessions = SessionResolver(self.places, self.locks)
        self.people = PeopleResolver(self.places, self.locks)

    def begin(self, report: Report) -> None:
        """Start resolving one article (in its transaction)."""
        self.locks.begin(report)
        self.people.fuzzy = []

    def forget(self) -> None:
        """Drop the caches: after a rollback, rows they hold may no longer exist."""
        self.places.forget()
        self.series.forget()
        self.people.forget()
