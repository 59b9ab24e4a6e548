"""People named in a sentence, with the position written before or after the name.

Honorifics ("H.E.", "Mr.", "His Highness", "Sheikh", "Makhdoom") are blanked out in a
copy of the sentence of the same length, so every offset still points into the original.
A name is a run of capitalised words that are neither position words ("Minister",
"Foreign"), nor countries or demonyms, nor places ("Pavilion"); lower-case particles
("bin", "al", "ul", "de", "van") may stand inside it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from meetings.extraction.gazetteer import (
    DEMONYM,
    NAME,
    ORG,
    fold,
    gazetteer,
    read_rows,
    read_words,
)
from meetings.extraction.shapes import (
    AFTER_NAME,
    AFTER_NAME_RE,
    BEFORE_NAME,
    BEFORE_NAME_RE,
    matched,
)
from meetings.extraction.vocab import (
    cue_re,
    honorifics,
    non_name_words,
    title_keywords,
    title_words,
)

PARTICLES = frozenset(read_words("name_particles.txt"))
CONNECTORS = frozenset(["of", "the", "and", "for", "at", "on", "in", "to"])
WORD_RE = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
STOP_NAME = frozenset(read_words("not_names.txt"))
BY_RE = cue_re("lead_by", suffix=r"\s+by\s+")
MEMBER_RE = re.compile(
    r"\b(?:included|including|includes|accompanied by|comprising|along with|in addition to|"
    r"as well as|joined by|members? of|called on|calls? on|courtesy calls?(?: on)?|"
    r"received by|was received|were received|directives?\s+(?:by|of|from)|"
    r"instructions?\s+(?:by|of|from)|at\s+the\s+behest\s+of)\b",
    re.IGNORECASE,
)
# "his Lao counterpart X", "his Lao host X".
COUNTERPART_RE = re.compile(r"(?P<who>[\w'’-]+)\s+(?:counterparts?|host),?\s*\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A person in one sentence; offsets are into that sentence."""

    name: str  # as written, honorifics removed
    display: str  # usual English order ("KAMIKAWA Yoko" -> "Yoko Kamikawa")
    start: int
    end: int
    title: str | None
    title_party: str | None
    lead_party: str | None  # "X led the Pakistani delegation", "the Russian side ... by X"
    counterpart_party: str | None
    member: bool
    tokens: int
    span_start: int = 0  # with the position before the name
    span_end: int = 0  # with the position after the name


@functools.lru_cache(maxsize=1)
def honorific_re() -> re.Pattern:
    parts = []
    for h in honorifics():
        esc = re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]")
        if " " in h:
            # "His Highness the Amir": a multi-word style needs no capital after it.
            parts.append("(?i:" + esc + r")(?![\w])")
        elif h.replace(".", "").isupper() or len(h) <= 3:
            parts.append(esc + r"(?![\w])(?=\s*[A-Z])")  # "HE", "Mr": exact case only
        else:
            parts.append("(?i:" + esc + r")(?![\w])(?=\s*[A-Z])")
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")")


@functools.lru_cache(maxsize=1)
def honorific_words() -> frozenset[str]:
    """One-word honorifics, folded: "Honourable Dr X" is two honorifics, not a name."""
    return frozenset(h.casefold() for h in honorifics() if " " not in h)


def mask_honorifics(text: str) -> str:
    """``text`` with honorifics before a capital letter replaced by spaces (same length).

    A style inside a name stays ("Mohd Najib Tun Abdul Razak"): after a capitalised word
    that is no position word, the name has already begun."""

    def blank(m: re.Match) -> str:
        before = re.search(r"([A-Z][\w'’-]*)\s+\Z", text[max(0, m.start() - 30) : m.start()])
        word = before.group(1) if before else None
        if (
            word
            and not is_title_word(word)
            and word.casefold() not in honorific_words()
            and not gazetteer().entities(word)
        ):
            return m.group()
        return " " * len(m.group())

    return honorific_re().sub(blank, text)


