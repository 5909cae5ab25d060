"""The "Practice review" workflow's task: the Editors group approves practices, and
"Approve" is not offered while approving would publish identifying details to the public."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from practices import safety


def _latest(obj):
    latest = getattr(obj, "get_latest_revision_as_object", None)
    return latest() if latest else obj


class PracticeReviewTask(AbstractGroupApprovalTask):
    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not safety.may_publish(_latest(obj)):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            safety.check_may_publish(task_state.revision.as_object())
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve practices; a practice with identifying "
            "details cannot be approved for the public."
        )

    class Meta:
        verbose_name = _("practice review task")
        verbose_name_plural = _("practice review tasks")
