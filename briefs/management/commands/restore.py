from django.core.management.base import BaseCommand, CommandError

from briefs.backup import BackupError, describe_counts, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `backup` archive: the database (pg_restore or loaddata) and the "
        "media files."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar written by `manage.py backup`")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already holds briefs or users",
        )

    def handle(self, *args, archive, replace=False, **options):
        try:
            report = restore_backup(archive, replace=replace)
        except BackupError as error:
            raise CommandError(f"{archive}: {error}") from None
        counts = describe_counts(report.counts)
        self.stdout.write(
            f"{report.path}: restored database ({report.database_format}: {counts}), "
            f"{report.media_files} media files"
        )
        for note in report.notes:
            self.stdout.write(f"  {note}")
