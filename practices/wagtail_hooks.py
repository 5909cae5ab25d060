"""Practices in the admin (taxonomy snippets, the publish safety check) and on the shared
surfaces (home section, menu, notifications, data export, deletion, demo)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home import hooks as home_hooks
from home.translations import other_language, url_in_reader_language
from partners import access

from . import safety
from .models import PracticeIndexPage, PracticePage, Principle, Region, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "locale", "order"]
    search_fields = ["name"]


class PrincipleViewSet(SnippetViewSet):
    model = Principle
    icon = "tick-inverse"
    list_display = ["name", "slug", "locale", "order"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "slug", "locale", "order"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Practice taxonomies")
    menu_icon = "tag"
    menu_order = 310
    items = (ThemeViewSet, PrincipleViewSet, RegionViewSet)


register_snippet(TaxonomyGroup)


# --- Safety before publishing -------------------------------------------------------------


def _refuse_unsafe_publish(request, page):
    """The editor's Publish button: the same rule as PracticePage.publish, as a message."""
    if not isinstance(page, PracticePage):
        return None
    try:
        safety.check_may_publish(page)
    except ValidationError:
        messages.error(request, safety.REFUSAL)
        if page.pk:
            return redirect("wagtailadmin_pages:edit", page.pk)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


hooks.register("before_publish_page", _refuse_unsafe_publish)


# --- Shared surfaces ------------------------------------------------------------------------


def catalogue_for(request):
    """The practice catalogue in the request's language (else any) if the reader may see it.
    Kept with the page-tree chrome (home.chrome), so the menu costs no query once warm."""
    from django.utils.translation import get_language

    from home import chrome

    language = get_language()

    def find():
        live = PracticeIndexPage.objects.live().select_related("locale")
        return live.filter(locale__language_code=language).first() or live.first()

    index = chrome._kept(request, ("practices:catalogue", language), find)
    if index is None or not access.can_view(request.user, index, purpose=access.READ):
        return None
    return index


@hooks.register(home_hooks.MENU_ITEMS)
def practices_in_the_menu(request):
    index = catalogue_for(request)
    if index is None:
        return []
    url = url_in_reader_language(request, index)
    return [home_hooks.MenuItem(label=_("Practices"), url=url, order=30, section=url)]


@hooks.register(home_hooks.HOME_SECTIONS)
def latest_practices_on_the_home_page(request):
    """The newest practices this visitor may see, one per practice in their language."""
    index = catalogue_for(request)
    if index is None:
        return None
    from django.http import QueryDict

    from .catalogue import Catalogue

    catalogue = Catalogue(index, QueryDict(), request.user, purpose=access.HOME, request=request)
    entries = catalogue.attach_pages(catalogue.results[:5])
    url = url_in_reader_language(request, index)
    return home_hooks.HomeSection(
        title=_("Latest practices"),
        url=url,
        more_label=_("All practices"),
        items=[
            {
                "title": entry.page.title,
                "url": entry.page.get_url(request),
                "meta": entry.page.summary[:140],
                "language": other_language(entry.page),
            }
            for entry in entries
        ]
        + [
            {
                "title": _("Results of phased-out partnerships"),
                "url": index.get_url(request) + "?phase=phased-out",
                "meta": "",
            }
        ],
        order=15,
    )


@hooks.register("before_edit_page")
def warn_about_identifying_details(request, page):
    """Say why "Publish" and "Approve" will refuse, before anyone tries."""
    if (
        request.method == "GET"
        and isinstance(page, PracticePage)
        and not safety.may_publish(page.get_latest_revision_as_object())
    ):
        messages.warning(request, safety.REFUSAL)


@hooks.register(home_hooks.MENU_ITEMS)
def submissions_in_the_menu(request):
    """No hook adds sections to the account page: members reach their submissions (and the
    form) from the menu."""
    from django.urls import reverse

    if not access.is_member(request.user):
        return []
    url = reverse("practices:submissions")
    return [home_hooks.MenuItem(label=_("Your practices"), url=url, order=31, section=url)]


@hooks.register(home_hooks.NOTIFICATION_KINDS)
def practice_notification_kinds():
    from django.urls import reverse

    from partners.notifications import NotificationKind

    verbs = {
        "published": _("Your practice was published"),
        "changes_requested": _("The editors asked for changes to your practice"),
    }
    new_practice = NotificationKind(
        name="practices.new_practice",
        verb=_("New practice in a theme or region you follow"),
        target="practices.PracticePage",
        title=lambda page: page.title,
        url=lambda page: page.url,
        excerpt=lambda page: page.summary[:300],
    )
    return [new_practice] + [
        NotificationKind(
            name=f"practices.{name}",
            verb=verb,
            target="practices.PracticeSubmission",
            title=lambda submission: submission.title,
            url=lambda submission: reverse("practices:submissions"),
        )
        for name, verb in verbs.items()
    ]


@hooks.register(home_hooks.DATA_EXPORT)
def export_submissions(user):
    from .models import PracticeSubmission

    return (
        "practice_submissions",
        [
            {
                "title": s.title,
                "status": s.status,
                "audience": s.audience,
                "language": s.language_code,
                "note_to_editors": s.note_to_editors,
                "reviewer_comment": s.reviewer_comment,
                "submitted_at": s.created_at.isoformat(),
            }
            for s in PracticeSubmission.objects.filter(submitter=user).order_by("pk")
        ],
    )


@hooks.register(home_hooks.ACCOUNT_DELETION)
def delete_submissions(user):
    """The submission records (who submitted, their note) go; the practices stay, they
    belong to the partnership and carry nothing about the submitter."""
    from partners.notifications import delete_about

    from .models import PendingUpload, PracticeFollow, PracticeSubmission

    submissions = PracticeSubmission.objects.filter(submitter=user)
    delete_about(PracticeSubmission, list(submissions.values_list("pk", flat=True)))
    submissions.delete()
    PracticeFollow.objects.filter(user=user).delete()
    for pending in PendingUpload.objects.filter(submitter=user):
        pending.file.delete(save=False)
        pending.delete()


@hooks.register(home_hooks.DEMO_CONTENT)
def load_demo_content(command):
    from . import demo

    demo.load(command)
