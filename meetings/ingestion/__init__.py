"""Ingestion owns identity: files to articles (readers), articles to the record
(resolve, store), and merging of duplicates (merge, used by the admin too); the rules for a
session's facts are in facts."""

from meetings.ingestion.store import Outcome, Summary, ingest_article, ingest_paths

__all__ = ["Outcome", "Summary", "ingest_article", "ingest_paths"]
