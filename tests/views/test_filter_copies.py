"""Each FilterSet works on its own copies of the filters and form fields (copied one
level deep, not deeply): what one request's filter sets never shows in another's."""

import pytest
from django.http import QueryDict

from meetings.filters import SessionFilter
from meetings.models import Session

pytestmark = pytest.mark.django_db


def _filter(query: str) -> SessionFilter:
    return SessionFilter(QueryDict(query), queryset=Session.objects.all())


def test_two_filters_share_no_filter_field_or_choice_state(pakistan, russia):
    first = _filter("country=PAK&country=ATLANTIS&year_from=soon")
    second = _filter("country=RUS")

    assert not first.form.is_valid()
    assert second.form.is_valid()
    assert second.form.cleaned_data["country"] == ["RUS"]
    assert [note.split(" ")[0] for note in first.ignored] == ["From", "Country"]
    assert second.ignored == []
    for name in ("country", "year_from", "topic"):
        assert first.filters[name] is not second.filters[name]
        assert first.form.fields[name] is not second.form.fields[name]
        assert first.filters[name].parent is first
        assert first.filters[name].extra is not second.filters[name].extra
    # A filter with a method calls it on its own FilterSet.
    assert first.filters["year_from"].filter.method.__self__ is first
    assert second.filters["year_from"].filter.method.__self__ is second
    # The class's filters are untouched by either.
    assert "_field" not in vars(SessionFilter.base_filters["country"])
    assert not hasattr(SessionFilter.base_filters["country"], "parent")


def test_each_filters_own_results(pakistan, russia):
    from tests.factories import SeriesFactory, SessionFactory

    pak = SessionFactory(series=SeriesFactory(parties=[pakistan]))
    rus = SessionFactory(series=SeriesFactory(parties=[russia]))

    assert list(_filter("country=PAK").qs) == [pak]
    assert list(_filter("country=RUS").qs) == [rus]
    assert list(_filter("country=PAK").qs) == [pak]
