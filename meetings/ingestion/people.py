"""People and delegations: one official per real person of one side, found by a strong
name match (with spellings kept as other names), else created; each side's delegation
at a session with its head and title."""

from __future__ import annotations

from dataclasses import dataclass, field

from meetings.extraction.report import DelegationReport
from meetings.ingestion import names
from meetings.ingestion.facts import fold_head, manual_facts
from meetings.ingestion.locks import Locks
from meetings.ingestion.places import Places
from meetings.models import Country, Delegation, Official, Organization, Session


def person_entry(person: Official) -> tuple:
    variants = {names.person_tokens(n) for n in [person.name, *person.other_names]}
    return (person, variants)


@dataclass
class PeopleResolver:
    """The officials of each side seen in a run, cached and brought up to date."""

    places: Places
    locks: Locks
    officials: dict[tuple, dict] = field(default_factory=dict)
    fresh_sides: set[tuple] = field(default_factory=set)
    # Heads of the article matched to a stored person by a similar, not the same, name:
    # (party, official, name as reported), for the review queue.
    fuzzy: list[tuple[str, Official, str]] = field(default_factory=list)
    similar_match: bool = False

    def forget(self) -> None:
        self.officials.clear()
        self.fresh_sides = set()

    def refresh(self, codes: list[str]) -> None:
        """Bring the cached officials of these sides up to date, in one query.

        Only rows added since the last look are read: the article's transaction holds
        the sides' locks, so no other process adds people of theirs meanwhile.
        """
        sides = []
        for code in dict.fromkeys(codes):
            country, organization = self.places.party(code)
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
            self.refresh([country.pk if country else organization.short_name])
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
        self.similar_match = match is not None and not exact
        if match is None and self.locks.take():
            # Another process may have added the person while we looked.
            self.refresh([country.pk if country else organization.short_name])
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
        report: DelegationReport,
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
        head_name = (report.head or "").strip()
        code = (report.party or "").strip()
        if not code:
            return None
        country, organization = self.places.party(code)
        title = (report.title or "").strip()[:500]
        head = (
            self.official(name=head_name, country=country, organization=organization)
            if head_name
            else None
        )
        if head is not None and self.similar_match:
            self.fuzzy.append((code, head, head_name))
        fact = f"delegation.{code}.head"
        delegation = existing.get(code)
        if delegation is None:
            delegation = Delegation(
                session=session,
                country=country,
                organization=organization,
                head=head if fact not in manual_facts(session) else None,
                head_title=title,
            )
            if pending is None:
                delegation.save()
            else:
                pending.append(delegation)  # the caller saves them together
            existing[code] = delegation
            return delegation
        dirty = []
        if head is not None and delegation.head_id is None and fact not in manual_facts(session):
            delegation.head = head
            dirty.append("head")
        elif head is not None and delegation.head_id not in (None, head.pk):
            current = Official.objects.get(pk=delegation.head_id).name
            if fold_head(session, code, current=current, new=head.name, sources=[source]):
                session.save(update_fields=["conflicts", "updated_at"])
        if title and not delegation.head_title:
            delegation.head_title = title
            dirty.append("head_title")
        if dirty and delegation.pk is not None:  # a pending one is saved by the caller
            delegation.save(update_fields=dirty)
        return delegation
