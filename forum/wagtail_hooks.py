"""The forum in Wagtail's admin: categories as snippets (editors set names in every language,
the audience, sensitivity), and the moderation log, read-only."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet

from home import hooks as home_hooks
from partners import access

from .models import Category, ModerationAction, Topic


class _ForCategoryManagers:
    """Wagtail's snippet chooser lists every category, group-only and sensitive ones included,
    to anyone with admin access: only those who may see categories in the admin use it."""

    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(Category)
        if not policy.user_has_any_permission(request.user, ["view", "add", "change"]):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CategoryChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = type("ChooseView", (_ForCategoryManagers, snippet_chooser.ChooseView), {})
    choose_results_view_class = type(
        "ChooseResultsView", (_ForCategoryManagers, snippet_chooser.ChooseResultsView), {}
    )
    chosen_view_class = type(
        "ChosenView", (_ForCategoryManagers, snippet_chooser.SnippetChosenView), {}
    )
    chosen_multiple_view_class = type(
        "ChosenMultipleView",
        (_ForCategoryManagers, snippet_chooser.SnippetChosenMultipleView),
        {},
    )
    create_view_class = type(
        "CreateView", (_ForCategoryManagers, snippet_chooser.SnippetCreateView), {}
    )


class CategoryViewSet(SnippetViewSet):
    model = Category
    chooser_viewset_class = CategoryChooserViewSet
    icon = "folder-open-inverse"
    menu_label = _("Forum categories")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "audience", "is_sensitive", "allow_pseudonymous", "order"]
    list_filter = ["audience", "is_sensitive"]
    search_fields = ["name", "slug"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("colour"), FieldPanel("order")]),
                ],
                heading=_("Category"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel(f"name_{code}"), FieldPanel(f"description_{code}")],
                        heading=label,
                    )
                    for code, label in (
                        ("fr", _("French")),
                        ("es", _("Spanish")),
                        ("ar", _("Arabic")),
                    )
                ],
                heading=_("Translations"),
            ),
            ObjectList(
                [
                    FieldPanel("audience"),
                    FieldPanel("groups"),
                    FieldPanel("is_sensitive"),
                    FieldPanel("allow_pseudonymous"),
                ],
                heading=_("Audience and privacy"),
            ),
        ]
    )


class AppendOnlyPolicy(ModelPermissionPolicy):
    """The audit log is written by the forum only: nobody adds, changes or deletes lines in
    the admin, superusers included."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ModerationAction, AppendOnlyPolicy(ModerationAction))


class ModerationLogViewSet(SnippetViewSet):
    model = ModerationAction
    icon = "list-ul"
    menu_label = _("Forum moderation log")
    menu_order = 301
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["created_at", "action", "moderator", "topic", "reason"]
    list_filter = ["action"]


register_snippet(CategoryViewSet)
register_snippet(ModerationLogViewSet)


@hooks.register(home_hooks.HOME_SECTIONS)
def latest_topics_on_the_home_page(request):
    """The newest discussions this visitor may read; sensitive spaces stay off the home page,
    as they stay out of feeds and digests."""
    from django.urls import reverse

    topics = (
        access.visible(Topic.objects.all(), request.user, purpose=access.HOME)
        .select_related("category")
        .order_by("-last_posted_at", "-pk")[:5]
    )
    return home_hooks.HomeSection(
        title=_("Latest discussions"),
        url=reverse("forum:index"),
        more_label=_("Go to the forum"),
        items=[
            {
                "title": topic.title,
                "url": topic.get_absolute_url(),
                "meta": topic.category.display_name,
            }
            for topic in topics
        ],
        order=20,
    )


@hooks.register(home_hooks.DEMO_CONTENT)
def load_demo_content(command):
    from . import demo

    demo.load(command)


@hooks.register(home_hooks.MENU_ITEMS)
def forum_in_the_menu(request):
    from django.urls import reverse

    return [home_hooks.MenuItem(label=_("Forum"), url=reverse("forum:index"), order=50)]


@hooks.register(home_hooks.NOTIFICATION_KINDS)
def forum_notification_kinds():
    from django.urls import reverse

    from partners.notifications import NotificationKind

    from . import tasks

    verbs = {
        "mention": _("You were mentioned in"),
        "quote": _("You were quoted in"),
        "reply": _("New reply to you in"),
        "reaction": _("Someone reacted to your post in"),
        "bookmark_reminder": _("Reminder: your bookmark in"),
        "new_post": _("New post in"),
        "new_topic": _("New topic"),
    }
    return [
        NotificationKind(
            name=f"forum.{name}",
            verb=verb,
            target="forum.Post",
            title=lambda post: post.topic.title,
            url=lambda post: reverse("forum:post", args=[post.pk]),
            email=tasks.reminder_email_choice
            if name == "bookmark_reminder"
            else tasks.email_choice,
            email_template="forum/emails/notification",
            excerpt=tasks.excerpt,
            byline=tasks.byline,
            select_related=("topic__category", "author__profile"),
            settings_view="forum:preferences",
        )
        for name, verb in verbs.items()
    ]


@hooks.register(home_hooks.ACCOUNT_SECTIONS)
def forum_drafts_on_the_account_page(request):
    """The member's unposted replies (only their own, in topics they may still read) and
    links to their bookmarks and forum notification settings."""
    from .conf import forum_setting
    from .models import Draft

    if not access.is_member(request.user):
        return None
    drafts = (
        access.visible(Draft.objects.all(), request.user, purpose=access.READ)
        .select_related("topic")
        .order_by("-updated_at", "-pk")
    )
    return home_hooks.AccountSection(
        anchor="forum",
        title=_("Forum drafts and bookmarks"),
        template="forum/includes/account_section.html",
        context={"drafts": list(drafts), "days": forum_setting("DRAFT_DAYS")},
        order=50,
    )


@hooks.register(home_hooks.MAY_SEND_MAIL)
def no_mail_about_muted_topics(message) -> bool:
    from . import tasks

    return not tasks.is_muted(message)


@hooks.register(home_hooks.BACKUP_FOLDERS)
def forum_backup_folders():
    """Attachments live outside MEDIA_ROOT: backups must keep them too."""
    from .conf import private_root

    return {"forum-private": private_root()}
