"""Data entry through the admin pages, as an editor would do it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Delegation, Series, Session
from tests.admin.post_data import management_form, session_form
from tests.factories import (
    CountryFactory,
    DelegationFactory,
    EvidenceFactory,
    OfficialFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.django_db,
    # WhiteNoise warns when STATIC_ROOT has not been collected; not what these test.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def pakistan():
    return CountryFactory(alpha3="PAK", alpha2="PK", name="Pakistan")


@pytest.fixture
def russia():
    return CountryFactory(alpha3="RUS", alpha2="RU", name="Russia")


def test_admin_add_pages_create_session_with_delegation(client, editor, pakistan, russia):
    farooq = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    tarabrin = OfficialFactory(name="Vladimir Tarabrin", country=russia)

    login = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-test-password", "next": "/admin/"},
    )
    group_response = client.post(
        reverse("admin:meetings_series_add"),
        {
            "name": "Russia-Pakistan Joint Working Group on Counter-terrorism",
            "slug": "russia-pakistan-jwg-ct",
            "kind": "joint-working-group",
            "topic": "counter-terrorism",
            "parties": ["PAK", "RUS"],
            **management_form("sessions"),
        },
    )
    group = Series.objects.get()
    session_response = client.post(
        reverse("admin:meetings_session_add"),
        {
            "series": str(group.pk),
            "number": "8",
            "status": "held",
            "start_date": "2019-11-12",
            "start_precision": "day",
            "end_date": "",
            "city": "Moscow",
            "country": "RUS",
            **management_form("delegations", total=2),
            "delegations-0-country": "PAK",
            "delegations-0-head": str(farooq.pk),
            "delegations-0-head_title": "Director General Counter Terrorism",
            "delegations-1-country": "RUS",
            "delegations-1-head": str(tarabrin.pk),
            "delegations-1-head_title": "Deputy Director",
            "delegations-1-members": [str(farooq.pk)],
        },
    )

    assert (login.status_code, login["Location"]) == (302, "/admin/")
    assert (group_response.status_code, group_response["Location"]) == (
        302,
        reverse("admin:meetings_series_changelist"),
    )
    assert (session_response.status_code, session_response["Location"]) == (
        302,
        reverse("admin:meetings_session_changelist"),
    )
    assert (group.name, group.kind, group.topic) == (
        "Russia-Pakistan Joint Working Group on Counter-terrorism",
        "joint-working-group",
        "counter-terrorism",
    )
    assert sorted(group.parties.values_list("alpha3", flat=True)) == ["PAK", "RUS"]
    session = Session.objects.get()
    assert (
        session.series,
        session.number,
        session.start_date,
        session.city,
        session.country_id,
        session.status,
    ) == (group, 8, datetime.date(2019, 11, 12), "Moscow", "RUS", "held")
    assert list(
        Delegation.objects.filter(session=session)
        .order_by("country")
        .values_list("country", "head__name", "head_title")
    ) == [
        ("PAK", "Ahmad Farooq", "Director General Counter Terrorism"),
        ("RUS", "Vladimir Tarabrin", "Deputy Director"),
    ]
    assert list(session.delegations.get(country="RUS").members.all()) == [farooq]
    # Entered by hand: ingestion must leave these alone.
    assert session.manual_fields == [
        "number",
        "start_date",
        "city",
        "country",
        "delegation.PAK.head",
        "delegation.RUS.head",
    ]


def test_admin_add_delegation_without_party_is_refused(editor_client):
    group = SeriesFactory()

    response = editor_client.post(
        reverse("admin:meetings_session_add"),
        {
            "series": str(group.pk),
            "number": "1",
            "status": "held",
            "start_precision": "day",
            **management_form("delegations", total=1),
            "delegations-0-head_title": "Ambassador",
        },
    )

    assert response.status_code == 200
    assert list(response.context["errors"]) == [["Give either a country or an organisation."]]
    assert Session.objects.count() == 0


def test_session_admin_edit_records_changed_fact_fields(editor_client):
    session = SessionFactory(city="Geneva", manual_fields=[])

    response = editor_client.post(
        reverse("admin:meetings_session_change", args=[session.pk]),
        session_form(session, city="Vienna", status="planned"),
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert (session.city, session.status) == ("Vienna", "planned")
    assert session.manual_fields == ["city", "status"]


def test_session_admin_edit_keeps_earlier_manual_fields(editor_client):
    session = SessionFactory(manual_fields=["city"])

    editor_client.post(
        reverse("admin:meetings_session_change", args=[session.pk]),
        session_form(session, number="42"),
    )

    session.refresh_from_db()
    assert (session.number, session.manual_fields) == (42, ["number", "city"])


def test_session_admin_unticking_a_manual_field_hands_it_back(editor_client):
    session = SessionFactory(manual_fields=["city", "number"])

    editor_client.post(
        reverse("admin:meetings_session_change", args=[session.pk]),
        session_form(session, manual_fields=["number"]),
    )

    session.refresh_from_db()
    assert session.manual_fields == ["number"]


def test_session_admin_unchanged_save_records_nothing(editor_client):
    session = SessionFactory(manual_fields=[])
    EvidenceFactory(session=session, article__session=session)

    response = editor_client.post(
        reverse("admin:meetings_session_change", args=[session.pk]),
        session_form(session),
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert session.manual_fields == []


def test_series_inline_session_edit_records_manual_fields(editor_client):
    group = SeriesFactory(slug="jwg")
    session = SessionFactory(series=group, number=3, city="Geneva")

    response = editor_client.post(
        reverse("admin:meetings_series_change", args=[group.pk]),
        {
            "name": group.name,
            "slug": group.slug,
            "kind": group.kind,
            "topic": group.topic,
            **management_form("sessions", total=1, initial=1),
            "sessions-0-id": str(session.pk),
            "sessions-0-series": str(group.pk),
            "sessions-0-number": "3",
            "sessions-0-start_date": session.start_date.isoformat(),
            "sessions-0-start_precision": "month",
            "sessions-0-city": "Geneva",
            "sessions-0-status": "held",
        },
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert (session.start_precision, session.manual_fields) == ("month", ["start_precision"])


def test_session_change_page_shows_evidence_sentence_and_article_links(editor_client):
    session = SessionFactory()
    evidence = EvidenceFactory(
        session=session,
        article__session=session,
        article__text="Intro. The eighth meeting was held in Moscow. Outro.",
        fact="session.city",
        value="Moscow",
        start=7,
        end=45,
    )

    response = editor_client.get(reverse("admin:meetings_session_change", args=[session.pk]))

    page = response.content.decode()
    article_admin = reverse("admin:meetings_article_change", args=[evidence.article_id])
    article_public = reverse("meetings:article", args=[evidence.article_id])
    assert evidence.sentence == "The eighth meeting was held in Moscow."
    assert page.count("The eighth meeting was held in Moscow.") == 1
    assert page.count(f'href="{article_admin}"') == 1
    assert page.count(f'href="{article_public}"') == 1


def test_article_change_page_shows_text_read_only(editor_client):
    evidence = EvidenceFactory(article__text="A sentence. Another one.", start=0, end=11)

    response = editor_client.get(
        reverse("admin:meetings_article_change", args=[evidence.article_id])
    )

    form = response.context["adminform"].form
    assert "text" not in form.fields
    assert "report" not in form.fields
    assert response.content.decode().count("A sentence.") == 2  # the text and the evidence


def test_article_changelist_links_to_upload_page(editor_client):
    response = editor_client.get(reverse("admin:meetings_article_changelist"))

    assert response.content.decode().count(f'href="{reverse("meetings:ingest")}"') == 1


def test_session_autocomplete_finds_country_by_name(editor_client, pakistan, russia):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "meetings", "model_name": "session", "field_name": "country", "term": "Pak"},
    )

    assert response.json()["results"] == [{"id": "PAK", "text": "Pakistan"}]


def add_session_with_sources():
    session = SessionFactory()
    DelegationFactory(session=session)
    EvidenceFactory(session=session, article__session=session)


@pytest.mark.parametrize("model_name", ["series", "session", "official", "article", "evidence"])
def test_changelist_query_count_same_with_one_and_three_rows(editor_client, model_name):
    url = reverse(f"admin:meetings_{model_name}_changelist")
    add_session_with_sources()
    with CaptureQueriesContext(connection) as one:
        editor_client.get(url)
    add_session_with_sources()
    add_session_with_sources()

    with CaptureQueriesContext(connection) as three:
        response = editor_client.get(url)

    assert response.context["cl"].result_count == 3
    assert len(three) == len(one)


def test_changelist_search_finds_rows_by_other_name(editor_client):
    group = SeriesFactory(name="India-Japan Dialogue", other_names=["Indo-Japanese Talks"])
    session = SessionFactory(series=group)
    official = OfficialFactory(name="Taro Yamada", other_names=["T. Yamada-san"])
    SeriesFactory(name="Another Dialogue")
    SessionFactory()
    OfficialFactory(name="Someone Else")

    found = {
        model_name: list(
            editor_client.get(reverse(f"admin:meetings_{model_name}_changelist"), {"q": term})
            .context["cl"]
            .result_list
        )
        for model_name, term in [
            ("series", "indo-japanese"),
            ("session", "Indo-Japanese"),
            ("official", "yamada-SAN"),
        ]
    }

    assert found == {"series": [group], "session": [session], "official": [official]}


def test_session_admin_delegation_head_change_records_manual_fact(editor_client):
    session = SessionFactory(manual_fields=["city"])
    delegation = DelegationFactory(session=session)
    new_head = OfficialFactory(country=delegation.country)

    response = editor_client.post(
        reverse("admin:meetings_session_change", args=[session.pk]),
        session_form(
            session,
            **management_form("delegations", total=1, initial=1),
            **{
                "delegations-0-id": str(delegation.pk),
                "delegations-0-session": str(session.pk),
                "delegations-0-country": delegation.country_id,
                "delegations-0-head": str(new_head.pk),
                "delegations-0-head_title": delegation.head_title,
            },
        ),
    )

    session.refresh_from_db()
    delegation.refresh_from_db()
    assert response.status_code == 302
    assert delegation.head == new_head
    assert session.manual_fields == ["city", f"delegation.{delegation.country_id}.head"]


def test_session_admin_save_keeps_delegation_manual_facts(editor_client):
    session = SessionFactory(manual_fields=["delegation.PAK.head"])

    page = editor_client.get(reverse("admin:meetings_session_change", args=[session.pk]))
    editor_client.post(
        reverse("admin:meetings_session_change", args=[session.pk]),
        session_form(session, city="Vienna"),
    )

    session.refresh_from_db()
    choices = dict(page.context["adminform"].form.fields["manual_fields"].choices)
    assert choices["delegation.PAK.head"] == "Head of the PAK delegation"
    assert session.manual_fields == ["city", "delegation.PAK.head"]


def test_admin_is_branded_and_edits_other_names_one_a_line(editor_client):
    page = editor_client.get(reverse("admin:meetings_series_add")).content.decode()

    editor_client.post(
        reverse("admin:meetings_series_add"),
        {
            "name": "India-Japan Dialogue",
            "slug": "india-japan-dialogue",
            "kind": "dialogue",
            "other_names": "Indo-Japanese Talks\n\n  Japan-India Dialogue \nIndo-Japanese Talks",
            **management_form("sessions"),
        },
    )

    assert ("Diplomatic Meeting Tracker" in page, '<textarea name="other_names"' in page) == (
        True,
        True,
    )
    assert Series.objects.get().other_names == ["Indo-Japanese Talks", "Japan-India Dialogue"]
