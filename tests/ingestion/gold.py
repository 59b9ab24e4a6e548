"""Reports built from contract-format records (the eval's gold), so that resolution is
tested on exactly the facts given, whatever the extractor currently finds."""

from __future__ import annotations

import json
from pathlib import Path

from meetings.extraction import (
    DelegationReport,
    NextSessionReport,
    Report,
    SeriesReport,
    SessionReport,
)

# The shared evaluation set lies beside the project, as in CI.
DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"


def report_from_contract(record: dict) -> Report:
    if not record.get("meeting"):
        return Report(source=record["source"], meeting=False)
    series = record.get("series")
    session = record.get("session")
    nxt = record.get("next_session")
    return Report(
        source=record["source"],
        meeting=True,
        series=series
        and SeriesReport(
            name=series["name"],
            kind=series["kind"],
            parties=tuple(series["parties"]),
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
                party=d["party"],
                head=d["head"],
                title=d.get("title"),
            )
            for d in record.get("delegations") or []
        ),
        next_session=nxt
        and NextSessionReport(
            number=nxt.get("number"),
            city=nxt.get("city"),
            country=nxt.get("country"),
            date=nxt.get("date"),
        ),
    )


class ContractExtractor:
    """Stands in for ``extract``: the report of an article is looked up by its source."""

    def __init__(self, records: dict[str, dict]):
        self.records = records

    def __call__(self, text, *, source, published=None, outlet=None):
        record = self.records.get(source)
        if record is None:
            return Report(source=source, meeting=False, reason="no record")
        return report_from_contract(record)


def load_gold(path: Path = DEV / "gold.jsonl") -> dict[str, dict]:
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records[record["source"]] = record
    return records
