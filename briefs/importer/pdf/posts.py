"""The posts of the document, their paragraphs rendered as export text."""

from __future__ import annotations

from ..export_format import (
    POST_END,
    POST_END_TEXT,
    POST_START,
    POST_START_TEXT,
    PUBLISHED_LINE,
)
from .joining import _join_lines, _Vocabulary
from .kinds import (
    _ORDERED_MARKER,
    _bullet_body,
    _is_block_quote,
    _is_section_heading,
    _opens_numbered_item,
    _renders_as_list_item,
    _uses_first_line_indents,
)
from .layout import _measure_layout, _Paragraph
from .lines import _Line
from .paragraphs import _group_into_paragraphs


def _lines_to_export_text(lines: list[_Line]) -> str:
    vocabulary = _Vocabulary(lines)
    # Measured on the whole document: a post ending high on its last page must
    # still know how low text goes on a full page.
    page_bottom = max(line.bottom for line in lines)
    posts = _split_posts(lines)
    if not posts:
        # No marker: hand over the text as it is and let the parser say what is
        # missing, as it does for a text export without posts.
        return _render_paragraphs(lines, vocabulary, page_bottom)
    return "\n\n\n".join(
        f"{POST_START_TEXT}\n\n{_render_paragraphs(body, vocabulary, page_bottom)}"
        f"\n\n{POST_END_TEXT}"
        for body in posts
    )


def _split_posts(lines: list[_Line]) -> list[list[_Line]]:
    posts: list[list[_Line]] = []
    current: list[_Line] | None = None
    for line in lines:
        if POST_START.match(line.text):
            # A later marker restarts the post: a navigation link of the same
            # name above the post must not swallow it.
            current = []
        elif current is not None and _is_post_end(line):
            posts.append(current)
            current = None
        elif current is not None:
            current.append(line)
    if current:
        posts.append(current)
    return [body for body in posts if body]


def _is_post_end(line: _Line) -> bool:
    return bool(POST_END.match(line.text))


def _render_paragraphs(
    lines: list[_Line], vocabulary: _Vocabulary, page_bottom: float
) -> str:
    layout = _measure_layout(lines, page_bottom)
    paragraphs = _group_into_paragraphs(lines, layout)
    indent_style = _uses_first_line_indents(paragraphs, layout)
    parts: list[str] = []
    in_list = False
    # Large type before the date is the title, not a section heading.
    in_body = False
    for par in paragraphs:
        if par.lines[0].table_row:
            if parts:
                parts.append("\n\n\n" if in_list else "\n\n")
            parts.append("\n".join(line.text for line in par.lines))
            in_list = False
            continue
        quote = _is_block_quote(par, layout)
        numbered = _opens_numbered_item(par.lines[0], layout)
        is_item = numbered or (
            not quote and _renders_as_list_item(par, layout, indent_style)
        )
        if parts:
            # The end of a list is a break seen in the layout; the extra blank line
            # tells the parser it is not a broken item to rejoin.
            parts.append("\n\n\n" if in_list and not is_item else "\n\n")
        if quote:
            parts.append("> " + _render_paragraph(par, vocabulary, False))
        elif in_body and not is_item and _is_section_heading(par, layout):
            # Set larger than the text: the page's own heading, whatever its case.
            parts.append("## " + _render_paragraph(par, vocabulary, False))
        else:
            # A numbered item keeps its number, the Markdown ordered-list marker,
            # wherever the list's padding put it.
            starts_numbered = bool(_ORDERED_MARKER.match(par.lines[0].text.strip()))
            bullet = is_item and not (numbered or starts_numbered)
            parts.append(_render_paragraph(par, vocabulary, bullet))
        in_list = is_item
        in_body = in_body or bool(PUBLISHED_LINE.match(par.lines[0].text.strip()))
    return "".join(parts)


def _render_paragraph(
    paragraph: _Paragraph, vocabulary: _Vocabulary, list_item: bool
) -> str:
    texts = [line.text.strip() for line in paragraph.lines]
    bullet = _bullet_body(texts[0])
    if bullet is not None:
        texts[0] = bullet
    text = texts[0]
    for following in texts[1:]:
        text = _join_lines(text, following, vocabulary)
    return f"- {text}" if list_item else text
