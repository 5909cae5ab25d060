"""Writing: new topics, replies, edits, deletion, reactions, reports, following, solutions.

Each view: find what the user may see (404 otherwise), check the rule, call a service. A
refused or invalid form is shown again with everything the person typed.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from home.sanitize import render_markdown
from partners import access

from .. import services
from ..attachments import AttachmentNotStored
from ..conf import forum_setting
from ..forms import EditForm, ReactionForm, ReplyForm, ReportForm, SubscriptionForm, TopicForm
from ..markup import quote
from ..models import Draft
from ..permissions import (
    check_can_delete,
    check_can_draft,
    check_can_edit,
    check_can_mark_solved,
    check_can_post_pseudonymously,
    check_can_react,
    check_can_reply,
    check_can_report,
    check_can_see_history,
    check_can_start_topic,
    check_upload_allowed,
)
from .base import ForumMixin, post_location, visible_category, visible_post, visible_topic
from .members import wants_json


def not_stored_message() -> str:
    return _(
        "Your post was not published: one of its files could not be stored. Your text is "
        "kept below. Please choose the files again and send it once more, or try later."
    )


def check_before_reading_files(request) -> None:
    """A request that carries files counts against the upload limit before anything else."""
    if request.FILES:
        check_upload_allowed(request.user)


class NewTopicView(ForumMixin, View):
    template = "forum/topic_form.html"

    def get(self, request, slug):
        category = visible_category(request.user, slug)
        self.login_required()
        return self.render(self.template, category=category, form=TopicForm(category=category))

    def post(self, request, slug):
        category = visible_category(request.user, slug)
        self.login_required()
        # Permission and limits first: a refused request's files are never read or decoded.
        try:
            check_before_reading_files(request)
            check_can_start_topic(request.user, category)
        except PermissionDenied as denied:
            form = TopicForm(request.POST, category=category)  # the typed text, no files
            return self.render(
                self.template, status=403, category=category, form=form, error=str(denied)
            )
        form = TopicForm(request.POST, request.FILES, category=category)
        error = None
        if form.is_valid():
            try:
                if form.cleaned_data.get("pseudonymous"):
                    check_can_post_pseudonymously(request.user, category)
            except PermissionDenied as denied:
                error = str(denied)
            else:
                try:
                    topic = services.create_topic(
                        author=request.user,
                        category=category,
                        title=form.cleaned_data["title"],
                        markdown=form.cleaned_data["markdown"],
                        language=form.cleaned_data["language"],
                        tags=form.cleaned_data["tags"],
                        pseudonymous=bool(form.cleaned_data.get("pseudonymous")),
                        files=form.cleaned_data["attachments"],
                    )
                except AttachmentNotStored:
                    return self.render(
                        self.template,
                        status=503,
                        category=category,
                        form=form,
                        error=not_stored_message(),
                    )
                return redirect(topic.get_absolute_url())
        return self.render(
            self.template,
            status=400 if not error else 403,
            category=category,
            form=form,
            error=error,
        )


class ReplyView(ForumMixin, View):
    """Replying. Besides posting, the form's buttons preview the Markdown (rendered on the
    server by home.sanitize, as it will be stored) and keep the text as a draft on the
    server, one per member and topic (never in the browser: computers are shared)."""

    template = "forum/reply_form.html"

    def _reply_to(self, request, topic, pk):
        """A post the reply answers or quotes: one the user may see, in this topic."""
        if not pk:
            return None
        try:
            post = visible_post(request.user, int(pk))
        except (ValueError, Http404):
            return None
        return post if post.topic_id == topic.pk else None

    def _form(self, request, topic, **kwargs):
        return ReplyForm(request.POST, category=topic.category, topic=topic, **kwargs)

    def _page(self, topic, form, *, status=200, **context):
        return self.render(
            self.template, status=status, topic=topic, category=topic.category, form=form, **context
        )

    def get(self, request, pk):
        topic = visible_topic(request.user, pk)
        self.login_required()
        check_can_reply(request.user, topic)
        draft = Draft.objects.filter(user=request.user, topic=topic).first()
        initial = {}
        if draft is not None:
            initial = {"markdown": draft.markdown, "reply_to": draft.reply_to_id}
            if draft.language:
                initial["language"] = draft.language
        quoted = self._reply_to(request, topic, request.GET.get("quote"))
        answered = quoted or self._reply_to(request, topic, request.GET.get("to"))
        if answered is not None:
            initial["reply_to"] = answered.pk
        if quoted is not None:
            initial["markdown"] = "\n\n".join(
                filter(None, [initial.get("markdown"), quote(quoted)])
            )
        form = ReplyForm(initial=initial, category=topic.category, topic=topic)
        return self._page(topic, form, draft=draft, answered=answered)

    def post(self, request, pk):
        topic = visible_topic(request.user, pk)
        self.login_required()
        action = request.POST.get("action", "post")
        if action in ("preview", "draft", "discard"):
            check_before_reading_files(request)
            check_can_draft(request.user, topic)
            return self._keep(request, topic, action)
        # Permission and limits first: a refused request's files are never read or decoded.
        try:
            check_before_reading_files(request)
            check_can_reply(request.user, topic)
        except PermissionDenied as denied:
            form = self._form(request, topic)
            saved = self._save_draft(request, topic) if access.is_member(request.user) else None
            return self._page(topic, form, status=403, error=str(denied), draft=saved)
        form = ReplyForm(request.POST, request.FILES, category=topic.category, topic=topic)
        error = None
        if form.is_valid():
            try:
                if form.cleaned_data.get("pseudonymous"):
                    check_can_post_pseudonymously(request.user, topic.category)
            except PermissionDenied as denied:
                error = str(denied)
            else:
                try:
                    post = services.create_reply(
                        author=request.user,
                        topic=topic,
                        markdown=form.cleaned_data["markdown"],
                        language=form.cleaned_data["language"],
                        reply_to=self._reply_to(request, topic, form.cleaned_data.get("reply_to")),
                        pseudonymous=bool(form.cleaned_data.get("pseudonymous")),
                        files=form.cleaned_data["attachments"],
                    )
                except AttachmentNotStored:
                    return self._page(topic, form, status=503, error=not_stored_message())
                post.topic = topic
                topic.last_position = post.position
                return redirect(post_location(post))
        return self._page(topic, form, status=400 if not error else 403, error=error)

    def _save_draft(self, request, topic) -> Draft | None:
        language = request.POST.get("language", "")
        return services.save_draft(
            request.user,
            topic=topic,
            markdown=request.POST.get("markdown", "")[: ReplyForm.MAX_LENGTH],
            language=language if language in dict(settings.LANGUAGES) else "",
            reply_to=self._reply_to(request, topic, request.POST.get("reply_to")),
        )

    def _keep(self, request, topic, action):
        """Preview, save or discard the draft; nothing is posted and no file is kept."""
        if action == "discard":
            services.discard_draft(request.user, topic=topic)
            messages.success(request, _("Your draft is deleted."))
            return redirect(topic.get_absolute_url())
        draft = self._save_draft(request, topic)
        if action == "draft":
            if draft is not None:
                messages.success(
                    request,
                    _(
                        "Your draft is saved on the site (not on this device) for %(days)s "
                        "days. Files are not kept in drafts."
                    )
                    % {"days": forum_setting("DRAFT_DAYS")},
                )
            return redirect(f"{topic.get_absolute_url()}{_last_page_query(topic)}#reply")
        form = self._form(request, topic)
        markdown = request.POST.get("markdown", "")[: ReplyForm.MAX_LENGTH]
        preview = mark_safe(render_markdown(markdown))  # noqa: S308 - home.sanitize cleaned it
        return self._page(topic, form, preview=preview, draft=draft)


def _last_page_query(topic) -> str:
    return f"?page={topic.page_of(topic.last_position)}"


class EditPostView(ForumMixin, View):
    template = "forum/edit_form.html"

    def _post(self, request, pk):
        post = visible_post(request.user, pk)
        self.login_required()
        check_can_edit(request.user, post)
        return post

    def get(self, request, pk):
        post = self._post(request, pk)
        form = EditForm(
            initial={
                "markdown": post.markdown,
                "language": post.language,
                "title": post.topic.title,
                "version": post.edit_count,
            },
            is_first=post.is_first,
        )
        return self.render(self.template, post=post, topic=post.topic, form=form)

    def post(self, request, pk):
        post = self._post(request, pk)
        form = EditForm(request.POST, is_first=post.is_first)
        if not form.is_valid():
            return self.render(self.template, status=400, post=post, topic=post.topic, form=form)
        try:
            services.edit_post(
                post,
                editor=request.user,
                markdown=form.cleaned_data["markdown"],
                language=form.cleaned_data["language"],
                reason=form.cleaned_data["reason"],
                title=form.cleaned_data.get("title"),
                version=form.cleaned_data["version"],
            )
        except services.EditConflict:
            return self.conflict(request, pk)
        messages.success(request, _("Your changes are saved."))
        return redirect(post_location(post))

    def conflict(self, request, pk):
        """Someone saved the post since this form was opened: nothing is overwritten. The
        person's text stays in the form, now based on the saved version (saving again
        replaces it knowingly), and the saved version is shown above it."""
        post = self._post(request, pk)  # fresh: the version saved in the meantime
        data = request.POST.copy()
        data["version"] = str(post.edit_count)
        form = EditForm(data, is_first=post.is_first)
        form.is_valid()
        # Who saved it is not named: a pseudonymous author would be given away.
        return self.render(
            self.template, status=409, post=post, topic=post.topic, form=form, conflict=True
        )


class DeletePostView(ForumMixin, View):
    template = "forum/delete_confirm.html"

    def _post(self, request, pk):
        post = visible_post(request.user, pk)
        self.login_required()
        check_can_delete(request.user, post)
        return post

    def get(self, request, pk):
        post = self._post(request, pk)
        return self.render(self.template, post=post, topic=post.topic)

    def post(self, request, pk):
        post = self._post(request, pk)
        services.delete_own_post(post, user=request.user)
        messages.success(request, _("Your post is deleted."))
        if post.is_first:
            return redirect(post.topic.category.get_absolute_url())
        return redirect(post.topic.get_absolute_url())


class PostHistoryView(ForumMixin, View):
    """Earlier versions of a post: for its author and moderators only (404 for others)."""

    def get(self, request, pk):
        post = visible_post(request.user, pk)
        check_can_see_history(request.user, post)
        revisions = list(post.revisions.select_related("replaced_by__profile"))
        return self.render(
            "forum/post_history.html", post=post, topic=post.topic, revisions=revisions
        )


class ReactView(ForumMixin, View):
    def post(self, request, pk):
        post = visible_post(request.user, pk)
        self.login_required()
        form = ReactionForm(request.POST)
        check_can_react(request.user, post)
        if not form.is_valid():
            return redirect(post_location(post))
        kind = form.cleaned_data["kind"]
        mine = services.toggle_reaction(post, user=request.user, kind=kind)
        if wants_json(request):
            return JsonResponse({"mine": mine, "count": post.reaction_counts.get(kind, 0)})
        return redirect(post_location(post))


class ReportView(ForumMixin, View):
    template = "forum/report_form.html"

    def get(self, request, pk):
        post = visible_post(request.user, pk)
        self.login_required()
        check_can_report(request.user, post)
        return self.render(self.template, post=post, topic=post.topic, form=ReportForm())

    def post(self, request, pk):
        post = visible_post(request.user, pk)
        self.login_required()
        check_can_report(request.user, post)
        form = ReportForm(request.POST)
        if not form.is_valid():
            return self.render(self.template, status=400, post=post, topic=post.topic, form=form)
        services.report_post(post, reporter=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. A moderator will look at this post."))
        return redirect(post_location(post))


class SubscribeView(ForumMixin, View):
    """Watch, track or mute a topic (``kind="topic"``) or a category."""

    def post(self, request, kind, key):
        if kind == "topic" and key.isdigit():
            target = visible_topic(request.user, int(key))
        elif kind == "category":
            target = visible_category(request.user, key)
        else:
            raise Http404
        self.login_required()
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            services.set_subscription(
                request.user, level=form.cleaned_data["level"], **{kind: target}
            )
            if wants_json(request):
                return JsonResponse({"level": form.cleaned_data["level"]})
            messages.success(request, _("Your notification setting is saved."))
        return redirect(target.get_absolute_url())


class SolvedView(ForumMixin, View):
    def post(self, request, pk):
        post = visible_post(request.user, pk)
        self.login_required()
        topic = post.topic
        check_can_mark_solved(request.user, topic)
        if post.is_first:
            raise Http404
        clear = topic.solved_post_id == post.pk
        services.mark_solved(topic, None if clear else post, user=request.user)
        return redirect(post_location(post))
