from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    Addendum,
    CapacityAssessment,
    Dialogue,
    JointAction,
    Milestone,
    PlanActivity,
    Rating,
    Reflection,
)


class DateInput(forms.DateInput):
    input_type = "date"


class ReflectionForm(forms.ModelForm):
    """One side's answer on one principle (prefixed with the principle)."""

    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=Rating.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Reflection
        fields = [
            "went_well",
            "did_not_go_well",
            "rating",
            "proposed_actions",
            "joint_meeting_only",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields if name != "rating"}
        help_texts = {
            "joint_meeting_only": _(
                "Shown to the other side at the joint meeting, then deleted when both sides "
                "approve the joint record. Never part of the stored record."
            )
        }


class JointRecordForm(forms.ModelForm):
    class Meta:
        model = Dialogue
        fields = ["meeting_date", "joint_summary"]
        widgets = {"meeting_date": DateInput(), "joint_summary": forms.Textarea(attrs={"rows": 5})}


class _OwnerForm(forms.ModelForm):
    """An owner chosen among the people of the space."""

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].required = True
        self.fields["owner"].label_from_instance = lambda user: user.profile.display_name


class JointActionForm(_OwnerForm):
    class Meta:
        model = JointAction
        fields = ["description", "principle", "owner", "due_date"]
        widgets = {"due_date": DateInput()}


class AddendumForm(forms.ModelForm):
    class Meta:
        model = Addendum
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class CapacityForm(forms.ModelForm):
    class Meta:
        model = CapacityAssessment
        fields = ["strengths", "gaps"]
        widgets = {
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "gaps": forms.Textarea(attrs={"rows": 3}),
        }


class PlanActivityForm(_OwnerForm):
    class Meta:
        model = PlanActivity
        fields = ["title", "owner", "start_date", "due_date"]
        widgets = {"start_date": DateInput(), "due_date": DateInput()}


class ProgressForm(forms.ModelForm):
    class Meta:
        model = PlanActivity
        fields = ["progress", "progress_note"]
        widgets = {"progress_note": forms.Textarea(attrs={"rows": 2})}


class MilestoneForm(forms.ModelForm):
    """A timeline entry; a document is chosen among the space's own (``documents``)."""

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["document"].help_text = _(
            "Documents in the partnership's own collection, which staff upload in the admin."
        )

    class Meta:
        model = Milestone
        fields = ["date", "kind", "title", "description", "document"]
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 2})}


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
