"""Repairs of export damage: paragraphs broken by a blank line, and the like.

Every repair is reported as a warning with the text it touched, so that the
dry run shows it to the editor before anything is written.
"""

from __future__ import annotations

from .body import Piece, is_card
from .export_format import CATEGORY_LINE, is_about_label
from .text import ends_sentence, left_unfinished
from .trailer import tail_kind


def heal(pieces: list[Piece], warnings: list[str]) -> list[Piece]:
    """Rejoin paragraphs and list items that the export broke with a blank line."""
    healed: list[Piece] = []
    for piece in pieces:
        previous = healed[-1] if healed else None
        if previous is not None and _belongs_to_previous(previous, piece):
            warnings.append(
                "joined a paragraph broken by a blank line: "
                f"{previous.text[-30:]!r} + {piece.text[:30]!r}"
            )
            previous.text += " " + piece.text
            previous.line_count += piece.line_count
            previous.line_lengths += piece.line_lengths
        else:
            healed.append(piece)
    return healed


# Up to this long, a list item is a phrase that needs no full stop.
_PHRASE_ITEM_LENGTH = 100


def _belongs_to_previous(previous: Piece, piece: Piece) -> bool:
    # Headings, captions, tables, quotes and notes stand alone.
    if previous.kind not in ("para", "item") or piece.kind != "para" or piece.spaced:
        return False
    if tail_kind(piece.text) or tail_kind(previous.text) == "credit":
        return False
    # "About the authors" is the label over the bios, however it is cased; a
    # labelled field ("Key topics: ...") is a line of its own.
    if is_about_label(previous.text) or is_about_label(piece.text):
        return False
    if CATEGORY_LINE.match(previous.text):
        return False
    # Blocks of short lines (an author card: the name over the role; an
    # address) end where their last line ends.
    if is_card(previous) and (is_card(piece) or not piece.text[0].islower()):
        return False
    starts_lower = piece.text[0].islower()
    if previous.kind == "item" and len(previous.text) <= _PHRASE_ITEM_LENGTH:
        # Short items (phrases) end without a full stop: the paragraph after
        # the list is its own, unless the item plainly breaks off mid-sentence.
        # A long item that stops without one was broken, as a paragraph is.
        return starts_lower or left_unfinished(previous.text)
    return starts_lower or not ends_sentence(previous.text)
