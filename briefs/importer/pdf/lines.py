"""Lines of text: the words of a page grouped by their baseline."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
