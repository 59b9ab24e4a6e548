"""Advisory locks on the sides an article touches, so that two processes cannot create
one series, person or undated session under two spellings at once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import connection

from meetings.extraction.report import Report


def lock_ids(report: Report) -> list[int]:
    """Advisory lock ids for the sides an article touches: its series and each party."""
    series = report.series
    parties = sorted(series.parties) if series else []
    organizations = sorted(series.organizations) if series else []
    keys = ["series:" + "+".join(parties) + "|" + "+".join(organizations)]
    keys += [f"party:{d.party}" for d in report.delegations]
    return sorted(
        {int.from_bytes(hashlib.sha1(k.encode()).digest()[:8], "big", signed=True) for k in keys}
    )


@dataclass
class Locks:
    """The locks of the article being resolved, taken on its first miss."""

    ids: list[int] = field(default_factory=list)
    taken: bool = False

    def begin(self, report: Report) -> None:
        self.ids = lock_ids(report)
        self.taken = False

    def take(self) -> bool:
        """Lock the sides the article touches, before creating a series, person or
        undated session that another process could create under another spelling.

        All of the article's locks are taken at once, in order, so that two articles
        cannot deadlock on them. True when they were taken now: what was looked up
        before must be looked up again. On SQLite, where one transaction writes at a
        time, there is nothing to take.
        """
        if self.taken or connection.vendor != "postgresql":
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(k) "
                "FROM (SELECT unnest(%s::bigint[]) AS k ORDER BY 1) AS ids",
                [self.ids],
            )
        self.taken = True
        return True
