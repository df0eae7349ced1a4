"""The posts of the document, their paragraphs rendered as export text."""

from __future__ import annotations

import re
from dataclasses import replace

from ..chrome import is_furniture
from ..export_format import (
    CATEGORY_LINE,
    DATE_FORMS,
    POST_END,
    POST_END_TEXT,
    POST_START,
    POST_START_TEXT,
    PUBLISHED_LINE,
    SERIES_LINE,
    SHARE_BUTTON,
    is_header_line,
)
from ..trailer import mentions_fara
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


def _lines_to_export_text(lines: list[_Line], notes: list[str]) -> str:
    vocabulary = _Vocabulary(lines)
    # Measured on the whole document: a post ending high on its last page must
    # still know how low text goes on a full page.
    page_bottom = max(line.bottom for line in lines)
    posts = _split_posts(lines, notes)
    if not posts:
        # No marker: hand over the text as it is and let the parser say what is
        # missing, as it does for a text export without posts.
        return _render_paragraphs(lines, vocabulary, page_bottom)
    # A post the page did not close (an old blog's page has no "Return to the
    # Peninsula" link) is handed over unclosed, for the parser to find its end.
    return "\n\n\n".join(
        f"{POST_START_TEXT}\n\n"
        f"{_render_paragraphs(body, vocabulary, page_bottom, notes)}"
        + (f"\n\n{POST_END_TEXT}" if closed else "")
        + _statement_in(after, vocabulary, page_bottom)
        for body, closed, after in posts
    )


def _statement_in(lines: list[_Line], vocabulary: _Vocabulary, bottom: float) -> str:
    """The FARA statement the page prints after the post (in its footer), for
    the parser to give a post that has none of its own; nothing else of it."""
    if not lines:
        return ""
    text = _render_paragraphs(lines, vocabulary, bottom)
    found = [par for par in text.split("\n\n") if mentions_fara(par)]
    return "\n\n" + found[0].strip() if found else ""


def _split_posts(
    lines: list[_Line], notes: list[str]
) -> list[tuple[list[_Line], bool, list[_Line]]]:
    """Each post's lines, whether its closing line was found, and the lines
    after its end that no other post takes (the page's footer)."""
    posts: list[tuple[list[_Line], bool, list[_Line]]] = []
    current: list[_Line] | None = None
    if not any(POST_START.match(line.text) for line in lines) and _is_dated(lines):
        # A page of the current site prints no "THE PENINSULA" over the post,
        # only in its menu: the post is the page, up to its closing line.
        current = []
    for line in lines:
        if POST_START.match(line.text):
            # A later marker restarts the post: a navigation link of the same
            # name above the post must not swallow it.
            current = []
        elif current is not None and _is_post_end(line):
            posts.append((current, True, []))
            current = None
        elif current is not None:
            current.append(line)
        elif posts:
            posts[-1][2].append(line)
    if current and (not posts or _is_dated(current)):
        posts.append((current, False, []))
    elif current:
        # After the last post's end, a footer's "The Peninsula" link opens no
        # post: what follows it is the site's footer, without a date of its own.
        shown = " / ".join(line.text for line in current[:3])
        notes.append(f"dropped print chrome after the last post: {shown[:60]!r}")
        posts[-1][2].extend(current)
    return [post for post in posts if post[0]]


def _is_dated(lines: list[_Line]) -> bool:
    return any(PUBLISHED_LINE.match(line.text.strip()) for line in lines)


def _is_post_end(line: _Line) -> bool:
    return bool(POST_END.match(line.text))


def _render_paragraphs(
    lines: list[_Line],
    vocabulary: _Vocabulary,
    page_bottom: float,
    notes: list[str] | None = None,
) -> str:
    layout = _measure_layout(lines, page_bottom)
    paragraphs = _without_small_type_above_title(
        _group_into_paragraphs(lines, layout), layout, notes
    )
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
        chips = _chips_as_topics(par)
        if chips is not None:
            parts.append(chips)
        elif quote:
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


def _without_small_type_above_title(
    paragraphs: list[_Paragraph], layout, notes: list[str] | None
) -> list[_Paragraph]:
    """The paragraphs without the small type between the post's marker and its
    title: a blog's tagline, its menu, a kicker. Read as text they would join
    the title, as a title broken over lines is joined. The title is the largest
    type before the date; a date, a byline or a series label stays.
    """
    dated = next((i for i, par in enumerate(paragraphs) if _opens_with_date(par)), None)
    if dated is None:
        # "March 3, 2016 · By Nadine Okafor": a date with no label.
        dated = next(
            (
                i
                for i, par in enumerate(paragraphs)
                if any(form.match(par.lines[0].text.strip()) for form in DATE_FORMS)
            ),
            None,
        )
    if not dated:
        return paragraphs
    title = max(range(dated), key=lambda i: paragraphs[i].lines[0].size)
    dropped = [
        par
        for par in paragraphs[:title]
        if par.lines[0].size < layout.size and not _is_head_line(par)
    ]
    if dropped and notes is not None:
        shown = " / ".join(par.lines[0].text for par in dropped)
        notes.append(f"dropped print chrome above the title: {shown[:80]!r}")
    kept = [par for par in paragraphs if not any(par is d for d in dropped)]
    # Its categories may stand over the title ("JAPAN · HISTORY"): the head
    # gives them, under the date, as the export does.
    topics = [
        _Paragraph([replace(par.lines[0], text=t)])
        for par in dropped
        if (t := _topics_row(par))
    ]
    at = next(i for i, par in enumerate(kept) if par is paragraphs[dated]) + 1
    return kept[:at] + topics + kept[at:]


def _topics_row(paragraph: _Paragraph) -> str | None:
    """ "JAPAN · U.S.-KOREA-JAPAN · HISTORY": short items between middle dots,
    as the export labels topics. Buttons (share, print), a labelled row ("Key
    topics: ...") and a table's shaded stripe of figures are no topics."""
    if len(paragraph.lines) != 1:
        return None
    text = paragraph.lines[0].text.strip()
    tags = [tag.strip() for tag in text.split(" · ")]
    if (
        len(tags) < 2
        or CATEGORY_LINE.match(text)
        or any(
            not tag
            or len(tag.split()) > _TAG_WORDS
            or tag[-1] in ".!?:"
            or any(mark in tag for mark in "$%€£¥")
            or is_furniture(tag)
            or is_header_line(tag)
            or SHARE_BUTTON.match(tag)
            or POST_START.match(tag)
            for tag in tags
        )
    ):
        return None
    return "Topics: " + ", ".join(tags)


def _opens_with_date(paragraph: _Paragraph) -> bool:
    return bool(PUBLISHED_LINE.match(paragraph.lines[0].text.strip()))


def _is_head_line(paragraph: _Paragraph) -> bool:
    text = paragraph.lines[0].text.strip()
    return (
        is_header_line(text)
        or bool(SERIES_LINE.match(text))
        or bool(_BY.match(text))
        or any(form.search(text) for form in DATE_FORMS)
    )


_BY = re.compile(r"^By\s+\S", re.IGNORECASE)


_TAG_WORDS = 5


def _chips_as_topics(paragraph: _Paragraph) -> str | None:
    """A row of tags drawn as pills ("TECHNOLOGY · TRADE"), without a label:
    the post's topics, as the export labels them."""
    return _topics_row(paragraph) if paragraph.lines[0].chips else None


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
