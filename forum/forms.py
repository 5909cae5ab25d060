from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from taggit.models import Tag

from home.sanitize import SingleLineField

from .attachments import inspect_upload, prepare_inspected
from .conf import forum_setting
from .models import Category, NotificationPreference, Reaction, Report, Subscription


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files; each is sniffed and, if an image, re-encoded while the form is
    cleaned."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        files = [super(AttachmentsField, self).clean(f, initial) for f in files if f]
        limit = forum_setting("ATTACHMENTS_PER_POST")
        if len(files) > limit:
            raise ValidationError(
                _("You can attach up to %(limit)s files to a post."), params={"limit": limit}
            )
        # Every file is checked on its size, type and header before any image is decoded, and
        # the images of one post together get a pixel budget (decoding costs memory and time).
        inspected, errors = [], []
        for upload in files:
            try:
                inspected.append(inspect_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        budget = forum_setting("IMAGE_MAX_PIXELS_PER_POST")
        if sum(upload.pixels for upload in inspected) > budget:
            raise ValidationError(
                _(
                    "These images have too many pixels together: a post may carry up to "
                    "%(limit)s million. Attach fewer or smaller images."
                ),
                params={"limit": budget // 1_000_000},
            )
        prepared = []
        for upload in inspected:
            try:
                prepared.append(prepare_inspected(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return prepared


def _language_field():
    return forms.ChoiceField(
        label=_("Language of your post"),
        choices=settings.LANGUAGES,
        help_text=_("Readers' browsers use it to show and read your text correctly."),
    )


class PostFields(forms.Form):
    """What every post form has."""

    MAX_LENGTH = 20000
    markdown = forms.CharField(
        label=_("Your post"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto", "autocomplete": "off"}),
        help_text=_(
            "Markdown: **bold**, *italic*, [link](https://…), > quote, - list. "
            "Mention a member with @name."
        ),
    )
    language = _language_field()
    pseudonymous = forms.BooleanField(
        label=_("Post as 'a partner from <my region>'"),
        required=False,
        help_text=_("Other members will not see your name. Moderators can still see who wrote it."),
    )
    attachments = AttachmentsField(
        label=_("Attach images or documents"),
        help_text=_(
            "Images (their location and camera data are removed), PDF and office documents. "
            "PDF, .docx, .xlsx, .pptx and OpenDocument files lose their author and other "
            "hidden properties; older Office files (.doc, .xls, .ppt) keep theirs, such as an "
            "author name: check them first."
        ),
    )

    def __init__(self, *args, category: Category, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("language", (get_language() or "en")[:2])
        super().__init__(*args, **kwargs)
        if not category.allow_pseudonymous:
            del self.fields["pseudonymous"]
        self.fields["attachments"].widget.attrs["accept"] = (
            "image/jpeg,image/png,image/gif,image/webp,application/pdf,.doc,.docx,.odt,"
            ".xls,.xlsx,.ods,.ppt,.pptx,.odp"
        )


class TopicTagsField(TagField):
    """Tags as taggit reads them, each no longer than a tag's name may be (a longer one was a
    server error on PostgreSQL)."""

    def clean(self, value):
        tags = super().clean(value)
        limit = Tag._meta.get_field("name").max_length
        if any(len(tag) > limit for tag in tags):
            raise ValidationError(
                _("A tag may be up to %(limit)s characters long."), params={"limit": limit}
            )
        return tags


class TopicForm(PostFields):
    title = SingleLineField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    tags = TopicTagsField(
        label=_("Tags"), required=False, help_text=_("Separate tags with commas.")
    )
    field_order = ["title", "markdown", "language", "tags", "pseudonymous", "attachments"]


class ReplyForm(PostFields):
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, topic=None, **kwargs):
        super().__init__(*args, **kwargs)
        if topic is not None:
            # Read by forum/mentions.js, which suggests @names as the member types.
            url = f"{reverse('forum:mention_suggestions')}?{urlencode({'topic': topic.pk})}"
            self.fields["markdown"].widget.attrs["data-mention-url"] = url


class EditForm(forms.Form):
    title = SingleLineField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    markdown = PostFields.base_fields["markdown"]
    language = _language_field()
    reason = SingleLineField(
        label=_("What did you change? (optional)"), max_length=200, required=False
    )
    # The version the form was opened on (the post's edit_count): a save over a newer one is
    # a conflict, never a silent overwrite.
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, is_first: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_first:
            del self.fields["title"]


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


class SubscriptionForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Notifications"),
        choices=[("", _("Default")), *Subscription.Level.choices],
        required=False,
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this post?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Anything moderators should know (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )


class ReasonForm(forms.Form):
    reason = SingleLineField(
        label=_("Reason (kept in the moderation log)"),
        max_length=500,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


class MoveForm(ReasonForm):
    category = forms.ModelChoiceField(label=_("Move to"), queryset=Category.objects.none())

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class SplitForm(ReasonForm):
    title = SingleLineField(label=_("Title of the new topic"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    posts = forms.MultipleChoiceField(
        label=_("Replies to move"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, categories, replies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["posts"].choices = [(str(p.pk), f"#{p.position}") for p in replies]


class SilenceForm(ReasonForm):
    days = forms.IntegerField(label=_("For how many days"), min_value=1, max_value=365, initial=7)


class ResolveReportForm(forms.Form):
    resolution = SingleLineField(
        label=_("What was done (kept in the moderation log)"), max_length=200
    )


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email", "notify_quotes", "notify_reactions"]
        widgets = {"email": forms.RadioSelect}


class ReminderForm(forms.Form):
    """When a bookmark should remind its owner (a choice of delays: no date picker to get
    wrong across time zones)."""

    DELAYS = {
        "1h": timedelta(hours=1),
        "1d": timedelta(days=1),
        "3d": timedelta(days=3),
        "7d": timedelta(days=7),
        "30d": timedelta(days=30),
    }
    remind = forms.ChoiceField(
        label=_("Remind me"),
        required=False,
        choices=[
            ("", _("No reminder")),
            ("1h", _("In an hour")),
            ("1d", _("Tomorrow")),
            ("3d", _("In three days")),
            ("7d", _("Next week")),
            ("30d", _("In a month")),
        ],
    )

    def remind_at(self):
        delay = self.DELAYS.get(self.cleaned_data["remind"])
        return timezone.now() + delay if delay else None
