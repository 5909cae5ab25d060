"""Members submit a practice without admin access, and follow its review on their own page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from partners import access
from partners.models import Partnership

from . import services
from .forms import (
    ATTACHMENTS_HELP,
    PHASE_OUT_PHASES,
    PhaseOutForm,
    RevisionForm,
    Share,
    SubmissionForm,
    check_upload,
)
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


@login_required
def revise(request, pk: int):
    """The submitter revises a draft the editors sent back, with their comment beside the
    form, and sends it back for review. A 404 for anyone else, and for a submission that is
    not waiting for changes."""
    check_may_submit(request.user)
    submission = (
        access.visible(
            PracticeSubmission.objects.for_account(request.user), request.user, purpose=access.READ
        )
        .filter(pk=pk, status=PracticeSubmission.Status.CHANGES_REQUESTED, page__isnull=False)
        .first()
    )
    if submission is None:
        raise Http404
    index = _catalogue(request)
    languages = services.submission_languages(index)
    if request.method == "POST":
        form = RevisionForm(request.POST, user=request.user, languages=languages)
        if form.is_valid():
            services.resubmit(submission, form.cleaned_data)
            messages.success(
                request,
                _("Thank you: “%(title)s” is back with the editors for review.")
                % {"title": submission.title},
            )
            return redirect("practices:submissions")
    else:
        form = RevisionForm(
            initial=services.revision_initial(submission), user=request.user, languages=languages
        )
    return render(
        request,
        "practices/revise.html",
        {"form": form, "submission": submission, "catalogue_page": index},
    )


_IN_SPACE = access.MembersOf("working_group")


def phase_out_partnership(user, pk: int) -> Partnership:
    """The partnership ``pk`` if ``user`` may turn its record into a practice: they are in its
    space (its working group: the members of its partner organisations and its staff, as
    the partnership space keeps it) and it is being or has been phased out. A 404 for
    everyone else, whatever their role or the reason."""
    check_may_submit(user)
    partnership = Partnership.objects.filter(pk=pk, phase__in=PHASE_OUT_PHASES).with_texts().first()
    if partnership is None or not _IN_SPACE.allows(user, partnership):
        raise Http404
    return partnership


@login_required
def phase_out(request, pk: int):
    """The phase-out form: the partnership's record, item by item public, members-only or
    kept in the space, becomes a draft practice in the Practice review workflow."""
    partnership = phase_out_partnership(request.user, pk)
    index = _catalogue(request)
    languages = services.submission_languages(index)
    form = PhaseOutForm(
        request.POST or None, user=request.user, languages=languages, partnership=partnership
    )
    if request.method == "POST" and form.is_valid():
        submission = services.submit_phase_out(
            request.user, index=index, partnership=partnership, data=form.cleaned_data
        )
        messages.success(
            request,
            _("Thank you: “%(title)s” is with the editors for review.")
            % {"title": submission.title},
        )
        return redirect("practices:submissions")
    return render(
        request,
        "practices/phase_out.html",
        {"form": form, "partnership": partnership, "catalogue_page": index, "shares": Share},
    )
