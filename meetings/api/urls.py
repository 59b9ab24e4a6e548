"""`/api/v1/`: nothing is throttled. Every answer carries an ETag, set by the page cache
(meetings/cache.py) or else by ConditionalGetMiddleware, and a repeated request with
If-None-Match gets 304 Not Modified."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from meetings.api import views

app_name = "api"


urlpatterns = [
    path("series/", views.SeriesList.as_view(), name="series_list"),
    path("series/<slug:slug>/", views.SeriesDetail.as_view(), name="series"),
    path("sessions/", views.SessionList.as_view(), name="session_list"),
    path("sessions/<int:pk>/", views.SessionDetail.as_view(), name="session"),
    path("countries/", views.CountryList.as_view(), name="country_list"),
    path("countries/<str:alpha3>/", views.CountryDetail.as_view(), name="country"),
    path("officials/", views.OfficialList.as_view(), name="official_list"),
    path("officials/<int:pk>/", views.OfficialDetail.as_view(), name="official"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
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
