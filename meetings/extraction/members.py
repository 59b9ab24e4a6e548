"""The member states of an organisation's own mechanism that an article names.

An organisation's working group or council is a mechanism of its member states: the
parties are the members the article names as taking part, or all members when it says
that the member states (all of them) took part.
"""

from __future__ import annotations

import functools
import re

from meetings.extraction.gazetteer import ORG, PREFIX, gazetteer, read_rows

ALL_MEMBERS_RE = re.compile(
    r"\b(?:member\s+(?:states|countries|nations)|members\s+states|all\s+(?:the\s+)?members)\b",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=1)
def membership() -> dict[str, tuple[tuple[str, int], ...]]:
    """Organisation short name to (alpha-3, year joined or 0) pairs."""
    table = {}
    for org, members in read_rows("organization_members.tsv"):
        pairs = []
        for item in members.split():
            code, _, year = item.partition(":")
            pairs.append((code, int(year or 0)))
        table[org] = tuple(pairs)
    return table


def members_of(org: str, *, year: int | None) -> list[str]:
    """Members in ``year`` (the founding members when the year is unknown)."""
    return [c for c, joined in membership().get(org, ()) if joined <= (year or 0) or not joined]


def member_parties(
    text: str,
    *,
    organizations: list[str],
    parties: list[str],
    year: int | None,
    attendance: list[str] = (),
) -> list[str]:
    """``parties`` plus the member states of the owning organisations that take part.

    An organisation's own mechanism (no partner state) is its members': those of an
    attendance list when the article gives one, else all members at the session's
    year (without a year, the founding members and those the article names). When the
    organisation meets a partner ("ASEAN-Australia"), its members are parties only if
    the article says the member states took part."""
    owners = [o for o in organizations if o in membership()]
    if not owners:
        return parties
    out = list(parties)
    named = {e.code for e in gazetteer().entities(text) if e.kind not in (ORG, PREFIX)}
    says_all = ALL_MEMBERS_RE.search(text) is not None
    members = {c for org in owners for c, _ in membership()[org]}
    partner = any(p not in members for p in parties)
    if partner and not says_all:
        # A member named in passing, the chair say, is not a party of its own.
        return out
    present = [c for c in attendance if c in members]
    for org in owners:
        current = members_of(org, year=year)
        every = [c for c, _ in membership()[org]]
        if not partner and len(present) >= 2:
            chosen = [c for c in every if c in present]
        elif year or says_all:
            chosen = current
        else:
            chosen = current + [c for c in every if c in named and c not in current]
        for code in chosen:
            if code not in out:
                out.append(code)
    return out
