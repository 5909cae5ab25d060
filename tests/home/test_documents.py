"""CMS documents follow their collection's restrictions with GPE's meaning ("logged-in users"
means member), are never files at a public URL, and keep no author or title metadata
(home.storage, home.wagtail_hooks, home.documents)."""

import io
import os
import zipfile

import pikepdf
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction
from wagtail_factories import CollectionFactory, DocumentFactory

from home.documents import KEPT_NOTE
from partners.models import Membership

from .conftest import with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.home.media_urls")]

SECRET = b"Restricted report: the names of the people we met."
NOT_ALLOWED = ("anonymous", "non_member", "removed_member", "deactivated_member")


def restricted_collection(kind=BaseViewRestriction.LOGIN, *, groups=(), password=""):
    collection = CollectionFactory(parent=Collection.get_first_root_node(), name=f"c-{kind}")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, password=password
    )
    restriction.groups.set(groups)
    return collection


def make_document(collection, data=SECRET, filename="report.txt"):
    return DocumentFactory(
        collection=collection, file__data=data, file__filename=filename, title=filename
    )


def urls_of(document):
    """Every URL that could reach the document: Wagtail's, the file's own (the storage's), and
    the raw media URLs a proxy would serve from MEDIA_ROOT."""
    return [
        document.url,
        document.file.url,
        f"{settings.MEDIA_URL}{document.file.name}",
        f"{settings.MEDIA_URL}documents/{document.filename}",
    ]


def files_under(root) -> set[str]:
    return {name for _, _, names in os.walk(root) for name in names}


def test_documents_are_never_stored_under_the_public_media_root(home_page):
    public = make_document(Collection.get_first_root_node(), filename="public.txt")
    restricted = make_document(restricted_collection(), filename="secret.txt")
    for document in (public, restricted):
        assert document.file.name.startswith("documents/")
        assert document.file.path.startswith(str(settings.GPE_PRIVATE_MEDIA_ROOT))
        assert not document.file.url.startswith(settings.MEDIA_URL)
    assert files_under(settings.GPE_PRIVATE_MEDIA_ROOT) == {"public.txt", "secret.txt"}
    assert not files_under(settings.MEDIA_ROOT)


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_documents_members_only_404_for_those_who_are_not_members(
    role, request, client_for, home_page
):
    document = make_document(restricted_collection())
    client = client_for(request.getfixturevalue(role))
    for url in urls_of(document):
        response = client.get(url)
        # A 404, not a 403 or a sign-in redirect that names the document.
        assert response.status_code == 404, url
        assert not response.streaming and SECRET not in response.content


@pytest.mark.parametrize("role", ("member", "group_member", "moderator", "editor", "superuser"))
def test_documents_members_only_served_to_members(role, request, client_for, home_page):
    document = make_document(restricted_collection())
    client = client_for(with_second_factor(request.getfixturevalue(role)))
    for url in (document.url, document.file.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content) == SECRET
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
    # Never by the raw media URL, not even for those who may read it.
    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404


def test_documents_group_collection_only_for_the_group(
    client_for, home_page, working_group, group_member, member, superuser
):
    collection = restricted_collection(BaseViewRestriction.GROUPS, groups=[working_group])
    document = make_document(collection)
    assert client_for(group_member).get(document.url).status_code == 200
    assert client_for(with_second_factor(superuser)).get(document.url).status_code == 200
    assert client_for(member).get(document.url).status_code == 404
    assert client_for(member).get(document.file.url).status_code == 404


def test_documents_removed_member_loses_access_on_next_request(client_for, home_page, member):
    document = make_document(restricted_collection())
    client = client_for(member)
    assert client.get(document.url).status_code == 200
    Membership.objects.filter(user=member).delete()
    # The same session, the next request.
    assert client.get(document.url).status_code == 404


def test_documents_public_served_to_everyone_and_cacheable(client, home_page):
    document = make_document(Collection.get_first_root_node(), data=b"public", filename="p.txt")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"public"
    assert "no-store" not in response.get("Cache-Control", "")
    # The file itself is private too: Wagtail's view is its only door.
    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404