def is_title_word(word: str) -> bool:
    return word.lower().strip("'’") in title_words()


def display_name(tokens: list[str]) -> str:
    """Usual English order: an upper-case family name written first goes last."""
    if (
        len(tokens) >= 2
        and tokens[0].isalpha()
        and tokens[0].isupper()
        and len(tokens[0]) >= 3
        and not all(t.isupper() for t in tokens)
    ):
        tokens = [*tokens[1:], tokens[0].capitalize()]
    elif all(t.isupper() for t in tokens if t.isalpha()):
        tokens = [t.capitalize() for t in tokens]
    return " ".join(tokens)


def find_people(sentence: str, *, known: dict[str, str] | None = None) -> list[Mention]:
    """People in ``sentence``: runs of two or more name words, and single words that are
    a token of a full name in ``known`` (folded token -> full name) from elsewhere."""
    masked = mask_honorifics(sentence)
    gaz = gazetteer()
    ents = gaz.entities(masked)
    ent_at = {}
    for e in ents:
        ent_at[e.start] = e
    ent_cover = set()
    for e in ents:
        ent_cover.update(range(e.start, e.end))
    toks = list(WORD_RE.finditer(masked))
    nonname = non_name_words()
    out: list[Mention] = []
    i = 0
    n = len(toks)

    def namey(k: int) -> bool:
        w = toks[k].group()
        if ARABIC_ARTICLE_RE.fullmatch(w):
            return True  # "Abdel Fattah al-Sisi"
        if not w[:1].isupper() or not w[:1].isalpha():
            return False
        if toks[k].start() in ent_cover or w in STOP_NAME or is_title_word(w):
            return False
        return w.lower() not in nonname

    while i < n:
        if not namey(i):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < 9:
            prev = toks[j - 1].group()
            if (
                prev == "."
                and j - 2 >= i
                and is_initial(toks[j - 2].group())
                and j < n
                and namey(j)
                and toks[j].start() - toks[j - 1].end() <= 1
            ):
                j += 1  # after an initial: "S. Jaishankar"
                continue
            if toks[j].group() == "." and is_initial(prev) and j + 1 < n and namey(j + 1):
                j += 1
                continue
            if namey(j) and toks[j].start() - toks[j - 1].end() <= 1:
                j += 1
                continue
            if (
                toks[j].group().lower() in PARTICLES
                and j + 1 < n
                and namey(j + 1)
                and toks[j].start() - toks[j - 1].end() <= 1
            ):
                j += 2
                continue
            if (
                j + 2 < n
                and toks[j].group().lower() in PARTICLES
                and toks[j + 1].group().lower() in PARTICLES
                and namey(j + 2)
                and toks[j].start() - toks[j - 1].end() <= 1
                and toks[j + 1].start() - toks[j].end() <= 1
            ):
                j += 3  # "de la Fuente", "van der Berg"
                continue
            break
        if korean_given_name_tail(toks, i, j):
            j += 1  # "Park Ji won": the given name's second syllable in lower case
        run = toks[i:j]
        # Honours after the name ("Musalia Mudavadi E.G.H."): letters after two words.
        k = len(run)
        while k > 0 and (run[k - 1].group() == "." or is_initial(run[k - 1].group())):
            k -= 1
        if k < len(run) and sum(len(t.group()) > 2 for t in run[:k]) >= 2 and (len(run) - k >= 3):
            run = run[:k]
        if run[0].group() == "A" and (len(run) < 3 or len(run[1].group()) > 1):
            i = j if len(run) > 1 and run[1].group() != "." else i + 1
            if len(run) == 1 or run[1].group() == ".":
                continue
            run = run[1:]  # sentence-initial article "A"
        words = [t.group() for t in run]
        start, end = run[0].start(), run[-1].end()
        i = j
        # A run right after "the" (no comma) is a thing: "the Vahdettin Pavilion".
        before = masked[max(0, start - 5) : start]
        if re.search(r"\bthe\s+\Z", before, re.IGNORECASE):
            continue
        if end < len(masked) and masked[end : end + 2] in ("'s", "’s") and len(words) == 1:
            pass
        if len(words) == 1:
            if known and words[0].casefold() in known:
                full = known[words[0].casefold()]
            elif surname_after_state_title(masked, start, ents, toks, i=j - 1) or (
                one_name_leading(masked, start, end, ents)
            ):
                full = None  # "Greek PM Mitsotakis": the article gives no more of it
            else:
                continue
        else:
            full = None
        out.append(describe(sentence, masked, start, end, words, full, ents))
    # "The Japanese side was led by A and B": B is of A's side, not a head of another.
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if (
            a.lead_party
            and not b.lead_party
            and not b.title_party
            and re.fullmatch(r"\s*,?\s*and\s+", masked[a.span_end : b.span_start])
        ):
            out[k + 1] = dataclasses.replace(b, lead_party=a.lead_party, member=True)
    # "A and B represented India": the side named after the pair is both people's.
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if (
            b.lead_party
            and not a.lead_party
            and re.fullmatch(
                r"\s*,?\s*and\s+(?:[A-Z][\w'’-]*\s+){0,4}", masked[a.span_end : b.start]
            )
        ):
            out[k] = dataclasses.replace(a, lead_party=b.lead_party)
    return out


