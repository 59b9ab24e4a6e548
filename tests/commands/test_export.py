import csv
import io
import json

import pytest
from django.core.management import call_command

from tests.factories import SeriesFactory, SessionFactory
from tests.ingestion.conftest import meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(ingest_records):
    ingest_records(
        meeting(
            "pak-rus-7.txt",
            name="Pakistan-Russia Joint Working Group on Counter-Terrorism",
            number=7,
            start="2018-03-21",
            city="Islamabad",
            country="PAK",
        ),
        meeting(
            "seed.txt",
            name="Russia-Pakistan Joint Working Group on Counter-terrorism",
            number=8,
            start="2019-11",
            city="Moscow",
            country="RUS",
            next_session={"number": 9, "city": "Islamabad", "country": "PAK", "date": None},
        ),
        meeting("pak-rus-8b.txt", number=8, start="2019-11-12", city="Moscow", country="RUS"),
    )


def export(fmt):
    out = io.StringIO()
    call_command("export", "--format", fmt, stdout=out)
    return out.getvalue()


def test_export_json_is_the_contract_document(record):
    document = json.loads(export("json"))

    assert document == {
        "series": [
            {
                "name": "Pakistan-Russia Joint Working Group on Counter-Terrorism",
                "kind": "joint-working-group",
                "parties": ["PAK", "RUS"],
                "organizations": [],
                "topic": "counter-terrorism",
                "sessions": [
                    {
                        "number": 7,
                        "start": "2018-03-21",
                        "city": "Islamabad",
                        "country": "PAK",
                        "sources": ["pak-rus-7.txt"],
                    },
                    {
                        "number": 8,
                        "start": "2019-11-12",
                        "city": "Moscow",
                        "country": "RUS",
                        "sources": ["pak-rus-8b.txt", "seed.txt"],
                    },
                ],
            }
        ]
    }


def test_export_json_of_empty_database_has_no_series(db):
    assert json.loads(export("json")) == {"series": []}


def test_export_csv_has_every_session_with_status(record):
    rows = list(csv.DictReader(io.StringIO(export("csv"))))

    assert [(r["number"], r["status"], r["start"], r["city"], r["sources"]) for r in rows] == [
        ("7", "held", "2018-03-21", "Islamabad", "pak-rus-7.txt"),
        ("8", "held", "2019-11-12", "Moscow", "pak-rus-8b.txt seed.txt"),
        ("9", "planned", "", "Islamabad", ""),
    ]
    assert rows[0]["parties"] == "PAK RUS"


def test_export_csv_escapes_cells_a_spreadsheet_would_run(db):
    SessionFactory(series=SeriesFactory(name='=HYPERLINK("http://x")'), city="@Home")

    rows = list(csv.DictReader(io.StringIO(export("csv"))))

    assert (rows[0]["series"], rows[0]["city"]) == ('\'=HYPERLINK("http://x")', "'@Home")
