"""The shapes of the API's JSON, for the OpenAPI document: each describes exactly the
plain rows of `meetings.api.rows` (a test checks every answer against them)."""

from rest_framework import serializers

from meetings.models import KINDS, TOPICS, Article, DatePrecision, Session

S = serializers


class LinkedSerializer(S.Serializer):
    url = S.URLField(help_text="This object in the API.")
    page = S.URLField(help_text="This object's page on the site.")


class CountryRefSerializer(LinkedSerializer):
    code = S.CharField(help_text="ISO 3166 alpha-3 code.")
    name = S.CharField()


class SeriesRefSerializer(LinkedSerializer):
    slug = S.SlugField()
    name = S.CharField()


class OfficialRefSerializer(LinkedSerializer):
    id = S.IntegerField()
    name = S.CharField()


class PartySerializer(S.Serializer):
    type = S.ChoiceField(choices=["country", "organization"])
    code = S.CharField(help_text="Alpha-3 code of a state, or an organisation's short name.")
    name = S.CharField()


class DelegationSerializer(S.Serializer):
    party = PartySerializer()
    head = OfficialRefSerializer(allow_null=True)
    head_title = S.CharField(
        allow_blank=True, help_text="The head's title as reported at the time."
    )


class SourceSerializer(LinkedSerializer):
    id = S.IntegerField()
    title = S.CharField(allow_blank=True)
    outlet = S.CharField(allow_blank=True)
    published = S.DateField(allow_null=True)
    source_name = S.CharField(help_text="The file or entry the article came from.")
    original_url = S.URLField(allow_null=True, help_text="The article where it was published.")


class FactSerializer(S.Serializer):
    fact = S.CharField(help_text='What the sentence supports, e.g. "session.number".')
    value = S.CharField(allow_blank=True)
    party = S.CharField(allow_null=True, help_text="The delegation the fact is about, if any.")


class EvidenceSerializer(S.Serializer):
    article = S.IntegerField(help_text="The article's id (see /api/v1/articles/{id}/).")
    start = S.IntegerField(help_text="Character offset of the sentence in the article text.")
    end = S.IntegerField()
    sentence = S.CharField(help_text="The sentence of the article the facts come from.")
    facts = FactSerializer(many=True, help_text="Each fact the sentence gives.")


class ConflictSerializer(S.Serializer):
    field = S.CharField()
    values = S.DictField(
        child=S.ListField(child=S.CharField()),
        help_text="Each value the sources gave, with the sources that gave it.",
    )


class VenueSerializer(S.Serializer):
    city = S.CharField(allow_null=True)
    country = CountryRefSerializer(allow_null=True)
    virtual = S.BooleanField()
    label = S.CharField(allow_null=True)


class SessionSerializer(LinkedSerializer):
    id = S.IntegerField()
    series = SeriesRefSerializer()
    number = S.IntegerField(allow_null=True)
    status = S.ChoiceField(choices=Session.Status.choices)
    start = S.CharField(
        allow_null=True,
        help_text='Partial ISO date, as precise as the sources: "2019-11-12", "2019-11" or "2019".',
    )
    start_precision = S.ChoiceField(choices=DatePrecision.choices)
    end = S.DateField(allow_null=True)
    venue = VenueSerializer()
    delegations = DelegationSerializer(many=True)
    sources = SourceSerializer(many=True)
    evidence = EvidenceSerializer(many=True)
    conflicts = ConflictSerializer(many=True)
    updated_at = S.DateTimeField()


class SessionRefSerializer(LinkedSerializer):
    id = S.IntegerField()
    number = S.IntegerField(allow_null=True)
    status = S.ChoiceField(choices=Session.Status.choices)
    start = S.CharField(allow_null=True, help_text="Partial ISO date.")
    venue = S.CharField(allow_null=True)


class OrganizationSerializer(S.Serializer):
    short_name = S.CharField()
    full_name = S.CharField(allow_blank=True)


class CadenceSerializer(S.Serializer):
    median_days = S.IntegerField(allow_null=True, help_text="Median days between sessions.")
    median_months = S.FloatField(allow_null=True)
    expected = S.DateField(allow_null=True, help_text="Latest session plus the median interval.")
    overdue = S.BooleanField(help_text="No session planned and well past the usual interval.")


class SeriesSerializer(LinkedSerializer):
    slug = S.SlugField()
    name = S.CharField()
    other_names = S.ListField(child=S.CharField())
    kind = S.ChoiceField(choices=KINDS)
    topic = S.ChoiceField(choices=TOPICS, allow_null=True)
    parties = CountryRefSerializer(many=True)
    organizations = OrganizationSerializer(many=True)
    held_sessions = S.IntegerField()
    latest_session = SessionRefSerializer(allow_null=True)
    next_session = SessionRefSerializer(allow_null=True)
    cadence = CadenceSerializer()
    sessions_url = S.URLField(help_text="Its sessions in full, in the sessions list.")


class SeriesDetailSerializer(SeriesSerializer):
    sessions = SessionRefSerializer(many=True)


class CountrySerializer(CountryRefSerializer):
    alpha2 = S.CharField()
    other_names = S.ListField(child=S.CharField())
    series_url = S.URLField(help_text="The series it takes part in.")
    sessions_url = S.URLField(help_text="The sessions of those series.")


class OfficialSerializer(OfficialRefSerializer):
    other_names = S.ListField(child=S.CharField())
    country = CountryRefSerializer(allow_null=True)
    organization = S.CharField(allow_null=True)


class OfficialDelegationSerializer(S.Serializer):
    session = SessionRefSerializer()
    series = SeriesRefSerializer()
    party = PartySerializer()
    role = S.ChoiceField(choices=["head", "member"])
    head_title = S.CharField(allow_blank=True)


class OfficialDetailSerializer(OfficialSerializer):
    delegations = OfficialDelegationSerializer(many=True)


class ArticleSerializer(LinkedSerializer):
    id = S.IntegerField()
    title = S.CharField(allow_blank=True)
    outlet = S.CharField(allow_blank=True)
    published = S.DateField(allow_null=True)
    source_name = S.CharField()
    original_url = S.URLField(allow_null=True)
    outcome = S.ChoiceField(choices=Article.Outcome.choices)
    reason = S.CharField(allow_blank=True)
    session = SessionRefSerializer(allow_null=True)
    text = S.CharField(allow_blank=True)
    evidence = EvidenceSerializer(many=True)
