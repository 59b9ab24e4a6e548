"""Table rows of the series and sessions tables, built in Python: the one way a series
row is made, on the lists and on the country page.

A list page renders 25 to 50 rows of about twenty values each; through the template
engine every value costs a variable lookup (a failed dictionary lookup, then getattr)
and a filter call, which made the rows the largest part of the page's server time.
`_html` escapes every value just as the templates do.
"""

import html

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from meetings import timeline
from meetings.models import plan_date_passed
from meetings.templatetags.meetings_tags import (
    day_month_year,
    kind_label,
    month_year,
    partial_date,
    topic_label,
)

register = template.Library()

MUTED_DASH = mark_safe('<span class="muted">—</span>')


def _escape(value) -> str:
    """`conditional_escape` without its lazy-string wrapper, which cost more than the
    escaping itself on a thousand values a page: safe strings pass as they are, anything
    else is escaped exactly as Django's `escape` does (it calls html.escape too)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _html(format_string: str, *args) -> SafeString:
    """`format_html` with the cheaper `_escape`: every argument is escaped, the format
    string is trusted markup."""
    return SafeString(format_string.format(*map(_escape, args)))


def _venue(session, css="") -> SafeString | str:
    """The venue with country names; the country's code in a tooltip."""
    venue = session.venue
    if not venue:
        return ""
    if session.country_id and not session.virtual:
        return _html('<span class="{}" title="{}">{}</span>', css, session.country_id, venue)
    return _html('<span class="{}">{}</span>', css, venue)


def _venue_meta(session) -> SafeString | str:
    return _venue(session, "meta")


def _latest_cell(latest) -> SafeString:
    if not latest:
        return mark_safe('<span class="muted">None recorded</span>')
    label = f"No. {latest.number}" if latest.number else "Session"
    return _html(
        '\n        <a href="{}">{}</a>,\n        <time datetime="{}">{}</time>\n        {}\n      ',
        latest.url,
        label,
        latest.start_date.isoformat(),
        day_month_year(latest.start_date),
        _venue_meta(latest),
    )


def _next_cell(upcoming, cadence) -> SafeString:
    if upcoming:
        label = f"No. {upcoming.number}" if upcoming.number else "Planned"
        if upcoming.start_date:
            when = ", " + partial_date(upcoming.start_date, upcoming.start_precision)
        else:
            when = ", date not announced"
        return _html(
            '\n        <a href="{}">{}</a>{}\n        {}\n      ',
            upcoming.url,
            label,
            when,
            _venue_meta(upcoming),
        )
    if cadence.expected:
        return _html(
            '<span class="muted">Not announced</span><span class="meta">expected around {}</span>',
            month_year(cadence.expected),
        )
    return mark_safe('<span class="muted">Not announced</span>')


def _series_row(series, today, without) -> SafeString:
    summary = timeline.summarize(series.session_list, today=today)
    cadence = summary.cadence
    topic = f" · {topic_label(series.topic)}" if series.topic else ""
    overdue = ""
    if cadence.overdue:
        overdue = _html(
            '<span class="badge badge-overdue" title="Usually meets every {} months; the next '
            'session was expected around {}">Overdue</span>',
            cadence.median_months,
            month_year(cadence.expected),
        )
    parties = ", ".join(
        _html('<a class="party" href="{}" title="{}">{}</a>', party.url, party.name, party.name)
        for party in series.party_list
        if party.pk != without
    )
    return _html(
        "\n    <tr>"
        '\n      <th scope="row" data-label="Series">'
        '\n        <a class="series-name" href="{}">{}</a>'
        '\n        <span class="meta">{}{}</span>'
        "\n        {}"
        "\n      </th>"
        '\n      <td data-label="{}">{}</td>'
        '\n      <td data-label="Sessions" class="num">{}</td>'
        '\n      <td data-label="Latest">{}</td>'
        '\n      <td data-label="Next">{}</td>'
        "\n    </tr>",
        series.get_absolute_url(),
        series.name,
        kind_label(series.kind),
        topic,
        overdue,
        "With" if without else "Parties",
        mark_safe(parties) if parties else MUTED_DASH,  # each link was escaped by _html
        summary.held_count,
        _latest_cell(summary.latest),
        _next_cell(summary.next, cadence),
    )


@register.simple_tag
def series_rows(series_list, without=None) -> SafeString:
    """The rows of a series table, for series given their `party_list` and
    `session_list` (attach_party_briefs and attach_session_briefs). `without`: the code
    of a party left out of the parties cell (the country whose page it is)."""
    today = timezone.localdate()
    # Each row was escaped by _html.
    return mark_safe("".join(_series_row(series, today, without) for series in series_list))


