"""Uploads: real type sniffed, only images and PDF/office documents, size limit, metadata
stripped from images, stored privately and served only to those who may see the post."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from forum import services
from forum.factories import make_reply, make_topic
from forum.models import Attachment, Post, Topic
from forum.storage import private_storage

from .conftest import SEES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (30, 20), "green")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam"
    exif[ExifTags.Base.Orientation] = 6  # rotated: the stored image must be upright
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 21.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (13.0, 24.0, 0.0),
    }
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Real Name")
    buffer = io.BytesIO()
    Image.new("RGBA", (8, 8), (255, 0, 0, 128)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def _post_topic(client, category, files, **extra):
    data = {
        "title": "With files",
        "markdown": "See the files.",
        "language": "en",
        "attachments": files,
        **extra,
    }
    return client.post(f"/en/forum/c/{category.slug}/new/", data)


def _stored(attachment) -> bytes:
    with attachment.file.open("rb") as handle:
        return handle.read()


def test_attachment_image_metadata_is_stripped(client_for, member, public_category, site):
    upload = SimpleUploadedFile("holiday.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = _post_topic(client_for(member), public_category, [upload])
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    data = _stored(attachment)
    assert b"SpyCam" not in data
    stored = Image.open(io.BytesIO(data))
    assert not dict(stored.getexif())
    assert "exif" not in stored.info
    # The EXIF orientation was applied before it went: 30x20 rotated is 20x30.
    assert (attachment.width, attachment.height) == (20, 30) == stored.size
    assert attachment.content_type == "image/jpeg" and attachment.is_image


def test_attachment_png_text_chunks_are_stripped(client_for, member, public_category, site):
    upload = SimpleUploadedFile("chart.png", _png_with_text(), content_type="image/png")
    assert _post_topic(client_for(member), public_category, [upload]).status_code == 302
    data = _stored(Attachment.objects.get())
    assert b"Real Name" not in data
    assert Image.open(io.BytesIO(data)).mode == "RGBA"


@pytest.mark.parametrize(
    "name, content",
    [
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("page.html", b"<!doctype html><script>alert(1)</script>"),
        ("data.xml", b'<?xml version="1.0"?><a/>'),
        ("photo.png", b"<html><script>alert(1)</script></html>"),  # a lying extension
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
    ],
)
def test_attachment_refuses_other_types(client_for, member, public_category, site, name, content):
    response = _post_topic(
        client_for(member),
        public_category,
        [SimpleUploadedFile(name, content, content_type="image/png")],
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert name in body  # the message names the file
    assert "See the files." in body  # what was typed is still there
    assert not Topic.objects.exists() and not Attachment.objects.exists()


def test_attachment_size_limit(client_for, member, public_category, site, settings):
    settings.FORUM_ATTACHMENT_MAX_BYTES = 100
    response = _post_topic(
        client_for(member), public_category, [SimpleUploadedFile("report.pdf", PDF + b" " * 200)]
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not Attachment.objects.exists()


def test_attachment_count_limit(client_for, member, public_category, site, settings):
    settings.FORUM_ATTACHMENTS_PER_POST = 2
    files = [SimpleUploadedFile(f"r{i}.pdf", PDF) for i in range(3)]
    assert _post_topic(client_for(member), public_category, files).status_code == 400


def test_attachment_pdf_is_served_as_download(client_for, member, public_category, site):
    _post_topic(client_for(member), public_category, [SimpleUploadedFile("Report 2023.pdf", PDF)])
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf" and not attachment.is_image
    response = client_for(member).get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_attachment_storage_is_private(public_category, author):
    make_topic(public_category, author, files=[_prepared_pdf()])
    attachment = Attachment.objects.get()
    location = str(private_storage().path(attachment.file.name))
    assert not location.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(NotImplementedError):
        attachment.file.url  # noqa: B018 - no public URL exists


def _prepared_pdf():
    from forum.attachments import prepare_upload

    return prepare_upload(SimpleUploadedFile("minutes.pdf", PDF))


@pytest.mark.parametrize("audience", ("public", "members", "groups"))
@pytest.mark.parametrize("role", ("anonymous", "non_member", "member", "group_member", "moderator"))
def test_attachment_url_audience(client_for, roles, categories, author, site, audience, role):
    topic = make_topic(categories[audience], author)
    make_reply(topic, author, files=[_prepared_pdf()])
    attachment = Attachment.objects.get()
    response = client_for(roles[role]).get(attachment.get_absolute_url())
    assert response.status_code == (200 if role in SEES[audience] else 404)


def test_attachment_of_hidden_post_is_404_except_for_moderators(
    client_for, member, moderator, public_category, author, site
):
    topic = make_topic(public_category, author)
    post = make_reply(topic, author, files=[_prepared_pdf()])
    url = Attachment.objects.get().get_absolute_url()
    services.set_post_hidden(post, True, moderator=moderator, reason="personal data")
    assert client_for(member).get(url).status_code == 404
    assert client_for(moderator).get(url).status_code == 200


def test_attachment_wrong_name_is_404(client, public_category, author, site):
    make_topic(public_category, author, files=[_prepared_pdf()])
    attachment = Attachment.objects.get()
    assert client.get(f"/en/forum/attachment/{attachment.pk}/other.pdf").status_code == 404


def test_attachment_image_shown_in_topic(client, public_category, author, site):
    from forum.attachments import prepare_upload

    image = prepare_upload(SimpleUploadedFile("x.png", _png_with_text()))
    topic = make_topic(public_category, author, files=[image])
    attachment = Post.objects.get(topic=topic).attachments.get()
    body = client.get(topic.get_absolute_url()).content.decode()
    assert f'<img src="{attachment.get_absolute_url()}"' in body
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")


# --- Uploads: permission and limits before any file is decoded ------------------------------


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels in a few bytes (a pixel bomb)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _photo(name="photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _jpeg_with_gps(), content_type="image/jpeg")


@pytest.fixture
def decoder_spy():
    """Every way into Pillow's decoders: opening a file and loading its pixels."""
    from unittest import mock

    from PIL import ImageFile

    with (
        mock.patch.object(Image, "open", wraps=Image.open) as opened,
        mock.patch.object(
            ImageFile.ImageFile, "load", autospec=True, side_effect=ImageFile.ImageFile.load
        ) as loaded,
    ):
        yield opened, loaded