# Initials of transliterated names may be two letters: "Zh. Khodzhaev", "Sh. Mirziyoyev".
DIGRAPH_INITIALS = frozenset({"Ch", "Kh", "Sh", "Ts", "Ya", "Ye", "Yo", "Yu", "Zh"})


def is_initial(word: str) -> bool:
    return (len(word) == 1 and word.isupper()) or word in DIGRAPH_INITIALS


ARABIC_ARTICLE_RE = re.compile(r"(?:al|el|ul|ad|ar|as|ash|at|az|ud|ed)-[A-Z][\w'’]+")


KOREAN_SURNAMES = frozenset(read_words("korean_surnames.txt"))


def korean_given_name_tail(toks, i: int, j: int) -> bool:
    """ "Park Ji won," / "Kim Sung han and": a Korean surname, a syllable, then a short
    lower-case syllable that ends the name."""
    if j - i != 2 or toks[i].group() not in KOREAN_SURNAMES or j >= len(toks):
        return False
    tail = toks[j]
    if not (tail.group().isalpha() and tail.group().islower() and len(tail.group()) <= 4):
        return False
    if tail.start() - toks[j - 1].end() != 1:
        return False
    after = toks[j + 1].group() if j + 1 < len(toks) else ""
    return after in ("", ",", ".", ";", ")", "and")


def surname_after_state_title(masked: str, start: int, ents, toks, *, i: int) -> bool:
    """A single name right after a state's head position: "Greek PM Mitsotakis",
    "Cypriot President Anastasiades," (not "the President Hotel")."""
    if i < 1 or not is_title_word(toks[i - 1].group()) or toks[i - 1].group().islower():
        return False
    if not re.match(
        r"\s*(?:[,.;:]|\s(?:and|said|says|who|was|has|had|met|held)\b)", masked[toks[i].end() :]
    ):
        return False
    title, _ = read_title_before(masked, start, ents)
    if not title or re.search(r"\bthe\s*\Z", title, re.IGNORECASE):
        return False
    head = title.split()[-1].lower()
    return head in HEAD_OF_STATE_WORDS and party_in_title(title) is not None


def one_name_leading(masked: str, start: int, end: int, ents) -> bool:
    """A single name after a position that leads: "Deputy Permanent Secretary Somchai led
    the delegation" (a person known by one name, as many Thai officials are)."""
    if not re.match(r"\s+(?:co-)?(?:led|headed|chaired)\b", masked[end:]):
        return False
    title, _ = read_title_before(masked, start, ents)
    return bool(title) and has_keyword(title) and not re.search(r"\bthe\s*\Z", title, re.I)


HEAD_OF_STATE_WORDS = frozenset(
    {"president", "pm", "premier", "chancellor", "minister", "king", "emir", "amir"}
)


