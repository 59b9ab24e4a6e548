import pytest
from django.db import connection

# Ingesting contract records is how pages and merges get a real record to work on.
from tests.ingestion.conftest import ingest_records  # noqa: F401 - a fixture


@pytest.fixture
def on_postgres():
    """Skips the test unless the suite runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
