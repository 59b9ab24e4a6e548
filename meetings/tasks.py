"""Background tasks: ingestion started from the web or the admin.

Run at once by default; queued in the database and run by ``manage.py db_worker`` when
TASKS_BACKEND=database (see config/settings.py).
"""

from django_tasks import task

from meetings.ingestion import ingest_paths


@task()
def ingest_paths_task(paths: list[str]) -> dict:
    """Ingest saved files and folders; returns the run's summary as a JSON-able dict:
    counts, and the rejected and skipped files as ``{"file", "reason"}`` lists."""
    return ingest_paths(paths).as_dict()
