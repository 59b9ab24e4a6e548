"""One FilterSet per list page. The FilterSet filters; the queryset methods shape.

Both list pages are lenient: a value that does not validate (an unknown country, a year
that is not a number, a search longer than anyone types) is left out, the rest of the
filter still applies, and `ignored` says in words what was left out, so the page can tell
the reader instead of failing or silently showing everything.
"""

import copy
from functools import lru_cache
from textwrap import shorten

import django_filters
from django import forms
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F, Q, Value
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_filters.filters import FilterMethod

from meetings.ingestion.names import ABBREVIATIONS
from meetings.models import (
    KINDS,
    TOPICS,
    Country,
    Official,
    Organization,
    ReviewItem,
    Series,
    Session,
)
from meetings.pagination import LIST_CACHE
from meetings.querysets import OneOf, search_words

# Abbreviations a search may use for the words of series names ("JWG", "FOC", "ROK"):
# the ones ingestion spells out when it compares names.
SEARCH_ABBREVIATIONS = ABBREVIATIONS
MAX_COUNTRIES = 4
MAX_TEXT = 200
YEAR_FIELD = {"min_value": 1900, "max_value": 2100}


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the valid choices and remembers the others in `dropped`."""

    def clean(self, value):
        values = [v for v in self.to_python(value) if v.strip()]
        kept = [v for v in values if self.valid_value(v)]
        self.dropped = [v for v in values if not self.valid_value(v)]
        self.dropped += kept[MAX_COUNTRIES:]
        return list(dict.fromkeys(kept[:MAX_COUNTRIES]))


class LenientMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField


# A constant piece of markup, no data in it.
AND_SEPARATOR = mark_safe('<span class="and" aria-hidden="true">and</span>')


@lru_cache(maxsize=32)
def _option_tags(choices: tuple) -> tuple:
    return tuple(format_html('<option value="{}">{}</option>', v, label) for v, label in choices)


def render_select(*, name, choices, selected, attrs) -> str:
    """A <select> built in one pass from remembered <option> tags: Django's per-option
    templates cost about a millisecond per ten options, and the country lists have
    hundreds (three times on a page)."""
    choices = tuple((str(value), str(label)) for value, label in choices)
    tags = list(_option_tags(choices))
    for index, (value, label) in enumerate(choices):
        if value == selected:
            tags[index] = format_html('<option value="{}" selected>{}</option>', value, label)
    attributes = format_html_join(" ", '{}="{}"', sorted(attrs.items()))
    # Every piece was escaped by format_html above.
    options = mark_safe("".join(tags))
    return format_html('<select name="{}" {}>{}</select>', name, attributes, options)


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        selected = "" if value is None else str(value)
        return render_select(name=name, choices=self.choices, selected=selected, attrs=attrs)


class CountryPairWidget(forms.SelectMultiple):
    """Several single selects sharing one name ("between Pakistan and Russia"): one more
    than currently chosen (at least two), so a second country can always be added
    without JavaScript."""

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_

    def render(self, name, value, attrs=None, renderer=None):
        values = [v for v in (value or []) if v]
        slots = max(2, min(len(values) + 1, MAX_COUNTRIES))
        base_id = (attrs or {}).get("id", f"id_{name}")
        choices = [("", "Any country"), *self.choices]
        selects = []
        for index in range(slots):
            select_attrs = {"id": f"{base_id}_{index}"}
            if index:
                select_attrs["aria-label"] = f"Also with country {index + 1} (optional)"
            current = values[index] if index < len(values) else ""
            selects.append(
                (render_select(name=name, choices=choices, selected=current, attrs=select_attrs),)
            )
        return format_html(
            '<span class="country-pair">{}</span>',
            format_html_join(AND_SEPARATOR, "{}", selects),
        )


def _copy_filter(original):
    """A filter for one FilterSet: its own options (which __init__ methods change) and
    its own form field (made when first asked for), the rest shared."""
    copied = copy.copy(original)
    copied.extra = dict(original.extra)
    copied.__dict__.pop("_field", None)
    if isinstance(original.__dict__.get("filter"), FilterMethod):
        copied.filter = FilterMethod(copied)
    return copied


class FilterCopies(dict):
    """A FilterSet class's filters, copied for each instance one level deep: the deep
    copy django-filter makes, and then the form's deep copy of the fields made from
    them, cost some 4 ms of every list page and API list."""

    def __deepcopy__(self, memo):
        return {name: _copy_filter(f) for name, f in self.items()}


class FieldsOfOneForm(dict):
    """The fields of a FilterSet's form: made for that one form (each FilterSet makes
    its form class from its own filters' fields), so the form need not copy them."""

    def __deepcopy__(self, memo):
        return dict(self)


