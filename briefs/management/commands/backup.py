from django.core.management.base import BaseCommand, CommandError

from briefs.backup import BackupError, create_backup, describe_counts


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump on PostgreSQL, dumpdata otherwise) and every "
        "media file into one tar archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="archive to write (default: a dated file in settings.BACKUP_DIR)",
        )
        parser.add_argument(
            "--format",
            choices=["native", "json"],
            default="native",
            help="native: pg_dump on PostgreSQL; json: dumpdata, loadable into any "
            "database (the default on SQLite)",
        )

    def handle(self, *args, output=None, format="native", **options):
        try:
            report = create_backup(output, database_format=format)
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts = describe_counts(report.counts)
        self.stdout.write(
            f"{report.path}: database ({report.database_format}: {counts}), "
            f"{report.media_files} media files"
        )
        for note in report.notes:
            self.stdout.write(f"  {note}")
