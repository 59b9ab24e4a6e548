"""Series: the mechanism an article speaks of, found by natural key or by the matching
rules, else created; every name an article gives it kept.

Matching, the delicate part, is in ``match_series`` (same sides, other name, kind or
topic) and ``match_near_parties`` (one state more or less): see their docstrings.
Results of matching rules against perturbed dev-set reports are in the ingestion tests.

A series' canonical name is the best of all the names its articles gave it
(``name_rank``), whatever order the articles came in; the others are its other names,
sorted. A name set by hand in the admin is kept.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.text import slugify

from meetings.extraction.report import SeriesReport
from meetings.ingestion import names
from meetings.ingestion.facts import Facts, covers
from meetings.ingestion.locks import Locks
from meetings.ingestion.places import Places, ResolutionError, is_country_code
from meetings.ingestion.sessions import DAY_WINDOW, sessions_of
from meetings.models import KINDS, TOPICS, DatePrecision, Series, Session

KIND_SLUGS = {slug for slug, _ in KINDS}
TOPIC_SLUGS = {slug for slug, _ in TOPICS}


def series_prefix(parties: list[str], organizations: list[str]) -> str:
    return f"{'+'.join(parties)}|{'+'.join(organizations)}|"


def natural_key(parties: list[str], organizations: list[str], kind: str, topic: str) -> str:
    """The key ingestion finds a series by: parties, organisations, kind, topic."""
    return f"{series_prefix(parties, organizations)}{kind}|{topic}"


@dataclass(frozen=True)
class SeriesFacts:
    """A report's series, checked: sorted sides, a known kind and topic, a name."""

    parties: list[str]
    organizations: list[str]
    kind: str
    topic: str
    name: str

    @property
    def key(self) -> str:
        return natural_key(self.parties, self.organizations, self.kind, self.topic)


def series_facts(report: SeriesReport) -> SeriesFacts:
    """The report's series, or ResolutionError when its sides are unknown or missing."""
    parties = sorted({p for p in report.parties if p})
    organizations = sorted({o for o in report.organizations if o})
    unknown = [p for p in parties if not is_country_code(p)]
    if unknown:
        raise ResolutionError(f"unknown party code {unknown[0]!r}")
    if len(parties) + len(organizations) == 0:
        raise ResolutionError("the series has no parties")
    kind = report.kind if report.kind in KIND_SLUGS else "other"
    topic = report.topic if report.topic in TOPIC_SLUGS else ""
    name = (report.name or "").strip() or default_name(parties, organizations, kind)
    return SeriesFacts(parties, organizations, kind, topic, name)


