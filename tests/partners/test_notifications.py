"""partners.notifications: a site-level service with kinds that apps register. A new kind gets
the access rules, the bell, the list, the mail in the reader's language and the pruning when
access is lost, without code of its own."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail import hooks

from home import hooks as home_hooks
from partners import access, notifications
from partners.factories import MembershipFactory, PartnershipFactory
from partners.models import Audience, Notification
from partners.signals import access_changed

pytestmark = pytest.mark.django_db


def _partnership_kind():
    return [
        notifications.NotificationKind(
            name="tests.partnership_news",
            verb="News about",
            target="partners.Partnership",
            title=lambda partnership: partnership.name,
            url=lambda partnership: "/en/",
        )
    ]


@pytest.fixture
def partnership_kind():
    with hooks.register_temporarily(home_hooks.NOTIFICATION_KINDS, _partnership_kind):
        yield


@pytest.fixture
def group_partnership(working_group):
    partnership = PartnershipFactory(name="Andean alliance", audience=Audience.GROUPS)
    partnership.groups.add(working_group)
    return partnership


def test_notify_reaches_only_those_who_may_read_the_target(
    partnership_kind, group_partnership, member, group_member, site
):
    assert (
        notifications.notify(member, kind="tests.partnership_news", target=group_partnership)
        is None
    )
    notification = notifications.notify(
        group_member, kind="tests.partnership_news", target=group_partnership
    )

    assert list(Notification.objects.all()) == [notification]
    (message,) = mail.outbox
    assert message.to == [group_member.email]
    assert message.subject == "News about “Andean alliance”"


def test_notification_mail_is_in_the_readers_language(partnership_kind, group_member, site):
    group_member.profile.language = "es"
    group_member.profile.save()
    partnership = PartnershipFactory(name="Alianza andina", audience=Audience.PUBLIC)

    notifications.notify(group_member, kind="tests.partnership_news", target=partnership)

    (message,) = mail.outbox
    assert "Elija qué correos desea recibir" in message.body  # "Choose which emails you receive"
    assert "http://testserver/es/partners/account/" in message.body


def test_new_kinds_are_counted_by_the_bell_and_listed(
    partnership_kind, group_partnership, group_member, client_for, site
):
    notifications.notify(group_member, kind="tests.partnership_news", target=group_partnership)

    assert home_hooks.bell_count(group_member) == 1
    body = client_for(group_member).get("/en/partners/notifications/").content.decode()
    assert "News about “<bdi>Andean alliance</bdi>”" in body


def test_notifications_go_when_access_is_lost(
    partnership_kind, group_partnership, group_member, working_group, site
):
    notifications.notify(group_member, kind="tests.partnership_news", target=group_partnership)

    group_member.groups.remove(working_group)

    assert not Notification.objects.exists()
    assert home_hooks.bell_count(group_member) == 0


def test_a_notification_opens_only_for_its_recipient(
    partnership_kind, group_partnership, group_member, client_for, site
):
    notification = notifications.notify(
        group_member, kind="tests.partnership_news", target=group_partnership
    )
    other = MembershipFactory(user__groups=[Group.objects.get(name="Partnership working group")])

    assert (
        client_for(other.user).get(f"/en/partners/notifications/{notification.pk}/").status_code
        == 404
    )
    response = client_for(group_member).get(f"/en/partners/notifications/{notification.pk}/")
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_notification_list_needs_sign_in(client, site):
    response = client.get("/en/partners/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_access_changed_is_sent_for_memberships_groups_and_activity(member, working_group):
    seen = []

    def receiver(sender, user, **kwargs):
        seen.append(user.pk)

    access_changed.connect(receiver)
    try:
        member.groups.add(working_group)  # from the user's side
        working_group.user_set.remove(member)  # from the group's side
        member.memberships.all().delete()
        member.is_active = False
        member.save()
        member.save(update_fields=["last_login"])  # no change of access: no signal
    finally:
        access_changed.disconnect(receiver)

    assert seen == [member.pk] * 4


def test_access_changed_forgets_what_access_remembered(member):
    assert access.is_member(member)
    member.memberships.all().delete()  # the signal arrives with another copy of the user

    fresh = type(member).objects.get(pk=member.pk)
    assert not access.is_member(fresh)
