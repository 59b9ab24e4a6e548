"""The facts of a session, in one place: which there are, which a person corrected by
hand, and how the facts of another source are folded into a session.

Ingestion (a report about a session already stored), merges (two sessions that are one),
the review queue and the admin (a conflict resolved by hand) all use these rules:

- fill: an empty fact takes the other source's value;
- refine: a partial date takes a more precise date inside it (2019-11 becomes 2019-11-12);
- replace a plan: a planned session reported as held takes the held report's facts, for
  a plan is not a fact about the session that happened;
- conflict: any other disagreement is recorded in ``Session.conflicts`` and the stored
  value kept;
- a fact corrected by hand (``Session.manual_fields``) is never written; a source that
  disagrees with it is recorded as a conflict against "admin".

Facts are named as in the report ("start", "city", "delegation.PAK.head");
``Session.manual_fields`` holds model field names ("start_date"), as the admin writes
them: ``MODEL_FIELDS`` maps the one to the other. Conflicts have one format:
``{"field": "<fact>", "values": {"<value as text>": ["<source>", ...]}}``, the stored value
first, sources sorted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from meetings.ingestion import names
from meetings.models import DatePrecision, Session, format_partial_date, parse_partial_date

# "admin" holds a value set by hand, in a conflict's list of sources.
BY_HAND = "admin"

# Report facts and the model fields that hold them.
MODEL_FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("number",),
    "start": ("start_date", "start_precision"),
    "end": ("end_date",),
    "city": ("city",),
    "country": ("country",),
    "virtual": ("virtual",),
    "status": ("status",),
}
# The facts that may disagree between sources (the others only ever fill in).
COMPARED = ("start", "end", "city", "country")
# Model fields a person may correct by hand, in the order the admin shows them.
HAND_FIELDS = Session.FACT_FIELDS
assert {f for fields in MODEL_FIELDS.values() for f in fields} == set(HAND_FIELDS)

PartialDate = tuple[datetime.date, str]


@dataclass(frozen=True)
class Facts:
    """What one source says of a session, checked and parsed: a number of at least one,
    dates as (date, precision), a city of at most 100 characters, a country as alpha-3."""

    number: int | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    city: str | None = None
    country: str | None = None
    virtual: bool = False

    def get(self, fact: str):
        return getattr(self, fact)


def parse_date(text: object) -> PartialDate | None:
    """A reported partial date ("2019", "2019-11", "2019-11-12"), or None if it is not one."""
    if not isinstance(text, str) or not text:
        return None
    try:
        value, precision = parse_partial_date(text)
    except (ValueError, TypeError):
        return None
    return (value, precision) if value else None


def parse_number(value: object) -> int | None:
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        return None
    return value


def reported_facts(
    *,
    number: object = None,
    start: object = None,
    end: object = None,
    city: object = None,
    country: object = None,
    virtual: object = False,
) -> Facts:
    """Facts from what a report says, anything malformed dropped (a stored report may
    come from an older extractor)."""
    city_text = city.strip()[:100] if isinstance(city, str) else ""
    return Facts(
        number=parse_number(number),
        start=parse_date(start),
        end=parse_date(end),
        city=city_text or None,
        country=country if isinstance(country, str) and country else None,
        virtual=bool(virtual),
    )


def stored_facts(session: Session) -> Facts:
    """The facts a session holds now."""
    return Facts(
        number=session.number,
        start=(session.start_date, session.start_precision) if session.start_date else None,
        end=(session.end_date, DatePrecision.DAY) if session.end_date else None,
        city=session.city or None,
        country=session.country_id,
        virtual=session.virtual,
    )


def display(fact: str, value: object) -> str:
    """A fact's value as text, as conflicts and history show it."""
    if fact in ("start", "end") and value:
        return format_partial_date(*value)
    return str(value)


def covers(wide: PartialDate, narrow: PartialDate) -> bool:
    """Whether the partial date ``wide`` contains ``narrow`` (2019-11 contains 2019-11-12)."""
    value, precision = wide
    other = narrow[0]
    if precision == DatePrecision.YEAR:
        return value.year == other.year
    if precision == DatePrecision.MONTH:
        return (value.year, value.month) == (other.year, other.month)
    return value == other and narrow[1] == DatePrecision.DAY


# --- Corrections by hand ----------------------------------------------------------------


