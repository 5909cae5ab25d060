import datetime
from io import StringIO
from smtplib import SMTPException
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from home.mail import deliver_due_mail
from home.models import OutboxMessage, PolicyPage, PolicyReviewReminder
from home.policy.review import add_years, review_due_date
from home.policy.services import send_review_reminders
from partners.factories import UserFactory
from tests.home.conftest import publish_version

pytestmark = pytest.mark.django_db

ADOPTED = datetime.date(2024, 3, 15)  # the policy fixture's adoption date
FIRST_DUE = datetime.date(2025, 3, 15)


def test_review_is_due_a_year_after_adoption_then_three_years_after_each_review():
    assert review_due_date(adopted=ADOPTED, last_reviewed=None) == FIRST_DUE
    assert review_due_date(
        adopted=ADOPTED, last_reviewed=datetime.date(2025, 4, 2)
    ) == datetime.date(2028, 4, 2)
    assert review_due_date(adopted=None, last_reviewed=None) is None


def test_a_date_set_by_an_editor_overrides_the_rule():
    set_date = datetime.date(2026, 1, 31)
    assert review_due_date(adopted=ADOPTED, last_reviewed=None, set_by_editor=set_date) == set_date


def test_add_years_moves_29_february_to_28_february():
    assert add_years(datetime.date(2024, 2, 29), 1) == datetime.date(2025, 2, 28)
    assert add_years(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)


def test_the_policy_page_shows_the_computed_next_review(policy):
    assert policy.review_due == FIRST_DUE


@time_machine.travel(datetime.datetime(2025, 1, 10, 9, tzinfo=datetime.UTC), tick=False)
def test_no_reminder_before_the_window(policy, editor):
    # 64 days before the review: the default window is 60 days.
    assert send_review_reminders() == []
    assert mail.outbox == []


@time_machine.travel(datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_the_reminder_is_sent_to_the_editors_once(policy, editor):
    other_editor = UserFactory(username="editor2", groups=[editor.groups.get()])
    UserFactory(username="not-an-editor")

    sent = send_review_reminders()

    assert [(r.page_id, r.due_date, r.recipient_count) for r in sent] == [(policy.pk, FIRST_DUE, 2)]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [editor.email, other_editor.email]
    )
    assert mail.outbox[0].subject == "[GPE] “Partnership Policy” is due for review on 15 March 2025"
    assert f"/admin/pages/{policy.pk}/edit/" in mail.outbox[0].body

    assert send_review_reminders() == []
    assert len(mail.outbox) == 2
    assert PolicyReviewReminder.objects.count() == 1


@time_machine.travel(datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_the_window_is_a_setting(policy, editor, settings):
    settings.GPE_POLICY_REVIEW_REMINDER_DAYS = 30
    assert send_review_reminders() == []


@time_machine.travel(datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_a_translation_does_not_send_a_second_reminder(policy, translated_home, locales, editor):
    french = policy.copy_for_translation(locales["fr"])
    french.save_revision().publish()
    assert len(send_review_reminders()) == 1
    assert len(mail.outbox) == 1


@time_machine.travel(datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_a_mail_failure_keeps_the_reminder_in_the_outbox(policy, editor):
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=SMTPException
    ):
        assert len(send_review_reminders()) == 1
    assert mail.outbox == []
    assert OutboxMessage.objects.pending().get().to == editor.email
    assert send_review_reminders() == []  # recorded once

    with time_machine.travel(datetime.datetime(2025, 1, 20, 10, tzinfo=datetime.UTC)):
        assert deliver_due_mail.call() == 1
    assert "review" in mail.outbox[0].subject.lower()


def test_a_finished_review_moves_the_next_reminder_three_years_on(policy, editor):
    with time_machine.travel(datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC), tick=False):
        assert len(send_review_reminders()) == 1
    publish_version(policy, version_label="2.0", last_review_date=datetime.date(2025, 3, 20))
    with time_machine.travel(datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC), tick=False):
        assert send_review_reminders() == []
    with time_machine.travel(datetime.datetime(2028, 2, 1, tzinfo=datetime.UTC), tick=False):
        sent = send_review_reminders()
    assert [r.due_date for r in sent] == [datetime.date(2028, 3, 20)]
    assert len(mail.outbox) == 2


@time_machine.travel(datetime.datetime(2025, 4, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_an_overdue_review_is_reminded_and_says_so(policy, editor):
    assert len(send_review_reminders()) == 1
    assert mail.outbox[0].subject == "[GPE] The review of “Partnership Policy” is overdue"


@time_machine.travel(datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_the_command_sends_and_reports(policy, editor):
    out = StringIO()
    call_command("send_policy_review_reminders", stdout=out)
    assert "Reminded 1 editor(s)" in out.getvalue() and "2025-03-15" in out.getvalue()
    out = StringIO()
    call_command("send_policy_review_reminders", stdout=out)
    assert out.getvalue().strip() == "No reminder to send."


@time_machine.travel(datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_the_dashboard_flags_a_policy_due_for_review(policy, editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "Policy review" in html
    assert f"/admin/pages/{policy.pk}/edit/" in html and "Review coming up" in html


@time_machine.travel(datetime.datetime(2024, 6, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_the_dashboard_is_quiet_when_no_review_is_near(policy, editor_client):
    assert "Policy review" not in editor_client.get("/admin/").content.decode()


@time_machine.travel(datetime.datetime(2025, 1, 20, 9, tzinfo=datetime.UTC), tick=False)
def test_a_title_with_a_line_break_still_gets_its_reminder(policy, editor):
    """Page titles are one line (home.signals): the reminder's subject cannot be refused."""
    draft = policy.get_latest_revision_as_object()
    draft.title = "Partnership\r\nPolicy"
    draft.save_revision().publish()
    assert PolicyPage.objects.get(pk=policy.pk).title == "Partnership Policy"

    assert len(send_review_reminders()) == 1
    assert mail.outbox[0].subject == (
        "[GPE] “Partnership Policy” is due for review on 15 March 2025"
    )
