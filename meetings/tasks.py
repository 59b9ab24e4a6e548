"""Background tasks: ingestion started from the web or the admin.

Queued in the database and run by ``manage.py db_worker`` (``make run`` starts one);
the test settings, or TASKS_BACKEND=immediate, run them at once instead (see
config/settings.py).
"""

import shutil
import time
from pathlib import Path

from django.db import close_old_connections
from django_tasks import task

from meetings.ingestion import ingest_paths
from meetings.ingestion.store import NEW, REJECTED, Outcome
from meetings.models import IngestRun

# How often a running upload writes its counts for the page to show.
PROGRESS_SECONDS = 1.0
# Rejected and skipped files listed on the page (all are counted).
MAX_PROBLEMS = 500


@task()
def ingest_paths_task(paths: list[str]) -> dict:
    """Ingest saved files and folders; returns the run's summary as a JSON-able dict:
    counts, and the rejected and skipped files as ``{"file", "reason"}`` lists."""
    return ingest_paths(paths).as_dict()


@task()
def ingest_upload_task(run_id: int) -> str:
    """Ingest the files of an upload, recording progress and the end on its IngestRun;
    the upload folder is removed at the end. Returns the run's final status."""
    run = IngestRun.objects.get(pk=run_id)
    if run.is_done:
        return run.status  # a task run twice does not ingest twice
    recorder = ProgressRecorder(run)
    paths = [str(Path(run.folder) / name) for name in run.files]
    try:
        summary = ingest_paths(paths, progress=recorder.record)
    except Exception as exc:
        close_old_connections()
        recorder.flush(status=IngestRun.Status.FAILED, error=f"{type(exc).__name__}: {exc}")
        raise
    finally:
        shutil.rmtree(run.folder, ignore_errors=True)
    recorder.problems += [
        {"kind": "skipped", "file": recorder.name(origin), "reason": reason}
        for origin, reason in summary.skipped
    ]
    recorder.flush(status=IngestRun.Status.FINISHED, skipped=len(summary.skipped))
    return IngestRun.Status.FINISHED


class ProgressRecorder:
    """Counts outcomes and writes them to the run at most every PROGRESS_SECONDS."""

    def __init__(self, run: IngestRun) -> None:
        self.run = run
        self.prefix = f"{run.folder.rstrip('/')}/"
        self.counts = {"new": 0, "known": 0, "not_meeting": 0, "rejected": 0}
        self.problems: list[dict] = []
        self.created: list[int] = []
        self.updated: list[int] = []
        self.files: list[str] = []
        self.written = 0.0
        IngestRun.objects.filter(pk=run.pk).update(status=IngestRun.Status.RUNNING)

    def name(self, origin: str) -> str:
        return origin.removeprefix(self.prefix)

    def record(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        name = self.name(outcome.origin)
        file = name.split(":", 1)[0]
        if not self.files or self.files[-1] != file:
            self.files.append(file)
        if outcome.status == REJECTED:
            self.problems.append({"kind": "rejected", "file": name, "reason": outcome.reason})
        elif outcome.status == NEW and outcome.session_id is not None:
            target = self.created if outcome.session_created else self.updated
            if outcome.session_id not in self.created and outcome.session_id not in target:
                target.append(outcome.session_id)
        if time.monotonic() - self.written >= PROGRESS_SECONDS:
            self.flush()

    def flush(self, **final) -> None:
        """Writes the counts so far; with ``status`` (and more fields), the end."""
        self.written = time.monotonic()
        done = len(self.run.files) if "status" in final else max(len(self.files) - 1, 0)
        IngestRun.objects.filter(pk=self.run.pk).update(
            files_done=done,
            problems=self.problems[:MAX_PROBLEMS],
            sessions_created=self.created,
            sessions_updated=[pk for pk in self.updated if pk not in self.created],
            **self.counts,
            **final,
        )
