"""The shared development set, scored by the project's own score.py (skipped without it)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from meetings.extraction import extract_file

ROOT = Path(__file__).resolve().parents[2]
EVAL = next(
    (
        p / "shared" / "eval"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared" / "eval" / "dev" / "gold.jsonl").exists()
    ),
    None,
)


@pytest.mark.skipif(EVAL is None, reason="shared/eval is not beside the project")
def test_dev_set_micro_f1_at_least_095(tmp_path):
    pred = tmp_path / "pred.jsonl"
    files = sorted((EVAL / "dev").glob("*.txt"))
    pred.write_text(
        "".join(json.dumps(extract_file(str(f)).to_contract()) + "\n" for f in files),
        encoding="utf-8",
    )

    done = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score.py"),
            "extract",
            str(EVAL / "dev" / "gold.jsonl"),
            str(pred),
            "--quiet",
            "--min-f1",
            "0.95",
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stdout
