import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Session
from meetings.views import MECHANISMS_SHOWN
from tests.factories import (
    ArticleFactory,
    DelegationFactory,
    EvidenceFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_series_page_draws_gaps_and_the_planned_session(client, counter_terrorism_series):
    response = client.get(counter_terrorism_series["series"].get_absolute_url())

    svg = str(response.context["timeline_svg"])
    assert (svg.count('class="tl-gap"'), svg.count("tl-mark tl-planned")) == (1, 1)
    assert response.context["missing_numbers"] == [7]
    assert "No. 7: no record of this session" in svg


def test_series_page_shows_median_interval_heads_and_sources(client, counter_terrorism_series):
    response = client.get(counter_terrorism_series["series"].get_absolute_url())

    html = response.content.decode()
    # Sessions 6 and 8, 986 days apart: two intervals of 493, session 7 unrecorded.
    assert response.context["summary"].cadence.median_days == 493
    assert [a.title for a in response.context["sources"]] == [
        "Pakistan, Russia discuss counter-terrorism"
    ]
    assert html.count("Ahmad Farooq</a>") == 2
    assert html.count("Conflicting sources") == 1


def test_series_page_query_count_does_not_grow_with_sessions(client):
    series = SeriesFactory()
    DelegationFactory(session=SessionFactory(series=series))
    with CaptureQueriesContext(connection) as one:
        client.get(series.get_absolute_url())
    for _ in range(2):
        DelegationFactory(session=SessionFactory(series=series))
        ArticleFactory(session=series.sessions.last())

    with CaptureQueriesContext(connection) as three:
        client.get(series.get_absolute_url())

    assert len(one) == len(three)


def test_series_page_unknown_slug_is_not_found(client):
    response = client.get(reverse("meetings:series", args=["no-such-series"]))

    assert response.status_code == 404


def test_session_page_highlights_the_sentence_of_each_fact(client, counter_terrorism_series):
    eighth = counter_terrorism_series["eighth"]

    html = client.get(eighth.get_absolute_url()).content.decode()

    assert html.count("<mark id=") == 2
    assert (
        'title="Delegation head: Ahmad Farooq">Ahmad Farooq, Director General Counter '
        "Terrorism, led the Pakistan delegation.</mark>" in html
    )


def test_session_page_flags_conflicting_sources(client, counter_terrorism_series):
    html = client.get(counter_terrorism_series["eighth"].get_absolute_url()).content.decode()

    assert "Sources disagree" in html
    assert "“Kazan” (b.txt) versus “Moscow” (a.txt)" in html


def test_session_page_lists_delegations_with_heads(client, counter_terrorism_series):
    response = client.get(counter_terrorism_series["eighth"].get_absolute_url())

    heads = [(d.party_code, d.head.name) for d in response.context["session"].delegations.all()]
    assert heads == [("PAK", "Ahmad Farooq")]


def test_article_page_escapes_script_in_the_text(client):
    text = "Officials met in <script>alert('x')</script> Geneva on Monday."
    article = ArticleFactory(title="<b>Title</b>", text=text)
    EvidenceFactory(article=article, fact="session.city", value="Geneva", start=0, end=len(text))

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Title&lt;/b&gt;" in html


def test_session_page_escapes_script_in_the_article(client):
    session = SessionFactory()
    ArticleFactory(session=session, text="<script>alert(1)</script> The talks were held.")

    html = client.get(session.get_absolute_url()).content.decode()

    assert (html.count("<script>alert"), html.count("&lt;script&gt;alert(1)")) == (0, 1)


def test_article_page_highlights_its_facts(client, counter_terrorism_series):
    article = counter_terrorism_series["article"]

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert html.count("<mark") == 2
    assert [e.fact for e in response.context["article"].evidence.all()] == [
        "session.number",
        "delegation.head",
    ]


def test_article_page_drops_a_javascript_url(client):
    article = ArticleFactory(url="javascript:alert(1)")

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count("javascript:") == 0


def test_country_page_shows_mechanisms_counterparts_and_sessions(
    client, counter_terrorism_series, pakistan, india
):
    other = SeriesFactory(name="India-Pakistan talks", parties=[india, pakistan])
    SessionFactory(series=other, start_date=datetime.date(2023, 1, 1))

    response = client.get(pakistan.get_absolute_url())

    context = response.context
    assert [g.name for g in context["mechanisms"]] == [
        "India-Pakistan talks",
        "Pakistan-Russia Joint Working Group on Counter-Terrorism",
    ]
    assert [(c.name, n, link) for c, n, link in context["counterparts"]] == [
        ("India", 1, "/countries/PAK/IND/"),
        ("Russia", 1, "/countries/PAK/RUS/"),
    ]
    assert [s.start_date.year for s in context["recent"]] == [2023, 2019, 2017]
    assert [s.number for s in context["planned"]] == [9]


def test_country_page_unknown_code_is_not_found(client):
    assert client.get(reverse("meetings:country", args=["ZZZ"])).status_code == 404


def test_official_page_shows_positions_over_time_and_sessions_led(client, counter_terrorism_series):
    response = client.get(counter_terrorism_series["farooq"].get_absolute_url())

    positions = [(p.title, p.first, p.sessions) for p in response.context["positions"]]
    assert positions == [
        ("Additional Secretary", datetime.date(2017, 3, 1), 1),
        ("Director General", datetime.date(2019, 11, 12), 1),
    ]
    led = [d.session.number for d in response.context["official"].led]
    assert led == [6, 8]


def test_planned_session_page_says_the_date_is_unknown(client, counter_terrorism_series):
    ninth = counter_terrorism_series["ninth"]

    html = client.get(ninth.get_absolute_url()).content.decode()

    assert ninth.status == Session.Status.PLANNED
    assert html.count("Not reported") == 1


def test_country_page_shows_the_latest_mechanisms_and_links_the_rest(client, pakistan, india):
    for index in range(MECHANISMS_SHOWN + 2):
        series = SeriesFactory(name=f"Talks {index:02d}", parties=[pakistan, india])
        SessionFactory(series=series, start_date=datetime.date(2000 + index, 1, 1))

    response = client.get(pakistan.get_absolute_url())

    html = response.content.decode()
    names = [g.name for g in response.context["mechanisms"]]
    assert names == [f"Talks {index:02d}" for index in range(MECHANISMS_SHOWN + 1, 1, -1)]
    assert f"{MECHANISMS_SHOWN + 2} mechanisms with 1 counterpart" in html
    assert (
        f"The {MECHANISMS_SHOWN} most recently met of {MECHANISMS_SHOWN + 2} are shown; "
        '<a href="/?country=PAK">all of them in the series list</a>'
    ) in html
    assert [(c.name, n) for c, n, _link in response.context["counterparts"]] == [
        ("India", MECHANISMS_SHOWN + 2)
    ]
