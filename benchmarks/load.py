"""Fifty readers at once: the production server under concurrent load, pages and a
static file measured in the same run.

Run (PostgreSQL must be up; the database named in DATABASE_URL is left alone, a throwaway
`<name>_load_bench` beside it is dropped and refilled):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker .venv/bin/python benchmarks/load.py

It fills the benchmark database with 10,000 generated sessions (1,000 series, two
delegations each, as benchmarks/web.py makes them) and ingests the dev articles of
../shared/eval/dev, collects the static files, and starts gunicorn with
config/gunicorn.py on a free port of 127.0.0.1 (DEBUG off, a throwaway SECRET_KEY,
SECURE_SSL_REDIRECT=0, REDIS_URL passed on when set). CLIENTS keep-alive clients (50)
first visit every page of the mix once (the time it takes is reported: the cold
cache), then request pages at random from the mix for --duration seconds (30), and
then the same clients fetch one static file for as long.
It prints requests/s, errors and p50/p95/p99 of each phase. Target: no error, and
page throughput at least half the static file's. The exit status is 1 when it misses.

Only 127.0.0.1 is ever contacted; every loop stops at its deadline or at MAX_REQUESTS.
Options: `--reuse` keeps a filled benchmark database, `--drop` removes it afterwards.
"""

import argparse
import asyncio
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import web as web_bench  # noqa: E402 - the fill and database helpers of the list benchmark

DEV = ROOT.parent / "shared" / "eval" / "dev"
HOST = "127.0.0.1"
CLIENTS = 50
SERIES = 1_000  # ten sessions each
MAX_REQUESTS = 5_000_000  # per phase, whatever the speed
TARGET_RATIO = 0.5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def bench_url(base_url: str) -> tuple[str, str, str]:
    """(benchmark database URL, its name, URL of the maintenance database)."""
    url, name, admin_url = web_bench.bench_url(base_url)
    name = name.removesuffix("_web_bench") + "_load_bench"
    return url.rsplit("/", 1)[0] + "/" + name, name, admin_url


def prepare(database_url: str, *, reuse: bool) -> None:
    """Fill the benchmark database (unless reused) and collect the static files."""
    url, name, admin_url = bench_url(database_url)
    os.environ["DATABASE_URL"] = url
    if reuse and web_bench.database_exists(admin_url=admin_url, name=name):
        print(f"reusing {name}")
    else:
        web_bench.recreate_database(admin_url=admin_url, name=name)
        manage("migrate", "--noinput", "-v0")
        fill_and_ingest()
    manage("collectstatic", "--noinput", "-v0")


def manage(*args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=server_env(port=0),
        check=True,
    )


def fill_and_ingest() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from meetings.ingestion import ingest_paths

    web_bench.SERIES = SERIES
    web_bench.fill()
    articles = sorted(DEV.glob("*.txt"))
    summary = ingest_paths(articles)
    print(f"ingested {len(articles)} dev articles: {summary.new} new, {summary.not_meeting} not")


def server_env(*, port: int) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS=HOST,
        GUNICORN_BIND=f"{HOST}:{port}",
    )
    return env


