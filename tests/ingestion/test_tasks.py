import shutil
from pathlib import Path

import pytest
from django_tasks import TaskResultStatus

from meetings.models import Article
from meetings.tasks import ingest_paths_task

pytestmark = pytest.mark.django_db

SEED = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def test_ingest_task_returns_the_summary_as_a_dict(tmp_path):
    shutil.copy(SEED, tmp_path / "seed.txt")
    (tmp_path / "bad.txt").write_bytes(b"")

    result = ingest_paths_task.enqueue(
        paths=[str(tmp_path / "seed.txt"), str(tmp_path / "bad.txt")]
    )

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {
        "new": 1,
        "known": 0,
        "not_meeting": 0,
        "rejected": [{"file": str(tmp_path / "bad.txt"), "reason": "empty file"}],
        "skipped": [],
        "sessions_created": 1,
        "sessions_updated": 0,
    }
    assert Article.objects.get().source_name == "seed.txt"
