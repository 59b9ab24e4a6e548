import pytest
from django.db import connection


@pytest.fixture
def on_postgres():
    """Skips the test unless the suite runs on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
