"""The record does not depend on the order articles come in: the same files in another
order give the same canonical names, hence byte-identical exports."""

import io

import pytest
from django.core.management import call_command

from meetings.export import export_csv
from meetings.models import Article, Delegation, Evidence, Official, Series, Session
from tests.ingestion.conftest import meeting
from tests.ingestion.gold import DEV

pytestmark = pytest.mark.django_db


def clear_record():
    Evidence.objects.all().delete()
    Article.objects.all().delete()
    Delegation.objects.all().delete()
    Session.objects.all().delete()
    Series.objects.all().delete()
    Official.objects.all().delete()


def export_json() -> str:
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    return out.getvalue()


RECORDS = [
    meeting("a.txt", name="Russia-Pakistan JWG on CT", number=7, start="2018-03-02"),
    meeting(
        "b.txt",
        name="Pakistan-Russia Joint Working Group on Counter-Terrorism",
        number=8,
        start="2019-11-12",
    ),
    meeting("c.txt", name="pakistan-russia jwg on ct", number=9, start="2021-05-20"),
    meeting("d.txt", name="Pakistan-Russia JWG", number=10, start="2023-06-01"),
]


def test_order_of_articles_does_not_change_names_or_exports(ingest_records):
    ingest_records(*RECORDS)
    first = (export_json(), export_csv())
    names = list(Series.objects.values_list("name", "other_names"))
    clear_record()

    ingest_records(*reversed(RECORDS))

    assert list(Series.objects.values_list("name", "other_names")) == names
    assert (export_json(), export_csv()) == first
    assert names == [
        (
            "Pakistan-Russia Joint Working Group on Counter-Terrorism",
            ["Pakistan-Russia JWG", "pakistan-russia jwg on ct", "Russia-Pakistan JWG on CT"],
        )
    ]


def test_order_of_dev_set_files_does_not_change_the_export():
    files = sorted(DEV.glob("*.txt"))
    if not files:
        pytest.skip("the evaluation set is not on this machine")
    call_command("ingest", *map(str, files), stdout=io.StringIO())
    first = (export_json(), export_csv())
    clear_record()

    call_command("ingest", *map(str, reversed(files)), stdout=io.StringIO())

    assert (export_json(), export_csv()) == first
