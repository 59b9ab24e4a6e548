"""Name comparison for resolution: pure functions, no database.

Country and organisation names come from the extractor's data files
(``meetings/extraction/data``) and pycountry, so there is one vocabulary for the project.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

DATA = Path(__file__).resolve().parent.parent / "extraction" / "data"


def fold(text: str) -> str:
    """Lower case without accents; "Erdoğan" and "Erdogan" fold alike."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def data_rows(name: str) -> list[list[str]]:
    """Rows of one of the extractor's tab-separated data files; none if it is missing."""
    try:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class CountryInfo:
    alpha3: str
    alpha2: str
    name: str
    other_names: tuple[str, ...]
    demonyms: tuple[str, ...]


@functools.cache
def countries() -> dict[str, CountryInfo]:
    """Every ISO country by alpha-3: common name first, then other names and demonyms."""
    import pycountry

    extra = {row[0]: row for row in data_rows("countries.tsv") if row}
    table = {}
    for country in pycountry.countries:
        row = extra.get(country.alpha_3, [])
        names = [n for n in (row[1].split("|") if len(row) > 1 else []) if n]
        iso = [
            getattr(country, "common_name", None),
            country.name,
            getattr(country, "official_name", None),
        ]
        names += [n for n in iso if n]
        unique = list(dict.fromkeys(names))
        demonyms = tuple(d for d in (row[2].split("|") if len(row) > 2 else []) if d)
        table[country.alpha_3] = CountryInfo(
            alpha3=country.alpha_3,
            alpha2=country.alpha_2,
            name=unique[0],
            other_names=tuple(unique[1:]),
            demonyms=demonyms,
        )
    return table


@functools.cache
def organizations() -> dict[str, str]:
    """Organisation short name to full name, from the extractor's data."""
    table = {}
    for row in data_rows("organizations.tsv"):
        names = [n for n in (row[1].split("|") if len(row) > 1 else []) if n != row[0]]
        table[row[0]] = names[0] if names else ""
    return table


# --- Series names -------------------------------------------------------------------

# Abbreviations in mechanism names, spelt out before comparing.
ABBREVIATIONS = {
    "jwg": "joint working group",
    "ct": "counter terrorism",
    "fm": "foreign minister",
    "fms": "foreign minister",
    "foc": "foreign office consultation",
    "bpc": "bilateral political consultation",
    "jc": "joint commission",
    "jec": "joint economic commission",
    "igc": "intergovernmental commission",
    "sd": "strategic dialogue",
    "rok": "korea",
}
# Words that say what kind of meeting it is, or nothing at all: not the mechanism's
# subject. Two names are compared on the rest.
GENERIC = {
    "a",
    "an",
    "and",
    "the",
    "of",
    "on",
    "in",
    "for",
    "to",
    "at",
    "with",
    "between",
    "by",
    "among",
    "s",
    "its",
    "their",
    "joint",
    "bilateral",
    "trilateral",
    "quadrilateral",
    "multilateral",
    "meeting",
    "meetings",
    "session",
    "round",
    "talk",
    "talks",
    "mechanism",
    "group",
    "working",
    "commission",
    "committee",
    "council",
    "dialogue",
    "dialog",
    "consultation",
    "summit",
    "conference",
    "forum",
    "ministerial",
    "level",
    "high",
    "regular",
    "annual",
    "inaugural",
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
    "republic",
    "people",
    "islamic",
    "federal",
    "kingdom",
    "state",
    "states",
    "democratic",
    "arab",
    "united",
    "expert",
    "experts",
    "other",
    "international",
    "issue",
    "issues",
    "matter",
    "matters",
    "counter",
    "countering",
    "combat",
    "combating",
    "fight",
    "fighting",
    "against",
    "challenge",
    "challenges",
}
# Who meets rather than about what: they tell mechanisms apart only when nothing else does.
ROLE = {
    "foreign",
    "minister",
    "ministry",
    "ministries",
    "affair",
    "affairs",
    "office",
    "secretary",
    "deputy",
    "vice",
    "senior",
    "official",
    "officials",
    "head",
    "heads",
    "government",
    "governmental",
    "intergovernmental",
    "leader",
    "leaders",
    "president",
    "prime",
    "chief",
    "director",
    "general",
    "defence",
    "defense",
}


def stem(token: str) -> str:
    if token.endswith("ing") and len(token) > 6:
        token = token[:-3]
    if token.endswith("ies") and len(token) > 5:
        return token[:-3] + "y"
    if token.endswith("s") and not token.endswith("ss") and len(token) > 3:
        return token[:-1]
    return token


