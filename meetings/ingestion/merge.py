"""Merging duplicates: two officials who are one person, two series that are one
series, two sessions of one series that are one session.

Each merge is computed first as a plan (what moves where, which names are kept), then
applied in one transaction, so a merge either happens whole or not at all. Nothing is
lost: sessions, delegations, articles and evidence of the removed row end up on the kept
one; its names become the kept row's other names. The admin's merge actions and
ingestion both use these functions.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from meetings.extraction.report import Report
from meetings.history import current_user, record_state, recorded_as
from meetings.ingestion.facts import (
    add_manual_fields,
    combine_conflicts,
    fold_facts,
    fold_head,
    manual_facts,
    reported_facts,
    reported_value,
    set_fact,
    sources_of,
    stored_facts,
)
from meetings.models import (
    Article,
    Country,
    DatePrecision,
    Delegation,
    Evidence,
    Merge,
    Official,
    Series,
    Session,
)


class MergeError(ValueError):
    """The two rows cannot be merged (e.g. they are the same row)."""


def combine_names(*, name: str, other_names: Iterable[str], extra: Iterable[str]) -> list[str]:
    """`other_names` followed by `extra`, without blanks, without `name` and without
    repeats (compared case-insensitively; the first spelling seen wins)."""
    seen = {name.strip().casefold()}
    combined = []
    for candidate in [*other_names, *extra]:
        text = (candidate or "").strip()
        key = text.casefold()
        if text and key not in seen:
            seen.add(key)
            combined.append(text)
    return combined


# --- Officials -------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficialMergePlan:
    keep_id: int
    remove_id: int
    other_names: list[str]
    delegations_led: list[int]
    # Delegations remove was a member of: the kept official joins them instead, unless
    # the kept official already leads or joins them.
    delegations_joined: list[int]
    delegations_joined_already: list[int]
    fill_fields: dict[str, object] = field(default_factory=dict)

    def describe(self) -> str:
        return (
            f"{len(self.delegations_led)} delegation(s) led and "
            f"{len(self.delegations_joined) + len(self.delegations_joined_already)} "
            f"joined moved; other names: {', '.join(self.other_names) or 'none'}"
        )


def plan_official_merge(*, keep: Official, remove: Official) -> OfficialMergePlan:
    """What merging `remove` into `keep` would change; reads only."""
    if keep.pk == remove.pk:
        raise MergeError("Cannot merge an official into itself.")
    kept_delegations = set(
        Delegation.objects.filter(Q(head=keep) | Q(members=keep)).values_list("pk", flat=True)
    )
    joined = sorted(Delegation.objects.filter(members=remove).values_list("pk", flat=True))
    fill = {}
    if keep.country_id is None and remove.country_id is not None:
        fill["country_id"] = remove.country_id
    if keep.organization_id is None and remove.organization_id is not None:
        fill["organization_id"] = remove.organization_id
    return OfficialMergePlan(
        keep_id=keep.pk,
        remove_id=remove.pk,
        other_names=combine_names(
            name=keep.name,
            other_names=keep.other_names,
            extra=[remove.name, *remove.other_names],
        ),
        delegations_led=sorted(Delegation.objects.filter(head=remove).values_list("pk", flat=True)),
        delegations_joined=[pk for pk in joined if pk not in kept_delegations],
        delegations_joined_already=[pk for pk in joined if pk in kept_delegations],
        fill_fields=fill,
    )


def apply_official_merge(plan: OfficialMergePlan) -> None:
    """Carries out a plan from plan_official_merge; call inside a transaction."""
    Delegation.objects.filter(pk__in=plan.delegations_led).update(head_id=plan.keep_id)
    Membership = Delegation.members.through
    Membership.objects.filter(official_id=plan.remove_id).delete()
    Membership.objects.bulk_create(
        [Membership(delegation_id=pk, official_id=plan.keep_id) for pk in plan.delegations_joined]
    )
    # A delegation now led by the kept official does not also list them as a member.
    Membership.objects.filter(
        official_id=plan.keep_id, delegation_id__in=plan.delegations_led
    ).delete()
    Official.objects.filter(pk=plan.keep_id).update(
        other_names=plan.other_names, **plan.fill_fields
    )
    Official.objects.filter(pk=plan.remove_id).delete()


def merge_officials(*, keep: Official, remove: Official) -> OfficialMergePlan:
    """Merges `remove` into `keep` (two records of one person) and deletes `remove`.

    Delegations `remove` led or joined are moved to `keep`; `remove`'s name and other
    names become `keep`'s other names; a country or organisation `keep` lacks is taken
    from `remove`. Raises MergeError when both are the same row. Returns the plan applied.
    """
    with transaction.atomic(), recorded_as(f"merge of official #{remove.pk} into #{keep.pk}"):
        keep, remove = _lock(Official, keep, remove)
        plan = plan_official_merge(keep=keep, remove=remove)
        rows = official_rows(keep.pk, remove.pk)
        before = snapshot(rows)
        label = str(remove)
        apply_official_merge(plan)
        record_state(Official, [keep.pk])
        record_state(Delegation, plan.delegations_led)
        remember_merge(
            Merge.Kind.OFFICIAL, keep=keep, removed_id=remove.pk, label=label, before=before
        )
    return plan


# --- Series ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionMerge:
    """One session of the removed group folded into the kept group's session of the same
    number."""

    keep_id: int
    remove_id: int
    number: int | None
    # Delegations moved as they are, and (remove's, keep's) pairs for the same party.
    delegations_moved: list[int]
    delegations_folded: list[tuple[int, int]]
    articles: list[int]
    evidence_moved: list[int]
    # Evidence already recorded on the kept session (same article, fact and offset).
    evidence_duplicates: list[int]
    field_updates: dict[str, object]
    conflicts: list[dict]
    manual_fields: list[str]

    def describe(self) -> str:
        return (
            f"{len(self.articles)} article(s), "
            f"{len(self.delegations_moved) + len(self.delegations_folded)} delegation(s) "
            f"moved; {len(self.conflicts)} conflict(s)"
        )


@dataclass(frozen=True)
class SeriesMergePlan:
    keep_id: int
    remove_id: int
    other_names: list[str]
    natural_key: str | None
    sessions_moved: list[int]
    sessions_merged: list[SessionMerge]
    parties: list[str]
    organizations: list[int]

    def describe(self) -> str:
        return (
            f"{len(self.sessions_moved)} session(s) moved, "
            f"{len(self.sessions_merged)} merged into the same session of the kept group; "
            f"other names: {', '.join(self.other_names) or 'none'}"
        )


def plan_series_merge(*, keep: Series, remove: Series) -> SeriesMergePlan:
    """What merging `remove` into `keep` would change; reads only."""
    if keep.pk == remove.pk:
        raise MergeError("Cannot merge a series into itself.")
    kept_by_key = {}
    for session in Session.objects.filter(series=keep).order_by("pk"):
        kept_by_key.setdefault(session_identity(session), session)
    kept_by_key.pop(None, None)
    moved, merged = [], []
    for session in Session.objects.filter(series=remove).order_by("pk"):
        key = session_identity(session)
        target = kept_by_key.get(key) if key else None
        if target is None:
            moved.append(session.pk)
        else:
            merged.append(_plan_session_merge(keep=target, remove=session))
    kept_parties = set(keep.parties.values_list("pk", flat=True))
    kept_organizations = set(keep.organizations.values_list("pk", flat=True))
    return SeriesMergePlan(
        keep_id=keep.pk,
        remove_id=remove.pk,
        other_names=combine_names(
            name=keep.name,
            other_names=keep.other_names,
            extra=[remove.name, *remove.other_names],
        ),
        natural_key=keep.natural_key or remove.natural_key,
        sessions_moved=moved,
        sessions_merged=merged,
        parties=sorted(set(remove.parties.values_list("pk", flat=True)) - kept_parties),
        organizations=sorted(
            set(remove.organizations.values_list("pk", flat=True)) - kept_organizations
        ),
    )


def session_identity(session: Session) -> tuple | None:
    """What makes two sessions of one series the same session: the number, or, when
    neither has one, the exact day it started. None when neither is known."""
    if session.number:
        return ("number", session.number)
    if session.start_date and session.start_precision == DatePrecision.DAY:
        return ("day", session.start_date)
    return None


def _plan_session_merge(*, keep: Session, remove: Session) -> SessionMerge:
    kept_parties = {
        (delegation.country_id, delegation.organization_id): delegation.pk
        for delegation in keep.delegations.all()
    }
    delegations_moved, delegations_folded = [], []
    for delegation in remove.delegations.order_by("pk"):
        kept = kept_parties.get((delegation.country_id, delegation.organization_id))
        if kept is None:
            delegations_moved.append(delegation.pk)
        else:
            delegations_folded.append((delegation.pk, kept))

    kept_evidence = set(keep.evidence.values_list("article_id", "fact", "start"))
    evidence_moved, evidence_duplicates = [], []
    for pk, article_id, fact, start in remove.evidence.values_list(
        "pk", "article_id", "fact", "start"
    ).order_by("pk"):
        if (article_id, fact, start) in kept_evidence:
            evidence_duplicates.append(pk)
        else:
            kept_evidence.add((article_id, fact, start))
            evidence_moved.append(pk)

    field_updates, conflicts = _plan_session_facts(keep=keep, remove=remove)
    return SessionMerge(
        keep_id=keep.pk,
        remove_id=remove.pk,
        number=keep.number,
        delegations_moved=delegations_moved,
        delegations_folded=delegations_folded,
        articles=sorted(remove.articles.values_list("pk", flat=True)),
        evidence_moved=evidence_moved,
        evidence_duplicates=evidence_duplicates,
        field_updates=field_updates,
        conflicts=conflicts,
        manual_fields=add_manual_fields(
            manual_fields=keep.manual_fields, fields=remove.manual_fields
        ),
    )


def _plan_session_facts(*, keep: Session, remove: Session) -> tuple[dict, list[dict]]:
    """The facts of `keep` once `remove`'s are folded in by the rules of
    ``ingestion.facts`` (fill, refine, a held session over a plan, disagreements as
    conflicts, facts corrected by hand on `keep` left alone), and the conflicts of both;
    reads only."""
    probe = copy.copy(keep)
    probe.conflicts = combine_conflicts(keep.conflicts, remove.conflicts)
    dirty = fold_facts(
        probe,
        stored_facts(remove),
        sources=_sources(remove),
        held=remove.status == Session.Status.HELD,
        holders=lambda fact, value: sources_of(keep, fact=fact, value=value),
        plan_unreported=not keep.articles.exists(),
    )
    kept_heads = {
        (d.country_id, d.organization_id): d for d in keep.delegations.select_related("head")
    }
    for delegation in remove.delegations.select_related("head", "organization"):
        kept = kept_heads.get((delegation.country_id, delegation.organization_id))
        if kept and kept.head and delegation.head and kept.head_id != delegation.head_id:
            fold_head(
                probe,
                delegation.party_code,
                current=kept.head.name,
                new=delegation.head.name,
                sources=_sources(remove),
            )
    model_fields = {"country": "country_id"}
    updates = {
        model_fields.get(name, name): getattr(probe, model_fields.get(name, name))
        for name in sorted(dirty - {"conflicts"})
    }
    return updates, probe.conflicts


def _sources(session: Session) -> list[str]:
    return sorted(session.articles.values_list("source_name", flat=True))


def apply_series_merge(plan: SeriesMergePlan) -> None:
    """Carries out a plan from plan_series_merge; call inside a transaction."""
    for merge in plan.sessions_merged:
        _apply_session_merge(merge)
    Session.objects.filter(pk__in=plan.sessions_moved).update(series_id=plan.keep_id)
    keep = Series.objects.get(pk=plan.keep_id)
    keep.parties.add(*plan.parties)
    keep.organizations.add(*plan.organizations)
    # The natural key is unique: free it before the kept group takes it over.
    Series.objects.filter(pk=plan.remove_id).delete()
    Series.objects.filter(pk=plan.keep_id).update(
        other_names=plan.other_names, natural_key=plan.natural_key
    )


def _apply_session_merge(merge: SessionMerge) -> None:
    Membership = Delegation.members.through
    for removed_pk, kept_pk in merge.delegations_folded:
        removed = Delegation.objects.get(pk=removed_pk)
        kept = Delegation.objects.get(pk=kept_pk)
        Evidence.objects.filter(delegation_id=removed_pk).update(delegation_id=kept_pk)
        members = set(removed.members.values_list("pk", flat=True)) - set(
            kept.members.values_list("pk", flat=True)
        )
        if removed.head_id and removed.head_id != kept.head_id:
            if kept.head_id is None:
                kept.head_id, kept.head_title = removed.head_id, removed.head_title
            else:
                # Two heads reported for one side: keep the other as a member.
                members.add(removed.head_id)
        if not kept.head_title:
            kept.head_title = removed.head_title
        kept.save(update_fields=["head", "head_title"])
        Membership.objects.bulk_create(
            [
                Membership(delegation_id=kept_pk, official_id=official)
                for official in sorted(members - {kept.head_id})
            ]
        )
        removed.delete()
    Delegation.objects.filter(pk__in=merge.delegations_moved).update(session_id=merge.keep_id)
    Evidence.objects.filter(pk__in=merge.evidence_duplicates).delete()
    Evidence.objects.filter(pk__in=merge.evidence_moved).update(session_id=merge.keep_id)
    # Any evidence recorded after planning still points at the removed session: move it
    # too, rather than let the cascade delete it.
    Evidence.objects.filter(session_id=merge.remove_id).update(session_id=merge.keep_id)
    Article.objects.filter(session_id=merge.remove_id).update(session_id=merge.keep_id)
    Session.objects.filter(pk=merge.remove_id).delete()
    Session.objects.filter(pk=merge.keep_id).update(
        conflicts=merge.conflicts, manual_fields=merge.manual_fields, **merge.field_updates
    )


def merge_series(*, keep: Series, remove: Series) -> SeriesMergePlan:
    """Merges `remove` into `keep` (two records of one meeting series), deletes `remove`.

    Sessions of `remove` move to `keep`; a session `keep` already has (the same number,
    or without numbers the same day: see session_identity) is merged into that one: its
    articles, evidence and delegations move over, and a delegation of a side `keep`'s
    session already has is folded into it (its evidence, members and a missing head
    move over). Facts `keep`'s session lacks are filled in, disagreeing ones
    recorded as conflicts. `remove`'s names become `keep`'s other names; parties and
    organisations are united. Raises MergeError when both are the same row. Returns the
    plan applied.
    """
    with transaction.atomic(), recorded_as(f"merge of series #{remove.pk} into #{keep.pk}"):
        keep, remove = _lock(Series, keep, remove)
        plan = plan_series_merge(keep=keep, remove=remove)
        before = snapshot(series_rows(keep.pk, remove.pk))
        label, slug = str(remove), remove.slug
        apply_series_merge(plan)
        record_state(Series, [keep.pk])
        record_state(Session, [*plan.sessions_moved, *(m.keep_id for m in plan.sessions_merged)])
        record_state(Delegation, [pk for m in plan.sessions_merged for pk in m.delegations_moved])
        record_state(Article, [pk for m in plan.sessions_merged for pk in m.articles])
        remember_merge(
            Merge.Kind.SERIES,
            keep=keep,
            removed_id=remove.pk,
            label=label,
            before=before,
            slug=slug,
        )
    return plan


def plan_session_merge(*, keep: Session, remove: Session) -> SessionMerge:
    """What merging session `remove` into `keep` would change; reads only."""
    if keep.pk == remove.pk:
        raise MergeError("Cannot merge a session into itself.")
    if keep.series_id != remove.series_id:
        raise MergeError("Only sessions of one series can be merged.")
    return _plan_session_merge(keep=keep, remove=remove)


def merge_sessions(*, keep: Session, remove: Session) -> SessionMerge:
    """Merges `remove` into `keep`, two sessions of one series that are one session (two
    reports that were not recognised as one): articles, evidence and delegations move
    over as in a series merge, facts are folded by the rules of ``ingestion.facts``.
    Raises MergeError for the same row or sessions of two series."""
    with transaction.atomic(), recorded_as(f"merge of session #{remove.pk} into #{keep.pk}"):
        keep, remove = _lock(Session, keep, remove)
        if keep.series_id != remove.series_id:
            raise MergeError("Only sessions of one series can be merged.")
        plan = _plan_session_merge(keep=keep, remove=remove)
        before = snapshot(session_rows([keep.pk, remove.pk]))
        label = str(remove)
        if keep.number is None and remove.number is not None:
            # The number moves with the facts: free it on the removed session first.
            Session.objects.filter(pk=remove.pk).update(number=None)
        _apply_session_merge(plan)
        record_state(Session, [keep.pk])
        record_state(Delegation, plan.delegations_moved)
        record_state(Article, plan.articles)
        remember_merge(
            Merge.Kind.SESSION, keep=keep, removed_id=remove.pk, label=label, before=before
        )
    return plan


# --- Undo ------------------------------------------------------------------------------
# A merge keeps the rows it touched as they were (``before``) and as it left them
# (``after``). Undo writes ``before`` back, ids and all, once it has checked that the
# kept rows are still as the merge left them: a later edit would otherwise be lost.

VOLATILE = {"updated_at", "created_at", "ingested_at"}


def series_rows(*pks: int) -> list:
    sessions = list(Session.objects.filter(series_id__in=pks).order_by("pk"))
    return [
        *Series.objects.filter(pk__in=pks).order_by("pk"),
        *session_rows([s.pk for s in sessions], sessions=sessions),
    ]


def session_rows(pks: list[int], *, sessions=None) -> list:
    if sessions is None:
        sessions = list(Session.objects.filter(pk__in=pks).order_by("pk"))
    return [
        *sessions,
        *Delegation.objects.filter(session_id__in=pks).order_by("pk"),
        *Evidence.objects.filter(session_id__in=pks).order_by("pk"),
        *Article.objects.filter(session_id__in=pks).only("pk", "session").order_by("pk"),
    ]


def official_rows(*pks: int) -> list:
    delegations = Delegation.objects.filter(Q(head_id__in=pks) | Q(members__in=pks))
    return [
        *Official.objects.filter(pk__in=pks).order_by("pk"),
        *delegations.distinct().order_by("pk"),
    ]


def snapshot(rows: list) -> list[dict]:
    """The rows as plain data: model, id, fields (an article only its session)."""
    data = []
    for row in rows:
        if isinstance(row, Article):
            data.append({"model": "article", "pk": row.pk, "fields": {"session": row.session_id}})
            continue
        (item,) = serializers.serialize("python", [row])
        fields = {k: v for k, v in item["fields"].items() if k not in VOLATILE}
        data.append({"model": row._meta.model_name, "pk": row.pk, "fields": fields})
    return json.loads(DjangoJSONEncoder().encode(data))


def rows_after(record: Merge) -> list:
    if record.kind == Merge.Kind.SERIES:
        return series_rows(record.keep_id)
    if record.kind == Merge.Kind.SESSION:
        return session_rows([record.keep_id])
    return official_rows(record.keep_id)


def remember_merge(kind, *, keep, removed_id: int, label: str, before, slug: str = "") -> Merge:
    record = Merge(
        kind=kind,
        keep_id=keep.pk,
        removed_id=removed_id,
        removed_slug=slug,
        removed_label=label[:300],
        before=before,
        after=[],
        merged_by=current_user(),
    )
    record.after = snapshot(rows_after(record))
    record.save()
    return record


def undo_merge(record: Merge) -> None:
    """Restores what the merge changed: the removed row with its id and every row under
    it, and the kept one as it was. Raises MergeError when the merge was undone already
    or the kept rows changed since (undo would lose that change)."""
    with transaction.atomic(), recorded_as(f"undo of merge #{record.pk}"):
        record = Merge.objects.select_for_update().get(pk=record.pk)
        if record.undone_at is not None:
            raise MergeError("This merge was undone already.")
        if snapshot(rows_after(record)) != record.after:
            raise MergeError("The merged rows changed after the merge; undo them by hand.")
        # The kept row may hold the removed one's unique number or key: free it first.
        if record.kind == Merge.Kind.SESSION:
            Session.objects.filter(pk=record.keep_id).update(number=None)
        if record.kind == Merge.Kind.SERIES:
            Series.objects.filter(pk=record.keep_id).update(natural_key=None)
        restore(record.before)
        record.undone_at = timezone.now()
        record.save(update_fields=["undone_at"])


def restore(data: list[dict]) -> None:
    """Writes rows back as ``snapshot`` gave them, through save() so that history sees it."""
    articles = {}
    for item in data:
        if item["model"] == "article":
            articles[item["pk"]] = item["fields"]["session"]
            continue
        if item["model"] == "evidence":
            continue  # after the sessions and delegations they point at
        _save(item)
    for item in data:
        if item["model"] == "evidence":
            _save(item)
    for article in Article.objects.filter(pk__in=articles).only("pk", "session"):
        if article.session_id != articles[article.pk]:
            article.session_id = articles[article.pk]
            article.save(update_fields=["session"])


def _save(item: dict) -> None:
    row = {"model": f"meetings.{item['model']}", "pk": item["pk"], "fields": item["fields"]}
    (obj,) = serializers.deserialize("python", [row])
    instance = obj.object
    if isinstance(instance, Series):
        # Not in the snapshot: keep the stored creation time, or (a row coming back)
        # take the time of its return.
        stored = Series.objects.filter(pk=instance.pk).values_list("created_at", flat=True)
        instance.created_at = stored.first() or timezone.now()
    instance._state.adding = False  # an update where the row exists, else an insert
    instance.save()
    for name, values in (obj.m2m_data or {}).items():
        getattr(instance, name).set(values)


def _lock(model, keep, remove):
    """Fresh copies of both rows, locked for the transaction where the database can."""
    if keep.pk == remove.pk:
        raise MergeError(f"Cannot merge a {model._meta.verbose_name} into itself.")
    rows = model.objects.select_for_update().in_bulk([keep.pk, remove.pk])
    return rows[keep.pk], rows[remove.pk]


# --- Split ---------------------------------------------------------------------------------


def _rebuild_facts(session: Session, articles: list[Article]) -> None:
    """The session's facts again from these articles' stored reports, in source order
    (facts corrected by hand stay); on the instance, the caller saves."""
    manual = manual_facts(session)
    for fact in ("number", "start", "end", "city", "country", "virtual"):
        if fact not in manual:
            set_fact(session, fact, False if fact == "virtual" else None)
    session.conflicts = [c for c in session.conflicts if c.get("field") in manual]
    folded: list[Article] = []

    def holders(fact, value):
        stating = [
            a.source_name
            for a in folded
            if str(reported_value(a.report or {}, fact) or "").casefold() == value.casefold()
        ]
        return stating or [a.source_name for a in folded]

    for article in sorted(articles, key=lambda a: (a.source_name, a.pk)):
        report = Report.from_contract(article.report or {}).session
        if report is None:
            continue
        facts = reported_facts(
            number=report.number,
            start=report.start,
            end=report.end,
            city=report.city,
            country=report.country if Country.objects.filter(pk=report.country).exists() else None,
            virtual=report.virtual,
        )
        fold_facts(
            session,
            facts,
            sources=[article.source_name],
            held=True,
            holders=holders,
        )
        folded.append(article)


def split_session(*, session: Session, articles: Iterable[Article]) -> Session:
    """Moves these articles of `session` (reports of another session that were taken for
    this one) into a new session of the same series, and returns it. Each session's facts
    are rebuilt from its own articles' reports (facts corrected by hand on `session`
    stay); evidence moves with its article; a side reported only by the moved articles
    moves with them, a side both report gets a delegation on each. Raises MergeError
    for no article, all of them, an article of another session, or two sessions that
    would have one number."""
    with transaction.atomic(), recorded_as(f"split of session #{session.pk}"):
        session = Session.objects.select_for_update().get(pk=session.pk)
        moved = list(Article.objects.filter(pk__in=[a.pk for a in articles]))
        own = list(session.articles.all())
        moved_ids = {a.pk for a in moved}
        if not moved or any(a.session_id != session.pk for a in moved):
            raise MergeError("Choose articles of this session to split off.")
        if moved_ids >= {a.pk for a in own}:
            raise MergeError("Leave at least one article on the session.")
        kept = [a for a in own if a.pk not in moved_ids]
        new = Session(series_id=session.series_id, status=Session.Status.HELD)
        _rebuild_facts(new, moved)
        _rebuild_facts(session, kept)
        if new.number is not None and new.number == session.number:
            raise MergeError(f"Both parts report session {new.number}: they are one session.")
        session.save()
        new.save()
        Article.objects.filter(pk__in=moved_ids).update(session=new)
        _split_delegations(session=session, new=new, moved=moved_ids)
        Evidence.objects.filter(session=session, article_id__in=moved_ids).update(session=new)
        record_state(Article, moved_ids)
    return new


def _split_delegations(*, session: Session, new: Session, moved: set[int]) -> None:
    """Sides follow the evidence of the articles that report them."""
    for delegation in session.delegations.all():
        sources = set(delegation.evidence.values_list("article_id", flat=True))
        if not sources or not sources & moved:
            continue
        if sources <= moved:
            delegation.session = new
            delegation.save(update_fields=["session"])
            continue
        twin = Delegation.objects.create(
            session=new,
            country_id=delegation.country_id,
            organization_id=delegation.organization_id,
            head_id=delegation.head_id,
            head_title=delegation.head_title,
        )
        Evidence.objects.filter(delegation=delegation, article_id__in=moved).update(delegation=twin)
