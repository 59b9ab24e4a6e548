"""Pure-Python extraction: one article's text in, one meeting ``Report`` out.

No Django import here or below: the layers above (models, ingestion, export) import
this package, never the other way round.
"""

from meetings.extraction.core import ExtractionInputError, extract, extract_file
from meetings.extraction.report import (
    DelegationReport,
    Evidence,
    NextSessionReport,
    Report,
    SeriesReport,
    SessionReport,
)

__all__ = [
    "DelegationReport",
    "Evidence",
    "ExtractionInputError",
    "NextSessionReport",
    "Report",
    "SeriesReport",
    "SessionReport",
    "extract",
    "extract_file",
]