class LenientFilterSet(django_filters.FilterSet):
    """A FilterSet that applies what validates and reports what it ignored."""

    # Parameters the page itself reads; anything else is reported as unknown.
    page_parameters = frozenset({"page"})

    @classmethod
    def get_filters(cls):
        return FilterCopies(super().get_filters())

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = FieldsOfOneForm(form_class.base_fields)
        return form_class

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What filtering itself adjusted, in words (see `ignored`).
        self.notes: list[str] = []

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            queryset = super().qs
            sort = self.form.cleaned_data.get("sort") if self.is_bound else None
            self._qs = self.order_queryset(queryset, sort or "")
        return self._qs

    def order_queryset(self, queryset, key):
        return queryset

    @property
    def is_filtered(self) -> bool:
        """Whether any filter (not the sort) has a valid value."""
        if not self.is_bound or not self.form.is_valid():
            return False
        data = self.form.cleaned_data
        return any(data.get(name) not in (None, "", []) for name in self.filters if name != "sort")

    @property
    def ignored(self) -> list[str]:
        """Sentences naming each value left out and why."""
        if not self.is_bound:
            return []
        notes = []
        form = self.form
        form.is_valid()
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            label = field.label if field else name
            raw = ", ".join(self.data.getlist(name))
            notes.append(f"{label} “{shorten(raw, 60, placeholder='…')}”: {errors[0]}")
        for field in form.fields.values():
            for value in getattr(field, "dropped", []):
                if field.valid_value(value):
                    reason = f"at most {MAX_COUNTRIES} can be combined"
                else:
                    reason = "not a known choice"
                notes.append(f"{field.label} “{shorten(value, 60, placeholder='…')}”: {reason}")
        unknown = sorted(set(self.data) - set(form.fields) - self.page_parameters)
        if unknown:
            names = ", ".join(shorten(u, 30, placeholder="…") for u in unknown[:5])
            notes.append(f"Unknown parameter(s) {names}" + (" and more" if unknown[5:] else ""))
        self.qs  # noqa: B018 - filtering adds its own notes
        return notes + self.notes


