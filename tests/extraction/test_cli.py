"""``python -m meetings.extraction`` and ``extract_file``: bad files and the JSON lines."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from meetings.extraction import ExtractionInputError, extract_file
from meetings.extraction.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = Path(__file__).parent / "articles" / "a01_ind_usa_jwgct.txt"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\xff\xfe\x00bad", "not UTF-8 (byte 0)"),
    ],
)
def test_extract_file_rejects_bad_files(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)

    with pytest.raises(ExtractionInputError) as info:
        extract_file(str(path))

    assert (info.value.path, info.value.reason) == (str(path), reason)


def test_extract_file_missing_and_directory(tmp_path):
    with pytest.raises(ExtractionInputError) as missing:
        extract_file(str(tmp_path / "nope.txt"))
    with pytest.raises(ExtractionInputError) as folder:
        extract_file(str(tmp_path))

    assert (missing.value.reason, folder.value.reason) == ("no such file", "is a directory")


def test_extract_file_source_is_base_name():
    assert extract_file(str(ARTICLE)).source == "a01_ind_usa_jwgct.txt"


def test_main_prints_one_line_per_good_file_and_fails_for_bad(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")

    status = main([str(ARTICLE), str(bad), str(tmp_path / "missing.txt"), str(ARTICLE)])

    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [r["source"] for r in lines] == ["a01_ind_usa_jwgct.txt"] * 2
    assert err.splitlines() == [
        f"error: {bad}: empty file",
        f"error: {tmp_path / 'missing.txt'}: no such file",
    ]


def test_module_runs_as_a_command():
    done = subprocess.run(
        [sys.executable, "-m", "meetings.extraction", str(ARTICLE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0
    assert json.loads(done.stdout)["meeting"] is True


def test_importing_extraction_does_not_load_django():
    code = (
        "import sys, meetings.extraction; "
        "print('django' in sys.modules or any(m.startswith('django.') for m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert done.stdout.strip() == "False"


def test_extract_file_accepts_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.read_bytes())

    report = extract_file(str(path))

    assert (report.meeting, report.published.isoformat()) == (True, "2022-10-29")
