"""Who changed what, and why: the change reason and person of every historical record.

django-simple-history writes a historical row for each save and delete of the models
that have ``history``; ``recorded_as`` says why (an article, a merge, a review) for
everything written inside it, and the request middleware says who. Writes that bypass
``save()`` (``QuerySet.update()``) are recorded with ``record_state``.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from meetings.models import Official

_reason: contextvars.ContextVar[str] = contextvars.ContextVar("history_reason", default="")
_user: contextvars.ContextVar[object] = contextvars.ContextVar("history_user", default=None)


@contextlib.contextmanager
def recorded_as(reason: str, *, user=None):
    """Every change inside is recorded with this reason (and person, when given)."""
    reason_token = _reason.set(reason[:100])
    user_token = _user.set(user) if user is not None else None
    try:
        yield
    finally:
        _reason.reset(reason_token)
        if user_token is not None:
            _user.reset(user_token)


def current_user():
    user = _user.get()
    if user is not None:
        return user
    request = getattr(HistoricalRecords.context, "request", None)
    request_user = getattr(request, "user", None)
    return request_user if getattr(request_user, "is_authenticated", False) else None


@receiver(pre_create_historical_record)
def _give_reason(sender, history_instance, **kwargs):
    if not history_instance.history_change_reason and _reason.get():
        history_instance.history_change_reason = _reason.get()
    if history_instance.history_user_id is None and _user.get() is not None:
        history_instance.history_user = _user.get()


def record_state(model, pks: Iterable[int]) -> None:
    """A historical row of the current state of these rows, changed by ``update()``."""
    rows = list(model.objects.filter(pk__in=list(pks)).order_by("pk"))
    if rows:
        model.history.bulk_history_create(
            rows, update=True, default_change_reason=_reason.get(), default_user=current_user()
        )


# --- Reading the history ----------------------------------------------------------------

ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
HIDDEN = {"id", "history_id", "conflicts", "manual_fields", "name_by_hand"}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    """One recorded change, as the history pages show it."""

    when: datetime.datetime
    what: str
    action: str
    reason: str
    by: str
    changes: tuple[Change, ...]


def _shown(field, value, people: dict) -> str:
    if value in (None, "", []):
        return "—"
    if field.name in ("head",) or getattr(field, "related_model", None) is Official:
        return people.get(value, f"#{value}")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field.choices:
        return str(dict(field.choices).get(value, value))
    return str(value)


def entries(records: Iterable, *, what) -> list[Entry]:
    """History entries, newest first, from historical records of one or more rows;
    ``what(record)`` names the row a record is of ("Session", "PAK delegation")."""
    records = sorted(records, key=lambda r: (r.history_date, r.history_id))
    people_ids = {getattr(r, "head_id", None) for r in records if getattr(r, "head_id", None)}
    people = dict(Official.objects.filter(pk__in=people_ids).values_list("pk", "name"))
    previous: dict = {}
    result = []
    for record in records:
        key = (type(record), record.id)
        changes = []
        before = previous.get(key)
        model = record.instance_type
        if before is not None and record.history_type == "~":
            delta = record.diff_against(before)
            for change in delta.changes:
                if change.field in HIDDEN:
                    continue
                field = model._meta.get_field(change.field)
                changes.append(
                    Change(
                        label=str(field.verbose_name).capitalize(),
                        old=_shown(field, change.old, people),
                        new=_shown(field, change.new, people),
                    )
                )
            if not changes:
                previous[key] = record
                continue  # nothing a reader would see changed
        previous[key] = record
        user = record.history_user
        result.append(
            Entry(
                when=record.history_date,
                what=what(record),
                action=ACTIONS[record.history_type],
                reason=describe_reason(record.history_change_reason or ""),
                by=(user.get_username() if user else ""),
                changes=tuple(changes),
            )
        )
    return result[::-1]


def describe_reason(reason: str) -> str:
    """ "article d12.txt" reads "from article d12.txt"; a merge or review as it is."""
    if reason.startswith("article "):
        return "from " + reason
    return reason


def describe_row(record) -> str:
    """What a historical record is of: "Series", "Session 8", "PAK delegation"."""
    model = record.instance_type
    if model.__name__ == "Session":
        return f"Session {record.number}" if record.number else "Session"
    if model.__name__ == "Delegation":
        side = record.country_id or (f"organisation #{record.organization_id}")
        return f"{side} delegation"
    if model.__name__ == "Article":
        return f"Article {record.source_name}"
    return model._meta.verbose_name.capitalize()