@dataclass
class SeriesResolver:
    """Finds or creates the series of each article of a run."""

    places: Places
    locks: Locks
    by_key: dict[str, Series] = field(default_factory=dict)
    # How the last series was found: "key", "name" (match_series), "near"
    # (match_near_parties) or "new"; the review queue shows matches by name.
    matched_by: str = ""

    def forget(self) -> None:
        self.by_key.clear()

    def resolve(self, report: SeriesReport, *, session: Facts) -> Series:
        """The Series the report speaks of, found or created; its name kept."""
        wanted = series_facts(report)
        group = self.find(wanted, session=session)
        if group is None and self.locks.take():
            group = self.find(wanted, session=session)  # another process may have made it
        if group is None:
            group = self.create(wanted)
            self.by_key[wanted.key] = group
        remember_name(group, wanted.name)
        return group

    def find(self, wanted: SeriesFacts, *, session: Facts) -> Series | None:
        """The stored series of the report: by natural key, else by the matching rules."""
        self.matched_by = "key"
        group = self.by_key.get(wanted.key)
        if group is None:
            group = Series.objects.filter(natural_key=wanted.key).order_by("pk").first()
            if group is not None:
                self.by_key[wanted.key] = group
        if group is None:
            self.matched_by = "name"
            group = match_series(wanted, session=session)
        if group is None:
            self.matched_by = "near"
            group = match_near_parties(wanted, session=session)
        if group is None:
            self.matched_by = "new"
        return group

    def create(self, wanted: SeriesFacts) -> Series:
        """A new series. A concurrent twin violates a unique constraint: the article's
        transaction is then retried and finds it."""
        base = slugify(wanted.name)[:180] or "series"
        taken = set(Series.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug = next(
            candidate
            for candidate in (base if n == 1 else f"{base}-{n}" for n in range(1, len(taken) + 2))
            if candidate not in taken
        )
        group = Series.objects.create(
            name=wanted.name[:300],
            slug=slug,
            kind=wanted.kind,
            topic=wanted.topic,
            natural_key=wanted.key,
        )
        group.parties.set([self.places.country(code) for code in wanted.parties])
        if wanted.organizations:
            group.organizations.set(
                [self.places.organization(short) for short in wanted.organizations]
            )
        return group


def match_series(wanted: SeriesFacts, *, session: Facts) -> Series | None:
    """An existing series of the same sides that the report names differently.

    Only series with exactly the same parties and organisations are candidates, and one
    is accepted only on positive evidence, so that two mechanisms of the same sides
    (a counter-terrorism working group and a strategic dialogue) stay apart:
    - the names share their subject words exactly ("Strategic Dialogue" and "Foreign
      Ministers' Strategic Dialogue"): kind and topic may then disagree;
    - one name's subject words contain the other's ("... on Counter-Terrorism" and
      "... on Countering International Terrorism and Security Challenges") and the
      topics agree (a "Strategic Economic Dialogue" is not the "Strategic Dialogue");
    - the session is already known there: planned under that number, or held under
      that number or on that day, and the kind or topic agrees;
    - the report names the mechanism only generically ("the Pakistan-Russia JWG"),
      its kind agrees, its topic does not contradict, and only one such series exists.
    Two equally good candidates are an ambiguity and reject the article.
    """
    parties, organizations = wanted.parties, wanted.organizations
    kind, topic, name = wanted.kind, wanted.topic, wanted.name
    prefix = series_prefix(parties, organizations)
    candidates = list(Series.objects.filter(natural_key__startswith=prefix))
    candidates += [
        group
        for group in Series.objects.filter(natural_key__isnull=True).prefetch_related(
            "parties", "organizations"
        )
        if sorted(p.alpha3 for p in group.parties.all()) == parties
        and sorted(o.short_name for o in group.organizations.all()) == organizations
    ]
    if not candidates:
        return None
    signature = names.name_signature(name, parties=tuple(parties))
    scored = []
    for group in candidates:
        kind_eq = group.kind == kind
        topic_eq = bool(topic) and group.topic == topic
        topic_compatible = not topic or not group.topic or group.topic == topic
        group_signatures = [
            names.name_signature(n, parties=tuple(parties))
            for n in [group.name, *group.other_names]
        ]
        matches = {names.series_names_match(signature, s) for s in group_signatures}
        same_subject = "same" in matches and bool(signature.core)
        same_name = "same" in matches
        contains = "contains" in matches
        known_session = has_session(group, session)
        generic = is_generic(signature) or all(is_generic(s) for s in group_signatures)
        disjoint = bool(signature.core) and all(
            s.core and not (s.core & signature.core) for s in group_signatures
        )
        if disjoint and topic and group.topic and group.topic != topic:
            continue  # different subjects by name and by topic: never the same
        if same_subject or (same_name and kind_eq):
            score = 4
        elif contains and (topic_eq or (kind_eq and not topic and not group.topic)):
            score = 3
        elif known_session and (kind_eq or topic_eq or contains):
            score = 2
        elif kind_eq and topic_compatible and generic:
            score = 1
        else:
            continue
        scored.append((score, known_session, kind_eq, topic_eq, group))
    if not scored:
        return None
    scored.sort(key=lambda item: item[:4], reverse=True)
    best = scored[0]
    if best[0] == 1 and sum(1 for s in scored if s[0] == 1) > 1:
        return None  # several generic candidates: nothing positive picks one
    ties = [s for s in scored if s[:4] == best[:4]]
    if len(ties) > 1:
        listed = " / ".join(s[4].name for s in ties)
        raise ResolutionError(f"ambiguous series {name!r}: {listed}")
    return best[4]


def match_near_parties(wanted: SeriesFacts, *, session: Facts) -> Series | None:
    """A series whose states differ from the report's by one, when the report is plainly
    about it. Extractors take a state named in passing for a party (or miss one); that
    must not split a series, while a bilateral meeting beside a trilateral one (or the
    other way round) stays a series of its own. Accepted, for a unique candidate:
    - the mechanism's own name names exactly the candidate's states (or says
      "trilateral" for a three-state candidate), and kind, topic and subject agree; or
    - the same kind (or subject) held a session under the same number within a few
      days, or without a number on the same day in the same city.
    """
    parties, organizations = wanted.parties, wanted.organizations
    kind, topic, name = wanted.kind, wanted.topic, wanted.name
    if len(parties) < 2 and not organizations:
        return None
    candidates = (
        Series.objects.filter(parties__alpha3__in=parties)
        .annotate(shared=Count("parties", filter=Q(parties__alpha3__in=parties)))
        .filter(shared__gte=min(2, len(parties)))
        .prefetch_related("parties", "organizations")
    )
    hits = []
    for group in candidates:
        sides = {p.alpha3 for p in group.parties.all()}
        if len(sides ^ set(parties)) != 1:
            continue
        if sorted(o.short_name for o in group.organizations.all()) != organizations:
            continue
        everyone = tuple(sorted(sides | set(parties)))
        signature = names.name_signature(name, parties=everyone)
        matches = {
            names.series_names_match(signature, names.name_signature(n, parties=everyone))
            for n in [group.name, *group.other_names]
        }
        same_subject = bool(signature.core) and "same" in matches
        named_sides = names.named_states(name, candidates=everyone)
        arity = names.name_arity(name)
        sides_by_name = named_sides <= sides and (
            named_sides == sides if arity is None else arity == len(sides)
        )
        topic_compatible = not topic or not group.topic or topic == group.topic
        by_name = (
            sides_by_name
            and group.kind == kind
            and topic_compatible
            and ("same" in matches or ("contains" in matches and topic == group.topic))
        )
        if by_name or ((group.kind == kind or same_subject) and held_there(group, session)):
            hits.append(group)
    return hits[0] if len(hits) == 1 else None


def held_there(group: Series, session: Facts) -> bool:
    """Whether the group held the reported session: same number within a few days, or
    without a number the same day in the same city."""
    start = session.start
    if start is None or start[1] != DatePrecision.DAY:
        return False
    city = names.fold(session.city or "")
    window = (
        start[0] - datetime.timedelta(days=DAY_WINDOW),
        start[0] + datetime.timedelta(days=DAY_WINDOW),
    )
    held = (
        sessions_of(group)
        .held()
        .filter(start_date__range=window, start_precision=DatePrecision.DAY)
    )
    if session.number is not None:
        return held.filter(number=session.number).exists()
    return bool(city) and any(names.fold(s.city) == city and s.start_date == start[0] for s in held)


def has_session(group: Series, session: Facts) -> bool:
    """Whether the group knows the reported session: planned under its number, held
    under its number at that date, or without a number held that day."""
    date = session.start
    if session.number is not None:
        stored = sessions_of(group).filter(number=session.number).first()
        if stored is None:
            return False
        if stored.status == Session.Status.PLANNED:
            return True
        return bool(
            date and stored.start_date and covers((stored.start_date, stored.start_precision), date)
        )
    return bool(
        date
        and date[1] == DatePrecision.DAY
        and sessions_of(group).filter(start_date=date[0]).exists()
    )


def default_name(parties: list[str], organizations: list[str], kind: str) -> str:
    sides = [names.countries()[p].name for p in parties] + organizations
    return f"{'-'.join(sides)} {dict(KINDS)[kind].lower()}"


def is_generic(signature: names.NameSignature) -> bool:
    """A name that says only who the sides are and what kind: "the Pakistan-Russia JWG"."""
    return not signature.core and not signature.role


# --- Names ------------------------------------------------------------------------------


def name_rank(name: str, *, sides: tuple[str, ...] = (), arity: int = 0) -> tuple:
    """How good a name is as the canonical name of a series of these states (and
    ``arity`` sides in all), lowest best: one that names other states or another number
    of sides (the "Trilateral Meeting" an article took the bilateral group for) last,
    then the fewest abbreviations ("JWG on CT"), the longest (the fullest), and
    alphabetical order, so that the choice never depends on which article came first."""
    said_arity = names.name_arity(name)
    misfit = (arity and said_arity not in (None, arity)) or bool(
        sides and names.named_states(name, candidates=tuple(names.countries())) - set(sides)
    )
    abbreviations = sum(1 for word in name.split() if len(word) > 1 and word.isupper())
    return (bool(misfit), abbreviations, -len(name), name.casefold(), name)


def canonical_names(
    all_names: list[str], *, sides: tuple[str, ...] = (), arity: int = 0
) -> tuple[str, list[str]]:
    """The canonical name and the other names of a series known by these names: one
    spelling of each name (compared folded), the best as the name, the others sorted."""

    def rank(text):
        return name_rank(text, sides=sides, arity=arity)

    spellings: dict[str, str] = {}
    for candidate in all_names:
        text = (candidate or "").strip()[:300]
        if not text:
            continue
        key = names.fold(text)
        if key not in spellings or rank(text) < rank(spellings[key]):
            spellings[key] = text
    ranked = sorted(spellings.values(), key=rank)
    if not ranked:
        return "", []
    return ranked[0], sorted(ranked[1:], key=lambda n: (n.casefold(), n))


def remember_name(group: Series, name: str) -> None:
    """Keep every name an article gave the series; the best of them is its name.

    ``group`` may be a cached row: the names stored now are read again (another
    process may have added some) under the series' lock before any change.
    """
    if name[:300] in [group.name, *group.other_names]:
        return
    stored = (
        Series.objects.select_for_update()
        .filter(pk=group.pk)
        .values_list("name", "other_names", "name_by_hand")
        .get()
    )
    group.name, group.other_names, group.name_by_hand = stored
    sides = tuple(group.parties.values_list("alpha3", flat=True))
    arity = len(sides) + group.organizations.count()
    best, others = canonical_names([group.name, *group.other_names, name], sides=sides, arity=arity)
    if group.name_by_hand:
        # A name set by hand stays; every other name is one of its other names.
        others = sorted(
            (n for n in [best, *others] if names.fold(n) != names.fold(group.name)),
            key=lambda n: (n.casefold(), n),
        )
        best = group.name
    if (best, others) != (group.name, group.other_names):
        group.name, group.other_names = best, others
        group.save(update_fields=["name", "other_names"])
