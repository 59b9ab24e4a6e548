import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Country, Series, Session
from meetings.pagination import DeferredJoinPaginator, ListCache
from meetings.querysets import OneOf
from tests.factories import CountryFactory, SeriesFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def _sessions_newest_first(count):
    series = SeriesFactory()
    for day in range(count):
        SessionFactory(series=series, start_date=datetime.date(2000, 1, 1 + day))
    SessionFactory(series=series, start_date=None)
    return Session.objects.for_list().newest_first()


def test_deferred_join_paginator_pages_past_the_middle_in_the_same_order():
    queryset = _sessions_newest_first(7)
    expected = list(queryset.values_list("pk", flat=True))

    paginator = DeferredJoinPaginator(queryset, 3)
    pages = [[s.pk for s in paginator.page(n).object_list] for n in paginator.page_range]

    assert pages == [expected[0:3], expected[3:6], expected[6:8]]
    assert pages[-1][-1] == Session.objects.get(start_date=None).pk


def test_list_cache_remembers_keys_until_the_data_changes():
    cache = ListCache()
    SeriesFactory(name="First")
    keys = Series.objects.order_by("name").values_list("pk", flat=True)
    before = cache.keys(keys)
    with CaptureQueriesContext(connection) as queries:
        again = cache.keys(keys)
    SeriesFactory(name="Second")

    after = cache.keys(keys)

    assert (len(queries), again == before) == (1, True)
    assert len(after) == len(before) + 1


def test_list_cache_sees_a_changed_session():
    cache = ListCache()
    session = SessionFactory(city="Geneva")
    counted = Session.objects.filter(city="Geneva").values_list("pk", flat=True)
    before = cache.count(counted)
    session.city = "Vienna"
    session.save()

    after = cache.count(counted)

    assert (before, after) == (1, 0)


def test_series_list_last_page_is_the_tail_of_the_first_pages(client):
    for index in range(30):
        SeriesFactory(name=f"Series {index:02d}")
    url = reverse("meetings:series_list") + "?sort=name&page="

    first = [s.name for s in client.get(url + "1").context["object_list"]]
    last = [s.name for s in client.get(url + "2").context["object_list"]]

    assert first + last == [f"Series {index:02d}" for index in range(30)]


def test_session_list_repeated_request_reuses_the_count(client, counter_terrorism_series):
    url = reverse("meetings:session_list") + "?topic=counter-terrorism"
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.context["paginator"].count == 3
    assert [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]] == []


def test_list_cache_of_an_empty_queryset_is_empty():
    cache = ListCache()

    keys = cache.keys(Series.objects.none().values_list("pk", flat=True))

    assert keys == []


def test_deferred_join_paginator_loads_the_page_by_its_keys_without_the_filter_again():
    for day, name in enumerate(
        ["Energy Talks", "Maritime Talks", "Energy Dialogue", "Energy Forum"]
    ):
        series = SeriesFactory(name=name)
        SessionFactory(series=series, start_date=datetime.date(2001, 1, 1 + day))
    found = Series.objects.search("energy").with_latest_date().order_by("-latest_date", "pk")
    paginator = DeferredJoinPaginator(found, 2)

    with CaptureQueriesContext(connection) as queries:
        rows = paginator.page(2).object_list

    # Keys first, with the search; then the page's rows by key alone, in the list's order,
    # with the annotations the list sorts by.
    assert [(s.name, s.latest_date) for s in rows] == [
        ("Energy Talks", datetime.date(2001, 1, 1)),
    ]
    assert ["LIKE" in q["sql"].upper() for q in queries.captured_queries[-2:]] == [True, False]


def test_one_of_keeps_the_rows_with_the_given_keys_whatever_their_number():
    kept = [SeriesFactory(name=name).pk for name in ("A", "B")]
    SeriesFactory(name="C")

    many = Series.objects.filter(OneOf(F("pk"), [*kept, *range(10**6, 10**6 + 900)]))
    none = Series.objects.filter(OneOf(F("pk"), []))

    assert (sorted(s.name for s in many), list(none)) == (["A", "B"], [])


@pytest.mark.django_db(transaction=True)
def test_list_cache_sees_a_committed_change_that_no_date_shows():
    cache = ListCache()

    def codes():
        return cache.remember_by_key(
            "codes", None, lambda: set(Country.objects.values_list("pk", flat=True))
        )

    before = codes()
    CountryFactory(alpha3="QQQ", alpha2="QQ", name="Qland")

    assert ("QQQ" in before, "QQQ" in codes()) == (False, True)
