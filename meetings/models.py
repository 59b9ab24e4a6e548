"""The record: meeting series (working groups, dialogues, commissions and the like),
their sessions, delegations, the officials who lead them, and the articles and
sentences every fact comes from.

Identity and integrity live in the database: natural keys are unique, a session number
is unique within its series, an article is stored once per content hash, and the
people, places and sources that history refers to cannot be deleted from under it.
"""

import datetime
import re
import threading
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from meetings.querysets import (
    ArticleQuerySet,
    MergeQuerySet,
    OfficialQuerySet,
    ReviewItemQuerySet,
    SeriesQuerySet,
    SessionQuerySet,
)

KINDS = [
    ("joint-working-group", "Joint working group"),
    ("consultations", "Consultations"),
    ("dialogue", "Dialogue"),
    ("joint-commission", "Joint commission"),
    ("committee", "Committee"),
    ("expert-group", "Expert group"),
    ("summit", "Summit"),
    ("ministerial", "Ministerial meeting"),
    ("conference", "Conference"),
    ("other", "Other"),
]

TOPICS = [
    (slug, slug.replace("-", " ").capitalize())
    for slug in [
        "counter-terrorism",
        "security",
        "defence",
        "cyber",
        "maritime",
        "trade",
        "investment",
        "economy",
        "finance",
        "energy",
        "nuclear",
        "disarmament",
        "space",
        "science-technology",
        "health",
        "agriculture",
        "environment",
        "climate",
        "water",
        "migration",
        "consular",
        "law-enforcement",
        "drugs",
        "border",
        "connectivity",
        "transport",
        "education",
        "culture",
        "human-rights",
        "humanitarian",
        "political",
        "regional",
    ]
]


# What quote() never changes: ASCII letters, digits and "_.-~".
_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]+")

# A key every path converter of meetings/urls.py accepts (int, slug, str).
_URL_PLACEHOLDER = "987654321"


