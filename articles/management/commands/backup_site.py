"""`manage.py backup_site [--output PATH]`: the database and media in one .tar.gz (`make backup`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write the database (SQLite online backup or pg_dump) and the MEDIA_ROOT tree, with a "
        "manifest, to one .tar.gz archive. Safe while the site is running."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            metavar="PATH",
            help="Archive to write (default: var/backups/medcms-<UTC timestamp>.tar.gz).",
        )

    def handle(self, *args, output: Path | None = None, **options) -> None:
        try:
            outcome = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = outcome.manifest
        counts = ", ".join(
            f"{count} {label.replace('_', ' ')}" for label, count in manifest["counts"].items()
        )
        self.stdout.write(f"Database ({manifest['database']['vendor']}): {counts}")
        media = manifest["media"]
        if media["included"]:
            self.stdout.write(f"Media: {media['files']} files, {media['bytes']} bytes")
        for note in outcome.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS(f"Backup written to {outcome.archive}"))