class SharedChoices(BaseChoiceIterator):
    """Choices that every copy of a field shares as they are.

    A plain list is normalised again each time django-filters iterates it (validation,
    each of the three selects) and deep-copied for each form; for two hundred countries
    in two fields that was several milliseconds of each list page. The choices are never
    changed in place, so one list serves every copy."""

    def __init__(self, choices):
        self.choices = list(choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __deepcopy__(self, memo):
        return self


def found_series(text: str) -> list[int]:
    """The keys of the series a search finds (see SeriesQuerySet.search), in key order.

    Building the search (a dozen subqueries a word) cost more than running it, and
    inside a list's count and page queries PostgreSQL estimated it at most of the table
    and scanned every session to join it. The keys are found once per data version
    (ListCache, keyed by the words) and the lists filter by them (querysets.OneOf)."""
    words = tuple(search_words(text))

    def search():
        found = Series.objects.search(text, abbreviations=SEARCH_ABBREVIATIONS)
        return list(found.order_by("pk").values_list("pk", flat=True))

    return LIST_CACHE.remember_by_key("search", words, search)


def by_found_series(field: str, text: str):
    """The condition that `field` is a series the search finds; for more keys than the
    database takes as parameters (SQLite's limit), the search itself as a subquery."""
    keys = found_series(text)
    limit = connections[DEFAULT_DB_ALIAS].features.max_query_params
    if (
        limit is not None
        and len(keys) > limit
        and connections[DEFAULT_DB_ALIAS].vendor != "postgresql"
    ):
        found = Series.objects.search(text, abbreviations=SEARCH_ABBREVIATIONS)
        return Q(**{f"{field}__in": found.values("pk")})
    return OneOf(F(field), keys)


def _party_choices() -> tuple[SharedChoices, SharedChoices]:
    """The countries and the organisations to choose from, read in one query once while
    the data is unchanged (see ListCache): every list page and API list asks."""
    return LIST_CACHE.remember_by_key("party choices", None, _read_party_choices)


def _read_party_choices() -> tuple[SharedChoices, SharedChoices]:
    rows = (
        Country.objects.order_by()
        .values_list("alpha3", "name", Value(0))
        .union(
            Organization.objects.order_by().values_list("short_name", "full_name", Value(1)),
            all=True,
        )
    )
    countries, organizations = [], []
    for code, name, is_organization in rows:
        if is_organization:
            organizations.append((code, f"{code} ({name})" if name else code))
        else:
            countries.append((code, name))
    countries.sort(key=lambda choice: choice[1])
    return SharedChoices(countries), SharedChoices(sorted(organizations))


class MeetingFilterSet(LenientFilterSet):
    """The filters both list pages share; subclasses say how each applies."""

    country = LenientMultipleChoiceFilter(
        label="Country",
        widget=CountryPairWidget,
        method="filter_country",
    )
    organization = django_filters.ChoiceFilter(
        label="Organisation",
        method="filter_organization",
        empty_label="Any organisation",
        widget=FastSelect,
    )
    topic = django_filters.ChoiceFilter(
        label="Topic", choices=TOPICS, empty_label="Any topic", widget=FastSelect
    )
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=KINDS, empty_label="Any kind", widget=FastSelect
    )
    year_from = django_filters.NumberFilter(label="From year", method="filter_years", **YEAR_FIELD)
    year_to = django_filters.NumberFilter(label="To year", method="filter_years", **YEAR_FIELD)
    venue_country = django_filters.ChoiceFilter(
        label="Venue country",
        method="filter_venue_country",
        empty_label="Anywhere",
        widget=FastSelect,
    )
    city = django_filters.CharFilter(label="City", method="filter_city", max_length=100)
    official = django_filters.CharFilter(label="Official", method="filter_official", max_length=100)
    q = django_filters.CharFilter(label="Search", method="filter_search", max_length=MAX_TEXT)
    confirmed = django_filters.BooleanFilter(
        label="Only confirmed by a person", method="filter_confirmed"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the country and organisation lists, whatever the page size.
        countries, organizations = _party_choices()
        self.filters["country"].extra["choices"] = countries
        self.filters["venue_country"].extra["choices"] = countries
        self.filters["organization"].extra["choices"] = organizations

    def filter_organization(self, queryset, name, value: str):
        return queryset.with_organization(value)

    def description(self) -> str:
        """The applied filter in words ("Pakistan and Russia, counter terrorism, from
        2019"), for the titles of the calendar and the feed; "" when nothing applies."""
        if not self.is_bound:
            return ""
        self.form.is_valid()
        data = self.form.cleaned_data
        names = dict(self.filters["country"].extra["choices"])
        parts = []
        if data.get("series"):
            parts.append(data["series"].name)
        if data.get("country"):
            parts.append(" and ".join(names.get(code, code) for code in data["country"]))
        for key, choices in (("topic", TOPICS), ("kind", KINDS)):
            if data.get(key):
                parts.append(dict(choices)[data[key]].lower())
        if data.get("status"):
            parts.append(data["status"])
        if data.get("year_from") is not None:
            parts.append(f"from {int(data['year_from'])}")
        if data.get("year_to") is not None:
            parts.append(f"to {int(data['year_to'])}")
        if data.get("venue_country"):
            parts.append(f"in {names.get(data['venue_country'], data['venue_country'])}")
        if data.get("city"):
            parts.append(f"in {data['city']}")
        if data.get("official"):
            parts.append(f"led by “{data['official']}”")
        if data.get("q"):
            parts.append(f"“{data['q']}”")
        return ", ".join(parts)

    def filter_confirmed(self, queryset, name, value):
        return queryset.confirmed() if value else queryset

    def year_bounds(self, name) -> tuple[int | None, int | None] | None:
        """Both bounds, applied together, once, by the first of them that validated
        (None for the other); an inverted range is swapped, and the page says so."""
        data = self.form.cleaned_data
        if name == "year_to" and data.get("year_from") is not None:
            return None
        year_from, year_to = _int_or_none(data.get("year_from")), _int_or_none(data.get("year_to"))
        if year_from is not None and year_to is not None and year_from > year_to:
            self.notes.append(
                f"From year {year_from} is after To year {year_to}: "
                f"showing {year_to} to {year_from} instead."
            )
            year_from, year_to = year_to, year_from
        return year_from, year_to

    def filter_years(self, queryset, name, value):
        bounds = self.year_bounds(name)
        if bounds is None:
            return queryset
        return queryset.met_between(year_from=bounds[0], year_to=bounds[1])


def _int_or_none(value):
    return None if value is None else int(value)


class SeriesFilter(MeetingFilterSet):
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[
            ("latest", "Latest session"),
            ("name", "Name"),
            ("sessions", "Number of sessions"),
        ],
        empty_label=None,
        method="keep",
        widget=FastSelect,
    )

    class Meta:
        model = Series
        fields = ["country", "topic", "kind"]

    def keep(self, queryset, name, value):
        return queryset

    def filter_country(self, queryset, name, value: list[str]):
        return queryset.involving(*value)

    def filter_venue_country(self, queryset, name, value: str):
        return queryset.hosted_in(value)

    def filter_city(self, queryset, name, value):
        return queryset.met_in_city(value)

    def filter_official(self, queryset, name, value):
        return queryset.with_official(value)

    def filter_search(self, queryset, name, value):
        if not search_words(value):
            return queryset  # nothing to look for (as SeriesQuerySet.search)
        return queryset.filter(by_found_series("pk", value))

    def order_queryset(self, queryset, key):
        if key == "name":
            return queryset.order_by("name", "pk")
        if key == "sessions":
            return queryset.with_held_count().order_by("-session_count", "name", "pk")
        return queryset.with_latest_date().order_by(
            F("latest_date").desc(nulls_last=True), "name", "pk"
        )


