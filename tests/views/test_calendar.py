import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings.models import DatePrecision, Session
from tests.factories import ArticleFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = reverse("meetings:calendar")


def _events(client, query=""):
    response = client.get(URL + query)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(b"".join(response.streaming_content))
    return calendar, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_calendar_has_an_all_day_event_per_dated_session_with_its_status(
    client, counter_terrorism_series
):
    eighth, sixth = counter_terrorism_series["eighth"], counter_terrorism_series["sixth"]
    planned = SessionFactory(
        series=counter_terrorism_series["series"],
        number=10,
        start_date=datetime.date(2026, 6, 3),
        end_date=datetime.date(2026, 6, 4),
        status=Session.Status.PLANNED,
    )

    calendar, events = _events(client)

    assert str(calendar["X-WR-CALNAME"]) == "Sessions"
    assert sorted(events) == sorted(f"session-{s.pk}@testserver" for s in (sixth, eighth, planned))
    held = events[f"session-{eighth.pk}@testserver"]
    assert (held["DTSTART"].dt, held["DTEND"].dt) == (
        datetime.date(2019, 11, 12),
        datetime.date(2019, 11, 13),
    )
    assert (str(held["STATUS"]), str(held["LOCATION"])) == ("CONFIRMED", "Moscow, Russia")
    assert str(held["SUMMARY"]) == (
        "Pakistan-Russia Joint Working Group on Counter-Terrorism, session 8"
    )
    later = events[f"session-{planned.pk}@testserver"]
    assert (str(later["STATUS"]), later["DTEND"].dt) == ("TENTATIVE", datetime.date(2026, 6, 5))


def test_calendar_description_names_heads_and_links_sources(client, counter_terrorism_series):
    eighth = counter_terrorism_series["eighth"]
    ArticleFactory(session=eighth, title="Wire report", url="https://news.example.org/wire")

    _, events = _events(client)

    description = str(events[f"session-{eighth.pk}@testserver"]["DESCRIPTION"])
    assert "Delegation heads: PAK: Ahmad Farooq (Director General)." in description
    assert "- Wire report: https://news.example.org/wire" in description
    article = counter_terrorism_series["article"]
    assert f"- {article.title}: http://testserver/articles/{article.pk}/" in description
    assert str(events[f"session-{eighth.pk}@testserver"]["URL"]) == (
        f"http://testserver/sessions/{eighth.pk}/"
    )


def test_calendar_uids_are_stable_when_a_session_changes(client, counter_terrorism_series):
    eighth = counter_terrorism_series["eighth"]
    _, before = _events(client)
    eighth.city = "Kazan"
    eighth.save()

    _, after = _events(client)

    assert sorted(after) == sorted(before)
    assert str(after[f"session-{eighth.pk}@testserver"]["LOCATION"]) == "Kazan, Russia"


def test_calendar_month_only_plan_is_on_the_first_day_marked_to_be_announced(client):
    plan = SessionFactory(
        start_date=datetime.date(2026, 11, 1),
        start_precision=DatePrecision.MONTH,
        status=Session.Status.PLANNED,
    )
    year_only = SessionFactory(
        start_date=datetime.date(2019, 1, 1), start_precision=DatePrecision.YEAR
    )
    undated = SessionFactory(start_date=None, status=Session.Status.PLANNED)

    _, events = _events(client)

    event = events[f"session-{plan.pk}@testserver"]
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (
        datetime.date(2026, 11, 1),
        datetime.date(2026, 11, 2),
    )
    assert str(event["SUMMARY"]).endswith("(date to be announced)")
    assert "When: 2026-11 (date to be announced)." in str(event["DESCRIPTION"])
    held = events[f"session-{year_only.pk}@testserver"]
    assert str(held["SUMMARY"]).endswith("(date known only as 2019)")
    assert f"session-{undated.pk}@testserver" not in events


def test_calendar_follows_the_filter_and_names_it(client, counter_terrorism_series):
    SessionFactory(start_date=datetime.date(2019, 5, 1))

    calendar, events = _events(client, "?country=PAK&topic=counter-terrorism&status=held")

    assert str(calendar["X-WR-CALNAME"]) == "Sessions: Pakistan, counter terrorism, held"
    assert sorted(events) == sorted(
        f"session-{counter_terrorism_series[k].pk}@testserver" for k in ("sixth", "eighth")
    )


def test_calendar_with_bad_filter_values_still_answers(client, counter_terrorism_series):
    _, events = _events(client, "?status=cancelled&year_from=soon&country=XXX")

    assert len(events) == 2
