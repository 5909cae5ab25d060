"""Follow-up: reminders before due dates (notification and email in the owner's language,
once), the member's data export and account deletion."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dialogue import services
from dialogue.factories import JointActionFactory, PlanActivityFactory, ReflectionFactory
from dialogue.models import Dialogue, JointAction, PlanActivity, Reflection
from home import hooks as home_hooks
from partners.models import Notification, Profile

TODAY = timezone.localdate()


@pytest.fixture
def due(dialogue, partner, programme_staff):
    Dialogue.objects.filter(pk=dialogue.pk).update(state=Dialogue.State.LOCKED)
    soon = TODAY + timedelta(days=services.REMINDER_DAYS - 1)
    return {
        "action": JointActionFactory(dialogue=dialogue, owner=partner, due_date=soon),
        "later": JointActionFactory(
            dialogue=dialogue, owner=partner, due_date=TODAY + timedelta(days=30)
        ),
        "done": JointActionFactory(
            dialogue=dialogue, owner=partner, due_date=soon, done_at=timezone.now()
        ),
        "activity": PlanActivityFactory(
            partnership=dialogue.partnership, owner=programme_staff, due_date=soon
        ),
        "dropped": PlanActivityFactory(
            partnership=dialogue.partnership,
            owner=programme_staff,
            due_date=soon,
            progress=PlanActivity.Progress.DROPPED,
        ),
    }


def test_reminders_go_once_to_the_owners_in_their_language(due, partner, programme_staff):
    Profile.objects.filter(user=partner).update(language="fr")
    mail.outbox.clear()
    assert services.send_reminders() == 2
    assert services.send_reminders() == 0
    assert Notification.objects.filter(recipient=partner, kind="dialogue.action_due").count() == 1
    assert (
        Notification.objects.filter(recipient=programme_staff, kind="dialogue.activity_due").count()
        == 1
    )
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    french = by_recipient[partner.email]
    # Never names the partnership or quotes the space: a date and a link.
    assert due["action"].description not in french.body
    assert due["action"].dialogue.partnership.name not in french.body
    assert "/fr/partnerships/coast/" in french.body
    assert JointAction.objects.filter(reminded_at__isnull=False).count() == 1


def test_no_reminder_for_an_owner_who_left_the_space(due, partner):
    partner.memberships.all().delete()
    services.send_reminders()
    assert not Notification.objects.filter(recipient=partner).exists()


def test_no_reminder_before_the_record_is_locked(due, dialogue, partner):
    Dialogue.objects.filter(pk=dialogue.pk).update(state=Dialogue.State.JOINT)
    services.send_reminders()
    assert not Notification.objects.filter(recipient=partner).exists()


def test_export_holds_the_members_own_answers(dialogue, partner, programme_staff):
    ReflectionFactory(dialogue=dialogue, author=partner, went_well="Mine")
    ReflectionFactory(
        dialogue=dialogue, author=programme_staff, side="organisation", went_well="Theirs"
    )
    data = home_hooks.data_export(partner)["dialogue"]
    assert [r["went_well"] for r in data["reflections"]] == ["Mine"]


def test_deletion_removes_drafts_and_unlinks_the_record(dialogue, partner):
    ReflectionFactory(dialogue=dialogue, author=partner, went_well="Draft")
    ReflectionFactory(
        dialogue=dialogue,
        author=partner,
        principle="participation-empowerment",
        went_well="Submitted",
        submitted_at=timezone.now(),
    )
    action = JointActionFactory(dialogue=dialogue, owner=partner, due_date=TODAY)
    home_hooks.account_deletion(partner)
    assert list(Reflection.objects.values_list("went_well", "author")) == [("Submitted", None)]
    action.refresh_from_db()
    assert action.owner is None
