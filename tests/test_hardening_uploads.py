"""Upload safety: every hostile upload through the real admin views ends in a form error, never a 500.

Decompression bombs are crafted headers (a PNG claiming 100,000 × 100,000 pixels, a GIF of many
1-pixel frames): the pixels are never allocated, here or in the app. Stored images lose their EXIF
(GPS, serial numbers, capture times) but keep their orientation; documents download as attachments
with `nosniff`; consent records store no files at all.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from PIL import ExifTags, Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client, override_settings
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage

from articles.models import CaseStoryConsent, MedicalImage
from articles.uploads.filenames import safe_upload_name

Document = get_document_model()

# --- File builders ----------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims `width` × `height` RGB pixels, with a token IDAT: nothing to decode."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def many_frame_gif(frames: int) -> bytes:
    """A 1×1 animated GIF of `frames` frames, written block by block (a few bytes each)."""
    screen = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    frame = b"\x21\xf9\x04\x00\x01\x00\x00\x00" + b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0)
    frame += b"\x02\x02\x44\x01\x00"
    return screen + loop + frame * frames + b"\x3b"


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (24, 16), **save_options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt, **save_options)
    return out.getvalue()


GPS_LATITUDE = (51.0, 30.0, 12.5)
SERIAL = "CAM-SERIAL-0042"
TAKEN_AT = "2025:03:14 09:26:53"


def exif_with_personal_data(orientation: int = 6) -> Image.Exif:
    """EXIF a phone writes: orientation, GPS position, camera serial and capture time."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.Exif).update(
        {ExifTags.Base.DateTimeOriginal: TAKEN_AT, ExifTags.Base.BodySerialNumber: SERIAL}
    )
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: GPS_LATITUDE,
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
        }
    )
    return exif


def photo_with_exif(fmt: str = "JPEG", orientation: int = 6) -> bytes:
    """A 40×20 picture stored sideways: orientation 6 means "rotate 90° clockwise to view"."""
    out = io.BytesIO()
    picture = Image.new("RGB", (40, 20), (10, 120, 200))
    picture.paste((250, 250, 0), (0, 0, 10, 20))  # a marker on the left edge
    picture.save(out, format=fmt, exif=exif_with_personal_data(orientation))
    return out.getvalue()


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def epub_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first
        archive.writestr("META-INF/container.xml", "<container/>", compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- Admin helpers ----------------------------------------------------------------------------


def add_image(client: Client, name: str, content: bytes, **fields):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    data = {"title": fields.pop("title", "Upload"), "file": upload, **fields}
    return client.post(reverse("wagtailimages:add"), data)


def add_image_multiple(client: Client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})


def add_document(client: Client, name: str, content: bytes, **fields):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    data = {"title": fields.pop("title", "Upload"), "file": upload, **fields}
    return client.post(reverse("wagtaildocs:add"), data)


def add_document_multiple(client: Client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("wagtaildocs:add_multiple"), {"files[]": upload})


def assert_form_error(response, text: str) -> None:
    assert response.status_code == 200, response.status_code
    assert text in response.content.decode()


def assert_json_error(response, text: str) -> None:
    assert response.status_code == 200, response.status_code
    payload = response.json()
    assert payload["success"] is False
    assert text in payload["error_message"]


@pytest.fixture
def admin(superuser_client: Client) -> Client:
    return superuser_client


# --- Images: hostile content ------------------------------------------------------------------

IMAGE_REJECTIONS = [
    pytest.param("bomb.png", png_header_only(100_000, 100_000), "too many pixels", id="png-10-gigapixels"),
    pytest.param("big.png", png_header_only(8_000, 8_000), "too many pixels", id="png-over-setting"),
    pytest.param("frames.gif", many_frame_gif(1_000), "too many frames", id="gif-1000-frames"),
    pytest.param(
        "evil.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "Not a supported image format",
        id="svg-with-script",
    ),
    pytest.param(
        "evil.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "Not a valid .png image",
        id="svg-renamed-png",
    ),
    pytest.param(
        "page.jpg", b"<html><script>alert(1)</script></html>", "Not a valid .jpeg image", id="html-as-jpg"
    ),
    pytest.param("tool.png", b"MZ\x90\x00" + b"\x00" * 64, "Upload a valid image", id="exe-as-png"),
    pytest.param("cut.png", image_bytes("PNG", (64, 64))[:60], "Upload a valid image", id="truncated-png"),
    pytest.param("cut.jpg", image_bytes("JPEG", (64, 64))[:200], "Upload a valid image", id="truncated-jpeg"),
    pytest.param("....png", image_bytes(), "Not a supported image format", id="only-dots-no-extension"),
    pytest.param("gif.png", image_bytes("GIF"), "does not match the file format", id="gif-renamed-png"),
]


