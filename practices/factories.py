"""Factories for tests (and the demo): taxonomies and practices. Practices are made under a
catalogue page and published through Wagtail's revisions, as editors would."""

import factory
import wagtail_factories
from wagtail.models import Locale, Page, Site

from partners.factories import UserFactory

from .models import (
    PracticeAttachment,
    PracticeIndexPage,
    PracticePage,
    PracticeRelatedLink,
    PracticeSubmission,
    Principle,
    Region,
    Theme,
)


def _default_locale():
    return Locale.get_default()


def default_catalogue() -> PracticeIndexPage:
    """The first catalogue page, made under the default site's root (else the tree's root)."""
    index = PracticeIndexPage.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    parent = site.root_page if site else Page.get_first_root_node()
    return PracticeIndexPageFactory(parent=parent)


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Value {n}")
    slug = factory.Sequence(lambda n: f"value-{n}")
    locale = factory.LazyFunction(_default_locale)


class ThemeFactory(TaxonomyFactory):
    class Meta:
        model = Theme


class PrincipleFactory(TaxonomyFactory):
    class Meta:
        model = Principle


class RegionFactory(TaxonomyFactory):
    class Meta:
        model = Region


class PracticeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeIndexPage

    title = "Practices"
    slug = "practices"


class PracticePageFactory(wagtail_factories.PageFactory):
    """A published practice without identifying details (so it may be public)."""

    class Meta:
        model = PracticePage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(default_catalogue)
    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "What was done and what it achieved."
    contains_identifying_details = False
    period_start = 2020
    period_end = 2022

    @factory.post_generation
    def themes(page, create, extracted, **kwargs):
        if create and extracted:
            page.themes.set(extracted)
            page.save()

    @factory.post_generation
    def principles(page, create, extracted, **kwargs):
        if create and extracted:
            page.principles.set(extracted)
            page.save()

    @factory.post_generation
    def regions(page, create, extracted, **kwargs):
        if create and extracted:
            page.regions.set(extracted)
            page.save()


class PracticeAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeAttachment

    page = factory.SubFactory(PracticePageFactory)
    document = factory.SubFactory(wagtail_factories.DocumentFactory)
    title = "Report"


class PracticeRelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeRelatedLink

    page = factory.SubFactory(PracticePageFactory)
    practice = factory.SubFactory(PracticePageFactory)


class PracticeSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeSubmission

    submitter = factory.SubFactory(UserFactory)
    page = factory.SubFactory(PracticePageFactory)
    title = factory.SelfAttribute("page.title")
    audience = PracticeSubmission.Audience.MEMBERS
    language_code = "en"
