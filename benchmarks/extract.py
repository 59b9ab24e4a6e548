"""Benchmark of the extraction engine on generated articles.

    python benchmarks/extract.py [--articles 5000] [--seed 7]

Generates varied articles from its own templates and vocabularies (wire copy with a
dateline, ministry press releases, state media, digests with filler paragraphs, and
negatives: phone calls, company working groups, announced meetings), runs
``meetings.extraction.extract`` on each on one core, and prints articles per second,
start-up time (a fresh interpreter: import plus the first extraction), peak memory and
the slowest article. Targets: >= 200 articles/s, start-up < 2 s, < 300 MB, no article
over 100 ms.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COUNTRIES = [
    # name, demonym, capital, leader title, minister title
    ("India", "Indian", "New Delhi"),
    ("United States", "US", "Washington"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("Uzbekistan", "Uzbek", "Tashkent"),
    ("Japan", "Japanese", "Tokyo"),
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("Kenya", "Kenyan", "Nairobi"),
    ("Uganda", "Ugandan", "Kampala"),
    ("Morocco", "Moroccan", "Rabat"),
    ("Senegal", "Senegalese", "Dakar"),
    ("Chile", "Chilean", "Santiago"),
    ("Peru", "Peruvian", "Lima"),
    ("Norway", "Norwegian", "Oslo"),
    ("Finland", "Finnish", "Helsinki"),
    ("Thailand", "Thai", "Bangkok"),
    ("Cambodia", "Cambodian", "Phnom Penh"),
    ("Ghana", "Ghanaian", "Accra"),
    ("Nigeria", "Nigerian", "Abuja"),
    ("Mongolia", "Mongolian", "Ulaanbaatar"),
    ("Georgia", "Georgian", "Tbilisi"),
    ("Armenia", "Armenian", "Yerevan"),
    ("Greece", "Greek", "Athens"),
    ("Portugal", "Portuguese", "Lisbon"),
    ("Canada", "Canadian", "Ottawa"),
    ("Mexico", "Mexican", "Mexico City"),
    ("Ethiopia", "Ethiopian", "Addis Ababa"),
]
MECHANISMS = [
    "Joint Working Group on Counter-Terrorism",
    "Foreign Office Consultations",
    "Joint Commission",
    "Strategic Dialogue",
    "Bilateral Political Consultations",
    "Joint Committee on Trade",
    "Intergovernmental Commission on Economic Cooperation",
    "Maritime Dialogue",
    "Consular Consultations",
    "Joint Working Group on Cyber Security",
    "High-Level Strategic Council",
    "Energy Dialogue",
    "Joint Economic Commission",
]
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "12th",
    "13th",
    "14th",
    "21st",
    "VIII",
    "XII",
    "inaugural",
    "22nd",
    "thirty-first",
]
GIVEN = [
    "Anil",
    "Maria",
    "Kenji",
    "Aigerim",
    "Nguyen",
    "Peter",
    "Amina",
    "Carlos",
    "Olga",
    "Samuel",
    "Leila",
    "Tomas",
    "Yuki",
    "Rahul",
    "Fatima",
    "Jonas",
    "Chen",
    "Ines",
]
FAMILY = [
    "Sharma",
    "Okafor",
    "Tanaka",
    "Nurlanova",
    "Van Thanh",
    "Lindqvist",
    "Haddad",
    "Mendoza",
    "Petrova",
    "Mensah",
    "Karimov",
    "Silva",
    "Osei",
    "Virtanen",
    "Lopez",
]
TITLES = [
    "Foreign Secretary",
    "Deputy Foreign Minister",
    "Director General for Europe",
    "Additional Secretary",
    "Vice Minister of Foreign Affairs",
    "Foreign Minister",
    "Permanent Secretary of the Ministry of Foreign Affairs",
    "Prime Minister",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FILLER = [
    "Trade between the two countries reached a record last year, officials said.",
    "The talks covered energy, transport, education, culture and tourism.",
    "Both sides reviewed the regional situation and coordination at the United Nations.",
    "Analysts say the relationship has grown steadily over the past decade.",
    "A number of memoranda of understanding were signed at the end of the session.",
    "The visiting delegation also called on the Speaker of the National Assembly.",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def article(rng: random.Random, n: int) -> str:
    """One generated article; about one in five is a negative."""
    a, b = rng.sample(COUNTRIES, 2)
    published = datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(2500))
    header = f" date {published.isoformat()} {rng.choice(['Wire', 'Daily', 'Agency'])} {n}"
    mech = rng.choice(MECHANISMS)
    ordinal = rng.choice(ORDINALS)
    day = rng.choice([*WEEKDAYS, "today", "yesterday"])
    when = day if day in ("today", "yesterday") else f"on {day}"
    venue = rng.choice([a, b])
    style = rng.randrange(6)
    h1, h2 = person(rng), person(rng)
    t1, t2 = rng.choice(TITLES), rng.choice(TITLES)
    filler = " ".join(rng.sample(FILLER, rng.randrange(1, 5)))
    if style == 0:
        body = (
            f"{venue[2].upper()}, {published:%b} {published.day} - {a[0]} and {b[0]} "
            f"{when} held the {ordinal} meeting of the {a[0]}-{b[0]} {mech} here.\n\n"
            f"The {a[1]} delegation was led by {t1} {h1}, while the {b[1]} side was "
            f"headed by {t2} {h2}.\n\n{filler}\n\nThe two sides agreed to hold the next "
            f"meeting in {b[2]} at a mutually convenient time."
        )
    elif style == 1:
        body = (
            f"1. The {ordinal} round of the {mech} between {a[0]} and {b[0]} was held in "
            f"{venue[2]} on {published.day} {published:%B %Y}.\n\n2. {h1}, {t1} of "
            f"{a[0]}, led the {a[1]} delegation. The {b[1]} delegation was led by {h2}, "
            f"{t2}.\n\n3. {filler}\n\nMinistry of Foreign Affairs\n{a[2]}"
        )
    elif style == 2:
        paras = [rng.choice(FILLER) + " " + rng.choice(FILLER) for _ in range(rng.randrange(3, 9))]
        paras.insert(
            rng.randrange(len(paras)),
            f"In {published:%B}, the {a[1]}-{b[1]} {mech} held its {ordinal} "
            f"meeting in {venue[2]}, co-chaired by {a[1]} {t1} {h1} and "
            f"{b[1]} {t2} {h2}.",
        )
        body = "\n\n".join(paras)
    elif style == 3:
        body = (
            f"{venue[2]}: {a[1]} {t1} {h1} and {b[1]} {t2} {h2} {when} co-chaired the "
            f"{ordinal} session of the {a[1]}-{b[1]} {mech} via video link.\n\n{filler}"
        )
    elif style == 4:
        body = (
            f"{a[1]} {t1} {h1} spoke by telephone {when} with {b[1]} {t2} {h2}. They "
            f"discussed the {a[0]}-{b[0]} {mech}, which will meet later this year.\n\n"
            f"{filler}"
        )
    else:
        body = (
            f"{venue[2].upper()} - The joint working group set up by two companies "
            f"held its {ordinal} meeting {when}, the firms said.\n\n{filler}"
        )
    title = f"{a[0]}, {b[0]} hold talks" if style < 4 else f"{a[0]} and {b[0]} news"
    return f"{header}\n{title}\n\n{body}\n"


def startup_seconds(cache_home: str | None = None) -> float:
    """Import plus first extraction, in a fresh interpreter; with ``cache_home`` (an
    empty directory) the place tables are compiled from scratch (a cold start)."""
    code = (
        "import time; t = time.perf_counter(); "
        "from meetings.extraction import extract; "
        "extract(' date 2020-01-02 X\\nT\\n\\nThe 3rd meeting of the India-Japan Joint "
        "Working Group was held in Tokyo on Monday.', source='s'); "
        "print(time.perf_counter() - t)"
    )
    env = dict(os.environ)
    if cache_home is not None:
        env["XDG_CACHE_HOME"] = cache_home
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=env
    )
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    shared = ROOT.parent / "shared" / "eval"
    parser.add_argument(
        "--real",
        nargs="*",
        default=[str(shared / name) for name in ("real", "real3") if (shared / name).is_dir()],
        help="folders of real article texts to time as well (the shared sets by default)",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as empty:
        cold = startup_seconds(empty)
    startup_seconds()  # makes sure the user cache exists
    startup = startup_seconds()
    from meetings.extraction import extract

    rng = random.Random(args.seed)
    texts = [article(rng, n) for n in range(args.articles)]
    extract(texts[0], source="warm-up")
    slowest = slowest_cpu = 0.0
    meetings = 0
    started, started_cpu = time.perf_counter(), time.process_time()
    for n, text in enumerate(texts):
        t, c = time.perf_counter(), time.process_time()
        report = extract(text, source=f"a{n}.txt")
        slowest = max(slowest, time.perf_counter() - t)
        slowest_cpu = max(slowest_cpu, time.process_time() - c)
        meetings += report.meeting
    elapsed = time.perf_counter() - started
    elapsed_cpu = time.process_time() - started_cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(texts)} ({meetings} reported as meetings)")
    # Wall-clock figures suffer when the machine is shared; CPU time is this process's own.
    print(
        f"throughput: {len(texts) / elapsed:.0f} articles/s wall clock, "
        f"{len(texts) / elapsed_cpu:.0f} articles/s of CPU time, on one core"
    )
    print(f"start-up (import + first extract): {startup:.2f} s warm cache, {cold:.2f} s cold")
    print(f"peak memory: {peak_mb:.0f} MB")
    print(f"slowest article: {slowest * 1000:.1f} ms wall clock, {slowest_cpu * 1000:.1f} ms CPU")
    real = [p for d in args.real for p in sorted(Path(d).glob("*.txt"))]
    if real:
        report_real(extract, real)
    return 0


def report_real(extract, paths: list[Path]) -> None:
    """The same measures on real article texts (read once, extracted ten times)."""
    texts = [p.read_text(encoding="utf-8") for p in paths]
    rounds = 10
    slowest_cpu = 0.0
    started_cpu = time.process_time()
    for _ in range(rounds):
        for n, text in enumerate(texts):
            c = time.process_time()
            extract(text, source=f"r{n}.txt")
            slowest_cpu = max(slowest_cpu, time.process_time() - c)
    elapsed_cpu = time.process_time() - started_cpu
    print(
        f"real articles: {len(texts)} texts x {rounds}: "
        f"{len(texts) * rounds / elapsed_cpu:.0f} articles/s of CPU time, "
        f"slowest {slowest_cpu * 1000:.1f} ms CPU"
    )


if __name__ == "__main__":
    sys.exit(main())
