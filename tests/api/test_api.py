import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.api.rows import addresses
from meetings.models import DatePrecision, Session, page_url
from tests.factories import (
    ArticleFactory,
    DelegationFactory,
    EvidenceFactory,
    OrganizationFactory,
    SeriesFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

SERIES = reverse("api:series_list")
SESSIONS = reverse("api:session_list")


def _get(client, url, **extra):
    response = client.get(url, **extra)
    assert response["Content-Type"] == "application/json", response.content[:200]
    return response.json()


def _walk(client, url):
    """Every row of a list, following `next` links; and the pages' `previous` links."""
    rows, previous = [], []
    while url:
        page = _get(client, url)
        rows += page["results"]
        previous.append(page["previous"])
        url = page["next"]
    return rows, previous


def test_session_detail_carries_delegations_venue_sources_evidence_and_conflicts(
    client, counter_terrorism_series
):
    eighth = counter_terrorism_series["eighth"]

    data = _get(client, reverse("api:session", args=[eighth.pk]))

    assert (data["number"], data["status"], data["start"], data["end"]) == (
        8,
        "held",
        "2019-11-12",
        None,
    )
    assert data["venue"]["city"] == "Moscow"
    assert data["venue"]["country"]["code"] == "RUS"
    assert data["venue"]["country"]["name"] == "Russia"
    assert data["series"]["slug"] == "pak-rus-jwg-ct"
    assert [
        (d["party"]["code"], d["party"]["name"], d["head"]["name"], d["head_title"])
        for d in data["delegations"]
    ] == [("PAK", "Pakistan", "Ahmad Farooq", "Director General")]
    article = counter_terrorism_series["article"]
    assert [(s["id"], s["title"], s["page"]) for s in data["sources"]] == [
        (article.pk, article.title, f"http://testserver/articles/{article.pk}/")
    ]
    assert [
        (e["sentence"], [(f["fact"], f["party"]) for f in e["facts"]]) for e in data["evidence"]
    ] == [
        (article.text[: article.text.index("Ahmad") - 1], [("session.number", None)]),
        (article.text[article.text.index("Ahmad") :], [("delegation.head", "PAK")]),
    ]
    head = data["evidence"][1]
    assert article.text[head["start"] : head["end"]] == head["sentence"]
    assert head["article"] == article.pk
    assert data["conflicts"] == [
        {"field": "city", "values": {"Moscow": ["a.txt"], "Kazan": ["b.txt"]}}
    ]


def test_session_partial_date_is_given_as_precisely_as_known(client):
    session = SessionFactory(
        start_date=datetime.date(2019, 11, 1), start_precision=DatePrecision.MONTH
    )

    data = _get(client, reverse("api:session", args=[session.pk]))

    assert (data["start"], data["start_precision"]) == ("2019-11", "month")


def test_source_url_is_only_given_when_it_is_a_web_address(client):
    session = SessionFactory()
    ArticleFactory(session=session, url="javascript:alert(1)")
    ArticleFactory(session=session, url="https://news.example.org/a")

    data = _get(client, reverse("api:session", args=[session.pk]))

    assert [s["original_url"] for s in data["sources"]] == [None, "https://news.example.org/a"]


def test_series_carries_parties_organisations_kind_topic_names_cadence_and_next(
    client, counter_terrorism_series
):
    series = counter_terrorism_series["series"]
    series.other_names = ["Russia-Pakistan JWG"]
    series.save()
    series.organizations.add(OrganizationFactory(short_name="SCO", full_name="Shanghai Org"))

    data = _get(client, reverse("api:series", args=[series.slug]))

    assert [p["code"] for p in data["parties"]] == ["PAK", "RUS"]
    assert data["organizations"] == [{"short_name": "SCO", "full_name": "Shanghai Org"}]
    assert (data["kind"], data["topic"], data["other_names"]) == (
        "joint-working-group",
        "counter-terrorism",
        ["Russia-Pakistan JWG"],
    )
    assert data["held_sessions"] == 2
    assert (data["latest_session"]["number"], data["latest_session"]["start"]) == (8, "2019-11-12")
    assert (data["next_session"]["number"], data["next_session"]["status"]) == (9, "planned")
    assert (
        data["cadence"]["median_days"]
        # Sessions 6 and 8: the days between them are two intervals (7 is unrecorded).
        == (datetime.date(2019, 11, 12) - datetime.date(2017, 3, 1)).days // 2
    )
    assert [s["number"] for s in data["sessions"]] == [6, 8, 9]
    assert data["sessions_url"] == "http://testserver/api/v1/sessions/?series=pak-rus-jwg-ct"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=PAK&country=RUS",
        "country=PAK&country=IND",
        "status=planned",
        "year_from=2019&year_to=2019",
        "official=farooq",
        "venue_country=RUS",
        "city=islamabad",
        "topic=counter-terrorism&kind=joint-working-group",
        "sort=oldest",
        "q=counter",
    ],
)
def test_session_list_matches_the_sessions_page_for_the_same_filter(
    client, counter_terrorism_series, india, query
):
    SessionFactory(series=SeriesFactory(parties=[india]), start_date=datetime.date(2019, 5, 1))
    page = client.get(reverse("meetings:session_list") + "?" + query)

    rows, _ = _walk(client, f"{SESSIONS}?page_size=1&{query}")

    assert [r["id"] for r in rows] == [s.pk for s in page.context["object_list"]]