def describe(
    sentence: str, masked: str, start: int, end: int, words: list[str], full: str | None, ents
) -> Mention:
    title_before, tb_start = read_title_before(masked, start, ents)
    title_after, ta_end = read_title_after(masked, end)
    title = title_after or title_before
    # A rank before the name ("Ambassador X", "Major General (Rtd) X, Minister of
    # Defence") yields to the position written after it.
    if title_before and title_after and not rank_only(title_before):
        title = title_after if len(title_after) > len(title_before) else title_before
    title = clean_title(title)
    if title and title == clean_title(title_before):
        # "Minister of Foreign Affairs Prince Faisal": a royal style before the name.
        bare = re.sub(r"(?<!Crown)\s+(?:Prince|Princess)\Z", "", title)
        if bare != title and has_keyword(bare):
            title = bare
    title_party = party_in_title(title) if title else None
    if title_party is None and title and not title_after:
        # "Deputy Foreign Minister Sergei Ryabkov of Russia".
        of = re.match(
            r"\s+of\s+(?:the\s+)?([A-Z][\w'’ -]{2,40}?)(?=\s*[,.;]|\s+(?:and|led|"
            r"headed|while|co-chaired|chaired|said|held)\b)",
            masked[end : end + 60],
        )
        if of:
            title_party = gazetteer().country_code(of.group(1))
    lead = None
    m = AFTER_NAME_RE.match(masked[ta_end if title_after else end :])
    hit = matched(m, AFTER_NAME) if m else None
    if hit:
        shape, side = hit
        # "represented Russia": the side is a country given alone.
        by_name = shape.name == "represented X"
        lead = gazetteer().country_code(side.strip()) if by_name else party_in(side)
    # The shape ends before the position ("was led by <Director General> X"), or is the
    # position ("The leader of the Australian delegation, X").
    for pre_end in dict.fromkeys((tb_start if title_before else start, start)):
        if lead is not None:
            break
        pre_start = max(0, pre_end - 80)
        m = BEFORE_NAME_RE.search(masked[pre_start:pre_end])
        hit = matched(m, BEFORE_NAME) if m else None
        if hit:
            shape, side = hit
            # A gapped list counts only inside one that began with "X was led by".
            if not shape.needs_list or BY_RE.search(masked, 0, pre_start + m.start()):
                lead = party_in(side)
    cp = None
    m = COUNTERPART_RE.search(masked[max(0, start - 40) : start])
    if m is None and title_before:
        # "his Vietnamese counterpart, Deputy Foreign Minister X".
        m = COUNTERPART_RE.search(masked[max(0, tb_start - 40) : tb_start])
    if m:
        cp = party_in(m.group("who"))
    lo = max(0, start - 200)
    clause_start = max(masked.rfind(";", lo, start), masked.rfind(" while ", lo, start), 0)
    span_from = tb_start if title_before else start
    member = is_member(masked[max(clause_start, span_from - 80) : span_from])
    words = [w for w in words if w != "."]
    words = [
        w + "." if is_initial(w) and end < len(masked) and idx_dot(masked, w, start, end) else w
        for w in words
    ]
    name = full or " ".join(words)
    display = full or display_name(words)
    written = re.sub(r"\s+", " ", sentence[start:end])
    if not full and display == name and written.replace(" ", "") == name.replace(" ", ""):
        name = display = written  # initials as written: "A.K. Pal", not "A. K. Pal"
    return Mention(
        name=name,
        display=display,
        start=start,
        end=end,
        title=title,
        title_party=title_party,
        lead_party=lead,
        counterpart_party=cp,
        member=member,
        tokens=len(words),
        span_start=tb_start if title_before else start,
        span_end=ta_end if title_after else end,
    )


def is_member(before: str) -> bool:
    """ "accompanied by X", "In addition to Y, the US was represented by X": X is a member
    of a delegation; but "the delegation comprising ten members was headed by X" heads it."""
    cues = list(MEMBER_RE.finditer(before))
    if not cues:
        return False
    last = cues[-1]
    return last.group().lower() == "in addition to" or not BY_RE.search(before, last.end())


