"""The Partnership Policy, its annexes, and the records kept about them.

Every publication of a policy or annex page is recorded as a ``PolicyVersion`` (the public
version history); drafts are never recorded and never shown. Revisions of these pages are
held by ``RetainedRevision`` so that Wagtail's ``purge_revisions`` skips them.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, Revision
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home import converters  # noqa: F401 - registers <id:…> for the routes below
from home.policy import review
from home.policy.blocks import PolicyStreamBlock, number_sections
from home.policy.forms import FeedbackForm
from home.policy.render import render_body
from home.policy.translation import translation_notice
from partners import access

# The route methods import home.policy.views when called: the views import these models.


class PolicyDocumentPage(RoutablePageMixin, Page):
    """What the policy and its annexes share: the numbered body and the public history."""

    summary = models.TextField(
        _("summary"), blank=True, help_text=_("A few sentences shown above the text.")
    )
    version_label = models.CharField(
        _("version"),
        max_length=40,
        blank=True,
        help_text=_("For example 2.0. The same in every language."),
    )
    change_summary = models.TextField(
        _("summary of changes"),
        blank=True,
        help_text=_(
            "What changed in this version. Shown in the public version history when you publish."
        ),
    )
    body = StreamField(PolicyStreamBlock(), blank=True, verbose_name=_("text"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    override_translatable_fields = [SynchronizedField("version_label")]

    class Meta:
        abstract = True

    @cached_property
    def body_items(self):
        return number_sections(self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["body"] = render_body(self.body)
        context["translation_notice"] = translation_notice(self)
        return context

    def versions(self):
        return PolicyVersion.objects.for_page(self)

    def as_saved_in(self, revision: Revision):
        """This page as ``revision`` saved it, for reading only.

        Unlike ``with_content_json`` it checks no foreign keys and carries no comments: that
        costs several queries per revision, and a public version needs neither."""
        page = type(self).from_serializable_data(revision.content, check_fks=False)
        page.pk = page.id = self.pk
        page.path, page.depth, page.url_path = self.path, self.depth, self.url_path
        page.locale_id, page.translation_key = self.locale_id, self.translation_key
        return page

    @path("versions/", name="versions")
    def version_history_route(self, request):
        from home.policy import views

        return views.version_history(self, request)

    @path("versions/<id:number>/", name="version")
    def version_route(self, request, number):
        from home.policy import views

        return views.version_detail(self, request, number)

    @path("compare/", name="compare")
    def compare_route(self, request):
        from home.policy import views

        return views.compare_versions(self, request)


class PolicyPage(PolicyDocumentPage):
    """The Partnership Policy: adopted, revised after a year, then reviewed every three years."""

    adoption_date = models.DateField(_("adopted on"), null=True, blank=True)
    last_review_date = models.DateField(
        _("last review finished on"),
        null=True,
        blank=True,
        help_text=_("Set this when a review is finished; the next is due three years later."),
    )
    next_review_date = models.DateField(
        _("next review"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to follow the rule: one year after adoption, then every three years "
            "after the last review."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("version_label"),
                FieldPanel("change_summary"),
                FieldRowPanel(
                    [
                        FieldPanel("adoption_date"),
                        FieldPanel("last_review_date"),
                        FieldPanel("next_review_date"),
                    ]
                ),
            ],
            heading=_("Version and review"),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.AnnexPage"]

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    @property
    def review_due(self) -> datetime.date | None:
        return review.review_due_date(
            adopted=self.adoption_date,
            last_reviewed=self.last_review_date,
            set_by_editor=self.next_review_date,
        )

    def get_context(self, request, *args, **kwargs):
        from home.policy.views import may_send_feedback

        context = super().get_context(request, *args, **kwargs)
        context["annexes"] = list(
            access.visible(
                AnnexPage.objects.child_of(self).order_by("number", "path"),
                request.user,
                purpose=access.READ,
            )
        )
        context["untranslated_annexes"] = self.untranslated_annexes(request, context["annexes"])
        context["may_send_feedback"] = may_send_feedback(request)
        context.setdefault("feedback_form", FeedbackForm(page=self, user=request.user))
        return context

    def untranslated_annexes(self, request, annexes) -> list[dict]:
        """Annexes that the policy's other languages have and this one lacks, as
        ``{"number", "title", "available"}`` (each translation the reader may see), so that
        the list says "not yet available" instead of leaving them out."""
        from home import chrome
        from home.translations import available_translations

        parents = [page for page in chrome.translations(request, self) if page.pk != self.pk]
        if not parents:
            return []
        under_a_translation = models.Q()
        for parent in parents:
            under_a_translation |= models.Q(path__startswith=parent.path, depth=parent.depth + 1)
        others = access.visible(
            AnnexPage.objects.live()
            .filter(under_a_translation)
            .exclude(translation_key__in=[annex.translation_key for annex in annexes])
            .select_related("locale")
            .defer_streamfields(),
            request.user,
            purpose=access.READ,
        )
        grouped = {}
        for annex in others:
            grouped.setdefault(annex.translation_key, []).append(annex)
        rows = []
        for pages in grouped.values():
            available = available_translations(request, pages)
            rows.append(
                {"number": pages[0].number, "title": available[0].title, "available": available}
            )
        return sorted(rows, key=lambda row: row["number"])

    @path("feedback/", name="feedback")
    def feedback_route(self, request):
        from home.policy import views

        return views.feedback(self, request)


class AnnexPage(PolicyDocumentPage):
    number = models.PositiveSmallIntegerField(_("annex number"), default=1)

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("version_label"), FieldPanel("change_summary")],
            heading=_("Version"),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["home.PolicyPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("policy annex")
        verbose_name_plural = _("policy annexes")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        if parent is None:
            return
        siblings = AnnexPage.objects.child_of(parent).filter(number=self.number)
        if siblings.exclude(pk=self.pk).exists():
            raise ValidationError({"number": _("Another annex of this policy has this number.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["policy"] = PolicyPage.objects.parent_of(self).first()
        return context


# --- Records -----------------------------------------------------------------------------


class PolicyVersionQuerySet(models.QuerySet):
    def for_page(self, page):
        """The published versions of ``page``, newest first (no revision content loaded)."""
        return self.filter(page_id=page.pk).order_by("-number")

    def with_revision(self):
        """For rendering or comparing versions: the revision content comes in the same query."""
        return self.select_related("revision")


class PolicyVersion(models.Model):
    """One publication of a policy or annex page, as the public version history lists it."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="policy_versions",
        verbose_name=_("page"),
    )
    # PROTECT: Wagtail's purge_revisions skips revisions it cannot delete.
    revision = models.OneToOneField(
        Revision, on_delete=models.PROTECT, related_name="+", verbose_name=_("revision")
    )
    # The version's address (/versions/3/): unique per page, and the same for the same
    # version in every language (home.policy.services.version_number_and_date).
    number = models.PositiveIntegerField(_("number"))
    version_label = models.CharField(_("version"), max_length=40, blank=True)
    change_summary = models.TextField(_("summary of changes"), blank=True)
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    # The date shown for the version in every language: when its label was first published
    # in any language of the page (a translation published later keeps the source's date).
    adopted_on = models.DateField(_("adopted on"))

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("published policy version")
        verbose_name_plural = _("published policy versions")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="one_policy_version_number")
        ]

    def __str__(self):
        return self.version_label or f"{self.adopted_on:%Y-%m-%d}"


