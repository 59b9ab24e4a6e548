"""The review queue: what ingestion was unsure of goes in, and what a person decides
comes out as a change of the record.

In: facts whose confidence (``confidence``) is below the threshold, conflicts between
sources, a series an article was matched to by name rather than by its natural key, a
head matched to a stored person by a similar name, and planned sessions whose date has
passed with no report. One item per thing (``ReviewItem.key``), so ingesting again adds
nothing.

Out: accept (the fact becomes confirmed; an identity is kept), correct (a value typed
or chosen, which becomes a hand correction), reject (the fact is removed, the article
kept; a stale plan is removed), split (an identity undone: the series or person the
article was matched to is split apart). Each decision is recorded in the history with
the reviewer's name.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from meetings.history import recorded_as
from meetings.ingestion import names
from meetings.ingestion.confidence import fact_confidence
from meetings.ingestion.facts import (
    COMPARED,
    correct_fact,
    display,
    drop_conflict,
    hand_fields_of,
    record_manual_fields,
    reported_facts,
    reported_value,
    set_fact,
    stored_facts,
)
from meetings.ingestion.merge import MergeError, split_session
from meetings.models import (
    Article,
    Delegation,
    Evidence,
    Official,
    ReviewItem,
    Series,
    Session,
)

Kind, Status = ReviewItem.Kind, ReviewItem.Status
SESSION_FACTS = ("number", *COMPARED)


# --- In ---------------------------------------------------------------------------------


def queue_article(*, row: Article, report, stored, session: Session, group: Series, resolver):
    """Items for what ingesting this article left unsure; inside its transaction."""
    evidence = tuple(getattr(report, "evidence", ()) or ())
    disputed = {
        entry["field"]
        for entry in session.conflicts
        if any(row.source_name in sources for sources in entry["values"].values())
    }
    items = []
    reported = stored.session
    if reported is not None:
        facts = reported_facts(
            number=reported.number,
            start=reported.start,
            end=reported.end,
            city=reported.city,
            country=reported.country,
        )
        for fact in SESSION_FACTS:
            value = facts.get(fact)
            if value is None or fact in disputed:
                continue
            confidence = fact_confidence(fact, evidence=evidence)
            if confidence.low:
                items.append(_fact_item(row, session, fact, display(fact, value), confidence))
    fuzzy = {party: (person, name) for party, person, name in resolver.people.fuzzy}
    for delegation in stored.delegations:
        fact = f"delegation.{delegation.party}.head"
        if not delegation.head or fact in disputed or delegation.party in fuzzy:
            continue
        confidence = fact_confidence(fact, evidence=evidence)
        if confidence.low:
            items.append(_fact_item(row, session, fact, delegation.head, confidence))
    for party, (person, name) in fuzzy.items():
        confidence = fact_confidence(
            f"delegation.{party}.head", evidence=evidence, fuzzy_name=person.name
        )
        items.append(
            ReviewItem(
                kind=Kind.OFFICIAL,
                key=f"official:{row.pk}:{party}",
                session=session,
                official=person,
                article=row,
                fact=f"delegation.{party}.head",
                value=name[:500],
                confidence=confidence.value,
                reason=f"“{name}” taken for {person.name}"[:300],
            )
        )
    for fact in sorted(disputed):
        said = reported_value(row.report or {}, fact)
        items.append(
            ReviewItem(
                kind=Kind.CONFLICT,
                key=f"conflict:{session.pk}:{fact}",
                session=session,
                article=row,
                fact=fact,
                value=str(said or "")[:500],
                confidence=fact_confidence(fact, evidence=evidence, disagreed=True).value,
                reason="sources disagree",
            )
        )
    if resolver.series.matched_by in ("name", "near") and stored.series is not None:
        reported_name = stored.series.name or ""
        items.append(
            ReviewItem(
                kind=Kind.SERIES,
                key=f"series:{row.pk}",
                series=group,
                session=session,
                article=row,
                value=reported_name[:500],
                reason=(
                    f"“{reported_name}” taken for {group.name}"
                    + (" (one state more or less)" if resolver.series.matched_by == "near" else "")
                )[:300],
            )
        )
    if resolver.series.matched_by == "new" and stored.series is not None:
        beside = _same_sides(group)
        if beside:
            items.append(
                ReviewItem(
                    kind=Kind.SERIES,
                    key=f"series:{row.pk}",
                    series=group,
                    session=session,
                    article=row,
                    fact="new",
                    value=group.name[:500],
                    reason=f"a new series beside {', '.join(beside)} of the same sides"[:300],
                )
            )
    ReviewItem.objects.bulk_create(items, ignore_conflicts=True)


def _same_sides(group: Series) -> list[str]:
    """Other series of exactly the group's sides, which no name rule matched."""
    prefix = group.natural_key.rsplit("|", 2)[0] + "|" if group.natural_key else None
    if prefix is None:
        return []
    others = Series.objects.filter(natural_key__startswith=prefix).exclude(pk=group.pk)
    return list(others.order_by("name").values_list("name", flat=True)[:3])


