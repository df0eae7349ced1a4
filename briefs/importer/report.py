"""What the dry run shows per brief: its fields as the importer read them, which
authors and categories already exist, and every guess the parser made.

Built before anything is written, from the parsed records and one lookup per
kind of row, so that an editor can accept or fix the import first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from taggit.models import Tag

from ..models import Author, ascii_slug
from .records import ParsedBrief

NEW = "new"
EXISTING = "existing"
LEFT_OFF = "new, so left off: only editors create categories"

# The parser's warnings that record a repair or a guess, by what the editor
# should check; the rest (missing bio, repeated author ...) are plain warnings.
DECISION_KINDS = [
    ("joined title", ("title joined from",)),
    ("joined paragraph", ("joined a paragraph", "joined the disclosure")),
    (
        "dropped chrome",
        (
            "dropped page furniture",
            "dropped print chrome",
            "dropped a stray",
            "ignored a 'THE PENINSULA'",
            "dropped the views disclaimer",
            "dropped the kicker",
            "dropped the role under",
            "dropped the notes' back-links",
        ),
    ),
    ("guessed heading", ("guessed a heading",)),
    ("caption", ("read a caption", "took the feature image's credit")),
    ("table", ("added the header delimiter", "tab-separated rows as a table")),
    (
        "moved or rewritten",
        (
            "kept the standfirst",
            "read the bio under the byline",
            "kept the author's box",
            "read the author chips",
            "read the date badge",
            "read the date above the title",
            "wrote note markers",
            "read the updated date from the editor's note",
        ),
    ),
    ("name", ("took ",)),
    ("head line kept as text", ("kept a line of the head",)),
    ("placeholder link", ("placeholder link",)),
    ("encoding", ("is not UTF-8", "decoded as Windows-1252")),
]


@dataclass(frozen=True)
class Named:
    name: str
    status: str  # NEW or EXISTING
    # Titles and degrees taken off an author's name ("Dr.", "Ph.D.").
    honorific: str = ""


@dataclass
class BriefReport:
    title: str
    published: date
    updated: date | None
    authors: list[Named]
    categories: list[Named]
    series: str
    disclosure_found: bool
    image_credit: str
    decisions: list[tuple[str, str]] = field(default_factory=list)
    other_warnings: list[str] = field(default_factory=list)


def build_reports(
    parsed_briefs: list[ParsedBrief], *, may_create_categories: bool = True
) -> list[BriefReport]:
    slugs = {ascii_slug(a.name) for p in parsed_briefs for a in p.authors}
    known_authors = set(
        Author.objects.filter(slug__in=slugs).values_list("slug", flat=True)
    )
    names = {c for p in parsed_briefs for c in p.categories}
    known_tags = set()
    if names:
        query = Q()
        for name in names:
            query |= Q(name__iexact=name)
        known_tags = {
            n.casefold()
            for n in Tag.objects.filter(query).values_list("name", flat=True)
        }
    seen_authors: set[str] = set()
    seen_tags: set[str] = set()
    reports = []
    for parsed in parsed_briefs:
        authors = []
        for author in parsed.authors:
            slug = ascii_slug(author.name)
            status = EXISTING if slug in known_authors | seen_authors else NEW
            seen_authors.add(slug)
            authors.append(Named(author.name, status, author.honorific))
        categories = []
        for name in parsed.categories:
            key = name.casefold()
            status = EXISTING if key in known_tags | seen_tags else NEW
            if status == NEW and not may_create_categories:
                status = LEFT_OFF
            else:
                seen_tags.add(key)
            categories.append(Named(name, status))
        report = BriefReport(
            title=parsed.title,
            published=parsed.published,
            updated=parsed.updated,
            authors=authors,
            categories=categories,
            series=parsed.series.name if parsed.series else "",
            disclosure_found=bool(parsed.disclosure),
            image_credit=parsed.image_credit,
        )
        for warning in parsed.warnings:
            kind = decision_kind(warning)
            if kind:
                report.decisions.append((kind, warning))
            else:
                report.other_warnings.append(warning)
        reports.append(report)
    return reports


def decision_kind(warning: str) -> str:
    for kind, markers in DECISION_KINDS:
        if any(marker in warning for marker in markers):
            return kind
    return ""
