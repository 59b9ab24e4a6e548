"""Request hardening that applies to every page before any view runs."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.defaultfilters import filesizeformat


def hardening(get_response):
    """Refuses an over-large body from its Content-Length before any of it is read,
    answers 404 for a NUL in the path (no page has one; PostgreSQL cannot look it up),
    removes NULs from pages (a query string may carry one that a page repeats), and
    sends the Permissions-Policy header."""

    def middleware(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MEETINGS_MAX_REQUEST_BYTES:
            limit = filesizeformat(settings.MEETINGS_MAX_REQUEST_BYTES)
            response = HttpResponse(
                f"<!doctype html><title>Request too large</title><h1>Request too large</h1>"
                f"<p>A request may carry at most {limit}; send fewer or smaller files.</p>",
                status=413,
            )
            # The body is not read, so the connection cannot be reused for another request.
            response["Connection"] = "close"
        elif "\x00" in request.path_info:
            raise Http404("No page has this address.")
        else:
            response = get_response(request)
            # A filter names the value it ignored; a NUL in it never reaches the page.
            if (
                not response.streaming
                and response.get("Content-Type", "").startswith("text/html")
                and b"\x00" in response.content
            ):
                response.content = response.content.replace(b"\x00", b"")
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
