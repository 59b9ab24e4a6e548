"""A user's path through the record in a real browser: filter the series by country and
topic, open a series, follow to a session and on to the official who led a delegation."""

import datetime

import pytest
from playwright.sync_api import expect

from meetings.models import Session
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    DelegationFactory,
    EvidenceFactory,
    OfficialFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

TEXT = (
    "ISLAMABAD: The eighth meeting of the Russia-Pakistan Joint Working Group on "
    "Counter-terrorism was held in Moscow on November 12.\n\n"
    "Ahmad Farooq, Director General Counter Terrorism, led the Pakistan delegation, while "
    "the Russian side was represented by Vladimir Tarabrin."
)


@pytest.fixture
def record():
    pakistan = CountryFactory(alpha3="PAK", alpha2="PK", name="Pakistan")
    russia = CountryFactory(alpha3="RUS", alpha2="RU", name="Russia")
    india = CountryFactory(alpha3="IND", alpha2="IN", name="India")
    series = SeriesFactory(
        name="Pakistan-Russia Joint Working Group on Counter-Terrorism",
        slug="pak-rus-ct",
        topic="counter-terrorism",
        parties=[pakistan, russia],
    )
    trade = SeriesFactory(
        name="Pakistan-Russia Intergovernmental Commission on Trade",
        slug="pak-rus-trade",
        kind="joint-commission",
        topic="trade",
        parties=[pakistan, russia],
    )
    for number, year in enumerate((2014, 2015, 2016), start=1):  # yearly, then silence
        SessionFactory(series=trade, number=number, start_date=datetime.date(year, 6, 1))
    SeriesFactory(
        name="India-Russia Joint Working Group on Counter-Terrorism",
        slug="ind-rus-ct",
        topic="counter-terrorism",
        parties=[india, russia],
    )
    farooq = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    tarabrin = OfficialFactory(name="Vladimir Tarabrin", country=russia)
    cities = ["Islamabad", "Moscow", "Islamabad", "Moscow", "Islamabad", "Moscow"]
    dates = [(2012, 5, 2), (2013, 6, 10), (2014, 9, 3), (2016, 4, 20), (2017, 3, 1), (2019, 11, 12)]
    numbers = [1, 2, 3, 5, 6, 8]  # no record of 4 and 7
    sessions = {}
    for number, city, day in zip(numbers, cities, dates, strict=True):
        session = SessionFactory(
            series=series,
            number=number,
            start_date=datetime.date(*day),
            city=city,
            country=russia if city == "Moscow" else pakistan,
        )
        DelegationFactory(
            session=session, country=pakistan, head=farooq, head_title="Director General"
        )
        DelegationFactory(
            session=session, country=russia, head=tarabrin, head_title="Department Head"
        )
        sessions[number] = session
    SessionFactory(
        series=series,
        number=9,
        start_date=datetime.date(2027, 3, 1),
        start_precision="month",
        city="Islamabad",
        status=Session.Status.PLANNED,
    )
    sessions[8].conflicts = [
        {"field": "city", "values": {"Moscow": ["urdupoint.txt"], "Kazan": ["tass.txt"]}}
    ]
    sessions[8].save()
    article = ArticleFactory(
        title="Pakistan, Russia discuss counter-terrorism",
        outlet="UrduPoint",
        published=datetime.date(2019, 11, 14),
        text=TEXT,
        session=sessions[8],
    )
    start = TEXT.index("Ahmad")
    EvidenceFactory(
        article=article,
        session=sessions[8],
        fact="delegation.head",
        value="Ahmad Farooq",
        start=start,
        end=TEXT.index(", while"),
    )
    return {"series": series, "eighth": sessions[8], "farooq": farooq}


