"""The member-facing "submit a practice" form."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from partners import access
from partners.models import Partnership

from .models import PracticePage, PracticeSubmission, Principle, Region, Theme

MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = {"pdf", "odt", "docx", "txt", "csv", "ods", "xlsx"}


ATTACHMENTS_HELP = _("Up to 5 files (PDF, ODT, DOCX, TXT, CSV, ODS, XLSX), 10 MB each.")


def _taxonomy_choices(model):
    return [
        (str(key), snippet.name)
        for key, snippet in model.objects.for_reader(get_language()).items()
    ]


class SubmissionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1200
    )
    context = forms.CharField(label=_("Context"), widget=forms.Textarea, required=False)
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea, required=False)
    activities = forms.CharField(label=_("What was done"), widget=forms.Textarea, required=False)
    results = forms.CharField(label=_("Results and impact"), widget=forms.Textarea)
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), widget=forms.Textarea, required=False
    )
    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=Partnership.objects.none(), required=False
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), widget=forms.CheckboxSelectMultiple, required=False
    )
    principles = forms.MultipleChoiceField(
        label=_("Principles"), widget=forms.CheckboxSelectMultiple, required=False
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions"), widget=forms.CheckboxSelectMultiple, required=False
    )
    countries = forms.MultipleChoiceField(label=_("Countries"), required=False)
    period_start = forms.IntegerField(label=_("From (year)"), min_value=1980, max_value=2100)
    period_end = forms.IntegerField(
        label=_("To (year)"), min_value=1980, max_value=2100, required=False
    )
    evidence_level = forms.ChoiceField(
        label=_("Evidence level"), choices=PracticePage.EvidenceLevel.choices
    )
    audience = forms.ChoiceField(
        label=_("Who may read it"),
        choices=PracticeSubmission.Audience.choices,
        widget=forms.RadioSelect,
        initial=PracticeSubmission.Audience.MEMBERS,
    )
    language = forms.ChoiceField(label=_("Language it is written in"))
    contains_identifying_details = forms.TypedChoiceField(
        label=_("Does it contain identifying details?"),
        help_text=_(
            "Names of survivors or staff, exact locations, photos of people. If yes, it will "
            "not be published to the public."
        ),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note_to_editors = forms.CharField(
        label=_("Note to the editors (not published)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, user, languages, **kwargs):
        super().__init__(*args, **kwargs)
        if "partnership" in self.fields:
            self.fields["partnership"].queryset = access.visible(
                Partnership.objects.all(), user, purpose=access.READ
            ).order_by("name")
        self.fields["themes"].choices = _taxonomy_choices(Theme)
        self.fields["principles"].choices = _taxonomy_choices(Principle)
        self.fields["regions"].choices = _taxonomy_choices(Region)
        self.fields["countries"].choices = list(countries)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [(code, names.get(code, code)) for code in languages]
        self.fields["language"].initial = get_language()
        # Typed text runs in its own direction: English in the Arabic form, Arabic in the
        # English one.
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.widget.attrs.setdefault("dir", "auto")

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end year comes before the start year."))
        if data.get("audience") == PracticeSubmission.Audience.GROUP and not data.get(
            "partnership"
        ):
            self.add_error("partnership", _("Choose the partnership whose group may read it."))
        return data


class RevisionForm(SubmissionForm):
    """The submission form for a draft the editors sent back: who may read it, its language
    and its partnership stay as submitted (its restriction and place in the catalogue)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("partnership", "audience", "language"):
            del self.fields[name]


