"""Image checks Wagtail lacks: a header-only size check, a frame limit and metadata stripping.

Wagtail checks WAGTAILIMAGES_MAX_IMAGE_PIXELS only after Willow has *decoded* the image (Willow's
Pillow converter calls `load()` to report the size), so anything under Pillow's own bomb threshold
(~179 megapixels) is allocated in full first, and a truncated file raises OSError (a 500).
`check_image_header` reads only the header. Wagtail also multiplies width × height × frames, so a
1×1 GIF with a hundred thousand frames passes; `MEDICAL_IMAGE_MAX_FRAMES` bounds the frames.

Photos from phones and cameras carry EXIF (GPS position, camera serial numbers, capture times) and
XMP; in a patient-facing medical library that can identify a clinic, a patient or a photographer.
`strip_metadata` re-encodes such an image in its own format without them, after applying the EXIF
orientation so the picture still faces the right way. Images without metadata are left byte for byte.
"""

from __future__ import annotations

import io
import os
import struct
import warnings
from typing import IO

from PIL import Image, ImageOps, JpegImagePlugin, UnidentifiedImageError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from wagtail.images.models import AbstractImage
from wagtail.utils.file import hash_filelike

DEFAULT_MAX_FRAMES = 300

# Keys Pillow puts in `info` for metadata that says something about who, where or when.
_METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "Raw profile type exif", "photoshop")
_SUPPORTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def max_frames() -> int:
    return getattr(settings, "MEDICAL_IMAGE_MAX_FRAMES", DEFAULT_MAX_FRAMES)


def check_image_header(file: IO[bytes], max_pixels: int | None) -> None:
    """Refuse too many pixels or frames from the header alone; nothing is decoded.

    Files Pillow cannot identify (SVG, text) are left to Wagtail's field, which names the format.
    """
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                # Counting frames walks the frame headers without decoding them (a 10 MB GIF of
                # 1-pixel frames is counted in about a second).
                frames = getattr(image, "n_frames", 1)
    except UnidentifiedImageError:
        return
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This file has too many pixels. Maximum pixels %(max)s.",
            code="file_too_many_pixels",
            params={"max": max_pixels or Image.MAX_IMAGE_PIXELS},
        ) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
        raise ValidationError(
            "Upload a valid image. The file is damaged or truncated.", code="invalid_image"
        ) from exc
    finally:
        file.seek(0)
    if max_pixels is not None and width * height > max_pixels:
        raise ValidationError(
            "This file has too many pixels (%(pixels)s). Maximum pixels %(max)s.",
            code="file_too_many_pixels",
            params={"pixels": width * height, "max": max_pixels},
        )
    if frames > max_frames():
        raise ValidationError(
            "This animation has too many frames (%(frames)s). Maximum frames %(max)s.",
            code="too_many_frames",
            params={"frames": frames, "max": max_frames()},
        )


def has_identifying_metadata(image: Image.Image) -> bool:
    """True when `image` carries EXIF, XMP, comments or (PNG) free-text chunks."""
    if any(key in image.info for key in _METADATA_KEYS):
        return True
    if image.format == "PNG" and getattr(image, "text", None):
        return True
    return bool(image.getexif())


def strip_metadata(file: IO[bytes]) -> bytes | None:
    """Return `file` re-encoded without metadata, or None when there is nothing to strip.

    The pixel count has already been bounded by the upload form (or Pillow's own decompression-bomb
    check for images created in code), so decoding here is bounded too.
    """
    file.seek(0)
    with Image.open(file) as image:
        if image.format not in _SUPPORTED_FORMATS or not has_identifying_metadata(image):
            return None
        output = io.BytesIO()
        options: dict = {"format": image.format}
        if icc := image.info.get("icc_profile"):
            options["icc_profile"] = icc  # colour, not identity: keep it
        if getattr(image, "n_frames", 1) > 1:
            # Animations keep every frame; orientation tags are not used for them.
            image.save(output, save_all=True, **options)
            return output.getvalue()
        upright = ImageOps.exif_transpose(image)
        if image.format == "JPEG":
            # The original quantisation tables and subsampling: no second generation of loss beyond
            # what re-encoding itself costs.
            options["qtables"] = image.quantization
            sampling = JpegImagePlugin.get_sampling(image)
            if sampling != -1:
                options["subsampling"] = sampling
        elif image.format == "WEBP":
            options["lossless"] = image.info.get("lossless", False)
            options["quality"] = 90
        elif "transparency" in image.info:
            options["transparency"] = image.info["transparency"]
        upright.save(output, **options)
    return output.getvalue()


def _has_new_file(image: AbstractImage) -> bool:
    """True when `image.file` is not what the database row already points to."""
    if not getattr(image.file, "_committed", True):
        return True  # a fresh upload from a form, not yet written to storage
    if image.pk is None:
        return True  # written to storage by code, e.g. Wagtail's multiple uploader's second step
    stored = type(image).objects.filter(pk=image.pk).values_list("file", flat=True).first()
    return stored != image.file.name


def replace_with_stripped_file(image: AbstractImage) -> bool:
    """Before `image` is saved with a new file, swap that file for a metadata-free copy.

    Called from `MedicalImage.save()` so every way an image arrives (admin add, multiple uploader,
    edit with a new file, demo loader) is covered. Returns whether the file was replaced.
    """
    if not image.file or not _has_new_file(image):
        return False
    field_file = image.file
    field_file.open("rb")
    try:
        data = strip_metadata(field_file)
    finally:
        # A fresh upload must stay open for Django to write it; a stored file is reopened later.
        if field_file._committed:
            field_file.close()
        else:
            field_file.seek(0)
    if data is None:
        return False
    previous = field_file.name if field_file._committed else None
    field = field_file.field
    # upload_to runs again on the bare file name; assigning the stored name (a string) makes the
    # ImageField descriptor re-read width and height from storage.
    name = field.generate_filename(image, os.path.basename(field_file.name))
    image.file = field_file.storage.save(name, ContentFile(data), max_length=field.max_length)
    if previous and previous != image.file.name:
        field_file.storage.delete(previous)
    # Size and hash describe the stored bytes (duplicate detection compares hashes); width and
    # height were updated by the ImageField descriptor (orientation may have swapped them).
    image.file_size = len(data)
    image.file_hash = hash_filelike(io.BytesIO(data))
    return True
