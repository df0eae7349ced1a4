"""The page's main column: a sidebar, second column or pull quote is dropped."""

from __future__ import annotations

from ..export_format import FIELD_LABELS, SHARE_BUTTON
from .lines import baseline_groups, on_one_baseline, text_size_of

# The narrowest white strip between two columns, in points (a CSS gap of 1.5em
# at 11px is 12 pt; the space between words is under 4).
_MIN_GUTTER = 9.0


def _main_column(
    words: list[dict], page: int, notes: list[str], rail: list[dict] | None = None
) -> list[dict]:
    """The words of the page's main column: a sidebar or second column is dropped.

    A column gap is a vertical strip that the words of both sides leave empty,
    crossed by at most a few full-width lines (navigation, footer). The side
    holding more text is the post; words crossing the strip stay. The dropped
    side's words go to ``rail``, where an author's box may be found.
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
    left, right, crossing = _settle_crossing(left, right, crossing, (start + end) / 2)
    left, right, crossing = _lines_across(left, right, crossing)
    main, other = (left, right) if _letters(left) >= _letters(right) else (right, left)
    if _holds_fields(other):
        # The post's own fields ("WRITTEN BY" over the name, "DATE" over the
        # date) beside the text: read first, by the side-by-side reading.
        return words
    if _is_float(other, main, words):
        # A captioned picture floated beside a paragraph, not a column: the
        # text runs on under it (pdf.floats reads its caption).
        return words
    other_text = " ".join(w["text"] for w in sorted(other, key=lambda w: w["top"]))
    notes.append(
        f"dropped print chrome: a second column on page {page + 1} "
        f"({len(other)} words: {other_text[:60]!r})"
    )
    if rail is not None:
        rail.extend(other)
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
    text_size = text_size_of(words)
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


def _cut_short_buttons(
    words: list[dict], stack: list[dict], axis, middle: float
) -> list[dict]:
    """Buttons in the stack whose label the page cut short ("Faceboo" in a
    round button): short words on the stack's axis, between its first and last
    button, no wider than its widest."""
    top = min(b["top"] for b in stack)
    bottom = max(b["bottom"] for b in stack)
    edge = max(b["x1"] for b in stack)
    return [
        w
        for w in words
        if not any(w is b for b in stack)
        and top <= w["top"] <= bottom
        and len(w["text"]) <= _BUTTON_LABEL_LIMIT
        and abs(axis(w) - middle) <= _STACK_ALIGNMENT
        and w["x1"] <= edge + _STACK_ALIGNMENT
    ]


_LINES_PER_FIELD = 4
# A kicker or the title's start may stand over the box, within the column.
_LINES_BEFORE_FIELDS = 2


def _is_float(other: list[dict], main: list[dict], words: list[dict]) -> bool:
    """One compact block that the text, in its own size, runs under or over
    within the block's width: a float. A sidebar's width the text never
    enters."""
    text_size = text_size_of(main)
    left = min(w["x0"] for w in other)
    top = min(w["top"] for w in other)
    bottom = max(w["bottom"] for w in other)
    entering = [
        w
        for w in words
        if round(w["size"], 1) == text_size
        and w["x1"] > left + 1
        and (w["bottom"] < top or w["top"] > bottom)
    ]
    return len(entering) >= _FLOAT_MIN_WORDS and _compact(other)


def _compact(words: list[dict]) -> bool:
    """Lines set close under one another, with no gap wider than a line."""
    rows = sorted({(round(w["top"], 1), round(w["bottom"], 1)) for w in words})
    return all(
        after[0] - before[1] <= after[1] - after[0]
        for before, after in zip(rows, rows[1:], strict=False)
    )


def _holds_fields(words: list[dict]) -> bool:
    lines = [
        " ".join(w["text"] for w in sorted(group, key=lambda w: w["x0"]))
        for group in baseline_groups(words)
    ]
    # A box of the post's fields is labels over their values and nothing else;
    # a sidebar's widgets ("Categories", "Tags") sit among lists of links.
    at = [i for i, line in enumerate(lines) if line.strip(":") in FIELD_LABELS]
    return (
        len(at) >= 2
        and at[0] <= _LINES_BEFORE_FIELDS
        and len(lines) - at[0] <= _LINES_PER_FIELD * len(at)
    )


def _settle_crossing(
    left: list[dict], right: list[dict], crossing: list[dict], middle: float
) -> tuple[list[dict], list[dict], list[dict]]:
    """Give a word reaching into the gutter to the column its line is in.

    The gutter may let a few words into it (a full-width line crosses it), so
    the sidebar's longest words can end inside it. A word whose line has words
    on one side only, or no other words, belongs to that side (or to the side
    its middle is on); a line with words on both sides crosses the gutter.
    """
    still_crossing = []
    left_ids = {id(w) for w in left}
    for word in crossing:
        mates = [w for w in (*left, *right) if on_one_baseline(w, word)]
        on_left = any(id(w) in left_ids for w in mates)
        on_right = any(id(w) not in left_ids for w in mates)
        if on_left == on_right:
            if mates:
                still_crossing.append(word)
                continue
            on_left = (word["x0"] + word["x1"]) / 2 < middle
        (left if on_left else right).append(word)
        if on_left:
            left_ids.add(id(word))
    return left, right, still_crossing


def _lines_across(
    left: list[dict], right: list[dict], crossing: list[dict]
) -> tuple[list[dict], list[dict], list[dict]]:
    """Lines that run on over the gutter (a title set across the page above a
    sidebar, its last word past the gutter): read whole, with the main column.
    A run of words a word space apart that crosses the gutter, or has words on
    both sides of it, is one line; two columns' words stand a gutter apart."""
    across: list[dict] = []
    sides = {id(w): "left" for w in left} | {id(w): "right" for w in right}
    for line in baseline_groups(left + right + crossing):
        line.sort(key=lambda w: w["x0"])
        run = [line[0]]
        for word in [*line[1:], None]:
            if word is not None and word["x0"] - run[-1]["x1"] < _MIN_GUTTER:
                run.append(word)
                continue
            kinds = {sides.get(id(w), "crossing") for w in run}
            if "crossing" in kinds and len(kinds) > 1 or {"left", "right"} <= kinds:
                across.extend(run)
            run = [word] if word is not None else []
    if not across:
        return left, right, crossing
    moved = {id(w) for w in across}
    kept = [w for w in left if id(w) not in moved]
    other = [w for w in right if id(w) not in moved]
    still = [w for w in crossing if id(w) not in moved]
    return kept, other, still + across


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


