"""Faults the canary suite and the XSS corpus found, each pinned by its own small test."""

import pytest
from wagtail.models import PageViewRestriction

from forum.factories import CategoryFactory, make_reply, make_topic
from home.factories import StandardPageFactory
from partners.models import Audience

pytestmark = pytest.mark.django_db


def test_reply_in_hidden_topic_does_not_name_it_on_the_forum_index(
    client_for, moderator, member, site
):
    """A moderator may still write in a topic they hid; the category's "last post" on the
    index must not become that topic (its title would show to everyone)."""
    from forum import services

    category = CategoryFactory(slug="open", audience=Audience.PUBLIC)
    topic = make_topic(category, member, title="Hidden-topic-title")
    make_topic(category, member, title="Visible-topic-title")
    services.set_topic_hidden(topic, True, moderator=moderator, reason="Names a place.")
    make_reply(topic, moderator, markdown="Why this is hidden.")

    category.refresh_from_db()
    assert category.last_post.topic.title == "Visible-topic-title"
    assert category.post_count == 1
    for user in (None, member):
        html = client_for(user).get("/en/forum/").content.decode()
        assert "Hidden-topic-title" not in html


def test_old_address_of_a_page_moved_into_a_group_section_names_nothing(
    client_for, home_page, member, group_member, working_group
):
    """Wagtail keeps a redirect from a moved page's old address. Followed to a page the
    visitor may not see, it would name the page's new place (its restricted parent's slug)."""
    section = StandardPageFactory(parent=home_page, title="Section", slug="group-section-slug")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([working_group])
    page = StandardPageFactory(parent=home_page, title="Moving", slug="moving")
    page.move(section, pos="last-child")

    for user in (None, member):
        response = client_for(user).get("/en/moving/")
        assert response.status_code == 404
        assert "group-section-slug" not in response.content.decode()
    response = client_for(group_member).get("/en/moving/")
    assert response.status_code == 301
    assert response["Location"].endswith("/group-section-slug/moving/")


@pytest.fixture
def staff_with_mfa(moderator, editor):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Group

    from partners.factories import UserFactory

    organiser = UserFactory(username="organiser")
    organiser.groups.add(Group.objects.get_or_create(name="Event organisers")[0])
    for user in (moderator, editor, organiser):
        TOTP.activate(user, generate_totp_secret())
    return {"moderator": moderator, "editor": editor, "event_organiser": organiser}


def test_page_chooser_is_for_page_editors_only(client_for, home_page, staff_with_mfa):
    """Wagtail's page chooser listed drafts and group-only pages to every admin user."""
    StandardPageFactory(parent=home_page, title="Draft-page-title", live=False)
    paths = ("/admin/choose-page/", f"/admin/choose-page/{home_page.pk}/")
    for role in ("moderator", "event_organiser"):
        for path in paths:
            # (LocaleMiddleware sends the 404 on to /en/…, where it is a 404 again.)
            response = client_for(staff_with_mfa[role]).get(path, follow=True)
            assert response.status_code == 404, (role, path)
            assert "Draft-page-title" not in response.content.decode()
    response = client_for(staff_with_mfa["editor"]).get(paths[1])
    assert response.status_code == 200
    assert "Draft-page-title" in response.content.decode()


def test_tag_autocomplete_offers_only_tags_of_topics_one_may_find(
    client_for, staff_with_mfa, working_group, site
):
    """Wagtail's tag autocomplete offered every tag, a group-only topic's included."""
    author = staff_with_mfa["moderator"]
    make_topic(CategoryFactory(slug="open"), author, tags=["tagopen"])
    group_category = CategoryFactory(slug="wg", audience=Audience.GROUPS, groups=[working_group])
    make_topic(group_category, author, tags=["taggroup"])
    for role in ("editor", "event_organiser"):
        response = client_for(staff_with_mfa[role]).get("/admin/tag-autocomplete/?term=tag")
        assert response.json() == ["tagopen"], role


def test_category_chooser_is_for_category_managers_only(
    client_for, staff_with_mfa, working_group, site
):
    """Wagtail's snippet chooser listed every forum category, group-only ones included, to
    every admin user."""
    CategoryFactory(name="Group-category-name", audience=Audience.GROUPS, groups=[working_group])
    path = "/admin/snippets/choose/forum/category/"
    response = client_for(staff_with_mfa["event_organiser"]).get(path, follow=True)
    assert response.status_code == 404
    assert "Group-category-name" not in response.content.decode()
    response = client_for(staff_with_mfa["editor"]).get(path)
    assert response.status_code == 200
    assert "Group-category-name" in response.content.decode()


def test_a_tag_too_long_is_refused_by_the_form(client_for, member, site):
    """A tag longer than a tag name may be was a server error on PostgreSQL (found by the XSS
    corpus, whose attack strings went into the tags field)."""
    category = CategoryFactory(slug="open")
    response = client_for(member).post(
        f"/en/forum/c/{category.slug}/new/",
        {"title": "A title", "markdown": "Text.", "language": "en", "tags": "t" * 101},
    )
    assert response.status_code == 400
    assert "A tag may be up to 100 characters long." in response.content.decode()
