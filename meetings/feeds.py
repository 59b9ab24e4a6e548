"""The Atom feed of sessions for any filter of the sessions list (a series, a country, a
pair, a topic): the sessions most recently added or changed first.

Each session is one entry with a stable id (the address of its page), so when it changes (a planned
session is held, a venue is corrected) its entry moves to the top with a new `updated`
time and feed readers show it as updated rather than as a second item. `published` is
when its first source was ingested.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from meetings.filters import SessionFilter
from meetings.models import Session
from meetings.views import read_query

FEED_ITEMS = 50


class SessionFeed(Feed):
    feed_type = Atom1Feed
    description_template = None

    def get_object(self, request, *args, **kwargs):
        # One Feed serves every request: the request travels on the FilterSet.
        read_query(request)
        return SessionFilter(request.GET, queryset=Session.objects.for_calendar(), request=request)

    def title(self, filterset):
        described = filterset.description()
        return (
            "Sessions" + (f": {described}" if described else "") + " · Diplomatic Meeting Tracker"
        )

    def subtitle(self, filterset):
        return "Sessions recorded or changed, newest first, with their venue, dates and heads."

    def link(self, filterset):
        query = filterset.request.GET.urlencode()
        return reverse("meetings:session_list") + (f"?{query}" if query else "")

    def feed_url(self, filterset):
        return filterset.request.get_full_path()

    def items(self, filterset):
        return filterset.qs.order_by(F("updated_at").desc(), "-pk")[:FEED_ITEMS]

    def item_title(self, session):
        label = f"session {session.number}" if session.number else "session"
        when = session.start_display or "date to be announced"
        where = session.venue or "venue unknown"
        status = "planned" if session.status == Session.Status.PLANNED else "held"
        return f"{session.series.name}, {label}: {status}, {when}, {where}"

    def item_description(self, session):
        heads = "; ".join(
            f"{d.party_code}: {d.head.name if d.head else 'head unknown'}"
            + (f" ({d.head_title})" if d.head_title else "")
            for d in session.delegation_list
        )
        sources = ", ".join(a.title or a.source_name for a in session.articles.all())
        parts = [
            f"Status: {session.get_status_display()}.",
            f"Date: {session.start_display or 'to be announced'}.",
            f"Venue: {session.venue or 'unknown'}.",
        ]
        if heads:
            parts.append(f"Delegation heads: {heads}.")
        if sources:
            parts.append(f"Sources: {sources}.")
        # Atom readers take the summary as HTML: names and titles are escaped.
        return escape(" ".join(parts))

    def item_link(self, session):
        return session.get_absolute_url()

    def item_updateddate(self, session):
        return session.updated_at

    def item_pubdate(self, session):
        sources = session.articles.all()
        first = sources[0].ingested_at if sources else session.updated_at
        return min(first, session.updated_at)

    def item_categories(self, session):
        return [c for c in (session.series.kind, session.series.topic) if c]