def _fact_item(row, session, fact, value, confidence) -> ReviewItem:
    return ReviewItem(
        kind=Kind.FACT,
        key=f"fact:{row.pk}:{fact}",
        session=session,
        article=row,
        fact=fact,
        value=str(value)[:500],
        confidence=confidence.value,
        reason=confidence.reason,
    )


def queue_stale_plans(*, today: datetime.date) -> int:
    """Items for planned sessions whose date has passed with no report; returns how many
    were added."""
    stale = Session.objects.past_due(today=today).exclude(review_items__kind=Kind.STALE)
    items = [
        ReviewItem(
            kind=Kind.STALE,
            key=f"stale:{session.pk}",
            session=session,
            series_id=session.series_id,
            fact="status",
            value=session.start_display or "",
            reason="unconfirmed, date passed",
        )
        for session in stale.order_by("pk")
    ]
    return len(ReviewItem.objects.bulk_create(items, ignore_conflicts=True))


# --- Out --------------------------------------------------------------------------------


class ReviewError(ValueError):
    """The decision cannot be carried out; nothing changed."""


def _close(item: ReviewItem, status: str, user) -> None:
    item.status = status
    item.resolved_at = timezone.now()
    item.resolved_by = user if getattr(user, "is_authenticated", False) else None
    item.save(update_fields=["status", "resolved_at", "resolved_by"])


def _confirm(session: Session, fact: str) -> None:
    if fact and fact not in session.confirmed_fields:
        session.confirmed_fields = [*session.confirmed_fields, fact]


def decide(item: ReviewItem, action: str, *, user=None, value: str = "") -> None:
    """Carry out a reviewer's decision on an open item: "accept", "correct" (with
    ``value``), "reject" or "split". ReviewError when it cannot be done."""
    handlers = {"accept": _accept, "correct": _correct, "reject": _reject, "split": _split}
    if action not in handlers:
        raise ReviewError(f"unknown action {action!r}")
    try:
        _decide(item, handlers[action], action=action, user=user, value=value)
    except IntegrityError as error:
        # Rolled back whole: e.g. a number another session of the series already has.
        raise ReviewError(f"the record refuses it ({first_line(error)})") from error


def first_line(error: object) -> str:
    return (str(error).strip().splitlines() or [""])[0]


def _decide(item: ReviewItem, handler, *, action: str, user, value: str) -> None:
    with transaction.atomic(), recorded_as(f"review: {action}", user=user):
        item = ReviewItem.objects.select_for_update().get(pk=item.pk)
        if item.status != Status.OPEN:
            raise ReviewError("this item was decided already")
        try:
            status = handler(item, value=value)
        except (ValueError, MergeError) as error:
            raise ReviewError(str(error)) from error
        if ReviewItem.objects.filter(pk=item.pk).exists():  # a removed plan takes its item
            _close(item, status, user)


def _accept(item: ReviewItem, *, value: str) -> str:
    if item.session_id and item.kind in (Kind.FACT, Kind.OFFICIAL, Kind.STALE):
        session = item.session
        _confirm(session, item.fact)
        session.save(update_fields=["confirmed_fields", "updated_at"])
    if item.kind == Kind.CONFLICT:
        # The stored value stands, now as a person's choice.
        session = item.session
        current = _current_value(session, item.fact)
        if current is None:
            raise ReviewError("the session has no value to keep")
        return _correct(item, value=current, status=Status.ACCEPTED)
    return Status.ACCEPTED


def _current_value(session: Session, fact: str) -> str | None:
    """The value the session holds for a fact, as text."""
    if fact.startswith("delegation."):
        delegation = _delegation(session, fact)
        return delegation.head.name if delegation and delegation.head else None
    value = stored_facts(session).get(fact) if fact in SESSION_FACTS else None
    return None if value is None else display(fact, value)


def _delegation(session: Session, fact: str) -> Delegation | None:
    party = fact.split(".")[1]
    return next(
        (d for d in session.delegations.select_related("head") if d.party_code == party), None
    )