@pytest.mark.parametrize(
    "query", ["", "sort=name", "sort=sessions", "country=PAK", "year_from=2018", "q=counter"]
)
def test_series_list_matches_the_series_page_for_the_same_filter(
    client, counter_terrorism_series, india, query
):
    SessionFactory(series=SeriesFactory(name="Counter B", parties=[india]))
    SeriesFactory(name="Counter A (no sessions)")
    page = client.get(reverse("meetings:series_list") + "?" + query)

    rows, _ = _walk(client, f"{SERIES}?page_size=1&{query}")

    assert [r["slug"] for r in rows] == [s.slug for s in page.context["object_list"]]


def test_session_list_by_series_slug(client, counter_terrorism_series):
    SessionFactory()

    data = _get(client, f"{SESSIONS}?series=pak-rus-jwg-ct")

    assert sorted(r["number"] for r in data["results"]) == [6, 8, 9]


def test_bad_filter_values_are_reported_and_the_rest_applies(client, counter_terrorism_series):
    response = client.get(
        f"{SESSIONS}?status=cancelled&country=XXX&year_from=soon&colour=red&page_size=500"
        "&cursor=not-a-cursor&series=no-such-series"
    )

    data = response.json()
    assert response.status_code == 200
    assert data["count"] == 3
    assert data["ignored"] == [
        "Status “cancelled”: Select a valid choice. cancelled is not one of the available choices.",
        "From year “soon”: Enter a number.",
        "Series “no-such-series”: Select a valid choice. That choice is not one of the "
        "available choices.",
        "Country “XXX”: not a known choice",
        "Unknown parameter(s) colour",
        "Page size “500”: a whole number from 1 to 100 is expected; showing 50.",
        "Cursor: not a cursor of this list; showing the first page.",
    ]


def test_cursor_of_another_sort_starts_again_at_the_first_page(client, counter_terrorism_series):
    newest = _get(client, f"{SESSIONS}?page_size=1")

    data = _get(client, newest["next"].replace("page_size=1", "page_size=1&sort=oldest"))

    assert data["ignored"] == ["Cursor: not a cursor of this list; showing the first page."]
    assert data["results"][0]["number"] == 6


def test_tampered_cursor_values_are_reported_not_a_server_error(client, counter_terrorism_series):
    import base64

    token = base64.urlsafe_b64encode(
        json.dumps({"d": "next", "k": ["-start_date", "-pk"], "v": ["soon", "x"]}).encode()
    ).decode()

    data = _get(client, f"{SESSIONS}?cursor={token}")

    assert data["ignored"] == ["Cursor: not a cursor of this list; showing the first page."]
    assert len(data["results"]) == 3


