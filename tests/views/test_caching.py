"""Cached pages for many readers, never stale: every committed write (an ingest, an
edit in the admin, a merge) bumps the data version the cache is keyed on, and
conditional GET answers 304 only while nothing changed."""

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.cache import data_version
from meetings.ingestion import ingest_paths
from tests.factories import CountryFactory, SeriesFactory, SessionFactory
from tests.ingestion.conftest import meeting
from tests.ingestion.gold import ContractExtractor

# Writes must commit for the version to move, as they do outside tests.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def test_repeated_page_is_served_from_the_cache_with_one_query():
    SessionFactory(series=SeriesFactory(name="Alpha Joint Commission"))
    url = reverse("meetings:series_list")

    first, first_queries = queries_for(Client(), url)
    again, again_queries = queries_for(Client(), url)

    assert again.content == first.content
    assert (first_queries > 1, again_queries) == (True, 1)
    assert again["ETag"] == first["ETag"]


def test_htmx_fragment_and_full_page_are_cached_apart(client):
    SessionFactory(series=SeriesFactory(name="Alpha Joint Commission"))
    url = reverse("meetings:series_list")

    full = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    full_again = client.get(url)

    assert b"<html" in full.content
    assert b"<html" not in fragment.content
    assert full_again.content == full.content


def test_page_is_fresh_after_an_ingest(client, tmp_path):
    url = reverse("meetings:series_list")
    before = client.get(url).content.decode()
    record = meeting("a.txt", name="Pakistan-Russia Joint Working Group on Counter-Terrorism")
    (tmp_path / "a.txt").write_text("Article a.\n", encoding="utf-8")

    ingest_paths([tmp_path / "a.txt"], extractor=ContractExtractor({"a.txt": record}))
    after = client.get(url).content.decode()

    assert "Pakistan-Russia Joint Working Group" not in before
    assert "Pakistan-Russia Joint Working Group" in after


def test_page_is_fresh_after_an_edit_in_the_admin(client, admin_client):
    country = CountryFactory(alpha3="PAK", alpha2="PK", name="Pakistan")
    series = SeriesFactory(name="Alpha Joint Commission", parties=[country])
    SessionFactory(series=series)
    url = series.get_absolute_url()
    before = client.get(url).content.decode()

    saved = admin_client.post(
        reverse("admin:meetings_country_change", args=["PAK"]),
        {
            "alpha3": "PAK",
            "alpha2": "PK",
            "name": "Islamic Republic of Pakistan",
            "other_names": "[]",
        },
    )
    after = client.get(url).content.decode()

    assert saved.status_code == 302
    assert ("Islamic Republic of Pakistan" in before, "Islamic Republic of Pakistan" in after) == (
        False,
        True,
    )


def test_conditional_get_answers_304_until_the_data_changes(client):
    series = SeriesFactory(name="Alpha Joint Commission")
    SessionFactory(series=series)
    url = reverse("meetings:series_list")
    first = client.get(url)

    unchanged = client.get(url, headers={"If-None-Match": first["ETag"]})
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    series.name = "Beta Joint Commission"
    series.save()
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert since.status_code == 304
    assert changed.status_code == 200
    assert "Beta Joint Commission" in changed.content.decode()


def test_signed_in_pages_and_the_upload_page_are_not_cached(admin_client):
    url = reverse("meetings:series_list")
    admin_client.get(url)
    SeriesFactory(name="Gamma Joint Commission")

    _response, queries = queries_for(admin_client, url)

    assert queries > 1


def test_rolled_back_write_leaves_the_version_and_a_later_write_still_bumps_it(client):
    from django.db import transaction

    start = data_version()[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        SeriesFactory(name="Never Joint Commission")
        raise RuntimeError
    after_rollback = data_version()[0]
    SeriesFactory(name="Delta Joint Commission")

    assert (after_rollback, data_version()[0]) == (start, start + 1)


def test_timeline_fragment_is_cached_for_signed_in_readers_and_redrawn_after_a_write(
    admin_client,
):
    series = SeriesFactory(name="Alpha Joint Commission")
    SessionFactory(series=series, number=1, start_date=datetime.date(2019, 3, 1))
    url = series.get_absolute_url()
    admin_client.get(url)

    _again, queries_again = queries_for(admin_client, url)
    SessionFactory(series=series, number=2, start_date=datetime.date(2020, 3, 1))
    after = admin_client.get(url)

    assert cache.get(f"fragment:{data_version()[0] - 1}:timeline:{series.pk}") is not None
    assert str(after.context["timeline_svg"]).count('class="tl-mark') == 2
    assert queries_again > 0


def test_page_is_fresh_after_an_ingest_by_another_process(on_postgres, client, tmp_path):
    url = reverse("meetings:series_list")
    before = client.get(url).content.decode()
    seed = next((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    shutil.copy(seed, tmp_path / "seed.txt")
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        f"/{database['NAME']}",
    }

    subprocess.run(
        [sys.executable, "manage.py", "ingest", "--no-progress", str(tmp_path)],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    after = client.get(url).content.decode()

    name = "Russia-Pakistan Joint Working Group on Counter-terrorism"
    assert (name in before, name in after) == (False, True)
