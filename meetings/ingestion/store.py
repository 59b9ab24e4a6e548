"""One transaction per article: store it, resolve its report, count the outcome.

``ingest_paths`` is what the ``ingest`` command and the ingest task call. Each article
ends as new, known (same content hash as a stored article: nothing changes), not a
meeting, or rejected with a reason; unreadable files and lines are rejected by the
readers before that. Concurrent runs are safe: unique constraints catch a duplicate, the
article's transaction is retried, and on PostgreSQL an article about to create a series,
a person or an undated session first takes advisory locks on its sides and looks again,
so that two processes cannot create the same series or person under two spellings.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from simple_history.utils import bulk_create_with_history

from meetings.extraction import extract
from meetings.extraction.report import Report
from meetings.history import recorded_as
from meetings.ingestion.readers import ArticleInput, Rejection, Skipped, read_paths
from meetings.ingestion.resolve import ResolutionError, Resolver
from meetings.ingestion.review import queue_article
from meetings.models import Article, Delegation, Evidence

NEW, KNOWN, NOT_MEETING, REJECTED = "new", "known", "not_meeting", "rejected"
RETRIES = 5
BATCH = 200  # articles whose content hashes are looked up together


@dataclass
class Outcome:
    status: str  # NEW, KNOWN, NOT_MEETING or REJECTED
    origin: str
    reason: str = ""
    session_created: bool = False
    session_updated: bool = False
    session_id: int | None = None  # the held session the article reports, if any


@dataclass
class Summary:
    """What a run did: counts, and each rejected or skipped file with its reason."""

    new: int = 0
    known: int = 0
    not_meeting: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    sessions_created: int = 0
    sessions_updated: int = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.status == REJECTED:
            self.rejected.append((outcome.origin, outcome.reason))
        else:
            setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.sessions_created += outcome.session_created
        self.sessions_updated += outcome.session_updated

    def as_dict(self) -> dict:
        data = asdict(self)
        data["rejected"] = [{"file": f, "reason": r} for f, r in self.rejected]
        data["skipped"] = [{"file": f, "reason": r} for f, r in self.skipped]
        return data


Extractor = Callable[..., object]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ingest_paths(
    paths: Iterable[str | os.PathLike],
    *,
    extractor: Extractor = extract,
    progress: Callable[[Outcome], None] | None = None,
) -> Summary:
    """Ingest files and folders; never raises for bad input (it is in the summary)."""
    summary = Summary()
    resolver = Resolver()
    items = read_paths(paths, max_bytes=settings.MEETINGS_MAX_ARTICLE_BYTES)
    with fast_commits():
        while batch := list(itertools.islice(items, BATCH)):
            # Which articles are already stored, for the whole batch in one query.
            digests = {
                id(item): content_hash(item.text)
                for item in batch
                if isinstance(item, ArticleInput)
            }
            known = set(
                Article.objects.filter(content_hash__in=digests.values()).values_list(
                    "content_hash", flat=True
                )
            )
            for item in batch:
                if isinstance(item, Skipped):
                    summary.skipped.append((item.origin, item.reason))
                    continue
                if isinstance(item, Rejection):
                    outcome = Outcome(REJECTED, item.origin, item.reason)
                elif digests[id(item)] in known:
                    outcome = Outcome(KNOWN, item.origin)
                else:
                    outcome = ingest_article(
                        item, extractor=extractor, resolver=resolver, digest=digests[id(item)]
                    )
                    known.add(digests[id(item)])
                summary.add(outcome)
                if progress is not None:
                    progress(outcome)
    return summary


@contextlib.contextmanager
def fast_commits():
    """On PostgreSQL, commit without waiting for the disk during an ingest run.

    A crash may lose the last few commits (never corrupt anything); ingestion is
    idempotent, so running it again restores them. Other work on the connection
    gets the server's setting back afterwards.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def ingest_article(
    article: ArticleInput,
    *,
    extractor: Extractor = extract,
    resolver: Resolver | None = None,
    digest: str | None = None,
) -> Outcome:
    """Store one article and what it reports, in one transaction, retried on a race.

    With ``digest`` given, the caller has checked that no stored article has it.
    """
    resolver = resolver or Resolver()
    if digest is None:
        digest = content_hash(article.text)
        if Article.objects.filter(content_hash=digest).exists():
            return Outcome(KNOWN, article.origin)
    try:
        report = extractor(
            article.text,
            source=article.source,
            published=article.published,
            outlet=article.outlet,
        )
        contract = report.to_contract()
        # Resolution reads the report as stored, so that a stored one resolves the same.
        stored = Report.from_contract(contract)
    except Exception as exc:  # an extractor bug must not stop the run: report it
        return Outcome(REJECTED, article.origin, f"extraction failed: {exc!r}")
    row = Article(
        source_name=article.source[:300],
        url=article.url,
        outlet=(article.outlet or getattr(report, "outlet", None) or "")[:200],
        published=article.published or getattr(report, "published", None),
        title=(article.title or getattr(report, "title", None) or "")[:500],
        text=article.text,
        content_hash=digest,
        report=contract,
    )
    problem = ""
    for attempt in range(RETRIES):
        row.pk, row.session = None, None
        try:
            with transaction.atomic(), recorded_as(f"article {article.source}"):
                resolver.begin(stored)
                return store_report(
                    row, stored, report, article=article, resolver=resolver, careful=attempt > 0
                )
        except ResolutionError as exc:
            # Everything the report touched is rolled back; the article is kept, rejected.
            resolver.forget()
            return store_rejected(row, reason=str(exc), origin=article.origin)
        except (IntegrityError, OperationalError) as exc:
            # Another process stored the same article, series or session meanwhile (or, on
            # SQLite, held the write lock too long): start again on the new state.
            resolver.forget()
            problem = str(exc)
            if Article.objects.filter(content_hash=digest).exists():
                return Outcome(KNOWN, article.origin)
        except DatabaseError as exc:
            # A value the database refuses: this article is rolled back and rejected with
            # the database's reason, and the run goes on with the next one.
            resolver.forget()
            return Outcome(REJECTED, article.origin, f"could not be stored: {first_line(exc)}")
    return Outcome(REJECTED, article.origin, f"could not be stored: {first_line(problem)}")


