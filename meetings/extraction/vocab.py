"""Small readable vocabularies from ``data/``, loaded once."""

from __future__ import annotations

import functools
import re

from meetings.extraction.gazetteer import read_rows, read_words


@functools.lru_cache(maxsize=1)
def cue_phrases() -> dict[str, tuple[str, ...]]:
    """``data/cues.tsv`` by category: the lexicon of event, future, past, lead and host
    words that the decision and the heads readers share."""
    table: dict[str, list[str]] = {}
    for category, phrase in read_rows("cues.tsv"):
        table.setdefault(category, []).append(phrase.replace(" ", r"\s+"))
    return {k: tuple(v) for k, v in table.items()}


@functools.cache
def cue_re(*categories: str, prefix: str = r"\b", suffix: str = r"\b") -> re.Pattern:
    """One compiled pattern for the phrases of ``categories``, longest first."""
    phrases = sorted((p for c in categories for p in cue_phrases()[c]), key=len, reverse=True)
    return re.compile(prefix + "(?:" + "|".join(phrases) + ")" + suffix, re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def kind_triggers() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for all mechanism head words (a few dozen, longest first) and a map
    from the folded trigger to its kind slug. Acronyms match in capitals only."""
    table: dict[str, str] = {}
    words = []
    acronyms = []
    for phrase, kind in read_rows("kinds.tsv"):
        table[phrase] = kind
        if phrase.isalpha() and len(phrase) <= 4 and phrase not in ("talk",):
            acronyms.append(phrase.upper())
        else:
            words.append(phrase)
    words.sort(key=len, reverse=True)
    parts = [
        r"(?i:" + re.escape(w).replace(r"\ ", r"[\s-]+").replace("'", "['’]?") + ")" for w in words
    ]
    parts += [re.escape(a) + (r"(?:-[A-Z]{1,5})?" if a == "JWG" else "") for a in acronyms]
    # Not inside a longer word or compound ("ministerial-level", "summit-level").
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w+]|-[a-z])")
    return pattern, table


def trigger_kind(surface: str) -> str:
    """Kind slug for a matched trigger surface ("Joint Working Group", "JWG-CT")."""
    _, table = kind_triggers()
    key = re.sub(r"[\s-]+", " ", surface.lower()).replace("’", "'")
    if key.startswith("jwg"):
        return "joint-working-group"
    if key in table:
        return table[key]
    key2 = key.replace("-", " ")
    for phrase, kind in table.items():
        if phrase.replace("-", " ") == key2 or phrase.replace("'", "") == key2:
            return kind
    return "other"


@functools.lru_cache(maxsize=1)
def topic_triggers() -> tuple[re.Pattern, dict[str, str]]:
    rows = read_rows("topics.tsv")
    table = dict(rows)
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words)
        + r")(?![\w])",
        re.IGNORECASE,
    )
    return pattern, table


QUALIFYING_TOPIC_WORDS = frozenset({"regional", "delimitation", "demarcation"})


def topic_of(name: str) -> str | None:
    """The first subject word of a mechanism's name, as a topic slug, or None."""
    pattern, table = topic_triggers()
    hits = list(pattern.finditer(name))
    if not hits:
        return None
    # "Regional" qualifies a subject ("Regional Anti-Terrorist Structure") when one follows;
    # "demarcation of maritime borders" is about the sea, of the state border a border.
    m = next((h for h in hits if h.group().lower() not in QUALIFYING_TOPIC_WORDS), hits[0])
    # "Foreign and Defence Ministerial": two subjects, one of them not a topic.
    before = re.search(r"([\w'’-]+)\s+(?:and|&)\s+\Z", name[: m.start()])
    if before and before.group(1).lower() not in table and not pattern.fullmatch(before.group(1)):
        return None
    key = re.sub(r"[\s-]+", " ", m.group().lower())
    return table.get(key) or table.get(m.group().lower())


@functools.lru_cache(maxsize=1)
def ordinal_words() -> dict[str, int]:
    table = {w: int(n) for w, n in read_rows("ordinals.tsv")}
    tens = {
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    }
    units = {w: n for w, n in table.items() if n < 10}
    for t, tv in tens.items():
        for u, uv in units.items():
            table[f"{t}-{u}"] = tv + uv
            table[f"{t} {u}"] = tv + uv
    return table


@functools.lru_cache(maxsize=1)
def honorifics() -> tuple[str, ...]:
    return tuple(sorted(read_words("honorifics.txt", per_line=True), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_words("title_words.txt"))


@functools.lru_cache(maxsize=1)
def title_keywords() -> frozenset[str]:
    return frozenset(w.lower() for w in read_words("title_keywords.txt"))


@functools.lru_cache(maxsize=1)
def non_name_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_words("non_name_words.txt"))


@functools.lru_cache(maxsize=1)
def non_state_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_words("non_state.txt"))


@functools.lru_cache(maxsize=1)
def non_state_sentence_words() -> frozenset[str]:
    return frozenset(w.lower() for w in read_words("non_state_sentence.txt"))


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(token: str) -> int | None:
    """Value of an upper-case Roman numeral of 2 to 7 letters ("VIII", "XXVI"), else None."""
    if not (2 <= len(token) <= 7) or any(c not in ROMAN for c in token):
        return None
    total = 0
    for i, c in enumerate(token):
        v = ROMAN[c]
        if i + 1 < len(token) and ROMAN[token[i + 1]] > v:
            total -= v
        else:
            total += v
    canonical = to_roman(total)
    return total if canonical == token else None


def to_roman(n: int) -> str:
    out = []
    for value, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


# The words by which a sentence refers back to a session ("The virtual meeting ...").
SESSION_NOUNS = r"(?:meeting|session|talks|round|consultations?|dialogue)"

ORDINAL_RE = re.compile(
    r"(?<![\w-])(?:(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<roman>[IVXLC]{2,7})"
    r"|(?P<word>(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-]"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first-ever|inaugural|maiden|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
    r"tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
    r"nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|"
    r"ninetieth|hundredth)))(?![\w-])"
)


def ordinal_value(m: re.Match) -> int | None:
    if m.group("num"):
        value = int(m.group("num"))
        return value if value > 0 else None
    if m.group("roman"):
        return roman_value(m.group("roman"))
    word = m.group("word").lower().replace("\u2010", "-")
    return ordinal_words().get(word) or ordinal_words().get(word.replace(" ", "-"))