def idx_dot(masked: str, word: str, start: int, end: int) -> bool:
    """True when the one-letter ``word`` is written with a full stop inside the name."""
    return bool(re.search(r"(?<![\w])" + re.escape(word) + r"\.", masked[start:end]))


def party_in(text: str) -> str | None:
    """alpha3 (or organisation) of the first country/demonym/organisation in ``text``,
    or of the capital that stands for its state ("New Delhi was represented by")."""
    gaz = gazetteer()
    for e in gaz.entities(text):
        if e.kind in (NAME, DEMONYM, ORG):
            return e.code
    return capital_state(text.strip())


@functools.lru_cache(maxsize=1)
def states_by_capital() -> dict[str, str]:
    return {fold(city): code for code, city in gazetteer().capitals.items()}


def capital_state(name: str) -> str | None:
    return states_by_capital().get(fold(name))


def is_place_word(word: str) -> bool:
    """A province or city qualifying a position ("Balochistan Chief Secretary")."""
    gaz = gazetteer()
    parts = [word, *word.split("-")] if "-" in word else [word]
    return any(fold(p) in gaz.subdivisions or gaz.city(p) is not None for p in parts)


def party_in_title(title: str) -> str | None:
    """The state a position belongs to: the first country or demonym not after "to"/"in"
    ("Pakistan's Ambassador to Brazil" is Pakistani; "Ambassador in Cairo" says nothing),
    else a body that names its state without naming it ("at the Department of State")."""
    for e in gazetteer().entities(title):
        if e.kind not in (NAME, DEMONYM, ORG):
            continue
        before = title[max(0, e.start - 8) : e.start].lower()
        if re.search(r"\b(?:to|in|with|for)\s+(?:the\s+)?\Z", before):
            continue
        return e.code
    m = ministries_re().search(title)
    return ministries()[m.group().lower().replace("’", "'")] if m else None


@functools.lru_cache(maxsize=1)
def ministries() -> dict[str, str]:
    return dict(read_rows("ministries.tsv"))


@functools.lru_cache(maxsize=1)
def ministries_re() -> re.Pattern:
    names = sorted(ministries(), key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace("'", "['’]") for n in names)
    return re.compile(r"\b(?:" + alternatives + r")\b", re.IGNORECASE)


