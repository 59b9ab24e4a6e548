import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganizationFactory, SeriesFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

SERIES_CSV = reverse("meetings:series_csv")
SESSIONS_CSV = reverse("meetings:session_csv")


def _body(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content).decode()


def _dicts(response):
    return list(csv.DictReader(io.StringIO(_body(response))))


def test_series_csv_has_parties_organisations_kind_topic_status_and_names(
    client, counter_terrorism_series
):
    series = counter_terrorism_series["series"]
    series.organizations.add(OrganizationFactory(short_name="SCO", full_name="Shanghai Org"))
    series.other_names = ["Russia-Pakistan JWG"]
    series.save()

    rows = _dicts(client.get(SERIES_CSV))

    assert rows == [
        {
            "series": "Pakistan-Russia Joint Working Group on Counter-Terrorism",
            "slug": "pak-rus-jwg-ct",
            "kind": "joint-working-group",
            "topic": "counter-terrorism",
            "parties": "PAK RUS",
            "party_names": "Pakistan; Russia",
            "organizations": "SCO",
            "organization_names": "Shanghai Org",
            "status": "planned",
            "held_sessions": "2",
            "latest_session": "8",
            "latest_start": "2019-11-12",
            "latest_venue": "Moscow, Russia",
            "next_session": "9",
            "next_start": "",
            "next_venue": "Islamabad",
            "median_interval_days": "493",  # sessions 6 and 8: two intervals
            "other_names": "Russia-Pakistan JWG",
            "url": "http://testserver/series/pak-rus-jwg-ct/",
        }
    ]


def test_series_csv_follows_the_filter_and_the_sort(client, counter_terrorism_series, india):
    SessionFactory(series=SeriesFactory(name="A India series", parties=[india]))
    SeriesFactory(name="B India series", parties=[india])

    by_name = _dicts(client.get(SERIES_CSV + "?country=IND&sort=name"))
    by_sessions = _dicts(client.get(SERIES_CSV + "?sort=sessions"))

    assert [r["series"] for r in by_name] == ["A India series", "B India series"]
    assert [r["held_sessions"] for r in by_sessions] == ["2", "1", "0"]
    assert by_name[1]["status"] == ""


def test_series_csv_marks_an_overdue_series(client):
    series = SeriesFactory()
    for year in (2000, 2001, 2002):
        SessionFactory(series=series, start_date=datetime.date(year, 1, 1))

    rows = _dicts(client.get(SERIES_CSV))

    assert rows[0]["status"] == "overdue"


def test_series_csv_query_count_does_not_grow_with_rows(client, pakistan):
    SessionFactory(series=SeriesFactory(parties=[pakistan]))
    with CaptureQueriesContext(connection) as one:
        _body(client.get(SERIES_CSV))
    for _ in range(3):
        SessionFactory(series=SeriesFactory(parties=[pakistan]))

    with CaptureQueriesContext(connection) as four:
        _body(client.get(SERIES_CSV))

    assert len(one) == len(four)


def test_sessions_csv_has_kind_topic_parties_and_country_names(client, counter_terrorism_series):
    rows = _dicts(client.get(SESSIONS_CSV + "?status=held&sort=oldest"))

    assert [
        (r["session"], r["kind"], r["topic"], r["parties"], r["party_names"], r["venue_country"])
        for r in rows
    ] == [
        ("6", "joint-working-group", "counter-terrorism", "PAK RUS", "Pakistan; Russia", ""),
        ("8", "joint-working-group", "counter-terrorism", "PAK RUS", "Pakistan; Russia", "RUS"),
    ]
    assert [r["venue_country_name"] for r in rows] == ["", "Russia"]


def test_sessions_csv_of_a_series(client, counter_terrorism_series):
    SessionFactory()

    rows = _dicts(client.get(SESSIONS_CSV + "?series=pak-rus-jwg-ct"))

    assert sorted(r["session"] for r in rows) == ["6", "8", "9"]


@pytest.mark.parametrize("url", [SERIES_CSV, SESSIONS_CSV])
def test_csv_starts_with_a_byte_order_mark_only_when_asked(client, url):
    SessionFactory(series=SeriesFactory(name="Türkiye–Azerbaijan talks"))

    plain = _body(client.get(url))
    for_excel = _body(client.get(url + "?bom=1"))

    assert not plain.startswith("\ufeff")
    assert for_excel == "\ufeff" + plain
    assert "Türkiye–Azerbaijan talks" in plain


def test_series_csv_escapes_cells_that_would_start_a_formula(client):
    SeriesFactory(name="=HYPERLINK(1)")

    rows = _dicts(client.get(SERIES_CSV))

    assert rows[0]["series"] == "'=HYPERLINK(1)"
