"""Demo accounts and organisations. Passwords (and staff TOTP secrets) are printed once."""

import secrets
from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from .models import (
    AccessRequest,
    Audience,
    Invitation,
    Membership,
    Organisation,
    OrganisationDescription,
    Partnership,
    PartnershipText,
    Profile,
    Region,
)

User = get_user_model()


def demo_user(command, email, *, display=None, staff=False, superuser=False, groups=()):
    """Create ``email`` with a fresh random password, printed now and never again."""
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(
        username=email.split("@")[0],
        email=email,
        password=password,
        is_staff=staff or superuser,
        is_superuser=superuser,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    line = f"  {email}  password: {password}"
    if staff or superuser or any(name in settings.GPE_STAFF_GROUPS for name in groups):
        # Staff must use a second factor; enrol one now so the demo can be clicked through.
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        line += f"  TOTP secret (add it to an authenticator app): {secret}"
    command.created(f"Demo account {display or ''}".rstrip() + ":")
    command.say(line)
    # Also kept in the file the README names (demo-accounts.txt, gitignored): the output scrolls.
    if hasattr(command, "remember_account"):
        command.remember_account(f"{display or email}\n{line}")
    return user


def ensure_staff_groups():
    """The staff groups DESIGN.md names, with admin access for those who work in Wagtail."""
    admin_access = Permission.objects.get(codename="access_admin")
    for name in ("Moderators", "Editors", "Event organisers"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)


WORKING_GROUP = "Working group: detention monitoring"

# Fictional organisations in different regions, listed and unlisted.
ORGANISATIONS = [
    {
        "name": "Centre for Rehabilitation and Rights",
        "short_name": "CRR",
        "country": "KE",
        "region": Region.AFRICA,
        "kind": Organisation.Kind.CSO,
        "is_listed": True,
        "description": "Rehabilitation of survivors and legal aid in East Africa.",
        "translations": {
            "fr": "Réadaptation des victimes et aide juridique en Afrique de l'Est.",
            "es": "Rehabilitación de sobrevivientes y asistencia jurídica en África Oriental.",
            "ar": "إعادة تأهيل الناجين والمساعدة القانونية في شرق أفريقيا.",
        },
    },
    {
        "name": "Observatorio Andino de Lugares de Detención",
        "short_name": "OALD",
        "country": "PE",
        "region": Region.AMERICAS,
        "kind": Organisation.Kind.MONITORING,
        "is_listed": True,
        "description": "Independent monitoring of prisons and police cells in the Andes.",
        "translations": {
            "es": "Monitoreo independiente de cárceles y calabozos policiales en los Andes.",
        },
    },
    {
        "name": "Maison des droits et de la dignité",
        "short_name": "MDD",
        "country": "TN",
        "region": Region.MIDDLE_EAST_NORTH_AFRICA,
        "kind": Organisation.Kind.CSO,
        "is_listed": False,  # must stay invisible to the public
        "description": "Documentation of torture cases and support for families.",
        "translations": {
            "fr": "Documentation des cas de torture et soutien aux familles.",
            "ar": "توثيق حالات التعذيب ودعم الأسر.",
        },
    },
    {
        "name": "Mekong Forensic Network",
        "short_name": "MFN",
        "country": "KH",
        "region": Region.ASIA_PACIFIC,
        "kind": Organisation.Kind.NETWORK,
        "is_listed": True,
        "description": "Forensic documentation of torture according to the Istanbul Protocol.",
        "translations": {},
    },
    {
        "name": "Caucasus Prison Reform Institute",
        "short_name": "CPRI",
        "country": "GE",
        "region": Region.EUROPE_CENTRAL_ASIA,
        "kind": Organisation.Kind.RESEARCH,
        "is_listed": False,
        "description": "Research on prison conditions and legal reform.",
        "translations": {},
    },
]

# Partnerships: (slug, name, partner short names, modality, phase, audience, dates, texts)
PARTNERSHIPS = [
    {
        "slug": "east-africa-rehabilitation",
        "name": "East Africa rehabilitation and legal aid",
        "partners": ["CRR"],
        "modality": Partnership.Modality.STRATEGIC,
        "phase": Partnership.Phase.IMPLEMENTING,
        "countries": ["KE", "UG"],
        "audience": Audience.PUBLIC,
        "start_date": date(2021, 3, 1),
        "shared_goals": "Holistic rehabilitation for survivors and free legal aid in Kenya and "
        "Uganda, run by the partner with a growing share of local funding.",
        "exit_criteria": "Two local funders secured; the legal aid clinic runs without our "
        "staff; follow-up of survivors documented for two years.",
        "texts": {
            "fr": ("Réadaptation et aide juridique en Afrique de l'Est", ""),
            "ar": ("إعادة التأهيل والمساعدة القانونية في شرق أفريقيا", ""),
        },
    },
    {
        "slug": "andean-detention-monitoring",
        "name": "Andean detention monitoring alliance",
        "partners": ["OALD"],
        "modality": Partnership.Modality.ALLIANCE,
        "phase": Partnership.Phase.ESTABLISHING,
        "countries": ["PE", "BO", "EC"],
        "audience": Audience.PUBLIC,
        "start_date": date(2025, 9, 1),
        "shared_goals": "Joint monitoring visits to police cells and a shared method for "
        "reporting to national preventive mechanisms.",
        "exit_criteria": "",
        "texts": {"es": ("Alianza andina de monitoreo de lugares de detención", "")},
    },
    {
        "slug": "documentation-pilot-mdd",
        "name": "Documentation pilot with families",
        "partners": ["MDD"],
        "modality": Partnership.Modality.PILOT,
        "phase": Partnership.Phase.PREPARING,
        "countries": ["TN"],
        "audience": Audience.MEMBERS,  # the partner must stay unnamed to the public
        "start_date": None,
        "shared_goals": "Safe documentation of cases with families, and psychosocial support.",
        "exit_criteria": "",
        "texts": {"fr": ("Projet pilote de documentation avec les familles", "")},
    },
    {
        "slug": "mekong-forensics",
        "name": "Mekong forensic documentation",
        "partners": ["MFN"],
        "modality": Partnership.Modality.STRATEGIC,
        "phase": Partnership.Phase.PHASED_OUT,
        "countries": ["KH", "LA", "VN"],
        "audience": Audience.PUBLIC,
        "start_date": date(2016, 1, 1),
        "end_date": date(2023, 12, 31),
        "shared_goals": "Forensic documentation of torture to the Istanbul Protocol standard "
        "by a regional network of doctors.",
        "exit_criteria": "Network registered and funded; trainers certified in each country.",
        "results_summary": "42 doctors trained as trainers; medico-legal reports accepted by "
        "courts in two countries; the network continues on its own funding.",
        "texts": {},
    },
    {
        "slug": "caucasus-prison-reform",
        "name": "Caucasus prison reform pilot",
        "partners": ["CPRI"],
        "modality": Partnership.Modality.PILOT,
        "phase": Partnership.Phase.PHASING_OUT,
        "countries": ["GE"],
        "audience": Audience.MEMBERS,
        "start_date": date(2023, 5, 1),
        "shared_goals": "Research on prison conditions feeding a legal reform proposal.",
        "exit_criteria": "Reform proposal submitted to parliament.",
        "texts": {},
    },
]

# (email, label, organisation short name, role, profile, groups)
MEMBERS = [
    (
        "member@gpe.example",
        "(partner member, shows organisation)",
        "CRR",
        Membership.Role.MEMBER,
        {"display_name": "Kestrel", "languages": "English, Swahili", "show_organisation": True},
        [],
    ),
    (
        "orgadmin@gpe.example",
        "(organisation admin of CRR, shows everything)",
        "CRR",
        Membership.Role.ADMIN,
        {
            "display_name": "Baobab",
            "real_name": "Wanjiru Demo",
            "languages": "English, Swahili, French",
            "bio": "Coordinates the legal aid programme.",
            "show_real_name": True,
            "show_organisation": True,
            "allow_contact": True,
        },
        [],
    ),
    (
        "amal@gpe.example",
        "(member of an unlisted organisation, everything hidden)",
        "MDD",
        Membership.Role.MEMBER,
        {
            "display_name": "Jasmine",
            "real_name": "Amal Demo",
            "languages": "Arabic, French",
            "bio": "Documents cases with families.",
        },
        [],
    ),
    (
        "lucia@gpe.example",
        "(admin of OALD, in the detention-monitoring working group, open to contact)",
        "OALD",
        Membership.Role.ADMIN,
        {
            "display_name": "Condor",
            "real_name": "Lucía Demo",
            "languages": "Spanish, Quechua, English",
            "bio": "Leads visits to police stations.",
            "show_real_name": True,
            "allow_contact": True,
        },
        [WORKING_GROUP],
    ),
]


def load_organisations(command) -> dict[str, Organisation]:
    organisations = {}
    for data in ORGANISATIONS:
        data = dict(data)
        translations = data.pop("translations")
        organisation, created = Organisation.objects.get_or_create(
            name=data.pop("name"), defaults=data
        )
        for language_code, description in translations.items():
            OrganisationDescription.objects.get_or_create(
                organisation=organisation,
                language_code=language_code,
                defaults={"description": description},
            )
        if created:
            command.created(f"Organisation: {organisation.name}")
        organisations[organisation.short_name] = organisation
    return organisations


def load_partnerships(command, organisations) -> dict[str, Partnership]:
    partnerships = {}
    for data in PARTNERSHIPS:
        data = dict(data)
        partners = [organisations[short] for short in data.pop("partners")]
        texts = data.pop("texts")
        partnership, created = Partnership.objects.get_or_create(
            slug=data.pop("slug"), defaults=data
        )
        partnership.organisations.set(partners)
        partnership.save()  # a ParentalManyToManyField writes its links only on save
        for language_code, (name, goals) in texts.items():
            PartnershipText.objects.get_or_create(
                partnership=partnership,
                language_code=language_code,
                defaults={"name": name, "shared_goals": goals},
            )
        if created:
            command.created(f"Partnership: {partnership.name}")
        partnerships[partnership.slug] = partnership
    return partnerships


def load_pending_invitation(command, organisation):
    """One pending invitation; its link is printed when it is made (only a hash is kept)."""
    email = "invitee@gpe.example"
    if Invitation.objects.pending().filter(email=email).exists():
        return
    invitation = Invitation(email=email, organisation=organisation)
    key = invitation.new_key()
    invitation.save()
    command.created(f"Pending invitation for {email} to {organisation.name}:")
    command.say(f"  {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/en/partners/invitations/{key}/")


def load(command):
    ensure_staff_groups()
    Group.objects.get_or_create(name=WORKING_GROUP)
    organisations = load_organisations(command)
    load_partnerships(command, organisations)

    demo_user(command, "admin@gpe.example", display="(superuser)", superuser=True)
    demo_user(command, "editor@gpe.example", display="(editor)", groups=["Editors"])
    demo_user(command, "moderator@gpe.example", display="(moderator)", groups=["Moderators"])
    for email, label, short_name, role, profile, groups in MEMBERS:
        user = demo_user(command, email, display=label, groups=groups)
        Membership.objects.get_or_create(
            user=user, organisation=organisations[short_name], defaults={"role": role}
        )
        Profile.objects.filter(user=user).update(**profile)

    load_pending_invitation(command, organisations["OALD"])
    AccessRequest.objects.get_or_create(
        email="asking@gpe.example",
        defaults={
            "name": "Samir Demo",
            "organisation_name": "Association for Detainees' Rights",
            "country": "Jordan",
            "message": "We visit detention centres and would like to share our methods.",
            "language": "ar",
        },
    )
