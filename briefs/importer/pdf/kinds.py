"""What a paragraph is: a list item (bulleted or numbered), a block quote, a heading."""

from __future__ import annotations

import re

from ..text import is_title_case
from .layout import _Layout, _Paragraph
from .lines import _Line

_BULLET_GLYPHS = frozenset("•◦▪▫■□●○‣⁃∙·–-*")
# Glyphs that can only be bullets, so they are recognised even when glued to the
# following word by the word extraction.
_UNAMBIGUOUS_BULLETS = frozenset("•◦▪▫■□●○‣⁃∙")
# A glyph the font cannot map to Unicode, alone at the start of a line, is a
# bullet drawn from a symbol font.
_UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")


# An ordered list's number, which browsers print as text ("1.", "2)").
_ORDERED_MARKER = re.compile(r"^(?P<number>\d{1,3})[.)]\s+\S")


def _opens_numbered_item(line: _Line, layout: _Layout) -> bool:
    """An indented line that starts with its number: an <ol> item."""
    step = max(6.0, 0.8 * layout.size)
    return bool(_ORDERED_MARKER.match(line.text.strip())) and (
        line.x0 > layout.left + step
    )


def _is_block_quote(paragraph: _Paragraph, layout: _Layout) -> bool:
    """Two or more lines indented from both margins of the text, or from the
    left one in smaller type than the text's (a quote running to the right
    margin; an item that lost its marker keeps the text's size)."""
    step = max(6.0, 0.8 * layout.size)
    lines = paragraph.lines
    if len(lines) == 1:
        # One indented line set wholly in italics, a sentence: a short quote
        # (an item would have its marker, or the text's own style).
        text = lines[0].text.strip()
        return (
            lines[0].x0 > layout.left + step
            and text.startswith("*")
            and text.endswith((".*", "?*", "!*", "”*", '"*'))
            and _bullet_body(text) is None
        )
    indented_both = all(line.block_right < layout.right - step for line in lines)
    smaller = all(line.size < layout.size - _QUOTE_SIZE_STEP for line in lines)
    # Set wholly in italics, as a blockquote's style often is.
    italic = lines[0].text.lstrip().startswith("*") and lines[
        -1
    ].text.rstrip().endswith("*")
    return (
        len(lines) >= 2
        and not _opens_numbered_item(lines[0], layout)
        and all(line.x0 > layout.left + step for line in lines)
        and (indented_both or smaller or italic)
        and _bullet_body(lines[0].text) is None
        and not any(_is_heading_like(line, layout.size) for line in lines)
    )


# How much smaller than the text a quote set apart by its type is, in points.
_QUOTE_SIZE_STEP = 0.3


def _bullet_body(text: str) -> str | None:
    """The item text when the line opens a bullet item, else None."""
    head, _, rest = text.partition(" ")
    is_glyph = all(char in _BULLET_GLYPHS for char in head) and len(head) <= 2
    if head and (is_glyph or _UNMAPPED_GLYPH.match(head)):
        return rest if rest else None
    if head[:1] in _UNAMBIGUOUS_BULLETS and head[1:2].isalnum():
        return text[1:]
    return None


def _is_section_heading(paragraph: _Paragraph, layout: _Layout) -> bool:
    """A heading in sentence case ("Three questions"), set larger than the text.

    Title-case headings stay plain text, as the export writes them: the parser
    knows those by their case. Only the size tells the others from a line of text.
    """
    text = " ".join(line.text for line in paragraph.lines).strip()
    return (
        not is_title_case(text)
        and all(line.size > layout.size + 1.5 for line in paragraph.lines)
        and len(paragraph.lines) <= 2
        and len(text.split()) <= 14
        and not text.endswith((".", ":"))
        and not text.startswith(("#", "["))
    )


def _is_heading_like(line: _Line, layout_size: float) -> bool:
    emphasised = line.size > layout_size + 0.5 or line.bold
    return emphasised and len(line.text.split()) <= 14 and not line.text.endswith(".")


def _is_list_item(paragraph: _Paragraph, layout: _Layout | None = None) -> bool:
    first = paragraph.lines[0]
    if _bullet_body(first.text) is not None:
        return True
    rest = paragraph.lines[1:]
    step = max(6.0, 0.8 * first.size)
    if layout is not None and abs(first.x0 - layout.left) < step / 2:
        # Lines indented under a first line at the text's own left edge: a
        # hanging indent (a list of references), not an item's marker.
        return False
    return bool(rest) and all(line.x0 > first.x0 + step for line in rest)


def _uses_first_line_indents(paragraphs: list[_Paragraph], layout: _Layout) -> bool:
    """True when paragraphs are marked by indenting their first line."""
    multi_line = [par for par in paragraphs if len(par.lines) >= 2]
    indented = [
        par
        for par in multi_line
        if par.lines[0].x0 > par.lines[1].x0 + 6.0
        and abs(par.lines[1].x0 - layout.left) < 3.0
    ]
    return len(indented) >= 2 and 2 * len(indented) >= len(multi_line)


def _renders_as_list_item(
    paragraph: _Paragraph, layout: _Layout, indent_style: bool
) -> bool:
    if _is_list_item(paragraph, layout):
        return True
    # Browsers draw list markers as shapes, not text: what is left of a list is a
    # block indented from the text's left edge. Headings and centred lines (a
    # caption) are indented too, and are not items.
    first = paragraph.lines[0]
    step = max(6.0, 0.8 * first.size)
    if indent_style or any(line.x0 < layout.left + step for line in paragraph.lines):
        return False
    if any(_is_heading_like(line, layout.size) for line in paragraph.lines):
        return False
    centred = abs((first.x0 - layout.left) - (layout.right - first.x1)) < 3.0
    return not (len(paragraph.lines) == 1 and centred)
