from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home import hooks as home_hooks
from home.models import AnnexPage, PolicyDocumentPage, PolicyFeedback, PolicyPage, PolicyVersion
from home.policy import services
from home.views import RESTRICTED_FILE
from partners import access


@hooks.register("before_serve_page", order=-100)
def hide_pages_the_user_may_not_see(page, request, serve_args, serve_kwargs):
    """404, not a login redirect that names the page: see DESIGN "Security decisions"."""
    if not access.can_serve_page(request.user, page):
        raise Http404


@hooks.register("before_serve_document", order=-100)
def hide_documents_the_user_may_not_see(document, request):
    """Documents follow their collection's restrictions with GPE's meaning ("logged-in
    users" means member): 404 for anyone else, before Wagtail's own check would redirect to
    sign-in. Password-protected collections go on to Wagtail's password form."""
    if not access.can_serve_document(request.user, document):
        raise Http404
    if document.collection.get_view_restrictions().exists():
        setattr(request, RESTRICTED_FILE, True)


# --- The policy: publishing goes through the Editors' workflow ------------------------------

POLICY_MODEL_NAMES = {PolicyPage._meta.model_name, AnnexPage._meta.model_name}


def _is_policy_edit(context) -> bool:
    page = context.get("page")
    if page is not None:
        return isinstance(page.specific_deferred, PolicyDocumentPage)
    # The create view names the new page's type only in its URL.
    match = context["request"].resolver_match
    return bool(match) and match.kwargs.get("content_type_model_name") in POLICY_MODEL_NAMES


@hooks.register("construct_page_action_menu")
def publish_policy_only_through_workflow(menu_items, request, context):
    """No "Publish" button on the policy and its annexes: "Submit to Policy approval" is the
    way, and the Editors' approval publishes."""
    if _is_policy_edit(context):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _refuse_direct_publish(request):
    if request.method == "POST" and request.POST.get("action-publish"):
        return HttpResponseForbidden(
            _("The policy is published through the Policy approval workflow: submit it.")
        )
    return None


@hooks.register("before_edit_page")
def refuse_direct_policy_publish_on_edit(request, page):
    if isinstance(page, PolicyDocumentPage):
        if request.method == "POST" and request.POST.get("action") == "publish":
            return _submit_translation_for_approval(request, page)
        return _refuse_direct_publish(request)
    return None


