"""Two ingest processes on the same folder, at the same time, against PostgreSQL."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from meetings.models import Article, Delegation, Official, Series, Session

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "eval" / "dev"


def article_folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for path in [*ROOT.glob("seeds/*.txt"), *sorted(DEV.glob("*.txt"))]:
        shutil.copy(path, folder / path.name)
    return folder


def ingest_processes(folder, count):
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    url = (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url}
    command = [sys.executable, "manage.py", "ingest", "--no-progress", str(folder)]
    processes = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(count)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    return [(code, out.decode(), err.decode()) for code, out, err in results]


def record():
    """What must not depend on how many processes ingested: counts and the grouping."""
    return {
        "articles": Article.objects.count(),
        "groups": Series.objects.count(),
        "sessions": Session.objects.count(),
        "officials": Official.objects.count(),
        "delegations": Delegation.objects.count(),
        "grouping": sorted(
            (
                s.series.natural_key,
                s.number or 0,
                s.status,
                tuple(sorted(s.articles.values_list("source_name", flat=True))),
            )
            for s in Session.objects.select_related("series")
        ),
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrency_two_ingests_of_one_folder_create_no_duplicates(on_postgres, tmp_path):
    folder = article_folder(tmp_path)
    (one,) = ingest_processes(folder, 1)
    assert one[0] == 0, one[2]
    alone = record()
    call_command("flush", interactive=False, verbosity=0)

    results = ingest_processes(folder, 2)

    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert all("Traceback" not in err for _, _, err in results)
    assert record() == alone
    assert alone["groups"] >= 1 and alone["officials"] >= 2
