"""The paragraph type and the measurements of the body text breaks are judged by."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from .lines import _Line


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