def _heads(delegations) -> str:
    # Plain strings, each value escaped where it is put in: a table of a hundred
    # sessions has two hundred of these items.
    if not delegations:
        return MUTED_DASH
    items = []
    for delegation in delegations:
        head = delegation.head
        if head:
            title = delegation.head_title
            title = f'<span class="meta">{_escape(title)}</span>' if title else ""
            who = f'<a href="{_escape(head.url)}">{_escape(head.name)}</a>{title}'
        else:
            who = '<span class="muted">head not reported</span>'
        code = _escape(delegation.party_code)
        items.append(f'\n  <li><span class="party-code">{code}</span> {who}</li>\n')
    return '<ul class="heads">' + "".join(items) + "</ul>"


def _session_row(session, today) -> str:
    start = session.start_date
    if start:
        shown = _escape(partial_date(start, session.start_precision))
        date = f'<time datetime="{start.isoformat()}">{shown}</time>'
    else:
        date = '<span class="muted">Undated</span>'
    planned = ""
    if session.status == "planned":
        passed = plan_date_passed(
            status=session.status,
            start_date=start,
            start_precision=session.start_precision,
            end_date=session.end_date,
            today=today,
        )
        planned = (
            '<span class="badge badge-stale">Unconfirmed, date passed</span>'
            if passed
            else '<span class="badge badge-planned">Planned</span>'
        )
    number = f", No. {session.number}" if session.number else ""
    url = _escape(session.get_absolute_url())
    return (
        "\n    <tr>"
        f'\n      <td data-label="Date">{date}\n        {planned}</td>'
        f'\n      <th scope="row" data-label="Session"><a href="{url}">'
        f"{_escape(session.series.name)}{number}</a></th>"
        f'\n      <td data-label="Venue">{_venue(session, "venue") or "—"}</td>'
        f'\n      <td data-label="Heads">{_heads(session.delegation_list)}</td>'
        "\n    </tr>"
    )


@register.simple_tag
def session_rows(sessions) -> SafeString:
    """The rows of the sessions table, for sessions given their series and
    `delegation_list` (SessionQuerySet.for_list_page and attach_delegation_briefs)."""
    today = timezone.localdate()
    # Each value of each row was escaped where it was put in.
    return mark_safe("".join(_session_row(session, today) for session in sessions))


def _leader_item(leader) -> SafeString:
    if leader.first:
        when = month_year(leader.first)
        if leader.last and leader.last != leader.first:
            when += f" – {month_year(leader.last)}"
    else:
        when = "undated"
    return _html(
        '\n        <li><a href="{}">{}</a>'
        '\n          <span class="meta">{} · led {} session{}</span></li>',
        leader.url,
        leader.name,
        when,
        leader.led,
        "" if leader.led == 1 else "s",
    )


@register.simple_tag
def leader_items(leaders) -> SafeString:
    """The items of a "who led" list, for LeaderBrief rows (querysets.leader_briefs)."""
    # Each item was escaped by _html.
    return mark_safe("".join(_leader_item(leader) for leader in leaders))


def _counterpart_item(party, count, pair) -> SafeString:
    title = _html(' title="{}"', party.title) if party.title else ""
    return _html(
        '\n    <li><a href="{}"{}>{} <span class="count">{}</span></a></li>\n  ',
        pair or party.url,
        title,
        party.name,
        count,
    )


@register.simple_tag
def counterpart_items(counterparts) -> SafeString:
    """The chips of a country's counterparts: (party brief, sessions, pair page or
    None) as CountryDetailView gives them; a country has up to a few hundred."""
    # Each item was escaped by _html.
    return mark_safe("".join(_counterpart_item(*item) for item in counterparts))


def _session_item(session) -> str:
    number = f", No. {session.number}" if session.number else ""
    if session.start_date:
        when = _escape(partial_date(session.start_date, session.start_precision))
    else:
        when = "date not announced"
    venue = session.venue
    venue = f" · {_escape(venue)}" if venue else ""
    return (
        f'\n  <li><a href="{_escape(session.get_absolute_url())}">'
        f"{_escape(session.series.name)}{number}</a>"
        f'\n    <span class="meta">{when}{venue}</span></li>\n'
    )


@register.simple_tag
def session_items(sessions, empty) -> SafeString:
    """A short list of sessions (given their series and host), or `empty`."""
    if not sessions:
        return _html('<p class="empty">{}</p>', empty)
    # Each value was escaped where it was put in.
    items = "".join(_session_item(session) for session in sessions)
    return mark_safe(f'<ul class="session-items">{items}</ul>')
