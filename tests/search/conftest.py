"""Search fixtures: one piece of each kind of content per audience and state, all sharing the
word "monitoring" (titles) and "prisons" (texts), each with its own name to find it by."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from events.factories import EventIndexPageFactory, EventPageFactory
from forum import services as forum_services
from forum.factories import CategoryFactory, make_reply, make_topic
from home.factories import AnnexPageFactory, PolicyPageFactory, StandardPageFactory, policy_body
from partners.factories import MembershipFactory, PartnershipFactory
from partners.models import Audience, Partnership
from practices.factories import (
    PracticeIndexPageFactory,
    PracticePageFactory,
    RegionFactory,
    ThemeFactory,
)

ALL = {
    "anonymous",
    "non_member",
    "member",
    "group_member",
    "removed_member",
    "deactivated_member",
    "editor",
    "moderator",
    "superuser",
}
MEMBERS = {"member", "group_member", "editor", "moderator", "superuser"}

# Who finds each piece of content (partners.access, search purpose).
FINDS = {
    "policy": ALL,
    "annex": ALL,
    "page-public": ALL,
    "page-members": MEMBERS,
    "page-groups": {"group_member", "superuser"},
    "page-draft": set(),
    "practice-public": ALL,
    "practice-groups": {"group_member", "superuser"},
    "event-public": ALL,
    "event-members": MEMBERS,
    "topic-public": ALL,
    "topic-members": MEMBERS,
    "topic-groups": {"group_member", "moderator", "superuser"},
    "topic-sensitive": {"group_member"},
    "post-hidden": set(),
}


@pytest.fixture
def roles(
    anonymous,
    non_member,
    member,
    group_member,
    removed_member,
    deactivated_member,
    editor,
    moderator,
    superuser,
):
    return {
        "anonymous": anonymous,
        "non_member": non_member,
        "member": member,
        "group_member": group_member,
        "removed_member": removed_member,
        "deactivated_member": deactivated_member,
        "editor": editor,
        "moderator": moderator,
        "superuser": superuser,
    }


def _page(factory, parent, name, **kwargs):
    page = factory(
        parent=parent,
        title=f"{name} monitoring",
        slug=name,
        **kwargs,
    )
    return page


@pytest.fixture
def content(home_page, working_group):
    """{name: object} for every entry of FINDS, indexed as the site indexes them."""
    made = {}
    made["policy"] = PolicyPageFactory(
        parent=home_page,
        title="policy monitoring",
        slug="policy",
        summary="The policy on prisons and partners.",
        body=policy_body(("Purpose", "<p>Visits to prisons with partners.</p>", "s-1")),
    )
    made["annex"] = AnnexPageFactory(
        parent=made["policy"],
        title="annex monitoring",
        slug="annex",
        body=policy_body(("Who", "<p>Complaints from prisons.</p>", "a-1")),
    )
    for name in ("page-public", "page-members", "page-groups", "page-draft"):
        made[name] = _page(StandardPageFactory, home_page, name, intro=f"About prisons ({name}).")
    PageViewRestriction.objects.create(
        page=made["page-members"], restriction_type=PageViewRestriction.LOGIN
    )
    restriction = PageViewRestriction.objects.create(
        page=made["page-groups"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(working_group)
    catalogue = PracticeIndexPageFactory(parent=home_page)
    phased_out = PartnershipFactory(phase=Partnership.Phase.PHASED_OUT)
    region = RegionFactory(name="East Africa", slug="east-africa")
    theme = ThemeFactory(name="Detention monitoring", slug="detention")
    for name in ("practice-public", "practice-groups"):
        made[name] = _page(
            PracticePageFactory,
            catalogue,
            name,
            summary=f"About prisons ({name}).",
            contact="call-this-secret-number",
            partnership=phased_out,
            regions=[region],
            themes=[theme],
        )
    restriction = PageViewRestriction.objects.create(
        page=made["practice-groups"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(working_group)
    events = EventIndexPageFactory(parent=home_page, slug="events")
    for name in ("event-public", "event-members"):
        made[name] = _page(EventPageFactory, events, name, summary=f"About prisons ({name}).")
    PageViewRestriction.objects.create(
        page=made["event-members"], restriction_type=PageViewRestriction.LOGIN
    )
    pages = [made[n] for n in FINDS if n.startswith(("page-", "event-", "practice-"))]
    for page in (made["policy"], made["annex"], *pages):
        page.save_revision().publish()  # as editors publish: the pages get their dates
    made["page-draft"].unpublish()

    author = MembershipFactory(user__username="author").user
    author.groups.add(working_group)
    categories = {
        "public": CategoryFactory(audience=Audience.PUBLIC),
        "members": CategoryFactory(audience=Audience.MEMBERS),
        "groups": CategoryFactory(audience=Audience.GROUPS, groups=[working_group]),
        "sensitive": CategoryFactory(
            audience=Audience.GROUPS, groups=[working_group], is_sensitive=True
        ),
    }
    for name, category in categories.items():
        topic = make_topic(
            category,
            author,
            title=f"topic-{name} monitoring",
            markdown=f"Notes on prisons (topic-{name}).",
        )
        make_reply(topic, author, markdown=f"More on prisons (reply-{name}).")
        made[f"topic-{name}"] = topic
    hidden = make_reply(
        made["topic-public"], author, markdown="Hidden words about prisons (post-hidden)."
    )
    moderator = Group.objects.get_or_create(name="Moderators")[0]
    forum_services.set_post_hidden(hidden, True, moderator=_moderator(moderator), reason="test")
    made["post-hidden"] = hidden
    return made


def _moderator(group):
    user = MembershipFactory(user__username="content-moderator").user
    user.groups.add(group)
    return user
