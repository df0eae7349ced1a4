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

from ..errors import BriefImportError
from .chips import chips_as_byline
from .columns import _main_column, _without_floats, _without_share_column
from .floats import read_floated_captions_after
from .lines import _group_words_into_lines, _Line
from .posts import _lines_to_export_text
from .print_chrome import (
    _drop_print_chrome,
    split_off_print_bands,
    without_overprinted_strip,
)
from .rail import with_rail_bio
from .side_by_side import read_side_by_side_in_turn
from .words import _pdfminer_errors_refused, _words_of_pages


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
    rails: list[list[_Line]] = []
    pages = _extract_page_lines(data, notes, rails)
    lines = _drop_print_chrome(pages, notes)
    if not lines:
        raise BriefImportError(
            "PDF has no text layer (scanned image; OCR is not supported)"
        )
    text = _lines_to_export_text(lines, notes)
    return with_rail_bio(text, [line for rail in rails for line in rail], notes), notes


def _extract_page_lines(
    data: bytes, notes: list[str], rails: list[list[_Line]]
) -> list[list[_Line]]:
    with _pdfminer_errors_refused():
        pages = _words_of_pages(data)
    # Outside the guard: an error in grouping the words is a bug of ours.
    result = []
    for number, words in enumerate(pages):
        rail: list[dict] = []
        words, print_bands = split_off_print_bands(words)
        words = without_overprinted_strip(words, number, notes)
        main = sorted(
            _main_column(words, number, notes, rail) + print_bands,
            key=lambda word: (word["top"], word["x0"]),
        )
        main = _without_share_column(main, number, notes)
        main = chips_as_byline(main, number, notes)
        main = read_side_by_side_in_turn(
            read_floated_captions_after(
                _without_floats(main, number, notes), number, notes
            ),
            number,
            notes,
        )
        result.append(_group_words_into_lines(main, number))
        if rail:
            rails.append(_group_words_into_lines(rail, number))
    return result