def test_pages_link_forward_and_back_without_gaps_or_repeats(client):
    series = SeriesFactory()
    # Equal dates and undated sessions: the key must still order every row.
    for day in [datetime.date(2020, 1, 1)] * 3 + [None] * 2 + [datetime.date(2021, 1, 1)]:
        SessionFactory(series=series, start_date=day)

    forward, previous_links = _walk(client, f"{SESSIONS}?page_size=2")
    last_page = _get(client, f"{SESSIONS}?page_size=2")
    while last_page["next"]:
        last_page = _get(client, last_page["next"])
    backward = last_page["results"]
    url = last_page["previous"]
    while url:
        page = _get(client, url)
        backward = page["results"] + backward
        url = page["previous"]

    expected = list(Session.objects.newest_first().values_list("pk", flat=True))
    assert [r["id"] for r in forward] == expected
    assert [r["id"] for r in backward] == expected
    assert previous_links[0] is None


def test_new_rows_do_not_shift_the_next_page(client):
    series = SeriesFactory()
    for year in (2020, 2019, 2018):
        SessionFactory(series=series, start_date=datetime.date(year, 1, 1))
    first = _get(client, f"{SESSIONS}?page_size=2")
    SessionFactory(series=series, start_date=datetime.date(2021, 1, 1))

    second = _get(client, first["next"])

    assert [r["start"] for r in second["results"]] == ["2018-01-01"]


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _sessions_with_everything(series, n):
    for _ in range(n):
        session = SessionFactory(series=series)
        DelegationFactory.create_batch(2, session=session)
        ArticleFactory(session=session)


@pytest.mark.parametrize(
    "url",
    [
        SESSIONS + "?country=PAK&official=Official",
        SERIES + "?country=PAK",
        SERIES + "?country=PAK&sort=sessions",
        reverse("api:official_list"),
        reverse("api:country_list"),
    ],
)
def test_api_list_query_count_is_the_same_whatever_the_page_size(client, pakistan, russia, url):
    series = SeriesFactory(parties=[pakistan, russia])
    series.organizations.add(OrganizationFactory())
    _sessions_with_everything(series, 1)
    one = _count_queries(client, url + "&page_size=1" if "?" in url else url + "?page_size=1")
    _sessions_with_everything(series, 2)
    _sessions_with_everything(SeriesFactory(parties=[pakistan, russia]), 3)

    many = _count_queries(client, url + "&page_size=50" if "?" in url else url + "?page_size=50")

    assert one == many
    assert many <= 10


def test_repeated_request_with_its_etag_is_not_modified(client, counter_terrorism_series):
    first = client.get(SESSIONS)

    again = client.get(SESSIONS, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, again.status_code, again.content) == (200, 304, b"")


def test_api_may_be_read_from_any_site(client, counter_terrorism_series):
    response = client.get(SERIES, HTTP_ORIGIN="https://analysis.example.org")

    assert response["Access-Control-Allow-Origin"] == "*"


def test_api_is_not_throttled(client, counter_terrorism_series):
    statuses = {client.get(f"{SERIES}?page_size=1").status_code for _ in range(30)}

    assert statuses == {200}


def test_detail_of_unknown_objects_is_a_json_404(client):
    response = client.get(reverse("api:series", args=["nothing-here"]))

    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_country_official_and_article_details(client, counter_terrorism_series):
    farooq, article = counter_terrorism_series["farooq"], counter_terrorism_series["article"]

    country = _get(client, reverse("api:country", args=["pak"]))
    official = _get(client, reverse("api:official", args=[farooq.pk]))
    source = _get(client, reverse("api:article", args=[article.pk]))

    assert (country["code"], country["name"], country["alpha2"]) == ("PAK", "Pakistan", "PK")
    assert [(d["session"]["number"], d["head_title"]) for d in official["delegations"]] == [
        (6, "Additional Secretary"),
        (8, "Director General"),
    ]
    assert (source["session"]["number"], source["text"]) == (8, article.text)
    assert [[f["fact"] for f in e["facts"]] for e in source["evidence"]] == [
        ["session.number"],
        ["delegation.head"],
    ]


def test_schema_is_openapi_3_and_lists_every_endpoint(client):
    response = client.get(reverse("api:schema") + "?format=json")

    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == [
        "/api/v1/articles/{id}/",
        "/api/v1/countries/",
        "/api/v1/countries/{alpha3}/",
        "/api/v1/officials/",
        "/api/v1/officials/{id}/",
        "/api/v1/series/",
        "/api/v1/series/{slug}/",
        "/api/v1/sessions/",
        "/api/v1/sessions/{id}/",
    ]
    session_filters = {p["name"] for p in schema["paths"]["/api/v1/sessions/"]["get"]["parameters"]}
    assert {"country", "status", "year_from", "q", "sort", "series", "cursor"} <= session_filters


