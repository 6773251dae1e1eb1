"""`generate_stock_content --articles N`: grow the stock baseline to N articles (adds missing ones).

Same bodies as `generate_bench_content` (bench/content.py), published the stock way
(`save_revision().publish()`, no review workflow). Reference-index updates are deferred and
rebuilt once, as on our side.
"""

from __future__ import annotations

import time
from io import BytesIO

from PIL import Image as PILImage

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from bench.content import SLUG_PREFIX, bench_article, resolve, source
from bench.stock.benchsite.models import BenchArticlePage, BenchReference

HERO_RENDITION = "fill-1200x630"
BATCH = 100


def _image(key: str) -> Image:
    image = Image.objects.filter(title=key).first()
    if image is None:
        buffer = BytesIO()
        PILImage.new("RGB", (1600, 900), (20, 42, 89)).save(buffer, format="PNG")
        image = Image(title=key, file=ImageFile(buffer, name=f"{key}.png"))
        image.save()
    image.get_rendition(HERO_RENDITION)
    return image


class Command(BaseCommand):
    help = "Grow the stock-Wagtail baseline to N published articles."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)

    def handle(self, *args, articles: int, **options):
        started = time.monotonic()
        src = source()
        keys = {key for p in src["paragraphs"] for key in p["citations"]} | {src["statistic"]["reference"]}
        references = {}
        for key in sorted(keys):
            row, _ = BenchReference.objects.get_or_create(
                key=key,
                defaults={"authors": "Bench author", "title": f"Reference {key}", "year": int(key[-4:])},
            )
            references[key] = row.pk
        image_keys = {src["hero_image"]} | {picture["image"] for picture in src["images"]}
        images = {key: _image(key).pk for key in sorted(image_keys)}
        parent = Page.objects.get(depth=2)  # the default site's root page ("Welcome to Wagtail")
        existing = set(BenchArticlePage.objects.values_list("slug", flat=True))
        missing = [i for i in range(1, articles + 1) if bench_article(i).slug not in existing]
        self.stdout.write(f"{len(existing)} stock articles present, creating {len(missing)} …")
        with disable_reference_index_auto_update():
            for start in range(0, len(missing), BATCH):
                with transaction.atomic():
                    for i in missing[start : start + BATCH]:
                        spec = bench_article(i)
                        page = BenchArticlePage(
                            slug=spec.slug,
                            title=spec.title,
                            summary=spec.summary,
                            hero_image_id=images[spec.hero_image],
                            body=resolve(spec.blocks, references, images),
                        )
                        parent.add_child(instance=page)
                        page.save_revision().publish()
                self.stdout.write(f"  {min(start + BATCH, len(missing))}/{len(missing)} created")
        if missing:
            call_command("rebuild_references_index", verbosity=0)
        total = BenchArticlePage.objects.live().filter(slug__startswith=SLUG_PREFIX).count()
        self.stdout.write(f"{total} live stock articles; took {time.monotonic() - started:.1f} s.")
