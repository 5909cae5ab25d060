"""Pages and the Partnership Policy: public, members-only and group-only pages, a draft of a
live page, an unpublished and a scheduled page, a page moved into the group's section, the
policy's published versions, a revision replaced before it was ever published, a pending
draft, annexes, and feedback on the policy."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.factories import AnnexPageFactory, PolicyPageFactory, StandardPageFactory, policy_body
from home.models import PolicyVersion
from home.policy.services import submit_feedback

from .world import World


def _body(world: World, level: str, page: str) -> list:
    """A StreamField body with a marker in each text block."""
    return [
        {
            "type": "heading",
            "value": {"text": world.marker(level, f"home.{page}.body.heading"), "level": "h2"},
        },
        {
            "type": "paragraph",
            "value": f"<p>{world.marker(level, f'home.{page}.body.paragraph')}</p>",
        },
        {
            "type": "quote",
            "value": {
                "text": world.marker(level, f"home.{page}.body.quote"),
                "attribution": world.marker(level, f"home.{page}.body.attribution"),
            },
        },
    ]


def _standard_page(world: World, parent, level: str, name: str, **kwargs):
    return StandardPageFactory(
        parent=parent,
        title=world.marker(level, f"home.StandardPage.title ({name})"),
        slug=world.marker(level, f"home.StandardPage.slug ({name})"),
        seo_title=world.marker(level, f"home.StandardPage.seo_title ({name})"),
        search_description=world.marker(level, f"home.StandardPage.search_description ({name})"),
        intro=world.marker(level, f"home.StandardPage.intro ({name})"),
        body=_body(world, level, f"StandardPage ({name})"),
        **kwargs,
    )


def _restrict(page, *, groups=None):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.GROUPS if groups else PageViewRestriction.LOGIN,
    )
    if groups:
        restriction.groups.set(groups)


def _draft(world: World, page, level: str, name: str, *, go_live_at=None):
    """A new revision of ``page`` with markers, saved and not published."""
    draft = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.title = world.marker(level, f"home.{type(page).__name__}.title ({name})")
    if hasattr(draft, "intro"):
        draft.intro = world.marker(level, f"home.{type(page).__name__}.intro ({name})")
    if hasattr(draft, "summary"):
        draft.summary = world.marker(level, f"home.{type(page).__name__}.summary ({name})")
    draft.body = (
        _body(world, level, f"{type(page).__name__} ({name})")
        if hasattr(draft, "intro")
        else policy_body(
            (
                world.marker(level, f"home.{type(page).__name__}.body.heading ({name})"),
                f"<p>{world.marker(level, f'home.{type(page).__name__}.body.text ({name})')}</p>",
                "s-purpose",
            )
        )
    )
    if go_live_at is not None:
        draft.go_live_at = go_live_at
    return draft.save_revision(approved_go_live_at=go_live_at)


def plant(world: World) -> None:
    home = world.objects["home_page"]
    group: Group = world.objects["working_group"]
    home.intro = world.marker("public", "home.HomePage.intro")
    home.save_revision().publish()

    world.keep("public_page", _standard_page(world, home, "public", "public page"))
    members_page = world.keep(
        "members_page", _standard_page(world, home, "members", "members page")
    )
    _restrict(members_page)
    group_page = world.keep("group_page", _standard_page(world, home, "group_page", "group page"))
    _restrict(group_page, groups=[group])
    _standard_page(world, group_page, "group_page", "group page's child")

    live = world.keep("page_with_draft", StandardPageFactory(parent=home, title="Live page"))
    _draft(world, live, "draft", "draft of a live page")
    world.keep(
        "unpublished_page",
        _standard_page(world, home, "draft", "unpublished page", live=False),
    )
    scheduled = world.keep(
        "scheduled_page", StandardPageFactory(parent=home, title="Scheduled", live=False)
    )
    _draft(
        world,
        scheduled,
        "draft",
        "scheduled page",
        go_live_at=timezone.now() + datetime.timedelta(days=30),
    )
    # Public today; moved into the group's section once everyone has seen it (change()).
    world.keep("moving_page", StandardPageFactory(parent=home, title="Moving page", slug="moving"))
    world.marker("public", "home.StandardPage.title (the page that moves: public before)")

    # The policy: version 1.0 and 2.0 published (both public: the version history is), a
    # revision saved and replaced before it was ever published, and a pending draft.
    policy = world.keep(
        "policy",
        PolicyPageFactory(
            parent=home,
            slug="policy",
            summary=world.marker("public", "home.PolicyPage.summary"),
            change_summary=world.marker("public", "home.PolicyPage.change_summary (1.0)"),
            body=policy_body(
                (
                    world.marker("public", "home.PolicyPage.body.heading (1.0)"),
                    f"<p>{world.marker('public', 'home.PolicyPage.body.text (1.0)')}</p>",
                    "s-purpose",
                ),
                principle=f"<p>{world.marker('public', 'home.PolicyPage.body.principle')}</p>",
                notes=[("1", f"<p>{world.marker('public', 'home.PolicyPage.body.note')}</p>")],
            ),
        ),
    )
    policy.save_revision().publish()
    _draft(world, policy, "draft", "policy revision replaced before publication")
    version_two = type(policy).objects.get(pk=policy.pk).get_latest_revision_as_object()
    version_two.title = "Partnership Policy"
    version_two.summary = world.marker("public", "home.PolicyPage.summary (2.0)")
    version_two.version_label = "2.0"
    version_two.change_summary = world.marker("public", "home.PolicyPage.change_summary (2.0)")
    version_two.body = policy_body(
        (
            "Purpose",
            f"<p>{world.marker('public', 'home.PolicyPage.body.text (2.0)')}</p>",
            "s-purpose",
        )
    )
    version_two.save_revision().publish()
    _draft(world, policy, "draft", "pending policy draft")
    policy = world.keep("policy", type(policy).objects.get(pk=policy.pk))
    world.keep(
        "annex",
        AnnexPageFactory(
            parent=policy,
            slug="annex-1",
            title=world.marker("public", "home.AnnexPage.title"),
            summary=world.marker("public", "home.AnnexPage.summary"),
        ),
    )
    members_annex = world.keep(
        "members_annex",
        AnnexPageFactory(
            parent=policy,
            number=2,
            slug=world.marker("members", "home.AnnexPage.slug (members annex)"),
            title=world.marker("members", "home.AnnexPage.title (members annex)"),
            summary=world.marker("members", "home.AnnexPage.summary (members annex)"),
        ),
    )
    _restrict(members_annex)

    submit_feedback(
        policy,
        message=world.marker("feedback", "home.PolicyFeedback.message"),
        section=world.marker("feedback", "home.PolicyFeedback.section"),
        user=world.users["member"],
    )


def change(world: World) -> None:
    """The public page moves under the group page: its old address must not name it."""
    moving = Page.objects.get(pk=world.objects["moving_page"].pk).specific
    moving.title = world.marker("group_page", "home.StandardPage.title (moved into the group)")
    moving.save_revision().publish()
    moving.move(world.objects["group_page"], pos="last-child")
    world.objects["moved_page_old_url"] = "/en/moving/"


def url_values(world: World) -> dict[str, list]:
    """Every page in the tree (live or not, by the address it has or would have), the
    policy's own routes, and the address the moved page had."""
    policy = world.objects["policy"]
    paths = {page.url_path.removeprefix("/home/") for page in Page.objects.filter(depth__gt=2)}
    paths |= {"", "moving/"}
    for route in ("versions/", "compare/", "feedback/"):
        paths.add(f"policy/{route}")
    for number in PolicyVersion.objects.filter(page=policy).values_list("number", flat=True):
        paths.add(f"policy/versions/{number}/")
    kinds = ("home_page", "members_page", "group_page", "page_with_draft", "unpublished_page")
    kinds += ("scheduled_page", "moving_page", "policy", "members_annex")
    # "Not yet available in …" for every page, live or not: it names only what may be seen.
    not_translated = [
        {"page_id": pk} for pk in Page.objects.filter(depth__gt=1).values_list("pk", flat=True)
    ]
    return {
        "not_translated": not_translated,
        "wagtail_serve": sorted((path,) for path in paths),
        "_admin_pages": [world.objects[name].pk for name in kinds],
    }
