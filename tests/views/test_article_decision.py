"""The article page says why the extractor did or did not read a session report."""

import pytest

from meetings.ingestion.store import ingest_paths
from meetings.models import Article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def ingest_text(tmp_path, name: str, text: str) -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ingest_paths([str(path)])
    return Article.objects.get(source_name=name)


def test_article_page_says_an_announcement_is_not_a_meeting(client, tmp_path):
    article = ingest_text(
        tmp_path,
        "plan.txt",
        " date 2023-11-15 Wire\nTalks ahead\n\nGhana and Togo will hold the 6th session of "
        "their Joint Commission in Lome next month.\n",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert article.outcome == Article.Outcome.NOT_MEETING
    assert "Not a meeting: announces a session to come (Joint Commission)" in html


def test_article_page_shows_the_cues_of_a_session_report(client, tmp_path):
    article = ingest_text(
        tmp_path,
        "held.txt",
        " date 2023-11-15 Wire\nTalks held\n\nThe 5th session of the Ghana-Togo Joint "
        "Commission was held in Accra on Monday.\n",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert article.reason == (
        "mechanism: Ghana-Togo Joint Commission; ordinal: 5; in the lead; event verb: held"
    )
    assert "read as a session report from: mechanism: Ghana-Togo Joint Commission" in html