def test_docs_page_loads_nothing_from_other_sites_and_runs_no_inline_script(client):
    html = client.get(reverse("api:docs")).content.decode()

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts == [
        (' src="/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"', "")
    ]
    assert re.findall(r"(?:src|href)=\"(https?:)?//", html) == []
    assert '<redoc spec-url="/api/v1/schema/">' in html


def test_export_json_and_the_api_agree(client, pakistan, russia):
    sco = OrganizationFactory(short_name="SCO")
    first = SeriesFactory(name="B series", parties=[pakistan, russia], topic="trade")
    first.organizations.add(sco)
    held = SessionFactory(
        series=first,
        number=3,
        start_date=datetime.date(2019, 11, 1),
        start_precision=DatePrecision.MONTH,
        city="Moscow",
        country=russia,
    )
    ArticleFactory(session=held, source_name="b.txt")
    ArticleFactory(session=held, source_name="a.txt")
    SessionFactory(series=first, number=4, start_date=None, status=Session.Status.PLANNED)
    SessionFactory(
        series=SeriesFactory(name="A series", kind="dialogue", topic=""),
        number=None,
        start_date=None,
        city="",
    )
    out = __import__("io").StringIO()
    call_command("export", "--format", "json", stdout=out)
    exported = json.loads(out.getvalue())["series"]

    series, _ = _walk(client, f"{SERIES}?sort=name&page_size=1")
    sessions, _ = _walk(client, f"{SESSIONS}?status=held&sort=oldest&page_size=2")
    from_api = [
        {
            "name": s["name"],
            "kind": s["kind"],
            "parties": [p["code"] for p in s["parties"]],
            "organizations": [o["short_name"] for o in s["organizations"]],
            "topic": s["topic"],
            "sessions": [
                {
                    "number": x["number"],
                    "start": x["start"],
                    "city": x["venue"]["city"],
                    "country": x["venue"]["country"]["code"] if x["venue"]["country"] else None,
                    "sources": sorted(src["source_name"] for src in x["sources"]),
                }
                for x in sessions
                if x["series"]["slug"] == s["slug"]
            ],
        }
        for s in series
    ]
    assert from_api == exported
    assert [s["name"] for s in exported] == ["A series", "B series"]


@pytest.mark.parametrize("sort", ["latest", "sessions", "name"])
def test_series_cursor_still_works_when_its_row_is_gone(client, sort):
    series = [SeriesFactory(name=f"Series {n}") for n in range(4)]
    for n, group in enumerate(series):
        for year in range(n):
            SessionFactory(series=group, start_date=datetime.date(2010 + n + year, 1, 1))
    everything = [r["slug"] for r in _get(client, f"{SERIES}?sort={sort}")["results"]]
    first = _get(client, f"{SERIES}?sort={sort}&page_size=2")
    gone = next(g for g in series if g.slug == first["results"][-1]["slug"])
    gone.sessions.all().delete()
    gone.delete()

    second = _get(client, first["next"])

    assert [r["slug"] for r in second["results"]] == everything[2:4]


@pytest.mark.parametrize(
    ("url", "serializer", "many"),
    [
        (SESSIONS, "SessionSerializer", True),
        (SERIES, "SeriesSerializer", True),
        ("/api/v1/countries/", "CountrySerializer", True),
        ("/api/v1/officials/", "OfficialSerializer", True),
        ("/api/v1/series/pak-rus-jwg-ct/", "SeriesDetailSerializer", False),
        ("/api/v1/countries/PAK/", "CountrySerializer", False),
    ],
)
def test_every_answer_is_exactly_what_the_schema_describes(
    client, counter_terrorism_series, url, serializer, many
):
    from meetings.api import serializers

    counter_terrorism_series["series"].organizations.add(OrganizationFactory())
    data = _get(client, url)
    rows = data["results"] if many else [data]

    described = getattr(serializers, serializer)(rows, many=True).data

    assert json.loads(json.dumps(described)) == rows
    assert rows


