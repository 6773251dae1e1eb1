"""`manage.py restore_site ARCHIVE [--force]`: put back a `backup_site` archive (`make restore`)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore the database and media from a backup_site archive. Refuses a non-empty database "
        "unless --force. Stop the web server and the worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="The .tar.gz written by backup_site.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the content of a database (and media tree) that is not empty.",
        )

    def handle(self, *args, archive: Path, force: bool = False, **options) -> None:
        if not archive.is_file():
            raise CommandError(f"No backup archive at {archive}.")
        try:
            outcome = restore_backup(archive, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = outcome.manifest
        self.stdout.write(
            f"Archive: created {manifest['created_at']} with Django {manifest['versions']['django']}, "
            f"Wagtail {manifest['versions']['wagtail']}"
        )
        counts = ", ".join(
            f"{count} {label.replace('_', ' ')}" for label, count in manifest["counts"].items()
        )
        self.stdout.write(f"Database ({manifest['database']['vendor']}) restored: {counts}")
        media = manifest["media"]
        if media["included"] and not outcome.notes:
            self.stdout.write(f"Media restored: {media['files']} files, {media['bytes']} bytes")
        for note in outcome.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            self.style.SUCCESS(f"Restored {outcome.archive}. Run `manage.py migrate` if the code is newer.")
        )
