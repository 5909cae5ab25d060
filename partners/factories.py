import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .models import (
    Membership,
    Notification,
    Organisation,
    Partnership,
    PartnershipText,
    Region,
)

DEFAULT_PASSWORD = "correct-horse-battery-9"  # noqa: S105 - test and demo data only


class UserFactory(factory.django.DjangoModelFactory):
    """A user whose email address is verified, as allauth would leave it after sign-up."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.update_or_create(
                user=user,
                email=user.email,
                defaults={"verified": True if extracted is None else extracted, "primary": True},
            )

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*extracted)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Working group {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    short_name = factory.Sequence(lambda n: f"PO{n}")
    country = "KE"
    region = Region.AFRICA
    kind = Organisation.Kind.CSO


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    modality = Partnership.Modality.STRATEGIC
    phase = Partnership.Phase.IMPLEMENTING

    @factory.post_generation
    def organisations(partnership, create, extracted, **kwargs):
        if create:
            partnership.organisations.set(extracted or [OrganisationFactory()])


class PartnershipTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipText

    partnership = factory.SubFactory(PartnershipFactory)
    language_code = "fr"
    name = factory.Sequence(lambda n: f"Partenariat {n}")


class NotificationFactory(factory.django.DjangoModelFactory):
    """Give ``target=`` (a row of a registered kind's target model) and ``kind=``."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "forum.new_post"
