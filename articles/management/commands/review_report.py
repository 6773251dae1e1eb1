"""List live content that is overdue, due soon or changed since its medical review."""

from django.core.management.base import BaseCommand, CommandParser

from articles.admin_views import due_review_records
from articles.review.currency import DUE_SOON_DAYS, review_status


class Command(BaseCommand):
    help = "List live content whose medical review is overdue, due soon, or invalidated by edits."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--due-within",
            type=int,
            default=DUE_SOON_DAYS,
            metavar="DAYS",
            help=f"Include content due within this many days (default {DUE_SOON_DAYS}).",
        )

    def handle(self, *args, due_within: int, **options) -> None:
        if due_within < 0:
            self.stderr.write("--due-within must be zero or more days.")
            raise SystemExit(2)
        records = list(due_review_records(within_days=due_within))
        if not records:
            self.stdout.write(f"No live content is due for medical review within {due_within} days.")
            return
        self.stdout.write(f"{'STATUS':<22}{'DUE':<12}{'TYPE':<24}{'REVIEWER':<28}TITLE")
        for record in records:
            reviewer = f"{record.reviewer_name}, {record.reviewer_credentials}"
            self.stdout.write(
                f"{review_status(record):<22}{record.next_review_due.isoformat():<12}"
                f"{record.page_type:<24}{reviewer[:27]:<28}{record.page_title}"
            )
        self.stdout.write(f"{len(records)} item(s).")
