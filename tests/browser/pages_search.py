"""The search app's main page for the shared browser checks (tests/browser/pages.py): a query
with results of several kinds (a policy page, a practice, a forum topic) and a facet chosen."""

from .pages import MAIN_PAGES, MainPage, World, _reverse


def _searchable(world: World):
    """A public policy page, practice and topic sharing the word "prisons", indexed as the
    site indexes them (on publish and on posting)."""
    from forum.factories import CategoryFactory, make_topic
    from home.factories import PolicyPageFactory, policy_body
    from partners.factories import MembershipFactory
    from partners.models import Audience
    from practices.factories import PracticeIndexPageFactory, PracticePageFactory, ThemeFactory

    policy = PolicyPageFactory(
        parent=world.home["en"],
        title="Partnership policy",
        slug="policy",
        summary="The policy on visits to prisons with partners.",
        body=policy_body(("Purpose", "<p>Visits to prisons with partners.</p>", "s-1")),
    )
    catalogue = PracticeIndexPageFactory(parent=world.home["en"])
    theme = ThemeFactory(name="Detention monitoring", slug="detention")
    practice = PracticePageFactory(
        parent=catalogue,
        title="Monitoring prisons together",
        slug="monitoring-prisons",
        summary="Partners visit prisons in pairs and compare their notes.",
        themes=[theme],
    )
    for page in (policy, practice):
        page.save_revision().publish()
    category = CategoryFactory(name="Lessons learned", slug="lessons", audience=Audience.PUBLIC)
    author = MembershipFactory(user__username="author").user
    make_topic(
        category,
        author,
        title="Visiting prisons after the lockdown",
        markdown="Notes on prisons and on the **visits** we made.",
    )
    return _reverse("search:search") + "?q=prisons&type=practice"


MAIN_PAGES.append(
    MainPage("search (results and a facet)", _searchable, screenshot="search"),
)
