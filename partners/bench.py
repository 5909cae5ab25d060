"""Benchmark data for partners (see bench/anchor_site/benchseed.py): the harness's users, each
with a verified address, a profile and a membership in one of the organisations, so that they
are partner members. Bench-only: nothing imports this."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from partners.models import Membership, Organisation, Profile, Region


def bench_seed(seed):
    shape = seed.shape
    User = get_user_model()
    password = make_password(shape.PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                username=name,
                email=email,
                password=password,
                is_active=True,
                date_joined=shape.BASE,
            )
            for name, email in shape.users()
        ]
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
    )
    Profile.objects.bulk_create([Profile(user=user, display_name=user.username) for user in users])
    regions = [region for region in Region.values if region != Region.GLOBAL]
    count = seed.scale.organisations
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Organisation {i:02d}", region=regions[i % len(regions)], is_listed=True
            )
            for i in range(count)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(user=user, organisation=organisations[i % count])
            for i, user in enumerate(users)
        ]
    )
    seed.users, seed.organisations = users, organisations
    return {"users": len(users), "organisations": len(organisations)}
