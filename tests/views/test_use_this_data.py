import re

import pytest
from django.urls import reverse

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def _strip(html):
    section = re.search(r'<section class="use-data".*?</section>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', section)
    copyable = re.findall(r'<input type="text" readonly value="([^"]+)"', section)
    return {label: url.replace("&amp;", "&") for url, label in links}, copyable


def test_sessions_page_strip_gives_the_current_filter_in_every_format(
    client, counter_terrorism_series
):
    html = client.get(reverse("meetings:session_list") + "?country=PAK&status=held&page=1")

    links, copyable = _strip(html.content.decode())

    query = "?country=PAK&status=held"
    assert links == {
        "News feed": f"http://testserver/feeds/sessions.atom{query}",
        "Calendar": f"http://testserver/calendar.ics{query}",
        "Spreadsheet": f"http://testserver/sessions.csv{query}",
        "Spreadsheet for Excel": f"http://testserver/sessions.csv{query}&bom=1",
        "API query": f"http://testserver/api/v1/sessions/{query}",
        "API documentation": "/api/v1/docs/",
    }
    assert [url.replace("&amp;", "&") for url in copyable] == list(links.values())[:5]


def test_sessions_page_api_link_returns_the_rows_the_page_shows(client, counter_terrorism_series):
    page = client.get(reverse("meetings:session_list") + "?country=PAK&sort=oldest")
    links, _ = _strip(page.content.decode())

    api = client.get(links["API query"]).json()

    assert [r["id"] for r in api["results"]] == [s.pk for s in page.context["object_list"]]


def test_series_list_strip_keeps_the_sort_for_its_own_lists_only(client, counter_terrorism_series):
    html = client.get(reverse("meetings:series_list") + "?topic=counter-terrorism&sort=name")

    links, _ = _strip(html.content.decode())

    assert links["API query"] == (
        "http://testserver/api/v1/series/?topic=counter-terrorism&sort=name"
    )
    assert links["Spreadsheet"] == "http://testserver/series.csv?topic=counter-terrorism&sort=name"
    assert links["News feed"] == "http://testserver/feeds/sessions.atom?topic=counter-terrorism"
    assert links["Calendar"] == "http://testserver/calendar.ics?topic=counter-terrorism"


def test_series_list_strip_follows_an_htmx_filter_change(client, counter_terrorism_series):
    fragment = client.get(
        reverse("meetings:series_list") + "?country=RUS", headers={"HX-Request": "true"}
    )

    links, _ = _strip(fragment.content.decode())

    assert links["API query"] == "http://testserver/api/v1/series/?country=RUS"


def test_series_page_strip_links_its_sessions(client, counter_terrorism_series):
    series = counter_terrorism_series["series"]

    html = client.get(series.get_absolute_url() + "?utm=x").content.decode()

    links, _ = _strip(html)
    assert links["News feed"] == "http://testserver/feeds/sessions.atom?series=pak-rus-jwg-ct"
    assert links["Calendar"] == "http://testserver/calendar.ics?series=pak-rus-jwg-ct"
    assert links["Spreadsheet"] == "http://testserver/sessions.csv?series=pak-rus-jwg-ct"
    assert links["API query"] == "http://testserver/api/v1/series/pak-rus-jwg-ct/"
    assert client.get(links["Calendar"]).status_code == 200


def test_coming_up_page_strip_gives_the_planned_sessions_of_its_filter(
    client, counter_terrorism_series
):
    html = client.get(reverse("meetings:upcoming") + "?country=PAK").content.decode()

    links, _ = _strip(html)

    assert links["API query"] == "http://testserver/api/v1/sessions/?country=PAK&status=planned"
    assert links["Calendar"] == "http://testserver/calendar.ics?country=PAK&status=planned"
    api = client.get(links["API query"]).json()
    assert [r["number"] for r in api["results"]] == [9]
