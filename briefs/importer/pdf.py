"""PDF reading: a browser's "print to PDF" of a post page -> export text.

The result has the text export's shape (briefs.importer.export_format): posts from
``THE PENINSULA`` to ``Return to the Peninsula``, paragraphs separated by blank
lines, headings on their own paragraph, bullet items as ``- `` lines. Paragraph
breaks are recovered from word positions, because a PDF has no blank lines.

pdfminer is trusted with nothing: only the calls into it are wrapped, so that a
damaged file is a one-line refusal while a bug in the line grouping here stays
a bug.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from .chrome import is_site_strip
from .errors import BriefImportError
from .export_format import (
    ENDS_SENTENCE,
    POST_END,
    POST_END_TEXT,
    POST_START,
    POST_START_TEXT,
    PUBLISHED_LINE,
    is_header_line,
)
from .text import is_title_case

# pdfminer trusts the object graph of a file: a damaged dictionary or stream
# surfaces as one of these from deep inside it (found by fuzzing the importer),
# not as its own exception types.
PDF_STRUCTURE_ERRORS = (
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    AssertionError,
    ZeroDivisionError,
    RecursionError,
)


# Print chrome a browser adds in the page margins: "12/17/25, 3:04 PM" (or an ISO
# date), the page URL, and a page counter like "1/2".
_PRINT_DATE = re.compile(
    r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?"
)
_PRINT_URL = re.compile(r"(?:https?|file)://\S+|\babout:blank\b")
_PAGE_COUNTER = re.compile(r"(?:^|\s)\d{1,4}\s*/\s*\d{1,4}$")
# Share of the page height, at top and bottom, where the print header and footer
# live; only lines that also look like print chrome are dropped from it.
_BAND_SHARE = 0.07

_BULLET_GLYPHS = frozenset("•◦▪▫■□●○‣⁃∙·–-*")
# Glyphs that can only be bullets, so they are recognised even when glued to the
# following word by the word extraction.
_UNAMBIGUOUS_BULLETS = frozenset("•◦▪▫■□●○‣⁃∙")
# A glyph the font cannot map to Unicode, alone at the start of a line, is a
# bullet drawn from a symbol font.
_UNMAPPED_GLYPH = re.compile(r"^\(cid:\d+\)$")
# Gap between glyphs, as a share of the font size, that separates two words: a
# space is about a quarter of an em, kerning far less.
_WORD_GAP_SHARE = 0.15
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"italic|oblique", re.IGNORECASE)

# First elements that form hyphenated compounds rather than being cut-off word
# pieces; "multi-faceted", "long-standing", "well-known" keep their hyphen.
_COMPOUND_HEADS = frozenset(
    """
    long short well self cross high low full half part multi co non anti pro post pre
    so far wide all ill ever first second third one two three four five export import
    trade policy decision state government market year month day time middle upper
    lower open free hard soft real big small
    """.split()  # noqa: SIM905 - a word list reads best as text
)


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    first_word_width: float
    page: int
    page_height: float
    page_start: bool = False  # first kept line of a page after the first
    # Right edge of the run of lines sharing this one's left edge: an indented
    # block (a block quote) wraps at its own margin, not the page's.
    block_right: float = 0.0


@dataclass
class _Paragraph:
    lines: list[_Line] = field(default_factory=list)


@dataclass(frozen=True)
class _Layout:
    """Measurements of the post's body text, from which breaks are judged."""

    size: float  # the body text's font size
    left: float
    right: float
    leading: float  # white space between two lines of one paragraph
    page_bottom: float  # lowest text line seen on any page


def read_pdf_bytes(data: bytes) -> str:
    """Turn a browser-printed post page into export text."""
    return read_pdf_bytes_text(data)[0]


