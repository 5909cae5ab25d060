"""Demo accounts and organisations. Passwords (and staff TOTP secrets) are printed once."""

import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from .models import Membership, Organisation, Region

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
    if staff or superuser or groups:
        # Staff must use a second factor; enrol one now so the demo can be clicked through.
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        line += f"  TOTP secret (add it to an authenticator app): {secret}"
    command.created(f"Demo account {display or ''}".rstrip() + ":")
    command.say(line)
    return user


def ensure_staff_groups():
    """The staff groups DESIGN.md names, with admin access for those who work in Wagtail."""
    admin_access = Permission.objects.get(codename="access_admin")
    for name in ("Moderators", "Editors", "Event organisers"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)


def load(command):
    ensure_staff_groups()
    organisation, _ = Organisation.objects.get_or_create(
        name="Centre for Rehabilitation and Rights",
        defaults={
            "short_name": "CRR",
            "country": "Kenya",
            "region": Region.AFRICA,
            "is_listed": True,
            "modality": Organisation.Modality.STRATEGIC,
            "phase": Organisation.Phase.IMPLEMENTING,
            "description": "Rehabilitation of survivors and legal aid in East Africa.",
        },
    )
    demo_user(command, "admin@gpe.example", display="(superuser)", superuser=True)
    demo_user(command, "editor@gpe.example", display="(editor)", groups=["Editors"])
    member = demo_user(command, "member@gpe.example", display="(partner member)")
    Membership.objects.get_or_create(user=member, organisation=organisation)
