import datetime
from types import SimpleNamespace

from meetings.templatetags.meetings_tags import highlight_spans
from meetings.timeline import (
    cadence_of,
    draw_timeline,
    median_interval_days,
    missing_numbers,
    title_periods,
)

D = datetime.date


def _session(number, day, status="held", city="Geneva"):
    return SimpleNamespace(
        number=number,
        start_date=day,
        start_display=day.isoformat() if day else None,
        status=status,
        city=city,
        country_id=None,
        virtual=False,
        venue=city,
        get_absolute_url=lambda: f"/sessions/{number}/",
    )


def test_median_interval_days_ignores_undated_and_duplicate_days():
    dates = [D(2020, 1, 1), None, D(2020, 1, 11), D(2020, 1, 11), D(2020, 2, 10)]

    assert median_interval_days(dates) == 20


def test_median_interval_days_needs_two_dates():
    assert median_interval_days([D(2020, 1, 1), None]) is None


def test_cadence_of_a_late_series_is_overdue():
    cadence = cadence_of(
        held_dates=[D(2018, 1, 1), D(2019, 1, 1), D(2020, 1, 1)],
        next_date=None,
        today=D(2022, 1, 1),
    )

    assert (cadence.overdue, cadence.expected) == (True, D(2020, 12, 31))


def test_cadence_of_a_series_with_a_planned_date_ahead_is_not_overdue():
    cadence = cadence_of(
        held_dates=[D(2018, 1, 1), D(2019, 1, 1), D(2020, 1, 1)],
        next_date=D(2022, 6, 1),
        today=D(2022, 1, 1),
    )

    assert cadence.overdue is False


def test_cadence_of_two_sessions_is_no_cadence():
    cadence = cadence_of(
        held_dates=[D(2000, 1, 1), D(2001, 1, 1)], next_date=None, today=D(2025, 1, 1)
    )

    assert (cadence.overdue, cadence.median_days) == (False, 366)


def test_missing_numbers_lists_the_gaps():
    assert missing_numbers([2, None, 5, 3, 8]) == [4, 6, 7]


def test_title_periods_merges_consecutive_equal_titles():
    rows = [
        (D(2019, 1, 1), "Director General"),
        (D(2017, 1, 1), "Additional Secretary"),
        (D(2020, 1, 1), "director general"),
        (None, ""),
    ]

    periods = [(p.title, p.first, p.last, p.sessions) for p in title_periods(rows)]

    assert periods == [
        ("Additional Secretary", D(2017, 1, 1), D(2017, 1, 1), 1),
        ("Director General", D(2019, 1, 1), D(2020, 1, 1), 2),
    ]


def test_draw_timeline_escapes_names_and_places():
    sessions = [
        _session(1, D(2019, 1, 1), city="<b>Moscow</b>"),
        _session(3, D(2021, 1, 1)),
        _session(4, None, status="planned"),
    ]

    svg = str(draw_timeline(sessions=sessions, series_name="<script>x</script>"))

    assert (svg.count("<script>"), svg.count("&lt;b&gt;Moscow")) == (0, 3)
    assert svg.count('class="tl-gap"') == 1
    assert "date to be announced" in svg


def test_draw_timeline_without_dates_says_so():
    html = str(draw_timeline(sessions=[_session(1, None)], series_name="S"))

    assert html == '<p class="muted">No dated sessions yet, so there is no timeline to draw.</p>'


def test_highlight_spans_merges_overlaps_and_drops_spans_outside_the_text():
    html = str(highlight_spans("ab <c> de", [(0, 4, 1, "x"), (2, 6, 2, "y"), (50, 60, 3, "z")]))

    assert html == '<mark id="ev-1" title="x; y"><span id="ev-2"></span>ab &lt;c&gt;</mark> de'


def test_median_interval_days_shares_a_numbering_gap_among_its_sessions():
    # Sessions 1, 2, 3 a year apart, then 7 four years after 3: yearly all along.
    dates = [D(2010, 1, 1), D(2011, 1, 1), D(2012, 1, 1), D(2016, 1, 1)]

    assert median_interval_days(dates, [1, 2, 3, 7]) == 365
    assert median_interval_days(dates) == 365  # without numbers the gap is one interval
    assert median_interval_days(dates[2:], [3, 7]) == 365


def test_cadence_of_a_series_with_a_numbering_gap_is_on_time():
    dates = [D(2010, 1, 1), D(2014, 1, 1), D(2015, 1, 1)]

    with_numbers = cadence_of(
        held_dates=dates, held_numbers=[1, 5, 6], next_date=None, today=D(2016, 3, 1)
    )
    without = cadence_of(held_dates=dates, next_date=None, today=D(2016, 3, 1))

    assert (with_numbers.median_days, with_numbers.expected) == (365, D(2016, 1, 1))
    assert without.median_days == 913
