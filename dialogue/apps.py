from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = _("Partnership spaces")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from partners import access

        from . import signals  # noqa: F401 - keeps each working group in step
        from .models import (
            Addendum,
            CapacityAssessment,
            Dialogue,
            JointAction,
            Milestone,
            PlanActivity,
            Reflection,
        )

        # A space is its working group's alone (members of the partner organisations and the
        # partnership's staff): no role reaches it, for any purpose.
        in_space = access.MembersOf("partnership__working_group")
        for model in (Dialogue, CapacityAssessment, PlanActivity, Milestone):
            access.register(model, audience=in_space)
        access.register(Addendum, parent="dialogue")
        access.register(JointAction, parent="dialogue")
        # "Both sides first": through the registry a reflection is seen only once both sides
        # submitted (the shared record). A side's own drafts are read by its own form only
        # (dialogue.views), which checks the reader's side.
        access.register(
            Reflection,
            parent="dialogue",
            state=access.State(
                {"dialogue__state__in": [s for s in Dialogue.State if s != Dialogue.State.OPEN]}
            ),
        )
