from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from . import access, checks, signals  # noqa: F401
        from .models import Partnership, PartnershipText

        access.register_wagtail_models()
        access.register(Partnership, audience=access.OWN_AUDIENCE)
        access.register(PartnershipText, parent="partnership")
