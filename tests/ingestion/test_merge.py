"""Merging duplicates loses nothing and keeps every name seen."""

import datetime

import pytest

from meetings.ingestion.merge import MergeError, merge_officials, merge_series
from meetings.models import Article, Delegation, Evidence, Official, Series, Session
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    DelegationFactory,
    EvidenceFactory,
    OfficialFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def record_counts() -> dict[str, int]:
    return {
        "sessions": Session.objects.count(),
        "delegations": Delegation.objects.count(),
        "evidence": Evidence.objects.count(),
        "articles": Article.objects.count(),
    }


def test_merge_officials_moves_delegations_led_and_joined():
    pakistan = CountryFactory(alpha3="PAK", alpha2="PK", name="Pakistan")
    keep = OfficialFactory(name="Ahmad Farooq", country=pakistan, other_names=["A. Farooq"])
    remove = OfficialFactory(name="Ahmed Farooq", country=pakistan, other_names=["Farooq"])
    led_by_keep = DelegationFactory(country=pakistan, head=keep)
    led_by_remove = DelegationFactory(country=pakistan, head=remove)
    joined_by_remove = DelegationFactory(country=pakistan)
    joined_by_remove.members.add(remove)
    before = record_counts()

    merge_officials(keep=keep, remove=remove)

    keep.refresh_from_db()
    assert record_counts() == before
    assert Official.objects.filter(pk=remove.pk).exists() is False
    assert sorted(keep.delegations_led.values_list("pk", flat=True)) == sorted(
        [led_by_keep.pk, led_by_remove.pk]
    )
    assert list(keep.delegations_joined.all()) == [joined_by_remove]
    assert keep.other_names == ["A. Farooq", "Ahmed Farooq", "Farooq"]


def test_merge_officials_does_not_list_head_as_member():
    keep = OfficialFactory()
    remove = OfficialFactory(country=keep.country)
    delegation = DelegationFactory(country=keep.country, head=remove)
    delegation.members.add(keep)

    merge_officials(keep=keep, remove=remove)

    delegation.refresh_from_db()
    assert (delegation.head, list(delegation.members.all())) == (keep, [])


def test_merge_officials_keeps_names_once_whatever_the_case():
    keep = OfficialFactory(name="Vladimir Tarabrin", other_names=["V. Tarabrin"])
    remove = OfficialFactory(name="vladimir tarabrin", other_names=["v. tarabrin", "Tarabrin"])

    merge_officials(keep=keep, remove=remove)

    keep.refresh_from_db()
    assert keep.other_names == ["V. Tarabrin", "Tarabrin"]


def test_merge_officials_fills_missing_country():
    keep = OfficialFactory(country=None)
    remove = OfficialFactory()

    merge_officials(keep=keep, remove=remove)

    keep.refresh_from_db()
    assert keep.country_id == remove.country_id


def test_merge_officials_with_itself_raises_and_changes_nothing():
    official = OfficialFactory()

    with pytest.raises(MergeError):
        merge_officials(keep=official, remove=official)

    assert Official.objects.filter(pk=official.pk).exists() is True


@pytest.fixture
def two_groups():
    """Two records of one series: sessions 1, 2 in one; 2, 3 and an unnumbered one in the
    other, session 2 reported by both with a delegation of the same side in each."""
    pakistan = CountryFactory(alpha3="PAK", alpha2="PK", name="Pakistan")
    russia = CountryFactory(alpha3="RUS", alpha2="RU", name="Russia")
    keep = SeriesFactory(
        name="Russia-Pakistan JWG on Counter-terrorism",
        other_names=["JWG on CT"],
        natural_key=None,
        parties=[pakistan, russia],
    )
    remove = SeriesFactory(
        name="Pakistan-Russia Joint Working Group on Counter-Terrorism",
        other_names=["Russia-Pakistan JWG on Counter-terrorism", "Pak-Russia JWG"],
        natural_key="PAK|RUS|joint-working-group|counter-terrorism",
        parties=[pakistan],
    )
    kept_sessions = {
        number: SessionFactory(series=keep, number=number, city="") for number in (1, 2)
    }
    removed_sessions = {
        number: SessionFactory(series=remove, number=number, city="Moscow") for number in (2, 3)
    }
    removed_sessions[None] = SessionFactory(series=remove, number=None)
    kept_pak = DelegationFactory(session=kept_sessions[2], country=pakistan, head_title="")
    removed_pak = DelegationFactory(
        session=removed_sessions[2], country=pakistan, head=None, head_title="Ambassador"
    )
    removed_pak_member = OfficialFactory(country=pakistan)
    removed_pak.members.add(removed_pak_member)
    removed_rus = DelegationFactory(session=removed_sessions[2], country=russia)
    for session in [*kept_sessions.values(), *removed_sessions.values()]:
        article = ArticleFactory(session=session)
        EvidenceFactory(article=article, session=session, fact="session.number")
    removed_article = removed_sessions[2].articles.get()
    EvidenceFactory(
        article=removed_article,
        session=removed_sessions[2],
        delegation=removed_pak,
        fact="delegation.head",
        start=2,
        end=9,
    )
    return {
        "keep": keep,
        "remove": remove,
        "kept_sessions": kept_sessions,
        "removed_sessions": removed_sessions,
        "kept_pak": kept_pak,
        "removed_pak_member": removed_pak_member,
        "removed_rus": removed_rus,
    }


