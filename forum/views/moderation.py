"""Moderators: the report queue, hiding and restoring, locking, pinning, moving, splitting,
silencing, and the audit log. Every action asks for a reason and is logged by the service."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .. import services
from ..forms import MoveForm, ReasonForm, ResolveReportForm, SilenceForm, SplitForm
from ..models import Category, ModerationAction, Report, Silence
from ..permissions import check_can_moderate
from .base import ForumMixin, post_location, visible_post, visible_topic


class ModeratorMixin(ForumMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        check_can_moderate(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.login_required()
        return self.show(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.login_required()
        return self.act(request, *args, **kwargs)


class QueueView(ModeratorMixin, View):
    def show(self, request):
        reports = list(Report.objects.open().for_queue())
        silences = list(Silence.objects.active().select_related("user__profile").order_by("until"))
        return self.render(
            "forum/moderation/queue.html",
            reports=reports,
            silences=silences,
            form=ResolveReportForm(),
        )


class ResolveReportView(ModeratorMixin, View):
    def act(self, request, pk):
        report = get_object_or_404(Report.objects.open(), pk=pk)
        form = ResolveReportForm(request.POST)
        if form.is_valid():
            services.resolve_report(
                report, moderator=request.user, resolution=form.cleaned_data["resolution"]
            )
            messages.success(request, _("The report is closed."))
        else:
            messages.error(request, _("Say what was done before closing a report."))
        return redirect("forum:moderation")


class PostModerationView(ModeratorMixin, View):
    """Hide or restore one post (``action`` is "hide" or "restore")."""

    def act(self, request, pk):
        post = visible_post(request.user, pk)
        form = ReasonForm(request.POST)
        action = request.POST.get("action")
        if action not in ("hide", "restore") or not form.is_valid():
            messages.error(request, _("Give a reason: it goes into the moderation log."))
            return redirect(post_location(post))
        services.set_post_hidden(
            post, action == "hide", moderator=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Done."))
        return redirect(post_location(post))


TOPIC_ACTIONS = {
    "lock": (services.set_topic_locked, True),
    "unlock": (services.set_topic_locked, False),
    "pin": (services.set_topic_pinned, True),
    "unpin": (services.set_topic_pinned, False),
    "hide": (services.set_topic_hidden, True),
    "restore": (services.set_topic_hidden, False),
}


class TopicModerationView(ModeratorMixin, View):
    def act(self, request, pk):
        topic = visible_topic(request.user, pk)
        form = ReasonForm(request.POST)
        action = TOPIC_ACTIONS.get(request.POST.get("action", ""))
        if action is None or not form.is_valid():
            messages.error(request, _("Give a reason: it goes into the moderation log."))
            return redirect(topic.get_absolute_url())
        service, value = action
        service(topic, value, moderator=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Done."))
        return redirect(topic.get_absolute_url())


class MoveTopicView(ModeratorMixin, View):
    template = "forum/moderation/move.html"

    def show(self, request, pk):
        topic = visible_topic(request.user, pk)
        form = MoveForm(categories=Category.objects.exclude(pk=topic.category_id))
        return self.render(self.template, topic=topic, form=form)

    def act(self, request, pk):
        topic = visible_topic(request.user, pk)
        form = MoveForm(request.POST, categories=Category.objects.exclude(pk=topic.category_id))
        if not form.is_valid():
            return self.render(self.template, status=400, topic=topic, form=form)
        services.move_topic(
            topic,
            category=form.cleaned_data["category"],
            moderator=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("The topic is moved."))
        return redirect(topic.get_absolute_url())


class SplitTopicView(ModeratorMixin, View):
    template = "forum/moderation/split.html"

    def _form(self, topic, data=None):
        replies = list(
            topic.posts.filter(position__gt=1)
            .select_related("author__profile")
            .order_by("position")
        )
        form = SplitForm(
            data,
            categories=Category.objects.all(),
            replies=replies,
            initial={"category": topic.category_id},
        )
        return form, replies

    def show(self, request, pk):
        topic = visible_topic(request.user, pk)
        form, replies = self._form(topic)
        return self.render(self.template, topic=topic, form=form, replies=replies)

    def act(self, request, pk):
        topic = visible_topic(request.user, pk)
        form, replies = self._form(topic, request.POST)
        if not form.is_valid():
            return self.render(self.template, status=400, topic=topic, form=form, replies=replies)
        chosen = {int(pk) for pk in form.cleaned_data["posts"]}
        new = services.split_topic(
            topic,
            posts=[p for p in replies if p.pk in chosen],
            title=form.cleaned_data["title"],
            category=form.cleaned_data["category"],
            moderator=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("The replies are in a new topic."))
        return redirect(new.get_absolute_url())


class SilenceView(ModeratorMixin, View):
    template = "forum/moderation/silence.html"

    def _member(self, pk):
        return get_object_or_404(get_user_model().objects.select_related("profile"), pk=pk)

    def show(self, request, pk):
        member = self._member(pk)
        silences = list(Silence.objects.filter(user=member).order_by("-created_at"))
        return self.render(self.template, member=member, silences=silences, form=SilenceForm())

    def act(self, request, pk):
        member = self._member(pk)
        if request.POST.get("action") == "lift":
            form = ReasonForm(request.POST)
            if form.is_valid():
                services.lift_silences(
                    member, moderator=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The member can post again."))
                return redirect("forum:moderation")
        else:
            form = SilenceForm(request.POST)
            if form.is_valid():
                until = timezone.now() + timedelta(days=form.cleaned_data["days"])
                services.silence_member(
                    member, until=until, moderator=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The member is silenced."))
                return redirect("forum:moderation")
        silences = list(Silence.objects.filter(user=member).order_by("-created_at"))
        return self.render(self.template, status=400, member=member, silences=silences, form=form)


class LogView(ModeratorMixin, View):
    def show(self, request):
        actions = ModerationAction.objects.select_related(
            "moderator__profile", "member__profile", "topic", "post"
        )
        page = Paginator(actions, 50).get_page(request.GET.get("page"))
        return self.render("forum/moderation/log.html", page_obj=page)