@lru_cache(maxsize=32)
def _url_halves(route: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(route, args=[_URL_PLACEHOLDER]).partition(_URL_PLACEHOLDER)
    return before, after


class _RequestPrefix(threading.local):
    value = None


# The script prefix of the request this thread serves (None outside one): a list links
# hundreds of rows, and reading the prefix from Django's context-local storage for each
# cost more than the rest of building the address.
_request_prefix = _RequestPrefix()


def remember_script_prefix(**kwargs) -> None:
    """request_started receiver (see apps.py): the handler has just set the prefix."""
    _request_prefix.value = get_script_prefix()


def forget_script_prefix(**kwargs) -> None:
    """request_finished receiver."""
    _request_prefix.value = None


def _path_key(key) -> str:
    text = str(key)
    # Slugs ("pak-rus-jwg") are left as they are by quote(), whose work was then wasted.
    if not (text.isascii() and (text.isalnum() or _UNQUOTED.fullmatch(text))):
        text = quote(text, safe="")
    return text


def page_url(route: str, key) -> str:
    """`reverse(route, args=[key])` for a route with one argument, from the route's
    pattern remembered once: list pages link hundreds of rows, and each reverse() cost
    more than the rest of the row's markup."""
    before, after = _url_halves(route, _request_prefix.value or get_script_prefix())
    return before + _path_key(key) + after


def page_url_maker(route: str, *, base: str = ""):
    """`key -> base + page_url(route, key)` with the route's halves looked up once: for
    the thousands of addresses of one page of API rows."""
    before, after = _url_halves(route, _request_prefix.value or get_script_prefix())
    head = base + before

    def url(key) -> str:
        return f"{head}{key}{after}" if type(key) is int else head + _path_key(key) + after

    return url


def venue_label(*, virtual: bool, city: str, country: str) -> str:
    """Where a session took place, as the pages write it: "Nairobi, Kenya"."""
    if virtual:
        return "Virtual"
    return ", ".join(part for part in (city, country) if part)


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_partial_date(value: datetime.date | None, precision: str) -> str | None:
    """ISO text of a date known to a day, a month ("2019-11") or a year ("2019")."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def parse_partial_date(text: str | None) -> tuple[datetime.date | None, str]:
    """Inverse of format_partial_date; raises ValueError on anything else."""
    if not text:
        return None, DatePrecision.DAY
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1), DatePrecision.YEAR
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1), DatePrecision.MONTH
    return datetime.date(*parts), DatePrecision.DAY


def plan_date_passed(
    *,
    status: str,
    start_date: datetime.date | None,
    start_precision: str,
    end_date: datetime.date | None,
    today: datetime.date,
) -> bool:
    """Whether a planned session's announced day, month or year is over (the same rule
    as ``SessionQuerySet.past_due``, for one row)."""
    if status != "planned" or start_date is None:
        return False
    if start_precision == DatePrecision.YEAR:
        return start_date.year < today.year
    if start_precision == DatePrecision.MONTH:
        return start_date < today.replace(day=1)
    return (end_date or start_date) < today


class Country(models.Model):
    alpha3 = models.CharField("ISO alpha-3", max_length=3, primary_key=True)
    alpha2 = models.CharField("ISO alpha-2", max_length=2, unique=True)
    name = models.CharField(max_length=100)
    other_names = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(alpha3__regex=r"^[A-Z]{3}$"), name="country_alpha3_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.url_for(self.alpha3)

    @staticmethod
    def url_for(alpha3) -> str:
        """The page of the country with this alpha3, without loading it."""
        return page_url("meetings:country", alpha3)


class Organization(models.Model):
    short_name = models.CharField(max_length=30, unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    members = models.ManyToManyField(Country, blank=True, related_name="organizations")

    class Meta:
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return self.url_for(self.short_name)

    @staticmethod
    def url_for(short_name) -> str:
        """The page of the organisation with this short name, without loading it."""
        return page_url("meetings:organization", short_name)


class Official(models.Model):
    """One real person, whatever spellings the articles use."""

    name = models.CharField(max_length=200)
    other_names = models.JSONField(default=list, blank=True)
    # The state or organisation the person represents; resolution only matches people
    # of the same side.
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="officials"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="officials"
    )

    objects = OfficialQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.url_for(self.pk)

    @staticmethod
    def url_for(pk) -> str:
        """The page of the official with this key, without loading it."""
        return page_url("meetings:official", pk)


class Series(models.Model):
    """A standing mechanism: the meeting series whose sessions we track."""

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    other_names = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=30, choices=KINDS, default="other")
    topic = models.CharField(max_length=30, choices=TOPICS, blank=True)
    parties = models.ManyToManyField(Country, blank=True, related_name="series")
    organizations = models.ManyToManyField(Organization, blank=True, related_name="series")
    # Parties, organisations, kind and topic as one string: how ingestion finds the
    # series an article speaks of, whatever name the article gives it.
    natural_key = models.CharField(max_length=300, unique=True, null=True, blank=True)
    # Set when a person named the series in the admin: ingestion then keeps the name
    # rather than choosing the best of the names articles give.
    name_by_hand = models.BooleanField("name set by hand", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeriesQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.url_for(self.slug)

    @staticmethod
    def url_for(slug) -> str:
        """The page of the series with this slug, without loading it."""
        return page_url("meetings:series", slug)


class Session(models.Model):
    class Status(models.TextChoices):
        HELD = "held", "Held"
        PLANNED = "planned", "Planned"

    # The facts a person may set or correct by hand; one listed in manual_fields is never
    # overwritten by ingestion or by a merge.
    FACT_FIELDS = (
        "number",
        "start_date",
        "start_precision",
        "end_date",
        "city",
        "country",
        "virtual",
        "status",
    )

    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveIntegerField(null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    start_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(null=True, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions_hosted"
    )
    virtual = models.BooleanField(default=False)
    status = models.CharField(max_length=7, choices=Status.choices, default=Status.HELD)
    # Disagreements between sources: [{"field": "city", "values": {"Moscow": ["a.txt"], ...}}]
    conflicts = models.JSONField(default=list, blank=True)
    # Fields set or corrected by hand in the admin; ingestion never overwrites them.
    manual_fields = models.JSONField(default=list, blank=True)
    # Facts (named as in the report) a reviewer accepted as the machine read them.
    confirmed_fields = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["series", "start_date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "number"],
                condition=Q(number__isnull=False),
                name="session_unique_number_in_series",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1),
                name="session_number_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["start_date"]),
            models.Index(fields=["status", "start_date"]),
        ]

    def __str__(self) -> str:
        label = f"session {self.number}" if self.number else "session"
        return f"{self.series.name}, {label}"

    def get_absolute_url(self) -> str:
        return self.url_for(self.pk)

    @staticmethod
    def url_for(pk) -> str:
        """The page of the session with this key, without loading it."""
        return page_url("meetings:session", pk)

    venue_label = staticmethod(venue_label)

    @property
    def start_display(self) -> str | None:
        return format_partial_date(self.start_date, self.start_precision)

    @property
    def date_passed(self) -> bool:
        """Planned, and its date is over with no report: unconfirmed, date passed."""
        return plan_date_passed(
            status=self.status,
            start_date=self.start_date,
            start_precision=self.start_precision,
            end_date=self.end_date,
            today=timezone.localdate(),
        )

    @property
    def venue(self) -> str:
        """ "Nairobi, Kenya", "Virtual" or "": read with the country loaded."""
        country = self.country.name if self.country_id else ""
        return venue_label(virtual=self.virtual, city=self.city, country=country)


class Delegation(models.Model):
    """One side at a session: a state or an organisation, and who led it."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="delegations")
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="delegations"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="delegations"
    )
    head = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.PROTECT, related_name="delegations_led"
    )
    head_title = models.CharField("title as reported", max_length=500, blank=True)
    members = models.ManyToManyField(Official, blank=True, related_name="delegations_joined")

    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "country", "organization"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(country__isnull=False) & Q(organization__isnull=True))
                | (Q(country__isnull=True) & Q(organization__isnull=False)),
                name="delegation_one_party",
            ),
            models.UniqueConstraint(
                fields=["session", "country"],
                condition=Q(country__isnull=False),
                name="delegation_one_per_country",
            ),
            models.UniqueConstraint(
                fields=["session", "organization"],
                condition=Q(organization__isnull=False),
                name="delegation_one_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_code} at {self.session}"

    @property
    def party_code(self) -> str:
        return self.country_id or (self.organization.short_name if self.organization else "")


class Article(models.Model):
    class Outcome(models.TextChoices):
        MEETING = "meeting", "Reports a session"
        NOT_MEETING = "not_meeting", "Not a meeting"
        REJECTED = "rejected", "Rejected"

    source_name = models.CharField(max_length=300, help_text="The file or entry it came from.")
    url = models.URLField(max_length=1000, blank=True)
    outlet = models.CharField(max_length=200, blank=True)
    published = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField(blank=True)
    content_hash = models.CharField(max_length=64, unique=True)
    ingested_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    reason = models.CharField(max_length=500, blank=True)
    # The session the article reports, if any; a session with sources cannot vanish.
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    # The extractor's report as the contract's JSON, kept for audit and re-resolution.
    report = models.JSONField(null=True, blank=True)

    objects = ArticleQuerySet.as_manager()
    # Which session an article reports, and its outcome; its text never changes.
    history = HistoricalRecords(
        excluded_fields=["text", "report", "content_hash", "ingested_at", "url", "outlet"]
    )

    class Meta:
        ordering = ["-published", "source_name"]
        indexes = [models.Index(fields=["outcome"]), models.Index(fields=["published"])]

    def __str__(self) -> str:
        return self.title or self.source_name

    def get_absolute_url(self) -> str:
        return self.url_for(self.pk)

    @staticmethod
    def url_for(pk) -> str:
        """The page of the article with this key, without loading it."""
        return page_url("meetings:article", pk)


class Evidence(models.Model):
    """The sentence of an article that supports one fact."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="evidence")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    fact = models.CharField(max_length=60)
    value = models.CharField(max_length=500, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        ordering = ["article", "start", "fact"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="evidence_span"),
            models.UniqueConstraint(
                fields=["article", "session", "fact", "start"], name="evidence_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fact} = {self.value}"

    @property
    def sentence(self) -> str:
        return self.article.text[self.start : self.end]


class IngestRun(models.Model):
    """One upload being ingested in the background: what the page shows while it runs
    and after. The task writes its counts as it goes, so that the page tells what was
    stored even of a run that was stopped half-way."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    folder = models.CharField(max_length=500, help_text="Where the uploaded files wait.")
    files = models.JSONField(default=list, help_text="The uploaded files' names.")
    files_done = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    known = models.PositiveIntegerField(default=0)
    not_meeting = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    # [{"kind": "rejected" or "skipped", "file": name, "reason": text}]
    problems = models.JSONField(default=list)
    sessions_created = models.JSONField(default=list, help_text="Session ids.")
    sessions_updated = models.JSONField(default=list, help_text="Session ids.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Upload {self.pk} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("meetings:ingest_run", args=[self.pk])

    @property
    def processed(self) -> int:
        return self.new + self.known + self.not_meeting + self.rejected

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.FINISHED, self.Status.FAILED)


class DataVersion(models.Model):
    """One row whose number goes up after every committed change to the record: cached
    pages are keyed on it, in every process and on every cache backend alike."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"version {self.number}"


class Merge(models.Model):
    """A merge of two series, sessions or officials, recorded so that it can be undone:
    the rows it touched as they were before, and as it left them."""

    class Kind(models.TextChoices):
        SERIES = "series", "Series"
        SESSION = "session", "Session"
        OFFICIAL = "official", "Official"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    keep_id = models.PositiveBigIntegerField()
    removed_id = models.PositiveBigIntegerField()
    # The removed series' slug: its old address answers with a redirect to the kept one.
    removed_slug = models.CharField(max_length=200, blank=True)
    removed_label = models.CharField(max_length=300)
    before = models.JSONField()
    after = models.JSONField()
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    objects = MergeQuerySet.as_manager()

    class Meta:
        ordering = ["-merged_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "removed_id"]),
            models.Index(fields=["kind", "removed_slug"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} merge: {self.removed_label} into #{self.keep_id}"


class ReviewItem(models.Model):
    """Something a person should check: a fact the machine was unsure of, sources that
    disagree, an identity decided by a similar name, a plan whose date has passed."""

    class Kind(models.TextChoices):
        FACT = "fact", "Unsure fact"
        CONFLICT = "conflict", "Sources disagree"
        SERIES = "series", "Series matched by name"
        OFFICIAL = "official", "Official matched by name"
        STALE = "stale", "Planned, date passed"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        CORRECTED = "corrected", "Corrected"
        REJECTED = "rejected", "Rejected"
        SPLIT = "split", "Split apart"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.OPEN)
    # One item per thing to check ("fact:<article>:<fact>"): ingesting again adds none.
    key = models.CharField(max_length=200, unique=True)
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.CASCADE, related_name="review_items"
    )
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.CASCADE, related_name="review_items"
    )
    official = models.ForeignKey(
        Official, null=True, blank=True, on_delete=models.CASCADE, related_name="review_items"
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="review_items"
    )
    fact = models.CharField(max_length=60, blank=True)
    value = models.CharField(max_length=500, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("review", "Can review what the machine read")]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.fact or self.value}"
