"""Where a session took place: a city and its country, a country alone, here, or online.

Read from the sentences that report the session, first cue by position wins:
"here"/"this city" (the dateline city), "in/at ... in <City>", "province of <X>",
"in <Country>", "visit to <Country>". "in X" after an embassy, ministry or ambassador is
where that body sits, not the venue, and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from meetings.extraction.dates import MONTHS as MONTH_NUMBERS
from meetings.extraction.dates import WEEKDAYS
from meetings.extraction.gazetteer import ALIAS_POPULATION, DEMONYM, NAME, fold, gazetteer
from meetings.extraction.vocab import cue_re

VIRTUAL_RE = re.compile(
    r"\b(?:via\s+video|by\s+video|video[\s-]?conferenc\w*|videoconferenc\w*|video\s+link|"
    r"virtual(?:ly)?\s+(?:format|mode|meeting|session|round)?|held\s+virtually|virtually|"
    r"held\s+online|in\s+(?:an\s+)?online\s+format|online\s+meeting|via\s+(?:zoom|webex))\b",
    re.IGNORECASE,
)
HERE_RE = re.compile(r"\b(?:here|this\s+(?:[a-z-]+\s+){0,3}(?:city|capital|town))\b", re.IGNORECASE)
PLACE_RE = re.compile(
    r"\b(?P<prep>[Ii]n|at|to|on)\s+(?:the\s+)?"
    # "in downtown Lima", "in northern Tumbes region"
    r"(?:(?:downtown|central|(?:north|south)(?:-?(?:east|west))?ern|eastern|western)\s+)?"
    # "in the city of Tumbes", "in the capital Vientiane"
    r"(?:(?:[\w-]+\s+){0,4}?(?:city|capital|town|"
    r"port|resort|province|region|island)\s+(?:of\s+)?)?"
    r"(?P<place>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|del|da|al|el|es|sur|am|upon)){0,3})"
)
# "in the Uzbek capital" (no name given): the capital of that state.
CAPITAL_RE = re.compile(
    r"\b(?:[Ii]n|at)\s+the\s+(?P<who>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\s+capital\b"
    r"(?:,?\s+(?P<named>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?))?(?!\s+of\b)"
)
# "Tashkent hosted the fifth meeting", "Tashkent served as the venue for": the host
# city or state as the subject.
HOSTED_RE = cue_re("hosted", prefix=r"\b(?P<place>(?-i:[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?))\s+")
PROVINCE_RE = re.compile(
    r"\b(?:province|region|state|prefecture|governorate|oblast)\s+of\s+(?P<a>[A-Z][\w'’-]*)"
    r"|(?P<b>[A-Z][\w'’-]*)\s+(?:Province|Region|Prefecture|Governorate|Oblast)\b"
)
# A city named beside the word "city" or a building in it: "Balochistan's port city,
# Gwadar", "the Zahedan city of Iran", "at a Nairobi hotel".
NAMED_CITY_RE = re.compile(
    r"['’]s\s+(?:[a-z-]+\s+){0,2}(?:city|capital|town),?\s+(?P<a>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
    r"|\bthe\s+(?P<b>[A-Z][\w'’-]+)\s+city\s+of\b"
    r"|\bat\s+(?:a|the)\s+(?:[A-Z][\w'’-]+\s+)?(?P<c>[A-Z][\w'’-]+)\s+"
    r"(?i:hotel|conference\s+(?:centre|center|hall))\b"
)
SKIP_BEFORE_RE = re.compile(
    r"\b(?:embassy|ambassadors?|envoys?|consulate|mission|based|stationed|high\s+commission|"
    r"residing|lives|born|investors?|companies|(?:ministry|office)\s+(?:said|says))\s+\Z",
    re.IGNORECASE,
)
# "is visiting Vietnam and co-chairing the 43rd session": the host state.
# ("his visiting Pakistani counterpart" is the guest, not the place.)
VISITING_RE = re.compile(
    r"\b(?:is|are|was|were|been|while|when)\s+visiting\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
)
# Capitalised words after "in" that are dates, not places.
MONTHS = frozenset(w.capitalize() for w in (*MONTH_NUMBERS, *WEEKDAYS))


@dataclass(frozen=True)
class Venue:
    city: str | None
    country: str | None
    virtual: bool
    pos: int  # offset in the sentence of the cue


# A town smaller than this loses its name to a province of another country ("Bali").
SMALL_TOWN = 500_000


def province_abroad(name: str, city) -> str | None:
    """alpha3 of the province called ``name`` when the city of that name is a small town
    in another country; None otherwise (Moscow, Tehran, Washington stay cities)."""
    province = gazetteer().subdivisions.get(name.lower())
    if city is None or province is None or province == city.country:
        return None
    return province if city.population < SMALL_TOWN else None


def find_venue(
    sentence: str, *, dateline_city: str | None, dateline_country: str | None, start: int = 0
) -> Venue | None:
    """The first venue cue in ``sentence[start:]``; None when the sentence has none."""
    gaz = gazetteer()
    if VIRTUAL_RE.search(sentence, start):
        return Venue(None, None, True, VIRTUAL_RE.search(sentence, start).start())
    cues: list[Venue] = []
    for m in CAPITAL_RE.finditer(sentence, start):
        ents = gaz.entities(m.group("who"))
        code = ents[0].code if ents and ents[0].kind in (NAME, DEMONYM) else None
        capital = gaz.capitals.get(code) if code else None
        named = gaz.city(m.group("named")) if m.group("named") else None
        if named is not None:  # "in the Kazakh capital, Astana"
            cues.append(Venue(m.group("named"), named.country, False, m.start()))
        elif capital and not m.group("named"):
            cues.append(Venue(capital, code, False, m.start()))
    for m in HOSTED_RE.finditer(sentence, start):
        place = m.group("place")
        city = gaz.city(place)
        code = gaz.country_code(place)
        if city is not None and code is None:
            cues.append(
                Venue(place if not place.isupper() else city.name, city.country, False, m.start())
            )
        elif code is not None:
            cues.append(Venue(None, code, False, m.start()))
    for m in VISITING_RE.finditer(sentence, start):
        ents = gaz.entities(m.group("place"))
        if ents and ents[0].start == 0 and ents[0].kind == NAME:
            cues.append(Venue(None, ents[0].code, False, m.start()))
    m = HERE_RE.search(sentence, start)
    if m and dateline_city and not re.match(r"\s+and\s+there", sentence[m.end() : m.end() + 12]):
        cues.append(Venue(dateline_city, dateline_country, False, m.start()))
    for m in PROVINCE_RE.finditer(sentence, start):
        name = m.group("a") or m.group("b")
        code = gaz.subdivisions.get(name.lower())
        if code is None:
            # "the southern Chinese island province of Hainan": the demonym says which.
            for e in gaz.entities(sentence[max(0, m.start() - 40) : m.start()]):
                code = e.code if e.kind != "org" else code
        if code:
            cues.append(Venue(None, code, False, m.start()))
    for m in PLACE_RE.finditer(sentence, start):
        prep = m.group("prep").lower()
        place_at = m.start("place")
        if prep == "on" and not re.search(r"\bof\s+\Z", sentence[max(0, place_at - 12) : place_at]):
            continue  # "on Friday", "on the Korean Peninsula"
        if SKIP_BEFORE_RE.search(sentence[max(0, m.start() - 40) : m.start()]):
            continue
        place = m.group("place").rstrip(".,")
        words = place.split()
        found = None
        # Longest prefix of the capitalised run that is a city or a country.
        for k in range(len(words), 0, -1):
            cand = " ".join(words[:k])
            if cand in MONTHS:
                break
            ents = gaz.entities(cand)
            if ents and ents[0].start == 0 and ents[0].end == len(cand) and ents[0].kind == NAME:
                code = ents[0].code
                # "in Luxembourg", "in Singapore": a capital named as its country.
                same = fold(gaz.capitals.get(code) or "") == fold(cand) and prep == "in"
                if prep in ("in", "to"):
                    found = Venue(cand if same else None, code, False, m.start())
                break
            city = gaz.city(cand)
            province = province_abroad(cand, city)
            if province is not None:
                # "in Bali": the island province, not the small town of that name abroad.
                if prep == "in":
                    found = Venue(None, province, False, m.start())
                break
            if city is not None and prep in ("in", "at"):
                after = sentence[m.start("place") + len(cand) :]
                country = city.country
                cm = re.match(
                    r",\s+(?:the\s+)?([A-Z][\w'’ ]+?)(?=[,.;]|\s+(?:on|in|at|and)\b|$)", after
                )
                if cm:
                    code = gaz.country_code(cm.group(1))
                    if code:
                        country = code
                # The gazetteer's spelling for exonyms and all-caps; else as written.
                surface = (
                    city.name if (cand.isupper() or city.population == ALIAS_POPULATION) else cand
                )
                found = Venue(surface, country, False, m.start())
                break
        if found is not None:
            if (
                found.city is None
                and prep == "to"
                and not re.search(r"\bvisit\s+\Z", sentence[max(0, m.start() - 30) : m.start()])
            ):
                continue
            cues.append(found)
    for m in NAMED_CITY_RE.finditer(sentence, start):
        name = m.group("a") or m.group("b") or m.group("c")
        city = gaz.city(name)
        if city is not None and gaz.country_code(name) is None:
            cues.append(
                Venue(city.name if name.isupper() else name, city.country, False, m.start())
            )
    if not cues:
        return None
    cues.sort(key=lambda v: (v.pos, v.city is None))
    first = cues[0]
    if first.city is None:
        # "India hosted the meeting ... at New Delhi": the city in that country says more.
        for cue in cues[1:]:
            if cue.city and (first.country is None or cue.country == first.country):
                return Venue(cue.city, cue.country, False, first.pos)
    return first