def test_documents_password_collection_shows_wagtails_form(client, home_page):
    document = make_document(
        restricted_collection(BaseViewRestriction.PASSWORD, password="open sesame")
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert b'name="password"' in response.content and SECRET not in response.content
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    # Its file URL has no password form: 404.
    assert client.get(document.file.url).status_code == 404
    restriction = CollectionViewRestriction.objects.get()
    client.post(
        f"/documents/authenticate_with_password/{restriction.pk}/",
        {"password": "open sesame", "return_url": document.url},
    )
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == SECRET
    assert response["Cache-Control"] == "private, no-store"


def test_documents_sent_by_the_proxy_when_configured(client_for, member, home_page, settings):
    settings.GPE_PRIVATE_MEDIA_ACCEL = "/_private/media/"
    document = make_document(restricted_collection())
    for url in (document.url, document.file.url):
        response = client_for(member).get(url)
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == f"/_private/media/{document.file.name}"
        # An empty body: its length is the body's, not the file's (the proxy sends that).
        assert response.content == b"" and response.get("Content-Length", "0") == "0"
        assert response["Cache-Control"] == "private, no-store"
    # Who may not see it gets no header to follow.
    client = client_for(member)
    client.logout()
    response = client.get(document.url)
    assert response.status_code == 404 and not response.has_header("X-Accel-Redirect")


def test_documents_query_count_for_a_member(
    client_for, member, home_page, django_assert_num_queries
):
    document = make_document(restricted_collection())
    client = client_for(member)
    client.get(document.url)
    # Session; the user with its membership facts; the document; its collection; the
    # collection's restrictions (home's hook; partners.access's table of restrictions is kept
    # per worker); Wagtail's own hook: the collection's restrictions again.
    with django_assert_num_queries(6):
        assert client.get(document.url).status_code == 200


# --- Metadata --------------------------------------------------------------------------------

MARKERS = (b"Real Name", b"SpyWriter", b"Secret Title", b"Xmp Person", b"ACME Intelligence")


def pdf_with_metadata() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Xmp Person"]
        meta["dc:title"] = "Secret Title"
    # After the XMP block, which writes its own values into /Info when it closes.
    pdf.docinfo["/Author"] = "Real Name"
    pdf.docinfo["/Producer"] = "SpyWriter"
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = out.getvalue()
    assert b"Real Name" in data and b"Xmp Person" in data  # the test file carries them
    return data


CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
    b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Real Name</dc:creator>'
    b"<dc:title>Secret Title</dc:title><cp:lastModifiedBy>Real Name</cp:lastModifiedBy>"
    b"</cp:coreProperties>"
)
APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>'
    b"SpyWriter</Application><Company>ACME Intelligence</Company></Properties>"
)
BODY = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://'
    b'schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>The text'
    b"</w:t></w:r></w:p></w:body></w:document>"
)


def docx_with_metadata() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr(
            "[Content_Types].xml",
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
            b'org/package/2006/content-types"><Default Extension="xml" ContentType="application/'
            b'xml"/></Types>',
        )
        docx.writestr("word/document.xml", BODY)
        docx.writestr("docProps/core.xml", CORE)
        docx.writestr("docProps/app.xml", APP)
    return out.getvalue()


@pytest.fixture
def document_editor_client(client, home_page):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from partners.factories import UserFactory

    editor = UserFactory(username="doceditor", groups=[Group.objects.get(name="Editors")])
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    return client


def upload(client, name, content):
    response = client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_document_model().objects.get(title=name)


def stored(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_documents_pdf_uploaded_by_an_editor_keeps_no_metadata(document_editor_client):
    document = upload(document_editor_client, "report.pdf", pdf_with_metadata())
    data = stored(document)
    for marker in MARKERS:
        assert marker not in data, marker
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/Info" not in pdf.trailer
        assert "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1
    assert document.file_size == len(data)


def test_documents_docx_uploaded_by_an_editor_keeps_no_metadata(document_editor_client):
    document = upload(document_editor_client, "notes.docx", docx_with_metadata())
    data = stored(document)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        parts = {name: docx.read(name) for name in docx.namelist()}
    assert set(parts) == {
        "[Content_Types].xml",
        "word/document.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    }
    assert parts["word/document.xml"] == BODY  # the text is untouched
    for name in ("docProps/core.xml", "docProps/app.xml"):
        for marker in MARKERS:
            assert marker not in parts[name], (name, marker)


def test_documents_odt_meta_is_emptied():
    from home.documents import without_metadata

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        odt.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", b"<office:document-content/>", zipfile.ZIP_DEFLATED)
        odt.writestr(
            "meta.xml",
            b"<office:meta><meta:initial-creator>Real Name</meta:initial-creator></office:meta>",
            zipfile.ZIP_DEFLATED,
        )
    cleaned = without_metadata(out.getvalue(), "odt")
    with zipfile.ZipFile(io.BytesIO(cleaned)) as odt:
        first = odt.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert b"Real Name" not in odt.read("meta.xml")
        assert odt.read("content.xml") == b"<office:document-content/>"


def test_documents_old_office_files_are_kept_and_the_form_says_so(document_editor_client):
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Real Name" + b"\0" * 64
    document = upload(document_editor_client, "old.doc", legacy)
    assert stored(document) == legacy
    page = document_editor_client.get("/admin/documents/add/").content.decode()
    assert str(KEPT_NOTE) in page.replace("&#x27;", "'")
    page = document_editor_client.get("/admin/documents/multiple/add/").content.decode()
    assert str(KEPT_NOTE) in page.replace("&#x27;", "'")


def test_documents_placed_by_the_upgrade_command(home_page):
    """Documents stored under MEDIA_ROOT before this release move out of it, once."""
    from django.core.management import call_command

    document = make_document(Collection.get_first_root_node(), filename="old.txt")
    public_path = os.path.join(settings.MEDIA_ROOT, document.file.name)
    os.makedirs(os.path.dirname(public_path))
    os.replace(document.file.path, public_path)
    call_command("place_media_files", stdout=io.StringIO())
    assert not files_under(settings.MEDIA_ROOT)
    assert stored(document) == SECRET
    call_command("place_media_files", stdout=io.StringIO())  # again: nothing to do
    assert stored(document) == SECRET


def test_documents_system_check_refuses_storage_that_would_publish_them(settings, tmp_path):
    from home.checks import private_media_check

    assert private_media_check(None) == []
    media_storage = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    assert [error.id for error in private_media_check(None)] == ["gpe.E020"]
    settings.STORAGES = {**settings.STORAGES, "default": media_storage}
    settings.GPE_PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT / "private"
    assert [error.id for error in private_media_check(None)] == ["gpe.E021"]
