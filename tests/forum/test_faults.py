"""Faults that must lose nothing: two people editing one post, a file that cannot be
written."""

import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forum import services
from forum.factories import make_topic
from forum.models import Attachment, Post, PostRevision, Topic
from forum.storage import PrivateStorage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _edit(client, post, markdown, version, **extra):
    data = {"markdown": markdown, "language": "en", "reason": "", "version": version, **extra}
    if post.is_first:
        data.setdefault("title", post.topic.title)
    return client.post(f"/en/forum/post/{post.pk}/edit/", data)


def _textarea(body: str) -> str:
    return re.search(r'<textarea name="markdown"[^>]*>(.*?)</textarea>', body, re.S).group(1)


# --- Two people editing one post ------------------------------------------------------------


def test_edit_conflict_keeps_both_texts_and_overwrites_nothing(
    client, client_for, member, moderator, public_category, site
):
    topic = make_topic(public_category, member, markdown="The first words.")
    post = topic.first_post
    form = client_for(member).get(f"/en/forum/post/{post.pk}/edit/").content.decode()
    assert '<input type="hidden" name="version" value="0"' in form

    # The moderator saves first (from a form opened on the same version)...
    moderator_client = client_for(moderator)
    assert _edit(moderator_client, post, "Names removed by a moderator.", 0).status_code == 302
    client.logout()

    # ... then the author saves what they wrote on version 0.
    response = _edit(client_for(member), post, "My careful *rewrite*.", 0)

    assert response.status_code == 409
    body = response.content.decode()
    assert "was changed by someone else while you were editing it" in body
    assert _textarea(body).strip() == "My careful *rewrite*."  # their text, kept
    assert "Names removed by a moderator." in body  # the version saved in the meantime
    assert f'href="/en/forum/post/{post.pk}/history/"' in body
    assert '<input type="hidden" name="version" value="1"' in body  # now based on it
    assert moderator.profile.display_name not in body  # who saved it is not named
    post.refresh_from_db()
    assert (post.markdown, post.edit_count) == ("Names removed by a moderator.", 1)
    assert PostRevision.objects.filter(post=post).count() == 1

    # Saving again, knowingly, replaces the saved version; it stays in the history.
    assert _edit(client_for(member), post, "My careful *rewrite*.", 1).status_code == 302
    post.refresh_from_db()
    assert (post.markdown, post.edit_count) == ("My careful *rewrite*.", 2)
    assert list(PostRevision.objects.filter(post=post).values_list("markdown", flat=True)) == [
        "Names removed by a moderator.",
        "The first words.",
    ]


def test_edit_conflict_when_two_saves_race(member, public_category, site):
    """Both editors loaded version 0; the check is in the UPDATE, not only in the form."""
    topic = make_topic(public_category, member, markdown="Original.")
    first, second = (
        Post.objects.get(pk=topic.first_post_id),
        Post.objects.get(pk=topic.first_post_id),
    )
    services.edit_post(first, editor=member, markdown="First save.", version=0)

    with pytest.raises(services.EditConflict):
        services.edit_post(second, editor=member, markdown="Second save.")  # stale object
    with pytest.raises(services.EditConflict):
        services.edit_post(
            Post.objects.get(pk=topic.first_post_id),
            editor=member,
            markdown="Second save.",
            version=0,
        )

    assert Post.objects.get(pk=topic.first_post_id).markdown == "First save."
    assert PostRevision.objects.count() == 1


def test_edit_form_without_a_version_is_refused(client_for, member, public_category, site):
    topic = make_topic(public_category, member, markdown="Original.")
    response = client_for(member).post(
        f"/en/forum/post/{topic.first_post_id}/edit/",
        {"title": topic.title, "markdown": "Blind overwrite", "language": "en"},
    )
    assert response.status_code == 400
    assert Post.objects.get().markdown == "Original."


# --- A file that cannot be written ----------------------------------------------------------


@pytest.fixture
def disk_fails_on(monkeypatch):
    """``disk_fails_on(n)``: the private storage writes files until the n-th, which fails as a
    full disk does."""
    real_save = PrivateStorage._save
    calls = {"count": 0, "fail_on": None}

    def save(self, name, content):
        calls["count"] += 1
        if calls["count"] == calls["fail_on"]:
            raise OSError(28, "No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(PrivateStorage, "_save", save)

    def fail_on(n):
        calls["fail_on"] = n

    return fail_on


def _stored_files(settings):
    root = str(settings.FORUM_PRIVATE_ROOT)
    return [name for _dirs, _sub, names in os.walk(root) for name in names]


def test_failed_file_write_leaves_no_topic_row_or_file(
    client_for, member, public_category, site, settings, disk_fails_on
):
    disk_fails_on(2)
    files = [
        SimpleUploadedFile("first.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("second.pdf", PDF, content_type="application/pdf"),
    ]
    response = client_for(member).post(
        f"/en/forum/c/{public_category.slug}/new/",
        {
            "title": "Lessons from the closing",
            "markdown": "What we *learned*.",
            "language": "en",
            "attachments": files,
        },
    )

    assert response.status_code == 503
    body = response.content.decode()
    assert "one of its files could not be stored" in body
    assert 'value="Lessons from the closing"' in body
    assert _textarea(body).strip() == "What we *learned*."
    assert (Topic.objects.count(), Post.objects.count(), Attachment.objects.count()) == (0, 0, 0)
    assert _stored_files(settings) == []  # the first file, written already, is gone again
    public_category.refresh_from_db()
    assert public_category.topic_count == 0


def test_failed_file_write_leaves_no_reply(
    client_for, member, public_category, site, settings, disk_fails_on
):
    topic = make_topic(public_category, member)
    disk_fails_on(1)
    response = client_for(member).post(
        f"/en/forum/t/{topic.pk}/reply/",
        {
            "markdown": "A reply with a report.",
            "language": "en",
            "attachments": [SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf")],
        },
    )

    assert response.status_code == 503
    assert _textarea(response.content.decode()).strip() == "A reply with a report."
    assert Post.objects.count() == 1 and Attachment.objects.count() == 0
    topic.refresh_from_db()
    assert (topic.reply_count, topic.last_position) == (0, 1)
    assert _stored_files(settings) == []

    # The disk has room again: the same reply goes through, with its file.
    disk_fails_on(None)
    response = client_for(member).post(
        f"/en/forum/t/{topic.pk}/reply/",
        {
            "markdown": "A reply with a report.",
            "language": "en",
            "attachments": [SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf")],
        },
    )
    assert response.status_code == 302
    (attachment,) = Attachment.objects.all()
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF
