"""The project's quality target, end to end: extract, ingest and export the dev set."""

import importlib.util
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def test_dev_set_series_grouping_scores_at_least_097():
    if not (EVAL / "score.py").exists():
        pytest.skip("the evaluation set is not on this machine")
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = io.StringIO()

    call_command("ingest", *map(str, sorted((EVAL / "dev").glob("*.txt"))), stdout=io.StringIO())
    call_command("export", "--format", "json", stdout=out)

    tally, facts = score.score_series(
        score.load_jsonl(EVAL / "dev" / "gold.jsonl"), json.loads(out.getvalue())
    )
    assert tally.micro()[-1] >= 0.97, facts
