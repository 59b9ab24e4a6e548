"""Dates: absolute, partial, ranges, weekdays and today/yesterday."""

import datetime

import pytest

from meetings.extraction.dates import find_dates

REF = datetime.date(2023, 8, 8)  # a Tuesday


def first(text: str, ref: datetime.date | None = REF):
    hits = find_dates(text, ref=ref)
    return (hits[0].start, hits[0].end) if hits else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 24 July 2021", ("2021-07-24", None)),
        ("on July 24, 2021", ("2021-07-24", None)),
        ("on November 12", ("2022-11-12", None)),  # months after the reference: last year
        ("on 3 August", ("2023-08-03", None)),
        ("on Nov. 12", ("2022-11-12", None)),
        ("from 5 to 7 August", ("2023-08-05", "2023-08-07")),
        ("12-13 March 2024", ("2024-03-12", "2024-03-13")),
        ("on March 12-13", ("2023-03-12", "2023-03-13")),
        ("from 30 July to 2 August", ("2023-07-30", "2023-08-02")),
        ("on Monday", ("2023-08-07", None)),
        ("on Tuesday", ("2023-08-08", None)),  # the reference day itself
        ("on Wednesday and Thursday", ("2023-08-02", "2023-08-03")),
        ("yesterday", ("2023-08-07", None)),
        ("today", ("2023-08-08", None)),
        ("In November, the group met", ("2022-11", None)),
        ("in July", ("2023-07", None)),
        ("in March 2019", ("2019-03", None)),
        ("in 2019", ("2019", None)),
    ],
)
def test_find_dates_resolves(text, expected):
    assert first(text) == expected


def test_find_dates_relative_without_reference_gives_nothing():
    assert first("on Monday", ref=None) is None


def test_find_dates_skips_next_weekday():
    assert first("next Monday") is None


def test_find_dates_impossible_day_is_dropped():
    assert first("on 31 February 2021") is None


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # a vague period dates the session to its month when that is one month
        ("met earlier this month, the ministry said on Friday", REF, ("2023-08", None)),
        ("met last month, officials said on Monday", REF, ("2023-07", None)),
        # 2023-08-08 is a Tuesday: last week ran from 31 July to 6 August
        ("held its session last week, the ministry said on Monday", REF, (None, None)),
        ("met last week", datetime.date(2023, 8, 17), ("2023-08", None)),
        ("held talks recently, the ministry said on Monday", REF, (None, None)),
    ],
)
def test_vague_period_beats_the_day_of_the_statement(text, ref, expected):
    from meetings.extraction.core import pick_date

    assert pick_date(text, ref=ref, published=ref) == expected


def test_a_later_period_is_not_the_session_date():
    from meetings.extraction.core import pick_date

    text = "The commission met on Monday and will meet again later this month"
    assert pick_date(text, ref=REF, published=REF) == ("2023-08-07", None)


def test_day_of_the_report_gives_way_to_the_meetings_own_days():
    from tests.extraction.helpers import run

    report = run(
        "The ministry reported on Friday that the work took place on November 8-9 during the "
        "6th meeting of the BRICS Working Group on Energy.",
        date="2023-11-11",
    )

    assert (report.session.start, report.session.end) == ("2023-11-08", "2023-11-09")


def test_range_across_two_months_spelt_out():
    from tests.extraction.helpers import run

    report = run(
        "From October 30 through November 2, the city of Kumasi hosted the 5th meeting of the "
        "Ghana-Togo Joint Working Group on Border Demarcation.",
        date="2023-11-04",
    )

    assert (report.session.start, report.session.end) == ("2023-10-30", "2023-11-02")


def test_lead_that_opens_with_its_day_dates_the_session_named_after_it():
    from tests.extraction.helpers import run

    report = run(
        "On November 8, 2023, Deputy Foreign Minister Kwame Mensah received the Togolese "
        "delegation in Accra. The visit lasted a day. The two sides held the fifth round of "
        "the Ghana-Togo Consular Consultations.",
        date="2023-11-10",
    )

    assert (report.session.number, report.session.start) == (5, "2023-11-08")
