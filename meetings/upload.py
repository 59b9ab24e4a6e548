"""The upload page: people allowed to add articles hand in files, a background task
ingests them, and a page per upload shows its progress and, at the end, what it did."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import TooManyFilesSent
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.text import get_valid_filename
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import DetailView, FormView

from meetings.forms import ArticleUploadForm
from meetings.models import IngestRun, Session
from meetings.tasks import ingest_upload_task

# Sessions listed by name on an upload's page; the others are counted.
MAX_LISTED_SESSIONS = 200


def save_uploads(*, files) -> tuple[Path, list[str]]:
    """Writes uploaded files into a new folder (under MEDIA_ROOT when set, else the
    system's temporary directory) under their own names, made safe and unique; returns
    the folder and the names written."""
    base = getattr(settings, "MEDIA_ROOT", "") or None
    if base:
        Path(base).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="ingest-", dir=base))
    names = []
    for index, upload in enumerate(files):
        name = get_valid_filename(Path(upload.name).name) or f"upload-{index}"
        if (folder / name).exists():
            name = f"{index}-{name}"
        with (folder / name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        names.append(name)
    return folder, names


class UploadPermissionMixin(PermissionRequiredMixin):
    permission_required = "meetings.add_article"
    login_url = reverse_lazy("admin:login")


# The CSRF check reads the request body; it is made in post(), after the permission
# check, so that nobody can make the server read an upload they may not send.
@method_decorator(csrf_exempt, name="dispatch")
class IngestView(UploadPermissionMixin, FormView):
    """Saves the uploaded files and queues `ingest_upload_task`, then sends the browser
    to the upload's page."""

    form_class = ArticleUploadForm
    template_name = "meetings/ingest.html"

    def post(self, request, *args, **kwargs):
        try:
            request.FILES  # noqa: B018 - parsing is what may fail
        except TooManyFilesSent:
            form = self.form_class(data={}, files={})  # what the request held is not read
            form.errors["files"] = form.error_class(
                [
                    f"At most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files can be sent at "
                    "once; send the others in another upload."
                ]
            )
            return self.form_invalid(form)
        return csrf_protect(super().post)(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        runs = IngestRun.objects.filter(created_by=self.request.user)[:5]
        return super().get_context_data(recent_runs=runs, **kwargs)

    def form_valid(self, form):
        folder, names = save_uploads(files=form.cleaned_data["files"])
        run = IngestRun.objects.create(
            folder=str(folder), files=names, created_by=self.request.user
        )
        ingest_upload_task.enqueue(run_id=run.pk)
        return redirect(run)


class IngestRunView(UploadPermissionMixin, DetailView):
    """One upload: progress while it runs (the page reloads itself), then the counts,
    the sessions created or updated, and every file or line not ingested."""

    model = IngestRun
    template_name = "meetings/ingest_run.html"
    context_object_name = "run"

    def get_context_data(self, **kwargs):
        run = self.object
        return super().get_context_data(
            created=sessions_by_id(run.sessions_created),
            updated=sessions_by_id(run.sessions_updated),
            **kwargs,
        )


def sessions_by_id(ids: list[int]) -> dict:
    """The first MAX_LISTED_SESSIONS sessions of ``ids`` that still exist, and how many
    more there are."""
    listed = Session.objects.filter(pk__in=ids[:MAX_LISTED_SESSIONS]).select_related("series")
    return {
        "sessions": list(listed.order_by("series__name", "number", "pk")),
        "more": max(len(ids) - MAX_LISTED_SESSIONS, 0),
        "count": len(ids),
    }
