import datetime

import pytest

from meetings.models import Session
from tests.factories import (
    ArticleFactory,
    CountryFactory,
    DelegationFactory,
    EvidenceFactory,
    OfficialFactory,
    SeriesFactory,
    SessionFactory,
)

ARTICLE_TEXT = (
    "The eighth meeting of the Russia-Pakistan Joint Working Group on Counter-terrorism "
    "was held in Moscow. Ahmad Farooq, Director General Counter Terrorism, led the "
    "Pakistan delegation."
)


@pytest.fixture
def pakistan():
    return CountryFactory(alpha3="PAK", alpha2="PK", name="Pakistan")


@pytest.fixture
def russia():
    return CountryFactory(alpha3="RUS", alpha2="RU", name="Russia")


@pytest.fixture
def india():
    return CountryFactory(alpha3="IND", alpha2="IN", name="India")


@pytest.fixture
def counter_terrorism_series(pakistan, russia):
    """Sessions 6, 8 (no record of 7) and a planned 9th, Pakistani head with a source."""
    series = SeriesFactory(
        name="Pakistan-Russia Joint Working Group on Counter-Terrorism",
        slug="pak-rus-jwg-ct",
        topic="counter-terrorism",
        parties=[pakistan, russia],
    )
    sixth = SessionFactory(
        series=series, number=6, start_date=datetime.date(2017, 3, 1), city="Islamabad"
    )
    eighth = SessionFactory(
        series=series,
        number=8,
        start_date=datetime.date(2019, 11, 12),
        city="Moscow",
        country=russia,
        conflicts=[{"field": "city", "values": {"Moscow": ["a.txt"], "Kazan": ["b.txt"]}}],
    )
    ninth = SessionFactory(
        series=series,
        number=9,
        start_date=None,
        city="Islamabad",
        status=Session.Status.PLANNED,
    )
    farooq = OfficialFactory(name="Ahmad Farooq", country=pakistan)
    delegation = DelegationFactory(
        session=eighth, country=pakistan, head=farooq, head_title="Director General"
    )
    DelegationFactory(
        session=sixth, country=pakistan, head=farooq, head_title="Additional Secretary"
    )
    article = ArticleFactory(
        title="Pakistan, Russia discuss counter-terrorism", text=ARTICLE_TEXT, session=eighth
    )
    start = ARTICLE_TEXT.index("Ahmad")
    EvidenceFactory(
        article=article,
        session=eighth,
        delegation=delegation,
        fact="delegation.head",
        value="Ahmad Farooq",
        start=start,
        end=len(ARTICLE_TEXT),
    )
    EvidenceFactory(
        article=article, session=eighth, fact="session.number", value="8", start=0, end=start - 1
    )
    return {
        "series": series,
        "sixth": sixth,
        "eighth": eighth,
        "ninth": ninth,
        "farooq": farooq,
        "article": article,
    }