def test_upload_refused_to_a_removed_member_before_decoding(
    client_for, member, public_category, site, decoder_spy
):
    client = client_for(member)
    member.memberships.all().delete()  # removed; the session lives on
    response = _post_topic(client, public_category, [_photo(), _photo("two.jpg")])
    assert response.status_code == 403
    body = response.content.decode()
    assert "Only partner members can write in the forum." in body
    assert "See the files." in body and "With files" in body  # what was typed is kept
    opened, loaded = decoder_spy
    assert opened.call_count == 0 and loaded.call_count == 0
    assert not Attachment.objects.exists() and not Topic.objects.exists()


def test_upload_refusals_count_against_the_limit(
    client_for, member, public_category, site, settings, decoder_spy
):
    settings.FORUM_UPLOAD_REQUESTS_PER_HOUR = 2
    client = client_for(member)
    bad = SimpleUploadedFile("notes.html", b"<html><script>x</script></html>")
    for _ in range(2):
        assert _post_topic(client, public_category, [bad]).status_code == 400
    opened, loaded = decoder_spy
    opened.reset_mock()
    loaded.reset_mock()

    response = _post_topic(client, public_category, [_photo()])  # a good file, too late
    assert response.status_code == 403
    body = response.content.decode()
    assert "sent files too often" in body and "See the files." in body
    assert opened.call_count == 0 and loaded.call_count == 0
    # Writing without files still works.
    assert _post_topic(client, public_category, []).status_code == 302


@pytest.mark.parametrize("size", [(9000, 9000), (30000, 30000)])
def test_upload_pixel_bomb_refused_with_a_clear_message(
    client_for, member, public_category, site, decoder_spy, size
):
    bomb = SimpleUploadedFile("bomb.png", _png_header(*size), content_type="image/png")
    response = _post_topic(client_for(member), public_category, [bomb])
    assert response.status_code == 400
    body = response.content.decode()
    assert "bomb.png has too many pixels" in body
    assert "See the files." in body and "With files" in body
    _, loaded = decoder_spy
    assert loaded.call_count == 0  # refused on its header, never decoded
    assert not Topic.objects.exists()


def test_upload_total_pixels_per_post_are_capped(
    client_for, member, public_category, site, settings, decoder_spy
):
    settings.FORUM_IMAGE_MAX_PIXELS_PER_POST = 1000
    images = [
        SimpleUploadedFile(f"p{n}.png", _png_header(20, 20), content_type="image/png")
        for n in range(3)
    ]  # 400 pixels each, 1200 together
    response = _post_topic(client_for(member), public_category, images)
    assert response.status_code == 400
    assert "too many pixels together" in response.content.decode()
    _, loaded = decoder_spy
    assert loaded.call_count == 0


def _pdf_with_author() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Xmp Person"]
    pdf.docinfo["/Author"] = "Real Name"
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def _docx_with_creator() -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        docx.writestr("word/document.xml", "<w:document>The text</w:document>")
        docx.writestr(
            "docProps/core.xml",
            "<cp:coreProperties><dc:creator>Real Name</dc:creator></cp:coreProperties>",
        )
    return out.getvalue()


def test_attachment_document_metadata_is_removed(client_for, member, public_category, site):
    import zipfile

    import pikepdf

    pdf = _pdf_with_author()
    assert b"Real Name" in pdf and b"Xmp Person" in pdf
    files = [
        SimpleUploadedFile("report.pdf", pdf, content_type="application/pdf"),
        SimpleUploadedFile("notes.docx", _docx_with_creator()),
    ]
    assert _post_topic(client_for(member), public_category, files).status_code == 302
    stored = {a.extension: _stored(a) for a in Attachment.objects.all()}
    assert set(stored) == {"pdf", "docx"}
    assert b"Real Name" not in stored["pdf"] and b"Xmp Person" not in stored["pdf"]
    with pikepdf.open(io.BytesIO(stored["pdf"])) as cleaned:
        assert "/Info" not in cleaned.trailer and "/Metadata" not in cleaned.Root
    with zipfile.ZipFile(io.BytesIO(stored["docx"])) as docx:
        assert b"Real Name" not in docx.read("docProps/core.xml")
        assert docx.read("word/document.xml") == b"<w:document>The text</w:document>"
    assert Attachment.objects.get(extension="pdf").size == len(stored["pdf"])
