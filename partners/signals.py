"""Profiles for every user, the one ``access_changed`` signal, and account deletion's one
trigger for a user row deleted outright."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal, receiver

from home import hooks as home_hooks

from .models import Membership, Profile

# Sent (sender = the user model, ``user=``) when a user's memberships, groups or activity
# changed: what they may see changed. Apps that keep something per visible thing (the bell's
# notifications) listen to this instead of watching memberships and groups themselves.
access_changed = Signal()


def _changed(user) -> None:
    from . import access

    access.forget(user)
    access_changed.send(sender=type(user), user=user)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every user has a profile, with a pseudonym until they choose a display name."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _remember_activity(sender, instance, raw=False, update_fields=None, **kwargs):
    if update_fields is not None and "is_active" not in update_fields:
        return  # a sign-in's last_login: no query
    if instance.pk and not raw:
        before = sender._default_manager.filter(pk=instance.pk).values_list("is_active", flat=True)
        instance._gpe_was_active = next(iter(before), instance.is_active)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _activity_changed(sender, instance, created, raw=False, **kwargs):
    was_active = instance.__dict__.pop("_gpe_was_active", instance.is_active)
    if not created and not raw and was_active != instance.is_active:
        _changed(instance)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def _membership_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _changed(instance.user)


def _groups_changed(sender, instance, action, pk_set, **kwargs):
    User = get_user_model()
    if action == "pre_clear" and isinstance(instance, Group):
        instance._gpe_cleared_users = list(instance.user_set.all())
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Group):
        users = (
            instance.__dict__.pop("_gpe_cleared_users", [])
            if action == "post_clear"
            else User.objects.filter(pk__in=pk_set or ())
        )
    else:
        users = [instance]
    for user in users:
        _changed(user)


m2m_changed.connect(
    _groups_changed, sender=get_user_model().groups.through, dispatch_uid="gpe_groups_changed"
)


@receiver(access_changed)
def _forget_lost_notifications(sender, user, **kwargs):
    from . import notifications

    notifications.forget_lost_access(user)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def user_row_deleted(sender, instance, **kwargs):
    """A user row deleted outright (the admin, a script) erases the same app data that
    deleting the account does: one plug point, ACCOUNT_DELETION, for both."""
    home_hooks.account_deletion(instance)
