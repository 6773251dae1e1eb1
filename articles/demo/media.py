"""Draw the demo illustrations with Pillow and store them as `MedicalImage`s.

Drawings are deterministic (fixed seeds, no timestamps), so a rerun produces identical bytes and
the stored file is only replaced when a drawing really changes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.utils.file import hash_filelike

from .content.images import CREDIT, IMAGES, ImageSpec
from .report import LoadReport, Status, status_of

NAVY = (20, 42, 89)
TEAL = (22, 140, 140)
WHITE = (255, 255, 255)
INK = (33, 37, 41)
AMBER = (232, 151, 32)
SOFT_GREY = (226, 232, 240)


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's bundled font: no system fonts needed, identical output on every machine.
    return ImageFont.load_default(size=size)


def _gradient(width: int, height: int, top: tuple, bottom: tuple) -> Image.Image:
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return image


def draw_hero_network() -> Image.Image:
    image = _gradient(1600, 900, NAVY, TEAL)
    draw = ImageDraw.Draw(image)
    rng = random.Random(2026)
    nodes = [(rng.randint(60, 1540), rng.randint(60, 840)) for _ in range(38)]
    for i, (x1, y1) in enumerate(nodes):
        for x2, y2 in nodes[i + 1 :]:
            if (x1 - x2) ** 2 + (y1 - y2) ** 2 < 260**2:
                draw.line([(x1, y1), (x2, y2)], fill=(170, 220, 230), width=2)
    for x, y in nodes:
        radius = rng.randint(8, 18)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=WHITE)
    return image


def draw_nmda_diagram() -> Image.Image:
    image = Image.new("RGB", (1200, 800), WHITE)
    draw = ImageDraw.Draw(image)
    draw.text((60, 40), "Ketamine and the NMDA receptor (simplified)", font=_font(40), fill=INK)
    # The cell membrane, with a gap where the receptor's channel runs through it.
    draw.rectangle([0, 420, 470, 500], fill=SOFT_GREY)
    draw.rectangle([730, 420, 1200, 500], fill=SOFT_GREY)
    draw.rounded_rectangle([470, 300, 560, 620], radius=30, fill=TEAL)
    draw.rounded_rectangle([640, 300, 730, 620], radius=30, fill=TEAL)
    draw.text((480, 640), "NMDA receptor", font=_font(30), fill=INK)
    # Glutamate binds on the outside; ketamine sits in the channel.
    draw.ellipse([330, 230, 410, 310], fill=NAVY)
    draw.text((170, 180), "Glutamate", font=_font(30), fill=NAVY)
    draw.regular_polygon((600, 460, 42), n_sides=6, fill=AMBER)
    draw.text((790, 330), "Ketamine blocks", font=_font(30), fill=INK)
    draw.text((790, 370), "the channel", font=_font(30), fill=INK)
    draw.line([(780, 390), (650, 450)], fill=INK, width=4)
    draw.text((60, 740), "Outside the cell: top  ·  Inside the cell: bottom", font=_font(24), fill=INK)
    return image


def draw_recovery_chart() -> Image.Image:
    image = Image.new("RGB", (1200, 800), WHITE)
    draw = ImageDraw.Draw(image)
    draw.text(
        (60, 40),
        "Adults with PTSD, an average of 40 months later, without specific treatment",
        font=_font(32),
        fill=INK,
    )
    baseline, top = 680, 160
    for x, share, colour, label in (
        (250, 44, TEAL, "No longer met the diagnosis"),
        (700, 56, NAVY, "Still met the diagnosis"),
    ):
        bar_top = baseline - (baseline - top) * share / 100
        draw.rectangle([x, bar_top, x + 250, baseline], fill=colour)
        draw.text((x + 80, bar_top - 60), f"{share}%", font=_font(48), fill=INK)
        draw.text((x - 20, baseline + 20), label, font=_font(28), fill=INK)
    draw.line([(200, baseline), (1050, baseline)], fill=INK, width=3)
    draw.text(
        (60, 750), "Average across 42 studies; results varied from 8% to 89%.", font=_font(24), fill=INK
    )
    return image


def draw_guide_path() -> Image.Image:
    image = _gradient(1200, 800, (236, 246, 246), (205, 230, 236))
    draw = ImageDraw.Draw(image)
    points = [(150, 620), (330, 400), (530, 560), (720, 330), (900, 480), (1060, 200)]
    draw.line(points, fill=TEAL, width=14, joint="curve")
    for number, (x, y) in enumerate(points, start=1):
        draw.ellipse([x - 55, y - 55, x + 55, y + 55], fill=NAVY)
        draw.text((x, y), str(number), font=_font(56), fill=WHITE, anchor="mm")
    return image


DRAWINGS: dict[str, Callable[[], Image.Image]] = {
    "hero-network": draw_hero_network,
    "nmda-diagram": draw_nmda_diagram,
    "recovery-chart": draw_recovery_chart,
    "guide-path": draw_guide_path,
}


def render(spec: ImageSpec) -> tuple[bytes, tuple[int, int]]:
    """The encoded file (PNG or JPEG, from the file name) and its size in pixels."""
    picture = DRAWINGS[spec.key]()
    buffer = BytesIO()
    if spec.filename.endswith(".jpg"):
        picture.save(buffer, format="JPEG", quality=88)
    else:
        picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), picture.size


def ensure_image(spec: ImageSpec, *, overwrite: bool) -> tuple[AbstractImage, Status]:
    """The image titled `spec.title`: created if missing, refreshed only when `overwrite`."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=spec.title).first()
    created = image is None
    if created:
        image = image_model(title=spec.title)
    elif not overwrite:
        return image, "kept"
    data, (width, height) = render(spec)
    changed = False
    for field, value in (("alt_text", spec.alt_text), ("credit", CREDIT)):
        if getattr(image, field) != value:
            setattr(image, field, value)
            changed = True
    # Drawings are deterministic: the same hash means the stored file is already right.
    if created or image.file_hash != hash_filelike(BytesIO(data)):
        # Through the file field, so the file lands in the configured storage (disk or S3).
        image.file = ImageFile(BytesIO(data), name=spec.filename)
        image.width, image.height = width, height
        image._set_image_file_metadata()
        if not created:
            image.renditions.all().delete()  # renditions of the old drawing are stale
        changed = True
    if created or changed:
        image.save()
    return image, status_of(created, changed)


def ensure_images(report: LoadReport, *, overwrite: bool) -> dict[str, int]:
    """All demo images; returns their primary keys by content key."""
    ids = {}
    for spec in IMAGES:
        image, status = ensure_image(spec, overwrite=overwrite)
        report.record("Images", status)
        ids[spec.key] = image.pk
    return ids
