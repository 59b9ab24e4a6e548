"""The upload page: staff only, files checked, ingested by the background task."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from meetings.forms import ArticleUploadForm
from meetings.models import Article, IngestRun, Session

pytestmark = [
    pytest.mark.django_db,
    # WhiteNoise warns when STATIC_ROOT has not been collected; not what these test.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_84e76657bf6f95e9.txt"


@pytest.fixture
def staff_client(client, django_user_model):
    """A clerk allowed to add articles."""
    user = django_user_model.objects.create_user(
        username="clerk", password="a-long-test-password", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(user)
    return client


def upload_form(*files) -> ArticleUploadForm:
    return ArticleUploadForm(data={}, files={"files": list(files)})


def test_ingest_page_anonymous_is_sent_to_login(client):
    url = reverse("meetings:ingest")

    response = client.get(url)

    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('admin:login')}?next={url}",
    )


def test_ingest_page_non_staff_is_forbidden(client, django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="x-long-pass")
    client.force_login(user)

    response = client.post(
        reverse("meetings:ingest"), {"files": SimpleUploadedFile("a.txt", b"text")}
    )

    assert response.status_code == 403
    assert Article.objects.count() == 0


def test_ingest_page_form_labels_and_describes_the_file_field(staff_client, settings):
    settings.MEETINGS_MAX_ARTICLE_BYTES = 2 * 1024 * 1024

    response = staff_client.get(reverse("meetings:ingest"))

    page = response.content.decode()
    field = response.context["form"]["files"]
    assert page.count(f'<label for="{field.id_for_label}">Article files</label>') == 1
    assert field.help_text == (
        "One or more files of type .txt, .html, .htm, .xml, .rss, .atom, .jsonl; "
        "at most 2.0\xa0MB each. Feeds and JSON Lines files may hold many articles."
    )
    assert page.count(f'aria-describedby="{field.auto_id}_helptext"') == 1


def test_upload_form_accepts_several_files_of_allowed_types():
    form = upload_form(
        SimpleUploadedFile("a.txt", b"one"),
        SimpleUploadedFile("feed.RSS", b"<rss/>"),
        SimpleUploadedFile("dump.jsonl", b"{}"),
    )

    assert form.is_valid() is True
    assert [f.name for f in form.cleaned_data["files"]] == ["a.txt", "feed.RSS", "dump.jsonl"]


def test_upload_form_rejects_other_types_naming_the_file():
    form = upload_form(SimpleUploadedFile("a.txt", b"one"), SimpleUploadedFile("x.pdf", b"%"))

    assert form.is_valid() is False
    assert form.errors["files"] == ["x.pdf: files of type .pdf are not accepted."]


def test_upload_form_rejects_files_over_the_size_limit(settings):
    settings.MEETINGS_MAX_ARTICLE_BYTES = 10

    form = upload_form(SimpleUploadedFile("big.txt", b"x" * 11))

    assert form.is_valid() is False
    assert form.errors["files"] == ["big.txt: 11\xa0bytes is over the limit of 10\xa0bytes."]


def test_upload_form_without_files_is_refused():
    form = upload_form()

    assert form.is_valid() is False
    assert form.errors["files"] == ["This field is required."]


def test_ingest_page_staff_upload_of_bad_type_stores_nothing(staff_client):
    response = staff_client.post(
        reverse("meetings:ingest"), {"files": SimpleUploadedFile("notes.docx", b"x")}
    )

    assert response.context["form"].errors["files"] == [
        "notes.docx: files of type .docx are not accepted."
    ]
    assert Article.objects.count() == 0


def test_ingest_page_staff_without_the_add_article_permission_is_forbidden(
    client, django_user_model
):
    user = django_user_model.objects.create_user(
        username="intern", password="x-long-pass", is_staff=True
    )
    client.force_login(user)

    response = client.post(
        reverse("meetings:ingest"), {"files": SimpleUploadedFile("a.txt", b"text")}
    )

    assert response.status_code == 403
    assert (Article.objects.count(), IngestRun.objects.count()) == (0, 0)


def test_ingest_page_upload_leads_to_its_page_with_counts_and_session_links(
    staff_client, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    seed = SimpleUploadedFile(SEED.name, SEED.read_bytes(), content_type="text/plain")

    response = staff_client.post(reverse("meetings:ingest"), {"files": [seed]}, follow=True)

    run = IngestRun.objects.get()
    session = Session.objects.get(status="held")
    page = response.content.decode()
    assert response.redirect_chain == [(run.get_absolute_url(), 302)]
    assert (run.status, run.new, run.known, run.rejected) == ("finished", 1, 0, 0)
    assert Article.objects.get().source_name == SEED.name
    assert "<h1>Ingested 1 file</h1>" in page
    assert '<tr><th scope="row">New</th><td>1</td></tr>' in page
    assert '<tr><th scope="row">Sessions created</th><td>1</td></tr>' in page
    assert f'<a href="{session.get_absolute_url()}">{session}</a>' in page
    assert 'http-equiv="refresh"' not in page
    # Done, so the saved copies are gone.
    assert list(tmp_path.iterdir()) == []


def test_ingest_page_same_file_twice_is_known_and_lists_no_session(
    staff_client, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    url = reverse("meetings:ingest")
    staff_client.post(url, {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())]})

    response = staff_client.post(
        url, {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())]}, follow=True
    )

    second = IngestRun.objects.first()
    assert (second.new, second.known, second.sessions_created) == (0, 1, [])
    assert "Sessions created" not in response.content.decode().split("</table>")[1]
    assert Article.objects.count() == 1


def test_ingest_page_rejections_are_listed_by_file_name(staff_client, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    files = [
        SimpleUploadedFile("empty.txt", b"  "),
        SimpleUploadedFile("dump.jsonl", b'{"text": "Nothing happened."}\nnot json\n'),
    ]

    response = staff_client.post(reverse("meetings:ingest"), {"files": files}, follow=True)

    page = response.content.decode()
    assert "Rejected: <code>empty.txt</code>: empty file" in page
    assert "Rejected: <code>dump.jsonl:2</code>: not JSON: Expecting value" in page
    assert '<tr><th scope="row">Rejected</th><td>2</td></tr>' in page


# The worker closes the database connection when done, as a separate process would.
@pytest.mark.django_db(transaction=True)
def test_ingest_page_with_the_queue_shows_progress_until_a_worker_ran_it(
    staff_client, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    queued = staff_client.post(
        reverse("meetings:ingest"),
        {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())]},
        follow=True,
    )
    (folder,) = tmp_path.iterdir()
    waiting = ([path.name for path in folder.iterdir()], Article.objects.count())
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    done = staff_client.get(IngestRun.objects.get().get_absolute_url())

    assert waiting == ([SEED.name], 0)
    assert folder.exists() is False
    page = queued.content.decode()
    assert "<h1>Queued: 1 file</h1>" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "<h1>Ingested 1 file</h1>" in done.content.decode()
    assert Article.objects.count() == 1


def test_ingest_run_page_while_running_shows_the_counts_so_far(staff_client):
    run = IngestRun.objects.create(
        folder="/nonexistent",
        files=["a.jsonl", "b.jsonl"],
        status=IngestRun.Status.RUNNING,
        files_done=1,
        new=40,
        known=2,
    )

    response = staff_client.get(run.get_absolute_url())

    page = response.content.decode()
    assert "File 2 of 2; 42 articles so far." in page
    assert '<meta http-equiv="refresh" content="2">' in page


def test_ingest_page_too_many_files_is_a_form_error(staff_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    files = [SimpleUploadedFile(f"{n}.txt", b"x") for n in range(4)]

    response = staff_client.post(reverse("meetings:ingest"), {"files": files})

    assert response.status_code == 200
    assert response.context["form"].errors["files"] == [
        "At most 3 files can be sent at once; send the others in another upload."
    ]
    assert IngestRun.objects.count() == 0
