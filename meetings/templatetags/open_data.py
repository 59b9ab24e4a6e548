"""The addresses of the "Use this data" strip: the current filter as an Atom feed, a
calendar, CSV and an API query."""

from dataclasses import dataclass

from django import template
from django.http import QueryDict
from django.urls import reverse

register = template.Library()

# The page's own parameters: not part of the filter.
PAGE_ONLY = ("page", "cursor")


@dataclass(frozen=True)
class DataLink:
    label: str
    kind: str
    url: str
    hint: str


def _query(request, *, drop=(), add=None) -> str:
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key not in PAGE_ONLY and key not in drop:
            query.setlist(key, [v for v in values if v])
    for key, value in (add or {}).items():
        query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


@register.simple_tag(takes_context=True)
def open_data_links(context, what: str, series=None) -> list[DataLink]:
    """Links for the sessions list ("sessions"), the coming-up page ("upcoming"), the
    series list ("series") or one series' page ("series-page", with `series`)."""
    request = context["request"]
    if what == "series-page":
        sessions = f"?{QueryDict.fromkeys(['series'], series.slug).urlencode()}"
        csv = reverse("meetings:session_csv") + sessions
        api = reverse("api:series", args=[series.slug])
    elif what == "series":
        # The series list's sort has no meaning for sessions.
        sessions = _query(request, drop=["sort"])
        csv = reverse("meetings:series_csv") + _query(request)
        api = reverse("api:series_list") + _query(request)
    elif what == "upcoming":
        # The coming-up page shows plans: its data is the planned sessions.
        sessions = _query(request, drop=["status"], add={"status": "planned"})
        csv = reverse("meetings:session_csv") + sessions
        api = reverse("api:session_list") + sessions
    else:
        sessions = _query(request)
        csv = reverse("meetings:session_csv") + sessions
        api = reverse("api:session_list") + sessions
    excel = csv + ("&" if "?" in csv else "?") + "bom=1"
    absolute = request.build_absolute_uri
    return [
        DataLink(
            "News feed",
            "Atom",
            absolute(reverse("meetings:session_feed") + sessions),
            "New sessions and changes, for a feed reader.",
        ),
        DataLink(
            "Calendar",
            "iCalendar",
            absolute(reverse("meetings:calendar") + sessions),
            "Subscribe in a calendar program; planned sessions are tentative.",
        ),
        DataLink("Spreadsheet", "CSV", absolute(csv), "UTF-8."),
        DataLink("Spreadsheet for Excel", "CSV", absolute(excel), "UTF-8 with a byte order mark."),
        DataLink("API query", "JSON", absolute(api), "Documented in the API docs."),
    ]
