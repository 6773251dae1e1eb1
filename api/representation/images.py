"""Images as a set of renditions for `srcset`, with size, alt text, credit and focal point."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from wagtail.images.models import SourceImageIOError

from articles.models import MedicalImage

from .urls import absolute_url

logger = logging.getLogger(__name__)

# Widths offered for `srcset`; Wagtail never upscales, so small originals yield fewer.
RENDITION_WIDTHS = (480, 960, 1600)
RENDITION_FILTERS = tuple(f"width-{width}" for width in RENDITION_WIDTHS)


def load_images(ids: Iterable[int | None]) -> dict[int, MedicalImage]:
    """Images by id with their renditions prefetched: two queries whatever the number of images."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return {}
    images = MedicalImage.objects.filter(pk__in=wanted).prefetch_renditions(*RENDITION_FILTERS)
    return {image.pk: image for image in images}


def represent_image(
    image: MedicalImage | None, *, alt_text: str | None = None, decorative: bool = False
) -> dict[str, Any] | None:
    """`alt_text` overrides the image's default (ImageBlock); decorative images get an empty alt."""
    if image is None:
        return None
    try:
        renditions = image.get_renditions(*RENDITION_FILTERS)
    except SourceImageIOError:
        # A missing original file must not take the whole page down; the image is left out.
        logger.warning("Image %s has no readable original file; left out of the API", image.pk)
        return None
    sizes: dict[int, dict[str, Any]] = {}
    for spec in RENDITION_FILTERS:
        rendition = renditions[spec]
        sizes.setdefault(
            rendition.width,
            {"width": rendition.width, "height": rendition.height, "url": absolute_url(rendition.url)},
        )
    ordered = sorted(sizes.values(), key=lambda size: size["width"])
    if decorative:
        alt = ""
    else:
        alt = alt_text if alt_text else image.default_alt_text
    focal = image.get_focal_point()
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt,
        "decorative": bool(decorative),
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "focal_point": (
            {
                "x": image.focal_point_x,
                "y": image.focal_point_y,
                "width": image.focal_point_width,
                "height": image.focal_point_height,
            }
            if focal
            else None
        ),
        "url": ordered[len(ordered) // 2]["url"],
        "renditions": ordered,
    }