def start_server(port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env=server_env(port=port),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with status {server.returncode}")
    stop_server(server)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def page_mix(port: int, *, seed: int = 3) -> list[str]:
    """The pages readers ask for: list pages with filters, sorts, searches and deep
    pages, and the detail pages of a sample of series, sessions, countries, officials
    and articles."""
    import psycopg

    rng = random.Random(seed)
    url = os.environ["DATABASE_URL"]
    with psycopg.connect(url) as connection:

        def sample(sql: str, count: int) -> list:
            rows = [row[0] for row in connection.execute(sql).fetchall()]
            return rng.sample(rows, min(count, len(rows)))

        slugs = sample("SELECT slug FROM meetings_series", 60)
        sessions = sample("SELECT id FROM meetings_session", 60)
        countries = sample("SELECT DISTINCT country_id FROM meetings_series_parties", 20)
        officials = sample("SELECT id FROM meetings_official", 20)
        articles = sample("SELECT id FROM meetings_article", 20)
    lists = [
        "/",
        "/?page=2",
        "/?page=40",
        "/?sort=name",
        "/?sort=sessions",
        "/?country=PAK",
        "/?country=PAK&country=RUS",
        "/?country=PAK&year_from=2005&year_to=2010",
        "/?topic=counter-terrorism",
        "/?kind=joint-commission",
        "/?city=Geneva",
        "/?q=maritime+dialogue",
        "/?q=working+group",
        "/?q=counter-terrorism",
        "/sessions/",
        "/sessions/?page=2",
        "/sessions/?page=150",
        "/sessions/?sort=oldest",
        "/sessions/?country=RUS&year_from=2005&year_to=2012",
        "/sessions/?status=planned",
        "/sessions/?q=Moscow",
    ]
    return (
        lists * 4
        + [f"/series/{slug}/" for slug in slugs]
        + [f"/sessions/{pk}/" for pk in sessions]
        + [f"/countries/{code}/" for code in countries]
        + [f"/officials/{pk}/" for pk in officials]
        + [f"/articles/{pk}/" for pk in articles]
    )


def start_cold() -> None:
    """Bump the data version, as a write would: nothing cached by an earlier run (in
    Redis) is served."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
        bumped = connection.execute(
            "UPDATE meetings_dataversion SET number = number + 1, changed_at = now()"
        ).rowcount
        if not bumped:
            connection.execute(
                "INSERT INTO meetings_dataversion (id, number, changed_at) VALUES (1, 1, now())"
            )


def static_file(port: int) -> str:
    with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=10) as response:
        page = response.read().decode()
    return re.search(r'href="(/static/[^"]+\.css)"', page).group(1)


async def fetch(reader, writer, path: str, port: int) -> int:
    """One GET on a kept-alive connection; returns the status. Reads the whole body."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    headers = head.lower()
    length = re.search(rb"\r\ncontent-length: *(\d+)", headers)
    if length:
        await reader.readexactly(int(length.group(1)))
    elif b"transfer-encoding: chunked" in headers:
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    if b"\r\nconnection: close" in headers:
        raise ConnectionResetError("server closed the connection")
    return status


async def client(port: int, paths: list[str], deadline: float, rng, results, budget) -> None:
    connection = None
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.open_connection(HOST, port)
            status = await asyncio.wait_for(fetch(*connection, path, port), timeout=30)
            ok = status == 200
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            ok = False
            if connection is not None:
                connection[1].close()
            connection = None
        results.append((time.perf_counter() - started, ok))
    if connection is not None:
        connection[1].close()


async def warm(port: int, paths: list[str]) -> tuple[float, int]:
    """Every distinct page once, CLIENTS at a time (a reader's first visit after a
    change); returns the seconds it took and the errors."""
    queue = list(dict.fromkeys(paths))
    errors = 0

    async def worker():
        nonlocal errors
        connection = await asyncio.open_connection(HOST, port)
        try:
            while queue:
                path = queue.pop()
                try:
                    if await asyncio.wait_for(fetch(*connection, path, port), timeout=60) != 200:
                        errors += 1
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    errors += 1
                    connection[1].close()
                    connection = await asyncio.open_connection(HOST, port)
        finally:
            connection[1].close()

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(CLIENTS)))
    return time.monotonic() - started, errors


async def run_phase(port: int, paths: list[str], seconds: float, *, seed: int) -> dict:
    results: list[tuple[float, bool]] = []
    budget = [MAX_REQUESTS]
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(
            client(port, paths, deadline, random.Random(seed * 1000 + n), results, budget)
            for n in range(CLIENTS)
        )
    )
    elapsed = time.monotonic() - started
    times = sorted(t * 1000 for t, _ok in results)

    def percentile(fraction: float) -> float:
        return times[min(len(times) - 1, round(fraction * (len(times) - 1)))]

    return {
        "requests": len(results),
        "rate": len(results) / elapsed,
        "errors": sum(not ok for _t, ok in results),
        "p50": statistics.median(times),
        "p95": percentile(0.95),
        "p99": percentile(0.99),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database")
    prepare(base, reuse=args.reuse)
    start_cold()
    port = free_port()
    server = start_server(port)
    try:
        paths = page_mix(port)
        static = static_file(port)
        print(
            f"gunicorn -c config/gunicorn.py on {HOST}:{port}, {CLIENTS} clients, "
            f"{len(set(paths))} distinct pages, cache: "
            f"{'Redis' if os.environ.get('REDIS_URL') else 'local memory'}"
        )
        seconds, warm_errors = asyncio.run(warm(port, paths))
        print(f"first visit of every page: {seconds:.1f} s, {warm_errors} errors")
        phases = [
            ("pages", paths, args.duration),
            ("static file", [static], args.duration),
        ]
        figures = {}
        print(
            f"{'phase':<18} {'requests':>9} {'req/s':>8} {'errors':>7} "
            f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
        )
        for seed, (label, phase_paths, seconds) in enumerate(phases):
            row = asyncio.run(run_phase(port, phase_paths, seconds, seed=seed))
            figures[label] = row
            print(
                f"{label:<18} {row['requests']:>9,} {row['rate']:>8,.0f} {row['errors']:>7} "
                f"{row['p50']:>7.1f} {row['p95']:>7.1f} {row['p99']:>7.1f}",
                flush=True,
            )
    finally:
        stop_server(server)
        if args.drop:
            _url, name, admin_url = bench_url(base)
            web_bench.drop_database(admin_url=admin_url, name=name)
    ratio = figures["pages"]["rate"] / figures["static file"]["rate"]
    errors = warm_errors + figures["pages"]["errors"] + figures["static file"]["errors"]
    met = errors == 0 and ratio >= TARGET_RATIO
    print(
        f"pages at {ratio:.0%} of the static file's throughput (target >= "
        f"{TARGET_RATIO:.0%}), {errors} errors (target 0): {'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
