"""Print chrome: the browser's header and footer, and lines repeated on each page."""

from __future__ import annotations

import re
from collections import Counter

from ..chrome import is_site_strip
from .lines import _Line, baseline_groups

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
    return _reads_as_print_chrome(line.text)


def _reads_as_print_chrome(text: str) -> bool:
    return bool(
        _PRINT_DATE.search(text)
        or _PRINT_URL.search(text)
        or _PAGE_COUNTER.search(text)
    )


def split_off_print_bands(words: list[dict]) -> tuple[list[dict], list[dict]]:
    """The page's words, and apart from them the browser's header and footer.

    Read before the columns are looked for: a footer's long URL or a header's
    page title crosses the white strip between a sidebar and the text, which
    would then not be found. The lines set apart are dropped later as print
    chrome, with the rest.
    """
    rows: dict[int, list[dict]] = {}
    for word in words:
        band = _BAND_SHARE * word["page_height"]
        if band < word["top"] and word["bottom"] < word["page_height"] - band:
            continue
        rows.setdefault(round(word["bottom"]), []).append(word)
    chrome: list[dict] = []
    for row in rows.values():
        text = " ".join(w["text"] for w in sorted(row, key=lambda w: w["x0"]))
        if _reads_as_print_chrome(text):
            chrome.extend(row)
    if not chrome:
        return words, []
    return [w for w in words if not any(w is c for c in chrome)], chrome


# Share of a word's width another word must cover for the two to be printed
# one over the other.
_OVERPRINT_SHARE = 0.3


def without_overprinted_strip(
    words: list[dict], page: int, notes: list[str]
) -> list[dict]:
    """The words without a site strip printed over a line of text.

    A page pins its strip ("Korea Economic Institute of America — keia.org —
    Commentary") to the screen; a print repeats it at the top of every page,
    where it may fall on a line of the text. Its words then sit among the
    line's, overlapping them, and the line reads as a jumble of both. The
    words of one style (font and size) that overlap another style's and
    together make a site strip are dropped.
    """
    dropped: list[dict] = []
    for row in baseline_groups(words):
        overlapping = [
            word
            for word in row
            if any(_overprints(word, other) for other in row if other is not word)
        ]
        for style in {_style(word) for word in overlapping}:
            layer = sorted(
                (w for w in row if _style(w) == style), key=lambda w: w["x0"]
            )
            text = " ".join(w["text"] for w in layer)
            if is_site_strip(text):
                dropped.extend(layer)
                notes.append(
                    f"dropped print chrome printed over the text on page "
                    f"{page + 1}: {text[:60]!r}"
                )
    if not dropped:
        return words
    return [w for w in words if not any(w is d for d in dropped)]


def _style(word: dict) -> tuple[str, float]:
    return word.get("fontname", ""), round(word["size"], 1)


def _same_row(word: dict, other: dict) -> bool:
    return word["top"] < other["bottom"] and other["top"] < word["bottom"]


def _overprints(word: dict, other: dict) -> bool:
    if _style(word) == _style(other) or not _same_row(word, other):
        return False
    covered = min(word["x1"], other["x1"]) - max(word["x0"], other["x0"])
    return covered > _OVERPRINT_SHARE * (word["x1"] - word["x0"])