class SessionFilter(MeetingFilterSet):
    topic = django_filters.ChoiceFilter(
        label="Topic",
        choices=TOPICS,
        empty_label="Any topic",
        field_name="series__topic",
        widget=FastSelect,
    )
    kind = django_filters.ChoiceFilter(
        label="Kind",
        choices=KINDS,
        empty_label="Any kind",
        field_name="series__kind",
        widget=FastSelect,
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=Session.Status.choices,
        empty_label="Held and planned",
        widget=FastSelect,
    )
    # Not on the form: the series page's feed, calendar, CSV and API links use it.
    series = django_filters.ModelChoiceFilter(
        label="Series",
        field_name="series",
        to_field_name="slug",
        queryset=Series.objects.only("pk", "slug", "name"),
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=[("newest", "Newest first"), ("oldest", "Oldest first")],
        empty_label=None,
        method="keep",
        widget=FastSelect,
    )

    class Meta:
        model = Session
        fields = ["country", "topic", "kind", "status"]

    def keep(self, queryset, name, value):
        return queryset

    def filter_country(self, queryset, name, value):
        return queryset.involving(*value)

    def filter_venue_country(self, queryset, name, value: str):
        return queryset.filter(country_id=value)

    def filter_city(self, queryset, name, value):
        return queryset.filter(city__iexact=value.strip())

    def filter_official(self, queryset, name, value):
        return queryset.with_official(value)

    def filter_search(self, queryset, name, value):
        if not search_words(value):
            return queryset  # nothing to look for (as SeriesQuerySet.search)
        return queryset.filter(by_found_series("series_id", value))

    def filter_years(self, queryset, name, value):
        bounds = self.year_bounds(name)
        if bounds is None:
            return queryset
        return queryset.between_years(year_from=bounds[0], year_to=bounds[1])

    def order_queryset(self, queryset, key):
        if key == "oldest":
            return queryset.order_by(F("start_date").asc(nulls_last=True), "pk")
        return queryset.newest_first()


class UpcomingFilter(SessionFilter):
    """The coming-up page: the sessions list's filters, without status and sort (the
    page's sections are its statuses and orders)."""

    status = None
    sort = None

    class Meta:
        model = Session
        fields = ["country", "topic", "kind"]


class CountryFilter(LenientFilterSet):
    """The API's country list: by name."""

    q = django_filters.CharFilter(
        label="Name", field_name="name", lookup_expr="icontains", max_length=MAX_TEXT
    )

    class Meta:
        model = Country
        fields = ["q"]

    def order_queryset(self, queryset, key):
        return queryset.order_by("name", "pk")


class OfficialFilter(LenientFilterSet):
    """The API's official list: by name and by the side they represent."""

    q = django_filters.CharFilter(
        label="Name", field_name="name", lookup_expr="icontains", max_length=MAX_TEXT
    )
    country = django_filters.ChoiceFilter(label="Country", empty_label="Any country")

    class Meta:
        model = Official
        fields = ["q", "country"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = _party_choices()[0]

    def order_queryset(self, queryset, key):
        return queryset.order_by("name", "pk")


class ReviewFilter(LenientFilterSet):
    """The review queue: by kind of item, series and country."""

    kind = django_filters.ChoiceFilter(
        label="Kind", choices=ReviewItem.Kind.choices, empty_label="Every kind"
    )
    series = django_filters.CharFilter(label="Series", method="filter_series", max_length=200)
    country = django_filters.CharFilter(label="Country", method="filter_country", max_length=3)

    class Meta:
        model = ReviewItem
        fields = ["kind"]

    def filter_series(self, queryset, name, value):
        return queryset.filter(Q(series__slug=value) | Q(session__series__slug=value))

    def filter_country(self, queryset, name, value):
        return queryset.involving(value.upper())
