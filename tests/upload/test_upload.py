"""The upload page: staff only, files checked, ingested by the background task."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.forms import ArticleUploadForm
from meetings.models import Article

pytestmark = [
    pytest.mark.django_db,
    # WhiteNoise warns when STATIC_ROOT has not been collected; not what these test.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_84e76657bf6f95e9.txt"


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="clerk", password="a-long-test-password", is_staff=True
    )
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


def test_ingest_page_staff_upload_of_txt_ingests_it(staff_client, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    seed = SimpleUploadedFile(SEED.name, SEED.read_bytes(), content_type="text/plain")

    response = staff_client.post(reverse("meetings:ingest"), {"files": [seed]})

    article = Article.objects.get()
    summary = dict(response.context["summary"]["counts"])
    assert (article.source_name, article.outcome) == (SEED.name, "meeting")
    assert response.context["sessions"] == [article.session]
    assert f'<a href="{article.session.get_absolute_url()}">' in response.content.decode()
    assert (summary["New"], summary["Known"], summary["Rejected"]) == (1, 0, 0)
    # Run at once, so the saved copies are gone.
    assert list(tmp_path.iterdir()) == []


def test_ingest_page_staff_upload_of_same_file_twice_is_known(staff_client, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    url = reverse("meetings:ingest")
    staff_client.post(url, {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())]})

    response = staff_client.post(url, {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())]})

    summary = dict(response.context["summary"]["counts"])
    assert (summary["New"], summary["Known"], response.context["sessions"]) == (0, 1, [])
    assert Article.objects.count() == 1


def test_ingest_page_with_queued_backend_shows_task_and_keeps_files(
    staff_client, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    response = staff_client.post(
        reverse("meetings:ingest"),
        {"files": [SimpleUploadedFile(SEED.name, SEED.read_bytes())]},
    )

    result = response.context["result"]
    (folder,) = tmp_path.iterdir()
    assert (result.status, response.context["summary"]) == ("READY", None)
    assert response.content.decode().count(f"<code>{result.id}</code>") == 1
    assert [path.name for path in folder.iterdir()] == [SEED.name]
    assert Article.objects.count() == 0