def test_merge_series_loses_no_session_delegation_evidence_or_article(two_groups):
    keep, remove = two_groups["keep"], two_groups["remove"]
    before = record_counts()
    articles_before = set(Article.objects.values_list("pk", flat=True))
    evidence_before = set(Evidence.objects.values_list("pk", flat=True))

    merge_series(keep=keep, remove=remove)

    # Session 2 of the removed group became session 2 of the kept one, and its PAK
    # delegation became the kept session's PAK delegation: one row less of each.
    assert record_counts() == {
        **before,
        "sessions": before["sessions"] - 1,
        "delegations": before["delegations"] - 1,
    }
    assert Series.objects.filter(pk=remove.pk).exists() is False
    assert set(Article.objects.values_list("pk", flat=True)) == articles_before
    assert set(Evidence.objects.values_list("pk", flat=True)) == evidence_before
    assert sorted(keep.sessions.values_list("number", flat=True), key=lambda n: n or 0) == [
        None,
        1,
        2,
        3,
    ]
    assert Article.objects.filter(session__series=keep).count() == 5
    assert Evidence.objects.filter(session__series=keep).count() == 6


def test_merge_series_folds_delegations_of_the_same_side(two_groups):
    keep, remove = two_groups["keep"], two_groups["remove"]
    kept_session_2 = two_groups["kept_sessions"][2]

    merge_series(keep=keep, remove=remove)

    kept_pak = two_groups["kept_pak"]
    kept_pak.refresh_from_db()
    assert list(kept_session_2.delegations.order_by("country").values_list("pk", flat=True)) == [
        kept_pak.pk,
        two_groups["removed_rus"].pk,
    ]
    assert kept_pak.head_title == "Ambassador"
    assert list(kept_pak.members.all()) == [two_groups["removed_pak_member"]]
    assert list(kept_pak.evidence.values_list("fact", "session")) == [
        ("delegation.head", kept_session_2.pk)
    ]


def test_merge_series_keeps_names_parties_and_natural_key(two_groups):
    keep, remove = two_groups["keep"], two_groups["remove"]
    keep.parties.remove(CountryFactory(alpha3="RUS"))

    merge_series(keep=keep, remove=remove)

    keep.refresh_from_db()
    assert keep.other_names == [
        "JWG on CT",
        "Pakistan-Russia Joint Working Group on Counter-Terrorism",
        "Pak-Russia JWG",
    ]
    assert keep.natural_key == "PAK|RUS|joint-working-group|counter-terrorism"
    assert sorted(keep.parties.values_list("alpha3", flat=True)) == ["PAK"]


def test_merge_series_unions_parties():
    india = CountryFactory(alpha3="IND", alpha2="IN", name="India")
    japan = CountryFactory(alpha3="JPN", alpha2="JP", name="Japan")
    keep = SeriesFactory(parties=[india])
    remove = SeriesFactory(parties=[japan])

    merge_series(keep=keep, remove=remove)

    assert sorted(keep.parties.values_list("alpha3", flat=True)) == ["IND", "JPN"]


def test_merge_series_fills_blank_facts_and_flags_disagreements(two_groups):
    kept = two_groups["kept_sessions"][2]
    removed = two_groups["removed_sessions"][2]
    Session.objects.filter(pk=kept.pk).update(
        status="planned", start_date=datetime.date(2019, 11, 1)
    )
    Session.objects.filter(pk=removed.pk).update(start_date=datetime.date(2019, 11, 12))
    kept_source = kept.articles.get().source_name
    removed_source = removed.articles.get().source_name

    merge_series(keep=two_groups["keep"], remove=two_groups["remove"])

    kept.refresh_from_db()
    assert (kept.city, kept.status, kept.start_date) == (
        "Moscow",
        "held",
        datetime.date(2019, 11, 1),
    )
    assert kept.conflicts == [
        {
            "field": "start",
            "values": {"2019-11-01": [kept_source], "2019-11-12": [removed_source]},
        }
    ]


def test_merge_series_leaves_facts_corrected_by_hand(two_groups):
    kept = two_groups["kept_sessions"][2]
    Session.objects.filter(pk=kept.pk).update(manual_fields=["city"], status="planned")
    Session.objects.filter(pk=two_groups["removed_sessions"][2].pk).update(manual_fields=["number"])

    merge_series(keep=two_groups["keep"], remove=two_groups["remove"])

    kept.refresh_from_db()
    assert (kept.city, kept.status, kept.manual_fields) == ("", "held", ["number", "city"])


def test_merge_series_drops_only_evidence_already_on_the_kept_session():
    keep, remove = SeriesFactory(), SeriesFactory()
    kept = SessionFactory(series=keep, number=4)
    removed = SessionFactory(series=remove, number=4)
    article = ArticleFactory(session=kept)
    EvidenceFactory(article=article, session=kept, fact="session.city", start=0, end=5)
    EvidenceFactory(article=article, session=removed, fact="session.city", start=0, end=5)
    EvidenceFactory(article=article, session=removed, fact="session.date", start=0, end=5)

    merge_series(keep=keep, remove=remove)

    assert sorted(kept.evidence.values_list("fact", flat=True)) == [
        "session.city",
        "session.date",
    ]


def test_merge_series_with_itself_raises():
    group = SeriesFactory()

    with pytest.raises(MergeError):
        merge_series(keep=group, remove=group)


def test_merge_series_merges_unnumbered_sessions_of_the_same_day():
    keep, remove = SeriesFactory(), SeriesFactory()
    day = datetime.date(2021, 3, 4)
    kept = SessionFactory(series=keep, number=None, start_date=day)
    SessionFactory(series=remove, number=None, start_date=day)
    SessionFactory(series=remove, number=None, start_date=day, start_precision="month")

    plan = merge_series(keep=keep, remove=remove)

    assert (len(plan.sessions_merged), len(plan.sessions_moved)) == (1, 1)
    assert sorted(keep.sessions.values_list("start_precision", flat=True)) == ["day", "month"]
    assert keep.sessions.filter(start_precision="day").get() == kept
