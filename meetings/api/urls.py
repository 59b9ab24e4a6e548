"""`/api/v1/`: every answer carries an ETag (a repeated request with If-None-Match gets
304 Not Modified), and nothing is throttled."""

from csp.decorators import csp_update
from django.middleware.http import ConditionalGetMiddleware
from django.urls import path
from django.utils.decorators import decorator_from_middleware
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from meetings.api import views

app_name = "api"

with_etag = decorator_from_middleware(ConditionalGetMiddleware)


def _view(cls, **kwargs):
    return with_etag(cls.as_view(**kwargs))


urlpatterns = [
    path("series/", _view(views.SeriesList), name="series_list"),
    path("series/<slug:slug>/", _view(views.SeriesDetail), name="series"),
    path("sessions/", _view(views.SessionList), name="session_list"),
    path("sessions/<int:pk>/", _view(views.SessionDetail), name="session"),
    path("countries/", _view(views.CountryList), name="country_list"),
    path("countries/<str:alpha3>/", _view(views.CountryDetail), name="country"),
    path("officials/", _view(views.OfficialList), name="official_list"),
    path("officials/<int:pk>/", _view(views.OfficialDetail), name="official"),
    path("articles/<int:pk>/", _view(views.ArticleDetail), name="article"),
    path("schema/", _view(SpectacularAPIView), name="schema"),
    # Redoc from the project's static files (drf-spectacular-sidecar), no inline script.
    # Redoc inserts its styles at run time and searches in a worker, which the site's
    # policy forbids; this page shows the schema only, no stored data.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/docs.html")
        ),
        name="docs",
    ),
]
