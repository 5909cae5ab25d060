from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from partners import access

        from .models import AnswerSummary, EventSession, OrganiserAction, Proposal, Registration

        # The pages follow Wagtail's view restrictions (Page's rule); the agenda follows its
        # page; a registration is its registrant's alone (organisers read them through their
        # own views, which check the organisers' group).
        access.register(EventSession, parent="page")
        access.register(Registration, owner="user", parent="event")
        # A proposal is its proposer's (reviewers read them through the organisers' views,
        # which leave the proposer out when the review is anonymised).
        access.register(Proposal, owner="proposer", parent="event")
        access.not_shown(OrganiserAction, because="the organisers' audit log, organisers only")
        access.not_shown(AnswerSummary, because="counts kept after answers are deleted")
