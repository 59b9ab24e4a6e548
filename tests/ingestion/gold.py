"""Reports built from contract-format records (the eval's gold), so that resolution is
tested on exactly the facts given, whatever the extractor currently finds."""

from __future__ import annotations

import json
from pathlib import Path

from meetings.extraction import (
    Report,
)

# The shared evaluation set lies beside the project, as in CI.
DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev"


def report_from_contract(record: dict) -> Report:
    """A gold record as the report the extractor would have made."""
    return Report.from_contract(record)


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
