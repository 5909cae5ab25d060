from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from partners import access

        from . import signals  # noqa: F401
        from .models import (
            PendingUpload,
            PracticeAttachment,
            PracticeFollow,
            PracticeRelatedLink,
            PracticeSubmission,
        )

        # Practice pages follow Wagtail's view restrictions (Page's rule). Their attachments
        # and related-practice links are seen where the page is (and the linked page too).
        access.register(PracticeAttachment, parent="page")
        access.register(PracticeRelatedLink, parent=("page", "practice"))
        # Only the submitter sees their submission (its status on their account page); the
        # page itself is seen where Wagtail's restrictions say, once live.
        access.register(PracticeSubmission, owner="submitter")
        access.not_shown(PendingUpload, because="a file waiting on its owner's form")
        access.not_shown(PracticeFollow, because="what a member follows, listed to them only")
