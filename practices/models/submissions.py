"""Members' submissions: who submitted a practice, and its review status. The submitter's
personal data (who they are, their note to the editors) stays here, never on the page, its
revisions or its workflow state."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from practices.storage import pending_storage

from .pages import PracticePage


class SubmissionQuerySet(models.QuerySet):
    def for_account(self, user):
        """A member's submissions, newest first, with the page's live flag (one query)."""
        return self.filter(submitter=user).select_related("page").order_by("-created_at", "-pk")


class PracticeSubmission(models.Model):
    class Status(models.TextChoices):
        IN_REVIEW = "in-review", _("In review")
        CHANGES_REQUESTED = "changes-requested", _("Changes requested")
        PUBLISHED = "published", _("Published")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public: anyone")
        MEMBERS = "members", _("Members: any signed-in partner member")
        GROUP = "group", _("The partnership's working group only")

    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="practice_submissions",
        verbose_name=_("submitter"),
    )
    page = models.OneToOneField(
        PracticePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
        verbose_name=_("practice"),
    )
    title = models.CharField(_("title"), max_length=255)
    partnership = models.ForeignKey(
        "partners.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("partnership"),
    )
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    language_code = models.CharField(_("language"), max_length=8)
    note_to_editors = models.TextField(_("note to the editors"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_REVIEW
    )
    # What the reviewer wrote when asking for changes (Wagtail's "Request changes" comment),
    # shown to the submitter beside the form to revise it.
    reviewer_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice submission")
        verbose_name_plural = _("practice submissions")

    def __str__(self):
        return self.title


class PendingUpload(models.Model):
    """A file a member attached to a submission form, kept while the form has errors so that
    nothing has to be chosen again. Private storage, no URL; cleared once submitted."""

    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(storage=pending_storage, upload_to="practices/pending/")
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class PracticeFollow(models.Model):
    """A member follows a theme or a region (by translation key: every language version)
    and is notified of new practices in it that they may see."""

    class Kind(models.TextChoices):
        THEME = "theme", _("Theme")
        REGION = "region", _("Region")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_follows"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    translation_key = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "translation_key"], name="unique_practice_follow"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.translation_key}"
