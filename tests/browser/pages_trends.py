"""The workshop trends (dialogue.trends) for the shared browser checks: three years of
dialogues of six partnerships, one principle's last year too few to show, opened by the member
made a workshop organiser (with a second factor enrolled, as staff must)."""

from .pages import MAIN_PAGES, MainPage, World, _reverse


def _trends(world: World) -> str:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from dialogue.factories import DialogueFactory, ReflectionFactory
    from dialogue.models import Principle, Side
    from partners.factories import OrganisationFactory, PartnershipFactory

    world.member.groups.add(Group.objects.get_or_create(name="Event organisers")[0])
    TOTP.activate(world.member, generate_totp_secret())
    now = timezone.now()
    for n in range(6):
        partnership = PartnershipFactory(organisations=[OrganisationFactory(region="africa")])
        partnership.save()
        for year in (2024, 2025, 2026):
            dialogue = DialogueFactory(partnership=partnership, year=year, state="submitted")
            for p, principle in enumerate(Principle.values):
                if year == 2026 and p == 3 and n > 2:
                    continue  # three partnerships only: too few to show
                for side in Side.values:
                    ReflectionFactory(
                        dialogue=dialogue,
                        side=side,
                        principle=principle,
                        rating=1 + (n + p + year) % 4,
                        submitted_at=now,
                    )
    return _reverse("trends:trends")


MAIN_PAGES.append(
    MainPage("workshop trends (organiser)", _trends, signed_in=True, screenshot="trends")
)
