"""Thin views: check, call a service, render. Permission rules are in permissions.py, writes
in services.py, reads in the models' QuerySet methods."""

import hashlib
import json

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from home import hooks as home_hooks
from home import ratelimit

from . import access, invitations, notifications, permissions, services
from .forms import (
    AccessRequestForm,
    ContactForm,
    DeleteAccountForm,
    InvitationForm,
    OrganisationProfileForm,
    ProfileForm,
)
from .models import Invitation, Membership, Notification, Organisation, Profile, Region

# --- Public organisation list --------------------------------------------------------------


class OrganisationListView(ListView):
    """Organisations that agreed to be listed publicly; nobody else appears here."""

    template_name = "partners/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = 50

    def get_queryset(self):
        queryset = Organisation.objects.for_public_list()
        if self.region in Region.values:
            queryset = queryset.filter(region=self.region)
        return queryset

    @property
    def region(self):
        return self.request.GET.get("region", "")

    def get_context_data(self, **kwargs):
        return super().get_context_data(regions=Region.choices, region=self.region, **kwargs)


# --- Invitations ---------------------------------------------------------------------------


def _verified_addresses(user) -> set[str]:
    return {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


class InvitationView(View):
    """Where an invitation link lands.

    Signed out: the key is remembered in the session, which opens allauth's sign-up for the
    invited address. Signed in with the invited address (verified): one button joins.
    Used, revoked and expired links say so.
    """

    template_name = "partners/invitation.html"

    def dispatch(self, request, key):
        self.invitation = Invitation.objects.for_key(key)
        if self.invitation is None:
            return self.render("unknown", status=404)
        if not self.invitation.is_pending:
            return self.render(self.invitation.status, status=410)
        return super().dispatch(request, key)

    def render(self, state, *, status=200):
        context = {"state": state, "invitation": self.invitation}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, key):
        if not request.user.is_authenticated:
            invitations.remember(request, key)
            get_adapter(request).stash_verified_email(request, self.invitation.email)
            return self.render("sign-up")
        if self.invitation.email in _verified_addresses(request.user):
            return self.render("join")
        return self.render("other-account")

    def post(self, request, key):
        if not request.user.is_authenticated or (
            self.invitation.email not in _verified_addresses(request.user)
        ):
            return redirect(request.path)
        try:
            membership = services.accept_invitation(self.invitation, request.user)
        except services.InvitationNotValid:
            return redirect(request.path)
        messages.success(
            request,
            _("You are now a member of %(organisation)s.")
            % {"organisation": membership.organisation.name},
        )
        return redirect("partners:account")


# --- Organisation admins -------------------------------------------------------------------


class OrganisationManageView(LoginRequiredMixin, View):
    """An organisation's own admin page: its members, pending invitations, and inviting."""

    template_name = "partners/organisation_manage.html"
    invitations_per_hour = 30

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])
        permissions.check_can_manage_organisation(request.user, self.organisation)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self.render(InvitationForm())

    def post(self, request, pk):
        if "organisation-description" in request.POST:
            return self.save_profile()
        form = InvitationForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        if not ratelimit.allow(
            f"invite:{request.user.pk}", limit=self.invitations_per_hour, period=3600
        ):
            form.add_error(None, _("You have sent many invitations. Try again in an hour."))
            return self.render(form, status=429)
        invitation = services.invite(
            email=form.cleaned_data["email"],
            organisation=self.organisation,
            role=form.cleaned_data["role"],
            invited_by=request.user,
            language=form.cleaned_data["language"],
        )
        messages.success(
            request, _("An invitation is on its way to %(email)s.") % {"email": invitation.email}
        )
        return redirect("partners:organisation_manage", pk=self.organisation.pk)

    def save_profile(self):
        form = OrganisationProfileForm(self.request.POST, instance=self.organisation)
        if not form.is_valid():
            return self.render(InvitationForm(), profile_form=form)
        form.save()
        messages.success(self.request, _("The organisation's profile was saved."))
        return redirect("partners:organisation_manage", pk=self.organisation.pk)

    def render(self, form, *, profile_form=None, status=200):
        context = {
            "organisation": self.organisation,
            "memberships": Membership.objects.for_management(self.organisation),
            "invitations": Invitation.objects.for_management(self.organisation),
            "form": form,
            "profile_form": profile_form or OrganisationProfileForm(instance=self.organisation),
        }
        return render(self.request, self.template_name, context, status=status)


