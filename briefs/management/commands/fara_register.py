import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from briefs.editions import register, websub
from briefs.models import Brief


class Command(BaseCommand):
    help = (
        "Open the FARA register entries public briefs call for (run it from cron: "
        "a scheduled brief opens its entry when its time has passed), list what is "
        "due and overdue, or write the register for a period as CSV."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--csv",
            nargs=2,
            metavar=("START", "END"),
            help="write the register for transmissions from START to END (dates)",
        )

    def handle(self, *args, csv=None, **options):
        if csv:
            start, end = (parse_date(value) for value in csv)
            if start is None or end is None or end < start:
                raise CommandError("--csv wants two dates, YYYY-MM-DD, in order")
            sys.stdout.write(register.export_csv(start, end))
            return
        opened = register.sync()
        for entry in opened:
            self.stdout.write(
                f"opened: {entry.title} (due {entry.due_at:%Y-%m-%d %H:%M})"
            )
        # Briefs that went live on their schedule reach their feeds' hub now.
        for brief in Brief.objects.for_listing().filter(
            pk__in=[entry.brief_id for entry in opened]
        ):
            websub.ping(websub.feeds_of(brief))
        due, overdue = register.outstanding()
        self.stdout.write(f"{len(overdue)} overdue, {len(due)} due in 48 hours")
