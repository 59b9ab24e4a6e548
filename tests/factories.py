"""One factory per model; tests build exactly the rows they need."""

import datetime

import factory

from meetings import models


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Country
        django_get_or_create = ("alpha3",)

    alpha3 = factory.Sequence(lambda n: f"Q{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    alpha2 = factory.LazyAttribute(lambda o: o.alpha3[1:])
    name = factory.LazyAttribute(lambda o: f"Country {o.alpha3}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization
        django_get_or_create = ("short_name",)

    short_name = factory.Sequence(lambda n: f"ORG{n}")
    full_name = factory.LazyAttribute(lambda o: f"Organisation {o.short_name}")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Official

    name = factory.Sequence(lambda n: f"Official Number{n}")
    country = factory.SubFactory(CountryFactory)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Series
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Joint Working Group {n}")
    slug = factory.Sequence(lambda n: f"joint-working-group-{n}")
    kind = "joint-working-group"
    topic = "counter-terrorism"

    @factory.post_generation
    def parties(self, create, extracted, **kwargs):
        if create and extracted:
            self.parties.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Session

    series = factory.SubFactory(SeriesFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = factory.Sequence(
        lambda n: datetime.date(2000, 1, 1) + datetime.timedelta(days=90 * n)
    )
    city = "Geneva"
    status = models.Session.Status.HELD


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Delegation

    session = factory.SubFactory(SessionFactory)
    country = factory.SubFactory(CountryFactory)
    head = factory.SubFactory(OfficialFactory, country=factory.SelfAttribute("..country"))
    head_title = "Director General"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Article

    source_name = factory.Sequence(lambda n: f"article-{n}.txt")
    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(lambda n: f"Article body number {n}.")
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    outcome = models.Article.Outcome.MEETING


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Evidence

    article = factory.SubFactory(ArticleFactory)
    fact = "session.number"
    value = "1"
    start = 0
    end = 7
