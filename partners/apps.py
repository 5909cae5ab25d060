from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from home.models.mail import OutboxMessage

        from . import access, checks, notifications, sessions, signals  # noqa: F401
        from .models import Notification, Partnership, PartnershipText

        access.register_wagtail_models()
        access.register(
            Notification,
            owner="recipient",
            parent=access.GenericTarget(
                "target_type", "target_id", "target", models=notifications.target_models
            ),
        )
        access.not_shown(OutboxMessage, because="mail waiting to be sent; never shown")
        access.register(Partnership, audience=access.OWN_AUDIENCE)
        access.register(PartnershipText, parent="partnership")
