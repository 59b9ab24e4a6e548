import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.export import escape_formula
from meetings.models import Session
from tests.factories import DelegationFactory, SeriesFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = reverse("meetings:session_list")
CSV_URL = reverse("meetings:session_csv")


def _session_with_heads(series):
    session = SessionFactory(series=series)
    DelegationFactory.create_batch(2, session=session)
    return session


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_session_list_query_count_is_the_same_for_one_and_three_sessions(client, pakistan, russia):
    series = SeriesFactory(parties=[pakistan, russia])
    _session_with_heads(series)
    one = _count_queries(client, URL + "?country=PAK&country=RUS&official=Official")
    _session_with_heads(series)
    _session_with_heads(SeriesFactory(parties=[pakistan, russia]))

    three = _count_queries(client, URL + "?country=PAK&country=RUS&official=Official")

    assert one == three
    assert three <= 7  # one of them reads the data version pages are cached under


def test_session_list_shows_newest_first_with_heads(client, counter_terrorism_series):
    response = client.get(URL)

    sessions = [(s.number, s.status) for s in response.context["object_list"]]
    assert sessions == [(8, "held"), (6, "held"), (9, "planned")]
    assert response.content.decode().count("Ahmad Farooq</a>") == 2


def test_session_list_by_status_and_years_keeps_matching_sessions(client, counter_terrorism_series):
    planned = client.get(URL + "?status=planned")
    in_2019 = client.get(URL + "?year_from=2019&year_to=2019")

    assert [s.number for s in planned.context["object_list"]] == [9]
    assert [s.number for s in in_2019.context["object_list"]] == [8]


def test_session_list_bad_status_and_page_are_ignored(client, counter_terrorism_series):
    response = client.get(URL + "?status=cancelled&page=-3")

    assert len(response.context["object_list"]) == 3
    assert response.context["ignored"] == [
        "Status “cancelled”: Select a valid choice. cancelled is not one of the available choices.",
        "Page “-3” does not exist; showing page 1 of 1.",
    ]


def test_session_list_links_the_csv_of_the_current_filter(client, counter_terrorism_series):
    html = client.get(URL + "?country=PAK&page=1").content.decode()

    assert 'href="/sessions.csv?country=PAK"' in html


def test_session_csv_streams_the_current_filter(client, counter_terrorism_series):
    response = client.get(CSV_URL + "?status=held&sort=oldest")

    rows = _csv_rows(response)
    assert (response.streaming, response["Content-Type"]) == (True, "text/csv; charset=utf-8")
    assert rows[0][:4] == ["series", "session", "status", "start"]
    assert [row[1:4] for row in rows[1:]] == [
        ["6", "held", "2017-03-01"],
        ["8", "held", "2019-11-12"],
    ]
    assert rows[2][8] == "PAK: Ahmad Farooq (Director General)"


def test_session_csv_escapes_cells_that_would_start_a_formula(client):
    series = SeriesFactory(name='=HYPERLINK("http://evil")')
    SessionFactory(series=series, city="@SUM(A1)", start_date=datetime.date(2020, 1, 1))

    rows = _csv_rows(client.get(CSV_URL))

    assert (rows[1][0], rows[1][5]) == ('\'=HYPERLINK("http://evil")', "'@SUM(A1)")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Moscow", "Moscow"),
        (None, ""),
        (8, "8"),
    ],
)
def test_escape_formula_prefixes_dangerous_cells(cell, expected):
    assert escape_formula(cell) == expected


def test_session_csv_query_count_does_not_grow_with_rows(client):
    series = SeriesFactory()
    _session_with_heads(series)
    with CaptureQueriesContext(connection) as one:
        _csv_rows(client.get(CSV_URL))
    _session_with_heads(series)
    _session_with_heads(series)

    with CaptureQueriesContext(connection) as three:
        _csv_rows(client.get(CSV_URL))

    assert len(one) == len(three)


def test_session_list_planned_session_is_marked(client):
    # Dated ahead: a plan whose date has passed is marked as such instead.
    SessionFactory(
        status=Session.Status.PLANNED,
        start_date=datetime.date.today() + datetime.timedelta(days=30),
    )

    html = client.get(URL).content.decode()

    assert html.count('<span class="badge badge-planned">Planned</span>') == 1


def test_session_list_search_keeps_the_sessions_of_the_series_found(client):
    energy = SeriesFactory(name="Pakistan-Russia Energy Dialogue")
    SessionFactory(series=energy, number=1, start_date=datetime.date(2020, 5, 1))
    SessionFactory(series=energy, number=2, start_date=datetime.date(2021, 5, 1))
    SessionFactory(series=SeriesFactory(name="India-Japan Maritime Dialogue"))

    response = client.get(URL + "?q=energy+dialogue")

    assert [(s.series.name, s.number) for s in response.context["object_list"]] == [
        ("Pakistan-Russia Energy Dialogue", 2),
        ("Pakistan-Russia Energy Dialogue", 1),
    ]


def test_session_list_search_query_count_is_the_same_for_one_and_three_sessions(client):
    series = SeriesFactory(name="Pakistan-Russia Energy Dialogue")
    _session_with_heads(series)
    one = _count_queries(client, URL + "?q=energy")
    _session_with_heads(series)
    _session_with_heads(SeriesFactory(name="India-Russia Energy Talks"))

    three = _count_queries(client, URL + "?q=energy")

    assert one == three
    # The data version of the cached pages, the country lists, the version of the
    # remembered lists, the search, the count, the page's keys, its rows, delegations.
    assert three <= 8


def test_session_list_search_is_found_once_while_the_data_is_unchanged(client):
    _session_with_heads(SeriesFactory(name="Pakistan-Russia Energy Dialogue"))
    first = _count_queries(client, URL + "?q=energy")

    again = _count_queries(client, URL + "?q=energy")

    # The search, the count and the countries to choose from are remembered: the page
    # reads the data version (once), its keys, its rows and their delegations only.
    assert (first - again, again) == (3, 4)
