from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from home.sanitize import single_line

from .models import AccessRequest, Invitation, Membership, Organisation, Profile


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role", "language"]
        help_texts = {
            "language": _("The invitation email is written in this language."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["language"].initial = get_language()


class OrganisationProfileForm(forms.ModelForm):
    """What an organisation's own admins keep up to date. Listing, region and partnership
    details stay with staff."""

    prefix = "organisation"
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["short_name", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class AccessRequestForm(forms.ModelForm):
    class Meta:
        model = AccessRequest
        fields = ["name", "email", "organisation_name", "country", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your email address"),
            "organisation_name": _("Your organisation"),
        }
        help_texts = {
            "message": _("What does your organisation do, and how do you work with us?"),
            "name": _("Staff read this to decide; it is not shown to anyone else."),
        }


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = [
            "display_name",
            "real_name",
            "languages",
            "language",
            "bio",
            "show_real_name",
            "show_organisation",
            "allow_contact",
        ]
        help_texts = {
            "display_name": _(
                "How other members see you. Avoid your email address or anything that "
                "identifies you if that could put you at risk."
            ),
            "real_name": _("Shown to other members only if you switch it on below."),
            "show_real_name": _("Other signed-in members see your real name."),
            "show_organisation": _(
                "Other signed-in members see which organisations you belong to."
            ),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def clean_display_name(self):
        name = single_line(self.cleaned_data["display_name"])
        if not name:
            raise forms.ValidationError(_("Choose a display name."))
        if "@" in name:
            raise forms.ValidationError(
                _("A display name cannot contain “@”: it could reveal an email address.")
            )
        taken = Profile.objects.filter(display_name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another member already uses this display name."))
        return name

    def clean_real_name(self):
        return single_line(self.cleaned_data["real_name"])


class ContactForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class AccessRequestDecisionForm(forms.ModelForm):
    """The Wagtail admin's decision on an access request: approve into an organisation with a
    role (an invitation goes out) or decline."""

    APPROVE = "approve"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve and send an invitation")), (DECLINE, _("Decline"))],
        widget=forms.RadioSelect,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("The organisation the person joins when they accept."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )

    class Meta:
        model = AccessRequest
        fields = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.APPROVE and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the organisation to invite them to."))
        if self.instance.status != AccessRequest.Status.PENDING:
            raise forms.ValidationError(_("This request has already been decided."))
        return cleaned
