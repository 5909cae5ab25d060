"""A category whose audience narrows takes its notifications away at once from those who may
no longer see it. (People losing access themselves are partners' access_changed, handled by
partners.notifications.)"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from . import services
from .models import Category


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        services.forget_lost_access_in_category(instance)


@receiver(m2m_changed, sender=Category.groups.through)
def category_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_remove", "post_clear") and isinstance(instance, Category):
        services.forget_lost_access_in_category(instance)
