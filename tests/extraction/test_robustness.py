"""Bad input never crashes or hangs: random text, mutated articles, huge and odd files."""

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.extraction import Report, extract

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
SAMPLE = ARTICLES[0].read_text(encoding="utf-8")


def check(report: Report, text: str) -> None:
    """What every report must satisfy, whatever the input."""
    assert isinstance(report, Report)
    record = report.to_contract()
    assert set(record) == {"source", "meeting", "series", "session", "delegations", "next_session"}
    assert not (report.reason or "").startswith("extraction failed"), report.reason
    for ev in report.evidence:
        assert 0 <= ev.start <= ev.end <= len(text)
    if not report.meeting:
        assert report.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_extract_random_text_gives_a_report(text):
    check(extract(text, source="r.txt"), text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(SAMPLE)), st.integers(0, 40), st.text(max_size=20)), max_size=8
    )
)
def test_extract_mutated_article_gives_a_report(edits):
    text = SAMPLE
    for pos, cut, insert in edits:
        text = text[:pos] + insert + text[pos + cut :]

    check(extract(text, source="m.txt"), text)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The",
                "8th",
                "meeting",
                "of",
                "the",
                "India-Japan",
                "Joint",
                "Working",
                "Group",
                "was",
                "held",
                "in",
                "Tokyo",
                "on",
                "Monday",
                ".",
                ",",
                "Minister",
                "Anil",
                "Sharma",
                "led",
                "the",
                "Indian",
                "delegation",
                "next",
                "2024",
                "\n",
                "—",
                "(",
                ")",
                "Mr.",
                "H.E.",
            ]
        ),
        max_size=200,
    )
)
def test_extract_word_salad_of_the_domain_gives_a_report(words):
    text = " ".join(words)

    check(extract(text, source="w.txt"), text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        " date 2019-11-14 Outlet",
        " date 9999-99-99 X\n\n",
        "\x00\x01\x02",
        "\ufeff date 2019-11-14 BOM\nTitle\n\nBody.",
        "<html><head><title>x</title></head><body><p>The 8th meeting of the India-Japan Joint "
        "Working Group was held in Tokyo on Monday.</p></body></html>",
        "İİİİ" * 1000,  # lower-cases to longer strings
        "\ud800 lone surrogate",
    ],
)
def test_extract_odd_inputs_give_a_report(text):
    check(extract(text, source="o.txt"), text)


def test_extract_non_string_gives_a_negative_report():
    report = extract(b"bytes", source="b.txt")  # type: ignore[arg-type]

    assert (report.meeting, report.reason) == (False, "input is not text")


def test_extract_binary_ish_text_gives_a_report():
    text = bytes(range(256)).decode("latin-1") * 400

    check(extract(text, source="bin.txt"), text)


def timed(text: str) -> float:
    started = time.perf_counter()
    extract(text, source="big.txt")
    return time.perf_counter() - started


def test_extract_ten_megabytes_stays_fast():
    text = (SAMPLE * (10_000_000 // len(SAMPLE) + 1))[:10_000_000]

    assert timed(text) < 5.0


def test_extract_time_grows_at_most_linearly():
    one = (SAMPLE * (1_000_000 // len(SAMPLE) + 1))[:1_000_000]
    four = one * 4

    timed(one)  # warm caches
    t1, t4 = timed(one), timed(four)

    # Linear would be 4x; allow generous noise. Quadratic would be 16x.
    assert t4 < 8 * t1 + 0.5


def test_extract_dense_single_sentence_grows_at_most_linearly():
    # One endless sentence full of people, mechanisms and dates: every per-mention window
    # must stay bounded, or this turns quadratic.
    unit = (
        "Foreign Minister Ahmad Farooq and Deputy Foreign Minister Ilya Rogachev "
        "co-chaired the 5th meeting of the India-Japan Joint Working Group on Monday in "
        "Tokyo and "
    )
    timed(unit * 10)

    t1, t4 = timed(unit * 60), timed(unit * 240)

    assert t4 < 8 * t1 + 0.5
