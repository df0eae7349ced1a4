from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from briefs.demo_data import (
    PEER_SEED,
    DemoDataError,
    flush_archive,
    generate_standard,
    generate_wagtail_peer,
)


def positive(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Fill an empty database with a generated archive for benchmarks: "
        "--briefs/--authors/--series/--categories, or --recipe wagtail-peer for "
        "the data of the Wagtail peer site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--recipe", choices=["standard", "wagtail-peer"], default="standard"
        )
        parser.add_argument("--briefs", type=positive, default=None)
        parser.add_argument("--authors", type=positive, default=None)
        parser.add_argument("--series", type=positive, default=None)
        parser.add_argument(
            "--categories", type=positive, default=None, help="tags for wagtail-peer"
        )
        parser.add_argument("--seed", type=int, default=None)
        parser.add_argument(
            "--flush",
            action="store_true",
            help="first delete every brief, author, series, category and disclosure",
        )

    def handle(self, *args, **options):
        if options["flush"]:
            flush_archive()
        try:
            if options["recipe"] == "wagtail-peer":
                if options["series"]:
                    raise CommandError("The wagtail-peer recipe has no series.")
                summary = generate_wagtail_peer(
                    briefs=_given(options["briefs"], 2000),
                    authors=_given(options["authors"], 200),
                    tags=_given(options["categories"], 40),
                    seed=_given(options["seed"], PEER_SEED),
                )
            else:
                summary = generate_standard(
                    briefs=_given(options["briefs"], 100),
                    authors=_given(options["authors"], 20),
                    series=_given(options["series"], 4),
                    categories=_given(options["categories"], 10),
                    seed=_given(options["seed"], 1),
                )
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses at the new rows' sizes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"Generated {summary.briefs} briefs ({summary.published} published, "
            f"{summary.scheduled} scheduled, {summary.drafts} drafts or in review), "
            f"{summary.authors} authors, {summary.series} series, "
            f"{summary.categories} categories in {summary.seconds:.1f} s "
            f"({', '.join(f'{k} {v} s' for k, v in summary.timings.items())})."
        )


def _given(value, default):
    return default if value is None else value
