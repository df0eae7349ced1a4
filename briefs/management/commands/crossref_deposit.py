from pathlib import Path

from dateutil.parser import ParserError, isoparse
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from briefs.editions import crossref


class Command(BaseCommand):
    help = (
        "Write a Crossref deposit (schema 5.3.1) for the public briefs with DOIs; "
        "send it too when CROSSREF_SEND is on and --send is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", help="only briefs changed on or after DATE")
        parser.add_argument("--brief", metavar="SLUG", help="only this brief")
        parser.add_argument(
            "--assign",
            action="store_true",
            help="first give the chosen public briefs without a DOI one (DOI_PREFIX)",
        )
        parser.add_argument(
            "--output", "-o", help="file to write (default: the batch id, .xml)"
        )
        parser.add_argument("--send", action="store_true", help="POST it to Crossref")

    def handle(self, *args, since=None, brief=None, assign=False, **options):
        day = None
        if since:
            try:
                day = isoparse(since).date()
            except (ParserError, ValueError) as error:
                raise CommandError(
                    f"--since: not a date (YYYY-MM-DD): {since}"
                ) from error
        try:
            if assign:
                candidates = crossref.depositable(since=day, slug=brief, with_doi=False)
                assigned = crossref.register(candidates)
                self.stdout.write(f"{len(assigned)} brief(s) with a DOI")
            briefs = list(crossref.depositable(since=day, slug=brief))
            if brief and not briefs:
                raise CommandError(f"no public brief {brief!r} with a DOI")
            deposit = crossref.deposit_for(briefs, settings.SITE_URL)
            path = Path(options["output"] or f"{deposit.batch_id}.xml")
            path.write_bytes(deposit.xml)
            self.stdout.write(f"{path}: {len(deposit.dois)} DOI(s)")
            if options["send"]:
                status, answer = crossref.send(deposit)
                self.stdout.write(f"Crossref answered {status}: {answer[:200]}")
        except crossref.DepositError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"cannot write or send the deposit: {error}") from error