def manual_facts(session: Session) -> set[str]:
    """The report facts of a session that were set by hand and must not be overwritten."""
    manual = set(session.manual_fields or [])
    facts = {
        fact for fact, fields in MODEL_FIELDS.items() if manual & {fact, *fields}
    }  # a report name ("start") is accepted too
    return facts | {f for f in manual if f.startswith("delegation.")}


def add_manual_fields(*, manual_fields: Iterable[str], fields: Iterable[str]) -> list[str]:
    """`manual_fields` plus those of `fields` that are session facts (model field names,
    or "delegation.<party>.head" for the head of one side), in a stable order: the
    session's fields first, then the rest sorted."""
    wanted = set(manual_fields) | {
        name for name in fields if name in HAND_FIELDS or name.startswith("delegation.")
    }
    known = [name for name in HAND_FIELDS if name in wanted]
    # Keep anything unexpected that was stored before rather than silently dropping it.
    return known + sorted(wanted - set(HAND_FIELDS))


def record_manual_fields(session: Session, changed: Iterable[str]) -> None:
    """Marks the session facts a person changed as corrected by hand (on the instance;
    the caller saves it), so that neither ingestion nor a merge overwrites them."""
    changed = list(changed)
    if set(changed) & set(HAND_FIELDS) or any(f.startswith("delegation.") for f in changed):
        session.manual_fields = add_manual_fields(
            manual_fields=session.manual_fields or [], fields=changed
        )


def hand_fields_of(fact: str) -> list[str]:
    """The entries of manual_fields that protect a fact ("start" -> start_date and its
    precision)."""
    if fact.startswith("delegation."):
        return [fact]
    return list(MODEL_FIELDS[fact])


# --- Conflicts --------------------------------------------------------------------------


def add_conflict(
    session: Session, fact: str, *, current: str, new: str, sources: Iterable[str], holders
) -> bool:
    """Record that ``sources`` say ``new`` where the session holds ``current``.

    ``holders`` gives the sources of the stored value when the fact has no conflict yet
    (a callable, as finding them reads the database). False when nothing was added.
    """
    if names.fold(current) == names.fold(new):
        return False
    conflicts = [dict(c) for c in session.conflicts]
    entry = next((c for c in conflicts if c.get("field") == fact), None)
    if entry is None:
        first = [BY_HAND] if fact in manual_facts(session) else sorted(holders())
        entry = {"field": fact, "values": {current: first}}
        conflicts.append(entry)
    values = {k: list(v) for k, v in entry["values"].items()}
    added = [s for s in sources if s not in values.get(new, [])]
    if not added:
        return False
    values[new] = sorted({*values.get(new, []), *added})
    entry["values"] = values
    session.conflicts = conflicts
    return True


def combine_conflicts(first: list[dict], second: list[dict]) -> list[dict]:
    """The conflicts of two sessions that are one: per fact, every value with all of its
    sources; the first session's entries and values first."""
    combined: dict[str, dict[str, list[str]]] = {}
    for entry in [*first, *second]:
        values = combined.setdefault(entry.get("field", "?"), {})
        for value, sources in (entry.get("values") or {}).items():
            values[value] = sorted({*values.get(value, []), *sources})
    return [{"field": fact, "values": values} for fact, values in combined.items()]


def drop_conflict(session: Session, fact: str) -> None:
    """Forget the conflict on a fact (it was resolved by hand)."""
    session.conflicts = [c for c in session.conflicts if c.get("field") != fact]


def reported_value(report: dict, fact: str) -> str | None:
    """What a stored report (contract JSON) says of a fact ("city", "delegation.PAK.head")."""
    if fact.startswith("delegation."):
        party = fact.split(".")[1]
        heads = [d.get("head") for d in report.get("delegations") or [] if d.get("party") == party]
        return heads[0] if heads else None
    return (report.get("session") or {}).get(fact)


def sources_of(session: Session, *, fact: str, value: str, exclude: str = "") -> list[str]:
    """The sources of the session that state ``value``, else all its other sources."""
    if session.pk is None:
        return []
    articles = [
        a for a in session.articles.only("source_name", "report") if a.source_name != exclude
    ]
    stating = [
        a.source_name
        for a in articles
        if names.fold(str(reported_value(a.report or {}, fact) or "")) == names.fold(value)
    ]
    return sorted(stating or (a.source_name for a in articles))


# --- Folding one source's facts into a session ------------------------------------------


def set_fact(session: Session, fact: str, value: object) -> None:
    """Write one fact on the instance; the caller saves."""
    if fact == "start":
        session.start_date, session.start_precision = value or (None, DatePrecision.DAY)
    elif fact == "end":
        session.end_date = value[0] if value else None
    elif fact == "city":
        session.city = value or ""
    elif fact == "country":
        session.country_id = value
    else:
        setattr(session, fact, value)


