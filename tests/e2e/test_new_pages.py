"""The pages of what is coming up, of two countries and of an organisation, on a desktop
and on a phone, and Back after filtering."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Session
from tests.factories import (
    CountryFactory,
    DelegationFactory,
    OfficialFactory,
    OrganizationFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

PLANNED = Session.Status.PLANNED


def _planned(series, *, start_date, precision="day", number=None, **fields):
    session = SessionFactory(
        series=series, status=PLANNED, start_date=start_date, number=number, **fields
    )
    if precision != "day":
        session.start_precision = precision
        session.save()
    return session


@pytest.fixture
def record():
    this_year = timezone.localdate().year
    pakistan = CountryFactory(alpha3="PAK", alpha2="PK", name="Pakistan")
    russia = CountryFactory(alpha3="RUS", alpha2="RU", name="Russia")
    china = CountryFactory(alpha3="CHN", alpha2="CN", name="China")
    sco = OrganizationFactory(short_name="SCO", full_name="Shanghai Cooperation Organisation")
    sco.members.set([pakistan, russia, china])
    eu = OrganizationFactory(short_name="EU", full_name="European Union")

    jwg = SeriesFactory(
        name="Pakistan-Russia Joint Working Group on Counter-Terrorism",
        slug="pak-rus-jwg-ct",
        parties=[pakistan, russia],
    )
    farooq = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    tarabrin = OfficialFactory(name="Vladimir Tarabrin", country=russia)
    for number, year in enumerate(range(this_year - 5, this_year), start=4):
        session = SessionFactory(
            series=jwg,
            number=number,
            start_date=datetime.date(year, 11, 12),
            city="Moscow" if number % 2 else "Islamabad",
            country=russia if number % 2 else pakistan,
        )
        DelegationFactory(session=session, country=pakistan, head=farooq, head_title="DG CT")
        DelegationFactory(session=session, country=russia, head=tarabrin, head_title="Director")
    _planned(
        jwg,
        number=9,
        start_date=datetime.date(this_year + 1, 3, 10),
        city="Islamabad",
        country=pakistan,
    )

    trade = SeriesFactory(
        name="Pakistan-Russia Intergovernmental Commission on Trade",
        slug="pak-rus-trade",
        kind="joint-commission",
        topic="trade",
        parties=[pakistan, russia],
    )
    for number, year in enumerate(range(this_year - 12, this_year - 7), start=1):
        SessionFactory(series=trade, number=number, start_date=datetime.date(year, 6, 1))
    _planned(trade, start_date=datetime.date(this_year - 6, 1, 1), precision="year")

    dialogue = SeriesFactory(
        name="Pakistan-EU Strategic Dialogue",
        slug="pak-eu-dialogue",
        kind="dialogue",
        topic="political",
        parties=[pakistan],
    )
    dialogue.organizations.add(eu)
    SessionFactory(series=dialogue, number=6, start_date=datetime.date(this_year - 1, 4, 2))
    _planned(dialogue, start_date=datetime.date(this_year + 1, 5, 1), precision="month")

    summit = SeriesFactory(
        name="SCO Council of Heads of State", slug="sco-summit", kind="summit", topic=""
    )
    summit.organizations.add(sco)
    held = SessionFactory(
        series=summit, number=24, start_date=datetime.date(this_year - 1, 7, 4), city="Astana"
    )
    DelegationFactory(session=held, country=china, head=OfficialFactory(name="Xi Jinping"))
    OfficialFactory(name="Nurlan Yermekbayev", country=None, organization=sco)
    return {"jwg": jwg, "trade": trade, "summit": summit}


def test_upcoming_page_on_desktop_and_phone(live_server, page, phone_page, screenshot, record):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Coming up").click()
    page.wait_for_url("**/upcoming/")
    planned = page.locator("#upcoming-heading ~ table tbody th").all_inner_texts()
    overdue = page.locator("#overdue-heading ~ table .series-name").all_inner_texts()
    passed = page.locator("#past-due-heading ~ table tbody th").all_inner_texts()
    screenshot(page, "11-upcoming")
    phone_page.goto(live_server.url + "/upcoming/")
    screenshot(phone_page, "12-phone-upcoming")
    phone_width = phone_page.evaluate("document.documentElement.scrollWidth")

    assert planned == [
        "Pakistan-Russia Joint Working Group on Counter-Terrorism, No. 9",
        "Pakistan-EU Strategic Dialogue",
    ]
    assert overdue == ["Pakistan-Russia Intergovernmental Commission on Trade"]
    assert passed == ["Pakistan-Russia Intergovernmental Commission on Trade"]
    assert phone_width == 390


def test_counterpart_chip_leads_to_the_two_countries_page(
    live_server, page, phone_page, screenshot, record
):
    page.goto(live_server.url + "/countries/PAK/")
    chips = [" ".join(chip.split()) for chip in page.locator(".chips a").all_inner_texts()]
    with_column = page.locator('td[data-label="With"]').all_inner_texts()
    screenshot(page, "13-country-with-organisations")
    page.get_by_role("link", name="Russia 2").click()
    page.wait_for_url("**/countries/PAK/RUS/")
    mechanisms = page.locator(".series-name").all_inner_texts()
    leaders = page.locator(".positions li a").all_inner_texts()
    next_meeting = page.locator(".stats dd").inner_text()
    screenshot(page, "14-country-pair")
    phone_page.goto(live_server.url + "/countries/PAK/RUS/")
    screenshot(phone_page, "15-phone-country-pair")
    phone_width = phone_page.evaluate("document.documentElement.scrollWidth")

    assert chips == ["Russia 2", "EU 1"]
    assert sorted(with_column) == ["EU", "Russia", "Russia"]
    assert mechanisms == [
        "Pakistan-Russia Joint Working Group on Counter-Terrorism",
        "Pakistan-Russia Intergovernmental Commission on Trade",
    ]
    assert leaders == ["Ahmad Farooq", "Vladimir Tarabrin"]
    assert next_meeting.startswith(
        "Pakistan-Russia Joint Working Group on Counter-Terrorism, No. 9"
    )
    assert phone_width == 390


def test_organization_page_from_a_series_row(live_server, page, phone_page, screenshot, record):
    page.goto(live_server.url + "/?q=sco")
    names = page.locator(".series-name").all_inner_texts()
    page.locator("a.party", has_text="SCO").click()
    page.wait_for_url("**/organizations/SCO/")
    heading = " ".join(page.get_by_role("heading", level=1).inner_text().split())
    members = page.locator("#members-heading ~ .chips a").all_inner_texts()
    screenshot(page, "16-organization")
    phone_page.goto(live_server.url + "/organizations/SCO/")
    screenshot(phone_page, "17-phone-organization")

    assert names == ["SCO Council of Heads of State"]
    assert heading == "Shanghai Cooperation Organisation SCO"
    assert members == ["China", "Pakistan", "Russia"]


def test_session_page_links_to_the_next_session(live_server, page, screenshot, record):
    eighth = record["jwg"].sessions.get(number=8)
    page.goto(live_server.url + record["jwg"].sessions.get(number=7).get_absolute_url())

    page.get_by_role("link", name="Next: No. 8").click()
    page.wait_for_url(f"**{eighth.get_absolute_url()}")
    screenshot(page, "18-session-with-siblings", full_page=False)

    assert page.locator(".sibling-sessions a").all_inner_texts()[0].startswith("‹ Previous: No. 7")


def test_back_after_filtering_shows_the_form_as_filtered(
    live_server, page, screenshot, with_htmx, record
):
    requests = []
    page.on(
        "request", lambda request: requests.append(request.url) if "topic=" in request.url else None
    )
    page.goto(live_server.url + "/")
    page.select_option("#id_topic", "trade")
    page.wait_for_url("**/?topic=trade&sort=latest")
    expect(page.locator("#results-heading")).to_have_text("1 series")
    page.select_option("#id_topic", "political")
    page.wait_for_url("**/?topic=political&sort=latest")
    expect(page.locator("#results-heading")).to_have_text("1 series")

    page.go_back()
    page.wait_for_url("**/?topic=trade&sort=latest")
    expect(page.locator(".series-name")).to_have_text(
        ["Pakistan-Russia Intergovernmental Commission on Trade"]
    )
    topic = page.locator("#id_topic").input_value()
    screenshot(page, "19-back-after-filtering")

    page.fill("#id_q", "commission")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/?q=commission&topic=trade&sort=latest")
    expect(page.locator("#results-heading")).to_have_text("1 series matching “commission”")

    assert topic == "trade"
    assert [url.split("/", 3)[3] for url in requests if "q=commission" in url] == [
        "?q=commission&topic=trade&sort=latest"
    ]
