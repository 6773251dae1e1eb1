"""Run the background jobs (scheduled publishing, expiry, review reminders) every minute."""

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from articles.worker import tick


class Command(BaseCommand):
    help = "Run background jobs in a loop (every --interval seconds), or once with --once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one tick and exit.")
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between ticks.")

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        while True:
            started = time.monotonic()
            outcomes = tick()
            for name, outcome in outcomes.items():
                self.stdout.write(f"{name}: {outcome}")
            if once:
                return
            time.sleep(max(0.0, interval - (time.monotonic() - started)))
            # A long-lived loop must not keep a connection the database has dropped meanwhile.
            close_old_connections()