@functools.cache
def country_words(code: str) -> frozenset[str]:
    info = countries().get(code)
    words: set[str] = set()
    if info:
        for name in (info.name, *info.other_names, *info.demonyms):
            words.update(stem(t) for t in re.findall(r"\w+", fold(name)))
    for row in data_rows("combining_forms.tsv"):
        if len(row) > 1 and row[1] == code:
            words.add(fold(row[0]))
    return frozenset(words)


@dataclass(frozen=True)
class NameSignature:
    core: frozenset[str]  # the subject: "strategic", "counter terrorism"...
    role: frozenset[str]  # who meets: "foreign minister"


def name_signature(name: str, *, parties: tuple[str, ...] = ()) -> NameSignature:
    """The words of a mechanism's name that identify it, beyond parties and kind."""
    tokens = []
    for token in re.findall(r"[\w+]+", fold(name)):
        tokens.extend(ABBREVIATIONS.get(token, token).split())
    party_words = set().union(*(country_words(p) for p in parties)) if parties else set()
    core, role = set(), set()
    for token in tokens:
        word = stem(token)
        if word in party_words or token in party_words or word in GENERIC or token in GENERIC:
            continue
        if word.isdigit():
            continue
        (role if word in ROLE or token in ROLE else core).add(word)
    return NameSignature(frozenset(core), frozenset(role))


ARITY = {"bilateral": 2, "trilateral": 3, "tripartite": 3, "quadrilateral": 4}


def name_arity(name: str) -> int | None:
    """How many sides the name says the mechanism has ("Trilateral ..."), if it says."""
    found = {ARITY[t] for t in re.findall(r"\w+", fold(name)) if t in ARITY}
    return found.pop() if len(found) == 1 else None


def named_states(name: str, *, candidates: tuple[str, ...]) -> set[str]:
    """Which of the candidate states the name itself names ("Pakistan-Russia JWG")."""
    tokens = set()
    for token in re.findall(r"[\w+]+", fold(name)):
        tokens.update(stem(t) for t in ABBREVIATIONS.get(token, token).split())
    return {
        code
        for code in candidates
        if (country_words(code) - GENERIC - ROLE - {"south", "north", "new"}) & tokens
    }


def series_names_match(a: NameSignature, b: NameSignature) -> str | None:
    """ "same" when the names identify one mechanism, "contains" when one name is a
    fuller form of the other, None when they do not show it."""
    if a.core or b.core:
        if not a.core or not b.core:
            return None
        if a.core == b.core:
            return "same"
        if a.core <= b.core or b.core <= a.core:
            return "contains"
        return None
    if a.role and a.role == b.role:
        return "same"
    return None


# --- People -------------------------------------------------------------------------


@functools.cache
def honorific_phrases() -> tuple[tuple[str, ...], ...]:
    """Honorifics as token sequences, longest first (from the extractor's list)."""
    phrases = {("mr",), ("mrs",), ("ms",), ("dr",), ("he",), ("ambassador",), ("sheikh",)}
    for row in data_rows("honorifics.txt"):
        tokens = tuple(re.findall(r"\w+", fold(row[0])))
        if tokens:
            phrases.add(tokens)
    return tuple(sorted(phrases, key=len, reverse=True))


# Particles that some spellings glue on and others leave out: Al-Khasawneh / Khasawneh.
PARTICLES = {"al", "el", "ul", "bin", "bint", "ibn", "de", "da", "von", "van", "der"}


def person_tokens(name: str) -> tuple[str, ...]:
    """A person's name as comparable tokens: folded, no leading honorifics, no particles."""
    tokens = re.findall(r"\w+", fold(name))
    stripped = True
    while stripped and len(tokens) > 1:
        stripped = False
        for phrase in honorific_phrases():
            if len(tokens) > len(phrase) and tuple(tokens[: len(phrase)]) == phrase:
                tokens = tokens[len(phrase) :]
                stripped = True
                break
    kept = [t for t in tokens if t not in PARTICLES]
    return tuple(kept or tokens)


def token_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= 80


def person_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Strong match of two people's names (already of the same party).

    The family names (last tokens) must agree closely (Ahmad/Ahmed, Erdoğan/Erdogan), and
    every token of the shorter name must match a distinct token of the longer one, initials
    matching their first letter. A one-word name matches nobody here: too weak.
    """
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 2:
        return False
    if len(short[-1]) == 1 or not (
        short[-1] == long_[-1] or fuzz.ratio(short[-1], long_[-1]) >= 85
    ):
        return False
    available = list(long_[:-1])
    for token in short[:-1]:
        hit = next((t for t in available if token_match(token, t)), None)
        if hit is None:
            return False
        available.remove(hit)
    return True
