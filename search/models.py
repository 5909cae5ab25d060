from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueryStat(models.Model):
    """How often a normalised query was searched, and how often it found nothing. Counts
    only: no user, no address, no time of day."""

    query = models.CharField(_("query"), max_length=200, unique=True)
    searches = models.PositiveIntegerField(_("searches"), default=0)
    without_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")

    def __str__(self):
        return self.query


class IndexRetry(models.Model):
    """An index update the search backend refused, kept until a retry succeeds. One row per
    object: a later failure for the same object replaces the action (the latest state wins)."""

    class Action(models.TextChoices):
        UPDATE = "update", _("update")
        REMOVE = "remove", _("remove")

    app_label = models.CharField(max_length=100)
    model_name = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("search index retry")
        verbose_name_plural = _("search index retries")
        constraints = [
            models.UniqueConstraint(
                fields=["app_label", "model_name", "object_id"], name="search_retry_one_per_object"
            )
        ]
        indexes = [models.Index(fields=["next_attempt_at"])]

    def __str__(self):
        return f"{self.action} {self.app_label}.{self.model_name} {self.object_id}"
