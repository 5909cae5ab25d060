"""Members submit a practice without admin access, and follow its review on their own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from partners import access

from . import services
from .forms import ATTACHMENTS_HELP, SubmissionForm, check_upload
from .models import PracticeSubmission


def _catalogue(request):
    from .wagtail_hooks import catalogue_for

    index = catalogue_for(request)
    if index is None:
        raise Http404
    return index


def check_may_submit(user) -> None:
    if not access.is_member(user):
        raise Http404  # not a 403 that says the page exists


@login_required
def submit(request):
    check_may_submit(request.user)
    index = _catalogue(request)
    languages = services.submission_languages(index)
    held = []
    upload_errors = []
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, user=request.user, languages=languages)
        files = request.FILES.getlist("attachments")
        accepted = []
        for upload in files:
            problem = check_upload(upload)
            if problem:
                upload_errors.append(problem)
            else:
                accepted.append(upload)
        held = services.hold_uploads(request.user, accepted, keep=request.POST.getlist("pending"))
        if form.is_valid() and not upload_errors:
            submission = services.submit_practice(
                request.user, index=index, data=form.cleaned_data, uploads=held
            )
            messages.success(
                request,
                _("Thank you: “%(title)s” is with the editors for review.")
                % {"title": submission.title},
            )
            return redirect("practices:submissions")
    else:
        form = SubmissionForm(user=request.user, languages=languages)
    return render(
        request,
        "practices/submit.html",
        {
            "form": form,
            "held": held,
            "upload_errors": upload_errors,
            "catalogue_page": index,
            "attachments_help": ATTACHMENTS_HELP,
        },
    )


@login_required
def submissions(request):
    check_may_submit(request.user)
    rows = access.visible(
        PracticeSubmission.objects.for_account(request.user), request.user, purpose=access.READ
    )
    return render(request, "practices/submissions.html", {"submissions": rows})
