"""Each partnership's working group holds exactly the people of its space: the members of its
partner organisations and its ``staff``. Kept in step whenever one of those changes, so the
access registry (``MembersOf``), restricted collections and page restrictions that name the
group all mean the same people. People added to the group by hand are removed at the next
change: the group is derived, not edited."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from partners.models import Membership, Partnership

from . import membership


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def _membership_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for partnership in Partnership.objects.filter(organisations=instance.organisation_id):
        membership.sync_working_group(partnership)


@receiver(post_save, sender=Partnership)
def _partnership_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        membership.sync_working_group(instance)


def _people_changed(sender, instance, action, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Partnership):
        membership.sync_working_group(instance)
    else:  # changed from the other end (an organisation's or a user's side)
        for partnership in Partnership.objects.filter(pk__in=kwargs.get("pk_set") or ()):
            membership.sync_working_group(partnership)


m2m_changed.connect(
    _people_changed, sender=Partnership.organisations.through, dispatch_uid="dialogue_orgs"
)
m2m_changed.connect(
    _people_changed, sender=Partnership.staff.through, dispatch_uid="dialogue_staff"
)