@pytest.mark.parametrize(("name", "content", "message"), IMAGE_REJECTIONS)
def test_hostile_images_are_form_errors(admin, name, content, message):
    response = add_image(admin, name, content)
    assert_form_error(response, message)
    assert not MedicalImage.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), IMAGE_REJECTIONS)
def test_hostile_images_are_json_errors_in_the_multiple_uploader(admin, name, content, message):
    response = add_image_multiple(admin, name, content)
    assert_json_error(response, message)
    assert not MedicalImage.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=2_000)
def test_oversize_image_is_a_form_error(admin):
    content = image_bytes("PNG", (300, 300), compress_level=0)
    assert len(content) > 2_000
    assert_form_error(add_image(admin, "large.png", content), "This file is too big")
    assert_json_error(add_image_multiple(admin, "large.png", content), "This file is too big")


def test_few_frames_and_plain_images_are_accepted(admin):
    assert add_image(admin, "spinner.gif", many_frame_gif(10)).status_code == 302
    assert add_image(admin, "plain.png", image_bytes()).status_code == 302
    assert MedicalImage.objects.count() == 2


# --- Images: names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/cron.d/evil.png",
        "..\\..\\windows\\evil.png",
        "a" * 300 + ".png",
        "\u202egnp.exe.png",
    ],
    ids=["posix-traversal", "windows-traversal", "300-chars", "rtl-override"],
)
def test_image_names_are_made_safe(admin, name):
    response = add_image(admin, name, image_bytes())
    assert response.status_code == 302, response.content[:500]
    stored = MedicalImage.objects.get().file.name
    assert stored.startswith("original_images/")
    assert ".." not in stored and "\\" not in stored and stored.count("/") == 1
    assert len(stored) <= 100 and stored.isascii() and stored.endswith(".png")


def test_long_name_in_the_multiple_uploader_is_not_a_500(admin):
    response = add_image_multiple(admin, "b" * 300 + ".png", image_bytes())
    assert response.status_code == 200
    assert response.json()["success"] is True


def test_safe_upload_name():
    assert safe_upload_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert safe_upload_name("C:\\Users\\x\\Report FINAL.PDF") == "Report_FINAL.pdf"
    assert safe_upload_name("..") == "upload"
    assert safe_upload_name("x" * 500 + ".txt") == "x" * 60 + ".txt"
    assert safe_upload_name("caf\u00e9\x00\n.pdf") == "cafe.pdf"


# --- Images: metadata stripped, orientation kept --------------------------------------------


def _stored(image: MedicalImage) -> Image.Image:
    with image.file.open("rb") as stored:
        picture = Image.open(io.BytesIO(stored.read()))
        picture.load()
    return picture


def _assert_no_metadata(picture: Image.Image) -> None:
    assert not picture.getexif(), dict(picture.getexif())
    assert "exif" not in picture.info and "xmp" not in picture.info


@pytest.mark.parametrize(("fmt", "extension"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_exif_is_stripped_from_stored_images(admin, fmt, extension):
    original = photo_with_exif(fmt)
    source = Image.open(io.BytesIO(original))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the fixture really carries GPS
    assert source.getexif().get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] == SERIAL

    response = add_image(admin, f"patient-photo.{extension}", original)
    assert response.status_code == 302
    image = MedicalImage.objects.get()
    stored = _stored(image)

    _assert_no_metadata(stored)
    assert stored.format == fmt
    with image.file.open("rb") as raw:
        data = raw.read()
    assert SERIAL.encode() not in data and TAKEN_AT.encode() not in data
    # Orientation applied: the 40×20 sideways picture is now 20×40, marker on top.
    assert (stored.width, stored.height) == (20, 40) == (image.width, image.height)
    assert stored.convert("RGB").getpixel((10, 2))[2] < 100  # yellow marker, not the blue body
    assert image.file_size == len(data)


def test_exif_is_stripped_through_the_multiple_uploader(admin):
    response = add_image_multiple(admin, "ward-photo.jpg", photo_with_exif())
    assert response.json()["success"] is True
    _assert_no_metadata(_stored(MedicalImage.objects.get()))


def test_renditions_carry_no_exif(admin):
    add_image(admin, "scan.jpg", photo_with_exif())
    image = MedicalImage.objects.get()
    rendition = image.get_rendition("fill-10x10|format-jpeg")
    with rendition.file.open("rb") as raw:
        _assert_no_metadata(Image.open(io.BytesIO(raw.read())))


def test_replacing_the_file_in_the_edit_view_strips_it_too(admin):
    add_image(admin, "first.png", image_bytes())
    image = MedicalImage.objects.get()
    upload = SimpleUploadedFile("second.jpg", photo_with_exif(), content_type="image/jpeg")
    response = admin.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": "Second", "file": upload, "alt_text": "", "credit": ""},
    )
    assert response.status_code == 302, response.content[:1000]
    image.refresh_from_db()
    _assert_no_metadata(_stored(image))


