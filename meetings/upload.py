"""The upload page: staff hand in article files, a background task ingests them."""

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.mixins import UserPassesTestMixin
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.views.generic import FormView
from django_tasks import TaskResultStatus

from meetings.forms import ArticleUploadForm
from meetings.models import Session
from meetings.tasks import ingest_paths_task


def save_uploads(*, files) -> tuple[Path, list[str]]:
    """Writes uploaded files into a new folder (under MEDIA_ROOT when set, else the
    system's temporary directory) under their own names, made safe and unique; returns
    the folder and the paths written."""
    base = getattr(settings, "MEDIA_ROOT", "") or None
    if base:
        Path(base).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="ingest-", dir=base))
    paths = []
    for index, upload in enumerate(files):
        name = get_valid_filename(Path(upload.name).name) or f"upload-{index}"
        target = folder / name
        if target.exists():
            target = folder / f"{index}-{name}"
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        paths.append(str(target))
    return folder, paths


class IngestView(UserPassesTestMixin, FormView):
    """Staff only: ingest uploaded files through `ingest_paths_task`.

    With the immediate task backend the summary is shown at once and the files are
    removed; with a queued backend the page shows the task id and the worker reads the
    files from the folder they were saved in.
    """

    form_class = ArticleUploadForm
    template_name = "meetings/ingest.html"
    login_url = reverse_lazy("admin:login")

    def test_func(self):
        return self.request.user.is_active and self.request.user.is_staff

    def form_valid(self, form):
        folder, paths = save_uploads(files=form.cleaned_data["files"])
        started = timezone.now()
        result = ingest_paths_task.enqueue(paths=paths)
        if result.is_finished:
            shutil.rmtree(folder, ignore_errors=True)
        succeeded = result.status == TaskResultStatus.SUCCESSFUL
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(),
                result=result,
                summary=describe_summary(result.return_value, folder=folder) if succeeded else None,
                uploaded=[Path(path).name for path in paths],
                sessions=sessions_reported(names=[Path(p).name for p in paths], since=started)
                if succeeded
                else [],
            )
        )


def sessions_reported(*, names: list[str], since) -> list[Session]:
    """The sessions that articles of these files, stored from `since` on, report: those
    the upload created or added a source to (an article seen before adds nothing)."""
    from_files = Q()
    for name in names:
        # An entry of a feed or dump is named after its file and more.
        from_files |= Q(articles__source_name__startswith=name)
    return list(
        Session.objects.filter(from_files, articles__ingested_at__gte=since)
        .select_related("series")
        .distinct()
        .order_by("series__name", "number", "pk")
    )


def describe_summary(summary: dict, *, folder: Path) -> dict:
    """The task's summary for the page: counts as (label, number) pairs, and the files
    rejected or skipped named relative to the upload folder."""
    prefix = f"{folder}/"
    counts, problems = [], []
    for key, value in summary.items():
        if isinstance(value, list):
            problems += [
                {
                    "kind": key.replace("_", " "),
                    "file": str(item.get("file", "")).removeprefix(prefix),
                    "reason": item.get("reason", ""),
                }
                for item in value
                if isinstance(item, dict)
            ]
            counts.append((key.replace("_", " ").capitalize(), len(value)))
        else:
            counts.append((key.replace("_", " ").capitalize(), value))
    return {"counts": counts, "problems": problems}
