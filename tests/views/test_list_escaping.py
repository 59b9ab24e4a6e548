"""Names typed into the admin or read from articles are text, never markup, in lists."""

import pytest
from django.urls import reverse

from tests.factories import CountryFactory, DelegationFactory, SeriesFactory, SessionFactory

pytestmark = pytest.mark.django_db

MARKUP = "<script>alert('x')</script>"


def test_series_and_session_lists_escape_names_and_venues(client):
    country = CountryFactory(alpha3="QQQ", alpha2="QQ", name=f"Q{MARKUP}")
    group = SeriesFactory(name=f"Group {MARKUP}", parties=[country])
    session = SessionFactory(series=group, city=f"City {MARKUP}")
    DelegationFactory(session=session, country=country, head__name=f"Head {MARKUP}")

    pages = [
        client.get(reverse("meetings:series_list")).content.decode(),
        client.get(reverse("meetings:session_list")).content.decode(),
    ]

    assert [page.count("<script>alert") for page in pages] == [0, 0]
    assert [page.count("&lt;script&gt;alert") > 0 for page in pages] == [True, True]