def read_title_before(masked: str, start: int, ents) -> tuple[str | None, int]:
    """Position written before a name ("Turkish President", "the Emir of Qatar, ")."""
    # "... was headed by <title> <name>": everything after "by" is the title.
    window = masked[max(0, start - 160) : start]
    by = None
    for m in BY_RE.finditer(window):
        by = m
    if by is not None:
        text = window[by.end() :]
        if (
            text.strip()
            and has_keyword(text)
            and not re.search(r"[.;]", text)
            and (only_title_words(text) or portfolio_title(text))
        ):
            return text.strip(" ,"), start - len(window) + by.end()
    lo = max(0, start - 200)
    toks = list(WORD_RE.finditer(masked, lo, start))
    ent_cover = set()
    for e in ents:
        if e.end > lo and e.start < start:
            ent_cover.update(range(e.start, e.end))
    k = len(toks) - 1
    # "the Prime Minister of Malaysia, the Honourable X": the article of a style.
    if k >= 1 and toks[k].group().lower() == "the" and toks[k - 1].group() == ",":
        k -= 1
    # Appositive form: "the Emir of Qatar, Sheikh Tamim ..." (comma before the name).
    if k >= 0 and toks[k].group() == ",":
        k -= 1
    first = None
    depth = 0
    before_paren = None
    while k >= 0:
        tok = toks[k]
        w = tok.group()
        if w == ")":
            if depth == 0:
                before_paren = first
            depth += 1
        elif w == "(":
            depth = max(0, depth - 1)
            # "Director General (Counter Terrorism)" but not "(Agency) -- Chinese President".
            left = toks[k - 1] if k > 0 else None
            if depth == 0 and not (
                left is not None and (is_title_word(left.group()) or left.start() in ent_cover)
            ):
                first = before_paren
                break
        elif depth or w in ("'s", "’s", "'", "’") or tok.start() in ent_cover or is_title_word(w):
            pass
        elif w.lower() in CONNECTORS:
            if w.lower() == "and":
                prev = toks[k - 1].group() if k > 0 else ""
                # "State Councilor and Foreign Minister", but not "... of Russia and
                # Under Secretary X": a country before "and" ends someone else's title.
                if not is_title_word(prev):
                    break
        elif (
            w[:1].isupper()
            and k > 0
            and (
                toks[k - 1].group().lower() in CONNECTORS
                or is_title_word(toks[k - 1].group())
                or toks[k - 1].group() == "("
            )
        ):
            pass
        else:
            break
        first = k
        k -= 1
    if first is None:
        return None, start
    # Trim leading connectors ("the", "and").
    while first < len(toks) and toks[first].group().lower() in CONNECTORS:
        first += 1
    if first >= len(toks):
        return None, start
    s = toks[first].start()
    text = masked[s:start].strip(" ,")
    if (
        not has_keyword(text)
        and text.split()[0].lower() in ORG_STARTS
        and first > 0
        and toks[first - 1].group() == ","
    ):
        # "Joint Secretary for Counter Terrorism, Ministry of External Affairs, X": the
        # body after the position.
        outer, outer_start = read_title_before(masked, toks[first - 1].start(), ents)
        if outer and has_keyword(outer):
            return f"{outer}, {text}", outer_start
    if not has_keyword(text):
        return None, start
    if (
        text.lower() in RANK_ONLY
        and first > 0
        and toks[first - 1].group() == ","
        and re.search(r"\w", masked[max(0, s - 200) : toks[first - 1].start()])
    ):
        # "the Vice Minister of Foreign Affairs of Peru, Ambassador X": the rank stands
        # for an honorific; the position is the appositive before it.
        outer, outer_start = read_title_before(masked, s, ents)
        if outer and outer[:1].isupper() and outer.lower() not in RANK_ONLY:
            return outer, outer_start
    return text, s


# Ranks written like honorifics between an appositive position and the name.
RANK_ONLY = frozenset({"ambassador", "amb.", "prince", "princess"})
RANK_WORDS = frozenset(
    {
        "ambassador",
        "amb",
        "general",
        "major",
        "lieutenant",
        "colonel",
        "brigadier",
        "admiral",
        "rear",
        "vice",
        "air",
        "marshal",
        "commander",
        "rtd",
        "retd",
        "retired",
    }
)


def rank_only(title: str) -> bool:
    """ "Major General (Rtd)", "Ambassador": a rank, not a position."""
    words = re.findall(r"[\w]+", title.lower().replace("-", " "))
    return bool(words) and all(w in RANK_WORDS for w in words)


# Honours written after a name: "Musalia Mudavadi E.G.H., Prime Cabinet Secretary".
POST_NOMINAL_RE = re.compile(r"\s+(?:[A-Z]\.){2,4}[A-Z]?\.?(?=\s*,)")


