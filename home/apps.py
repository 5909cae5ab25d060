from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home and shared pages")

    def ready(self):
        from home import security_log, signals  # noqa: F401
        from home.policy import signals as policy_signals  # noqa: F401
        from partners import access

        security_log.connect_signals()

        from . import checks, media  # noqa: F401

        media.install()
        from .models import PolicyFeedback, PolicyReviewReminder, PolicyVersion, RetainedRevision

        # Pages themselves are registered with Wagtail's models (partners.access).
        access.register(PolicyVersion, parent="page")
        access.not_shown(PolicyFeedback, because="read by editors in the Wagtail admin only")
        access.not_shown(PolicyReviewReminder, because="a record that a reminder went out")
        access.not_shown(RetainedRevision, because="keeps revisions from being purged")
        from . import chrome, pagecache

        chrome.connect()
        pagecache.connect()
