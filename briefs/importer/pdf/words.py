"""Words of a PDF's pages, from pdfplumber.

pdfminer's errors on a damaged or locked file become a refusal; list markers drawn
as shapes become "•" words; text set with letter-spacing is rejoined, and italic
runs are marked for the export.
"""

from __future__ import annotations

import io
import re
import statistics
from contextlib import contextmanager

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from ..errors import BriefImportError
from .tables import table_rows

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


# Gap between glyphs, as a share of the font size, that separates two words: a
# space is about a quarter of an em, kerning far less.
_WORD_GAP_SHARE = 0.15


_ITALIC_FONT = re.compile(r"italic|oblique", re.IGNORECASE)


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
    words = table_rows(page, words)
    _mark_boxed_words(page, words)
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


# A tag drawn as a pill or a button: a bordered box a line high around a few
# words. Tags set side by side have no separator in their text; the boxes are.
_BOX_HEIGHT_SHARE = 3.0
_BOX_LIMIT = 200


def _mark_boxed_words(page: pdfplumber.page.Page, words: list[dict]) -> None:
    """Number the words inside each small box, so that the line keeps the
    boxes apart ("Trade · Batteries"), as the page shows them."""
    boxes = [
        shape
        for shape in (*page.rects, *page.curves)
        if shape["width"] > 8 and shape["height"] > 4
    ]
    if len(boxes) > _BOX_LIMIT:
        return  # a chart or a ruled table, not a row of tags
    for number, box in enumerate(boxes):
        inside = [
            word
            for word in words
            if box["x0"] - 0.5 <= word["x0"]
            and word["x1"] <= box["x1"] + 0.5
            and box["top"] - 0.5 <= word["top"]
            and word["bottom"] <= box["bottom"] + 0.5
        ]
        if inside and box["height"] <= _BOX_HEIGHT_SHARE * inside[0]["size"]:
            for word in inside:
                word.setdefault("box", number)


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
