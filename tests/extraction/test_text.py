"""Header line, title, datelines and sentences."""

import datetime

import pytest

from meetings.extraction import extract
from meetings.extraction.gazetteer import gazetteer
from meetings.extraction.text import parse_header, parse_layout, split_sentences


def layout_of(text: str, **kwargs):
    gaz = gazetteer()
    return parse_layout(
        text,
        published=kwargs.get("published"),
        outlet=kwargs.get("outlet"),
        city_lookup=gaz.city,
        country_lookup=gaz.country_code,
    )


def test_parse_header_reads_date_and_outlet():
    published, outlet, end = parse_header(" date 2019-11-14 UrduPoint.com\nTitle\n")

    assert (published, outlet) == (datetime.date(2019, 11, 14), "UrduPoint.com")
    assert end == len(" date 2019-11-14 UrduPoint.com")


def test_parse_header_without_header_gives_nothing():
    assert parse_header("Just a title\nBody.") == (None, None, 0)


def test_parse_header_impossible_date_is_ignored():
    published, outlet, _ = parse_header(" date 2019-02-30 Outlet\n")

    assert (published, outlet) == (None, "Outlet")


@pytest.mark.parametrize(
    ("line", "city", "country", "day"),
    [
        (
            "ISLAMABAD, (UrduPoint / Pakistan Point News - 14th Nov, 2019 ) :The eighth meeting",
            "Islamabad",
            "PAK",
            datetime.date(2019, 11, 14),
        ),
        (
            "NEW DELHI, Nov 13 (PTI) - India and Japan held",
            "New Delhi",
            "IND",
            datetime.date(2019, 11, 13),
        ),
        (
            "NEW DELHI, March 3 (PTI) - a dateline day far from publication is not used",
            "New Delhi",
            "IND",
            None,
        ),
        (
            "MOSCOW, Nov. 12 /TASS/. Russia and Pakistan held",
            "Moscow",
            "RUS",
            datetime.date(2019, 11, 12),
        ),
        ("Baku, November 12. The inaugural meeting", "Baku", "AZE", datetime.date(2019, 11, 12)),
        ("AMMAN — The 31st session", "Amman", "JOR", None),
        (
            "MONTAUBAN (France), 12 November — Spanish Prime Minister",
            "Montauban",
            "FRA",
            datetime.date(2019, 11, 12),
        ),
        ("BUSAN, South Korea — The foreign ministers", "Busan", "KOR", None),
        ("SEOUL, Nov. 13 -- Foreign Minister", "Seoul", "KOR", datetime.date(2019, 11, 13)),
        ("Doha: His Highness the Amir", "Doha", "QAT", None),
    ],
)
def test_parse_layout_reads_dateline_forms(line, city, country, day):
    text = f" date 2019-11-14 Outlet\nA headline\n\n{line} more text.\n"

    layout = layout_of(text)

    assert (layout.dateline_city, layout.dateline_country, layout.dateline_date) == (
        city,
        country,
        day,
    )


def test_parse_layout_country_paragraph_is_not_a_dateline():
    text = " date 2023-01-21 Digest\nThe week\n\nFrance. More than a million people marched.\n"

    assert layout_of(text).dateline_city is None


def test_parse_layout_caller_values_win_over_header():
    layout = layout_of(
        " date 2019-11-14 Header Outlet\nT\n\nBody.\n",
        published=datetime.date(2020, 1, 1),
        outlet="Caller",
    )

    assert (layout.published, layout.outlet) == (datetime.date(2020, 1, 1), "Caller")


def test_extract_reports_title_and_dateline():
    text = " date 2019-11-14 Wire\nPakistan, Russia talk\n\nMOSCOW, Nov 14 - Nothing here.\n"

    report = extract(text, source="x.txt")

    assert (report.title, report.dateline_city, report.outlet) == (
        "Pakistan, Russia talk",
        "Moscow",
        "Wire",
    )


def test_split_sentences_keeps_offsets_and_abbreviations():
    text = "Mr. Sun Weidong, H.E. the envoy, arrived on Nov. 12. He left. 1. The list item."

    sentences = split_sentences(text, start=0, end=len(text))

    assert [s.text for s in sentences] == [
        "Mr. Sun Weidong, H.E. the envoy, arrived on Nov. 12.",
        "He left.",
        "1. The list item.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_split_sentences_counts_paragraphs():
    text = "One.\n\nTwo.\nThree.\n\n\nFour."

    sentences = split_sentences(text, start=0, end=len(text))

    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
