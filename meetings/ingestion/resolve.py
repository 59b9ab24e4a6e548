"""Find or create by natural key: countries, series, sessions, officials, delegations.

Every function here runs inside the article's transaction (see ``store``) and works on
the contract-shaped dicts of an extractor report, so that a stored ``Article.report`` can
be resolved again later. Facts already in the database win: a disagreeing source is
recorded in ``Session.conflicts``, and fields listed in ``Session.manual_fields`` (set
in the admin) are never changed.

Series matching, the delicate part, is in ``match_series`` (same sides, other name,
kind or topic) and ``match_near_parties`` (one state more or less): see their docstrings.
Results of matching rules against perturbed dev-set reports are in the ingestion tests.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q
from django.utils.text import slugify

from meetings.ingestion import names
from meetings.models import (
    KINDS,
    TOPICS,
    Country,
    DatePrecision,
    Delegation,
    Official,
    Organization,
    Series,
    Session,
    format_partial_date,
    parse_partial_date,
)

KIND_SLUGS = {slug for slug, _ in KINDS}
TOPIC_SLUGS = {slug for slug, _ in TOPICS}
SESSION_FIELDS = ("start", "end", "city", "country")
DAY_WINDOW = 3  # days apart that two reported dates of one session may be
# Session.manual_fields holds model field names (the admin writes them); the facts here
# are named as in the report.
MODEL_FIELDS = {
    "start": ("start", "start_date", "start_precision"),
    "end": ("end", "end_date"),
    "city": ("city",),
    "country": ("country",),
    "number": ("number",),
    "virtual": ("virtual",),
    "status": ("status",),
}


def manual_facts(session: Session) -> set[str]:
    """The report facts of a session that were set by hand and must not be overwritten."""
    manual = set(session.manual_fields or [])
    facts = {fact for fact, fields in MODEL_FIELDS.items() if manual & set(fields)}
    return facts | {f for f in manual if f.startswith("delegation.")}


class ResolutionError(Exception):
    """The report cannot be resolved safely; the article is rejected with this reason."""


def series_prefix(parties: list[str], organizations: list[str]) -> str:
    return f"{'+'.join(parties)}|{'+'.join(organizations)}|"


def natural_key(parties: list[str], organizations: list[str], kind: str, topic: str) -> str:
    """The key ingestion finds a series by: parties, organisations, kind, topic."""
    return f"{series_prefix(parties, organizations)}{kind}|{topic}"


def is_country_code(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper() and code in names.countries()


@dataclass
class SessionChange:
    session: Session
    created: bool = False
    changed: bool = False
    following: Session | None = None  # the session numbered one more, if stored
    was_planned: bool = False  # found as a plan: it had no reports until now


@dataclass
class Resolver:
    """One ingest run's resolution, with caches of rows that never go away."""

    countries: dict[str, Country] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    officials: dict[tuple, dict] = field(default_factory=dict)
    fresh_sides: set[tuple] = field(default_factory=set)
    groups: dict[str, Series] = field(default_factory=dict)  # by natural key
    # The advisory locks of the article being resolved, taken on its first miss.
    lock_ids: list[int] = field(default_factory=list)
    locked: bool = False

    def begin(self, contract: dict) -> None:
        """Start resolving one article (in its transaction)."""
        self.lock_ids = lock_ids(contract)
        self.locked = False

    def take_locks(self) -> bool:
        """Lock the sides the article touches, before creating a series, person or
        undated session that another process could create under another spelling.

        All of the article's locks are taken at once, in order, so that two articles
        cannot deadlock on them. True when they were taken now: what was looked up
        before must be looked up again. On SQLite, where one transaction writes at a
        time, there is nothing to take.
        """
        if self.locked or connection.vendor != "postgresql":
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(k) "
                "FROM (SELECT unnest(%s::bigint[]) AS k ORDER BY 1) AS ids",
                [self.lock_ids],
            )
        self.locked = True
        return True

    def forget(self) -> None:
        """Drop the caches: after a rollback, rows they hold may no longer exist."""
        self.groups.clear()
        self.countries.clear()
        self.organizations.clear()
        self.officials.clear()
        self.fresh_sides = set()

    # --- Places and parties ---------------------------------------------------------

    def country(self, code: str | None) -> Country | None:
        """The Country of an alpha-3 code, created on demand; None for unknown codes."""
        if not code or not is_country_code(code):
            return None
        if code not in self.countries:
            info = names.countries()[code]
            country, _ = Country.objects.get_or_create(
                alpha3=code,
                defaults={
                    "alpha2": info.alpha2,
                    "name": info.name,
                    "other_names": list(info.other_names),
                },
            )
            self.countries[code] = country
        return self.countries[code]

    def organization(self, short_name: str) -> Organization:
        if short_name not in self.organizations:
            organization, _ = Organization.objects.get_or_create(
                short_name=short_name[:30],
                defaults={"full_name": names.organizations().get(short_name, "")},
            )
            self.organizations[short_name] = organization
        return self.organizations[short_name]

    def party(self, code: str) -> tuple[Country | None, Organization | None]:
        """A delegation's side: a state by alpha-3, else an organisation by short name."""
        country = self.country(code)
        if country is not None:
            return country, None
        if not code or len(code) > 30:
            raise ResolutionError(f"unknown party {code!r}")
        return None, self.organization(code)

    # --- Series ---------------------------------------------------------------------

    def series(self, report: dict) -> Series:
        """The Series the report speaks of, found or created; names kept."""
        series = report.get("series") or {}
        parties = sorted({p for p in series.get("parties") or [] if p})
        organizations = sorted({o for o in series.get("organizations") or [] if o})
        unknown = [p for p in parties if not is_country_code(p)]
        if unknown:
            raise ResolutionError(f"unknown party code {unknown[0]!r}")
        if len(parties) + len(organizations) == 0:
            raise ResolutionError("the series has no parties")
        kind = series.get("kind") if series.get("kind") in KIND_SLUGS else "other"
        topic = series.get("topic") if series.get("topic") in TOPIC_SLUGS else ""
        name = (series.get("name") or "").strip() or default_name(parties, organizations, kind)
        key = natural_key(parties, organizations, kind, topic)
        found = functools.partial(
            self.find_series,
            key=key,
            parties=parties,
            organizations=organizations,
            kind=kind,
            topic=topic,
            name=name,
            session=report.get("session") or {},
        )
        group = found()
        if group is None and self.take_locks():
            group = found()  # another process may have created it while we looked
        if group is None:
            group = self.create_series(
                key=key,
                name=name,
                kind=kind,
                topic=topic,
                parties=parties,
                organizations=organizations,
            )
            self.groups[key] = group
        remember_name(group, name)
        return group

    def find_series(
        self,
        *,
        key: str,
        parties: list[str],
        organizations: list[str],
        kind: str,
        topic: str,
        name: str,
        session: dict,
    ) -> Series | None:
        """The stored series of the report: by natural key, else by the matching rules."""
        group = self.groups.get(key)
        if group is None:
            group = Series.objects.filter(natural_key=key).order_by("pk").first()
            if group is not None:
                self.groups[key] = group
        if group is None:
            group = self.match_series(
                parties=parties,
                organizations=organizations,
                kind=kind,
                topic=topic,
                name=name,
                session=session,
            )
        if group is None:
            group = match_near_parties(
                parties=parties,
                organizations=organizations,
                kind=kind,
                topic=topic,
                name=name,
                session=session,
            )
        return group

    def match_series(
        self,
        *,
        parties: list[str],
        organizations: list[str],
        kind: str,
        topic: str,
        name: str,
        session: dict,
    ) -> Series | None:
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
        number = session.get("number")
        start = session.get("start")
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
            known_session = has_session(group, number=number, start=start)
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

    def create_series(
        self,
        *,
        key: str,
        name: str,
        kind: str,
        topic: str,
        parties: list[str],
        organizations: list[str],
    ) -> Series:
        """A new series. A concurrent twin violates a unique constraint: the article's
        transaction is then retried and finds it."""
        base = slugify(name)[:180] or "series"
        taken = set(Series.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        slug = next(
            candidate
            for candidate in (base if n == 1 else f"{base}-{n}" for n in range(1, len(taken) + 2))
            if candidate not in taken
        )
        group = Series.objects.create(
            name=name[:300], slug=slug, kind=kind, topic=topic, natural_key=key
        )
        group.parties.set([self.country(code) for code in parties])
        if organizations:
            group.organizations.set([self.organization(short) for short in organizations])
        return group

    # --- Sessions -------------------------------------------------------------------

    def held_session(self, group: Series, report: dict, *, source: str) -> SessionChange:
        """The held session the report describes: found by number, else by date."""
        facts = session_facts(report.get("session") or {}, resolver=self)
        number = facts["number"]
        session = None
        following: Session | None = None
        if number is not None:
            # The session and the one after it (often announced too), in one query.
            by_number = {
                s.number: s for s in sessions_of(group).filter(number__in=[number, number + 1])
            }
            session, following = by_number.get(number), by_number.get(number + 1)
            if session is None and facts["start"] and facts["start"][1] == DatePrecision.DAY:
                session = find_by_date(group, facts["start"], unnumbered=True)
        else:
            session = self.find_unnumbered(group, facts["start"])
            if session is None and self.take_locks():
                session = self.find_unnumbered(group, facts["start"])
        if session is None:
            session = self.create_session(group, facts, Session.Status.HELD)
            return SessionChange(session, created=True, following=following)
        was_planned = session.status == Session.Status.PLANNED
        changed = merge_session(session, facts, source=source, held=True)
        return SessionChange(session, changed=changed, following=following, was_planned=was_planned)

    def find_unnumbered(self, group: Series, start) -> Session | None:
        session = find_by_date(group, start)
        if session is None:
            planned = list(sessions_of(group).planned().filter(number__isnull=True)[:2])
            session = planned[0] if len(planned) == 1 else None
        return session

    def planned_session(
        self, group: Series, report: dict, *, held: SessionChange | None, source: str
    ) -> Session | None:
        """The next session the report announces, as a planned session of the group.

        A session already held is left as it is; nothing is planned from an
        announcement with no number, place or date.
        """
        current = held.session if held else None
        nxt = report.get("next_session") or {}
        if not any(nxt.get(key) for key in ("number", "date", "city", "country")):
            return None
        facts = session_facts(
            {
                "number": nxt.get("number"),
                "start": nxt.get("date"),
                "city": nxt.get("city"),
                "country": nxt.get("country"),
            },
            resolver=self,
        )
        if facts["number"] is None and current is not None and current.number:
            facts["number"] = current.number + 1
        if not any(facts[f] for f in ("number", "start", "city", "country")):
            return None
        if current is not None and current.number and facts["number"] == current.number + 1:
            session = held.following  # already looked up with the held session
        elif facts["number"] is not None:
            session = sessions_of(group).filter(number=facts["number"]).first()
        else:
            session = sessions_of(group).planned().filter(number__isnull=True).first()
            if session is None and self.take_locks():
                session = sessions_of(group).planned().filter(number__isnull=True).first()
        if session is None:
            return self.create_session(group, facts, Session.Status.PLANNED)
        if session.status == Session.Status.PLANNED:
            merge_session(session, facts, source=source, held=False)
        return session

    def create_session(self, group: Series, facts: dict, status: str) -> Session:
        start, precision = facts["start"] or (None, DatePrecision.DAY)
        end = facts["end"][0] if facts["end"] else None
        if start and end and end < start:
            end = None
        session = Session(
            series=group,
            number=facts["number"],
            start_date=start,
            start_precision=precision,
            end_date=end,
            city=facts["city"] or "",
            country=facts["country"],
            virtual=facts["virtual"],
            status=status,
        )
        session.save()  # a concurrent twin: IntegrityError, the article is retried
        return session

    # --- People ---------------------------------------------------------------------

    def refresh_people(self, codes: list[str]) -> None:
        """Bring the cached officials of these sides up to date, in one query.

        Only rows added since the last look are read: the article's transaction holds
        the sides' locks, so no other process adds people of theirs meanwhile.
        """
        sides = []
        for code in dict.fromkeys(codes):
            country, organization = self.party(code)
            sides.append(
                (country.pk if country else None, organization.pk if organization else None)
            )
        lasts = {}
        for side in sides:
            known = self.officials.setdefault(side, {"last": 0, "people": []})
            lasts[side] = known["last"]
        if not sides:
            self.fresh_sides = set()
            return
        # One plain query for the states (the common case), one for organisations.
        queries = []
        states = [c for c, o in sides if c is not None]
        bodies = [o for c, o in sides if o is not None]
        since = min(lasts.values())
        if states:
            queries.append(
                Official.objects.filter(
                    country_id__in=states, organization__isnull=True, pk__gt=since
                )
            )
        if bodies:
            queries.append(
                Official.objects.filter(
                    organization_id__in=bodies, country__isnull=True, pk__gt=since
                )
            )
        for query in queries:
            fields = ("id", "name", "other_names", "country_id", "organization_id")
            for person in query.only(*fields).order_by("pk"):
                side = (person.country_id, person.organization_id)
                if person.pk <= lasts[side]:
                    continue  # already cached
                known = self.officials[side]
                known["people"].append(person_entry(person))
                known["last"] = person.pk
        self.fresh_sides = set(sides)

    def people(self, country: Country | None, organization: Organization | None) -> list:
        """The officials of one side as [(Official, name token variants)]."""
        side = (country.pk if country else None, organization.pk if organization else None)
        if side not in self.fresh_sides:
            self.refresh_people([country.pk if country else organization.short_name])
        return self.officials[side]["people"]

    def official(
        self, *, name: str, country: Country | None, organization: Organization | None
    ) -> Official:
        """One person of one side: found by a strong name match, else created."""
        tokens = names.person_tokens(name)
        people = self.people(country, organization)
        exact = [entry for entry in people if tokens in entry[1]]
        similar = [
            entry
            for entry in people
            if any(names.person_match(tokens, variant) for variant in entry[1])
        ]
        match = (exact or similar or [None])[0]
        if match is None and self.take_locks():
            # Another process may have added the person while we looked.
            self.refresh_people([country.pk if country else organization.short_name])
            return self.official(name=name, country=country, organization=organization)
        if match is None:
            person = Official.objects.create(
                name=name[:200], country=country, organization=organization
            )
            self.officials[(person.country_id, person.organization_id)]["last"] = person.pk
            people.append(person_entry(person))
            return person
        person = match[0]
        if name != person.name and name not in person.other_names:
            # Read the names again under a row lock: another process may add one too.
            person.name, person.other_names = (
                Official.objects.select_for_update()
                .filter(pk=person.pk)
                .values_list("name", "other_names")
                .get()
            )
            if name != person.name and name not in person.other_names:
                person.other_names = [*person.other_names, name]
                person.save(update_fields=["other_names"])
            people[people.index(match)] = person_entry(person)
        return person

    def delegation(
        self,
        session: Session,
        report: dict,
        *,
        source: str,
        existing: dict[str, Delegation],
        pending: list[Delegation] | None = None,
    ) -> Delegation | None:
        """The side's delegation at the session, with its head and title.

        ``existing`` maps party codes to the session's delegations already stored. With
        ``pending`` given, a new delegation is appended to it unsaved, for the caller to
        save with the others in one query.
        """
        head_name = (report.get("head") or "").strip()
        code = (report.get("party") or "").strip()
        if not code:
            return None
        country, organization = self.party(code)
        title = (report.get("title") or "").strip()[:500]
        head = (
            self.official(name=head_name, country=country, organization=organization)
            if head_name
            else None
        )
        delegation = existing.get(code)
        if delegation is None:
            delegation = Delegation(
                session=session,
                country=country,
                organization=organization,
                head=head if f"delegation.{code}.head" not in manual_facts(session) else None,
                head_title=title,
            )
            if pending is None:
                delegation.save()
            else:
                pending.append(delegation)  # the caller saves them together
            existing[code] = delegation
        else:
            dirty = []
            fact = f"delegation.{code}.head"
            if (
                head is not None
                and delegation.head_id is None
                and fact not in manual_facts(session)
            ):
                delegation.head = head
                dirty.append("head")
            elif head is not None and delegation.head_id != head.pk:
                current = Official.objects.get(pk=delegation.head_id).name
                if add_conflict(session, fact, current, head.name, source=source):
                    session.save(update_fields=["conflicts", "updated_at"])
            if title and not delegation.head_title:
                delegation.head_title = title
                dirty.append("head_title")
            if dirty and delegation.pk is not None:  # a pending one is saved by the caller
                delegation.save(update_fields=dirty)
        return delegation


# --- Helpers ------------------------------------------------------------------------


def match_near_parties(
    *,
    parties: list[str],
    organizations: list[str],
    kind: str,
    topic: str,
    name: str,
    session: dict,
) -> Series | None:
    """A series whose states differ from the report's by one, when the report is plainly
    about it. Extractors take a state named in passing for a party (or miss one); that
    must not split a series, while a bilateral meeting beside a trilateral one (or the
    other way round) stays a series of its own. Accepted, for a unique candidate:
    - the mechanism's own name names exactly the candidate's states (or says
      "trilateral" for a three-state candidate), and kind, topic and subject agree; or
    - the same kind (or subject) held a session under the same number within a few
      days, or without a number on the same day in the same city.
    """
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


def held_there(group: Series, session: dict) -> bool:
    """Whether the group held the reported session: same number within a few days, or
    without a number the same day in the same city."""
    start = parse_date(session.get("start"))
    if start is None or start[1] != DatePrecision.DAY:
        return False
    number = session.get("number") if isinstance(session.get("number"), int) else None
    city = names.fold(session.get("city") or "")
    window = (
        start[0] - datetime.timedelta(days=DAY_WINDOW),
        start[0] + datetime.timedelta(days=DAY_WINDOW),
    )
    held = (
        sessions_of(group)
        .held()
        .filter(start_date__range=window, start_precision=DatePrecision.DAY)
    )
    if number is not None:
        return held.filter(number=number).exists()
    return bool(city) and any(names.fold(s.city) == city and s.start_date == start[0] for s in held)


def lock_ids(contract: dict) -> list[int]:
    """Advisory lock ids for the sides an article touches: its series and each party."""
    series = contract.get("series") or {}
    keys = [
        "series:"
        + "+".join(sorted(series.get("parties") or []))
        + "|"
        + "+".join(sorted(series.get("organizations") or []))
    ]
    keys += [f"party:{d.get('party')}" for d in contract.get("delegations") or []]
    return sorted(
        {int.from_bytes(hashlib.sha1(k.encode()).digest()[:8], "big", signed=True) for k in keys}
    )


def sessions_of(group: Series):
    """The group's sessions without the model's ordering (which joins the group table)."""
    return Session.objects.filter(series=group).order_by("pk")


def person_entry(person: Official) -> tuple:
    variants = {names.person_tokens(n) for n in [person.name, *person.other_names]}
    return (person, variants)


def default_name(parties: list[str], organizations: list[str], kind: str) -> str:
    sides = [names.countries()[p].name for p in parties] + organizations
    return f"{'-'.join(sides)} {dict(KINDS)[kind].lower()}"


def is_generic(signature: names.NameSignature) -> bool:
    """A name that says only who the sides are and what kind: "the Pakistan-Russia JWG"."""
    return not signature.core and not signature.role


def remember_name(group: Series, name: str) -> None:
    """Keep every name an article gave the series as one of its other names.

    ``group`` may be a cached row: a new name is added to the names stored now (another
    process may have added some), under the series' lock.
    """
    if names.fold(name) in {names.fold(n) for n in [group.name, *group.other_names]}:
        return
    stored = (
        Series.objects.select_for_update()
        .filter(pk=group.pk)
        .values_list("name", "other_names")
        .get()
    )
    group.name, group.other_names = stored
    if names.fold(name) not in {names.fold(n) for n in [group.name, *group.other_names]}:
        group.other_names = [*group.other_names, name[:300]]
        group.save(update_fields=["other_names"])


def parse_date(text: object) -> tuple[datetime.date, str] | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        value, precision = parse_partial_date(text)
    except (ValueError, TypeError):
        return None
    return (value, precision) if value else None


def session_facts(report: dict, *, resolver: Resolver) -> dict:
    number = report.get("number")
    if isinstance(number, str) and number.isdigit():
        number = int(number)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        number = None
    return {
        "number": number,
        "start": parse_date(report.get("start")),
        "end": parse_date(report.get("end")),
        "city": (report.get("city") or "").strip()[:100] or None,
        "country": resolver.country(report.get("country")),
        "virtual": bool(report.get("virtual")),
    }


def covers(wide: tuple[datetime.date, str], narrow: tuple[datetime.date, str]) -> bool:
    """Whether the partial date ``wide`` contains ``narrow`` (2019-11 contains 2019-11-12)."""
    value, precision = wide
    other = narrow[0]
    if precision == DatePrecision.YEAR:
        return value.year == other.year
    if precision == DatePrecision.MONTH:
        return (value.year, value.month) == (other.year, other.month)
    return value == other and narrow[1] == DatePrecision.DAY


def find_by_date(
    group: Series, start: tuple[datetime.date, str] | None, *, unnumbered: bool = False
) -> Session | None:
    """The group's one session on that date, else the only one inside that month or
    year, else the only one within a few days of it (reports disagree by a day or two;
    sessions of one series are months apart)."""
    if start is None:
        return None
    value, precision = start
    sessions = sessions_of(group).filter(
        start_date__gte=datetime.date(value.year - 1, 12, 1),
        start_date__lte=datetime.date(value.year + 1, 1, 31),
    )
    if unnumbered:
        sessions = sessions.filter(number__isnull=True)
    dated = [s for s in sessions if s.start_date]
    exact = [s for s in dated if s.start_date == value and s.start_precision == precision]
    if exact:
        return exact[0]
    hits = [
        s
        for s in dated
        if covers(start, (s.start_date, s.start_precision))
        or covers((s.start_date, s.start_precision), start)
    ]
    if not hits and precision == DatePrecision.DAY:
        hits = [
            s
            for s in dated
            if s.start_precision == DatePrecision.DAY
            and abs((s.start_date - value).days) <= DAY_WINDOW
        ]
    return hits[0] if len(hits) == 1 else None


def has_session(group: Series, *, number: object, start: object) -> bool:
    if isinstance(number, int) and number > 0:
        session = sessions_of(group).filter(number=number).first()
        if session is None:
            return False
        if session.status == Session.Status.PLANNED:
            return True
        date = parse_date(start)
        return bool(
            date
            and session.start_date
            and covers((session.start_date, session.start_precision), date)
        )
    date = parse_date(start)
    return bool(
        date
        and date[1] == DatePrecision.DAY
        and sessions_of(group).filter(start_date=date[0]).exists()
    )


def display(field_name: str, value: object) -> str:
    if field_name in ("start", "end") and value:
        return format_partial_date(*value)
    if isinstance(value, Country):
        return value.alpha3
    return str(value)


def add_conflict(session: Session, field_name: str, current: str, new: str, *, source: str) -> bool:
    """Record that ``source`` says ``new`` where the session holds ``current``."""
    if names.fold(current) == names.fold(new):
        return False
    conflicts = [dict(c) for c in session.conflicts]
    entry = next((c for c in conflicts if c.get("field") == field_name), None)
    if entry is None:
        if field_name in manual_facts(session):
            holders = ["admin"]
        else:
            holders = sources_of(session, field_name=field_name, value=current, exclude=source)
        entry = {"field": field_name, "values": {current: holders}}
        conflicts.append(entry)
    values = {k: list(v) for k, v in entry["values"].items()}
    if source in values.get(new, []):
        return False
    values.setdefault(new, []).append(source)
    entry["values"] = values
    session.conflicts = conflicts
    return True


def reported_value(report: dict, field_name: str) -> str | None:
    """What a stored report says of a session field ("city", "delegation.PAK.head")."""
    if field_name.startswith("delegation."):
        party = field_name.split(".")[1]
        heads = [d.get("head") for d in report.get("delegations") or [] if d.get("party") == party]
        return heads[0] if heads else None
    return (report.get("session") or {}).get(field_name)


def sources_of(session: Session, *, field_name: str, value: str, exclude: str) -> list[str]:
    """The sources of the session that state ``value``, else all its other sources."""
    if session.pk is None:
        return []
    articles = [
        a for a in session.articles.only("source_name", "report") if a.source_name != exclude
    ]
    stating = [
        a.source_name
        for a in articles
        if names.fold(str(reported_value(a.report or {}, field_name) or "")) == names.fold(value)
    ]
    return sorted(stating or (a.source_name for a in articles))


def merge_session(session: Session, facts: dict, *, source: str, held: bool) -> bool:
    """Fold a report's facts into a session; True when anything changed.

    Empty fields are filled and partial dates refined; a different value is recorded as
    a conflict and the stored one kept. A planned session reported as held takes the
    reported facts: a plan is not a fact about the session that happened. Fields in
    ``manual_fields`` are never written.
    """
    manual = manual_facts(session)
    dirty: set[str] = set()
    replace_plan = held and session.status == Session.Status.PLANNED and "status" not in manual
    if replace_plan:
        session.status = Session.Status.HELD
        dirty.add("status")
    if facts["number"] is not None and session.number is None and "number" not in manual:
        session.number = facts["number"]
        dirty.add("number")
    current = {
        "start": (session.start_date, session.start_precision) if session.start_date else None,
        "end": (session.end_date, DatePrecision.DAY) if session.end_date else None,
        "city": session.city or None,
        "country": session.country_id,
    }
    for name in SESSION_FIELDS:
        new, old = facts[name], current[name]
        if name == "country" and new is not None:
            new = new.pk  # compared by code, without fetching the stored country
        if new is None:
            continue
        if name in manual:
            if old is not None and display(name, old) != display(name, new):
                add_conflict(session, name, display(name, old), display(name, new), source=source)
                dirty.add("conflicts")
            continue
        if old is None or replace_plan:
            if old != new:
                set_field(session, name, new)
                dirty.add(name)
            continue
        if name in ("start", "end") and covers(old, new):
            if old != new:
                set_field(session, name, new)  # a more precise date of the same day
                dirty.add(name)
            continue
        if name in ("start", "end") and covers(new, old):
            continue
        if display(name, old) != display(name, new) and add_conflict(
            session, name, display(name, old), display(name, new), source=source
        ):
            dirty.add("conflicts")
    if facts["virtual"] and not session.virtual and "virtual" not in manual:
        session.virtual = True
        dirty.add("virtual")
    if session.start_date and session.end_date and session.end_date < session.start_date:
        session.end_date = None
        dirty.add("end")
    if dirty:
        session.save()
    return bool(dirty)


def set_field(session: Session, name: str, value: object) -> None:
    if name == "start":
        session.start_date, session.start_precision = value
    elif name == "end":
        session.end_date = value[0]
    elif name == "city":
        session.city = value
    elif name == "country":
        session.country_id = value
