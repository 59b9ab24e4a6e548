"""The review queue: what enters it, and what each decision does to the record."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from meetings.models import Article, Evidence, Official, ReviewItem, Series, Session
from tests.factories import SeriesFactory, SessionFactory
from tests.ingestion.conftest import meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(client):
    user = get_user_model().objects.create_user("reviewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="review"))
    client.force_login(user)
    return user


def decide(client, item, action, value=""):
    return client.post(f"/review/{item.pk}/{action}/", {"value": value})


def open_items(kind=None):
    items = ReviewItem.objects.open()
    return list(items.filter(kind=kind) if kind else items)


def test_review_unsupported_fact_enters_and_accept_confirms_it(client, reviewer, ingest_records):
    ingest_records(meeting("a.txt", number=8, city="Moscow"))
    city = ReviewItem.objects.get(kind="fact", fact="city")

    page = client.get("/review/")
    decide(client, city, "accept")

    assert (city.value, city.reason) == ("Moscow", "no sentence of the article states it")
    assert city in page.context["object_list"]
    city.refresh_from_db()
    session = Session.objects.get()
    assert (city.status, city.resolved_by, session.confirmed_fields) == (
        "accepted",
        reviewer,
        ["city"],
    )
    assert "✓ confirmed" in client.get(session.get_absolute_url()).content.decode()


def test_review_supported_fact_stays_out(tmp_path, ingest_records):
    from meetings.extraction import Evidence as EvidenceReport
    from meetings.ingestion import ingest_paths
    from tests.ingestion.gold import ContractExtractor, report_from_contract

    text = "The 8th meeting was held in Moscow."
    record = meeting("a.txt", number=8, city="Moscow")

    class WithEvidence(ContractExtractor):
        def __call__(self, text, **kwargs):
            report = report_from_contract(record)
            cited = (
                EvidenceReport("session.number", "8", 0, len(text)),
                EvidenceReport("session.city", "Moscow", 0, len(text)),
            )
            return type(report)(**{**report.__dict__, "evidence": cited})

    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    ingest_paths([tmp_path / "a.txt"], extractor=WithEvidence({}))

    assert open_items() == []


def test_review_correct_makes_a_hand_correction_in_the_history(client, reviewer, ingest_records):
    ingest_records(meeting("a.txt", number=8, city="Lahore"))
    city = ReviewItem.objects.get(fact="city")

    decide(client, city, "correct", "Islamabad")

    session = Session.objects.get()
    assert (session.city, session.manual_fields) == ("Islamabad", ["city"])
    change = client.get(f"/sessions/{session.pk}/history/").context["entries"][0]
    assert (change.reason, change.by, change.changes[0].old, change.changes[0].new) == (
        "review: correct",
        "reviewer",
        "Lahore",
        "Islamabad",
    )


def test_review_reject_removes_the_fact_and_keeps_the_article(client, reviewer, ingest_records):
    ingest_records(meeting("a.txt", number=8, city="Lahore"))

    decide(client, ReviewItem.objects.get(fact="city"), "reject")
    ingest_records(meeting("b.txt", number=8, city="Lahore"))

    session = Session.objects.get()
    assert (session.city, Article.objects.count()) == ("", 2)  # not filled in again


def test_review_conflict_is_resolved_by_choosing_a_value(client, reviewer, ingest_records):
    ingest_records(
        meeting("a.txt", number=8, city="Moscow"), meeting("b.txt", number=8, city="Kazan")
    )
    conflict = ReviewItem.objects.get(kind="conflict")

    page = client.get("/review/?kind=conflict")
    decide(client, conflict, "correct", "Kazan")

    item = page.context["object_list"][0]
    assert dict(item.competing) == {"Moscow": ["a.txt"], "Kazan": ["b.txt"]}
    session = Session.objects.get()
    assert (session.city, session.conflicts, session.manual_fields) == ("Kazan", [], ["city"])


def test_review_official_matched_by_a_similar_name_can_be_split(client, reviewer, ingest_records):
    ingest_records(
        meeting("a.txt", number=8, delegations=[("PAK", "Ahmad Farooq", "")]),
        meeting("b.txt", number=9, delegations=[("PAK", "Mr. Ahmed Farooq", "")]),
    )
    item = ReviewItem.objects.get(kind="official")

    decide(client, item, "split")

    assert item.value == "Mr. Ahmed Farooq"
    second = Session.objects.get(number=9).delegations.get()
    assert second.head.name == "Mr. Ahmed Farooq"
    assert Official.objects.get(name="Ahmad Farooq").other_names == []


def test_review_series_matched_by_name_kept_or_split(client, reviewer, ingest_records):
    dialogue = {"parties": ("CHN", "PAK"), "topic": None}
    ingest_records(
        meeting(
            "a.txt",
            name="China-Pakistan Foreign Ministers' Strategic Dialogue",
            kind="ministerial",
            number=2,
            **dialogue,
        ),
        meeting("b.txt", name="Pakistan-China Strategic Dialogue", kind="dialogue", **dialogue),
        meeting("c.txt", name="China-Pakistan Strategic Dialogue", kind="other", **dialogue),
    )
    first, second = ReviewItem.objects.filter(kind="series").order_by("pk")

    decide(client, first, "accept")
    decide(client, second, "split")

    assert (first.article.source_name, second.article.source_name) == ("b.txt", "c.txt")
    assert sorted(Series.objects.values_list("name", "other_names")) == [
        (
            "China-Pakistan Foreign Ministers' Strategic Dialogue",
            ["Pakistan-China Strategic Dialogue"],
        ),
        ("China-Pakistan Strategic Dialogue", []),
    ]
    moved = Article.objects.get(source_name="c.txt").session
    assert moved.series.name == "China-Pakistan Strategic Dialogue"


def test_review_stale_plan_enters_and_is_marked_on_pages(client, reviewer):
    series = SeriesFactory()
    plan = SessionFactory(
        series=series, status="planned", start_date=datetime.date(2020, 3, 1), number=4
    )

    client.get("/review/")

    item = ReviewItem.objects.get(kind="stale")
    assert (item.session, item.reason) == (plan, "unconfirmed, date passed")
    for url in (plan.get_absolute_url(), series.get_absolute_url(), "/sessions/"):
        assert "Unconfirmed, date passed" in client.get(url).content.decode()
    decide(client, item, "reject")
    assert not Session.objects.filter(pk=plan.pk).exists()


def test_review_queue_filters_and_counts(client, reviewer, ingest_records):
    ingest_records(
        meeting("a.txt", number=8, city="Moscow"),
        meeting(
            "b.txt",
            name="China-India Strategic Dialogue",
            parties=("CHN", "IND"),
            kind="dialogue",
            topic=None,
            number=2,
            city="Delhi",
        ),
    )

    by_country = client.get("/review/?country=IND").context["object_list"]
    by_series = client.get("/review/?series=china-india-strategic-dialogue").context
    nav = client.get("/").context["review_counts"]

    assert {i.article.source_name for i in by_country} == {"b.txt"}
    assert {i.article.source_name for i in by_series["object_list"]} == {"b.txt"}
    assert nav["all"] == ReviewItem.objects.open().count() == 4
    assert nav["fact"] == 4


def test_review_needs_the_permission(client, ingest_records):
    assert client.get("/review/").status_code == 302  # to the login page
    client.force_login(get_user_model().objects.create_user("someone", is_staff=True))
    assert client.get("/review/").status_code == 403
    assert "review_counts" not in client.get("/").context


def test_review_ingesting_again_adds_no_item(ingest_records):
    ingest_records(meeting("a.txt", number=8, city="Moscow"))
    before = ReviewItem.objects.count()

    ingest_records(meeting("a.txt", number=8, city="Moscow"))

    assert ReviewItem.objects.count() == before == 2
    assert Evidence.objects.count() == 0


def test_review_new_series_beside_one_of_the_same_sides(client, reviewer, ingest_records):
    ingest_records(
        meeting("ct.txt", number=8),
        meeting("sd.txt", name="Pakistan-Russia Strategic Dialogue", kind="dialogue", topic=None),
    )
    item = ReviewItem.objects.get(kind="series")

    decide(client, item, "accept")

    assert (item.article.source_name, item.fact) == ("sd.txt", "new")
    assert item.reason == (
        "a new series beside Pakistan-Russia Joint Working Group on Counter-Terrorism "
        "of the same sides"
    )
    assert (ReviewItem.objects.get(pk=item.pk).status, Series.objects.count()) == ("accepted", 2)


def test_review_correction_the_record_refuses_changes_nothing(client, reviewer, ingest_records):
    ingest_records(meeting("a.txt", number=8, city="Moscow"), meeting("b.txt", number=9))
    number = ReviewItem.objects.get(fact="number", article__source_name="b.txt")

    response = decide(client, number, "correct", "8")

    assert response.status_code == 302
    assert sorted(Session.objects.values_list("number", flat=True)) == [8, 9]
    assert ReviewItem.objects.get(pk=number.pk).status == "open"


def test_review_accepting_a_conflict_keeps_the_stored_value(client, reviewer, ingest_records):
    ingest_records(
        meeting("a.txt", number=8, city="Moscow"), meeting("b.txt", number=8, city="Kazan")
    )

    decide(client, ReviewItem.objects.get(kind="conflict"), "accept")

    session = Session.objects.get()
    assert (session.city, session.conflicts, session.manual_fields) == ("Moscow", [], ["city"])
