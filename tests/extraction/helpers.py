"""Small helpers shared by the extraction tests (no database, no Django)."""

from __future__ import annotations

import datetime

from meetings.extraction import Report, extract


def article(
    body: str, *, date: str = "2023-11-15", outlet: str = "Test Wire", title: str = "Headline"
) -> str:
    """An article file's text: header line, title line, blank line, body."""
    return f" date {date} {outlet}\n{title}\n\n{body}\n"


def run(body: str, **kwargs) -> Report:
    """Extract a one-off article built by ``article``."""
    return extract(article(body, **kwargs), source="t.txt")


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)