def read_title_after(masked: str, end: int) -> tuple[str | None, int]:
    """Position written after a name: ", Director General ..., Ministry of ...,"."""
    post = POST_NOMINAL_RE.match(masked, end)
    if post:
        end = post.end()
    # ", Director General ..." or, in a list laid out line by line, the next line.
    if not re.match(r"\s*,|[ \t]*\n", masked[end : end + 5]):
        return None, end
    pos = end
    segments = []
    seg_end = end
    while True:
        sep = r"\s*,\s*" if segments or not re.match(r"[ \t]*\n", masked[pos:]) else r"[ \t]*\n\s*"
        m = re.match(sep, masked[pos:])
        if not m:
            break
        seg_start = pos + m.end()
        stop = re.search(
            # "..., Minister of X of India and H.H. Sheikh Y": "and", then an honorific
            # (masked as spaces) and a capital, is the next person.
            r",|;|\.(?=\s|$)|\s(?:and\s+)?(?:included|includes|including|comprising)\b|"
            r"\sand\s{3,}(?=[A-Z])|"
            # "..., the Ghanaian Commissioner for Volta Waters and the visiting Togolese
            # delegation was led by": the next side's clause.
            r"\sand\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:delegation|side|team)\b|"
            r"\s(?:who\b|which\b|while\b|whereas\b|"
            r"led\b|headed\b|co-chaired\b|chaired\b|said\b|was\b|were\b|is\b|"
            r"has\b|had\b|in the\b(?!\s+(?:Ministry|Department|Office|Secretariat|Bureau)\b)|"
            r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday)\b)",
            masked[seg_start : seg_start + 200],
        )
        seg_stop = seg_start + (stop.start() if stop else min(200, len(masked) - seg_start))
        seg = masked[seg_start:seg_stop].strip()
        if not segments and seg.startswith("the "):
            # "X, the Pakistan Commissioner for Indus Waters"; but in "X, the President of
            # South Africa, His Excellency Y" the position is the next person's.
            after = masked[seg_stop:]
            nxt = re.match(r"\s*,\s*([^,.;]{1,60})", after)
            if re.match(r"\s*,\s{2,}[A-Z]", after) or (nxt and holds_a_name(nxt.group(1))):
                break
            seg = seg[4:]
        # "Joint Secretary (PP&R), in the Ministry of External Affairs of India": the body
        # of the position, said with "in the".
        body_in = re.match(r"in\s+the\s+(?=[A-Z])", seg) if segments else None
        written, seg = seg, seg[body_in.end() :] if body_in else seg
        if body_in and seg.split()[0].lower() not in ORG_STARTS:
            break
        if not seg or not title_like(seg):
            break
        if not segments and not has_keyword(seg):
            break
        if holds_a_name(seg) or re.search(r"\s[A-Z]\Z", seg) or ends_with_surname(seg):
            # ", President of Kyrgyzstan Sadyr Japarov" or ", ... Minister S. Jaishankar":
            # the next person
            break
        # "of the Foreign, Commonwealth and Development Office": a body named by a list.
        body_list = bool(
            segments
            and seg.split()[-1].lower() in ("office", "ministry", "department")
            and not has_keyword(seg)
            and segments[-1].split()[-1][:1].isupper()
        )
        if body_list:
            segments[-1] = segments[-1] + ", " + seg
            seg_end = seg_stop
            pos = seg_stop
            if not stop or masked[seg_stop : seg_stop + 1] != ",":
                break
            continue
        if segments and not (
            seg.split()[0].lower() in ORG_STARTS
            or (seg.split()[0][:1].isupper() and is_title_word(seg.split()[0]))
        ):
            break
        if segments and has_keyword(seg) and seg.split()[0].lower() not in ORG_STARTS:
            break  # a second person's title, not ours
        segments.append(written)
        seg_end = seg_stop
        pos = seg_stop
        if not stop or masked[seg_stop : seg_stop + 1] != ",":
            break
    if not segments:
        return None, end
    return ", ".join(segments), seg_end


# A comma-separated part of a position may go on with the body it belongs to.
ORG_STARTS = frozenset(
    {
        "ministry",
        "department",
        "government",
        "embassy",
        "office",
        "international",
        "bureau",
        "division",
        "directorate",
        "secretariat",
        "commission",
        "council",
        "committee",
        "presidency",
        "cabinet",
    }
)


def title_like(seg: str) -> bool:
    """Every word is a position/body word, a connector, a country, or capitalised."""
    words = WORD_RE.findall(seg)
    if not words or len(words) > 30:
        return False
    if not (words[0][:1].isupper() or is_title_word(words[0])):
        return False
    for w in words:
        if w in "()'’-&" or w.lower() in CONNECTORS or is_title_word(w) or w[:1].isupper():
            continue
        if w.lower() in ("ad", "interim", "a.i.", "i"):
            continue
        if re.fullmatch(r"[a-z-]+", w) and w.lower() in title_words():
            continue
        return False
    return True


