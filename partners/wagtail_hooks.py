"""Wagtail admin for staff: organisations, memberships, invitations and access requests.

Invitations created here are mailed through ``services.invite``; access requests are decided
(approve → invitation, or decline) through their edit view.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from home import hooks as home_hooks

from . import services
from .forms import AccessRequestDecisionForm
from .models import AccessRequest, Invitation, Membership, Organisation, Partnership


class UserByEmailField(forms.ModelChoiceField):
    """Staff pick people by address: usernames are random on purpose."""

    def label_from_instance(self, obj):
        return obj.email or obj.get_username()


class OrganisationViewSet(ModelViewSet):
    name = "partners_organisations"
    url_prefix = "partners/organisations"
    model = Organisation
    icon = "group"
    menu_order = 100
    copy_view_enabled = False
    list_display = ["name", "short_name", "country", "region", "is_listed"]
    list_filter = ["region", "kind", "is_listed"]
    search_fields = ["name", "short_name", "description"]


class PartnershipViewSet(ModelViewSet):
    """Editors keep the partnerships; each one's working group is made with it."""

    name = "partners_partnerships"
    url_prefix = "partners/partnerships"
    model = Partnership
    icon = "link"
    menu_order = 150
    copy_view_enabled = False
    list_display = ["name", "modality", "phase", "audience", "start_date", "end_date"]
    list_filter = ["modality", "phase", "audience"]
    search_fields = ["name", "shared_goals", "results_summary"]


class MembershipForm(WagtailAdminModelForm):
    user = UserByEmailField(
        label=_("Person"),
        queryset=get_user_model()._default_manager.filter(is_active=True).order_by("email"),
    )

    class Meta:
        model = Membership
        fields = ["user", "organisation", "role"]


class MembershipViewSet(ModelViewSet):
    name = "partners_memberships"
    url_prefix = "partners/memberships"
    model = Membership
    icon = "user"
    menu_order = 110
    copy_view_enabled = False
    form_fields = ["user", "organisation", "role"]
    list_display = [
        Column("email", label=_("Email address"), accessor="user.email"),
        Column("display_name", label=_("Display name"), accessor="user.profile.display_name"),
        "organisation",
        "role",
        DateColumn("created_at", label=_("Joined")),
    ]
    list_filter = ["organisation", "role"]
    search_fields = ["user__email", "user__profile__display_name", "organisation__name"]

    def get_form_class(self, for_update=False):
        return MembershipForm

    def get_index_view_kwargs(self, **kwargs):
        queryset = Membership.objects.select_related("user__profile", "organisation")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class InvitationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Invitation.Status.choices, method="filter_status"
    )

    class Meta:
        model = Invitation
        fields = ["organisation", "role"]

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)


class InvitationCreateForm(WagtailAdminModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "organisation", "role", "language"]


class InvitationEditForm(WagtailAdminModelForm):
    """Invitations are not edited (a new address needs a new invitation); staff revoke them or
    send a new link."""

    RESEND = "resend"
    REVOKE = "revoke"

    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            (RESEND, _("Send a new link (the previous one stops working)")),
            (REVOKE, _("Revoke the invitation")),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Invitation
        fields = []

    def clean(self):
        cleaned = super().clean()
        if not self.instance.is_pending:
            raise forms.ValidationError(_("This invitation is no longer pending."))
        return cleaned


class InvitationCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.invite(
            email=data["email"],
            organisation=data["organisation"],
            role=data["role"],
            language=data["language"],
            invited_by=self.request.user,
        )


class InvitationEditView(generic.EditView):
    success_message = _("Done: %(object)s.")

    def save_instance(self):
        if self.form.cleaned_data["action"] == InvitationEditForm.REVOKE:
            return services.revoke_invitation(self.object)
        services.resend_invitation(self.object)
        return self.object


class InvitationViewSet(ModelViewSet):
    name = "partners_invitations"
    url_prefix = "partners/invitations"
    model = Invitation
    icon = "mail"
    menu_order = 120
    copy_view_enabled = False
    add_view_class = InvitationCreateView
    edit_view_class = InvitationEditView
    list_display = [
        "email",
        "organisation",
        "role",
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Created")),
        DateColumn("expires_at", label=_("Expires")),
    ]
    filterset_class = InvitationFilterSet
    search_fields = ["email", "organisation__name"]

    def get_form_class(self, for_update=False):
        return InvitationEditForm if for_update else InvitationCreateForm

    def get_index_view_kwargs(self, **kwargs):
        queryset = Invitation.objects.select_related("organisation")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class AccessRequestEditView(generic.EditView):
    """The decision: approve (an invitation is mailed) or decline."""

    success_message = _("Decision recorded for %(object)s.")

    def save_instance(self):
        data = self.form.cleaned_data
        if data["decision"] == AccessRequestDecisionForm.APPROVE:
            services.approve_access_request(
                self.object,
                organisation=data["organisation"],
                role=data["role"],
                by=self.request.user,
            )
        else:
            services.decline_access_request(self.object, by=self.request.user)
        return self.object


class AccessRequestViewSet(ModelViewSet):
    name = "partners_access_requests"
    url_prefix = "partners/access-requests"
    model = AccessRequest
    icon = "help"
    menu_order = 130
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = AccessRequestEditView
    form_fields = ["name", "email", "organisation_name", "country", "message", "language"]
    list_display = [
        "name",
        "email",
        "organisation_name",
        "country",
        "status",
        DateColumn("created_at", label=_("Received")),
    ]
    list_filter = ["status", "language"]
    search_fields = ["name", "email", "organisation_name", "country", "message"]

    def get_form_class(self, for_update=False):
        if for_update:
            return AccessRequestDecisionForm
        return super().get_form_class(for_update)


class PartnersViewSetGroup(ModelViewSetGroup):
    menu_label = _("Partners")
    menu_icon = "group"
    menu_order = 250
    items = (
        OrganisationViewSet,
        PartnershipViewSet,
        MembershipViewSet,
        InvitationViewSet,
        AccessRequestViewSet,
    )


@hooks.register("register_admin_viewset")
def register_partners_viewsets():
    return PartnersViewSetGroup()


@hooks.register(home_hooks.HOME_SECTIONS)
def organisations_on_the_home_page(request):
    from django.urls import reverse

    organisations = Organisation.objects.listed().order_by("-pk")[:5]
    return home_hooks.HomeSection(
        title=_("Partner organisations"),
        url=reverse("partners:organisation_list"),
        more_label=_("All partner organisations"),
        items=[
            {
                "title": o.name,
                "url": reverse("partners:organisation_list") + f"#org-{o.pk}",
                "meta": o.country.name,
            }
            for o in organisations
        ],
        order=90,
    )


@hooks.register(home_hooks.DEMO_CONTENT)
def load_demo_content(command):
    from . import demo

    demo.load(command)


@hooks.register(home_hooks.BELL_COUNTS)
def unread_notifications(user) -> int:
    from . import notifications

    return notifications.unread_count(user)


@hooks.register(home_hooks.MAY_SEND_MAIL)
def mail_only_to_those_who_may_still_read_it(message) -> bool:
    from . import notifications

    return notifications.may_send_mail(message)
