"""CMS images keep no metadata: a photo's GPS position, camera, XMP or text chunks are gone
from the stored original and from every rendition (home.images, through home.signals)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin
from wagtail.images import get_image_model

from partners.factories import UserFactory

pytestmark = pytest.mark.django_db

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="52,21.0N"/></rdf:RDF></x:xmpmeta>'
)
MARKERS = (b"SpyCam", b"Real Name", b"52,21.0N", b"Secret comment", b"GPSLatitude")


def gps_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam"
    exif[ExifTags.Base.Orientation] = 6  # rotated: the stored image must be upright
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (52.0, 21.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (13.0, 24.0, 0.0),
    }
    return exif


def gps_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "green").save(
        buffer, "JPEG", exif=gps_exif(), xmp=XMP, comment=b"Secret comment", quality=90
    )
    return buffer.getvalue()


def png_with_text_and_exif() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Real Name")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    Image.new("RGBA", (240, 160), (200, 0, 0, 128)).save(
        buffer, "PNG", pnginfo=info, exif=gps_exif()
    )
    return buffer.getvalue()


def assert_no_metadata(data: bytes):
    for marker in MARKERS:
        assert marker not in data, marker
    image = Image.open(io.BytesIO(data))
    assert not dict(image.getexif()), dict(image.getexif())
    kept = {"dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density", "icc_profile"}
    kept |= {"progressive", "progression", "adobe", "adobe_transform", "transparency", "gamma"}
    kept |= {"loop", "background"}  # WebP animation settings
    assert set(image.info) <= kept, set(image.info) - kept
    return image


@pytest.fixture
def editor_client(client, home_page):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    editor = UserFactory(username="imageeditor", groups=[Group.objects.get(name="Editors")])
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    return client


def upload(client, name, content):
    response = client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content), "tags": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_image_model().objects.get(title=name)


def stored(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def test_images_gps_jpeg_uploaded_by_an_editor_keeps_no_metadata(editor_client):
    image = upload(editor_client, "visit.jpg", gps_jpeg())
    original = assert_no_metadata(stored(image.file))
    # The EXIF orientation was applied before it went: 300x200 rotated is 200x300.
    assert original.size == (200, 300) == (image.width, image.height)
    assert image.file_size == len(stored(image.file))

    single = image.get_rendition("fill-120x80")
    assert_no_metadata(stored(single.file))
    # Several at once go through Wagtail's bulk path.
    for rendition in image.get_renditions("width-100", "max-50x50|format-webp").values():
        assert_no_metadata(stored(rendition.file))


def test_images_png_text_and_exif_chunks_are_removed(editor_client):
    image = upload(editor_client, "chart.png", png_with_text_and_exif())
    original = assert_no_metadata(stored(image.file))
    assert original.mode == "RGBA" and original.getpixel((5, 5)) == (200, 0, 0, 128)
    for rendition in image.get_renditions("width-100", "fill-50x50|format-jpeg").values():
        assert_no_metadata(stored(rendition.file))


def test_images_without_metadata_are_stored_as_uploaded(editor_client):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(buffer, "JPEG", quality=70)
    image = upload(editor_client, "plain.jpg", buffer.getvalue())
    assert stored(image.file) == buffer.getvalue()  # nothing to strip: no second encoding


def test_images_replacing_the_file_strips_the_new_one(editor_client):
    image = upload(editor_client, "first.png", png_with_text_and_exif())
    response = editor_client.post(
        f"/admin/images/{image.pk}/",
        {"title": "first.png", "file": SimpleUploadedFile("second.jpg", gps_jpeg()), "tags": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image.refresh_from_db()
    assert_no_metadata(stored(image.file))


def test_images_animated_gif_keeps_its_frames_not_its_comment(editor_client):
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(
        buffer, "GIF", save_all=True, append_images=frames[1:], duration=80, comment=b"Real Name"
    )
    image = upload(editor_client, "wave.gif", buffer.getvalue())
    data = stored(image.file)
    assert b"Real Name" not in data
    assert Image.open(io.BytesIO(data)).n_frames == 3
