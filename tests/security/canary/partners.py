"""Partners: a listed organisation (public), an unlisted one a member shows on their profile
(members), an unlisted one nobody shows (private), a member whose email, real name and
organisation are hidden, a partnership known only to its working group, an invitation and a
request for access (staff in the admin)."""

from __future__ import annotations

from partners import services
from partners.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipTextFactory,
    UserFactory,
)
from partners.models import Audience, Notification, Organisation, OrganisationDescription

from .world import World


def _organisation(world: World, level: str, name: str, **kwargs) -> Organisation:
    organisation = OrganisationFactory(
        name=world.marker(level, f"partners.Organisation.name ({name})"),
        short_name=world.marker(level, f"partners.Organisation.short_name ({name})")[:40],
        description=world.marker(level, f"partners.Organisation.description ({name})"),
        website=f"https://{world.marker(level, f'partners.Organisation.website ({name})')}.example",
        **kwargs,
    )
    for language in ("fr", "es", "ar"):
        OrganisationDescription.objects.create(
            organisation=organisation,
            language_code=language,
            description=world.marker(
                level, f"partners.OrganisationDescription.description ({name}, {language})"
            ),
        )
    return organisation


def _person(world: World, name: str, organisation, *, show_organisation: bool):
    """A member whose profile others see: display name, languages and bio for members; the
    email for staff; the real name for nobody."""
    user = UserFactory(
        username=f"canary-{name}",
        email=f"{world.marker('staff', f'auth.User.email ({name})')}@example.org",
    )
    MembershipFactory(user=user, organisation=organisation)
    profile = user.profile
    profile.display_name = world.marker("members", f"partners.Profile.display_name ({name})")
    profile.languages = world.marker("members", f"partners.Profile.languages ({name})")
    profile.bio = world.marker("members", f"partners.Profile.bio ({name})")
    profile.real_name = world.marker("private", f"partners.Profile.real_name ({name})")
    profile.show_real_name = False
    profile.show_organisation = show_organisation
    profile.allow_contact = True
    profile.save()
    return user


def plant(world: World) -> None:
    world.keep("listed_organisation", _organisation(world, "public", "listed", is_listed=True))
    shown = world.keep("shown_organisation", _organisation(world, "members", "shown on a profile"))
    hidden = world.keep("hidden_organisation", _organisation(world, "private", "unlisted"))
    world.keep("shown_person", _person(world, "shown", shown, show_organisation=True))
    world.keep("hidden_person", _person(world, "hidden", hidden, show_organisation=False))

    partnership = PartnershipFactory(
        name=world.marker("group", "partners.Partnership.name"),
        slug=world.marker("group_name", "partners.Partnership.slug"),
        shared_goals=world.marker("group", "partners.Partnership.shared_goals"),
        exit_criteria=world.marker("group", "partners.Partnership.exit_criteria"),
        results_summary=world.marker("group", "partners.Partnership.results_summary"),
        audience=Audience.GROUPS,
        organisations=[hidden],
    )
    partnership.groups.add(world.objects["working_group"])
    world.keep("partnership", partnership)
    PartnershipTextFactory(
        partnership=partnership,
        language_code="fr",
        name=world.marker("group", "partners.PartnershipText.name"),
        shared_goals=world.marker("group", "partners.PartnershipText.shared_goals"),
        exit_criteria=world.marker("group", "partners.PartnershipText.exit_criteria"),
        results_summary=world.marker("group", "partners.PartnershipText.results_summary"),
    )

    world.keep(
        "invitation",
        services.invite(
            email=f"{world.marker('private', 'partners.Invitation.email')}@example.org",
            organisation=hidden,
        ),
    )
    services.request_access(
        name=world.marker("private", "partners.AccessRequest.name"),
        email=f"{world.marker('private', 'partners.AccessRequest.email')}@example.org",
        organisation_name=world.marker("private", "partners.AccessRequest.organisation_name"),
        country=world.marker("private", "partners.AccessRequest.country"),
        message=world.marker("private", "partners.AccessRequest.message"),
        language="en",
    )


def change(world: World) -> None:
    pass


def url_values(world: World) -> dict[str, list]:
    people = [world.objects["shown_person"], world.objects["hidden_person"]]
    people += [user for user in world.users.values() if user is not None]
    organisations = [
        world.objects[name]
        for name in ("listed_organisation", "shown_organisation", "hidden_organisation")
    ]
    membership = world.objects["hidden_person"].memberships.get()
    invitation = world.objects["invitation"]
    return {
        "partners:organisation_manage": [{"pk": o.pk} for o in organisations],
        "partners:member_remove": [
            {"pk": membership.organisation_id, "membership_pk": membership.pk}
        ],
        "partners:invitation_revoke": [
            {"pk": invitation.organisation_id, "invitation_pk": invitation.pk}
        ],
        "partners:invitation_resend": [
            {"pk": invitation.organisation_id, "invitation_pk": invitation.pk}
        ],
        # The key is a secret only the invited person has: a wrong one is all others can try.
        "partners:invitation": [{"key": "not-the-key"}],
        "partners:profile": [{"user_id": user.pk} for user in people],
        "partners:contact": [{"user_id": user.pk} for user in people],
        # allauth's and Wagtail's links that carry a secret, or a password restriction.
        "account_confirm_email": [{"key": "not-a-key"}],
        "account_reset_password_from_key": [{"uidb36": "2", "key": "not-a-key"}],
        "mfa_remove_webauthn": [{"pk": 1}],
        "mfa_edit_webauthn": [{"pk": 1}],
        "wagtailcore_authenticate_with_password": "a page password restriction: none planted",
        "wagtaildocs_authenticate_with_password": "a document password restriction: none",
        "partners:notification": [
            {"pk": pk} for pk in Notification.objects.values_list("pk", flat=True)
        ],
    }


def extra_requests(world: World) -> list[tuple[str, str, dict]]:
    """The directory's search, and the member's data export (POST only)."""
    return [
        ("get", "/en/partners/members/", {"q": "canary"}),
        ("post", "/en/partners/account/export/", {}),
    ]
