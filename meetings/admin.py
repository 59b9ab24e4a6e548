"""The admin: real data entry for the record, read-only views of the sources and their
evidence, and merge actions for duplicate officials and series."""

import json

from django.contrib import admin, messages
from django.db import IntegrityError, models
from django.db.models import Count, ProtectedError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from meetings.forms import DelegationAdminForm, NameListField, SessionAdminForm
from meetings.ingestion.facts import add_manual_fields, record_manual_fields
from meetings.ingestion.merge import (
    MergeError,
    merge_officials,
    merge_series,
    merge_sessions,
    plan_official_merge,
    plan_series_merge,
    plan_session_merge,
    split_session,
    undo_merge,
)
from meetings.models import (
    Article,
    Country,
    Delegation,
    Evidence,
    Merge,
    Official,
    Organization,
    ReviewItem,
    Series,
    Session,
)

admin.site.site_header = "Diplomatic Meeting Tracker"
admin.site.site_title = "Diplomatic Meeting Tracker admin"
admin.site.index_title = "The record"


class OtherNamesMixin:
    """`other_names` edited one name a line rather than as raw JSON."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "other_names":
            kwargs.pop("widget", None)
            return db_field.formfield(form_class=NameListField, required=False, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def admin_link(obj, label=None) -> str:
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label if label is not None else obj)


# --- Merging ---------------------------------------------------------------------------


class MergeActionMixin:
    """An admin action merging two selected rows after a confirmation page on which the
    user picks the one to keep. Subclasses set `merge_function`, `plan_function` and
    `describe_candidate`.
    """

    merge_function = None
    plan_function = None

    @admin.action(
        description="Merge the two selected %(verbose_name_plural)s",
        permissions=["change", "delete"],
    )
    def merge_selected(self, request, queryset):
        opts = self.model._meta
        candidates = list(queryset.order_by("pk")[:3])
        if len(candidates) != 2:
            self.message_user(
                request,
                f"Select exactly two {opts.verbose_name_plural} to merge "
                f"({queryset.count()} selected).",
                messages.ERROR,
            )
            return None
        if request.POST.get("confirm") == "yes":
            return self._merge(request, candidates)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge two {opts.verbose_name_plural}",
            "opts": opts,
            "candidates": [
                (obj, self.describe_candidate(obj), self.preview_merge(keep=obj, remove=other))
                for obj, other in (candidates, candidates[::-1])
            ],
            "action_name": "merge_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/meetings/merge_confirmation.html", context)

    def _merge(self, request, candidates):
        opts = self.model._meta
        by_pk = {str(obj.pk): obj for obj in candidates}
        keep = by_pk.get(request.POST.get("keep", ""))
        if keep is None:
            self.message_user(request, f"Choose which {opts.verbose_name} to keep.", messages.ERROR)
            return None
        (remove,) = (obj for obj in candidates if obj.pk != keep.pk)
        removed_label = str(remove)
        try:
            plan = self.merge_function(keep=keep, remove=remove)
        except (MergeError, IntegrityError, ProtectedError) as error:
            # The merge runs in one transaction: when it fails, nothing has changed.
            self.message_user(request, f"Nothing was merged: {error}", messages.ERROR)
            return None
        self.log_change(request, keep, f"Merged {removed_label!r} into it: {plan.describe()}.")
        self.message_user(
            request,
            f"Merged “{removed_label}” into “{keep}”: {plan.describe()}.",
            messages.SUCCESS,
        )
        return None

    def describe_candidate(self, obj) -> list[str]:
        raise NotImplementedError

    def preview_merge(self, *, keep, remove) -> str:
        """What keeping `keep` would do, from the merge's plan (which only reads)."""
        return self.plan_function(keep=keep, remove=remove).describe()


# --- Inlines ---------------------------------------------------------------------------


class EvidenceInline(admin.TabularInline):
    """The sentences behind the facts: read-only, they come from ingestion."""

    model = Evidence
    extra = 0
    can_delete = False
    fields = ("fact", "value", "sentence", "source")
    readonly_fields = fields
    verbose_name_plural = "evidence"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="Sentence")
    def sentence(self, evidence):
        return evidence.sentence

    @admin.display(description="Article")
    def source(self, evidence):
        return format_html(
            '{} (<a href="{}">public page</a>)',
            admin_link(evidence.article),
            evidence.article.get_absolute_url(),
        )


class ArticleEvidenceInline(EvidenceInline):
    fields = ("fact", "value", "sentence", "reported_session")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session__series")

    @admin.display(description="Session")
    def reported_session(self, evidence):
        return admin_link(evidence.session) if evidence.session else "—"


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = Session.FACT_FIELDS
    autocomplete_fields = ("country",)
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("series", "country")


class DelegationInline(admin.StackedInline):
    model = Delegation
    form = DelegationAdminForm
    extra = 0
    fields = (("country", "organization"), ("head", "head_title"), "members")
    autocomplete_fields = ("country", "organization", "head", "members")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("session__series", "country", "organization", "head")
        )


