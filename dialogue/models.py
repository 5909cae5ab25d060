"""Partnership spaces: the private working room of one partnership.

Who is in the space: the members of its partner organisations and the partnership's ``staff``
(the organisation's own people for it). Both are kept in the partnership's ``working_group``
(dialogue.membership keeps it in step), and every row here is visible only to that group
(partners.access ``MembersOf``): not to editors, moderators or superusers outside it.

The annual dialogue goes both ways: each side (the partner organisations' members; the
organisation's staff) answers a reflection per principle. A side sees only its own answers until
both sides submitted; then both see both, meet, and write the joint record (agreed actions with
owners and due dates). When both sides approve it, the year is locked: later changes are dated
addenda.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partners.models import Partnership


class Principle(models.TextChoices):
    """The four principles of the Partnership Policy."""

    MUTUALITY_RESPECT = "mutuality-respect", _("Mutuality and respect")
    EQUALITY_NON_DISCRIMINATION = (
        "equality-non-discrimination",
        _("Equality and non-discrimination"),
    )
    ACCOUNTABILITY_TRANSPARENCY = (
        "accountability-transparency",
        _("Accountability and transparency"),
    )
    PARTICIPATION_EMPOWERMENT = "participation-empowerment", _("Participation and empowerment")


class Side(models.TextChoices):
    """The two sides of a dialogue. ``partner``: members of the partnership's partner
    organisations; ``organisation``: the partnership's ``staff``. A person who is both answers
    for the organisation (dialogue.membership.side_of)."""

    PARTNER = "partner", _("Partner organisations")
    ORGANISATION = "organisation", _("The organisation")


class Rating(models.IntegerChoices):
    """How well a principle was lived this year: a simple four-step scale."""

    NOT_YET = 1, _("Not yet")
    PARTLY = 2, _("Partly")
    MOSTLY = 3, _("Mostly")
    FULLY = 4, _("Fully")


class Dialogue(models.Model):
    """One year's dialogue of one partnership."""

    class State(models.TextChoices):
        OPEN = "open", _("Answering")
        SUBMITTED = "submitted", _("Both sides submitted")
        JOINT = "joint", _("Joint record")
        LOCKED = "locked", _("Locked")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="dialogues",
        verbose_name=_("partnership"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    meeting_date = models.DateField(_("joint meeting"), null=True, blank=True)
    partner_submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    organisation_submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    joint_summary = models.TextField(_("joint record"), blank=True)
    partner_approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    partner_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    organisation_approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    organisation_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    locked_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"], name="unique_dialogue_partnership_year"
            )
        ]

    def __str__(self):
        return f"{self.partnership} {self.year}"

    def submitted_at(self, side: str):
        return getattr(self, f"{side}_submitted_at")

    def approved_at(self, side: str):
        return getattr(self, f"{side}_approved_at")

    @property
    def both_submitted(self) -> bool:
        return self.state != self.State.OPEN

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.LOCKED


class Reflection(models.Model):
    """One side's answer on one principle for one year. Shared by the side (any of its people
    may write it); ``author`` is who last wrote it."""

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="reflections", verbose_name=_("dialogue")
    )
    side = models.CharField(_("side"), max_length=16, choices=Side.choices)
    principle = models.CharField(_("principle"), max_length=32, choices=Principle.choices)
    went_well = models.TextField(_("what went well"), blank=True)
    did_not_go_well = models.TextField(_("what did not go well"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), choices=Rating.choices, null=True, blank=True
    )
    proposed_actions = models.TextField(_("proposed actions"), blank=True)
    # Brought to the joint meeting, never part of the stored record: shown to the other side
    # only once both submitted, left out of the record, exports and addenda, and emptied when
    # both sides approve the joint record (the meeting is over then).
    joint_meeting_only = models.TextField(_("for the joint meeting only"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogue_reflections",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["dialogue", "side", "principle"]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "side", "principle"], name="unique_reflection_side_principle"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=4),
                name="reflection_rating_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.dialogue} · {self.get_side_display()} · {self.get_principle_display()}"


class Addendum(models.Model):
    """A dated change to a locked dialogue's joint record."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField(_("addendum"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.dialogue} · {self.created_at:%Y-%m-%d}"


class FollowUp(models.Model):
    """What the follow-up needs of an action or activity: an owner in the partnership, a due
    date, when it was done, and when its reminder went (once)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class JointAction(FollowUp):
    """An action agreed in the joint record. Actions added after locking belong to the
    addendum that added them."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="actions")
    principle = models.CharField(
        _("principle"), max_length=32, choices=Principle.choices, blank=True
    )
    description = models.CharField(_("agreed action"), max_length=500)
    addendum = models.ForeignKey(
        Addendum, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.description


class CapacityAssessment(models.Model):
    """Strengths and gaps of one side of the partnership, for one year: both partners are
    assessed."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="capacity_assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    side = models.CharField(_("about"), max_length=16, choices=Side.choices)
    strengths = models.TextField(_("strengths"), blank=True)
    gaps = models.TextField(_("gaps"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("capacity assessment")
        verbose_name_plural = _("capacity assessments")
        ordering = ["partnership", "-year", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year", "side"], name="unique_capacity_year_side"
            )
        ]

    def __str__(self):
        return f"{self.partnership} {self.year} · {self.get_side_display()}"


class PlanActivity(FollowUp):
    """An activity of the development plan, with its progress through the year."""

    class Progress(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under-way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="plan_activities"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("activity"), max_length=300)
    start_date = models.DateField(_("start"), null=True, blank=True)
    progress = models.CharField(
        _("progress"), max_length=16, choices=Progress.choices, default=Progress.PLANNED
    )
    progress_note = models.TextField(_("progress note"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan activity")
        verbose_name_plural = _("plan activities")
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    """An entry of the space's timeline: a milestone, an agreement or a document."""

    class Kind(models.TextChoices):
        MILESTONE = "milestone", _("Milestone")
        AGREEMENT = "agreement", _("Agreement")
        DOCUMENT = "document", _("Document")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MILESTONE)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # A Wagtail document in the partnership's collection (restricted to its working group).
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("document"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title
