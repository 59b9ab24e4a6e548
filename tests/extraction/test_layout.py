"""Layouts real feeds and scrapers hand over: fused header lines, page chrome, bylines,
hard-wrapped paragraphs. Every article here is written for the test."""

import datetime

import pytest

from meetings.extraction import extract


@pytest.mark.parametrize(
    "text",
    [
        " date 2021-05-12 HANOI: The fifth meeting of the Viet Nam-Laos Joint Working Group "
        "on Border Affairs was held here on Wednesday.\n\nBoth sides reviewed the work.\n",
        " date 2021-05-12 Viet Nam and Laos on Wednesday held the fifth meeting of their "
        "Joint Working Group on Border Affairs in Hanoi.\n\nBoth sides reviewed the work.\n",
    ],
    ids=["dateline-fused", "lead-fused"],
)
def test_header_fused_with_the_lead_is_read_as_the_lead(text):
    report = extract(text, source="fused.txt")

    assert (report.meeting, report.session.number, report.session.start) == (
        True,
        5,
        "2021-05-12",
    )
    assert (report.title, report.outlet) == (None, None)


def test_headline_in_the_outlet_slot_is_the_title():
    text = (
        " date 2021-05-13 Hanoi hosts border talks with Laos\n"
        "On May 12, the fifth meeting of the Viet Nam-Laos Joint Working Group on Border "
        "Affairs took place in Hanoi.\n"
    )

    report = extract(text, source="title.txt")

    assert (report.title, report.outlet, report.session.start) == (
        "Hanoi hosts border talks with Laos",
        None,
        "2021-05-12",
    )


def test_outlet_with_a_headline_line_after_it_stays_the_outlet():
    text = (
        " date 2021-05-13 Ministry of Foreign Affairs of Viet Nam\n"
        "Fifth Viet Nam-Laos border working group meets\n\n"
        "The fifth meeting of the Viet Nam-Laos Joint Working Group on Border Affairs "
        "took place in Hanoi on 12 May.\n"
    )

    report = extract(text, source="outlet.txt")

    assert (report.outlet, report.title) == (
        "Ministry of Foreign Affairs of Viet Nam",
        "Fifth Viet Nam-Laos border working group meets",
    )


def test_page_chrome_before_the_headline_is_skipped():
    text = (
        "Society\nShare post:\n"
        "Ghana and Nigeria hold third consular dialogue\n"
        "The third round of the Ghana-Nigeria Consular Dialogue took place in Accra on "
        "Tuesday.\n"
    )

    report = extract(text, source="chrome.txt", published=datetime.date(2022, 6, 9))

    assert (report.title, report.meeting, report.session.number) == (
        "Ghana and Nigeria hold third consular dialogue",
        True,
        3,
    )


@pytest.mark.parametrize(
    ("byline", "published"),
    [
        ("Published: 6/9/2022", "2022-06-09"),
        ("Jun 9,2022", "2022-06-09"),
        ("posted 9 Jun 2022, 10:15 by Press Office", "2022-06-09"),
        ("Thursday, June 9, 2022", "2022-06-09"),
    ],
)
def test_date_in_a_byline_stands_for_the_missing_header(byline, published):
    text = (
        f"Ghana and Nigeria hold third consular dialogue\n{byline}\n\n"
        "The third round of the Ghana-Nigeria Consular Dialogue took place in Accra on "
        "Tuesday.\n"
    )

    report = extract(text, source="byline.txt")

    assert (report.published.isoformat(), report.session.start) == (published, "2022-06-07")


def test_date_in_an_agency_dateline_stands_for_the_missing_header():
    text = (
        "ACCRA (Wire Service - 9th June, 2022) The third round of the Ghana-Nigeria "
        "Consular Dialogue took place here on Tuesday.\n"
    )

    report = extract(text, source="agency.txt")

    assert (report.published, report.session.start) == (datetime.date(2022, 6, 9), "2022-06-07")


def test_hard_wrapped_paragraph_is_read_as_whole_sentences():
    text = (
        " date 2022-06-09 Wire\nHeadline of the day\n\n"
        "The third round of the Ghana-Nigeria Consular Dialogue took place in Accra\n"
        "on Tuesday, with the Ghanaian delegation led by Ambassador Kwame\n"
        "Mensah and the Nigerian delegation led by Ambassador Musa Bello.\n"
    )

    report = extract(text, source="wrapped.txt")

    assert (report.session.start, report.session.city) == ("2022-06-07", "Accra")
    assert sorted((d.party, d.head) for d in report.delegations) == [
        ("GHA", "Kwame Mensah"),
        ("NGA", "Musa Bello"),
    ]