class MemberRemoveView(LoginRequiredMixin, View):
    def post(self, request, pk, membership_pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        permissions.check_can_manage_organisation(request.user, organisation)
        membership = get_object_or_404(
            Membership.objects.select_related("user__profile", "organisation"),
            pk=membership_pk,
            organisation=organisation,
        )
        permissions.check_can_remove_member(request.user, membership)
        services.remove_member(membership)
        messages.success(
            request,
            _("%(name)s is no longer a member of %(organisation)s.")
            % {"name": membership.user.profile.public_name, "organisation": organisation.name},
        )
        return redirect("partners:organisation_manage", pk=organisation.pk)


class InvitationChangeView(LoginRequiredMixin, View):
    """Revoke or re-send a pending invitation (``action`` from the URL)."""

    action = ""

    def post(self, request, pk, invitation_pk):
        organisation = get_object_or_404(Organisation, pk=pk)
        permissions.check_can_manage_organisation(request.user, organisation)
        invitation = get_object_or_404(Invitation, pk=invitation_pk, organisation=organisation)
        permissions.check_can_change_invitation(request.user, invitation)
        if self.action == "revoke":
            services.revoke_invitation(invitation)
            message = _("The invitation for %(email)s was revoked.")
        else:
            services.resend_invitation(invitation)
            message = _("A new link is on its way to %(email)s; the old one no longer works.")
        messages.success(request, message % {"email": invitation.email})
        return redirect("partners:organisation_manage", pk=organisation.pk)


# --- Request access ------------------------------------------------------------------------


class RequestAccessView(FormView):
    """Public form. The answer is the same whatever the address: nothing here tells whether
    someone already has an account or has asked before."""

    template_name = "partners/request_access.html"
    form_class = AccessRequestForm
    per_address_per_day = 3
    per_connection_per_hour = 5

    def form_valid(self, form):
        ip = ratelimit.client_ip(self.request)
        if not ratelimit.allow(
            f"access-request:ip:{ip}", limit=self.per_connection_per_hour, period=3600
        ):
            form.add_error(
                None, _("Too many requests from your connection. Please try again in an hour.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        digest = hashlib.sha256(email.encode()).hexdigest()
        # Over the per-address limit the request is dropped silently: an error would tell a
        # stranger that this address asked before.
        if ratelimit.allow(
            f"access-request:email:{digest}", limit=self.per_address_per_day, period=86400
        ):
            services.request_access(**form.cleaned_data, language=get_language())
        return redirect("partners:request_access_sent")


class RequestAccessSentView(TemplateView):
    template_name = "partners/request_access_sent.html"


# --- Directory and profiles ----------------------------------------------------------------


class DirectoryView(LoginRequiredMixin, ListView):
    """Signed-in members only. Every privacy switch is honoured, in what is shown and in what
    can be searched: a hidden real name or organisation never matches a search."""

    template_name = "partners/directory.html"
    context_object_name = "profiles"
    paginate_by = 30

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            permissions.check_can_use_directory(request.user)
        return super().dispatch(request, *args, **kwargs)

    @property
    def query(self):
        return " ".join(self.request.GET.get("q", "").split())[:100]

    def get_queryset(self):
        queryset = Profile.objects.for_directory()
        if self.query:
            matching_organisation = Membership.objects.filter(
                organisation__name__icontains=self.query
            ).values("user_id")
            queryset = queryset.filter(
                Q(display_name__icontains=self.query)
                | Q(languages__icontains=self.query)
                | Q(show_real_name=True, real_name__icontains=self.query)
                | Q(show_organisation=True, user_id__in=matching_organisation)
            )
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, **kwargs)


class ProfileView(LoginRequiredMixin, TemplateView):
    """A member's profile as other members see it; the member sees their own with everything
    and marks on what others cannot see. The email only to the member and staff."""

    template_name = "partners/profile.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.is_self = kwargs["user_id"] == request.user.pk
        if self.is_self:
            profiles = Profile.objects.with_memberships().filter(user=request.user)
        else:
            permissions.check_can_use_directory(request.user)
            profiles = Profile.objects.for_directory().filter(user_id=kwargs["user_id"])
        self.profile = profiles.first()
        if self.profile is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            profile=self.profile,
            is_self=self.is_self,
            show_email=self.is_self or access.is_staff(self.request.user),
            memberships=(
                list(self.profile.user.memberships.all())
                if self.is_self
                else self.profile.visible_memberships()
            ),
            **kwargs,
        )


class ContactView(LoginRequiredMixin, FormView):
    template_name = "partners/contact.html"
    form_class = ContactForm
    per_sender_per_day = 10

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        permissions.check_can_use_directory(request.user)
        self.profile = (
            Profile.objects.in_directory()
            .select_related("user")
            .filter(user_id=kwargs["user_id"])
            .first()
        )
        if self.profile is None:
            raise Http404
        permissions.check_can_contact(request.user, self.profile)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)

    def form_valid(self, form):
        if not ratelimit.allow(
            f"contact:{self.request.user.pk}", limit=self.per_sender_per_day, period=86400
        ):
            form.add_error(None, _("You have sent many messages today. Try again tomorrow."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        services.contact_member(
            sender=self.request.user,
            recipient_profile=self.profile,
            message=form.cleaned_data["message"],
        )
        messages.success(
            self.request,
            _("Your message is on its way to %(name)s.") % {"name": self.profile.public_name},
        )
        return redirect(self.profile.get_absolute_url())


# --- The member's own account --------------------------------------------------------------


class AccountView(LoginRequiredMixin, View):
    """Profile form, organisations, security links, data export and deletion."""

    template_name = "partners/account.html"

    def get(self, request):
        return self.render(ProfileForm(instance=request.user.profile))

    def post(self, request):
        form = ProfileForm(request.POST, instance=request.user.profile)
        if not form.is_valid():
            return self.render(form)
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("partners:account")

    def render(self, form):
        memberships = Membership.objects.filter(user=self.request.user).select_related(
            "organisation"
        )
        context = {
            "form": form,
            "memberships": memberships,
            "manages_partners": permissions.manages_partners(self.request.user),
            "is_member": access.is_member(self.request.user),
            "sections": home_hooks.account_sections(self.request),
        }
        return render(self.request, self.template_name, context)


class ExportView(LoginRequiredMixin, View):
    """A JSON file of everything the site holds about the signed-in person. POST only, so a
    link elsewhere cannot start the download."""

    def post(self, request):
        data = services.export_user_data(request.user)
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        filename = f"gpe-my-data-{timezone.now():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class DeleteAccountView(LoginRequiredMixin, FormView):
    template_name = "partners/account_delete.html"
    form_class = DeleteAccountForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        services.delete_account(self.request.user)
        logout(self.request)
        return HttpResponseRedirect(reverse("partners:account_deleted"))


class AccountDeletedView(TemplateView):
    template_name = "partners/account_deleted.html"


# --- Notifications ---------------------------------------------------------------------------


class NotificationListView(LoginRequiredMixin, View):
    """Every app's notifications. Access is asked again here: notifications about anything
    the member may no longer see are deleted before the list is shown."""

    def get(self, request):
        user = request.user
        notifications.forget_lost_access(user)
        page = Paginator(notifications.visible_to(user).for_list(), 30).get_page(
            request.GET.get("page")
        )
        items = notifications.with_targets(list(page.object_list))
        for notification in items:
            notification.shown = notifications.describe(notification, user)
        return render(
            request,
            "partners/notifications.html",
            {
                "page_obj": page,
                "notifications": items,
                "has_unread": any(not n.read_at for n in items),
            },
        )

    def post(self, request):
        notifications.mark_read(request.user)
        return redirect("partners:notifications")


class NotificationOpenView(LoginRequiredMixin, View):
    """Following a notification marks it read, then goes to its target (if still visible)."""

    def get(self, request, pk):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        kind = notifications.kind_of(notification)
        if kind is None or not access.can_view(request.user, notification, purpose=access.READ):
            notification.delete()
            raise Http404
        notifications.mark_read(request.user, pks=[notification.pk])
        return redirect(kind.url(notification.target))
