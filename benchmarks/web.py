"""Server time of the list pages on a large record.

Run (PostgreSQL must be up; the database named in DATABASE_URL is left alone, a throwaway
`<name>_web_bench` beside it is dropped and refilled):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker .venv/bin/python benchmarks/web.py

Options: `--reuse` keeps an already filled benchmark database (skips the fill),
`--runs N` requests per page (default 40), `--drop` removes the database afterwards.

It fills 10,000 series with 100,000 sessions (about one in ten series has a planned next
session, numbering has gaps), two delegations with heads per session, and 125,000 source
articles with eleven evidence sentences each (one article a session, a second for one
session in four: about what an ingest of real news stores), then times the
series list and the sessions list (first and last page, with and without filters, and a
search), the coming-up page and the country and two-countries pages, and the same lists
in the JSON API (`/api/v1/series/`, `/api/v1/sessions/`: first page, a page deep into
the list by its cursor, filters) through the WSGI application gunicorn serves: the whole
request, middleware, queries and template rendering included, no network. Prints p50/p95
per page, and the median time spent waiting on SQL and of this process's CPU; the target
is p95 <= 50 ms.
The exit status is 1 when a page misses the target. Wall times depend on the machine and
on what else runs on it: compare the CPU column between runs on a busy machine.
"""

import argparse
import datetime
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from wsgiref.util import setup_testing_defaults

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERIES = 10_000
SESSIONS_PER_SERIES = 10
TARGET_MS = 50.0
BATCH = 5_000
CITIES = ["Geneva", "Vienna", "Moscow", "Islamabad", "Beijing", "Delhi", "Ankara", "Tehran"]
GROUP_WORDS = ["Joint Working Group", "Consultations", "Strategic Dialogue", "Joint Commission"]
KIND_OF = {
    "Joint Working Group": "joint-working-group",
    "Consultations": "consultations",
    "Strategic Dialogue": "dialogue",
    "Joint Commission": "joint-commission",
}


def bench_url(base_url: str) -> tuple[str, str, str]:
    """(benchmark database URL, its name, URL of the maintenance database)."""
    parts = urlsplit(base_url)
    name = (parts.path.lstrip("/") or "tracker") + "_web_bench"
    return (
        urlunsplit(parts._replace(path="/" + name)),
        name,
        urlunsplit(parts._replace(path="/postgres")),
    )


