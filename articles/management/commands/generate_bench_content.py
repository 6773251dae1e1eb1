"""`manage.py generate_bench_content --articles N`: grow the benchmark dataset to N articles.

Idempotent: creates only the missing `bench-article-NNNNN` pages, each published through the
real editorial + medical review workflow (so each gets its approval snapshot, DESIGN.md §4).
Reference-index updates are deferred during generation and rebuilt once at the end (DESIGN.md
§8). Loads the demo content first for its users, references, taxonomy and images. Used by
`make bench` (bench/run.py); never run it against a real site.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from wagtail.signal_handlers import disable_reference_index_auto_update

from articles.demo.content.images import IMAGES
from articles.demo.content.references import REFERENCES
from articles.demo.loader import load_demo_content
from articles.demo.publishing import publish_reviewed
from articles.demo.report import LoadReport
from articles.demo.users import ensure_demo_users
from articles.models import (
    ArticlePage,
    ArticlePageReference,
    Condition,
    MedicalImage,
    Reference,
    Topic,
    Treatment,
)
from articles.site_tree import ensure_site_tree
from bench.content import SLUG_PREFIX, bench_article, resolve

HERO_RENDITION = "fill-1200x630"
BATCH = 50  # pages per transaction: a crash loses at most one batch, reruns resume


class Command(BaseCommand):
    help = "Grow the benchmark dataset to N reviewed, published articles (adds only missing ones)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="total bench articles wanted")

    def handle(self, *args, articles: int, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Bench content builds on the demo content, which these settings disable.")
        started = time.monotonic()
        # Workflow notification e-mails would only be noise.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            load_demo_content()
            existing = set(
                ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
            )
            missing = [i for i in range(1, articles + 1) if bench_article(i).slug not in existing]
            self.stdout.write(f"{len(existing)} bench articles present, creating {len(missing)} …")
            if missing:
                with disable_reference_index_auto_update():
                    self._create(missing, started)
                self.stdout.write("Rebuilding the reference index …")
                call_command("rebuild_references_index", verbosity=0)
        total = ArticlePage.objects.filter(slug__startswith=SLUG_PREFIX, live=True).count()
        self.stdout.write(
            self.style.SUCCESS(f"{total} live bench articles; took {time.monotonic() - started:.1f} s.")
        )

    def _create(self, numbers: list[int], started: float) -> None:
        users = ensure_demo_users(LoadReport())
        parent = ensure_site_tree().articles
        references = {
            spec.key: Reference.objects.get(title=spec.title, year=spec.year).pk for spec in REFERENCES
        }
        images = {spec.key: MedicalImage.objects.get(title=spec.title).pk for spec in IMAGES}
        for pk in set(images.values()):
            # The hero rendition exists before serving, as on a site that has been browsed.
            MedicalImage.objects.get(pk=pk).get_rendition(HERO_RENDITION)
        topics, conditions, treatments = (
            list(model.objects.order_by("pk")) for model in (Topic, Condition, Treatment)
        )

        def pick(rows: list, i: int, n: int) -> list:
            return [rows[(i + k) % len(rows)] for k in range(min(n, len(rows)))]

        for start in range(0, len(numbers), BATCH):
            with transaction.atomic():
                for i in numbers[start : start + BATCH]:
                    spec = bench_article(i)
                    page = ArticlePage(
                        slug=spec.slug,
                        title=spec.title,
                        summary=spec.summary,
                        hero_image_id=images[spec.hero_image],
                        body=resolve(spec.blocks, references, images),
                        live=False,
                    )
                    page.topics = pick(topics, i, 2)
                    page.conditions = pick(conditions, i, 2)
                    page.treatments = pick(treatments, i, 2)
                    page.reference_links = [
                        # sort_order set explicitly: modelcluster orders orderables by it.
                        ArticlePageReference(sort_order=n, reference_id=references[key])
                        for n, key in enumerate(spec.references)
                    ]
                    parent.add_child(instance=page)
                    publish_reviewed(page, writer=users.writer, editor=users.editor, reviewer=users.reviewer)
            done = min(start + BATCH, len(numbers))
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"  {done}/{len(numbers)} created ({elapsed:.0f} s, {elapsed / done * 1000:.0f} ms/page)"
            )