def fold_facts(
    session: Session,
    facts: Facts,
    *,
    sources: list[str],
    held: bool,
    holders=None,
    plan_unreported: bool = True,
) -> set[str]:
    """Fold another source's facts into a session, on the instance (the caller saves).

    ``sources`` are the articles behind ``facts``; ``held`` says whether they report the
    session as held. A planned session then becomes held, and takes the held facts
    unless ``plan_unreported`` is false (a plan some article reports: its facts have a
    source too). ``holders(fact, value)`` gives the sources of a stored value (by
    default: the session's articles stating it, else all of them). Returns the model
    fields changed, "conflicts" included.
    """
    if holders is None:

        def holders(fact, value):
            return sources_of(session, fact=fact, value=value, exclude=next(iter(sources), ""))

    manual = manual_facts(session)
    dirty: set[str] = set()
    promote = held and session.status == Session.Status.PLANNED and "status" not in manual
    replace_plan = promote and plan_unreported
    if promote:
        session.status = Session.Status.HELD
        dirty.add("status")
    if facts.number is not None and session.number is None and "number" not in manual:
        session.number = facts.number
        dirty.add("number")
    current = stored_facts(session)

    def conflict(fact, old, new):
        old_text, new_text = display(fact, old), display(fact, new)
        if old_text != new_text and add_conflict(
            session,
            fact,
            current=old_text,
            new=new_text,
            sources=sources,
            holders=lambda: holders(fact, old_text),
        ):
            dirty.add("conflicts")

    for fact in COMPARED:
        new, old = facts.get(fact), current.get(fact)
        if new is None:
            continue
        if fact in manual:
            if old is not None:
                conflict(fact, old, new)
            continue
        if old is None or replace_plan:
            if old != new:
                set_fact(session, fact, new)
                dirty.update(MODEL_FIELDS[fact])
            continue
        if fact in ("start", "end") and covers(old, new):
            if old != new:
                set_fact(session, fact, new)  # a more precise date of the same day
                dirty.update(MODEL_FIELDS[fact])
            continue
        if fact in ("start", "end") and covers(new, old):
            continue
        conflict(fact, old, new)
    if facts.virtual and not session.virtual and "virtual" not in manual:
        session.virtual = True
        dirty.add("virtual")
    if session.start_date and session.end_date and session.end_date < session.start_date:
        session.end_date = None
        dirty.add("end_date")
    return dirty


def fold_head(session: Session, party: str, *, current: str, new: str, sources: list[str]) -> bool:
    """Record a second head reported for one side of a session as a conflict."""
    fact = f"delegation.{party}.head"
    return add_conflict(
        session,
        fact,
        current=current,
        new=new,
        sources=sources,
        holders=lambda: sources_of(
            session, fact=fact, value=current, exclude=next(iter(sources), "")
        ),
    )


# --- Corrections: a conflict resolved, a value typed ------------------------------------


def parse_fact(fact: str, text: str):
    """A value typed or chosen for a fact, as ``set_fact`` takes it; ValueError names
    what is wrong with it."""
    text = (text or "").strip()
    if fact in ("start", "end"):
        if not text:
            return None
        value = parse_date(text)
        if value is None or not 1900 <= value[0].year <= 2100:
            raise ValueError(f"{text!r} is not a date (2019, 2019-11 or 2019-11-12)")
        return value
    if fact == "city":
        return text[:100]
    if fact == "country":
        if not text:
            return None
        code = text.upper()
        if code not in names.countries():
            raise ValueError(f"{text!r} is not an ISO alpha-3 country code")
        return code
    if fact == "number":
        if not text:
            return None
        number = parse_number(text)
        if number is None:
            raise ValueError(f"{text!r} is not a session number")
        return number
    raise ValueError(f"{fact!r} cannot be set here")


def correct_fact(session: Session, fact: str, text: str) -> None:
    """Set a session fact by hand (a value chosen among a conflict's or typed): it
    becomes a hand correction that ingestion and merges keep, and the conflict on it is
    resolved. On the instance; the caller saves. ValueError for a value that is not one."""
    value = parse_fact(fact, text)
    set_fact(session, fact, value)
    if session.start_date and session.end_date and session.end_date < session.start_date:
        raise ValueError("the session would end before it starts")
    record_manual_fields(session, hand_fields_of(fact))
    drop_conflict(session, fact)
