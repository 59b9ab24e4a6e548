import datetime

import pytest

from meetings.models import Delegation, Evidence, Official, Session
from tests.ingestion.conftest import meeting

pytestmark = pytest.mark.django_db


def test_sessions_same_number_is_one_session_with_both_sources(ingest_records):
    summary = ingest_records(
        meeting("a.txt", number=8, start="2019-11", city="Moscow", country="RUS"),
        meeting("b.txt", number=8, start="2019-11-12", city="Moscow", country="RUS"),
    )

    session = Session.objects.get()
    assert sorted(session.articles.values_list("source_name", flat=True)) == ["a.txt", "b.txt"]
    assert (session.start_display, session.conflicts) == ("2019-11-12", [])
    assert (summary.sessions_created, summary.sessions_updated) == (1, 1)


def test_sessions_without_number_match_by_date(ingest_records):
    ingest_records(
        meeting("a.txt", number=10, start="2023-11-26", city="Busan"),
        meeting("b.txt", number=None, start="2023-11-26"),
        meeting("c.txt", number=None, start="2024-07-02"),
    )

    assert [
        (s.number, s.start_display, sorted(a.source_name for a in s.articles.all()))
        for s in Session.objects.order_by("start_date")
    ] == [(10, "2023-11-26", ["a.txt", "b.txt"]), (None, "2024-07-02", ["c.txt"])]


def test_sessions_conflicting_sources_are_kept_and_flagged(ingest_records):
    ingest_records(
        meeting("a.txt", number=8, start="2019-11-12", city="Moscow", country="RUS"),
        meeting("b.txt", number=8, start="2019-11-13", city="Islamabad", country="PAK"),
    )

    session = Session.objects.get()
    assert (session.start_display, session.city, session.country_id) == (
        "2019-11-12",
        "Moscow",
        "RUS",
    )
    assert session.conflicts == [
        {"field": "start", "values": {"2019-11-12": ["a.txt"], "2019-11-13": ["b.txt"]}},
        {"field": "city", "values": {"Moscow": ["a.txt"], "Islamabad": ["b.txt"]}},
        {"field": "country", "values": {"RUS": ["a.txt"], "PAK": ["b.txt"]}},
    ]


def test_sessions_manual_fields_are_never_overwritten(ingest_records):
    ingest_records(meeting("a.txt", number=8, start="2019-11-12"))
    session = Session.objects.get()
    session.city = "Kazan"
    session.manual_fields = ["city", "start_date"]
    session.start_date = datetime.date(2019, 11, 11)
    session.save()

    ingest_records(meeting("b.txt", number=8, start="2019-11-12", city="Moscow"))

    session.refresh_from_db()
    assert (session.city, session.start_display) == ("Kazan", "2019-11-11")
    assert session.conflicts == [
        {"field": "start", "values": {"2019-11-11": ["admin"], "2019-11-12": ["b.txt"]}},
        {"field": "city", "values": {"Kazan": ["admin"], "Moscow": ["b.txt"]}},
    ]


def test_sessions_next_meeting_is_planned_then_held(ingest_records):
    ingest_records(
        meeting(
            "a.txt",
            number=8,
            start="2019-11-12",
            city="Moscow",
            country="RUS",
            next_session={"number": 9, "city": "Islamabad", "country": "PAK", "date": "2020"},
        )
    )
    planned = Session.objects.get(number=9)
    assert (planned.status, planned.city, planned.country_id, planned.start_display) == (
        "planned",
        "Islamabad",
        "PAK",
        "2020",
    )

    ingest_records(meeting("b.txt", number=9, start="2021-11-22", city="Moscow", country="RUS"))

    held = Session.objects.get(number=9)
    assert held.pk == planned.pk
    assert (held.status, held.city, held.country_id, held.start_display) == (
        "held",
        "Moscow",
        "RUS",
        "2021-11-22",
    )
    assert list(held.articles.values_list("source_name", flat=True)) == ["b.txt"]


def test_sessions_next_meeting_already_held_is_left_alone(ingest_records):
    ingest_records(
        meeting("a.txt", number=9, start="2021-11-22", city="Moscow"),
        meeting(
            "b.txt",
            number=8,
            start="2019-11-12",
            next_session={"number": 9, "city": "Islamabad", "country": "PAK", "date": None},
        ),
    )

    held = Session.objects.get(number=9)
    assert (held.status, held.city, held.conflicts) == ("held", "Moscow", [])


