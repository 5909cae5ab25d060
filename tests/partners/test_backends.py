import pytest

from partners import access
from partners.backends import AuthenticationBackend
from partners.models import Membership

pytestmark = pytest.mark.django_db


def test_backends_session_user_knows_it_is_a_member_without_a_query(
    member, django_assert_num_queries
):
    with django_assert_num_queries(1):  # the user, with the annotation
        user = AuthenticationBackend().get_user(member.pk)
    with django_assert_num_queries(1):  # only the groups (is_staff asks them first)
        assert access.is_member(user)


def test_backends_removed_member_is_not_a_member_on_the_next_request(member):
    Membership.objects.filter(user=member).delete()
    assert not access.is_member(AuthenticationBackend().get_user(member.pk))


def test_backends_inactive_user_gets_no_session_user(member):
    member.is_active = False
    member.save()
    assert AuthenticationBackend().get_user(member.pk) is None
