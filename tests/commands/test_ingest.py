import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Article, Delegation, Series, Session

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run_ingest(*paths):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
        error = None
    except CommandError as exc:
        error = str(exc)
    return out.getvalue(), err.getvalue(), error


def test_ingest_seed_gives_the_seed_series_end_to_end():
    out, err, error = run_ingest(SEEDS)

    assert (err, error) == ("", None)
    group = Series.objects.get()
    assert (group.name, group.kind, group.topic) == (
        "Russia-Pakistan Joint Working Group on Counter-terrorism",
        "joint-working-group",
        "counter-terrorism",
    )
    assert sorted(group.parties.values_list("alpha3", flat=True)) == ["PAK", "RUS"]
    held = group.sessions.get(status="held")
    assert (held.number, held.city, held.country_id, held.start_display) == (
        8,
        "Moscow",
        "RUS",
        "2019-11-12",
    )
    assert sorted(held.delegations.values_list("country", "head__name")) == [
        ("PAK", "Ahmad Farooq"),
        ("RUS", "Vladimir Tarabrin"),
    ]
    planned = group.sessions.get(status="planned")
    assert (planned.number, planned.city, planned.country_id) == (9, "Islamabad", "PAK")
    sentence = held.evidence.get(fact="session.number").sentence
    assert sentence.startswith("The eighth meeting of the Russia-Pakistan Joint Working Group")
    assert held.evidence.filter(delegation__country="PAK").exists()
    assert out.splitlines()[-1] == (
        "new: 1, already known: 0, not a meeting: 0, rejected: 0, skipped: 0; "
        "sessions created: 1, updated: 0"
    )


def test_ingest_twice_second_run_reports_known_and_changes_nothing(tmp_path):
    shutil.copy(next(SEEDS.glob("*.txt")), tmp_path / "seed.txt")
    run_ingest(tmp_path)
    before = (
        list(Session.objects.values()),
        list(Delegation.objects.values()),
        list(Article.objects.values()),
    )

    out, err, error = run_ingest(tmp_path)

    assert (err, error) == ("", None)
    assert "new: 0, already known: 1," in out
    assert before == (
        list(Session.objects.values()),
        list(Delegation.objects.values()),
        list(Article.objects.values()),
    )


def test_ingest_bad_inputs_are_reported_and_the_rest_ingested(tmp_path):
    shutil.copy(next(SEEDS.glob("*.txt")), tmp_path / "seed.txt")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "dump.jsonl").write_text('{"text": "A line."}\nnot json\n', encoding="utf-8")
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>x</ti", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")

    out, err, error = run_ingest(tmp_path, tmp_path / "missing.txt")

    assert error == "5 article(s) or file(s) rejected"
    assert [line.removeprefix(f"{tmp_path}/") for line in err.splitlines()] == [
        "broken.rss: broken feed: <unknown>:2:28: unclosed token",
        "dump.jsonl:2: not JSON: Expecting value",
        "empty.txt: empty file",
        "latin1.txt: not UTF-8 (byte 3)",
        "missing.txt: no such file or directory",
    ]
    assert "skipped: 1;" in out
    assert Article.objects.filter(source_name="seed.txt").count() == 1
    assert "Traceback" not in err


def test_ingest_unknown_file_type_named_explicitly_is_rejected(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF")

    _, err, error = run_ingest(path)

    assert err == f"{path}: unknown file type '.pdf'\n"
    assert error == "1 article(s) or file(s) rejected"


def test_ingest_jsonl_entries_are_named_by_url(tmp_path):
    seed_text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")

    (tmp_path / "dump.jsonl").write_text(
        json.dumps({"url": "https://example.org/seed", "outlet": "Wire", "text": seed_text}),
        encoding="utf-8",
    )

    _, err, error = run_ingest(tmp_path / "dump.jsonl")

    assert (err, error) == ("", None)
    article = Article.objects.get()
    assert (article.source_name, article.url, article.outlet) == (
        "https://example.org/seed",
        "https://example.org/seed",
        "Wire",
    )


def test_ingest_dry_run_saves_nothing():
    out, err, error = run_ingest("--dry-run", SEEDS)

    assert (err, error) == ("", None)
    assert out.startswith("dry run, nothing saved: new: 1,")
    assert (Article.objects.count(), Series.objects.count()) == (0, 0)
