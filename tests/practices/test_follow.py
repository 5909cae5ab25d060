"""Members follow a theme or region and hear of new practices they may read, once."""

import pytest
from wagtail.models import PageViewRestriction

from partners.models import Notification
from practices.factories import PracticePageFactory
from practices.models import PracticeFollow

pytestmark = pytest.mark.django_db


def publish_new(catalogue_page, *, restrict_to=None, **kwargs):
    """A practice published for the first time, as the workflow or an editor would."""
    page = PracticePageFactory(parent=catalogue_page, live=False, **kwargs)
    if restrict_to is not None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([restrict_to])
    page.save_revision().publish()
    return page


def test_follow_toggles_from_the_catalogue(client_for, catalogue_page, member, themes):
    client = client_for(member)
    url = catalogue_page.url + "follow/"
    html = client.get(catalogue_page.url + "?theme=legal-aid").content.decode()
    assert "Follow new practices in “Legal aid”" in html
    response = client.post(url, {"kind": "theme", "slug": "legal-aid"})
    assert response.status_code == 302
    follow = PracticeFollow.objects.get(user=member)
    assert follow.translation_key == themes["legal-aid"].translation_key
    assert "Stop following" in client.get(catalogue_page.url + "?theme=legal-aid").content.decode()
    client.post(url, {"kind": "theme", "slug": "legal-aid"})
    assert not PracticeFollow.objects.exists()


def test_follow_is_for_members_and_known_values(client_for, client, catalogue_page, non_member):
    url = catalogue_page.url + "follow/"
    assert client.post(url, {"kind": "theme", "slug": "legal-aid"}).status_code == 404
    member_client = client_for(non_member)
    assert member_client.post(url, {"kind": "theme", "slug": "legal-aid"}).status_code == 404


def test_followers_hear_of_new_practices_they_may_read(
    catalogue_page,
    member,
    group_member,
    working_group,
    themes,
    regions,
    django_capture_on_commit_callbacks,
):
    for user in (member, group_member):
        PracticeFollow.objects.create(
            user=user, kind="theme", translation_key=themes["legal-aid"].translation_key
        )
    PracticeFollow.objects.create(
        user=member, kind="region", translation_key=regions["africa"].translation_key
    )
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_new(
            catalogue_page, themes=[themes["legal-aid"]], regions=[regions["africa"]]
        )
    assert Notification.objects.filter(kind="practices.new_practice").count() == 2
    assert Notification.objects.filter(recipient=member).count() == 1  # once, not per match

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # an update is not news
    assert Notification.objects.filter(kind="practices.new_practice").count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        publish_new(catalogue_page, themes=[themes["legal-aid"]], restrict_to=working_group)
    # Only the follower in the working group hears of the group's practice.
    assert Notification.objects.filter(recipient=group_member).count() == 2
    assert Notification.objects.filter(recipient=member).count() == 1