def recreate_database(*, admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def database_exists(*, admin_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def drop_database(*, admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(*, seed: int = 5) -> None:
    """10,000 series, 100,000 sessions, 200,000 delegations, all through bulk_create."""
    import pycountry
    from django.db import connection

    from meetings.models import TOPICS, Country, Delegation, Official, Series, Session

    rng = random.Random(seed)
    started = time.perf_counter()
    countries = [
        Country(alpha3=c.alpha_3, alpha2=c.alpha_2, name=getattr(c, "common_name", c.name))
        for c in list(pycountry.countries)[:200]
    ]
    for wanted in ("PAK", "RUS"):
        if wanted not in {c.alpha3 for c in countries}:
            real = pycountry.countries.get(alpha_3=wanted)
            countries.append(Country(alpha3=real.alpha_3, alpha2=real.alpha_2, name=real.name))
    Country.objects.bulk_create(countries, batch_size=BATCH)
    codes = [c.alpha3 for c in countries]
    names = {c.alpha3: c.name for c in countries}
    topics = [slug for slug, _ in TOPICS]

    groups, pairs = [], []
    for index in range(SERIES):
        a, b = rng.sample(codes, 2)
        if index % 50 == 0:
            a, b = "PAK", "RUS"
        words = rng.choice(GROUP_WORDS)
        topic = rng.choice(topics)
        groups.append(
            Series(
                name=f"{names[a]}-{names[b]} {words} on {topic.replace('-', ' ')}",
                slug=f"series-{index}",
                kind=KIND_OF[words],
                topic=topic,
                natural_key=f"{a}+{b}|{KIND_OF[words]}|{topic}|{index}",
            )
        )
        pairs.append((a, b))
    groups = Series.objects.bulk_create(groups, batch_size=BATCH)
    through = Series.parties.through
    through.objects.bulk_create(
        [
            through(series_id=group.pk, country_id=code)
            for group, pair in zip(groups, pairs, strict=True)
            for code in pair
        ],
        batch_size=BATCH,
    )

    officials = Official.objects.bulk_create(
        [
            Official(name=f"Official {index} {side}", country_id=pair[side])
            for index, pair in enumerate(pairs)
            for side in (0, 1)
        ],
        batch_size=BATCH,
    )

    sessions = []
    for group, pair in zip(groups, pairs, strict=True):
        day = datetime.date(1995, 1, 1) + datetime.timedelta(days=rng.randrange(3000))
        cadence = rng.choice([180, 365, 365, 540, 730])
        number = 0
        planned = rng.random() < 0.1
        for position in range(SESSIONS_PER_SERIES):
            number += 2 if rng.random() < 0.05 else 1
            last = position == SESSIONS_PER_SERIES - 1
            status = "planned" if planned and last else "held"
            sessions.append(
                Session(
                    series_id=group.pk,
                    number=number,
                    start_date=day,
                    city=rng.choice(CITIES),
                    country_id=rng.choice(pair),
                    status=status,
                )
            )
            day += datetime.timedelta(days=cadence + rng.randrange(-60, 60))
    sessions = Session.objects.bulk_create(sessions, batch_size=BATCH)

    delegations = []
    for index, session in enumerate(sessions):
        group_index = index // SESSIONS_PER_SERIES
        for side in (0, 1):
            delegations.append(
                Delegation(
                    session_id=session.pk,
                    country_id=pairs[group_index][side],
                    head_id=officials[2 * group_index + side].pk,
                    head_title="Director General",
                )
            )
    delegations = Delegation.objects.bulk_create(delegations, batch_size=BATCH)
    articles, evidence = fill_sources(rng, groups, pairs, sessions, officials, delegations)

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"filled {len(groups):,} series, {len(sessions):,} sessions, "
        f"{len(delegations):,} delegations, {articles:,} articles, {evidence:,} evidence "
        f"rows in {time.perf_counter() - started:.1f} s"
    )


# Around what an ingested article holds: some 1,700 characters, ten facts with their
# sentence, one article a session and a second for one in four.
FILLER = [
    "The two sides reviewed the progress made since the previous round and exchanged "
    "views on regional and international issues of mutual interest.",
    "They agreed to deepen cooperation in trade, energy, education and culture, and to "
    "encourage contacts between their chambers of commerce.",
    "Both delegations underlined the importance of regular consultations for building "
    "trust and for the timely implementation of agreements already signed.",
    "The meeting was held in a cordial and constructive atmosphere, a statement issued "
    "after the talks said.",
    "Officials said a memorandum on visas and another on customs procedures were under "
    "discussion and could be signed at a later date.",
    "The delegations also discussed the situation in neighbouring regions and the "
    "work of multilateral bodies in which both countries take part.",
]
SECOND_SOURCE_EVERY = 4


def fill_sources(rng, groups, pairs, sessions, officials, delegations) -> tuple[int, int]:
    """The source articles of the sessions and the evidence of their facts."""
    from meetings.models import Article, Evidence

    articles, spans = [], []
    for index, session in enumerate(sessions):
        group_index = index // SESSIONS_PER_SERIES
        group, (a, b) = groups[group_index], pairs[group_index]
        heads = officials[2 * group_index], officials[2 * group_index + 1]
        for copy in range(2 if index % SECOND_SOURCE_EVERY == 0 else 1):
            lead = (
                f"The {session.number}th session of the {group.name} was held in "
                f"{session.city} on {session.start_date:%d %B %Y}."
            )
            heads_sentence = (
                f"The {a} delegation was led by {heads[0].name}, Director General, and "
                f"the {b} delegation by {heads[1].name}, Director General."
            )
            text = " ".join([lead, heads_sentence, *rng.sample(FILLER, len(FILLER))] * 2)
            articles.append(
                Article(
                    source_name=f"bench/{index}-{copy}.txt",
                    url=f"https://news.example.org/{index}-{copy}",
                    outlet="Example News",
                    published=session.start_date + datetime.timedelta(days=1 + copy),
                    title=f"{group.name}: session {session.number}",
                    text=text,
                    content_hash=f"bench-{index}-{copy}",
                    outcome="meeting",
                    session_id=session.pk,
                )
            )
            heads_start = len(lead) + 1
            spans.append(
                (session.pk, (0, len(lead)), (heads_start, heads_start + len(heads_sentence)))
            )
    articles = Article.objects.bulk_create(articles, batch_size=BATCH)

    session_facts = [
        "meeting",
        "series.name",
        "series.parties",
        "series.kind",
        "session.number",
        "session.city",
        "session.start",
    ]
    rows = []
    for article, (session_id, lead, _heads_span) in zip(articles, spans, strict=True):
        for fact in session_facts:
            rows.append(
                Evidence(
                    article_id=article.pk,
                    session_id=session_id,
                    fact=fact,
                    start=lead[0],
                    end=lead[1],
                )
            )
    # Two delegations a session, made in session order: a head and a title fact each.
    by_session = {}
    for delegation in delegations:
        by_session.setdefault(delegation.session_id, []).append(delegation)
    for article, (session_id, _lead, heads_span) in zip(articles, spans, strict=True):
        for delegation in by_session[session_id]:
            for fact in ("head", "title"):
                rows.append(
                    Evidence(
                        article_id=article.pk,
                        session_id=session_id,
                        delegation_id=delegation.pk,
                        fact=f"delegation.{delegation.country_id}.{fact}",
                        start=heads_span[0],
                        end=heads_span[1],
                    )
                )
    Evidence.objects.bulk_create(rows, batch_size=BATCH)
    return len(articles), len(rows)


def matching_rows(url: str) -> int:
    """How many rows the page's filter matches (outside the timed requests)."""
    from django.http import QueryDict

    from meetings.filters import SeriesFilter, SessionFilter
    from meetings.models import Series, Session

    path, _, query = url.partition("?")
    query = "&".join(p for p in query.split("&") if not p.startswith(("cursor=", "page_size=")))
    if path.startswith("/upcoming/"):
        from django.utils import timezone

        filterset = SessionFilter(QueryDict(query), queryset=Session.objects.all())
        return filterset.qs.upcoming(today=timezone.localdate()).count()
    if path.startswith("/countries/"):
        codes = path.strip("/").split("/")[1:]
        return Series.objects.involving(*codes).count()
    if path.startswith(("/sessions/", "/api/v1/sessions/")):
        filterset = SessionFilter(QueryDict(query), queryset=Session.objects.all())
    else:
        filterset = SeriesFilter(QueryDict(query), queryset=Series.objects.all())
    return filterset.qs.count()


def deep_cursor(path: str, query: str, offset: int) -> str:
    """The API address of the page that starts after row `offset` of the filtered list:
    what a client reaches by following `next` links that far."""
    from django.http import QueryDict

    from meetings.api.pagination import encode_cursor, sort_keys
    from meetings.filters import SeriesFilter, SessionFilter
    from meetings.models import Series, Session

    if path.startswith("/api/v1/sessions/"):
        filterset = SessionFilter(QueryDict(query), queryset=Session.objects.all())
    else:
        filterset = SeriesFilter(QueryDict(query), queryset=Series.objects.all())
    queryset = filterset.qs
    row = queryset[offset]
    separator = "&" if query else ""
    return f"{path}?{query}{separator}cursor={encode_cursor('next', sort_keys(queryset), row)}"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class WsgiClient:
    """GET requests straight into the WSGI application that gunicorn serves
    (config/wsgi.py), as HTTPS: production's code path, which the test client changes
    (signals, and each response kept in a cycle with its request)."""

    def __init__(self):
        from config.wsgi import application

        self.application = application

    def get(self, url: str) -> int:
        """The status code of the answer to `url`, read to its end."""
        path, _, query = url.partition("?")
        environ = {
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "HTTP_HOST": "testserver",
            "wsgi.url_scheme": "https",
            "SERVER_PORT": "443",
        }
        setup_testing_defaults(environ)
        status = []
        body = self.application(environ, lambda line, headers, exc_info=None: status.append(line))
        try:
            for _chunk in body:
                pass
        finally:
            if hasattr(body, "close"):
                body.close()
        return int(status[0].split()[0])


def measure(client, url: str, runs: int) -> dict[str, float]:
    """Wall time of each request, plus the part spent waiting on SQL and the CPU time
    of this process (which, unlike wall time, other processes on the machine barely
    change)."""
    from django.db import connection

    sql_seconds = [0.0]

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            sql_seconds[0] += time.perf_counter() - started

    for _ in range(3):
        client.get(url)
    wall, sql, cpu = [], [], []
    with connection.execute_wrapper(timed):
        for _ in range(runs):
            sql_seconds[0] = 0.0
            started, started_cpu = time.perf_counter(), time.process_time()
            status = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            sql.append(sql_seconds[0] * 1000)
            assert status == 200, (url, status)
    return {
        "p50": statistics.median(wall),
        "p95": _percentile(wall, 0.95),
        "sql": statistics.median(sql),
        "cpu": statistics.median(cpu),
    }


def pages() -> list[tuple[str, str]]:
    from meetings.models import Series, Session

    series_pages = -(-Series.objects.count() // 25)
    session_pages = -(-Session.objects.count() // 50)
    filtered = "country=PAK&topic=counter-terrorism"
    return [
        ("series list, first page", "/"),
        ("series list, last page", f"/?page={series_pages}"),
        ("series list, by name, last page", f"/?sort=name&page={series_pages}"),
        ("series list, most sessions", "/?sort=sessions"),
        ("series list, country + year range", "/?country=PAK&year_from=2005&year_to=2010"),
        ("series list, two countries + topic", f"/?{filtered}&country=RUS"),
        ("series list, venue city + official", "/?city=Geneva&official=Official+12"),
        ("series list, full-text search", "/?q=maritime+dialogue"),
        ("series list, search, last page", "/?q=working+group&page=9999"),
        ("sessions list, first page", "/sessions/"),
        ("sessions list, last page", f"/sessions/?page={session_pages}"),
        ("sessions list, oldest, last page", f"/sessions/?sort=oldest&page={session_pages}"),
        ("sessions list, country + years", "/sessions/?country=RUS&year_from=2005&year_to=2012"),
        ("sessions list, full-text search", "/sessions/?q=consultations+energy"),
        ("coming up and overdue", "/upcoming/"),
        ("coming up, country + topic", "/upcoming/?country=PAK&topic=trade"),
        ("coming up, overdue, last page", "/upcoming/?page=9999"),
        ("two countries (200 mechanisms)", "/countries/PAK/RUS/"),
        ("country (200 mechanisms)", "/countries/PAK/"),
        ("api series, first page", "/api/v1/series/"),
        ("api series, row 9,900 on (cursor)", deep_cursor("/api/v1/series/", "", 9_900)),
        ("api series, by name, row 9,900 on", deep_cursor("/api/v1/series/", "sort=name", 9_900)),
        ("api series, most sessions", "/api/v1/series/?sort=sessions"),
        ("api series, two countries + topic", f"/api/v1/series/?{filtered}&country=RUS"),
        ("api series, full-text search", "/api/v1/series/?q=maritime+dialogue"),
        ("api sessions, first page", "/api/v1/sessions/"),
        ("api sessions, row 99,900 on (cursor)", deep_cursor("/api/v1/sessions/", "", 99_900)),
        (
            "api sessions, oldest, row 99,900 on",
            deep_cursor("/api/v1/sessions/", "sort=oldest", 99_900),
        ),
        ("api sessions, 100 a page (the most)", "/api/v1/sessions/?page_size=100"),
        (
            "api sessions, country + years",
            "/api/v1/sessions/?country=RUS&year_from=2005&year_to=2012",
        ),
        ("api sessions, full-text search", "/api/v1/sessions/?q=consultations+energy"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", action="store_true", help="keep a filled benchmark database")
    parser.add_argument("--runs", type=int, default=40, help="timed requests per page")
    parser.add_argument("--drop", action="store_true", help="drop the database afterwards")
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker")
    if not base.startswith(("postgres://", "postgresql://")):
        parser.error("DATABASE_URL must point at PostgreSQL")
    url, name, admin_url = bench_url(base)
    if not args.reuse or not database_exists(admin_url=admin_url, name=name):
        recreate_database(admin_url=admin_url, name=name)
    os.environ["DATABASE_URL"] = url
    # The test settings: no HTTPS redirect, plain static storage (no collectstatic needed).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    # The WSGI entry refuses to serve with DEBUG off on the development key.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

    import django

    django.setup()
    from django.core.management import call_command

    from meetings.models import Session

    call_command("migrate", verbosity=0)
    if not args.reuse or not Session.objects.exists():
        fill()
    client = WsgiClient()
    print(f"\n{'page':<40} {'rows':>8} {'p50 ms':>7} {'p95 ms':>7} {'sql p50':>8} {'cpu p50':>8}")
    slow = []
    for label, path in pages():
        timing = measure(client, path, args.runs)
        rows = matching_rows(path)
        flag = "" if timing["p95"] <= TARGET_MS else "  over target"
        print(
            f"{label:<40} {rows:>8,} {timing['p50']:>7.1f} {timing['p95']:>7.1f} "
            f"{timing['sql']:>8.1f} {timing['cpu']:>8.1f}{flag}"
        )
        if timing["p95"] > TARGET_MS:
            slow.append(label)
    print(f"\ntarget p95 <= {TARGET_MS:.0f} ms: {'met' if not slow else 'missed by ' + str(slow)}")

    if args.drop:
        from django.db import connections

        connections.close_all()
        drop_database(admin_url=admin_url, name=name)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
