"""Blocks set side by side inside the column (author cards in a row): read in turn.

Read row by row, two cards of prose interleave line by line ("Nam is an Economist
at the Korea Ostrowski is Director of ..."). A white strip that the rows of a
stretch of the page leave empty, with sentences on each side, splits it into a
left block and a right one; the right one is moved below the left, at its left
edge (and what follows below both), so the lines are grouped as a reader reads
them.
"""

from __future__ import annotations

import statistics

from ..export_format import FIELD_LABELS
from .columns import _MIN_GUTTER

# Words whose tops differ by less than this, in points, share a row.
_ROW_TOLERANCE = 2.0
# Fewer words a side than this is a label beside a value, not a block of prose.
_MIN_SIDE_WORDS = 8


def read_side_by_side_in_turn(
    words: list[dict], page: int, notes: list[str]
) -> list[dict]:
    _read_field_box_first(words, page, notes)
    return _read_blocks_in_turn(words, page, notes)


def _read_blocks_in_turn(words: list[dict], page: int, notes: list[str]) -> list[dict]:
    rows = _rows(words)
    index = 0
    while index < len(rows):
        run = _side_by_side_run(rows, index)
        if run is None:
            index += 1
            continue
        end, strip = run
        stretch = [word for row in rows[index:end] for word in row]
        left = [w for w in stretch if w["x1"] <= strip[0] + 1]
        right = [w for w in stretch if w["x0"] >= strip[1] - 1]
        if (_is_prose(left) or _is_field_block(left)) and _is_prose(right):
            _move_below(words, left, right)
            shown = " ".join(w["text"] for w in right)
            notes.append(
                f"read blocks set side by side on page {page + 1} one after the "
                f"other: {shown[:60]!r}"
            )
            return _read_blocks_in_turn(words, page, notes)
        index = end
    return words


def _rows(words: list[dict]) -> list[list[dict]]:
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) < _ROW_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _gaps_of(row: list[dict]) -> list[tuple[float, float]]:
    return [
        (before["x1"], after["x0"])
        for before, after in zip(row, row[1:], strict=False)
        if after["x0"] - before["x1"] >= _MIN_GUTTER
    ]


def _side_by_side_run(
    rows: list[list[dict]], start: int
) -> tuple[int, tuple[float, float]] | None:
    """The rows from `start` that share a white strip, with words on both sides
    of it in at least two of them: (end, strip)."""
    for strip in _gaps_of(rows[start]):
        both_sides = 1
        end = start + 1
        while end < len(rows):
            row = rows[end]
            # A block's own lines follow closely; a paragraph gap ends the blocks.
            previous_bottom = max(w["bottom"] for w in rows[end - 1])
            height = max(w["bottom"] - w["top"] for w in row)
            if row[0]["top"] - previous_bottom > height:
                break
            # The strip narrows to what every row so far leaves white.
            shared = [
                (max(strip[0], gap[0]), min(strip[1], gap[1]))
                for gap in _gaps_of(row)
                if min(strip[1], gap[1]) - max(strip[0], gap[0]) >= _MIN_GUTTER
            ]
            if shared:
                strip = shared[0]
                both_sides += 1
            elif any(w["x0"] < strip[1] - 1 and w["x1"] > strip[0] + 1 for w in row):
                break
            end += 1
        if both_sides >= 2:
            return end, strip
    return None


def _is_prose(words: list[dict]) -> bool:
    # Ends as a sentence does: a table's column of values does not.
    return len(words) >= _MIN_SIDE_WORDS and words[-1]["text"].endswith(
        (".", "!", "?", "\u201d", '"')
    )


def _is_field_block(words: list[dict]) -> bool:
    rows = [" ".join(w["text"] for w in row) for row in _rows(words)]
    return sum(row.strip(":") in FIELD_LABELS for row in rows) >= 2


def _read_field_box_first(words: list[dict], page: int, notes: list[str]) -> None:
    """A narrow box of the post's fields left of the text ("WRITTEN BY" over the
    name, "DATE" over the date), its lines falling between the text's: moved
    above the paragraph it sits beside, which moves down to make room."""
    rows = _rows(words)
    edges = [round(row[0]["x0"]) for row in rows]
    if not edges:
        return
    text_left = statistics.mode(edges)
    beside = [row for row in rows if round(row[0]["x0"]) == text_left]
    top, bottom = beside[0][0]["top"], max(w["bottom"] for w in beside[-1])
    box = [
        word
        for word in words
        if word["x1"] <= text_left - _MIN_GUTTER and top <= word["top"] <= bottom
    ]
    if not box or not _is_field_block(box):
        return
    box_top = min(w["top"] for w in box)
    box_bottom = max(w["bottom"] for w in box)
    anchor = min(
        (w["top"] for w in words if w["x0"] >= text_left - 1 and w["bottom"] > box_top),
        default=None,
    )
    if anchor is None:
        return
    gap = 2 * statistics.median(w["bottom"] - w["top"] for w in words)
    height = box_bottom - box_top + gap
    boxed = {id(w) for w in box}
    for word in words:
        if id(word) in boxed:
            offset = anchor - box_top
        elif word["top"] >= anchor - 0.5:
            offset = height
        else:
            continue
        word["top"] += offset
        word["bottom"] += offset
    shown = " ".join(w["text"] for w in box)
    notes.append(
        f"read the fields set beside the text on page {page + 1} first: {shown[:60]!r}"
    )


def _move_below(words: list[dict], left: list[dict], right: list[dict]) -> None:
    gap = 2 * statistics.median(w["bottom"] - w["top"] for w in words)
    left_bottom = max(w["bottom"] for w in left)
    right_top = min(w["top"] for w in right)
    right_bottom = max(w["bottom"] for w in right)
    shift_right = left_bottom + gap - right_top
    shift_after = shift_right + gap
    # Under the left block, at its left edge: not an indented (quoted) block.
    shift_left = min(w["x0"] for w in left) - min(w["x0"] for w in right)
    for word in right:
        word["x0"] += shift_left
        word["x1"] += shift_left
    moved = {id(w) for w in right}
    for word in words:
        if id(word) in moved:
            offset = shift_right
        elif word["top"] > right_bottom and word["top"] > left_bottom:
            offset = shift_after
        else:
            continue
        word["top"] += offset
        word["bottom"] += offset
