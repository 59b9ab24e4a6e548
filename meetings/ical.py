"""Sessions as an iCalendar feed (RFC 5545), built with the `icalendar` package.

- One all-day VEVENT per dated session: DTSTART is its first day, DTEND the day after
  its last (iCalendar's end is exclusive). Held sessions are CONFIRMED, planned ones
  TENTATIVE.
- The UID is the session's key and the site's host, so a subscribed calendar updates an
  event when the session changes (a plan held, a venue corrected) instead of adding a
  second one; LAST-MODIFIED is the session's last change.
- A session known only by month or year (most plans: "next year in Islamabad") is an
  event on the first day of that month or year, its summary marked "date to be
  announced" (planned) or "date known only as 2019-11" (held): a calendar shows the
  plan where a reader looks for it, and the mark stops anyone from reading the day as
  fact. A session with no date at all cannot be placed and is left out.
- LOCATION is the venue; DESCRIPTION holds the status, the delegation heads and the
  source articles' addresses; URL is the session's page.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator

from icalendar import Calendar, Event

from meetings.models import DatePrecision, Session

PRODID = "-//Diplomatic Meeting Tracker//Sessions//EN"


def _when_known(session: Session) -> str:
    if session.start_precision == DatePrecision.DAY:
        return ""
    if session.status == Session.Status.PLANNED:
        return "date to be announced"
    return f"date known only as {session.start_display}"


def _location(session: Session) -> str:
    if session.virtual:
        return "Virtual"
    country = session.country.name if session.country else ""
    return ", ".join(part for part in (session.city, country) if part)


def session_event(session: Session, *, host: str, page_url: Callable[[str], str]) -> Event:
    """The VEVENT of one dated session loaded with `for_calendar()`."""
    label = f"session {session.number}" if session.number else "session"
    summary = f"{session.series.name}, {label}"
    vague = _when_known(session)
    if vague:
        summary += f" ({vague})"
    first = session.start_date
    last = session.end_date if session.start_precision == DatePrecision.DAY else None
    event = Event()
    event.add("uid", f"session-{session.pk}@{host}")
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", (last or first) + datetime.timedelta(days=1))
    event.add("dtstamp", session.updated_at)
    event.add("last-modified", session.updated_at)
    event.add("status", "TENTATIVE" if session.status == Session.Status.PLANNED else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    location = _location(session)
    if location:
        event.add("location", location)
    page = page_url(session.get_absolute_url())
    event.add("url", page)
    lines = [f"{session.get_status_display()} session of {session.series.name}."]
    if vague:
        lines.append(f"When: {session.start_display} ({vague}).")
    heads = [
        f"{d.party_code}: {d.head.name if d.head else 'head unknown'}"
        + (f" ({d.head_title})" if d.head_title else "")
        for d in session.delegation_list
    ]
    if heads:
        lines.append("Delegation heads: " + "; ".join(heads) + ".")
    sources = [
        f"- {a.title or a.source_name}: "
        + (a.url if _is_web(a.url) else page_url(a.get_absolute_url()))
        for a in session.articles.all()
    ]
    if sources:
        lines += ["Sources:", *sources]
    lines.append(f"Details: {page}")
    event.add("description", "\n".join(lines))
    return event


def _is_web(url: str) -> bool:
    return (url or "").lower().startswith(("http://", "https://"))


def stream_calendar(
    sessions: Iterable[Session], *, name: str, host: str, page_url: Callable[[str], str]
) -> Iterator[bytes]:
    """The calendar as bytes, one event at a time (a filter may match every session)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    head, end = calendar.to_ical().split(b"END:VCALENDAR")
    yield head
    for session in sessions:
        if session.start_date is not None:
            yield session_event(session, host=host, page_url=page_url).to_ical()
    yield b"END:VCALENDAR" + end
