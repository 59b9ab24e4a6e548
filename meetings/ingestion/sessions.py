"""Sessions: the held session an article reports and the next one it announces, found
by number, else by date, else created; a report about a stored session is folded into
it by the rules of ``facts``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from meetings.extraction.report import NextSessionReport, SessionReport
from meetings.ingestion.facts import Facts, PartialDate, covers, fold_facts, reported_facts
from meetings.ingestion.locks import Locks
from meetings.ingestion.places import Places
from meetings.models import DatePrecision, Series, Session

DAY_WINDOW = 3  # days apart that two reported dates of one session may be


@dataclass
class SessionChange:
    session: Session
    created: bool = False
    changed: bool = False
    following: Session | None = None  # the session numbered one more, if stored
    was_planned: bool = False  # found as a plan: it had no reports until now


def sessions_of(group: Series):
    """The group's sessions without the model's ordering (which joins the group table)."""
    return Session.objects.filter(series=group).order_by("pk")


@dataclass
class SessionResolver:
    places: Places
    locks: Locks

    def facts(self, **reported) -> Facts:
        """Checked facts of a report; the country row exists once this returns."""
        facts = reported_facts(**reported)
        if facts.country is not None and self.places.country(facts.country) is None:
            facts = Facts(**{**facts.__dict__, "country": None})  # not a known state
        return facts

    def session_facts(self, report: SessionReport | None) -> Facts:
        if report is None:
            return Facts()
        return self.facts(
            number=report.number,
            start=report.start,
            end=report.end,
            city=report.city,
            country=report.country,
            virtual=report.virtual,
        )

    def held(self, group: Series, facts: Facts, *, source: str) -> SessionChange:
        """The held session the report describes: found by number, else by date."""
        number = facts.number
        session = None
        following: Session | None = None
        if number is not None:
            # The session and the one after it (often announced too), in one query.
            by_number = {
                s.number: s for s in sessions_of(group).filter(number__in=[number, number + 1])
            }
            session, following = by_number.get(number), by_number.get(number + 1)
            if session is None and facts.start and facts.start[1] == DatePrecision.DAY:
                session = find_by_date(group, facts.start, unnumbered=True)
        else:
            session = self.find_unnumbered(group, facts.start)
            if session is None and self.locks.take():
                session = self.find_unnumbered(group, facts.start)
        if session is None:
            session = create_session(group, facts, Session.Status.HELD)
            return SessionChange(session, created=True, following=following)
        was_planned = session.status == Session.Status.PLANNED
        dirty = fold_facts(session, facts, sources=[source], held=True)
        if dirty:
            session.save()
        return SessionChange(
            session, changed=bool(dirty), following=following, was_planned=was_planned
        )

    def find_unnumbered(self, group: Series, start) -> Session | None:
        session = find_by_date(group, start)
        if session is None:
            planned = list(sessions_of(group).planned().filter(number__isnull=True)[:2])
            session = planned[0] if len(planned) == 1 else None
        return session

    def planned(
        self,
        group: Series,
        report: NextSessionReport | None,
        *,
        held: SessionChange | None,
        source: str,
    ) -> Session | None:
        """The next session the report announces, as a planned session of the group.

        A session already held is left as it is; nothing is planned from an
        announcement with no number, place or date.
        """
        current = held.session if held else None
        if report is None or not any((report.number, report.date, report.city, report.country)):
            return None
        facts = self.facts(
            number=report.number, start=report.date, city=report.city, country=report.country
        )
        if facts.number is None and current is not None and current.number:
            facts = Facts(**{**facts.__dict__, "number": current.number + 1})
        if not any((facts.number, facts.start, facts.city, facts.country)):
            return None
        if current is not None and current.number and facts.number == current.number + 1:
            session = held.following  # already looked up with the held session
        elif facts.number is not None:
            session = sessions_of(group).filter(number=facts.number).first()
        else:
            session = sessions_of(group).planned().filter(number__isnull=True).first()
            if session is None and self.locks.take():
                session = sessions_of(group).planned().filter(number__isnull=True).first()
        if session is None:
            return create_session(group, facts, Session.Status.PLANNED)
        planned = session.status == Session.Status.PLANNED
        if planned and fold_facts(session, facts, sources=[source], held=False):
            session.save()
        return session


def create_session(group: Series, facts: Facts, status: str) -> Session:
    start, precision = facts.start or (None, DatePrecision.DAY)
    end = facts.end[0] if facts.end else None
    if start and end and end < start:
        end = None
    session = Session(
        series=group,
        number=facts.number,
        start_date=start,
        start_precision=precision,
        end_date=end,
        city=facts.city or "",
        country_id=facts.country,
        virtual=facts.virtual,
        status=status,
    )
    session.save()  # a concurrent twin: IntegrityError, the article is retried
    return session


def find_by_date(
    group: Series, start: PartialDate | None, *, unnumbered: bool = False
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
