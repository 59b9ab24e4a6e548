import importlib.util
import json

import pytest
from django.apps import apps

from meetings.export import export_series
from meetings.ingestion import ingest_paths
from meetings.models import Article, Series, Session
from tests.ingestion.conftest import meeting, not_meeting
from tests.ingestion.gold import DEV, ContractExtractor, load_gold

pytestmark = pytest.mark.django_db


def dump_all_tables():
    """Every row of every model of the app, for before/after comparisons."""
    return {
        model.__name__: [
            {
                **row,
                **{
                    f.name: sorted(getattr(obj, f.name).values_list("pk", flat=True))
                    for f in model._meta.many_to_many
                },
            }
            for obj, row in zip(
                model.objects.order_by("pk"),
                model.objects.order_by("pk").values(),
                strict=True,
            )
        ]
        for model in apps.get_app_config("meetings").get_models()
    }


RECORDS = [
    meeting(
        "a.txt",
        number=8,
        start="2019-11-12",
        city="Moscow",
        country="RUS",
        delegations=[("PAK", "Ahmad Farooq", "DG"), ("RUS", "Vladimir Tarabrin", "Head")],
        next_session={"number": 9, "city": "Islamabad", "country": "PAK", "date": None},
    ),
    meeting("b.txt", number=8, start="2019-11-13", city="Moscow", country="RUS"),
    not_meeting("c.txt"),
]


def test_store_second_ingest_changes_nothing(ingest_records):
    first = ingest_records(*RECORDS)
    before = dump_all_tables()

    second = ingest_records(*RECORDS)

    assert (first.new, first.not_meeting, first.known) == (2, 1, 0)
    assert (second.new, second.not_meeting, second.known, second.sessions_updated) == (0, 0, 3, 0)
    assert dump_all_tables() == before
    assert before["Session"] and before["Delegation"] and before["Official"]


def test_store_same_text_under_another_name_is_known(ingest_records):
    ingest_records(meeting("a.txt", number=1), texts={"a.txt": "Same text."})

    summary = ingest_records(meeting("copy.txt", number=1), texts={"copy.txt": "Same text."})

    assert (summary.new, summary.known, Article.objects.count()) == (0, 1, 1)


def test_store_outcomes_are_recorded_on_articles(ingest_records):
    ingest_records(*RECORDS)

    assert sorted(Article.objects.values_list("source_name", "outcome", "session__number")) == [
        ("a.txt", "meeting", 8),
        ("b.txt", "meeting", 8),
        ("c.txt", "not_meeting", None),
    ]
    assert Article.objects.get(source_name="a.txt").report == RECORDS[0]


def test_store_unresolvable_report_is_rejected_and_nothing_half_written(ingest_records):
    bad = meeting(
        "bad.txt",
        number=3,
        delegations=[("PAK", "Ahmad Farooq", ""), ("A party with a far too long name", "X", "")],
    )

    summary = ingest_records(bad, meeting("good.txt", parties=("CHN", "PAK"), number=1))

    assert [reason for _, reason in summary.rejected] == [
        "unknown party 'A party with a far too long name'"
    ]
    assert list(Article.objects.values_list("source_name", "outcome").order_by("source_name")) == [
        ("bad.txt", "rejected"),
        ("good.txt", "meeting"),
    ]
    assert list(
        Series.objects.values_list("parties__alpha3", flat=True).order_by("parties__alpha3")
    ) == ["CHN", "PAK"]
    assert Session.objects.count() == 1


def test_store_unknown_country_code_is_rejected(ingest_records):
    summary = ingest_records(meeting("x.txt", parties=("PAK", "XXX")))

    assert [reason for _, reason in summary.rejected] == ["unknown party code 'XXX'"]
    assert Series.objects.count() == 0


def load_score():
    path = DEV.parent / "score.py"
    if not path.exists():
        pytest.skip("the evaluation set is not on this machine")
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_store_dev_set_with_gold_reports_groups_perfectly(tmp_path):
    score = load_score()
    gold = load_gold()

    summary = ingest_paths(sorted(DEV.glob("*.txt")), extractor=ContractExtractor(gold))
    export = json.loads(json.dumps(export_series()))
    tally, facts = score.score_series(gold, export)

    assert (summary.new, summary.not_meeting, summary.rejected) == (32, 9, [])
    assert tally.micro()[-1] == 1.0
    assert (facts["export series"], facts["export sessions"]) == (13, 27)


def test_store_extractor_failure_rejects_that_article_only(tmp_path):
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B.", encoding="utf-8")
    gold = ContractExtractor({"b.txt": meeting("b.txt", number=1)})

    def flaky(text, *, source, **kwargs):
        if source == "a.txt":
            raise ValueError("boom")
        return gold(text, source=source, **kwargs)

    summary = ingest_paths([tmp_path / "a.txt", tmp_path / "b.txt"], extractor=flaky)

    assert summary.rejected == [(str(tmp_path / "a.txt"), "extraction failed: ValueError('boom')")]
    assert summary.new == 1
