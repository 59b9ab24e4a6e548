import pytest

from meetings.ingestion import ingest_paths
from tests.ingestion.gold import ContractExtractor


def meeting(
    source,
    *,
    name="Pakistan-Russia Joint Working Group on Counter-Terrorism",
    parties=("PAK", "RUS"),
    organizations=(),
    kind="joint-working-group",
    topic="counter-terrorism",
    number=None,
    start=None,
    end=None,
    city=None,
    country=None,
    virtual=False,
    delegations=(),
    next_session=None,
):
    """A contract record of an article reporting a session."""
    return {
        "source": source,
        "meeting": True,
        "series": {
            "name": name,
            "kind": kind,
            "parties": list(parties),
            "organizations": list(organizations),
            "topic": topic,
        },
        "session": {
            "number": number,
            "start": start,
            "end": end,
            "city": city,
            "country": country,
            "virtual": virtual,
        },
        "delegations": [
            {"party": party, "head": head, "title": title} for party, head, title in delegations
        ],
        "next_session": next_session,
    }


def not_meeting(source):
    return {"source": source, "meeting": False}


@pytest.fixture
def ingest_records(tmp_path):
    """Ingest .txt files whose extractor reports are the given contract records."""

    def ingest(*records, texts=None):
        paths = []
        for record in records:
            path = tmp_path / record["source"]
            text = (texts or {}).get(record["source"], f"Article {record['source']}.\n")
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return ingest_paths(paths, extractor=ContractExtractor({r["source"]: r for r in records}))

    return ingest