class RetainedRevision(models.Model):
    """Holds a revision of a policy or annex page so that it is never purged."""

    revision = models.OneToOneField(
        Revision, on_delete=models.PROTECT, primary_key=True, related_name="+"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("retained policy revision")
        verbose_name_plural = _("retained policy revisions")

    def __str__(self):
        return f"{self.page_id}: {self.revision_id}"


class PolicyReviewReminder(models.Model):
    """A review reminder that was sent, so that each due date is announced once."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("policy")
    )
    due_date = models.DateField(_("review due"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("policy review reminder")
        verbose_name_plural = _("policy review reminders")
        constraints = [
            models.UniqueConstraint(fields=["page", "due_date"], name="one_reminder_per_due_date")
        ]

    def __str__(self):
        return f"{self.page_id}: {self.due_date}"


def new_feedback_reference() -> str:
    # Unambiguous characters only: people read these out on the phone.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "PF-" + "".join(secrets.choice(alphabet) for _ in range(8))


class PolicyFeedback(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        HANDLED = "handled", _("handled")

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_feedback_reference, editable=False
    )
    page = models.ForeignKey(
        PolicyPage, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("policy")
    )
    section = models.CharField(_("section"), max_length=200, blank=True)
    message = models.TextField(_("message"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    email = models.EmailField(_("email for a reply"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )

    class Meta:
        verbose_name = _("policy feedback")
        verbose_name_plural = _("policy feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference
