"""Lines grouped into paragraphs, from gaps, indents, styles and early line ends."""

from __future__ import annotations

from ..export_format import ENDS_SENTENCE, is_header_line
from .kinds import (
    _ORDERED_MARKER,
    _bullet_body,
    _is_heading_like,
    _is_list_item,
    _opens_numbered_item,
)
from .layout import _Layout, _measure_block_edges, _Paragraph
from .lines import _Line


def _group_into_paragraphs(lines: list[_Line], layout: _Layout) -> list[_Paragraph]:
    _measure_block_edges(lines)
    paragraphs: list[_Paragraph] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if not paragraphs or _starts_paragraph(paragraphs[-1], line, following, layout):
            paragraphs.append(_Paragraph())
        paragraphs[-1].lines.append(line)
    return paragraphs


def _starts_paragraph(
    paragraph: _Paragraph, line: _Line, following: _Line | None, layout: _Layout
) -> bool:
    previous = paragraph.lines[-1]
    if previous.table_row or line.table_row:
        # A table's rows are one block, and nothing else is part of it.
        return not (previous.table_row and line.table_row)
    return (
        _is_standalone(previous)
        or _is_standalone(line)
        or _bullet_body(line.text) is not None
        or _opens_numbered_item(line, layout)
        or _numbers_the_next_item(paragraph, line)
        or _changes_style(previous, line, layout)
        or _has_paragraph_gap(previous, line, layout)
        or _ended_early(previous, line, layout)
        or _ended_before_page_break(previous, line, layout)
        or _changes_indent(paragraph, line, following, layout)
    )


def _numbers_the_next_item(paragraph: _Paragraph, line: _Line) -> bool:
    """ "2. ..." under an item that opened with "1. ...", at the same left edge:
    the next item of an ordered list, however full the item's last line was."""
    first = paragraph.lines[0]
    opened = _ORDERED_MARKER.match(first.text.strip())
    number = _ORDERED_MARKER.match(line.text.strip())
    return bool(
        opened
        and number
        and int(number["number"]) == int(opened["number"]) + 1
        and abs(line.x0 - first.x0) < 2.0
    )


def _is_standalone(line: _Line) -> bool:
    """Metadata lines are paragraphs of their own whatever the spacing."""
    text = line.text.strip()
    return is_header_line(text)


def _changes_style(previous: _Line, line: _Line, layout: _Layout) -> bool:
    # A heading is bigger or bold; lines of one title share the same style and
    # stay together.
    if abs(previous.size - line.size) > 0.5:
        return True
    body_size = min(previous.size, line.size)
    return _is_heading_like(previous, body_size) != _is_heading_like(line, body_size)


def _has_paragraph_gap(previous: _Line, line: _Line, layout: _Layout) -> bool:
    # The white space at a page break is the page margin, not a paragraph gap.
    if line.page_start or line.page != previous.page:
        return False
    size = max(previous.size, line.size)
    return line.top - previous.bottom > layout.leading + max(2.0, 0.4 * size)


def _ended_early(previous: _Line, line: _Line, layout: _Layout) -> bool:
    """True when the next line's first word would have fitted on this line.

    A browser only wraps when the next word does not fit, so room left for it
    means the line was ended on purpose: the end of a paragraph or heading.
    """
    if previous.text.endswith(("-", "—", "/")):
        # Browsers also wrap after a hyphen; then the next "word" is a fragment.
        return False
    space = 0.3 * line.size
    right = layout.right
    if abs(line.x0 - previous.x0) <= 2.0 and previous.block_right:
        right = min(right, previous.block_right)
    if previous.wrap_right is not None:
        right = min(right, previous.wrap_right)
    return previous.x1 + space + line.first_word_width < right - 1.0


def _ended_before_page_break(previous: _Line, line: _Line, layout: _Layout) -> bool:
    """True when a paragraph ended with a full line just before a page break.

    A line continuing the paragraph would have fitted in the room left at the
    bottom of the page; the next paragraph's top margin did not, so the browser
    moved it over. Widow control can also leave such room mid-paragraph, hence
    the sentence end and the capital as well.
    """
    if line.page == previous.page or not line.text[:1].isupper():
        return False
    pitch = (previous.bottom - previous.top) + layout.leading
    room_left = previous.bottom + pitch <= layout.page_bottom + 1.0
    return room_left and bool(ENDS_SENTENCE.search(previous.text))


def _changes_indent(
    paragraph: _Paragraph, line: _Line, following: _Line | None, layout: _Layout
) -> bool:
    previous = paragraph.lines[-1]
    step = max(6.0, 0.8 * line.size)
    if line.x0 > previous.x0 + step:
        if _is_list_item(paragraph) or _ORDERED_MARKER.match(
            paragraph.lines[0].text.strip()
        ):
            # Continuation under an item's text: a numbered item's marker sits
            # left of its text as a bullet does.
            return False
        # A hanging indent: the lines after a full first line sit indented,
        # two of them or more, or one that goes on with an unfinished sentence
        # of the text (a reference: "... Seoul: Institute" / "for Policy.").
        full_text_line = (
            abs(previous.size - line.size) < 0.5
            and previous.size <= layout.size + 0.5
            and previous.x1 >= layout.right - 3 * previous.size
        )
        hanging = len(paragraph.lines) == 1 and (
            (following is not None and abs(following.x0 - line.x0) < 2.0)
            or (full_text_line and not ENDS_SENTENCE.search(previous.text))
        )
        return not hanging  # otherwise a first-line indent opens a paragraph
    if line.x0 < previous.x0 - step:
        first = paragraph.lines[0]
        first_line_indent = (
            len(paragraph.lines) == 1
            and first.x0 > layout.left + step / 2
            and abs(line.x0 - layout.left) < step / 2
            and not _is_list_item(paragraph)
        )
        return not first_line_indent  # otherwise a list or indented block ended
    return False
