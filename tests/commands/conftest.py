from tests.ingestion.conftest import ingest_records

__all__ = ["ingest_records"]
