from django.core.management.base import BaseCommand

from briefs.editorial.import_jobs import remove_stale_staging


class Command(BaseCommand):
    help = (
        "Remove uploads staged on the admin import page that were never confirmed "
        "or cancelled (older than IMPORT_STAGING_MAX_AGE_SECONDS, or --max-age)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age",
            type=int,
            metavar="SECONDS",
            help="remove staged uploads older than this (default: the setting)",
        )

    def handle(self, *args, **options):
        removed = remove_stale_staging(options["max_age"])
        if options["verbosity"]:
            self.stdout.write(f"{removed} staged upload(s) removed")
