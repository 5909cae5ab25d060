"""Categories are edited in Wagtail's admin; the moderation log there is read-only."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from forum import services
from forum.factories import make_topic
from forum.models import Category, ModerationAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, superuser):
    TOTP.activate(superuser, generate_totp_secret())
    return client_for(superuser)


def test_admin_creates_category_with_translations(admin_client, working_group):
    response = admin_client.post(
        "/admin/snippets/forum/category/add/",
        {
            "name": "Monitoring detention",
            "slug": "monitoring",
            "description": "Visits",
            "colour": "#1f6f3f",
            "order": "2",
            "name_fr": "Surveiller la détention",
            "description_fr": "",
            "name_es": "",
            "description_es": "",
            "name_ar": "رصد أماكن الاحتجاز",
            "description_ar": "",
            "audience": "groups",
            "groups": [working_group.pk],
            "allow_pseudonymous": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    category = Category.objects.get(slug="monitoring")
    assert list(category.groups.all()) == [working_group]
    assert category.allow_pseudonymous and not category.is_sensitive
    from django.utils import translation

    with translation.override("ar"):
        assert category.display_name == "رصد أماكن الاحتجاز"
    with translation.override("es"):
        assert category.display_name == "Monitoring detention"  # falls back to English


def test_admin_refuses_a_bad_colour(admin_client):
    response = admin_client.post(
        "/admin/snippets/forum/category/add/",
        {"name": "X", "slug": "x", "colour": "#12345g", "order": "0", "audience": "public"},
    )
    assert response.status_code == 200
    assert "six hexadecimal digits" in response.content.decode()
    assert not Category.objects.exists()


def test_admin_moderation_log_is_read_only(admin_client, public_category, author, moderator):
    topic = make_topic(public_category, author)
    services.set_topic_pinned(topic, True, moderator=moderator, reason="Useful")
    line = ModerationAction.objects.get()
    assert admin_client.get("/admin/snippets/forum/moderationaction/").status_code == 200
    assert (
        admin_client.get(f"/admin/snippets/forum/moderationaction/inspect/{line.pk}/").status_code
        == 200
    )
    for url in (
        "/admin/snippets/forum/moderationaction/add/",
        f"/admin/snippets/forum/moderationaction/edit/{line.pk}/",
        f"/admin/snippets/forum/moderationaction/delete/{line.pk}/",
    ):
        response = admin_client.post(url, {"reason": "rewritten"})
        assert response.status_code in (302, 403), url
    line.refresh_from_db()
    assert line.reason == "Useful" and ModerationAction.objects.count() == 1


def test_category_create_needs_only_name_slug_audience(working_group):
    """Other apps' tests make categories this way."""
    category = Category.objects.create(name="Plain", slug="plain", audience="members")
    assert (
        category.colour,
        category.order,
        category.is_sensitive,
        category.allow_pseudonymous,
    ) == ("#0b5c8a", 0, False, False)


def test_category_colours_stylesheet(client, public_category, group_category):
    Category.objects.filter(pk=public_category.pk).update(colour="#a4161a")
    Category.objects.filter(pk=group_category.pk).update(colour="red;}*{")
    css = client.get("/en/forum/colours.css")
    assert css["Content-Type"].startswith("text/css")
    body = css.content.decode()
    assert f".category-{public_category.pk} {{ --category-colour: #a4161a; }}" in body
    assert "red;" not in body and f".category-{group_category.pk}" not in body