def test_images_without_metadata_are_stored_unchanged(admin):
    original = image_bytes("JPEG", quality=70)
    add_image(admin, "clean.jpg", original)
    with MedicalImage.objects.get().file.open("rb") as raw:
        assert raw.read() == original


# --- Documents --------------------------------------------------------------------------------

DOCUMENT_REJECTIONS = [
    pytest.param(
        "notes.pdf", b"<html><script>alert(1)</script></html>", "not a valid .pdf", id="html-as-pdf"
    ),
    pytest.param(
        "book.epub", b"PK\x03\x04" + b"\x00" * 60, "not a valid .epub", id="zip-that-is-not-an-epub"
    ),
    pytest.param("notes.txt", b"<!DOCTYPE html><script>x</script>", "not a valid .txt", id="html-as-txt"),
    pytest.param("notes.txt", b"MZ\x90\x00\x03\x00\x00\x00", "not a valid .txt", id="binary-as-txt"),
    pytest.param("audio.mp3", pdf_bytes(), "not a valid .mp3", id="pdf-as-mp3"),
    pytest.param(
        "evil.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "File extension",
        id="svg",
    ),
    pytest.param("page.html", b"<html></html>", "File extension", id="html"),
]


@pytest.mark.parametrize(("name", "content", "message"), DOCUMENT_REJECTIONS)
def test_hostile_documents_are_form_errors(admin, name, content, message):
    assert_form_error(add_document(admin, name, content), message)
    assert not Document.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), DOCUMENT_REJECTIONS)
def test_hostile_documents_are_json_errors_in_the_multiple_uploader(admin, name, content, message):
    assert_json_error(add_document_multiple(admin, name, content), message)
    assert not Document.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1_000)
def test_oversize_document_is_a_form_error(admin):
    content = pdf_bytes() + b"%" * 2_000
    assert_form_error(add_document(admin, "big.pdf", content), "This file is too big")
    assert_json_error(add_document_multiple(admin, "big.pdf", content), "This file is too big")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leaflet.pdf", pdf_bytes()),
        ("book.epub", epub_bytes()),
        ("readme.txt", "Plain notes, UTF-8: café.\n".encode()),
        ("talk.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 32),
        ("talk.m4a", b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + b"\x00" * 32),
    ],
)
def test_genuine_documents_are_accepted(admin, name, content):
    assert add_document(admin, name, content).status_code == 302
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    "name",
    ["../../../../etc/evil.pdf", "d" * 300 + ".pdf", "\u202efdp.exe.pdf"],
    ids=["traversal", "300", "rtl"],
)
def test_document_names_are_made_safe(admin, name):
    assert add_document(admin, name, pdf_bytes()).status_code == 302
    stored = Document.objects.get().file.name
    assert stored.startswith("documents/") and stored.count("/") == 1 and ".." not in stored
    assert len(stored) <= 100 and stored.isascii() and stored.endswith(".pdf")


@pytest.mark.parametrize(("name", "content"), [("leaflet.pdf", pdf_bytes()), ("readme.txt", b"Notes.\n")])
def test_documents_are_served_as_nosniff_attachments(admin, name, content):
    add_document(admin, name, content)
    document = Document.objects.get()
    response = Client().get(document.url)  # anonymous: documents are public downloads
    assert document.url.startswith("/documents/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content


# --- Consent forms ----------------------------------------------------------------------------


def test_consent_records_store_no_files():
    """Consent is recorded as facts (who, when, scope); the signed form stays in the clinic's
    records (`notes` says where), so no consent file can end up under /media/ or /documents/."""
    for field in CaseStoryConsent._meta.get_fields():
        assert not isinstance(field, models.FileField), field.name
        related = getattr(field, "related_model", None)
        if related is not None:
            assert not issubclass(related, AbstractDocument | AbstractImage), field.name


def test_consent_admin_form_has_no_file_upload(admin, make_case_story):
    response = admin.get(reverse("consent_records:add"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="file"' not in html and "multipart/form-data" not in html