def _correct(item: ReviewItem, *, value: str, status: str = Status.CORRECTED) -> str:
    session = item.session
    if session is None or not item.fact or item.kind in (Kind.SERIES, Kind.STALE):
        raise ReviewError("only a fact of a session can be corrected")
    if not value.strip():
        raise ReviewError("type the right value")
    if item.fact.startswith("delegation."):
        delegation = _delegation(session, item.fact)
        if delegation is None:
            raise ReviewError("the delegation is no longer there")
        delegation.head = _person(delegation, value.strip())
        delegation.save(update_fields=["head"])
        record_manual_fields(session, [item.fact])
        drop_conflict(session, item.fact)
    else:
        correct_fact(session, item.fact, value)
    _confirm(session, item.fact)
    session.save()
    return status


def _person(delegation: Delegation, name: str) -> Official:
    """The official of the delegation's side with this name (or spelling), else a new one."""
    side = Official.objects.filter(
        country_id=delegation.country_id, organization_id=delegation.organization_id
    )
    wanted = names.fold(name)
    for person in side:
        if wanted in {names.fold(n) for n in [person.name, *person.other_names]}:
            return person
    return Official.objects.create(
        name=name[:200],
        country_id=delegation.country_id,
        organization_id=delegation.organization_id,
    )


def _reject(item: ReviewItem, *, value: str) -> str:
    session = item.session
    if item.kind == Kind.STALE:
        if session.articles.exists():
            raise ReviewError("the session has reports now")
        session.delete()  # the plan did not happen; the announcing article stays
        return Status.REJECTED
    if item.kind == Kind.SERIES:
        raise ReviewError("a series match is kept or split apart")
    if session is None or not item.fact:
        raise ReviewError("nothing to remove")
    if item.fact.startswith("delegation."):
        delegation = _delegation(session, item.fact)
        if delegation is not None:
            delegation.head = None
            delegation.save(update_fields=["head"])
    elif item.fact in SESSION_FACTS:
        set_fact(session, item.fact, None)
    record_manual_fields(session, hand_fields_of(item.fact))
    drop_conflict(session, item.fact)
    session.save()
    if item.article_id:
        evidence_fact = item.fact if item.fact.startswith("delegation.") else f"session.{item.fact}"
        Evidence.objects.filter(article_id=item.article_id, fact=evidence_fact).delete()
    return Status.REJECTED


def _split(item: ReviewItem, *, value: str) -> str:
    if item.kind == Kind.OFFICIAL:
        return _split_official(item)
    if item.kind == Kind.SERIES:
        return _split_series(item)
    raise ReviewError("only an identity can be split apart")


def _split_official(item: ReviewItem) -> str:
    """The reported head is another person than the one matched."""
    session, person = item.session, item.official
    delegation = _delegation(session, item.fact) if session else None
    if delegation is None or delegation.head_id != person.pk:
        raise ReviewError("the delegation is no longer led by that official")
    other = Official.objects.create(
        name=item.value[:200], country_id=person.country_id, organization_id=person.organization_id
    )
    delegation.head = other
    delegation.save(update_fields=["head"])
    if item.value in person.other_names and not _still_reported(person, item.value):
        person.other_names = [n for n in person.other_names if n != item.value]
        person.save(update_fields=["other_names"])
    return Status.SPLIT


def _still_reported(person: Official, name: str) -> bool:
    """Whether another delegation the person leads was reported under this name."""
    for delegation in person.delegations_led.select_related("session"):
        for article in delegation.session.articles.only("report"):
            heads = [
                d.get("head")
                for d in (article.report or {}).get("delegations") or []
                if d.get("party") == delegation.party_code
            ]
            if name in heads:
                return True
    return False


def _split_series(item: ReviewItem) -> str:
    """The article reports another mechanism than the series it was matched to: its
    session moves to a new series of the reported name."""
    article, group = item.article, item.series
    if article is None or article.session_id is None or group is None:
        raise ReviewError("the article reports no session now")
    session = article.session
    if session.series_id != group.pk:
        raise ReviewError("the article's session is no longer in that series")
    if session.articles.count() > 1:
        session = split_session(session=session, articles=[article])
    name = (item.value or "").strip()[:300] or f"{group.name} (split)"
    base = slugify(name)[:180] or "series"
    slug, n = base, 1
    while Series.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    # No natural key: the kept series keeps it, so that later reports still find it.
    new = Series.objects.create(name=name, slug=slug, kind=group.kind, topic=group.topic)
    new.parties.set(group.parties.all())
    new.organizations.set(group.organizations.all())
    session.series = new
    session.save(update_fields=["series", "updated_at"])
    if names.fold(name) != names.fold(group.name):
        group.other_names = [n for n in group.other_names if names.fold(n) != names.fold(name)]
        group.save(update_fields=["other_names"])
    return Status.SPLIT