def test_browsing_from_filter_to_official(live_server, page, screenshot, record):
    page.goto(live_server.url + "/")
    overdue = page.locator("tr", has=page.locator(".badge-overdue")).locator(".series-name")
    overdue_names = overdue.all_inner_texts()
    screenshot(page, "01-series-list")

    page.select_option("#id_country_0", "PAK")
    page.select_option("#id_topic", "counter-terrorism")
    page.get_by_role("button", name="Apply filters").click()
    # With htmx each change already swaps the results; wait for the last one to land.
    page.wait_for_url("**/?*topic=counter-terrorism*")
    expect(page.locator("#results-heading")).to_have_text("1 series")
    heading = page.locator("#results-heading").inner_text()
    names = page.locator(".series-name").all_inner_texts()
    screenshot(page, "02-series-filtered")

    page.get_by_role("link", name=record["series"].name).click()
    page.wait_for_url(f"**{record['series'].get_absolute_url()}")
    timeline_title = page.locator("svg.timeline title#tl-title").text_content()
    gap_count = page.locator("svg.timeline .tl-gap").count()
    planned_count = page.locator("svg.timeline .tl-planned").count()
    median = page.locator(".stats div", has_text="Median interval").locator("dd").inner_text()
    screenshot(page, "03-series")

    page.get_by_role("row", name="8").get_by_role("link").first.click()
    page.wait_for_url(f"**{record['eighth'].get_absolute_url()}")
    marked = page.locator(".article-text mark").inner_text()
    conflict = page.locator(".notice-warn li").inner_text()
    screenshot(page, "04-session")

    page.locator(".delegation").first.get_by_role("link", name="Ahmad Farooq").click()
    page.wait_for_url(f"**{record['farooq'].get_absolute_url()}")
    official_heading = page.get_by_role("heading", level=1).inner_text()
    positions = page.locator(".positions li").all_inner_texts()
    screenshot(page, "05-official")

    assert overdue_names == ["Pakistan-Russia Intergovernmental Commission on Trade"]
    assert heading == "1 series"
    assert names == [record["series"].name]
    assert timeline_title == f"Timeline of {record['series'].name}"
    assert (gap_count, planned_count) == (2, 1)
    # 13.3 months: the time from 3 to 5 and from 6 to 8 counts as two intervals each.
    assert median.startswith("13.")
    assert marked == "Ahmad Farooq, Director General Counter Terrorism, led the Pakistan delegation"
    assert conflict == "City: “Kazan” (tass.txt) versus “Moscow” (urdupoint.txt)"
    assert official_heading == "Ahmad Farooq"
    assert positions == ["Director General\nMay 2012 – Nov 2019 · 6 sessions"]


def test_series_list_on_a_phone_keeps_filters_and_rows_readable(
    live_server, phone_page, screenshot, record
):
    phone_page.goto(live_server.url + "/?country=RUS&topic=counter-terrorism")
    screenshot(phone_page, "06-phone-series-list")
    phone_page.goto(live_server.url + record["series"].get_absolute_url())
    screenshot(phone_page, "07-phone-series")
    screenshot(phone_page, "07-phone-series-top", full_page=False)

    widest = phone_page.evaluate("document.documentElement.scrollWidth")
    rows = phone_page.locator("table.responsive tbody tr").count()

    assert widest == 390
    assert rows == 7


def test_skip_link_is_first_in_keyboard_order(live_server, page, record):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    page.keyboard.press("Enter")
    target = page.evaluate("document.activeElement.id")

    assert (focused, target) == ("Skip to content", "content")


def test_filters_update_the_results_in_place_with_htmx(live_server, page, with_htmx, record):
    page.goto(live_server.url + "/")
    page.evaluate("window.sameDocument = true")

    page.select_option("#id_topic", "trade")
    page.wait_for_url("**/?*topic=trade*")
    page.wait_for_function("document.querySelectorAll('.series-name').length === 1")
    names = page.locator(".series-name").all_inner_texts()
    same_document = page.evaluate("window.sameDocument === true")

    assert names == ["Pakistan-Russia Intergovernmental Commission on Trade"]
    assert same_document is True


def test_country_sessions_and_article_pages_show_the_record(live_server, page, screenshot, record):
    page.goto(live_server.url + "/countries/PAK/")
    counterparts = page.locator(".chips a").all_text_contents()
    screenshot(page, "08-country")
    page.goto(live_server.url + "/sessions/?country=PAK&status=held")
    rows = page.locator("table.data tbody tr").count()
    csv_href = page.get_by_role("link", name="Download CSV").get_attribute("href")
    screenshot(page, "09-sessions")
    page.goto(live_server.url + record["eighth"].articles.get().get_absolute_url())
    marks = page.locator(".article-text mark").count()
    screenshot(page, "10-article")

    assert counterparts == ["Russia 2"]
    assert (rows, csv_href) == (9, "/sessions.csv?country=PAK&status=held")
    assert marks == 1
