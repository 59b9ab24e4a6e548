import datetime

import feedparser
import pytest
from django.urls import reverse

from meetings.models import Session
from tests.factories import SeriesFactory, SessionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = reverse("meetings:session_feed")


def _feed(client, query=""):
    response = client.get(URL + query)
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_feed_lists_sessions_most_recently_changed_first_with_links(
    client, counter_terrorism_series
):
    sixth = counter_terrorism_series["sixth"]
    sixth.city = "Rawalpindi"
    sixth.save()

    feed = _feed(client)

    links = [e.link for e in feed.entries]
    assert links[0] == f"http://testserver/sessions/{sixth.pk}/"
    assert sorted(links) == sorted(
        f"http://testserver/sessions/{counter_terrorism_series[k].pk}/"
        for k in ("sixth", "eighth", "ninth")
    )
    assert feed.entries[0].title == (
        "Pakistan-Russia Joint Working Group on Counter-Terrorism, session 6: held, "
        "2017-03-01, Rawalpindi"
    )
    assert [e.updated_parsed for e in feed.entries] == sorted(
        (e.updated_parsed for e in feed.entries), reverse=True
    )


def test_feed_entry_of_a_session_keeps_its_id_when_the_plan_is_held(
    client, counter_terrorism_series
):
    ninth = counter_terrorism_series["ninth"]
    before = {e.id: e for e in _feed(client).entries}
    ninth.status = Session.Status.HELD
    ninth.start_date = datetime.date(2021, 5, 4)
    ninth.save()

    after = _feed(client).entries

    assert after[0].id == before[after[0].id].id == f"http://testserver/sessions/{ninth.pk}/"
    assert "Status: Held. Date: 2021-05-04." in after[0].summary
    assert after[0].updated > before[after[0].id].updated


def test_feed_follows_the_filter_of_a_pair_a_series_or_a_topic(client, counter_terrorism_series):
    other = SessionFactory(series=SeriesFactory(topic="trade"))

    pair = _feed(client, "?country=PAK&country=RUS")
    series = _feed(client, "?series=pak-rus-jwg-ct")
    trade = _feed(client, "?topic=trade")

    assert len(pair.entries) == len(series.entries) == 3
    assert [e.link for e in trade.entries] == [f"http://testserver/sessions/{other.pk}/"]
    assert pair.feed.title == "Sessions: Pakistan and Russia · Diplomatic Meeting Tracker"
    assert series.feed.title == (
        "Sessions: Pakistan-Russia Joint Working Group on Counter-Terrorism"
        " · Diplomatic Meeting Tracker"
    )
    assert pair.feed.link == "http://testserver/sessions/?country=PAK&country=RUS"


def test_feed_summary_escapes_names(client):
    SessionFactory(series=SeriesFactory(name="<script>alert(1)</script> Group"), city="<b>x</b>")

    response = client.get(URL)

    assert b"<script>" not in response.content
    assert b"&amp;lt;b&amp;gt;x" in response.content


def test_feed_with_bad_filter_values_still_answers(client, counter_terrorism_series):
    feed = _feed(client, "?status=cancelled&country=XXX&series=nothing")

    assert len(feed.entries) == 3
