import json
import sys
import traceback
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from briefs.editorial.workflow import can_publish
from briefs.importer.errors import BriefImportError
from briefs.importer.read import iter_source_files
from briefs.importer.service import FAILED, import_path
from briefs.importer.store import (
    CREATED,
    KEPT,
    REFUSED,
    UNCHANGED,
    UPDATED,
    StoreOptions,
)
from briefs.site import purge

# Fewer files than this finish before a progress bar would tell anything.
PROGRESS_BAR_MIN_FILES = 5


class Command(BaseCommand):
    help = "Import policy briefs from exported text files and PDFs (files or folders)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders to import")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would be created or updated, write nothing",
        )
        parser.add_argument(
            "--draft", action="store_true", help="import new briefs as drafts"
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="replace briefs that editors changed since their last import",
        )
        parser.add_argument(
            "--json", action="store_true", help="print a machine-readable report"
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="import on behalf of this user: recorded in the history, and "
            "publishing needs their publish permission",
        )

    def handle(self, *args, **options):
        try:
            files, skipped = iter_source_files(options["paths"])
        except BriefImportError as error:
            raise CommandError(str(error)) from error
        verbosity = options["verbosity"]
        as_json = options["json"]
        if not as_json and verbosity:
            for path in skipped:
                self.stdout.write(f"{path}: skipped (not .txt, .md or .pdf)")
        user = self.acting_user(options["user"], publishing=not options["draft"])
        store_options = StoreOptions(
            draft=options["draft"],
            overwrite=options["overwrite"],
            dry_run=options["dry_run"],
            user=user,
            may_change_published=user is None or can_publish(user),
            change_reason="Imported by import_briefs"
            + (f" for {user.get_username()}" if user else ""),
        )
        reports = []
        # One purge of the HTTP cache for the whole run, not one per file.
        with purge.batch():
            for path in self.progress(files, as_json):
                report = import_path(path, store_options)
                reports.append(report)
                if not as_json:
                    self.print_report(report, verbosity, options["traceback"])

        if as_json:
            self.stdout.write(json.dumps([r.as_dict() for r in reports], indent=2))
        else:
            self.print_summary(reports, options["dry_run"])
        if any(r.status == FAILED for r in reports):
            sys.exit(1)

    def acting_user(self, username, publishing):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(f"no active user named {username!r}")
        if publishing and not can_publish(user):
            raise CommandError(
                f"{username} may not publish briefs; import with --draft instead"
            )
        return user

    def progress(self, files, as_json):
        show = not as_json and len(files) >= PROGRESS_BAR_MIN_FILES
        if show and self.stdout.isatty():
            from tqdm import tqdm

            return tqdm(files, unit="file", file=sys.stderr, leave=False)
        return files

    def print_report(self, report, verbosity, with_traceback=False):
        if report.status == FAILED:
            self.stderr.write(f"{report.path}: {report.error}")
            if with_traceback and report.exception is not None:
                self.stderr.write("".join(traceback.format_exception(report.exception)))
            return
        if verbosity >= 1:
            self.stdout.write(f"{report.path}: {report.status}")
        for outcome in report.briefs:
            if verbosity >= 2:
                self.stdout.write(
                    f"  {outcome.action}: {outcome.slug} ({outcome.title})"
                )
            # Warnings were shown when the brief was written; repeating them for an
            # unchanged brief would bury the news of a re-run.
            if verbosity >= 2 or outcome.action in (CREATED, UPDATED, REFUSED):
                for warning in outcome.warnings:
                    self.stdout.write(f"  warning: {outcome.slug}: {warning}")

    def print_summary(self, reports, dry_run):
        counts = Counter(o.action for r in reports for o in r.briefs)
        failed = sum(1 for r in reports if r.status == FAILED)
        prefix = "Dry run, nothing written. Would be: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{counts[CREATED]} created, {counts[UPDATED]} updated, "
            f"{counts[UNCHANGED]} unchanged, {counts[KEPT]} {KEPT}, "
            + (f"{counts[REFUSED]} refused (published), " if counts[REFUSED] else "")
            + f"{failed} failed"
        )
