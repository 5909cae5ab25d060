from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Proposal, Registration
from .timezones import valid_zone


class RegistrationForm(forms.ModelForm):
    """One click, plus the questions this event's organisers switched on."""

    class Meta:
        model = Registration
        fields = [
            "dietary",
            "interpretation_language",
            "accessibility",
            "visa_letter",
            "listed_to_participants",
            "photo_consent",
            "recording_consent",
            "time_zone",
        ]
        widgets = {"accessibility": forms.TextInput()}
        help_texts = {
            "time_zone": _("Your reminders and seat offers give times in this zone."),
            "listed_to_participants": _(
                "Other confirmed participants see the display names of those who agree. "
                "Nobody else does."
            ),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("dietary", "interpretation_language", "accessibility", "visa_letter"):
            if name not in event.questions():
                del self.fields[name]
        if "interpretation_language" in self.fields and event.interpretation:
            channels = [c.strip() for c in event.interpretation.split(",") if c.strip()]
            self.fields["interpretation_language"] = forms.ChoiceField(
                label=_("Interpretation language"),
                required=False,
                choices=[("", _("None needed"))] + [(c, c) for c in channels],
            )

    def clean_time_zone(self):
        zone = valid_zone(self.cleaned_data.get("time_zone", "").strip())
        if zone is None:
            raise forms.ValidationError(_("Choose a time zone such as Europe/Zurich."))
        return zone

    def answers(self) -> dict:
        return dict(self.cleaned_data)


class MoveForm(forms.Form):
    position = forms.IntegerField(label=_("new place"), min_value=1)
    reason = forms.CharField(label=_("reason (kept in the log)"), max_length=500)


class MessageForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("to"),
        choices=[("registrants", _("Everyone registered")), ("waitlist", _("The waitlist"))],
    )
    subject = forms.CharField(label=_("subject"), max_length=150)
    text = forms.CharField(label=_("message"), widget=forms.Textarea, max_length=5000)


class ProposalForm(forms.ModelForm):
    practice_url = forms.URLField(
        label=_("related practice"),
        required=False,
        assume_scheme="https",
        help_text=_("Optional: the address of a practice in the knowledge base."),
    )

    class Meta:
        model = Proposal
        fields = ["title", "abstract", "kind", "language", "practice_url"]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[
            (Proposal.Status.ACCEPTED, _("Accept and add to the agenda")),
            (Proposal.Status.CHANGES, _("Ask for changes")),
            (Proposal.Status.DECLINED, _("Decline")),
        ],
    )
    note = forms.CharField(
        label=_("note to the proposer"), required=False, widget=forms.Textarea, max_length=2000
    )
    start = forms.DateTimeField(label=_("session starts (UTC)"), required=False)
    end = forms.DateTimeField(label=_("session ends (UTC)"), required=False)
    room = forms.CharField(label=_("room or stream"), required=False, max_length=120)

    def clean(self):
        data = super().clean()
        if data.get("decision") == Proposal.Status.ACCEPTED:
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError(_("An accepted session needs a start and an end."))
            if data["end"] <= data["start"]:
                raise forms.ValidationError(_("The session cannot end before it starts."))
        return data
