"""A captioned picture floated beside the text: its caption read after the
paragraph it sits in, the paragraph's narrowed lines read as one paragraph."""

from __future__ import annotations

from .columns import _MIN_GUTTER, _compact
from .lines import text_size_of

# A caption is set smaller than the text it floats in.
_CAPTION_SIZE_SHARE = 0.9
_CAPTION_MIN_WORDS = 4
# Lines of one paragraph stand closer than this share of the text size apart.
_LINE_GAP_SHARE = 0.6


def read_floated_captions_after(
    words: list[dict], page: int, notes: list[str]
) -> list[dict]:
    """The words with each floated caption moved under its paragraph.

    Read row by row, a caption floated right of a paragraph ("alignright")
    cuts into its lines ("... never again where Japan's war dead are
    honored."). Its words are smaller than the text's and stand a gutter away
    from the text lines beside them, which stop short of the picture; those
    lines are marked with where the picture begins, so that a line ending
    there is not read as a paragraph's end.
    """
    if len(words) < 20:
        return words
    text_size = text_size_of(words)
    text_words = [w for w in words if round(w["size"], 1) == text_size]
    caption = [
        w
        for w in words
        if w["size"] < _CAPTION_SIZE_SHARE * text_size and _right_of_text(w, text_words)
    ]
    if len(caption) < _CAPTION_MIN_WORDS or not _compact(caption):
        return words
    left = min(w["x0"] for w in caption)
    top = min(w["top"] for w in caption)
    bottom = max(w["bottom"] for w in caption)
    block = [
        w
        for w in words
        if round(w["size"], 1) != text_size
        and w["x0"] >= left - 1
        and top - 1 <= w["top"] <= bottom + 1
    ]
    for word in _beside_the_picture(text_words, left, top, bottom, text_size):
        word["wrap_right"] = left
    end = _paragraph_end(text_words, bottom, text_size)
    if end is None:
        return words
    _move_under(words, block, end, min(w["x0"] for w in text_words))
    shown = " ".join(
        w["text"] for w in sorted(block, key=lambda w: (w["top"], w["x0"]))
    )
    notes.append(
        f"read a caption floated beside the text on page {page + 1} after its "
        f"paragraph: {shown[:60]!r}"
    )
    return sorted(words, key=lambda w: (w["top"], w["x0"]))


def _beside_the_picture(
    text_words: list[dict], left: float, top: float, bottom: float, size: float
) -> list[dict]:
    """The text lines the float narrows: those beside its caption, and above
    it those of the same paragraph that stop short of it (beside the picture,
    which has no words)."""
    rows: dict[tuple[float, float], list[dict]] = {}
    for word in text_words:
        rows.setdefault((round(word["top"], 1), round(word["bottom"], 1)), []).append(
            word
        )
    ordered = sorted(rows)
    narrowed = [key for key in ordered if top - 1 <= key[0] <= bottom]
    if not narrowed:
        return []
    index = ordered.index(narrowed[0])
    while index > 0:
        above = ordered[index - 1]
        short = max(w["x1"] for w in rows[above]) <= left - _MIN_GUTTER / 2
        if not short or ordered[index][0] - above[1] > _LINE_GAP_SHARE * size:
            break
        index -= 1
        narrowed.insert(0, above)
    return [
        w for key in narrowed for w in rows[key] if w["x1"] <= left - _MIN_GUTTER / 2
    ]


def _right_of_text(word: dict, text_words: list[dict]) -> bool:
    beside = [
        t for t in text_words if t["top"] < word["bottom"] and t["bottom"] > word["top"]
    ]
    return bool(beside) and all(t["x1"] <= word["x0"] - _MIN_GUTTER / 2 for t in beside)


def _paragraph_end(text_words: list[dict], below: float, size: float) -> float | None:
    """The bottom of the paragraph's last line, at or under ``below``."""
    rows = sorted({(round(w["top"], 1), round(w["bottom"], 1)) for w in text_words})
    beside = [row for row in rows if row[0] <= below]
    if not beside:
        return None
    end = beside[-1][1]
    for row_top, row_bottom in rows[len(beside) :]:
        if row_top - end > _LINE_GAP_SHARE * size:
            break
        end = max(end, row_bottom)
    return end


def _move_under(words: list[dict], block: list[dict], end: float, x: float) -> None:
    """The block under the line ending at ``end``, at the text's left edge; the
    words below move down to make room."""
    block_ids = {id(w) for w in block}
    top = min(w["top"] for w in block)
    height = max(w["bottom"] for w in block) - top
    gap = 2 * max(w["bottom"] - w["top"] for w in block)
    # Each line at the text's left edge: a caption's centred lines are no
    # indented block.
    starts: dict[float, float] = {}
    for word in block:
        row = round(word["bottom"])
        starts[row] = min(starts.get(row, word["x0"]), word["x0"])
    for word in words:
        if id(word) in block_ids:
            shift_x = x - starts[round(word["bottom"])]
            word["x0"] += shift_x
            word["x1"] += shift_x
            offset = end + gap - top
        elif word["top"] > end:
            offset = height + 2 * gap
        else:
            continue
        word["top"] += offset
        word["bottom"] += offset
