from django.conf import settings
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from home import hooks as home_hooks

from .models import Profile


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every user has a profile, with a pseudonym until they choose a display name."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def user_row_deleted(sender, instance, **kwargs):
    """A user row deleted outright (the admin, a script) erases the same app data that
    deleting the account does: one plug point, ACCOUNT_DELETION, for both."""
    home_hooks.account_deletion(instance)
