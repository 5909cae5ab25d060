"""Audiences: who may see a non-page model. Filtered by ``partners.access`` only."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public: anyone")
    MEMBERS = "members", _("Members: any signed-in partner member")
    GROUPS = "groups", _("Groups: only members of the chosen groups")


class AudienceMixin(models.Model):
    """Who may see a non-page model. Filter with partners.access, never by hand."""

    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.MEMBERS
    )
    groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="+",
        verbose_name=_("groups"),
        help_text=_("With the 'groups' audience, only members of these groups see it."),
    )

    class Meta:
        abstract = True
