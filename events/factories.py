from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page

from partners.factories import UserFactory

from .models import EventIndexPage, EventPage, EventSession, Proposal, Registration


def _default_parent():
    """The site's home page when there is one (tests have it), else the tree's root."""
    from home.models import HomePage

    return HomePage.objects.order_by("path").first() or Page.get_first_root_node()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = factory.Sequence(lambda n: f"events-{n}")
    intro = "Workshops and webinars of the exchange."
    parent = factory.LazyFunction(_default_parent)


def _index_parent():
    return EventIndexPage.objects.order_by("path").first() or EventIndexPageFactory()


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Exchange webinar {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "Partners compare notes on documenting torture."
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    time_zone = "Europe/Zurich"
    format = "online"
    joining_details = "https://meet.example.org/gpe-secret-room passcode 4242"
    registration_opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    capacity = 10
    parent = factory.LazyFunction(_index_parent)


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSession

    page = factory.SubFactory(EventPageFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    start = factory.LazyAttribute(lambda o: o.page.start)
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=1))
    kind = "plenary"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    time_zone = "Europe/Zurich"
    waitlist_position = factory.LazyAttributeSequence(
        lambda o, n: n + 1 if o.status == Registration.Status.WAITLISTED else None
    )


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    event = factory.SubFactory(EventPageFactory)
    proposer = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Proposed session {n}")
    abstract = "What partners learned when funding for rehabilitation ended."
    kind = "workshop"
    language = "French"
