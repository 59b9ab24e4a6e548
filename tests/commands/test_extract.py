import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
SEED = next((ROOT / "seeds").glob("*.txt"))


def test_extract_prints_one_contract_line_per_file_in_order(tmp_path):
    shutil.copy(SEED, tmp_path / "b.txt")
    shutil.copy(SEED, tmp_path / "a.txt")
    out = io.StringIO()

    call_command("extract", str(tmp_path / "b.txt"), str(tmp_path / "a.txt"), stdout=out)

    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["source"] for r in records] == ["b.txt", "a.txt"]
    assert set(records[0]) == {
        "source",
        "meeting",
        "series",
        "session",
        "delegations",
        "next_session",
    }


def test_extract_bad_file_is_one_stderr_line_and_the_others_still_run(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe broken")
    shutil.copy(SEED, tmp_path / "good.txt")
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="2 of 3 file"):
        call_command(
            "extract",
            str(tmp_path / "bad.txt"),
            str(tmp_path / "missing.txt"),
            str(tmp_path / "good.txt"),
            stdout=out,
            stderr=err,
        )

    assert [json.loads(line)["source"] for line in out.getvalue().splitlines()] == ["good.txt"]
    assert err.getvalue().splitlines() == [
        f"{tmp_path / 'bad.txt'}: not UTF-8 (byte 0)",
        f"{tmp_path / 'missing.txt'}: no such file",
    ]


def test_extract_command_exits_non_zero_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "extract", str(SEED), str(tmp_path / "missing.txt")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert f"{tmp_path / 'missing.txt'}: no such file" in result.stderr
