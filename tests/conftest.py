import pytest
from django.db import connection

from meetings.pagination import LIST_CACHE

# Ingesting contract records is how pages and merges get a real record to work on.
from tests.ingestion.conftest import ingest_records  # noqa: F401 - a fixture


@pytest.fixture
def on_postgres():
    """Skips the test unless the suite runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


@pytest.fixture(autouse=True)
def _nothing_remembered():
    """Each test starts with no remembered list: a test's writes are never committed, so
    the data version cannot tell one test's data from another's."""
    LIST_CACHE.clear()
