"""Parse the text of a blog export ("THE PENINSULA" posts) into ParsedBrief records.

Pure functions over ``str``; no Django, no I/O. The reader stage decodes the file and
the store stage writes the records. Every problem with the input surfaces as a
``BriefImportError`` with a one-line reason; repairs and guesses become warnings on
the brief they concern, so editors can see what the importer did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .body import (
    full_paper_url,
    render_body,
    split_pieces,
    summary,
    tab_tables_as_pipes,
)
from .chrome import drop_furniture, without_comments_and_after
from .errors import BriefImportError
from .export_format import (
    AUTHOR_LINE,
    CATEGORY_LINE,
    DATE_FORMS,
    POST_END,
    POST_START,
    PUBLISHED_LINE,
    TAGS_LABEL,
)
from .head_lines import (
    fields_under_labels,
    in_export_order,
    label_bare_date,
    rejoin_broken_links,
    split_compound_lines,
    without_posting_account,
)
from .header import is_byline, read_categories, read_head, read_title_and_date
from .healing import heal
from .records import ParsedBrief
from .series import SeriesClues, resolve_series, series_clues
from .text import clean, unwrapped
from .trailer import (
    attach_bios,
    drop_opening_views_note,
    mentions_fara,
    read_image_credit,
    separate_tail,
)


@dataclass
class _Block:
    """One post as cut from the export, before any interpretation."""

    lines: list[str]
    source_text: str
    closed: bool
    warnings: list[str] = field(default_factory=list)
    # Where the block's first and last lines stand in the export.
    start: int = 0
    end: int = 0


def parse_export(text: str) -> list[ParsedBrief]:
    """Parse every post of one export text, in order of appearance."""
    if not text or not text.strip():
        raise BriefImportError("empty file")
    lines = _split_lines(text)
    blocks = _cut_posts(lines)
    if not blocks:
        raise BriefImportError(
            "no post found (no 'THE PENINSULA' ... 'Return to the Peninsula' block "
            "with a 'Published' line)"
        )
    parsed = [
        _parse_post(block, position) for position, block in enumerate(blocks, start=1)
    ]
    briefs = [brief for brief, _ in parsed]
    clues = [clue for _, clue in parsed]
    for brief, clue in zip(briefs, clues, strict=True):
        brief.series = resolve_series(clue, clues)
    return briefs


def _split_lines(text: str) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _cut_posts(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    pending_notes: list[str] = []
    start: int | None = None

    def close(start: int, end: int, closed: bool) -> None:
        inner = lines[start + 1 : end]
        last = end + 1 if closed else end
        source = "\n".join(lines[start:last]).strip("\n")
        if not closed and not _looks_like_post(inner):
            # A lone "THE PENINSULA" in the page's navigation, not a post.
            pending_notes.append(
                f"ignored a 'THE PENINSULA' line at line {start + 1} "
                "with no post after it"
            )
            return
        block = _Block(inner, source, closed, start=start, end=end)
        block.warnings.extend(pending_notes)
        pending_notes.clear()
        blocks.append(block)

    for index, line in enumerate(lines):
        if POST_START.match(line):
            if start is not None:
                close(start, index, closed=False)
            start = index
        elif start is not None and POST_END.match(line):
            close(start, index, closed=True)
            start = None
    if start is not None:
        close(start, len(lines), closed=False)
    _statements_from_the_footer(blocks, lines)
    if blocks and pending_notes:
        blocks[-1].warnings.extend(pending_notes)
    for block in blocks:
        if not block.closed:
            block.warnings.append(
                "no closing 'Return to the Peninsula' line; read the post up to the "
                "next post or the end of the text"
            )
    return blocks


def _statements_from_the_footer(blocks: list[_Block], lines: list[str]) -> None:
    """A post with no FARA statement of its own takes the one its page prints
    in the footer, after the post's closing line (an old blog's template put
    it there, for every post)."""
    for number, block in enumerate(blocks):
        if not block.closed or any(mentions_fara(line) for line in block.lines):
            continue
        following = blocks[number + 1].start if number + 1 < len(blocks) else None
        after = lines[block.end + 1 : following]
        first = next((i for i, line in enumerate(after) if mentions_fara(line)), None)
        if first is not None:
            end = next(
                (i for i in range(first, len(after)) if not after[i]), len(after)
            )
            statement = " ".join(after[first:end])
            block.lines = [*block.lines, "", statement]
            block.warnings.append(
                "took the FARA statement the page prints after the post: "
                f"{statement[:60]!r}"
            )


# How many of a block's first lines may hold the date or byline that makes
# it a post.
_HEAD_LINES = 10


def _looks_like_post(lines: list[str]) -> bool:
    """A block with a post's head: a Published or Author line anywhere, or near
    its top a date ("April 9th, 2013 · 2 Comments") or a byline."""
    if any(
        PUBLISHED_LINE.match(clean(line)) or AUTHOR_LINE.match(clean(line))
        for line in lines
    ):
        return True
    head = [unwrapped(clean(line)) for line in lines if line.strip()][:_HEAD_LINES]
    return any(
        is_byline(line) or any(form.match(line) for form in DATE_FORMS) for line in head
    )


def _parse_post(block: _Block, position: int) -> tuple[ParsedBrief, SeriesClues]:
    warnings = list(block.warnings)
    source = block.lines
    if not block.closed:
        source = without_comments_and_after(source, warnings)
    rows = tab_tables_as_pipes(source, warnings)
    lines = split_compound_lines(rejoin_broken_links([clean(line) for line in rows]))
    lines = fields_under_labels(drop_furniture(lines, warnings), warnings)
    lines = without_posting_account(lines, warnings)
    lines = in_export_order(label_bare_date(lines, warnings))
    heading = read_title_and_date(lines, position, warnings)
    title, published = heading.title, heading.published
    head = read_head(lines, heading.next_index, warnings)
    authors, categories = head.authors, head.categories
    opening = [*heading.standfirst, *head.body_lines]
    body_lines = [part for line in opening for part in (line, "")]
    pieces = heal(
        split_pieces(body_lines + lines[head.body_start :], warnings), warnings
    )
    for piece in pieces[: len(heading.standfirst)]:
        piece.standfirst = True
    drop_opening_views_note(pieces, warnings)
    body_pieces, tail = separate_tail(pieces, authors, warnings)
    body_pieces, trailing = categories_after_body(body_pieces, warnings)
    if not categories:
        categories = trailing

    credit, credit_url = read_image_credit(tail.credit, warnings)
    # A placeholder credit is left empty, not shown as text.
    _report_placeholder_links(body_pieces, tail.credit if credit else "", warnings)
    authors = attach_bios(authors, head.bio_lines + tail.bio_paragraphs, warnings)
    clues = series_clues(title, body_pieces)
    brief = ParsedBrief(
        title=title,
        published=published,
        updated=head.updated,
        authors=authors,
        categories=categories,
        body=render_body(body_pieces),
        summary=summary(body_pieces),
        image_credit=credit,
        image_credit_url=credit_url,
        disclosure=" ".join(tail.disclosure),
        full_paper_url=full_paper_url(body_pieces),
        source_text=block.source_text,
        position=position,
        warnings=[f"post {position}: {warning}" for warning in warnings],
    )
    return brief, clues


_PLACEHOLDER = re.compile(r"\[(?P<text>[^\[\]]+)\]\(\s*#?\s*\)")


def categories_after_body(pieces, warnings: list[str]):
    """A "Topics: ..." line set after the text (tags shown at the foot of the
    page): the post's categories, not body text."""
    kept, categories, tags = [], [], []
    for piece in pieces:
        line = re.sub(r"^#+\s*", "", piece.text)
        match = CATEGORY_LINE.match(line) if piece.kind in ("para", "heading") else None
        if match is None or not match.group("rest").strip():
            kept.append(piece)
            continue
        found = read_categories(match.group("rest"), warnings)
        warnings.append(f"read the categories set after the body: {found!r}")
        (tags if TAGS_LABEL.match(line) else categories).extend(found)
    if categories and tags:
        warnings.append(f"left out the tags beside the categories: {tags!r}")
    return kept, categories or tags


def _report_placeholder_links(pieces, credit: str, warnings: list[str]) -> None:
    """Links the export left without a target ("(#)") become their text; the
    editor is told which, to add the real target if there is one."""
    texts = [piece.text for piece in pieces] + [credit]
    for text in texts:
        for match in _PLACEHOLDER.finditer(text):
            warnings.append(
                "placeholder link (#) shown as plain text: "
                f"{clean(match.group('text'))[:60]!r}"
            )
