"""What every page's navigation needs: open review items for those who review."""

from django.conf import settings

from meetings.models import ReviewItem


def review_counts(request):
    # A visitor without a session is no reviewer: reading request.user would touch the
    # session and make every public page vary on the cookie (and miss the page cache).
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {}
    user = getattr(request, "user", None)
    if user is None or not user.is_staff or not user.has_perm("meetings.review"):
        return {}
    return {"review_counts": ReviewItem.objects.counts()}