# --- Model admins ----------------------------------------------------------------------


@admin.register(Country)
class CountryAdmin(OtherNamesMixin, admin.ModelAdmin):
    list_display = ("alpha3", "alpha2", "name")
    search_fields = ("alpha3", "alpha2", "name", "other_names")
    ordering = ("name",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("short_name", "full_name", "member_count")
    search_fields = ("short_name", "full_name")
    autocomplete_fields = ("members",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description="Members", ordering="member_count")
    def member_count(self, organization):
        return organization.member_count


@admin.register(Official)
class OfficialAdmin(OtherNamesMixin, MergeActionMixin, admin.ModelAdmin):
    list_display = ("name", "country", "organization", "other_names_display")
    list_select_related = ("country", "organization")
    list_filter = (
        ("country", admin.RelatedOnlyFieldListFilter),
        ("organization", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "other_names")
    autocomplete_fields = ("country", "organization")
    actions = ("merge_selected",)
    merge_function = staticmethod(merge_officials)
    plan_function = staticmethod(plan_official_merge)

    @admin.display(description="Other names")
    def other_names_display(self, official):
        return ", ".join(official.other_names)

    def describe_candidate(self, official):
        return [
            f"Represents: {official.country or official.organization or 'unknown'}",
            f"Other names: {', '.join(official.other_names) or 'none'}",
            f"Delegations led: {official.delegations_led.count()}",
            f"Delegations joined: {official.delegations_joined.count()}",
        ]


@admin.register(Series)
class SeriesAdmin(OtherNamesMixin, MergeActionMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "topic", "party_codes", "session_total")
    list_filter = ("kind", "topic", ("parties", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "slug", "other_names", "parties__name", "parties__alpha3")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parties", "organizations")
    readonly_fields = ("natural_key", "created_at")
    inlines = (SessionInline,)
    actions = ("merge_selected",)
    merge_function = staticmethod(merge_series)
    plan_function = staticmethod(plan_series_merge)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(session_total=Count("sessions", distinct=True))
            .prefetch_related("parties")
        )

    @admin.display(description="Parties")
    def party_codes(self, group):
        return ", ".join(sorted(country.alpha3 for country in group.parties.all()))

    @admin.display(description="Sessions", ordering="session_total")
    def session_total(self, group):
        return group.session_total

    def save_model(self, request, obj, form, change):
        if "name" in form.changed_data:
            obj.name_by_hand = True  # ingestion keeps a name a person gave
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Session:
            for session_form in formset.forms:
                if session_form.has_changed() and session_form not in formset.deleted_forms:
                    record_manual_fields(session_form.instance, session_form.changed_data)
        super().save_formset(request, form, formset, change)

    def describe_candidate(self, group):
        sessions = group.sessions.order_by("number")
        numbers = [str(s.number) for s in sessions if s.number]
        return [
            f"Parties: {', '.join(sorted(p.alpha3 for p in group.parties.all())) or 'none'}",
            f"Other names: {', '.join(group.other_names) or 'none'}",
            f"Sessions: {len(sessions)}" + (f" (numbers {', '.join(numbers)})" if numbers else ""),
        ]


class ConflictFilter(admin.SimpleListFilter):
    title = "sources"
    parameter_name = "conflicts"

    def lookups(self, request, model_admin):
        return [("yes", "Sources disagree"), ("no", "No conflict")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(conflicts=[])
        if self.value() == "no":
            return queryset.filter(conflicts=[])
        return queryset


@admin.register(Session)
class SessionAdmin(MergeActionMixin, admin.ModelAdmin):
    form = SessionAdminForm
    actions = ("merge_selected",)
    merge_function = staticmethod(merge_sessions)
    plan_function = staticmethod(plan_session_merge)
    list_display = ("__str__", "number", "start_display", "venue", "status", "source_count")
    list_display_links = ("__str__",)
    list_select_related = ("series", "country")
    list_filter = (
        ConflictFilter,
        "status",
        "virtual",
        "series__kind",
        ("country", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("series__name", "series__other_names", "city")
    date_hierarchy = "start_date"
    autocomplete_fields = ("series", "country")
    readonly_fields = ("conflicts_display", "updated_at")
    fieldsets = (
        (None, {"fields": ("series", "number", "status")}),
        (
            "When and where",
            {
                "fields": (
                    ("start_date", "start_precision"),
                    "end_date",
                    "city",
                    "country",
                    "virtual",
                )
            },
        ),
        ("Provenance", {"fields": ("manual_fields", "conflicts_display", "updated_at")}),
    )
    inlines = (DelegationInline, EvidenceInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("articles"))

    def get_inlines(self, request, obj):
        # A session being added has no evidence yet; evidence comes from ingestion.
        return self.inlines if obj else (DelegationInline,)

    def describe_candidate(self, session):
        return [
            f"Series: {session.series}",
            f"Start: {session.start_display or 'unknown'}; venue: {session.venue or 'unknown'}",
            f"Sources: {', '.join(a.source_name for a in session.articles.all()) or 'none'}",
        ]

    @admin.display(description="Start", ordering="start_date")
    def start_display(self, session):
        return session.start_display or "—"

    @admin.display(description="Sources", ordering="source_count")
    def source_count(self, session):
        return session.source_count

    @admin.display(description="Conflicts between sources")
    def conflicts_display(self, session):
        if not session.conflicts:
            return "None"
        return format_html_join(
            "\n",
            "<div>{}: {}</div>",
            (
                (
                    entry.get("field", "?"),
                    "; ".join(
                        f"{value} ({', '.join(sources)})"
                        for value, sources in entry.get("values", {}).items()
                    ),
                )
                for entry in session.conflicts
            ),
        )

    def save_model(self, request, obj, form, change):
        record_manual_fields(obj, form.changed_data)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is not Delegation:
            return
        # A head named or changed by hand is not replaced by a later ingest either.
        heads = [
            f"delegation.{delegation_form.instance.party_code}.head"
            for delegation_form in formset.forms
            if delegation_form not in formset.deleted_forms
            and {"head", "head_title"} & set(delegation_form.changed_data)
        ]
        session = form.instance
        if heads:
            session.manual_fields = add_manual_fields(
                manual_fields=session.manual_fields, fields=heads
            )
            session.save(update_fields=["manual_fields"])


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Articles come in through ingestion ("Add articles"); here they are read and
    attached, their text and the extractor's report are never edited."""

    list_display = ("__str__", "outlet", "published", "outcome", "session")
    list_select_related = ("session__series",)
    list_filter = ("outcome", "published")
    search_fields = ("title", "source_name", "url", "outlet", "content_hash")
    date_hierarchy = "published"
    autocomplete_fields = ("session",)
    readonly_fields = (
        "text",
        "report_display",
        "content_hash",
        "ingested_at",
        "source_name",
    )
    exclude = ("report",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (ArticleEvidenceInline,)

    actions = ("split_selected",)

    def has_add_permission(self, request):
        return False

    @admin.action(
        description="Split the selected articles into a new session", permissions=["change"]
    )
    def split_selected(self, request, queryset):
        sessions = set(queryset.values_list("session", flat=True))
        if len(sessions) != 1 or None in sessions:
            self.message_user(
                request, "Select articles of one session to split off.", messages.ERROR
            )
            return
        session = Session.objects.get(pk=sessions.pop())
        try:
            new = split_session(session=session, articles=list(queryset))
        except (MergeError, IntegrityError) as error:
            self.message_user(request, f"Nothing was split: {error}", messages.ERROR)
            return
        self.message_user(
            request, f"Split {queryset.count()} article(s) into “{new}”.", messages.SUCCESS
        )

    @admin.display(description="Extractor report")
    def report_display(self, article):
        if article.report is None:
            return "—"
        return format_html(
            "<pre>{}</pre>", json.dumps(article.report, indent=2, ensure_ascii=False)
        )


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Evidence is written by ingestion; the admin shows it, with its sentence."""

    list_display = ("fact", "value", "sentence", "article_link", "session")
    list_select_related = ("article", "session__series")
    list_filter = ("fact",)
    search_fields = ("fact", "value", "article__title", "article__source_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Sentence")
    def sentence(self, evidence):
        return evidence.sentence

    @admin.display(description="Article")
    def article_link(self, evidence):
        return admin_link(evidence.article)


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    """Merges of series, sessions and officials; each can be undone while the kept rows
    are as the merge left them."""

    list_display = ("__str__", "kind", "merged_at", "merged_by", "undone_at")
    list_filter = ("kind", ("undone_at", admin.EmptyFieldListFilter))
    fields = ("kind", "keep_id", "removed_id", "removed_label", "merged_at", "merged_by")
    readonly_fields = fields
    actions = ("undo_selected",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Undo the selected merges", permissions=["delete"])
    def undo_selected(self, request, queryset):
        # The newest first: a later merge may rest on an earlier one.
        for record in queryset.order_by("-merged_at", "-pk"):
            try:
                undo_merge(record)
            except MergeError as error:
                self.message_user(request, f"{record}: not undone: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{record}: undone.", messages.SUCCESS)


@admin.register(ReviewItem)
class ReviewItemAdmin(admin.ModelAdmin):
    """The review queue's items; decisions are taken on the review page."""

    list_display = ("__str__", "kind", "status", "confidence", "session", "created_at")
    list_filter = ("status", "kind")
    list_select_related = ("session__series",)
    search_fields = ("fact", "value", "reason", "article__source_name")
    readonly_fields = [f.name for f in ReviewItem._meta.fields]

    def has_add_permission(self, request):
        return False
