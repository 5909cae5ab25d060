"""The policy's routes (RoutablePageMixin on PolicyPage and AnnexPage call these).

Only ``PolicyVersion`` rows, written when a revision is published, reach these views: a draft
revision is never listed, rendered or compared.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Revision

from home.models import SiteSettings
from home.policy import services
from home.policy.compare import ADDED, CHANGED, REMOVED, compare_documents
from home.policy.forms import CompareForm, FeedbackForm
from home.policy.render import render_body
from home.ratelimit import allow, client_ip
from partners import access

# Feedback per hour: visitors by address, members by account.
ANONYMOUS_FEEDBACK_PER_HOUR = 5
MEMBER_FEEDBACK_PER_HOUR = 20


def _context(page, request, **extra):
    return {"page": page, "self": page, "request": request, **extra}


def _in_other_languages(page, request, route: str):
    """(locale, URL of ``route``) for the page's translations the user may see."""
    translations = page.get_translations().select_related("locale")
    pages = access.visible(translations, request.user, purpose=access.READ)
    subpath = page.reverse_subpage(route)
    return [(translation.locale, translation.get_url(request) + subpath) for translation in pages]


def version_history(page, request):
    versions = list(page.versions())
    # Each version with the one published before it, for "compare with the version before".
    rows = list(zip(versions, [*versions[1:], None], strict=True))
    compare_form = None
    if len(versions) > 1:
        compare_form = CompareForm(
            versions=versions, initial={"old": versions[1].number, "new": versions[0].number}
        )
    return TemplateResponse(
        request,
        "home/policy_versions.html",
        _context(
            page,
            request,
            rows=rows,
            compare_form=compare_form,
            translations=_in_other_languages(page, request, "versions"),
        ),
    )


def version_detail(page, request, number):
    version = page.versions().with_revision().filter(number=number).first()
    if version is None:
        return _redirect_old_address(page, request, number)
    old = page.as_saved_in(version.revision)
    latest = page.versions().first()
    return TemplateResponse(
        request,
        "home/policy_version.html",
        _context(
            page,
            request,
            version=version,
            latest=latest,
            old_page=old,
            body=render_body(old.body),
            is_current=latest.pk == version.pk,
        ),
    )


def _redirect_old_address(page, request, version_id):
    """Versions were once addressed by their database id (/versions/6/). Such an address,
    when it is no version number of this page but the id of one of its published versions,
    moves permanently to that version's number; anything else is not found (a draft has no
    version row, so nothing unpublished can be named this way)."""
    number = page.versions().filter(pk=version_id).values_list("number", flat=True).first()
    if number is None:
        raise Http404
    return redirect(
        page.get_url(request) + page.reverse_subpage("version", args=(number,)), permanent=True
    )


def compare_versions(page, request):
    versions = list(page.versions())
    translations = _in_other_languages(page, request, "compare")
    if len(versions) < 2:
        return TemplateResponse(
            request, "home/policy_compare.html", _context(page, request, translations=translations)
        )
    if "old" in request.GET or "new" in request.GET:
        form = CompareForm(request.GET, versions=versions)
    else:
        # No choice yet: the latest version against the one before it.
        form = CompareForm(
            {"old": versions[1].number, "new": versions[0].number}, versions=versions
        )
    if not form.is_valid():
        return TemplateResponse(
            request,
            "home/policy_compare.html",
            _context(page, request, form=form, translations=translations),
            status=400,
        )
    old_version = form.versions[form.cleaned_data["old"]]
    new_version = form.versions[form.cleaned_data["new"]]
    revisions = Revision.objects.in_bulk([old_version.revision_id, new_version.revision_id])
    changes = compare_documents(
        page.as_saved_in(revisions[old_version.revision_id]),
        page.as_saved_in(revisions[new_version.revision_id]),
    )
    counts = {
        status: sum(1 for change in changes if change.status == status)
        for status in (CHANGED, ADDED, REMOVED)
    }
    return TemplateResponse(
        request,
        "home/policy_compare.html",
        _context(
            page,
            request,
            form=form,
            translations=translations,
            old_version=old_version,
            new_version=new_version,
            changes=changes,
            counts=counts,
        ),
    )


# --- Feedback -------------------------------------------------------------------------------


def may_send_feedback(request) -> bool:
    """Partner members may; visitors too when the editors allow it in the site settings."""
    if access.is_member(request.user):
        return True
    return SiteSettings.for_request(request).policy_feedback_from_anyone


def _feedback_allowed_now(request) -> bool:
    if request.user.is_authenticated:
        return allow(
            f"policy-feedback:user:{request.user.pk}", limit=MEMBER_FEEDBACK_PER_HOUR, period=3600
        )
    return allow(
        f"policy-feedback:ip:{client_ip(request)}", limit=ANONYMOUS_FEEDBACK_PER_HOUR, period=3600
    )


def feedback(page, request):
    if request.method != "POST":
        return redirect(page.get_url(request) + "#feedback")
    form = FeedbackForm(request.POST, page=page, user=request.user)
    status = 400
    if not may_send_feedback(request):
        form.add_error(None, _("Sign in as a partner member to send feedback."))
        status = 403
    elif not form.is_valid():
        pass
    elif not _feedback_allowed_now(request):
        form.add_error(
            None,
            _(
                "You have sent a lot of feedback in the last hour. Please try again later; "
                "your text is kept below."
            ),
        )
        status = 429
    else:
        sent = services.submit_feedback(
            page,
            message=form.cleaned_data["message"],
            section=form.cleaned_data["section"],
            user=request.user,
            email=form.cleaned_data.get("email", ""),
            language=get_language() or "",
        )
        messages.success(
            request,
            _("Thank you: the editors have your feedback. Your reference is %(reference)s.")
            % {"reference": sent.reference},
        )
        return redirect(page.get_url(request))
    # A rejected form is shown again with everything the person typed.
    response = page.render(request, context_overrides={"feedback_form": form})
    response.status_code = status
    return response


def update_translations(request, translation_source_id):
    """wagtail-localize's "Sync translated pages", without its "Publish immediately" for the
    policy (Editors approve each translation through the Policy approval workflow)."""
    from wagtail_localize.models import TranslationSource
    from wagtail_localize.views.update_translations import UpdateTranslationsView

    from home.models import PolicyDocumentPage

    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    model = source.specific_content_type.model_class()
    is_policy = model is not None and issubclass(model, PolicyDocumentPage)
    if request.method == "POST" and request.POST.get("publish_translations") and is_policy:
        messages.error(
            request,
            _(
                "The policy's translations are published through the Policy approval "
                "workflow: update them without publishing, then submit each translation."
            ),
        )
        return redirect(request.get_full_path())
    return UpdateTranslationsView.as_view()(request, translation_source_id=translation_source_id)