def holds_a_name(text: str) -> bool:
    """True when two capitalised words that are neither position words nor countries
    follow a position word or a country: "... of Kyrgyzstan Sadyr Japarov"."""
    ents = gazetteer().entities(text)
    cover = set()
    for e in ents:
        cover.update(range(e.start, e.end))
    toks = list(WORD_RE.finditer(text))
    for i in range(1, len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        prev = toks[i - 1].group()
        if prev.lower() in CONNECTORS or prev in "(,":
            continue
        if all(
            t.group()[:1].isupper() and t.start() not in cover and not is_title_word(t.group())
            for t in (a, b)
        ):
            return True
    return False


def ends_with_surname(text: str) -> bool:
    """ ", Cypriot President Anastasiades": a position word, then a word that is none."""
    words = WORD_RE.findall(text)
    if len(words) < 2 or words[-2].lower() not in HEAD_OF_STATE_WORDS or words[-2].islower():
        return False
    last = words[-1]
    return (
        last[:1].isupper()
        and not is_title_word(last)
        and not gazetteer().entities(last)
        and not is_place_word(last)
        and last.lower() not in non_name_words()
    )


def only_title_words(text: str) -> bool:
    """True when every capitalised word is a position word or a country (no other name)."""
    ents = gazetteer().entities(text)
    cover = set()
    for e in ents:
        cover.update(range(e.start, e.end))
    depth = 0
    for m in WORD_RE.finditer(text):
        w = m.group()
        depth += (w == "(") - (w == ")")
        if depth or not w[:1].isupper() or m.start() in cover or is_title_word(w):
            continue
        if is_place_word(w):
            continue
        return False
    return True


PORTFOLIO_RE = re.compile(
    r"\s*(?:the\s+)?(?:[\w-]+\s+){0,3}?(?P<kw>[\w-]+)\s+(?:of|for)\s+(?:the\s+)?[A-Z]"
)


def portfolio_title(text: str) -> bool:
    """ "Minister of Trade, Industry and Cooperatives, ": a position whose portfolio lists
    capitalised subjects that are not position words, but holds no person's name."""
    m = PORTFOLIO_RE.match(text)
    if not m or m.group("kw").lower() not in title_keywords():
        return False
    seg = re.sub(r"\A(?:the|The)\s+", "", text.strip(" ,"))
    for part in seg.split(","):
        words = part.split()
        if len(words) >= 2 and all(
            w[:1].isupper()
            and not is_title_word(w)
            and w.lower() not in title_keywords()
            and w.lower() not in non_name_words()
            for w in words
        ):
            return False  # ", Amina Mohamed, and the Minister of Defence": a person
    return title_like(seg.replace(",", " ")) and not holds_a_name(seg)


def has_keyword(text: str) -> bool:
    words = {w.lower() for w in WORD_RE.findall(text)}
    words |= {part for w in words if "-" in w for part in w.split("-")}  # "Vice-Minister"
    return bool(words & title_keywords())


def clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s*\((?:Chair|chair|Co-Chair|co-chair|host)\)\s*", " ", title)
    title = re.sub(r"\s+", " ", title).strip(" ,;:")
    title = re.sub(r"\A(?:the|The)\s+|,\s+the\Z", "", title)
    title = re.sub(r"\A(?:his|her|their|its)\s+", "", title, flags=re.IGNORECASE)
    # "Minister of Foreign Affairs Senator X", "Permanent Secretary Ambassador X": the
    # last word is how the person is addressed, the rest the position.
    rest = re.sub(r"\s+(?:Senator|Ambassador)\Z", "", title)
    if rest != title and has_keyword(rest):
        title = rest
    # "the country's Deputy Foreign Minister": the state is the delegation's own.
    title = re.sub(
        r"\A(?:the\s+)?(?:country|nation|kingdom|republic)['’]s\s+", "", title, flags=re.IGNORECASE
    )
    return title or None
