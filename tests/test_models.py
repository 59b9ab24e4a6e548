"""The database, not Python, keeps the record consistent."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test.utils import override_script_prefix
from django.urls import reverse

from meetings.models import (
    DatePrecision,
    forget_script_prefix,
    format_partial_date,
    page_url,
    parse_partial_date,
    remember_script_prefix,
)
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    DelegationFactory,
    OrganizationFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_session_number_unique_within_series():
    session = SessionFactory(number=8)

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(series=session.series, number=8)


def test_session_number_may_repeat_across_series():
    SessionFactory(number=8)

    other = SessionFactory(number=8)

    assert other.number == 8


def test_sessions_without_number_may_coexist_in_series():
    group = SeriesFactory()
    SessionFactory(series=group, number=None)

    second = SessionFactory(series=group, number=None)

    assert group.sessions.count() == 2 and second.number is None


def test_session_end_before_start_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(start_date=datetime.date(2019, 11, 13), end_date=datetime.date(2019, 11, 12))


def test_session_number_zero_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(number=0)


def test_article_content_hash_unique():
    ArticleFactory(content_hash="a" * 64)

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash="a" * 64)


def test_series_natural_key_unique():
    SeriesFactory(natural_key="PAK-RUS|joint-working-group|counter-terrorism")

    with pytest.raises(IntegrityError), transaction.atomic():
        SeriesFactory(natural_key="PAK-RUS|joint-working-group|counter-terrorism")


def test_delegation_needs_exactly_one_party():
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationFactory(organization=OrganizationFactory(short_name="EU"))


def test_delegation_one_per_country_and_session():
    delegation = DelegationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationFactory(session=delegation.session, country=delegation.country)


def test_official_who_led_a_delegation_cannot_be_deleted():
    delegation = DelegationFactory()

    with pytest.raises(ProtectedError):
        delegation.head.delete()


def test_session_reported_by_an_article_cannot_be_deleted():
    session = SessionFactory()
    ArticleFactory(session=session)

    with pytest.raises(ProtectedError):
        session.delete()


def test_country_hosting_a_session_cannot_be_deleted():
    country = CountryFactory(alpha3="RUS", alpha2="RU", name="Russia")
    SessionFactory(country=country, city="Moscow")

    with pytest.raises(ProtectedError):
        country.delete()


def test_country_code_must_be_three_capitals():
    with pytest.raises(IntegrityError), transaction.atomic():
        CountryFactory(alpha3="ru", alpha2="RU")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-11-12", (datetime.date(2019, 11, 12), DatePrecision.DAY)),
        ("2019-11", (datetime.date(2019, 11, 1), DatePrecision.MONTH)),
        ("2019", (datetime.date(2019, 1, 1), DatePrecision.YEAR)),
        (None, (None, DatePrecision.DAY)),
    ],
)
def test_partial_dates_round_trip(text, expected):
    parsed = parse_partial_date(text)

    assert parsed == expected
    assert format_partial_date(*parsed) == text


def test_page_urls_are_the_routes_of_urls_py():
    session = SessionFactory(series=SeriesFactory(slug="pak-rus-jwg"))
    article = ArticleFactory(session=session)
    official = DelegationFactory(session=session).head

    urls = [
        session.series.get_absolute_url(),
        session.get_absolute_url(),
        official.country.get_absolute_url(),
        official.get_absolute_url(),
        article.get_absolute_url(),
    ]

    assert urls == [
        "/series/pak-rus-jwg/",
        f"/sessions/{session.pk}/",
        f"/countries/{official.country_id}/",
        f"/officials/{official.pk}/",
        f"/articles/{article.pk}/",
    ]


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("pak-rus-jwg", "/series/pak-rus-jwg/"),
        ("abc123", "/series/abc123/"),
        ("a_b-c", "/series/a_b-c/"),
    ],
)
def test_page_url_is_the_reversed_address(slug, expected):
    assert (page_url("meetings:series", slug), reverse("meetings:series", args=[slug])) == (
        expected,
        expected,
    )


def test_page_url_quotes_what_is_not_plain_letters_and_digits():
    assert page_url("meetings:organization", "A&B ü") == "/organizations/A%26B%20%C3%BC/"
    assert page_url("meetings:organization", "E.U_x-y~") == reverse(
        "meetings:organization", args=["E.U_x-y~"]
    )


def test_page_url_follows_the_script_prefix_of_the_request():
    with override_script_prefix("/tracker/"):
        remember_script_prefix()
        try:
            url = page_url("meetings:session", 7)
        finally:
            forget_script_prefix()

    assert url == "/tracker/sessions/7/"