def check_upload(upload) -> str | None:
    """Why ``upload`` is refused, or None. Checked before anything is stored."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in ALLOWED_EXTENSIONS:
        return _("“%(name)s” is not a file type we accept.") % {"name": upload.name[:80]}
    if upload.size > MAX_FILE_SIZE:
        return _("“%(name)s” is larger than 10 MB.") % {"name": upload.name[:80]}
    return None


# --- The phase-out form -------------------------------------------------------------------


class Share(models.TextChoices):
    """Where one item of a phase-out record goes."""

    PUBLIC = "public", _("Public: anyone may read it")
    MEMBERS = "members", _("Members only: signed-in partner members")
    SPACE = "space", _("Stays in the partnership's space: not copied")


@dataclass(frozen=True)
class PhaseOutItem:
    key: str
    label: str
    help_text: str
    field: str  # the practice's field it goes to when public
    from_partnership: bool = False  # prefilled from the partnership's record


PHASE_OUT_ITEMS = (
    PhaseOutItem(
        "shared_goals",
        _("Shared goals"),
        _("From the partnership's record; edit it before it leaves the space."),
        "objectives",
        from_partnership=True,
    ),
    PhaseOutItem(
        "exit_criteria",
        _("Exit criteria"),
        _("From the partnership's record; edit it before it leaves the space."),
        "exit_strategy",
        from_partnership=True,
    ),
    PhaseOutItem(
        "results_summary",
        _("Results summary"),
        _("From the partnership's record; edit it before it leaves the space."),
        "results",
        from_partnership=True,
    ),
    PhaseOutItem(
        "results",
        _("Results"),
        _("What changed, for whom, and how you know."),
        "results",
    ),
    PhaseOutItem(
        "lessons_learned",
        _("Lessons learned"),
        _("What you would do again, and what you would do differently."),
        "lessons_learned",
    ),
    PhaseOutItem(
        "phase_out",
        _("How the phase-out went"),
        _("How the exit criteria were met and how the partners handed over."),
        "exit_strategy",
    ),
)
PHASE_OUT_PHASES = (Partnership.Phase.PHASING_OUT, Partnership.Phase.PHASED_OUT)


class PhaseOutForm(SubmissionForm):
    """The partnership's record as a draft practice: each item with its own audience. The
    title and summary are read by everyone who may read the practice."""

    # The item fields below replace the free sections; the partnership is the one given.
    context = objectives = activities = results = lessons_learned = partnership = None

    audience = forms.ChoiceField(
        label=_("Who may read the practice (its title, summary and public items)"),
        choices=[
            (Share.PUBLIC.value, _("Public: anyone")),
            (Share.MEMBERS.value, _("Members: any signed-in partner member")),
        ],
        widget=forms.RadioSelect,
        initial=Share.MEMBERS,
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        for item in PHASE_OUT_ITEMS:
            self.fields[f"item_{item.key}"] = forms.CharField(
                label=item.label,
                help_text=item.help_text,
                widget=forms.Textarea(attrs={"rows": 5}),
                required=False,
                initial=partnership.text(item.key) if item.from_partnership else "",
            )
            self.fields[f"share_{item.key}"] = forms.ChoiceField(
                label=_("Where does “%(item)s” go?") % {"item": item.label},
                choices=Share.choices,
                widget=forms.RadioSelect,
                initial=Share.SPACE,
            )
        self.fields["countries"].initial = list(partnership.countries)
        if partnership.start_date:
            self.fields["period_start"].initial = partnership.start_date.year
        if partnership.end_date:
            self.fields["period_end"].initial = partnership.end_date.year

    def items(self) -> list[dict]:
        """Each item's text and audience fields, for the template's sections."""
        return [
            {"item": item, "text": self[f"item_{item.key}"], "share": self[f"share_{item.key}"]}
            for item in PHASE_OUT_ITEMS
        ]

    def clean(self):
        data = super().clean()
        leaving = 0
        for item in PHASE_OUT_ITEMS:
            share = data.get(f"share_{item.key}")
            text = data.get(f"item_{item.key}", "").strip()
            if share in (Share.PUBLIC, Share.MEMBERS):
                if not text:
                    self.add_error(
                        f"item_{item.key}", _("Write it, or keep it in the partnership's space.")
                    )
                leaving += 1
            if share == Share.PUBLIC and data.get("audience") == Share.MEMBERS:
                self.add_error(
                    f"share_{item.key}",
                    _("The practice is for members only, so this item cannot be public."),
                )
        if not leaving:
            raise forms.ValidationError(
                _("Choose at least one item for the practice: everything stays in the space.")
            )
        return data
