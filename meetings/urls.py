from django.urls import path

from meetings import views
from meetings.feeds import SessionFeed
from meetings.upload import IngestRunView, IngestView

app_name = "meetings"

urlpatterns = [
    path("", views.SeriesListView.as_view(), name="series_list"),
    path("series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series"),
    path("series.csv", views.SeriesCsvView.as_view(), name="series_csv"),
    path("series/<slug:slug>/history/", views.SeriesHistoryView.as_view(), name="series_history"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions.csv", views.SessionCsvView.as_view(), name="session_csv"),
    path("calendar.ics", views.SessionCalendarView.as_view(), name="calendar"),
    path("feeds/sessions.atom", SessionFeed(), name="session_feed"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session"),
    path("upcoming/", views.UpcomingView.as_view(), name="upcoming"),
    path("sessions/<int:pk>/history/", views.SessionHistoryView.as_view(), name="session_history"),
    path("countries/<str:pk>/", views.CountryDetailView.as_view(), name="country"),
    path(
        "countries/<str:first_code>/<str:second_code>/",
        views.CountryPairView.as_view(),
        name="country_pair",
    ),
    path(
        "organizations/<str:short_name>/",
        views.OrganizationDetailView.as_view(),
        name="organization",
    ),
    path("officials/<int:pk>/", views.OfficialDetailView.as_view(), name="official"),
    path(
        "officials/<int:pk>/history/",
        views.OfficialHistoryView.as_view(),
        name="official_history",
    ),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article"),
    path("ingest/", IngestView.as_view(), name="ingest"),
    path("ingest/<int:pk>/", IngestRunView.as_view(), name="ingest_run"),
    path("review/", views.ReviewQueueView.as_view(), name="review"),
    path(
        "review/<int:pk>/<str:action>/",
        views.ReviewDecisionView.as_view(),
        name="review_decision",
    ),
]
