"""What the parser recognised in an export: plain data, no Django."""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ParsedAuthor:
    name: str
    # The bio sentences as printed ("Name is Senior Fellow at ..."), without the
    # "All views are the author's alone." line; empty when the post has none.
    bio: str = ""
    # Titles and degrees the byline carried ("Dr.", "Ph.D."), not part of the name.
    honorific: str = ""


@dataclass(frozen=True)
class ParsedSeries:
    # Display name of the series, e.g. "Korea Policy Series".
    name: str
    # The journal the series is tied to, e.g. "Korea Policy"; empty when unknown.
    publication: str = ""
    volume: int | None = None
    issue: int | None = None
    theme: str = ""
    # True for the post that announces the journal issue itself rather than a brief
    # written for the series.
    is_announcement: bool = False


@dataclass
class ParsedBrief:
    title: str
    published: date
    authors: list[ParsedAuthor]
    # "Last updated ..." in the head; None when the post was never revised.
    updated: date | None = None
    categories: list[str] = field(default_factory=list)
    series: ParsedSeries | None = None
    # The body as Markdown: "## Heading" sections, "- item" lists, "**Run-in head.**"
    # paragraphs; the series note is its first paragraph. Links whose target is "#"
    # are reduced to their text.
    body: str = ""
    summary: str = ""
    image_credit: str = ""
    image_credit_url: str = ""
    disclosure: str = ""
    full_paper_url: str = ""
    # The post's own text as found in the export, for provenance and change detection.
    source_text: str = ""
    # Position of the post in its file, from 1.
    position: int = 1
    warnings: list[str] = field(default_factory=list)
