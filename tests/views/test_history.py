"""History pages: every change with old and new values, who or what made it; pages of
merged-away rows answer 301 with the kept row's page."""

import pytest
from django.contrib.auth import get_user_model

from meetings.ingestion.merge import merge_officials, merge_series, undo_merge
from meetings.models import Merge, Official, Series, Session
from tests.ingestion.conftest import meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def test_history_shows_an_admin_edit_with_old_and_new_values(client, editor, ingest_records):
    ingest_records(meeting("d12.txt", number=8, start="2019-11-12", city="Lahore"))
    session = Session.objects.get()
    form = client.get(f"/admin/meetings/session/{session.pk}/change/").context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "series": session.series_id,
            "city": "Islamabad",
            "start_date": "2019-11-12",
            "manual_fields": [],
            "delegations-TOTAL_FORMS": 0,
            "delegations-INITIAL_FORMS": 0,
            "evidence-TOTAL_FORMS": 0,
            "evidence-INITIAL_FORMS": 0,
        }
    )
    response = client.post(f"/admin/meetings/session/{session.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].errors

    page = client.get(f"/sessions/{session.pk}/history/")

    entries = page.context["entries"]
    assert [(c.label, c.old, c.new) for c in entries[0].changes][:1] == [
        ("City", "Lahore", "Islamabad")
    ]
    assert entries[0].by == "editor"
    assert (entries[-1].action, entries[-1].reason) == ("Created", "from article d12.txt")
    assert "Lahore</del> → <ins>Islamabad" in page.content.decode()


def test_history_links_from_the_public_pages(client, ingest_records):
    ingest_records(meeting("a.txt", number=8, delegations=[("PAK", "Ahmad Farooq", "")]))
    session, series, official = Session.objects.get(), Series.objects.get(), Official.objects.get()

    for page, history in [
        (f"/sessions/{session.pk}/", f"/sessions/{session.pk}/history/"),
        (f"/series/{series.slug}/", f"/series/{series.slug}/history/"),
        (f"/officials/{official.pk}/", f"/officials/{official.pk}/history/"),
    ]:
        assert f'href="{history}"' in client.get(page).content.decode()
        assert client.get(history).context["entries"][-1].action == "Created"


def test_merged_away_pages_redirect_to_the_kept_row(client, ingest_records):
    ingest_records(
        meeting("a.txt", number=7, delegations=[("PAK", "Ahmad Farooq", "")]),
        meeting(
            "b.txt",
            name="Pakistan-Russia Strategic Dialogue",
            kind="dialogue",
            topic=None,
            number=1,
            delegations=[("PAK", "Babar Amin", "")],
        ),
    )
    keep, remove = Series.objects.order_by("pk")
    farooq, amin = Official.objects.order_by("pk")
    removed_slug, removed_official = remove.slug, amin.pk

    merge_series(keep=keep, remove=remove)
    merge_officials(keep=farooq, remove=amin)

    series_page = client.get(f"/series/{removed_slug}/")
    official_page = client.get(f"/officials/{removed_official}/")
    assert (series_page.status_code, series_page["Location"]) == (301, f"/series/{keep.slug}/")
    assert (official_page.status_code, official_page["Location"]) == (
        301,
        f"/officials/{farooq.pk}/",
    )
    assert client.get("/series/never-was/").status_code == 404

    # The official merge changed the merged series' delegations: it is undone first.
    undo_merge(Merge.objects.get(kind="official"))
    undo_merge(Merge.objects.get(kind="series"))
    assert client.get(f"/series/{removed_slug}/").status_code == 200
