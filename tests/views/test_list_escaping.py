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


def test_country_page_escapes_counterparts_and_sessions_and_links_the_pairs(client):
    home = CountryFactory(alpha3="QQQ", alpha2="QQ", name="Home")
    other = CountryFactory(alpha3="RRR", alpha2="RR", name=f"R{MARKUP}")
    group = SeriesFactory(name=f"Group {MARKUP}", parties=[home, other])
    SessionFactory(series=group, number=3, city=f"City {MARKUP}", country=other)

    html = client.get(reverse("meetings:country", args=["QQQ"])).content.decode()

    assert "<script>alert" not in html
    pair = reverse("meetings:country_pair", args=["QQQ", "RRR"])
    assert (
        f'<li><a href="{pair}">R&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; '
        '<span class="count">1</span></a></li>'
    ) in html
    assert "Group &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;, No. 3</a>" in html