# Share buttons stacked one above another share a centre (or a left edge) to
# within this, in points.
_STACK_ALIGNMENT = 2.0
_BUTTON_LABEL_LIMIT = 12


def _without_share_column(words: list[dict], page: int, notes: list[str]) -> list[dict]:
    """The words without a column of share buttons standing beside the text.

    Too narrow to leave a gutter the full height of the page, the column is
    found by its buttons: three or more share words stacked on one axis, each
    standing apart from the text on its baseline. Read as text, a button joins
    the line beside it ("X" before a takeaway's bullet).
    """
    buttons = [w for w in words if SHARE_BUTTON.match(w["text"])]
    if len(buttons) < 3:
        return words

    def stands_apart(button: dict) -> bool:
        return all(
            w is button
            or w["bottom"] <= button["top"]
            or w["top"] >= button["bottom"]
            or w["x0"] >= button["x1"] + _MIN_GUTTER
            or w["x1"] <= button["x0"] - _MIN_GUTTER
            for w in words
        )

    apart = [b for b in buttons if stands_apart(b)]
    for axis in (lambda w: (w["x0"] + w["x1"]) / 2, lambda w: w["x0"]):
        for button in apart:
            stack = [
                b for b in apart if abs(axis(b) - axis(button)) <= _STACK_ALIGNMENT
            ]
            if len({round(b["top"]) for b in stack}) >= 3:
                stack += _cut_short_buttons(words, stack, axis, axis(button))
                shown = " ".join(b["text"] for b in stack)
                notes.append(
                    f"dropped print chrome: a column of share buttons on page "
                    f"{page + 1} ({shown[:60]!r})"
                )
                return [w for w in words if not any(w is b for b in stack)]
    return words
