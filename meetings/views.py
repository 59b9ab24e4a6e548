"""Thin views: each returns its page-shaped queryset; filtering lives in filters.py."""

from django.views.generic import DetailView, ListView

from meetings.models import Article, Country, Official, Session, WorkingGroup


class SeriesListView(ListView):
    template_name = "meetings/series_list.html"
    paginate_by = 25

    def get_queryset(self):
        return WorkingGroup.objects.with_session_count().prefetch_related("parties", "sessions")


class SeriesDetailView(DetailView):
    model = WorkingGroup
    template_name = "meetings/series_detail.html"


class SessionListView(ListView):
    model = Session
    template_name = "meetings/session_list.html"
    paginate_by = 50


class SessionDetailView(DetailView):
    model = Session
    template_name = "meetings/session_detail.html"


class CountryDetailView(DetailView):
    model = Country
    template_name = "meetings/country_detail.html"


class OfficialDetailView(DetailView):
    model = Official
    template_name = "meetings/official_detail.html"


class ArticleDetailView(DetailView):
    model = Article
    template_name = "meetings/article_detail.html"
