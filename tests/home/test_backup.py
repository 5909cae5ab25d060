"""manage.py backup / restore: one archive with the database, the media and the private files;
restored into a fresh database (a new SQLite file, or a new PostgreSQL database), the site
serves the same content."""

import re
import stat
import tarfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import Client

from forum.factories import CategoryFactory
from forum.models import Attachment, Topic
from home import backup
from home.factories import StandardPageFactory
from partners.models import Audience

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PHOTO = bytes(range(256)) * 4


def without_nonce(content: bytes) -> bytes:
    return re.sub(rb'nonce="[^"]+"', b'nonce=""', content)


@contextmanager
def fresh_database(tmp_path):
    """Serve from a new, empty database of the same kind (the tests' own database stays
    open beside it, untouched)."""
    old = connections["default"]
    settings_dict = dict(old.settings_dict)
    if old.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    else:
        settings_dict["NAME"] = f"{old.settings_dict['NAME']}_restored"
        with old.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    new = old.__class__(settings_dict, alias="default")
    connections["default"] = new
    try:
        yield new
    finally:
        new.close()
        connections["default"] = old
        if old.vendor != "sqlite":
            with old.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}" WITH (FORCE)')


@pytest.fixture
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "original_images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "original_images" / "photo.jpg").write_bytes(PHOTO)
    return settings


@pytest.mark.django_db(transaction=True)
def test_backup_restored_into_a_fresh_database_serves_the_same_content(
    site, home_page, member, folders, tmp_path
):
    StandardPageFactory(parent=home_page, slug="about", title="About the exchange")
    category = CategoryFactory(audience=Audience.PUBLIC, slug="lessons")
    client = Client()
    client.force_login(member)
    response = client.post(
        f"/en/forum/c/{category.slug}/new/",
        {
            "title": "Handing over the archive",
            "markdown": "Minutes attached.",
            "language": "en",
            "attachments": [SimpleUploadedFile("minutes.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    topic = Topic.objects.get()
    attachment_url = Attachment.objects.get().get_absolute_url()
    urls = ["/en/about/", topic.get_absolute_url(), "/en/forum/"]
    before = {url: without_nonce(Client().get(url).content) for url in urls}
    assert b"About the exchange" in before["/en/about/"]
    assert b"Minutes attached." in before[urls[1]]

    call_command("backup", output_dir=tmp_path / "backups")
    (archive,) = (tmp_path / "backups").glob("gpe-backup-*.tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data: the owner only
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert "files/media/original_images/photo.jpg" in names
    assert any(name.startswith("files/forum-private/attachments/") for name in names)

    # A new machine: an empty database, empty folders.
    folders.MEDIA_ROOT = tmp_path / "new-media"
    folders.FORUM_PRIVATE_ROOT = tmp_path / "new-private"
    folders.MEDIA_ROOT.mkdir()
    (folders.MEDIA_ROOT / "left-over.jpg").write_bytes(b"not in the backup")
    with fresh_database(tmp_path) as database:
        assert database.introspection.table_names() == []
        call_command("restore", str(archive), yes=True)
        cache.clear()  # nothing may come from what the first database filled the cache with

        after = {url: without_nonce(Client().get(url).content) for url in urls}
        assert after == before
        # The member's session came back with the database: still signed in.
        response = client.get(attachment_url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert (folders.MEDIA_ROOT / "original_images" / "photo.jpg").read_bytes() == PHOTO
        assert not (folders.MEDIA_ROOT / "left-over.jpg").exists()
        assert Topic.objects.get().title == "Handing over the archive"


def test_restore_refuses_another_kind_of_database(tmp_path, db):
    archive = tmp_path / "other.tar.gz"
    manifest = tmp_path / "manifest.json"
    vendor = "postgresql" if connections["default"].vendor == "sqlite" else "sqlite"
    manifest.write_bytes(backup.Manifest("2026-01-01", vendor, "database", []).dumps())
    (tmp_path / "database").write_bytes(b"")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(manifest, arcname="manifest.json")
        tar.add(tmp_path / "database", arcname="database")
    with pytest.raises(CommandError, match=f"holds a {vendor} database"):
        call_command("restore", str(archive), yes=True)


def test_backup_says_so_when_the_postgresql_tools_are_missing(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(backup.BackupError, match="pg_dump was not found.*postgresql-client"):
        backup._postgres_tool("pg_dump")


def test_restore_asks_before_replacing(tmp_path, monkeypatch, db):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was restored"):
        call_command("restore", str(tmp_path / "any.tar.gz"))


def test_backup_folders_are_media_and_the_forum_attachments(settings, tmp_path):
    settings.FORUM_PRIVATE_ROOT = tmp_path / "private"
    from home.hooks import backup_folders

    assert backup_folders() == {
        "media": str(settings.MEDIA_ROOT),
        "forum-private": str(Path(tmp_path / "private")),
    }