def test_sessions_delegations_heads_are_one_official_across_spellings(ingest_records):
    ingest_records(
        meeting(
            "a.txt",
            number=7,
            delegations=[("PAK", "Ahmad Farooq", "Director General"), ("RUS", "Ilya Rogachev", "")],
        ),
        meeting(
            "b.txt",
            number=8,
            delegations=[("PAK", "Mr. Ahmed Farooq", "DG (CT)"), ("RUS", "Vladimir Tarabrin", "")],
        ),
    )

    farooq = Official.objects.get(country="PAK")
    assert (farooq.name, farooq.other_names) == ("Ahmad Farooq", ["Mr. Ahmed Farooq"])
    assert Official.objects.filter(country="RUS").count() == 2
    assert list(
        Delegation.objects.filter(country="PAK").values_list("session__number", "head_title")
    ) == [(7, "Director General"), (8, "DG (CT)")]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Tamim bin Hamad Al-Thani", "Sheikh Tamim bin Hamad Al Thani"),
        ("Bisher Khasawneh", "Bisher Al-Khasawneh"),
        ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
        ("A. Farooq", "Ahmad Farooq"),
    ],
)
def test_sessions_official_variants_match(ingest_records, first, second):
    ingest_records(
        meeting("a.txt", number=1, delegations=[("PAK", first, "")]),
        meeting("b.txt", number=2, delegations=[("PAK", second, "")]),
    )

    assert Official.objects.count() == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [("Ahmad Farooq", "Ahmad Khan"), ("Wang Yi", "Wang Yu"), ("Farooq", "Ahmad Farooq")],
)
def test_sessions_official_different_people_stay_apart(ingest_records, first, second):
    ingest_records(
        meeting("a.txt", number=1, delegations=[("PAK", first, "")]),
        meeting("b.txt", number=2, delegations=[("PAK", second, "")]),
    )

    assert Official.objects.count() == 2


def test_sessions_same_name_other_party_is_other_official(ingest_records):
    ingest_records(
        meeting("a.txt", number=1, delegations=[("PAK", "Ali Khan", ""), ("RUS", "Ali Khan", "")])
    )

    assert Official.objects.count() == 2


def test_sessions_two_heads_for_one_side_are_a_conflict(ingest_records):
    ingest_records(
        meeting("a.txt", number=8, delegations=[("PAK", "Ahmad Farooq", "")]),
        meeting("b.txt", number=8, delegations=[("PAK", "Babar Amin", "")]),
    )

    session = Session.objects.get()
    assert session.delegations.get().head.name == "Ahmad Farooq"
    assert session.conflicts == [
        {
            "field": "delegation.PAK.head",
            "values": {"Ahmad Farooq": ["a.txt"], "Babar Amin": ["b.txt"]},
        }
    ]


def test_sessions_evidence_rows_point_at_their_facts(tmp_path, ingest_records):
    from meetings.extraction import Evidence as EvidenceReport
    from meetings.ingestion import ingest_paths
    from tests.ingestion.gold import ContractExtractor, report_from_contract

    first, second, third = "The 8th meeting was held in Moscow.", "Ahmad Farooq led.", "Next in X."
    text = f"{first} {second} {third}"
    at = {
        sentence: (text.index(sentence), text.index(sentence) + len(sentence))
        for sentence in (first, second, third)
    }
    record = meeting(
        "a.txt",
        number=8,
        city="Moscow",
        delegations=[("PAK", "Ahmad Farooq", "")],
        next_session={"number": 9, "city": "X", "country": None, "date": None},
    )

    class WithEvidence(ContractExtractor):
        def __call__(self, text, **kwargs):
            report = report_from_contract(record)
            return type(report)(
                **{
                    **report.__dict__,
                    "evidence": (
                        EvidenceReport("session.number", "8", *at[first]),
                        EvidenceReport("session.city", "Moscow", *at[first]),
                        EvidenceReport("delegation.PAK.head", "Ahmad Farooq", *at[second]),
                        EvidenceReport("next_session.city", "X", *at[third]),
                        EvidenceReport("session.city", "Moscow", 500, 600),  # out of the text
                    ),
                }
            )

    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    ingest_paths([tmp_path / "a.txt"], extractor=WithEvidence({}))

    rows = [
        (e.fact, e.session.number, e.delegation_id is not None, e.sentence)
        for e in Evidence.objects.order_by("start", "fact")
    ]
    assert rows == [
        ("session.city", 8, False, "The 8th meeting was held in Moscow."),
        ("session.number", 8, False, "The 8th meeting was held in Moscow."),
        ("delegation.PAK.head", 8, True, "Ahmad Farooq led."),
        ("next_session.city", 9, False, "Next in X."),
    ]


def test_sessions_without_number_match_a_date_a_day_off(ingest_records):
    ingest_records(
        meeting("a.txt", number=None, start="2023-11-26", city="Busan"),
        meeting("b.txt", number=None, start="2023-11-27"),
        meeting("c.txt", number=None, start="2024-03-02"),
    )

    session = Session.objects.get(start_date=datetime.date(2023, 11, 26))
    assert sorted(session.articles.values_list("source_name", flat=True)) == ["a.txt", "b.txt"]
    assert session.conflicts == [
        {"field": "start", "values": {"2023-11-26": ["a.txt"], "2023-11-27": ["b.txt"]}}
    ]
    assert Session.objects.count() == 2


def test_sessions_plan_with_delegation_entered_by_hand_takes_the_report(ingest_records):
    ingest_records(
        meeting(
            "a.txt",
            number=8,
            next_session={"number": 9, "city": "Islamabad", "country": "PAK", "date": None},
        )
    )
    planned = Session.objects.get(number=9)
    Delegation.objects.create(session=planned, country_id="PAK", head_title="Director General")

    summary = ingest_records(
        meeting("b.txt", number=9, delegations=[("PAK", "Ahmad Farooq", "DG (CT)")])
    )

    assert (summary.new, summary.rejected) == (1, [])
    delegation = Delegation.objects.get(session__number=9)
    assert (delegation.head.name, delegation.head_title) == ("Ahmad Farooq", "Director General")