def read_pdf_bytes_text(data: bytes) -> tuple[str, list[str]]:
    """Export text and what was dropped from the page to get it (for the report)."""
    notes: list[str] = []
    if b"%PDF-" not in data[:1024]:
        raise BriefImportError("not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        # pdfminer quietly reads what is left of a cut-off file; half a post is
        # worse than a clear refusal.
        raise BriefImportError("damaged or truncated PDF")
    pages = _extract_page_lines(data, notes)
    lines = _drop_print_chrome(pages, notes)
    if not lines:
        raise BriefImportError(
            "PDF has no text layer (scanned image; OCR is not supported)"
        )
    return _lines_to_export_text(lines), notes


def _extract_page_lines(data: bytes, notes: list[str]) -> list[list[_Line]]:
    with _pdfminer_errors_refused():
        pages = _words_of_pages(data)
    # Outside the guard: an error in grouping the words is a bug of ours.
    return [
        _group_words_into_lines(
            _without_floats(_main_column(words, number, notes), number, notes),
            number,
        )
        for number, words in enumerate(pages)
    ]


def _words_of_pages(data: bytes) -> list[list[dict]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [_words_of(page) for page in pdf.pages]


@contextmanager
def _pdfminer_errors_refused():
    """Turn what pdfminer raises on a damaged or locked file into a refusal."""
    try:
        yield
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFEncryptionError):
            raise BriefImportError("encrypted PDF (password protected)") from error
        raise BriefImportError("damaged or truncated PDF") from error
    except PDFEncryptionError as error:
        raise BriefImportError("encrypted PDF (password protected)") from error
    except (PSException, MalformedPDFException) as error:
        raise BriefImportError("damaged or truncated PDF") from error
    except PDF_STRUCTURE_ERRORS as error:
        raise BriefImportError("damaged or truncated PDF") from error


def _words_of(page: pdfplumber.page.Page) -> list[dict]:
    # One pass per page: pdfplumber's layout of characters is the dominant cost,
    # and extract_text would repeat it.
    # A word gap relative to the font size: a fixed 3 pt glues the words of small
    # print (a 9 pt space is 2.5 pt wide) when the PDF positions words without
    # drawing space characters.
    words = page.extract_words(
        x_tolerance_ratio=_WORD_GAP_SHARE, extra_attrs=["size", "fontname"]
    )
    words += _drawn_bullets(page, words)
    height = page.height
    for word in words:
        word["page_height"] = height
    return words


# A list marker the browser drew as a shape (a disc, circle or square a third of
# an em across), not as a character: no text of it is extracted.
_MARKER_SIDE = (1.5, 8.0)
_MARKER_LIMIT = 400


def _drawn_bullets(page: pdfplumber.page.Page, words: list[dict]) -> list[dict]:
    """A "•" word for each small shape that opens a line of text.

    Without it a list's items are known only by their indent, which a block
    quote or a box of one-line items shares.
    """
    shapes = [
        shape
        for shape in (*page.curves, *page.rects)
        if _MARKER_SIDE[0] <= shape["width"] <= _MARKER_SIDE[1]
        and _MARKER_SIDE[0] <= shape["height"] <= _MARKER_SIDE[1]
        and 0.6 <= shape["width"] / shape["height"] <= 1.7
    ]
    if len(shapes) > _MARKER_LIMIT:
        return []  # a chart's points, not a list
    bullets = []
    for shape in shapes:
        middle = (shape["top"] + shape["bottom"]) / 2
        beside = [
            word
            for word in words
            if word["top"] <= middle <= word["bottom"] and word["x1"] > shape["x0"]
        ]
        first = min(beside, key=lambda word: word["x0"], default=None)
        if first is None or first["x0"] < shape["x1"]:
            continue  # no text after it, or a shape inside the text
        if first["x0"] - shape["x1"] > 2.0 * first["size"]:
            continue
        bullets.append(
            {
                **first,
                "text": "•",
                "x0": shape["x0"],
                "x1": shape["x1"],
                "fontname": "",
            }
        )
    return bullets


# The narrowest white strip between two columns, in points (a CSS gap of 1.5em
# at 11px is 12 pt; the space between words is under 4).
_MIN_GUTTER = 9.0


def _main_column(words: list[dict], page: int, notes: list[str]) -> list[dict]:
    """The words of the page's main column: a sidebar or second column is dropped.

    A column gap is a vertical strip that the words of both sides leave empty,
    crossed by at most a few full-width lines (navigation, footer). The side
    holding more text is the post; words crossing the strip stay.
    """
    if len(words) < 20:
        return words
    left_edge = int(min(word["x0"] for word in words))
    right_edge = int(max(word["x1"] for word in words)) + 1
    coverage = [0] * (right_edge - left_edge + 1)
    for word in words:
        for x in range(int(word["x0"]) - left_edge, int(word["x1"]) - left_edge + 1):
            coverage[x] += 1
    # Full-width lines cross the strip; a column of text never leaves it this empty.
    allowed = max(2, len(words) // 100)
    # The widest strip first; but a sparse sidebar leaves strips inside itself
    # too, so the gutter is the widest one with a column of text on each side.
    for gutter in _gaps(coverage, allowed):
        start, end = gutter[0] + left_edge, gutter[1] + left_edge
        left = [w for w in words if w["x1"] <= start + 1]
        right = [w for w in words if w["x0"] >= end - 1]
        # Both sides must be columns of text, not a stray word in the margin.
        if min(len(left), len(right)) >= 10:
            break
    else:
        return words
    crossing = [w for w in words if w not in left and w not in right]
    main, other = (left, right) if _letters(left) >= _letters(right) else (right, left)
    other_text = " ".join(w["text"] for w in sorted(other, key=lambda w: w["top"]))
    notes.append(
        f"dropped print chrome: a second column on page {page + 1} "
        f"({len(other)} words: {other_text[:60]!r})"
    )
    kept = main + crossing
    return sorted(kept, key=lambda word: (word["top"], word["x0"]))


# A pull quote is set larger than the text it floats in.
_FLOAT_SIZE_SHARE = 1.1
_FLOAT_MIN_WORDS = 4


def _without_floats(words: list[dict], page: int, notes: list[str]) -> list[dict]:
    """The words without a pull quote floated beside the text.

    A float's words are larger than the text's and sit to the right of text
    lines that stop short of them, with no text word reaching across; read with
    the lines beside it, it cuts their paragraph line by line. A pull quote
    repeats a sentence of the post, so nothing of the writer's is lost.
    """
    if len(words) < 20:
        return words
    sizes = Counter()
    for word in words:
        sizes[round(word["size"], 1)] += len(word["text"])
    text_size = sizes.most_common(1)[0][0]
    text_words = [w for w in words if round(w["size"], 1) == text_size]

    def floats(word: dict) -> bool:
        if word["size"] < _FLOAT_SIZE_SHARE * text_size:
            return False
        beside = [
            w
            for w in text_words
            if w["top"] < word["bottom"] and w["bottom"] > word["top"]
        ]
        return bool(beside) and all(
            w["x1"] <= word["x0"] - _MIN_GUTTER / 2 for w in beside
        )

    floated = [word for word in words if floats(word)]
    if len(floated) < _FLOAT_MIN_WORDS:
        return words
    left = min(word["x0"] for word in floated)
    block = [
        word
        for word in words
        if word not in text_words
        and word["x0"] >= left - 1
        and floated[0]["top"] - 1 <= word["top"] <= floated[-1]["bottom"]
    ]
    shown = " ".join(word["text"] for word in block)
    notes.append(
        f"dropped a pull quote beside the text on page {page + 1}: {shown[:60]!r}"
    )
    return [word for word in words if word not in block]


def _gaps(coverage: list[int], allowed: int) -> list[tuple[int, int]]:
    """Strips at least a gutter wide that few words cross, widest first."""
    found: list[tuple[int, int]] = []
    start = None
    for x, count in enumerate([*coverage, allowed + 1]):
        if count <= allowed and 0 < x < len(coverage) - 1:
            start = x if start is None else start
            continue
        if start is not None:
            if x - start >= _MIN_GUTTER:
                found.append((start, x))
            start = None
    return sorted(found, key=lambda gap: gap[0] - gap[1])


def _letters(words: list[dict]) -> int:
    return sum(len(word["text"]) for word in words)


def _group_words_into_lines(words: list[dict], page_number: int) -> list[_Line]:
    # Words of one line share a baseline; "bottom" is baseline-bound, while "top"
    # moves with the font size (a bold run-in head in a bigger font).
    words = sorted(words, key=lambda word: word["bottom"])
    groups: list[list[dict]] = []
    for word in words:
        tolerance = max(2.0, 0.3 * word["size"])
        if groups and abs(word["bottom"] - groups[-1][0]["bottom"]) <= tolerance:
            groups[-1].append(word)
        else:
            groups.append([word])
    return [_make_line(group, page_number) for group in groups]


def _make_line(words: list[dict], page_number: int) -> _Line:
    words.sort(key=lambda word: word["x0"])
    words = _join_letter_spacing(words)
    parts = [_italic_run(None, words[0])]
    for before, word in zip(words, words[1:], strict=False):
        # A font change inside a word ("Japan" as a link then ".") splits it in
        # extract_words; only a visible gap is a space.
        touching = word["x0"] - before["x1"] < _WORD_GAP_SHARE * word["size"]
        text = _italic_run(before, word)
        if _is_italic(before) and not _is_italic(word):
            parts[-1] += "*"
        parts.append(text if touching else " " + text)
    if _is_italic(words[-1]):
        parts[-1] += "*"
    sizes = [word["size"] for word in words]
    return _Line(
        text="".join(parts),
        top=min(word["top"] for word in words),
        bottom=max(word["bottom"] for word in words),
        x0=words[0]["x0"],
        x1=words[-1]["x1"],
        size=max(sizes),
        bold=all(_BOLD_FONT.search(word["fontname"]) for word in words),
        first_word_width=words[0]["x1"] - words[0]["x0"],
        page=page_number,
        page_height=words[0]["page_height"],
    )


def _join_letter_spacing(words: list[dict]) -> list[dict]:
    """Rejoin text set with CSS letter-spacing ("T H E  P E N I N S U L A").

    Each glyph comes out as a word of its own, and no fixed tolerance tells its
    gaps from word spaces. Within a run of single glyphs the gaps between
    letters are the run's own, nearly equal spacing; a word space is that plus
    a space's width. So a run joins at gaps near its median and breaks at the
    clearly wider ones.
    """
    result: list[dict] = []
    index = 0
    while index < len(words):
        end = index
        while end < len(words) and len(words[end]["text"]) == 1:
            end += 1
        run = words[index:end]
        if len(run) >= _LETTER_RUN:
            result.extend(_join_run(run))
            index = end
        else:
            result.append(words[index])
            index += 1
    return result


# Fewer single glyphs in a row than this are initials or a dash, not spacing.
_LETTER_RUN = 4


def _join_run(run: list[dict]) -> list[dict]:
    pairs = zip(run, run[1:], strict=False)
    gaps = [after["x0"] - before["x1"] for before, after in pairs]
    letter_gap = statistics.median(gaps)
    size = run[0]["size"]
    # A space is about a quarter em; between letters of one word the gap stays
    # within a fifth of an em of the run's own.
    if letter_gap <= 0 or letter_gap > 0.6 * size:
        return run
    joined = [dict(run[0])]
    for gap, word in zip(gaps, run[1:], strict=False):
        if gap > letter_gap + 0.2 * size:
            joined.append(dict(word))
        else:
            joined[-1]["text"] += word["text"]
            joined[-1]["x1"] = word["x1"]
    return joined


def _is_italic(word: dict) -> bool:
    return bool(_ITALIC_FONT.search(word["fontname"]))


def _italic_run(before: dict | None, word: dict) -> str:
    """The word's text, opening a Markdown emphasis when an italic run starts.

    Titles of journals and publications are set in italics ("*Korea Policy*"); the
    export writes them so, and the site's own PDF edition prints them so.
    """
    opens = _is_italic(word) and (before is None or not _is_italic(before))
    return "*" + word["text"] if opens else word["text"]


# ------------------------------------------------------------------ print chrome


def _drop_print_chrome(pages: list[list[_Line]], notes: list[str]) -> list[_Line]:
    """Remove the print header/footer and lines repeated on every page."""
    repeated = _repeated_line_keys(pages) if len(pages) >= 2 else set()
    kept: list[_Line] = []
    dropped: list[str] = []
    for page_lines in pages:
        first_on_page = True
        for line in page_lines:
            # A site strip the page pinned to the screen is printed once, over
            # the text: dropped here, before it cuts a paragraph in two.
            if (
                _line_key(line) in repeated
                or _is_print_band_line(line)
                or is_site_strip(line.text)
            ):
                dropped.append(line.text)
                continue
            line.page_start = first_on_page and line.page > 0
            first_on_page = False
            kept.append(line)
    # One note for the lot: the same header and footer repeat on every page.
    for text in dict.fromkeys(dropped):
        notes.append(f"dropped print chrome: {text[:60]!r}")
    return kept


def _line_key(line: _Line) -> tuple[str, int]:
    # Digits are blanked so that "1/2" and "2/2" in the footer count as the same line.
    return re.sub(r"\d+", "#", line.text), round(line.top / 3)


def _repeated_line_keys(pages: list[list[_Line]]) -> set[tuple[str, int]]:
    counts = Counter(key for lines in pages for key in {_line_key(li) for li in lines})
    return {key for key, count in counts.items() if count == len(pages)}


def _is_print_band_line(line: _Line) -> bool:
    band = _BAND_SHARE * line.page_height
    if band < line.top and line.bottom < line.page_height - band:
        return False
    text = line.text
    return bool(
        _PRINT_DATE.search(text)
        or _PRINT_URL.search(text)
        or _PAGE_COUNTER.search(text)
    )


# -------------------------------------------------------------------- the posts


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
            # A numbered item keeps its number, the Markdown ordered-list marker.
            bullet = is_item and not numbered
            parts.append(_render_paragraph(par, vocabulary, bullet))
        in_list = is_item
        in_body = in_body or bool(PUBLISHED_LINE.match(par.lines[0].text.strip()))
    return "".join(parts)


def _measure_layout(lines: list[_Line], page_bottom: float) -> _Layout:
    body_size = Counter(round(line.size, 1) for line in lines).most_common(1)[0][0]
    body_lines = [line for line in lines if round(line.size, 1) == body_size]
    left = Counter(round(line.x0) for line in body_lines).most_common(1)[0][0]
    right = max(line.x1 for line in body_lines)
    gaps = [
        after.top - before.bottom
        for before, after in zip(body_lines, body_lines[1:], strict=False)
        if after.page == before.page and after.top > before.top
    ]
    # The lower quartile: most neighbouring lines belong to one paragraph, and a
    # post made only of one-line paragraphs must not set the bar at their gap.
    if len(gaps) >= 4:
        leading = statistics.quantiles(gaps, n=4)[0]
    elif gaps:
        leading = min(gaps)
    else:
        leading = 0.3 * body_size
    return _Layout(
        size=body_size,
        left=left,
        right=right,
        leading=max(leading, 0.0),
        page_bottom=page_bottom,
    )


def _measure_block_edges(lines: list[_Line]) -> None:
    start = 0
    for index in range(1, len(lines) + 1):
        ends_run = (
            index == len(lines)
            or abs(lines[index].x0 - lines[start].x0) > 2.0
            or lines[index].page != lines[start].page
        )
        if ends_run:
            right = max(line.x1 for line in lines[start:index])
            for line in lines[start:index]:
                line.block_right = right
            start = index


# An ordered list's number, which browsers print as text ("1.", "2)").
_ORDERED_MARKER = re.compile(r"^\d{1,3}[.)]\s+\S")


def _opens_numbered_item(line: _Line, layout: _Layout) -> bool:
    """An indented line that starts with its number: an <ol> item."""
    step = max(6.0, 0.8 * layout.size)
    return bool(_ORDERED_MARKER.match(line.text.strip())) and (
        line.x0 > layout.left + step
    )


def _is_block_quote(paragraph: _Paragraph, layout: _Layout) -> bool:
    """Two or more lines indented from both margins of the text."""
    step = max(6.0, 0.8 * layout.size)
    lines = paragraph.lines
    return (
        len(lines) >= 2
        and not _opens_numbered_item(lines[0], layout)
        and all(line.x0 > layout.left + step for line in lines)
        and all(line.block_right < layout.right - step for line in lines)
        and _bullet_body(lines[0].text) is None
        and not any(_is_heading_like(line, layout.size) for line in lines)
    )


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
    return (
        _is_standalone(previous)
        or _is_standalone(line)
        or _bullet_body(line.text) is not None
        or _opens_numbered_item(line, layout)
        or _changes_style(previous, line, layout)
        or _has_paragraph_gap(previous, line, layout)
        or _ended_early(previous, line, layout)
        or _ended_before_page_break(previous, line, layout)
        or _changes_indent(paragraph, line, following, layout)
    )


def _is_standalone(line: _Line) -> bool:
    """Metadata lines are paragraphs of their own whatever the spacing."""
    text = line.text.strip()
    return is_header_line(text)


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
        hanging = (
            len(paragraph.lines) == 1
            and following is not None
            and abs(following.x0 - line.x0) < 2.0
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


def _is_list_item(paragraph: _Paragraph) -> bool:
    first = paragraph.lines[0]
    if _bullet_body(first.text) is not None:
        return True
    rest = paragraph.lines[1:]
    step = max(6.0, 0.8 * first.size)
    return bool(rest) and all(line.x0 > first.x0 + step for line in rest)


# ------------------------------------------------------------- joining the lines


class _Vocabulary:
    """Words seen in the document, to tell a split word from a compound."""

    _TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
    _LINE_END_PIECE = re.compile(r"\S+-$")

    def __init__(self, lines: list[_Line]) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        # A piece cut off at a line end ("alli-") is not evidence of a word.
        text = "\n".join(self._LINE_END_PIECE.sub("", line.text) for line in lines)
        for token in self._TOKEN.findall(text):
            token = token.lower()
            (self.compounds if "-" in token else self.words).add(token)


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
    if _is_list_item(paragraph):
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


def _join_lines(text: str, following: str, vocabulary: _Vocabulary) -> str:
    if (
        text.endswith("*")
        and following.startswith("*")
        and not text.endswith("**")
        and not following.startswith("**")
    ):
        # One italic run over a line break: "*Joint U.S.-Korea*" + "*Academic*".
        text, following = text[:-1], following[1:]
    if text.endswith("-") and not text.endswith(" -"):
        if _is_split_word(text, following, vocabulary):
            return text[:-1] + following
        return text + following
    if text.endswith(("—", "/")) or (text.endswith("–") and not text.endswith(" –")):
        return text + following
    return f"{text} {following}"


def _is_split_word(text: str, following: str, vocabulary: _Vocabulary) -> bool:
    """Decide whether "alli-" + "ance" is one word cut by hyphenation.

    The hyphen goes only when it follows a lowercase letter, the next line starts
    in lowercase, the piece before it is not already part of a compound
    ("state-of-the-"), and the document does not show the pair as a compound:
    the hyphenated form written elsewhere ("export-control") or a first element
    known to make compounds ("long-standing"), or both pieces standing alone as
    words elsewhere ("policy-relevant"). A joined form seen elsewhere wins.
    """
    last_token = text.rsplit(" ", 1)[-1][:-1]
    if not (last_token[-1:].islower() and following[:1].islower()):
        return False
    if "-" in last_token:
        return False
    head = re.sub(r"^[^A-Za-z]+", "", last_token).lower()
    tail = re.match(r"[A-Za-z]*", following).group(0).lower()
    if f"{head}-{tail}" in vocabulary.compounds:
        return False
    if head + tail in vocabulary.words:
        return True
    if head in _COMPOUND_HEADS:
        return False
    known_pieces = head in vocabulary.words and tail in vocabulary.words
    return not (len(head) >= 3 and len(tail) >= 3 and known_pieces)
