"""Keep the policy's records in step with Wagtail: versions on publish, revisions retained,
new policy pages under the Editors' workflow."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Revision
from wagtail.signals import page_published

from home.models import AnnexPage, PolicyPage
from home.policy import services


@receiver(page_published, sender=PolicyPage)
@receiver(page_published, sender=AnnexPage)
def record_version(sender, instance, revision, **kwargs):
    services.record_published_version(instance, revision)


@receiver(post_save, sender=Revision)
def retain_policy_revision(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        policy_types = ContentType.objects.get_for_models(PolicyPage, AnnexPage).values()
        if instance.content_type_id in {content_type.pk for content_type in policy_types}:
            services.retain_revision(instance)


@receiver(post_save, sender=PolicyPage)
def put_policy_under_moderation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.ensure_policy_moderation(instance)