@pytest.mark.parametrize(
    ("line", "published"),
    [("12/16/2024 3:04:46 PM", "2024-12-16"), ("08.10.2023 01:39", "2023-10-08")],
)
def test_numeric_date_line_is_the_publication_date(line, published):
    text = (
        f"Ghana and Togo hold border talks\n{line}\n\n"
        "ACCRA, Oct 8 - The 4th meeting of the Ghana-Togo Joint Border Commission took "
        "place here on Friday.\n"
    )

    report = extract(text, source="numeric.txt")

    assert report.published.isoformat() == published


def test_date_fused_into_page_chrome_dates_a_lead_without_its_year():
    text = (
        "Skip to content\nPartnerships\nNews release4 March 2021Directorate for Africa2 min "
        "read\n\n5th Ghana-Togo Joint Commission\n\nOn Friday, 26 February, the 5th Ghana-Togo "
        "Joint Commission was held in Accra.\n"
    )
    report = extract(text, source="chrome.txt")

    assert (report.published, report.session.start) == (datetime.date(2021, 3, 4), "2021-02-26")


def test_year_in_the_headline_dates_a_lead_without_one():
    text = (
        "Joint statement GTMC 2019\n\nOn 5 June, Foreign Minister Ama Owusu hosted Foreign "
        "Minister Robert Dussey in Accra for the annual Ghana-Togo Ministerial "
        "Consultations (GTMC).\n"
    )
    report = extract(text, source="year.txt")

    assert (report.published, report.session.start) == (None, "2019-06-05")


@pytest.mark.parametrize(
    ("place", "city", "country"),
    [("Accra", "Accra", "GHA"), ("Washington, DC", "Washington", "USA")],
)
def test_place_line_and_date_line_of_a_press_release_are_its_dateline(place, city, country):
    text = (
        "Press Releases\n\nJoint Statement on the Ghana-US Working Group on Trade\n\n"
        f"{place}\nMarch 14, 2008\n\nThe Ghana-US Working Group on Trade met today to "
        "review tariffs.\n"
    )
    report = extract(text, source="release.txt")

    assert (report.published, report.session.start) == (datetime.date(2008, 3, 14), "2008-03-14")
    assert (report.session.city, report.session.country) == (city, country)


def test_timed_dateline_line_headline_venue_and_a_lead_in_the_present_tense():
    text = (
        "Agency\n\nGhana, Togo hold 'two-plus-two' talks in Accra\n\n14:14 | Accra, Jun. 28.\n\n"
        "Foreign and Defence Ministers of Ghana and Togo take part in the 5th Meeting of the "
        "Committee for Political Consultation and Coordination.\n\nPublished: 6/28/2017\n"
    )
    report = extract(text, source="timed.txt")

    assert (report.meeting, report.session.number) == (True, 5)
    assert (report.session.start, report.session.city) == ("2017-06-28", "Accra")


def test_dateline_filed_from_two_cities_is_not_the_meetings_date():
    text = (
        " date 2022-05-25 Wire\nGhana, Togo commission meets\n\nAccra/Lome, 25 May 2022 (GNA): "
        "Ghana and Togo held the 6th Plenary Meeting of the Ghana-Togo High-Level Commission "
        "on 23rd May via a video link.\n"
    )
    report = extract(text, source="two-cities.txt")

    assert (report.session.start, report.session.virtual) == ("2022-05-23", True)


def test_capitals_dateline_line_and_a_host_of_that_state():
    text = (
        "News\n\nGhana, Togo sign three memoranda\n\nACCRA, Ghana\n\nGhana and Togo have signed "
        "three memoranda.\n\nGhana's Foreign Minister Ama Owusu hosted her Togolese counterpart "
        "Robert Dussey for a Joint Commission for Cooperation.\n"
    )
    report = extract(text, source="host.txt")

    assert (report.meeting, report.session.city, report.session.country) == (True, "Accra", "GHA")


def test_headline_fused_with_chrome_dated_by_the_lead_that_reports_the_round_again():
    text = (
        "Home About Us What's New Speeches\nGhana and Togo Hold the Fifteenth Round of Consular "
        "Consultations in Accra\n\nOn June 8, 2011, Director Kofi Mensah and Director Koffi "
        "Agbo held the fifteenth round of the Ghana-Togo consular consultations in Accra.\n"
    )
    report = extract(text, source="fused-chrome.txt")

    assert (report.session.number, report.session.start) == (15, "2011-06-08")