def test_session_and_official_and_article_answers_match_their_serializers(
    client, counter_terrorism_series
):
    from meetings.api import serializers

    for name, view, pk in [
        ("SessionSerializer", "api:session", counter_terrorism_series["eighth"].pk),
        ("OfficialDetailSerializer", "api:official", counter_terrorism_series["farooq"].pk),
        ("ArticleSerializer", "api:article", counter_terrorism_series["article"].pk),
    ]:
        data = _get(client, reverse(view, args=[pk]))

        assert json.loads(json.dumps(getattr(serializers, name)(data).data)) == data, name


def test_docs_page_runs_no_script_from_elsewhere_under_the_site_policy(client):
    policy = client.get(reverse("api:docs"))["Content-Security-Policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["worker-src"] == "blob:"
    assert "'unsafe-inline'" not in client.get(SESSIONS)["Content-Security-Policy"]


def test_evidence_of_a_delegation_without_a_session_is_still_the_sessions(client):
    session = SessionFactory()
    delegation = DelegationFactory(session=session)
    article = ArticleFactory(session=session, text="The head was Ahmad Farooq.")
    EvidenceFactory(
        article=article, delegation=delegation, fact="delegation.head", start=13, end=25
    )

    data = _get(client, reverse("api:session", args=[session.pk]))

    assert [(e["sentence"], [f["fact"] for f in e["facts"]]) for e in data["evidence"]] == [
        ("Ahmad Farooq", ["delegation.head"])
    ]


def test_a_sentence_that_gives_several_facts_is_named_once_with_each_of_them(client):
    session = SessionFactory()
    delegation = DelegationFactory(session=session)
    text = "The 3rd round was held in Accra. Ghana was led by Ama Mensah."
    article = ArticleFactory(session=session, text=text)
    lead_end, head_start = text.index(".") + 1, text.index("Ghana")
    for fact, value in (("session.number", "3"), ("session.city", "Accra")):
        EvidenceFactory(
            article=article, session=session, fact=fact, value=value, start=0, end=lead_end
        )
    EvidenceFactory(
        article=article,
        session=session,
        delegation=delegation,
        fact="delegation.head",
        value="Ama Mensah",
        start=head_start,
        end=len(text),
    )

    for url in (
        reverse("api:session", args=[session.pk]),
        reverse("api:session_list") + f"?series={session.series.slug}",
    ):
        data = _get(client, url)
        row = data if "evidence" in data else data["results"][0]
        assert [
            (e["sentence"], e["start"], [(f["fact"], f["value"]) for f in e["facts"]])
            for e in row["evidence"]
        ] == [
            (
                "The 3rd round was held in Accra.",
                0,
                [("session.city", "Accra"), ("session.number", "3")],
            ),
            ("Ghana was led by Ama Mensah.", head_start, [("delegation.head", "Ama Mensah")]),
        ]


def test_session_rows_of_the_list_are_the_rows_of_the_detail(client, counter_terrorism_series):
    # The list reads its rows as plain values, the detail from the loaded session: the
    # same session must come out the same, whichever way it was read.
    virtual = SessionFactory(series=counter_terrorism_series["eighth"].series, city="")
    virtual.virtual, virtual.start_precision = True, DatePrecision.MONTH
    virtual.save()

    listed = _walk(client, SESSIONS + "?page_size=2")[0]

    assert len(listed) == Session.objects.count()
    for row in listed:
        assert row == _get(client, reverse("api:session", args=[row["id"]]))
    assert {row["venue"]["label"] for row in listed} >= {"Virtual", "Moscow, Russia"}


@pytest.mark.parametrize(
    ("route", "key"),
    [
        ("api:session", 42),
        ("meetings:series", "pak-rus-jwg_2"),
        ("meetings:organization", "O.S.C.E~1"),
        ("api:country", "PAK"),
        ("meetings:organization", "A&B C"),
        ("meetings:organization", "ÉCOWAS"),
    ],
)
def test_row_addresses_are_the_routes_addresses(route, key):
    # Rows write their addresses from each route split once; keys that need quoting
    # must come out as the pages' links write them.
    base = "https://example.org"
    assert addresses(base, route)(key) == base + page_url(route, key)
