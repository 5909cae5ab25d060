from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import PracticeIndexPage


@receiver(post_save, sender=PracticeIndexPage)
def review_practices_under_new_catalogues(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .services import ensure_practice_review

        ensure_practice_review(instance)


def _published(sender, instance, revision=None, **kwargs):
    from django.db import transaction

    from .models import PracticeSubmission
    from .services import notify_followers, record_review

    record_review(instance, status=PracticeSubmission.Status.PUBLISHED)
    first_time = instance.first_published_at == instance.last_published_at
    if first_time:
        transaction.on_commit(lambda: notify_followers(instance))


def _rejected(sender, instance, **kwargs):
    """A reviewer chose "Request changes" (the workflow state is rejected)."""
    from .models import PracticePage, PracticeSubmission
    from .services import record_review

    page = instance.content_object
    if isinstance(page, PracticePage) or getattr(page, "specific_class", None) is PracticePage:
        task_state = instance.current_task_state
        record_review(
            page,
            status=PracticeSubmission.Status.CHANGES_REQUESTED,
            comment=task_state.get_comment() if task_state is not None else "",
        )


def connect():
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, workflow_rejected

    from home import chrome
    from partners.models import Partnership

    from .models import PracticePage

    page_published.connect(_published, sender=PracticePage, dispatch_uid="practices_published")
    workflow_rejected.connect(_rejected, dispatch_uid="practices_rejected")
    # The catalogue keeps every practice's facet values with the chrome (catalogue.py), and
    # a partnership's modality and phase are two of them.
    for signal in (post_save, post_delete):
        signal.connect(
            chrome.new_generation, sender=Partnership, dispatch_uid=f"practices_{signal}"
        )


connect()
