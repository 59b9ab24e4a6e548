"""Merges are recorded and can be undone: the removed row comes back with its id and
every row under it, and the export is byte-identical to the one before the merge."""

import io

import pytest
from django.core.management import call_command

from meetings.ingestion.facts import correct_fact
from meetings.ingestion.merge import (
    MergeError,
    merge_officials,
    merge_series,
    merge_sessions,
    split_session,
    undo_merge,
)
from meetings.models import Delegation, Evidence, Merge, Official, Series, Session
from tests.ingestion.conftest import meeting

pytestmark = pytest.mark.django_db


def export_json() -> str:
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    return out.getvalue()


def rows():
    """Every row of the record with its id, for comparing before and after."""
    return {
        "series": sorted(Series.objects.values_list("pk", "name", "slug", "other_names")),
        "sessions": sorted(
            Session.objects.values_list("pk", "series_id", "number", "city", "conflicts")
        ),
        "delegations": sorted(
            Delegation.objects.values_list("pk", "session_id", "country_id", "head_id")
        ),
        "members": sorted(Delegation.members.through.objects.values_list("delegation", "official")),
        "evidence": sorted(Evidence.objects.values_list("pk", "session_id", "delegation_id")),
        "officials": sorted(Official.objects.values_list("pk", "name", "other_names")),
    }


@pytest.fixture
def two_series(ingest_records):
    ingest_records(
        meeting(
            "a.txt",
            number=7,
            start="2018-03-02",
            city="Islamabad",
            delegations=[("PAK", "Ahmad Farooq", "Director General")],
        ),
        meeting(
            "b.txt",
            name="Pakistan-Russia Strategic Dialogue",
            kind="dialogue",
            topic=None,
            number=7,
            start="2018-03-02",
            city="Moscow",
            delegations=[("PAK", "Babar Amin", "Additional Secretary")],
        ),
        meeting(
            "c.txt",
            name="Pakistan-Russia Strategic Dialogue",
            kind="dialogue",
            topic=None,
            number=8,
            start="2019-05-02",
        ),
    )
    keep, remove = Series.objects.order_by("pk")
    return keep, remove


def test_undo_series_merge_restores_rows_and_export(two_series):
    keep, remove = two_series
    before, export_before = rows(), export_json()

    merge_series(keep=keep, remove=remove)
    assert Series.objects.count() == 1
    undo_merge(Merge.objects.get())

    assert rows() == before
    assert export_json() == export_before


def test_undo_official_merge_restores_rows(two_series):
    farooq, amin = Official.objects.order_by("pk")
    before = rows()

    merge_officials(keep=farooq, remove=amin)
    undo_merge(Merge.objects.get())

    assert rows() == before


def test_undo_session_merge_restores_rows(ingest_records):
    ingest_records(
        meeting("a.txt", number=8, start="2019-11-12", city="Moscow"),
        meeting("b.txt", number=None, start="2019-12-20", city="Kazan"),
    )
    first, second = Session.objects.order_by("pk")
    before, export_before = rows(), export_json()

    merge_sessions(keep=first, remove=second)
    merged = Session.objects.get()
    assert sorted(merged.articles.values_list("source_name", flat=True)) == ["a.txt", "b.txt"]
    undo_merge(Merge.objects.get())

    assert rows() == before
    assert export_json() == export_before


def test_undo_refuses_after_a_later_change(two_series):
    keep, remove = two_series
    merge_series(keep=keep, remove=remove)
    Series.objects.filter(pk=keep.pk).update(name="Renamed by hand")

    with pytest.raises(MergeError):
        undo_merge(Merge.objects.get())

    assert Series.objects.count() == 1


def test_undo_twice_is_refused(two_series):
    keep, remove = two_series
    merge_series(keep=keep, remove=remove)
    record = Merge.objects.get()
    undo_merge(record)

    with pytest.raises(MergeError):
        undo_merge(record)


def test_split_undoes_a_session_merge(ingest_records):
    ingest_records(
        meeting("a.txt", number=8, start="2019-11-12", city="Moscow", country="RUS"),
        meeting("b.txt", number=None, start="2019-12-20", city="Kazan", country="RUS"),
    )
    first, second = Session.objects.order_by("pk")
    export_before = export_json()
    merge_sessions(keep=first, remove=second)
    merged = Session.objects.get()
    assert merged.conflicts != []

    new = split_session(session=merged, articles=merged.articles.filter(source_name="b.txt"))

    assert export_json() == export_before
    merged.refresh_from_db()
    assert (merged.conflicts, new.conflicts) == ([], [])
    assert list(new.articles.values_list("source_name", flat=True)) == ["b.txt"]


def test_split_refuses_to_take_every_article(ingest_records):
    ingest_records(meeting("a.txt", number=8))
    session = Session.objects.get()

    with pytest.raises(MergeError):
        split_session(session=session, articles=session.articles.all())


def test_conflict_resolved_by_a_chosen_value_is_a_hand_correction(ingest_records):
    ingest_records(
        meeting("a.txt", number=8, city="Moscow"),
        meeting("b.txt", number=8, city="Kazan"),
    )
    session = Session.objects.get()

    correct_fact(session, "city", "Kazan")
    session.save()
    ingest_records(meeting("c.txt", number=8, city="Moscow"))

    session.refresh_from_db()
    assert (session.city, session.manual_fields) == ("Kazan", ["city"])
    assert session.conflicts == [
        {"field": "city", "values": {"Kazan": ["admin"], "Moscow": ["c.txt"]}}
    ]


def test_correct_fact_refuses_what_is_not_a_value(ingest_records):
    ingest_records(meeting("a.txt", number=8))
    session = Session.objects.get()

    with pytest.raises(ValueError, match="not a date"):
        correct_fact(session, "start", "next spring")