def _submit_translation_for_approval(request, page):
    """wagtail-localize's translation editor (it serves a translation's edit view) publishes
    with ``action=publish``. For the policy that saves the translation as a draft and submits
    it to the Policy approval workflow instead: the Editors' approval publishes it."""
    from wagtail_localize.models import Translation

    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        return None
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(request, _("The translation has errors: fix them, then submit it again."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    page = Page.objects.get(pk=page.pk).specific
    if page.current_workflow_state is None:
        page.get_workflow().start(page, request.user)
    messages.success(
        request,
        _(
            "The %(language)s translation is saved and submitted to the Policy approval "
            "workflow: the Editors' approval publishes it."
        )
        % {"language": translation.target_locale.get_display_name()},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_admin_urls")
def update_policy_translations_without_publishing():
    """wagtail-localize's "Sync translated pages" can publish every translation at once; for
    the policy that is refused (this URL comes before wagtail-localize's own)."""
    from django.urls import path

    from home.policy.views import update_translations

    return [
        path(
            "localize/update/<int:translation_source_id>/",
            update_translations,
            name="gpe_update_translations",
        )
    ]


@hooks.register("register_admin_urls")
def translation_report_urls():
    from django.urls import path

    from home.translation_report import TranslationReportView

    return [
        path(
            "reports/translations/", TranslationReportView.as_view(), name="gpe_translation_report"
        ),
        path(
            "reports/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="gpe_translation_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def translation_report_menu_item():
    """Which translations are missing or out of date, page by page."""
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    class EditorsMenuItem(MenuItem):
        def is_shown(self, request):
            from wagtail.permission_policies.pages import PagePermissionPolicy

            return PagePermissionPolicy().user_has_permission(request.user, "change")

    return EditorsMenuItem(
        gettext_lazy("Translations"),
        reverse("gpe_translation_report"),
        name="gpe-translations",
        icon_name="globe",
        order=900,
    )


@hooks.register("before_create_page")
def refuse_direct_policy_publish_on_create(request, parent_page, page_class):
    if issubclass(page_class, PolicyDocumentPage):
        return _refuse_direct_publish(request)
    return None


# --- The policy's history is kept -----------------------------------------------------------


def _has_public_history(pages) -> bool:
    q = Q()
    for page in pages:
        for tree in (page, *page.get_translations()):
            q |= Q(page__path__startswith=tree.path)
    return bool(q) and PolicyVersion.objects.filter(q).exists()


@hooks.register("before_delete_page")
def keep_published_policy(request, page):
    """A published policy keeps its public history: unpublish it instead of deleting it."""
    if _has_public_history([page]):
        messages.error(
            request,
            _(
                "“%(title)s” has a public version history and cannot be deleted. Unpublish it "
                "instead."
            )
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "POST":
        services.release_unpublished_policy_revisions(page)
    return None


@hooks.register("before_bulk_action")
def publish_policy_only_through_workflow_in_bulk(
    request, action_type, objects, action_class_instance
):
    policy = [
        o for o in objects if isinstance(getattr(o, "specific_deferred", o), PolicyDocumentPage)
    ]
    if action_type == "publish" and policy:
        messages.error(
            request, _("The policy is published through the Policy approval workflow: submit it.")
        )
        return redirect(request.GET.get("next") or "wagtailadmin_explore_root")
    return None


@hooks.register("before_bulk_action")
def keep_published_policy_in_bulk(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], Page):
        if _has_public_history(objects):
            messages.error(
                request,
                _(
                    "A page you selected (or one below it) is a policy with a public version "
                    "history and cannot be deleted. Unpublish it instead."
                ),
            )
            return redirect("wagtailadmin_explore_root")
        if request.method == "POST":
            for page in objects:
                services.release_unpublished_policy_revisions(page)
    return None


# --- Dashboard: a review is coming up ------------------------------------------------------


class PolicyReviewPanel(Component):
    name = "policy_review"
    template_name = "home/admin/policy_review_panel.html"
    order = 90

    def __init__(self, policies):
        self.policies = policies

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        return {
            "policies": [
                {"page": page, "due": page.review_due, "overdue": page.review_due < today}
                for page in self.policies
            ]
        }


@hooks.register("construct_homepage_panels")
def add_policy_review_panel(request, panels):
    user = request.user
    if not (user.is_superuser or access.in_group(user, access.EDITORS)):
        return
    policies = services.policies_for_review(timezone.localdate())
    if policies:
        panels.append(PolicyReviewPanel(policies))


# --- Feedback in the admin -----------------------------------------------------------------


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Feedback arrives from the public form only: nobody adds or copies it in the admin."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PolicyFeedbackViewSet(ModelViewSet):
    model = PolicyFeedback
    name = "policy_feedback"
    url_prefix = "policy-feedback"
    icon = "mail"
    menu_label = gettext_lazy("Policy feedback")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["reference", "page", "section", "created_at", "status"]
    list_filter = ["status"]
    form_fields = ["status"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "page",
        "section",
        "message",
        "user",
        "email",
        "language",
        "created_at",
        "status",
    ]
    copy_view_enabled = False


register_permission_policy(
    PolicyFeedback, FeedbackPermissionPolicy(PolicyFeedback), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_policy_feedback_viewset():
    return PolicyFeedbackViewSet()


@hooks.register(home_hooks.HOME_SECTIONS)
def policy_on_the_home_page(request):
    """The policy in the visitor's language (else English), with its annexes."""
    from wagtail.models import Locale

    policies = access.visible(PolicyPage.objects.all(), request.user, purpose=access.HOME)
    policy = policies.filter(locale=Locale.get_active()).first() or policies.first()
    if policy is None:
        return None
    annexes = access.visible(AnnexPage.objects.child_of(policy), request.user, purpose=access.HOME)
    return home_hooks.HomeSection(
        title=_("Partnership Policy"),
        url=policy.url,
        more_label=_("Read the policy and its version history"),
        items=[
            {"title": policy.title, "url": policy.url, "meta": policy.version_label},
            *({"title": annex.title, "url": annex.url, "meta": ""} for annex in annexes),
        ],
        order=10,
    )


@hooks.register(home_hooks.DEMO_CONTENT)
def load_demo_content(command):
    from . import demo

    demo.load(command)
