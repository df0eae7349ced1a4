"""The realistic corpus under tests/samples/, read and checked field by field.

Shared by tests/test_samples.py (every check must hold) and
bench/import_accuracy.py (counts checks and samples right). Pure: no Django.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from briefs.importer.errors import BriefImportError
from briefs.importer.parse import parse_export
from briefs.importer.read import read_source_text
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

SAMPLES = Path(__file__).parent / "samples"


@dataclass
class Result:
    name: str
    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(ok for _, ok, _ in self.checks)

    @property
    def fully_right(self) -> bool:
        return all(ok for _, ok, _ in self.checks)

    def failures(self) -> list[str]:
        return [f"{label}: {detail}" for label, ok, detail in self.checks if not ok]


def text_samples(root: Path = SAMPLES) -> list[Path]:
    return sorted(p for p in (root / "text").iterdir() if p.suffix in {".txt", ".bin"})


def pdf_samples(root: Path = SAMPLES) -> list[Path]:
    return sorted((root / "pdf").glob("*.html"))


def expected_of(sample: Path) -> dict:
    return json.loads(sample.with_suffix(".json").read_text(encoding="utf-8"))


def print_to_pdf(
    page: Path, pdf: Path, *, chrome: bool, paper: str | None = None
) -> None:
    """Print an HTML page as a reader's browser would ("Save as PDF"), on the
    reader's paper when the page's own style sets none (Chromium's default is
    Letter, and its command line has no paper option)."""
    html = page.read_text(encoding="utf-8")
    if paper and not _PAGE_SIZE.search(html):
        page = pdf.with_suffix(".html")
        page.write_text(
            html.replace(
                "</head>", f"<style>@page {{ size: {paper}; }}</style></head>", 1
            ),
            encoding="utf-8",
        )
    args = [*CHROMIUM_ARGS, f"--print-to-pdf={pdf}"]
    if not chrome:
        args.append("--no-pdf-header-footer")
    subprocess.run(
        [str(CHROMIUM), *args, page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )


_PAGE_SIZE = re.compile(r"@page\s*\{[^}]*\bsize\s*:", re.IGNORECASE)


def check_sample(sample: Path, workdir: Path | None = None) -> Result:
    expected = expected_of(sample)
    source = sample
    if sample.suffix == ".html":
        workdir = workdir or Path(tempfile.mkdtemp())
        source = workdir / (sample.stem + ".pdf")
        options = expected["print"]
        print_to_pdf(sample, source, chrome=options["chrome"], paper=options["paper"])
    result = Result(sample.name)
    try:
        read = read_source_text(source)
        briefs = parse_export(read.text)
    except BriefImportError as error:
        wanted = sum(_count(post) for post in expected["briefs"])
        result.checks = [("imports", False, str(error))] * wanted
        return result
    warnings = list(read.warnings) + [w for b in briefs for w in b.warnings]
    result.checks.append(
        ("post count", len(briefs) == len(expected["briefs"]), f"{len(briefs)}")
    )
    for number, post in enumerate(expected["briefs"]):
        brief = briefs[number] if number < len(briefs) else None
        result.checks.extend(_check_post(number + 1, post, brief, warnings))
    return result


def _count(post: dict) -> int:
    return (
        7
        + len(post.get("bios", {}))
        + len(post.get("body_has", []))
        + len(post.get("body_lacks", []))
        + len(post.get("warnings_have", []))
    )


_SITE_FURNITURE = re.compile(
    r"©|\bCopyright\b|\bAll rights reserved\b|\bpowered by\b|Return to the", re.I
)


def _check_post(number, post, brief, warnings):
    if brief is None:
        return [(f"post {number}", False, "missing")] * _count(post)
    authors = {a.name: a for a in brief.authors}
    series = _series_shown(brief.series, post.get("series"))
    updated = getattr(brief, "updated", None)
    fields = [
        ("title", brief.title, post["title"]),
        ("published", brief.published.isoformat(), post["published"]),
        ("updated", updated.isoformat() if updated else None, post.get("updated")),
        ("authors", [a.name for a in brief.authors], post["authors"]),
        ("categories", brief.categories, post["categories"]),
        ("series", series, post.get("series")),
        # null in a JSON says the same as "": the post credits no image.
        ("image credit", brief.image_credit, post.get("image_credit") or ""),
    ]
    checks = [
        (f"post {number} {label}", got == want, f"got {got!r}, want {want!r}")
        for label, got, want in fields
    ]
    # The disclosure is one check with the credit: both are the tail's fields.
    if post.get("disclosure", True) != bool(brief.disclosure):
        checks[-1] = (f"post {number} disclosure", False, "disclosure not found")
    elif _SITE_FURNITURE.search(brief.disclosure):
        # Every page and feed prints the statement: the site's footer is no part.
        checks[-1] = (f"post {number} disclosure", False, brief.disclosure[-80:])
    for name, phrase in post.get("bios", {}).items():
        bio = authors[name].bio if name in authors else ""
        checks.append((f"post {number} bio of {name}", phrase in bio, repr(bio[:80])))
    for needle in post.get("body_has", []):
        checks.append(
            (f"post {number} body has", needle in brief.body, repr(needle[:60]))
        )
    for needle in post.get("body_lacks", []):
        checks.append(
            (f"post {number} body lacks", needle not in brief.body, repr(needle[:60]))
        )
    for needle in post.get("warnings_have", []):
        found = any(needle in warning for warning in warnings)
        checks.append((f"post {number} warns", found, repr(needle)))
    return checks


def _series_shown(series, wanted):
    """The series' name, or its name with the journal issue as the site shows
    it ("Korea Policy Series (Korea Policy, Vol. 4, Issue 1)") when that is
    what the sample writes."""
    if series is None:
        return None
    if not (wanted and wanted.endswith(")")):
        return series.name
    issue = series.publication
    if series.publication and series.volume and series.issue:
        issue = f"{series.publication}, Vol. {series.volume}, Issue {series.issue}"
    return f"{series.name} ({issue})" if issue else series.name


def chromium_available() -> bool:
    return CHROMIUM.exists() or shutil.which("chromium") is not None
