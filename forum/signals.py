"""Losing access stops everything at once: when a membership, a group membership or a
category's audience changes, notifications the person may no longer see are deleted (the bell
counts stored rows). Deleting an account erases the member's forum content."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from partners.models import Membership

from . import services
from .models import Category


@receiver(post_delete, sender=Membership)
def membership_removed(sender, instance, **kwargs):
    services.forget_lost_access(instance.user)


def _user_groups_changed(sender, instance, action, pk_set, **kwargs):
    User = get_user_model()
    if action == "pre_clear" and isinstance(instance, Group):
        instance._forum_cleared_users = list(instance.user_set.all())
        return
    if action not in ("post_remove", "post_clear"):
        return
    if isinstance(instance, Group):
        users = (
            instance.__dict__.pop("_forum_cleared_users", [])
            if action == "post_clear"
            else User.objects.filter(pk__in=pk_set or ())
        )
    else:
        users = [instance]
    for user in users:
        services.forget_lost_access(user)


m2m_changed.connect(
    _user_groups_changed,
    sender=get_user_model().groups.through,
    dispatch_uid="forum_user_groups_changed",
)


@receiver(post_save, sender=Category)
def category_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        services.forget_lost_access_in_category(instance)


@receiver(m2m_changed, sender=Category.groups.through)
def category_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_remove", "post_clear") and isinstance(instance, Category):
        services.forget_lost_access_in_category(instance)
