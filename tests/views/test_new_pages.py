"""Coming up and overdue, two countries, organisations, and moving between sessions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Delegation, Session
from meetings.querysets import leader_briefs
from meetings.views import MECHANISMS_SHOWN
from tests.factories import (
    DelegationFactory,
    EvidenceFactory,
    OfficialFactory,
    OrganizationFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

UPCOMING = reverse("meetings:upcoming")
PLANNED = Session.Status.PLANNED


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _yearly(series, *, last_year, count=4):
    for offset in range(count):
        SessionFactory(series=series, start_date=datetime.date(last_year - offset, 5, 1))


def test_upcoming_orders_planned_by_precision_and_separates_passed_dates(client):
    today = timezone.localdate()
    series = SeriesFactory(name="Talks")
    next_year = today.year + 1
    by_year = SessionFactory(
        series=series, status=PLANNED, start_date=datetime.date(next_year, 1, 1)
    )
    by_year.start_precision = "year"
    by_year.save()
    by_day = SessionFactory(
        series=series, status=PLANNED, start_date=datetime.date(next_year, 6, 1)
    )
    undated = SessionFactory(series=series, status=PLANNED, start_date=None)
    passed = SessionFactory(
        series=series, status=PLANNED, start_date=today - datetime.timedelta(days=40)
    )

    response = client.get(UPCOMING)

    assert [s.pk for s in response.context["upcoming"]] == [by_day.pk, by_year.pk, undated.pk]
    assert [s.pk for s in response.context["past_due"]] == [passed.pk]


def test_past_due_counts_a_month_only_once_it_is_over():
    today = datetime.date(2024, 5, 20)
    this_month = SessionFactory(status=PLANNED, start_date=datetime.date(2024, 5, 1))
    this_month.start_precision = "month"
    this_month.save()
    last_month = SessionFactory(status=PLANNED, start_date=datetime.date(2024, 4, 1))
    last_month.start_precision = "month"
    last_month.save()
    SessionFactory(status=PLANNED, start_date=None)

    found = list(Session.objects.past_due(today=today))

    assert found == [last_month]


def test_upcoming_lists_series_overdue_against_their_own_cadence(client):
    this_year = timezone.localdate().year
    late = SeriesFactory(name="Met yearly until six years ago")
    _yearly(late, last_year=this_year - 6)
    steady = SeriesFactory(name="Met yearly until last year")
    _yearly(steady, last_year=this_year)

    response = client.get(UPCOMING)

    assert [s.name for s in response.context["overdue"]] == ["Met yearly until six years ago"]


def test_upcoming_filters_apply_to_every_section(client, pakistan, russia, india):
    this_year = timezone.localdate().year
    ours = SeriesFactory(name="Pakistan-Russia talks", parties=[pakistan, russia])
    _yearly(ours, last_year=this_year - 6)
    SessionFactory(series=ours, status=PLANNED, start_date=None)
    theirs = SeriesFactory(name="India-Russia talks", parties=[india, russia])
    _yearly(theirs, last_year=this_year - 6)
    SessionFactory(series=theirs, status=PLANNED, start_date=None)

    response = client.get(UPCOMING + "?country=PAK")

    assert [s.series.name for s in response.context["upcoming"]] == ["Pakistan-Russia talks"]
    assert [s.name for s in response.context["overdue"]] == ["Pakistan-Russia talks"]


def test_upcoming_query_count_is_the_same_for_one_and_three_series(client, pakistan, russia):
    this_year = timezone.localdate().year

    def add(name):
        series = SeriesFactory(name=name, parties=[pakistan, russia])
        _yearly(series, last_year=this_year - 6)
        planned = SessionFactory(series=series, status=PLANNED, start_date=None)
        DelegationFactory(session=planned, country=pakistan)

    add("A")
    one = _count_queries(client, UPCOMING + "?country=PAK")
    add("B")
    add("C")

    three = _count_queries(client, UPCOMING + "?country=PAK")

    assert one == three


def test_upcoming_again_asks_only_for_the_data_version_and_keeps_filters_apart(
    client, pakistan, russia, india
):
    this_year = timezone.localdate().year
    for name, parties in [("Pakistan-Russia talks", [pakistan, russia]), ("India talks", [india])]:
        series = SeriesFactory(name=name, parties=parties)
        _yearly(series, last_year=this_year - 6)
        planned = SessionFactory(series=series, status=PLANNED, start_date=None)
        DelegationFactory(session=planned, country=parties[0])
    first = _count_queries(client, UPCOMING + "?country=PAK")

    again = _count_queries(client, UPCOMING + "?country=PAK")
    other = client.get(UPCOMING + "?country=IND&page=1")

    # The data version (the page cache's and the remembered lists', one query): nothing
    # else.
    assert (first > 1, again) == (True, 1)
    assert [s.series.name for s in other.context["upcoming"]] == ["India talks"]
    assert [s.name for s in other.context["overdue"]] == ["India talks"]
    assert other.context["past_due_count"] == 0


@pytest.mark.django_db(transaction=True)
def test_upcoming_shows_a_new_delegation_head_once_the_change_commits(client, pakistan):
    planned = SessionFactory(
        series=SeriesFactory(name="Talks", parties=[pakistan]), status=PLANNED, start_date=None
    )
    delegation = DelegationFactory(session=planned, country=pakistan, head=None)
    assert "Ahmad Farooq" not in client.get(UPCOMING).content.decode()

    delegation.head = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    delegation.save()

    assert "Ahmad Farooq" in client.get(UPCOMING).content.decode()


def test_upcoming_is_linked_from_the_navigation(client):
    response = client.get(reverse("meetings:series_list"))

    assert f'<a href="{UPCOMING}">Coming up</a>' in response.content.decode()


def test_country_pair_page_shows_mechanisms_leaders_and_next_meeting(
    client, pakistan, russia, india
):
    jwg = SeriesFactory(name="Pakistan-Russia JWG", parties=[pakistan, russia])
    SeriesFactory(name="India-Russia JWG", parties=[india, russia])
    held = SessionFactory(series=jwg, start_date=datetime.date(2019, 11, 12))
    farooq = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    DelegationFactory(session=held, country=pakistan, head=farooq)
    planned = SessionFactory(series=jwg, status=PLANNED, start_date=None)

    response = client.get(reverse("meetings:country_pair", args=["PAK", "RUS"]))

    context = response.context
    assert [m.name for m in context["mechanisms"]] == ["Pakistan-Russia JWG"]
    assert [(c.pk, [p.name for p in people]) for c, people in context["leaders"]] == [
        ("PAK", ["Ahmad Farooq"]),
        ("RUS", []),
    ]
    assert context["next_session"] == planned
    assert [s.pk for s in context["sessions"]] == [held.pk, planned.pk]


def test_country_pair_page_query_count_is_the_same_for_one_and_three_mechanisms(
    client, pakistan, russia
):
    url = reverse("meetings:country_pair", args=["PAK", "RUS"])

    def add(name):
        series = SeriesFactory(name=name, parties=[pakistan, russia])
        DelegationFactory(session=SessionFactory(series=series), country=pakistan)

    add("A")
    one = _count_queries(client, url)
    add("B")
    add("C")

    assert _count_queries(client, url) == one


def test_country_pages_again_ask_only_for_the_data_version_and_keep_countries_apart(
    client, pakistan, russia, india
):
    for name, parties in [("PAK-RUS JWG", [pakistan, russia]), ("IND-RUS JWG", [india, russia])]:
        series = SeriesFactory(name=name, parties=parties)
        DelegationFactory(session=SessionFactory(series=series), country=parties[0])
        SessionFactory(series=series, status=PLANNED, start_date=None)
    country = reverse("meetings:country", args=["PAK"])
    pair = reverse("meetings:country_pair", args=["PAK", "RUS"])
    firsts = [_count_queries(client, url) for url in (country, pair)]

    agains = [_count_queries(client, url) for url in (country, pair)]
    other_country = client.get(reverse("meetings:country", args=["IND"])).context
    other_pair = client.get(reverse("meetings:country_pair", args=["IND", "RUS"])).context

    # The data version (the page cache's and the remembered lists', one query): nothing
    # else.
    assert ([n > 1 for n in firsts], agains) == ([True, True], [1, 1])
    assert [m.name for m in other_country["mechanisms"]] == ["IND-RUS JWG"]
    assert {s.series.name for s in other_country["recent"]} == {"IND-RUS JWG"}
    assert [m.name for m in other_pair["mechanisms"]] == ["IND-RUS JWG"]
    assert other_pair["next_session"].series.name == "IND-RUS JWG"
    assert client.get(reverse("meetings:country", args=["ZZZ"])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_country_pages_show_a_new_session_and_head_once_the_change_commits(
    client, pakistan, russia
):
    jwg = SeriesFactory(name="PAK-RUS JWG", parties=[pakistan, russia])
    country = reverse("meetings:country", args=["PAK"])
    pair = reverse("meetings:country_pair", args=["PAK", "RUS"])
    assert "Islamabad" not in client.get(country).content.decode()
    assert "Islamabad" not in client.get(pair).content.decode()

    session = SessionFactory(series=jwg, city="Islamabad", start_date=datetime.date(2020, 3, 1))
    DelegationFactory(session=session, country=russia, head__name="Ivan Petrov")

    assert "Islamabad" in client.get(country).content.decode()
    html = client.get(pair).content.decode()
    assert "Islamabad" in html
    assert "Ivan Petrov" in html


def test_country_pair_page_of_an_unknown_or_repeated_country_is_not_found(client, pakistan):
    assert client.get(reverse("meetings:country_pair", args=["PAK", "ZZZ"])).status_code == 404
    assert client.get(reverse("meetings:country_pair", args=["PAK", "PAK"])).status_code == 404


def test_organization_is_a_party_of_its_series_on_the_list(client, pakistan):
    eu = OrganizationFactory(short_name="EU", full_name="European Union")
    series = SeriesFactory(name="Pakistan-EU Strategic Dialogue", parties=[pakistan])
    series.organizations.add(eu)

    html = client.get(reverse("meetings:series_list")).content.decode()

    assert (
        '<a class="party" href="/countries/PAK/" title="Pakistan">Pakistan</a>, '
        '<a class="party" href="/organizations/EU/" title="EU">EU</a>'
    ) in html


def test_organization_filter_keeps_the_series_it_takes_part_in(client, pakistan):
    sco = OrganizationFactory(short_name="SCO", full_name="Shanghai Cooperation Organisation")
    summit = SeriesFactory(name="SCO Summit")
    summit.organizations.add(sco)
    SeriesFactory(name="Pakistan-Russia JWG", parties=[pakistan])

    response = client.get(reverse("meetings:series_list") + "?organization=SCO")

    assert [s.name for s in response.context["object_list"]] == ["SCO Summit"]


def test_organization_page_shows_mechanisms_members_and_officials(client, pakistan, russia):
    sco = OrganizationFactory(short_name="SCO", full_name="Shanghai Cooperation Organisation")
    sco.members.set([pakistan, russia])
    summit = SeriesFactory(name="SCO Summit")
    summit.organizations.add(sco)
    SessionFactory(series=summit, start_date=datetime.date(2023, 7, 4))
    secretary = OfficialFactory(name="Zhang Ming", country=None, organization=sco)

    response = client.get(sco.get_absolute_url())

    context = response.context
    assert [m.name for m in context["mechanisms"]] == ["SCO Summit"]
    assert [c.name for c in context["members"]] == ["Pakistan", "Russia"]
    assert context["officials"] == [secretary]
    assert [s.series.name for s in context["recent"]] == ["SCO Summit"]


def test_organization_page_query_count_is_the_same_for_one_and_three_mechanisms(client):
    sco = OrganizationFactory(short_name="SCO")

    def add(name):
        series = SeriesFactory(name=name)
        series.organizations.add(sco)
        SessionFactory(series=series)

    add("A")
    one = _count_queries(client, sco.get_absolute_url())
    add("B")
    add("C")

    assert _count_queries(client, sco.get_absolute_url()) == one


def test_official_of_an_organization_links_to_it(client):
    eu = OrganizationFactory(short_name="EU", full_name="European Union")
    official = OfficialFactory(name="Kaja Kallas", country=None, organization=eu)

    html = client.get(official.get_absolute_url()).content.decode()

    assert 'Represents <a href="/organizations/EU/">European Union</a>' in html


def test_session_page_links_previous_and_next_session(client, counter_terrorism_series):
    sixth, eighth = counter_terrorism_series["sixth"], counter_terrorism_series["eighth"]

    response = client.get(eighth.get_absolute_url())

    assert (response.context["previous"], response.context["next"]) == (
        sixth,
        counter_terrorism_series["ninth"],
    )
    assert f'<a href="{sixth.get_absolute_url()}" rel="prev">' in response.content.decode()


def test_session_page_facts_are_named_and_grouped_by_sentence(client, counter_terrorism_series):
    eighth, article = counter_terrorism_series["eighth"], counter_terrorism_series["article"]
    EvidenceFactory(
        article=article, session=eighth, fact="series.parties", value="PAK,RUS", start=0, end=10
    )
    EvidenceFactory(article=article, session=eighth, fact="meeting", value="true", start=0, end=10)

    response = client.get(eighth.get_absolute_url())

    groups = response.context["fact_groups"]
    assert [[(f.label, f.value) for f in g.facts] for g in groups] == [
        [("Reports a meeting", "Yes"), ("Parties", "Pakistan, Russia")],
        [("Session number", "8")],
        [("Head of delegation, Pakistan", "Ahmad Farooq")],
    ]


def test_forecast_names_the_session_whose_report_made_it(client, counter_terrorism_series):
    eighth, ninth = counter_terrorism_series["eighth"], counter_terrorism_series["ninth"]
    article = counter_terrorism_series["article"]
    EvidenceFactory(
        article=article, session=ninth, fact="next_session.city", value="PAK", start=0, end=10
    )

    response = client.get(ninth.get_absolute_url())

    html = response.content.decode()
    (group,) = response.context["fact_groups"]
    assert (group.announced_in, [(f.label, f.value) for f in group.facts]) == (
        eighth,
        [("Next session country", "Pakistan")],
    )
    # The announcing article is a source of the planned session, and its anchor exists.
    assert [a.pk for a in response.context["sources"]] == [article.pk]
    assert f'href="#{group.anchor}"' in html
    assert f'id="{group.anchor}"' in html


def test_leaders_count_only_the_sessions_of_the_two_countries(pakistan, russia, india):
    jwg = SeriesFactory(parties=[pakistan, russia])
    other = SeriesFactory(parties=[pakistan, india])
    farooq = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    for series, year in ((jwg, 2019), (jwg, 2021), (other, 2023)):
        session = SessionFactory(series=series, start_date=datetime.date(year, 1, 1))
        DelegationFactory(session=session, country=pakistan, head=farooq)

    leaders = leader_briefs(Delegation, series=[jwg.pk], parties=["PAK", "RUS"])

    assert [(p.name, p.first.year, p.last.year, p.led) for p in leaders["PAK"]] == [
        ("Ahmad Farooq", 2019, 2021, 2)
    ]
    assert leaders["RUS"] == []


def test_country_pair_page_says_when_and_how_often_each_head_led(client, pakistan, russia):
    jwg = SeriesFactory(parties=[pakistan, russia])
    farooq = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    for day in (datetime.date(2019, 11, 12), datetime.date(2021, 3, 2)):
        DelegationFactory(
            session=SessionFactory(series=jwg, start_date=day), country=pakistan, head=farooq
        )

    html = client.get(reverse("meetings:country_pair", args=["PAK", "RUS"])).content.decode()

    assert (
        f'<li><a href="{farooq.get_absolute_url()}">Ahmad Farooq</a>\n'
        '          <span class="meta">Nov 2019 – Mar 2021 · led 2 sessions</span></li>'
    ) in html


def test_country_pair_page_shows_the_latest_mechanisms_and_links_the_rest(client, pakistan, russia):
    farooq = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    for index in range(MECHANISMS_SHOWN + 1):
        series = SeriesFactory(name=f"Talks {index:02d}", parties=[pakistan, russia])
        session = SessionFactory(series=series, start_date=datetime.date(2000 + index, 1, 1))
        DelegationFactory(session=session, country=pakistan, head=farooq)

    response = client.get(reverse("meetings:country_pair", args=["PAK", "RUS"]))

    html = response.content.decode()
    assert len(response.context["mechanisms"]) == MECHANISMS_SHOWN
    assert response.context["mechanisms"][0].name == f"Talks {MECHANISMS_SHOWN:02d}"
    assert (
        f"The {MECHANISMS_SHOWN} most recently met of {MECHANISMS_SHOWN + 1} are shown; "
        '<a href="/?country=PAK&amp;country=RUS">all of them in the series list</a>'
    ) in html
    # Who led each side and the timeline still count every mechanism.
    assert [p.led for p in response.context["leaders"][0][1]] == [MECHANISMS_SHOWN + 1]
    assert response.context["session_count"] == MECHANISMS_SHOWN + 1


def test_upcoming_shows_the_most_recent_past_due_plans_and_links_the_rest(client):
    from meetings.views import UpcomingView

    shown = UpcomingView.shown
    series = SeriesFactory(name="Talks")
    first = timezone.localdate() - datetime.timedelta(days=400)
    for offset in range(shown + 1):
        day = first + datetime.timedelta(days=offset)
        SessionFactory(series=series, status=PLANNED, start_date=day)

    response = client.get(UPCOMING)

    past_due = response.context["past_due"]
    assert len(past_due) == shown
    assert past_due[0].start_date == first + datetime.timedelta(days=shown)
    assert response.context["past_due_count"] == shown + 1
    assert (
        f'The {shown} most recent are shown; <a href="/sessions/?status=planned">'
        "all planned sessions</a>"
    ) in response.content.decode()


def test_country_pair_timeline_shows_the_latest_sessions_and_links_the_rest(
    client, pakistan, russia
):
    from meetings.views import CountryPairView

    shown = CountryPairView.shown
    series = SeriesFactory(name="Talks", parties=[pakistan, russia])
    for offset in range(shown + 1):
        SessionFactory(
            series=series, number=offset + 1, start_date=datetime.date(1990 + offset, 1, 1)
        )

    response = client.get(reverse("meetings:country_pair", args=["PAK", "RUS"]))

    sessions = response.context["sessions"]
    assert [s.number for s in sessions] == list(range(shown + 1, 1, -1))
    assert (
        f"the latest {shown} of {shown + 1} are shown, "
        '<a href="/sessions/?country=PAK&amp;country=RUS">all of them in the sessions list</a>'
    ) in response.content.decode()


def test_country_pair_page_shows_a_newly_recorded_head_at_once(client, pakistan, russia):
    jwg = SeriesFactory(parties=[pakistan, russia])
    url = reverse("meetings:country_pair", args=["PAK", "RUS"])
    DelegationFactory(session=SessionFactory(series=jwg), country=pakistan, head__name="First")
    assert "First" in client.get(url).content.decode()

    DelegationFactory(session=SessionFactory(series=jwg), country=russia, head__name="Second")

    html = client.get(url).content.decode()
    assert "First" in html
    assert "Second" in html
