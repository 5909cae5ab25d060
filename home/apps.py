from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and shared pages")

    def ready(self):
        from home.policy import signals  # noqa: F401

        from . import checks  # noqa: F401
        from .chrome import connect

        connect()
