"""Hostile and broken input: NUL bytes, database errors, special files, unreadable
folders, link loops, damaged feeds, binary junk and script URLs. Each bad article is
rejected with its reason (or cleaned) and the rest of the run goes on."""

import contextlib
import io
import json
import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.ingestion import ingest_paths
from meetings.ingestion.readers import ArticleInput, Rejection, read_paths
from meetings.models import Article, Series
from tests.ingestion.conftest import meeting
from tests.ingestion.gold import ContractExtractor

LIMIT = 1_000_000
SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def read(*paths, max_bytes=LIMIT):
    return list(read_paths(paths, max_bytes=max_bytes))


def run_command(name, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(name, *map(str, args), stdout=out, stderr=err)
        error = None
    except CommandError as exc:
        error = str(exc)
    return out.getvalue(), err.getvalue(), error


@contextlib.contextmanager
def unprivileged():
    """Runs the block as user nobody when the tests run as root (as in CI), since
    permissions do not stop root from listing a folder."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


# 1. NUL bytes and database errors


@pytest.mark.django_db
def test_ingest_nul_byte_in_a_text_file_is_removed_and_the_run_goes_on(ingest_records):
    records = [meeting("a.txt", number=3), meeting("b.txt", number=4)]

    summary = ingest_records(*records, texts={"a.txt": "Article\x00 a.\n\x00"})

    assert (summary.new, summary.rejected) == (2, [])
    assert sorted(Article.objects.values_list("source_name", "text")) == [
        ("a.txt", "Article a.\n"),
        ("b.txt", "Article b.txt.\n"),
    ]


@pytest.mark.django_db
def test_ingest_nul_escape_in_a_jsonl_line_is_removed_from_text_and_metadata(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        {"url": "https://example.org/1", "title": "Ti\u0000tle", "text": "Body\u0000 one."},
        {"url": "https://example.org/2", "outlet": "Wi\u0000re", "text": "Body two."},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")

    summary = ingest_paths([path])

    assert (summary.new + summary.not_meeting, summary.rejected) == (2, [])
    assert sorted(Article.objects.values_list("title", "outlet", "text")) == [
        ("", "Wire", "Body two."),
        ("Title", "", "Body one."),
    ]


@pytest.mark.django_db
def test_ingest_unpaired_surrogate_in_a_jsonl_line_rejects_that_line_only(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(
        '{"url": "https://example.org/1", "text": "Bad \\ud800 text."}\n'
        '{"url": "https://example.org/2", "text": "Good text."}\n',
        encoding="utf-8",
    )

    summary = ingest_paths([path])

    assert summary.rejected == [(f"{path}:1", "not valid Unicode (an unpaired surrogate escape)")]
    assert list(Article.objects.values_list("url", flat=True)) == ["https://example.org/2"]


@pytest.mark.django_db
def test_ingest_database_error_on_one_article_rejects_it_and_the_run_goes_on(on_postgres, tmp_path):
    # PostgreSQL refuses NUL inside text and JSON: a report carrying one cannot be stored.
    records = [meeting("a.txt", name="Broken\x00 Joint Working Group"), meeting("b.txt")]
    for record in records:
        (tmp_path / record["source"]).write_text(f"Article {record['source']}.\n")

    summary = ingest_paths(
        [tmp_path / "a.txt", tmp_path / "b.txt"],
        extractor=ContractExtractor({r["source"]: r for r in records}),
    )

    ((origin, reason),) = summary.rejected
    assert (origin, reason.split(":")[0]) == (str(tmp_path / "a.txt"), "could not be stored")
    assert "NUL" in reason or "\\u0000" in reason
    assert summary.new == 1
    assert list(Series.objects.values_list("name", flat=True)) == [
        "Pakistan-Russia Joint Working Group on Counter-Terrorism"
    ]


# 2. Special files and the size limit


def test_read_paths_link_to_a_device_is_rejected_without_reading_it(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    shutil.copy(SEED, tmp_path / "seed.txt")

    items = read(tmp_path)

    assert items[0] == ArticleInput(
        source="seed.txt", text=SEED.read_text(encoding="utf-8"), origin=str(tmp_path / "seed.txt")
    )
    assert items[1:] == [
        Rejection(str(tmp_path / "zero.txt"), "not a regular file (a character device)")
    ]


def test_read_paths_named_pipe_is_rejected_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")

    items = read(tmp_path)

    assert items == [Rejection(str(tmp_path / "pipe.txt"), "not a regular file (a named pipe)")]


def test_read_paths_link_to_a_regular_file_is_read(tmp_path):
    (tmp_path / "link.txt").symlink_to(SEED)

    (item,) = read(tmp_path / "link.txt")

    assert (item.source, item.text) == ("link.txt", SEED.read_text(encoding="utf-8"))


def test_extract_command_rejects_files_over_the_limit_and_special_files(tmp_path, settings):
    settings.MEETINGS_MAX_ARTICLE_BYTES = 100
    (tmp_path / "big.txt").write_text("x" * 101, encoding="utf-8")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "ok.txt").write_text("Nothing happened.", encoding="utf-8")
    names = ["big.txt", "zero.txt", "pipe.txt", "ok.txt"]

    out, err, error = run_command("extract", *(tmp_path / name for name in names))

    assert err.splitlines() == [
        f"{tmp_path}/big.txt: file too large (101 bytes, limit 100)",
        f"{tmp_path}/zero.txt: not a regular file (a character device)",
        f"{tmp_path}/pipe.txt: not a regular file (a named pipe)",
    ]
    assert [json.loads(line)["source"] for line in out.splitlines()] == ["ok.txt"]
    assert error == "3 of 4 file(s) could not be read"


# 3. Unreadable folders and link loops


@pytest.fixture
def open_tmp():
    """A folder user nobody can enter (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_read_paths_unreadable_folder_is_rejected_with_its_reason(open_tmp):
    locked = open_tmp / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("A", encoding="utf-8")
    locked.chmod(0)
    (open_tmp / "b.txt").write_text("B", encoding="utf-8")
    (open_tmp / "b.txt").chmod(0o644)

    try:
        with unprivileged():
            items = read(open_tmp)
    finally:
        locked.chmod(0o755)

    assert [i.source for i in items if isinstance(i, ArticleInput)] == ["b.txt"]
    assert [i for i in items if isinstance(i, Rejection)] == [
        Rejection(str(locked), "cannot read folder: Permission denied")
    ]


@pytest.mark.django_db
def test_ingest_command_reports_an_unreadable_folder_and_exits_non_zero(open_tmp):
    locked = open_tmp / "locked"
    locked.mkdir()
    locked.chmod(0)

    try:
        with unprivileged():
            out, err, error = run_command("ingest", "--no-progress", open_tmp)
    finally:
        locked.chmod(0o755)

    assert err == f"{locked}: cannot read folder: Permission denied\n"
    assert "rejected: 1," in out
    assert error == "1 article(s) or file(s) rejected"


def test_read_paths_symlink_loop_is_named_as_such(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")

    named = read(tmp_path / "loop.txt", tmp_path / "dangling.txt")
    walked = read(tmp_path)

    assert named == [
        Rejection(str(tmp_path / "loop.txt"), "symbolic link loop"),
        Rejection(str(tmp_path / "dangling.txt"), f"broken symbolic link (to {tmp_path}/gone.txt)"),
    ]
    assert walked == [
        Rejection(str(tmp_path / "dangling.txt"), "cannot read: no such file or directory"),
        Rejection(str(tmp_path / "loop.txt"), "cannot read: symbolic link loop"),
    ]


# 4. Damaged feeds, binary junk, script URLs

ITEM = (
    "<item><title>Entry {n}</title><link>https://example.org/{n}</link>"
    "<description>The talks number {n} were held in Moscow.</description></item>"
)


def test_read_paths_broken_feed_keeps_the_entries_read_before_the_damage(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        + ITEM.format(n=1)
        + ITEM.format(n=2)
        + "<item><title>Entry 3</title><descr",
        encoding="utf-8",
    )

    items = read(path)

    articles = [i for i in items if isinstance(i, ArticleInput)]
    assert [(a.source, a.text) for a in articles] == [
        ("https://example.org/1", "The talks number 1 were held in Moscow."),
        ("https://example.org/2", "The talks number 2 were held in Moscow."),
    ]
    (broken,) = [i for i in items if isinstance(i, Rejection)]
    assert (broken.origin, broken.reason.split(":")[0]) == (str(path), "broken feed")
    assert broken.reason.endswith("; the 2 complete entries before it were read")


def test_read_paths_binary_junk_saved_as_html_is_rejected(tmp_path):
    path = tmp_path / "junk.html"
    path.write_bytes(random.Random(9).randbytes(20_000))

    items = read(path)

    assert items == [Rejection(str(path), "binary data, not an HTML page")]


def test_read_paths_keeps_only_http_and_https_urls(tmp_path):
    feed = tmp_path / "feed.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
        "<item><title>A</title><link>javascript:alert(1)</link>"
        "<description>Text A.</description></item>"
        "<item><title>B</title><link>HTTPS://example.org/b</link>"
        "<description>Text B.</description></item></channel></rss>",
        encoding="utf-8",
    )
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"url": "javascript:alert(document.cookie)", "text": "Text C."})
        + "\n"
        + json.dumps({"url": "data:text/html,<script>x</script>", "text": "Text D."}),
        encoding="utf-8",
    )

    items = read(feed, dump)

    assert [(i.source, i.url) for i in items] == [
        ("feed.rss#1", ""),
        ("HTTPS://example.org/b", "HTTPS://example.org/b"),
        ("dump.jsonl:1", ""),
        ("dump.jsonl:2", ""),
    ]
