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
