"""`manage.py load_demo_content [--reset]`: the demo data set for local development."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Create the demo article, case stories, guide, references, media and one user per role. "
        "Idempotent: existing demo objects are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Also restore existing demo objects to the demo content (overwrites admin edits).",
        )

    def handle(self, *args, reset: bool = False, **options):
        # The demo accounts' passwords are published in the README: never on a real site.
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError(
                "Demo content is disabled in these settings (DEMO_CONTENT_ALLOWED is off): it "
                "creates accounts whose passwords are public."
            )
        report = load_demo_content(reset=reset)
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.changed_anything:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        elif reset:
            self.stdout.write(self.style.SUCCESS("Demo content already matches the demo data."))
        else:
            self.stdout.write(
                self.style.SUCCESS("Demo content already present (use --reset to restore edited items).")
            )
