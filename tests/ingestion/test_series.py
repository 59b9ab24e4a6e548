import pytest

from meetings.models import Country, Series
from tests.ingestion.conftest import meeting

pytestmark = pytest.mark.django_db


def series_of_sources():
    return {
        article.source_name: group.name
        for group in Series.objects.prefetch_related("sessions__articles")
        for session in group.sessions.all()
        for article in session.articles.all()
    }


def test_series_party_order_and_abbreviations_give_one_group(ingest_records):
    ingest_records(
        meeting("a.txt", name="Pakistan-Russia Joint Working Group on Counter-Terrorism", number=7),
        meeting("b.txt", name="Russia-Pakistan JWG on CT", number=8),
        meeting("c.txt", name="Russian-Pakistani Working Group on Countering Terrorism", number=9),
    )

    group = Series.objects.get()
    assert group.name == "Pakistan-Russia Joint Working Group on Counter-Terrorism"
    assert group.other_names == [
        "Russia-Pakistan JWG on CT",
        "Russian-Pakistani Working Group on Countering Terrorism",
    ]
    assert sorted(group.parties.values_list("alpha3", flat=True)) == ["PAK", "RUS"]
    assert (group.kind, group.topic) == ("joint-working-group", "counter-terrorism")


def test_series_kind_disagreement_with_same_subject_is_one_group(ingest_records):
    ingest_records(
        meeting(
            "a.txt",
            name="China-Pakistan Foreign Ministers' Strategic Dialogue",
            parties=("CHN", "PAK"),
            kind="ministerial",
            topic=None,
            number=2,
        ),
        meeting(
            "b.txt",
            name="Pakistan-China Strategic Dialogue",
            parties=("CHN", "PAK"),
            kind="dialogue",
            topic=None,
            number=3,
        ),
    )

    assert Series.objects.count() == 1


def test_series_topic_disagreement_without_shared_session_stays_apart(ingest_records):
    ingest_records(
        meeting("a.txt", name="Pakistan-Russia Joint Working Group on Counter-Terrorism"),
        meeting(
            "b.txt",
            name="Russian-Pakistani Working Group on Countering International Terrorism "
            "and Other Security Challenges",
            topic="security",
            number=9,
        ),
    )

    # Different topics and no session in common: kept apart, conservatively.
    assert Series.objects.count() == 2


def test_series_unrelated_mechanisms_of_same_parties_stay_apart(ingest_records):
    ingest_records(
        meeting("ct.txt", number=8),
        meeting("sd.txt", name="Pakistan-Russia Strategic Dialogue", kind="dialogue", topic=None),
        meeting(
            "sed.txt",
            name="Pakistan-Russia Strategic Economic Dialogue",
            kind="dialogue",
            topic="economy",
        ),
        meeting("drugs.txt", name="Pakistan-Russia JWG on Drugs", topic="drugs", number=8),
        meeting(
            "bpc.txt",
            name="Pakistan-Russia Bilateral Political Consultations",
            kind="consultations",
            topic="political",
        ),
        meeting(
            "foc.txt",
            name="Pakistan-Russia Foreign Office Consultations",
            kind="consultations",
            topic=None,
        ),
    )

    assert len(set(series_of_sources().values())) == 6


def test_series_generic_name_joins_the_one_series_of_its_kind(ingest_records):
    ingest_records(
        meeting("a.txt", number=8),
        meeting("b.txt", name="Pakistan-Russia JWG", topic=None, number=9),
    )

    assert Series.objects.count() == 1


def test_series_planned_session_links_a_report_with_another_topic(ingest_records):
    ingest_records(
        meeting(
            "a.txt",
            number=8,
            next_session={"number": 9, "city": "Islamabad", "country": "PAK", "date": None},
        ),
        meeting(
            "b.txt",
            name="Russian-Pakistani Working Group on International Terrorism and Security",
            topic="security",
            number=9,
        ),
    )

    assert Series.objects.count() == 1


def test_series_different_parties_are_different_series(ingest_records):
    ingest_records(
        meeting("a.txt", number=1),
        meeting("b.txt", parties=("CHN", "PAK"), name="China-Pakistan JWG on CT", number=1),
    )

    assert Series.objects.count() == 2


def test_series_countries_are_created_with_names(ingest_records):
    ingest_records(meeting("a.txt", parties=("KOR", "TUR"), name="Korea-Turkey JWG on CT"))

    korea = Country.objects.get(alpha3="KOR")
    assert (korea.alpha2, korea.name) == ("KR", "South Korea")
    assert "Korea, Republic of" in korea.other_names


def test_series_organization_side_is_kept(ingest_records):
    ingest_records(
        meeting(
            "a.txt",
            name="EU-Pakistan Strategic Dialogue",
            parties=("PAK",),
            organizations=("EU",),
            kind="dialogue",
            topic=None,
            number=6,
            delegations=[("EU", "Josep Borrell", "High Representative")],
        )
    )

    group = Series.objects.get()
    assert list(group.organizations.values_list("short_name", "full_name")) == [
        ("EU", "European Union")
    ]
    assert group.sessions.get().delegations.get().organization.short_name == "EU"


def test_series_report_with_an_extra_party_joins_by_its_session(ingest_records):
    trilateral = "China-Pakistan-Russia Trilateral Meeting on Counter-Terrorism"
    ingest_records(
        meeting("a.txt", number=8, start="2019-11-12", city="Moscow"),
        meeting(
            "b.txt", name=trilateral, parties=("CHN", "PAK", "RUS"), number=8, start="2019-11-12"
        ),
        meeting(
            "c.txt", name=trilateral, parties=("CHN", "PAK", "RUS"), number=3, start="2019-11-12"
        ),
    )

    assert series_of_sources() == {
        "a.txt": "Pakistan-Russia Joint Working Group on Counter-Terrorism",
        "b.txt": "Pakistan-Russia Joint Working Group on Counter-Terrorism",
        "c.txt": trilateral,
    }


def test_series_report_with_an_extra_party_joins_by_its_name(ingest_records):
    ingest_records(
        meeting("a.txt", number=8, start="2019-11-12"),
        meeting("b.txt", parties=("AFG", "PAK", "RUS"), number=9, start="2021-11-22"),
        meeting(
            "c.txt",
            name="Afghanistan-Pakistan-Russia Trilateral JWG on Counter-Terrorism",
            parties=("AFG", "PAK", "RUS"),
            number=1,
        ),
    )

    assert series_of_sources() == {
        "a.txt": "Pakistan-Russia Joint Working Group on Counter-Terrorism",
        "b.txt": "Pakistan-Russia Joint Working Group on Counter-Terrorism",
        "c.txt": "Afghanistan-Pakistan-Russia Trilateral JWG on Counter-Terrorism",
    }


def test_series_bilateral_beside_trilateral_stays_apart(ingest_records):
    ingest_records(
        meeting(
            "tri.txt",
            name="Japan-China-ROK Trilateral Foreign Ministers' Meeting",
            parties=("CHN", "JPN", "KOR"),
            kind="ministerial",
            topic=None,
            number=10,
            start="2023-11-26",
        ),
        meeting(
            "bi.txt",
            name="China-Japan Foreign Ministers' Meeting",
            parties=("CHN", "JPN"),
            kind="ministerial",
            topic=None,
            start="2023-11-26",
        ),
    )

    assert len(set(series_of_sources().values())) == 2
