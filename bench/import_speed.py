"""Import throughput: text briefs per second and PDF time per page.

Run: .venv/bin/python bench/import_speed.py [--posts 1000] [--pdf-pages 10]
Uses the configured database (DATABASE_URL) through a scratch test database, so
nothing is left behind. Prints figures; asserts nothing about time.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kei_site.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.generate import export_files  # noqa: E402


def bench_text(posts: int, per_file: int) -> None:
    from briefs.importer.service import import_path
    from briefs.importer.store import StoreOptions
    from briefs.models import Brief

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, text in export_files(posts, per_file):
            path = Path(folder) / name
            path.write_text(text)
            paths.append(path)
        options = StoreOptions()
        started = time.perf_counter()
        reports = [import_path(path, options) for path in paths]
        elapsed = time.perf_counter() - started
        failed = [r for r in reports if r.status == "failed"]
        count = Brief.objects.count()
        print(
            f"text import: {count} briefs in {elapsed:.2f} s = "
            f"{count / elapsed:.0f} briefs/s on {connection.vendor} "
            f"({len(paths)} files, {len(failed)} failed)"
        )
        started = time.perf_counter()
        for path in paths:
            import_path(path, options)
        elapsed = time.perf_counter() - started
        print(f"re-import (all unchanged): {count / elapsed:.0f} briefs/s")


def bench_pdf(pages: int, repeats: int) -> None:
    import pdfplumber

    from briefs.importer.pdf import read_pdf_bytes
    from tests.pdf_samples import long_post_pdf

    data = long_post_pdf(pages=pages)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        with pdfplumber.open(handle.name) as pdf:
            page_count = len(pdf.pages)

        def bare():
            with pdfplumber.open(handle.name) as pdf:
                for page in pdf.pages:
                    page.extract_text()

        def ours():
            read_pdf_bytes(Path(handle.name).read_bytes())

        timings = {}
        for label, run in (("pdfplumber extract_text", bare), ("importer read", ours)):
            best = min(_timed(run) for _ in range(repeats))
            timings[label] = best
            print(
                f"{label}: {best / page_count * 1000:.1f} ms/page ({page_count} pages)"
            )
        ratio = timings["importer read"] / timings["pdfplumber extract_text"]
        print(f"PDF import / bare extraction: {ratio:.2f}x (target <= 1.5x)")


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--per-file", type=int, default=50)
    parser.add_argument("--pdf-pages", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=False
    )
    try:
        bench_text(args.posts, args.per_file)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    bench_pdf(args.pdf_pages, args.repeats)


if __name__ == "__main__":
    main()
