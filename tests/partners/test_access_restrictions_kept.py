"""The table of view restrictions is kept per worker (home.chrome, as plain values): every
change that can widen or narrow who sees a page or a document takes effect on the very next
request, without any query of the table in between."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from home.factories import StandardPageFactory
from partners import access
from partners.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _sees(user, page) -> bool:
    access.forget(user)  # a new request
    page = Page.objects.get(pk=page.pk)
    listed = access.visible(Page.objects.filter(pk=page.pk), user, purpose=access.READ).exists()
    assert listed == access.can_view(user, page, purpose=access.READ)
    return listed


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, slug="kept", title="Kept")


def test_a_new_restriction_its_groups_and_its_removal_apply_at_once(page, member):
    visitor = AnonymousUser()
    insider = MembershipFactory(user__username="insider").user
    group, other = GroupFactory(), GroupFactory()
    insider.groups.add(group)
    assert _sees(visitor, page) and _sees(member, page)

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert not _sees(visitor, page) and _sees(member, page)

    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.add(other)
    assert not _sees(member, page) and not _sees(insider, page)

    restriction.groups.add(group)
    assert _sees(insider, page) and not _sees(member, page)

    restriction.groups.remove(group)
    assert not _sees(insider, page)

    restriction.groups.clear()
    restriction.groups.add(group)
    restriction.delete()
    assert _sees(visitor, page) and _sees(member, page)


def test_a_page_moved_under_a_restricted_section_is_hidden_at_once(home_page, page, member):
    section = StandardPageFactory(parent=home_page, slug="section", title="Section")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert _sees(AnonymousUser(), page)
    page.move(section, pos="last-child")
    assert not _sees(AnonymousUser(), page) and _sees(member, page)


def test_the_restricted_section_deleted_leaves_nothing_behind(home_page, page):
    section = StandardPageFactory(parent=home_page, slug="gone", title="Gone")
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    page.move(section, pos="last-child")
    assert not _sees(AnonymousUser(), page)
    page.move(home_page, pos="last-child")
    section.delete()
    assert _sees(AnonymousUser(), page)


def test_a_collection_restriction_applies_to_its_documents_at_once(member):
    from wagtail_factories import DocumentFactory

    collection = Collection.get_first_root_node().add_child(name="Kept files")
    document = DocumentFactory(collection=collection, title="kept.txt")
    documents = get_document_model().objects.filter(pk=document.pk)
    visitor = AnonymousUser()
    assert access.visible(documents, visitor, purpose=access.READ).exists()
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    access.forget(visitor)
    assert not access.visible(documents, visitor, purpose=access.READ).exists()
    access.forget(member)
    assert access.visible(documents, member, purpose=access.READ).exists()
    restriction.delete()
    access.forget(visitor)
    assert access.visible(documents, visitor, purpose=access.READ).exists()


def test_the_table_is_read_once_until_something_changes(page, member, django_assert_num_queries):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    access.PAGE_RESTRICTIONS.denied_paths(AnonymousUser())  # read and kept
    with django_assert_num_queries(0):
        assert access.PAGE_RESTRICTIONS.denied_paths(AnonymousUser()) == (page.path,)
    group = GroupFactory()
    restriction = PageViewRestriction.objects.get(page=page)
    restriction.groups.add(group)  # a change: read again (restrictions, then their groups)
    with django_assert_num_queries(2):
        assert access.PAGE_RESTRICTIONS.denied_paths(AnonymousUser()) == (page.path,)


def test_without_a_shared_cache_the_table_is_read_on_every_request(
    page, settings, django_assert_num_queries
):
    """A worker with a cache of its own would never hear of a restriction another worker
    added (production without REDIS_URL): nothing is kept there."""
    settings.GPE_SHARED_CACHE = False
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for _request in range(2):
        with django_assert_num_queries(2):  # the restrictions, their groups
            assert access.PAGE_RESTRICTIONS.denied_paths(AnonymousUser()) == (page.path,)
