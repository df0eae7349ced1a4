"""Lines of text: the words of a page grouped by their baseline."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .tables import TABLE_FONT
from .words import _WORD_GAP_SHARE, _is_italic, _italic_run, _join_letter_spacing

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


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
    # A row of a ruled table, written as a Markdown pipe row (pdf.tables).
    table_row: bool = False
    # Words in two or more boxes side by side and nothing else: tags as pills.
    chips: bool = False
    # Where a picture floated beside the line begins: the line wraps there.
    wrap_right: float | None = None


def _group_words_into_lines(words: list[dict], page_number: int) -> list[_Line]:
    groups = baseline_groups(words)
    return [_make_line(group, page_number) for group in _attach_raised_marks(groups)]


def on_one_baseline(word: dict, other: dict) -> bool:
    # Words of one line share a baseline; "bottom" is baseline-bound, while "top"
    # moves with the font size (a bold run-in head in a bigger font).
    return abs(word["bottom"] - other["bottom"]) <= max(2.0, 0.3 * word["size"])


def text_size_of(words: list[dict]) -> float:
    """The size most of the words' letters are set in: the body text's."""
    sizes: Counter[float] = Counter()
    for word in words:
        sizes[round(word["size"], 1)] += len(word["text"])
    return sizes.most_common(1)[0][0]


def baseline_groups(words: list[dict]) -> list[list[dict]]:
    """The words by line, top to bottom, each line's words in reading order."""
    groups: list[list[dict]] = []
    for word in sorted(words, key=lambda word: word["bottom"]):
        if groups and on_one_baseline(word, groups[-1][0]):
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


# A note's marker set as a superscript ("[3]", "3", "*", "†").
_NOTE_MARK = re.compile(r"^\[?\d{1,3}\]?[.,;:]?$|^[*†‡]$")
# How much smaller than the text a superscript is set.
_RAISED_SIZE_SHARE = 0.8


def _attach_raised_marks(groups: list[list[dict]]) -> list[list[dict]]:
    """A superscript note marker sits above its line's baseline, so it forms a
    line of its own between two of the paragraph's lines; it belongs at the end
    of the word it touches, on the line beside it."""
    kept: list[list[dict]] = []
    marks: list[list[dict]] = []
    for group in groups:
        is_mark = all(_NOTE_MARK.match(word["text"]) for word in group)
        (marks if is_mark else kept).append(group)
    for mark in marks:
        host = next((line for line in kept if _raises_from(mark, line)), None)
        if host is None:
            kept.append(mark)
        else:
            host.extend(mark)
    kept.sort(key=lambda line: min(word["bottom"] for word in line))
    return kept


def _raises_from(mark: list[dict], line: list[dict]) -> bool:
    size = max(word["size"] for word in line)
    if max(word["size"] for word in mark) > _RAISED_SIZE_SHARE * size:
        return False
    top = min(word["top"] for word in line)
    bottom = max(word["bottom"] for word in line)
    if not all(top - 1 <= word["bottom"] <= bottom for word in mark):
        return False
    # Beside a word of the line: right after it, or just before the next.
    return all(
        any(-1 <= word["x0"] - other["x1"] <= size for other in line) for word in mark
    )


def _in_other_boxes(before: dict, word: dict) -> bool:
    """Two words in two boxes drawn side by side (tags shown as pills)."""
    first, second = before.get("box"), word.get("box")
    return first is not None and second is not None and first != second


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
        if _in_other_boxes(before, word):
            parts.append(" · " + text)
            continue
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
        table_row=any(word["fontname"] == TABLE_FONT for word in words),
        chips=all("box" in word for word in words)
        and len({word["box"] for word in words}) >= 2,
        wrap_right=min(
            (word["wrap_right"] for word in words if "wrap_right" in word),
            default=None,
        ),
    )
