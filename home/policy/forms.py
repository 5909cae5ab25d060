from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

MAX_FEEDBACK_LENGTH = 5000


class FeedbackForm(forms.Form):
    section = forms.ChoiceField(label=_("Which part is it about?"), required=False)
    message = forms.CharField(
        label=_("Your feedback"),
        max_length=MAX_FEEDBACK_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )
    email = forms.EmailField(
        label=_("Email for a reply (optional)"),
        required=False,
        help_text=_("Only the editors see it. Leave it empty to stay anonymous."),
    )

    def __init__(self, *args, page, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("The policy as a whole"))] + [
            (f"{item.number}. {item.block.value['heading']}",) * 2
            for item in page.body_items
            if item.number is not None
        ]
        if user.is_authenticated:
            # Editors reply through the member's account; no address to type.
            del self.fields["email"]


def version_choice_label(version) -> str:
    day = date_format(version.adopted_on, "DATE_FORMAT")
    if version.version_label:
        return _("Version %(label)s (%(date)s)") % {"label": version.version_label, "date": day}
    return day


class CompareForm(forms.Form):
    """Two published versions of one page, by number; the choices never include anything
    unpublished."""

    old = forms.TypedChoiceField(label=_("Compare"), coerce=int)
    new = forms.TypedChoiceField(label=_("with"), coerce=int)

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(version.number, version_choice_label(version)) for version in versions]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices
        self.versions = {version.number: version for version in versions}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old") is not None and cleaned.get("old") == cleaned.get("new"):
            raise forms.ValidationError(_("Choose two different versions."))
        return cleaned