def first_line(error: object) -> str:
    return (str(error).strip().splitlines() or [""])[0]


def store_report(
    row: Article, stored: Report, report, *, article, resolver, careful: bool = False
) -> Outcome:
    """Resolve the stored report ``stored`` and save the article with its evidence (which
    only the extractor's own ``report`` carries)."""
    if not stored.meeting:
        row.outcome = Article.Outcome.NOT_MEETING
        row.reason = (getattr(report, "reason", None) or "")[:500]
        row.save()
        return Outcome(NOT_MEETING, article.origin)
    if stored.series is None:
        raise ResolutionError("a meeting without a series")
    facts = resolver.sessions.session_facts(stored.session)
    group = resolver.series.resolve(stored.series, session=facts)
    change = resolver.sessions.held(group, facts, source=article.source)
    session = change.session
    row.outcome = Article.Outcome.MEETING
    row.session = session
    # Why the extractor took it for a session report, for readers to check.
    row.reason = "; ".join(getattr(report, "cues", ()) or ())[:500]
    row.save()
    if change.created or (change.was_planned and not careful):
        # A new session has no delegations, nor has a plan as ingestion makes it; one
        # entered by hand makes the insert fail, and the careful retry reads them.
        existing: dict = {}
    else:
        on_record = session.delegations.select_related("organization").order_by("pk")
        existing = {d.party_code: d for d in on_record}
    delegations, pending = {}, []
    items = [d for d in stored.delegations if d.party]
    resolver.people.refresh([d.party for d in items])
    for item in items:
        delegation = resolver.people.delegation(
            session, item, source=article.source, existing=existing, pending=pending
        )
        if delegation is not None:
            delegations[item.party] = delegation
    bulk_create_with_history(pending, Delegation, default_change_reason=f"article {article.source}")
    planned = resolver.sessions.planned(
        group, stored.next_session, held=change, source=article.source
    )
    save_evidence(
        row,
        getattr(report, "evidence", ()) or (),
        session=session,
        planned=planned,
        delegations=delegations,
    )
    queue_article(
        row=row, report=report, stored=stored, session=session, group=group, resolver=resolver
    )
    return Outcome(
        NEW,
        article.origin,
        session_created=change.created,
        session_updated=not change.created,
        session_id=session.pk,
    )


def store_rejected(row: Article, *, reason: str, origin: str) -> Outcome:
    row.pk, row.session = None, None
    row.outcome = Article.Outcome.REJECTED
    row.reason = reason[:500]
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return Outcome(KNOWN, origin)  # stored by another process meanwhile
    except DatabaseError as exc:
        return Outcome(REJECTED, origin, f"{reason}; could not be stored: {first_line(exc)}")
    return Outcome(REJECTED, origin, reason)


def save_evidence(row: Article, evidence, *, session, planned, delegations) -> None:
    """Evidence rows for the facts the report supports, each with its session/delegation."""
    rows, seen = [], set()
    length = len(row.text)
    for item in evidence:
        fact, value = str(item.fact)[:60], str(item.value or "")[:500]
        start, end = int(item.start), int(item.end)
        if not 0 <= start < end <= length:
            continue
        target_session, delegation = session, None
        if fact.startswith("next_session"):
            if planned is None:
                continue
            target_session = planned
        elif fact.startswith("delegation."):
            delegation = delegations.get(fact.split(".")[1])
        key = (target_session.pk, fact, start)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            Evidence(
                article=row,
                session=target_session,
                delegation=delegation,
                fact=fact,
                value=value,
                start=start,
                end=end,
            )
        )
    Evidence.objects.bulk_create(rows)
