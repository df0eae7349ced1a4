"""Ruled tables of a printed page, read cell by cell.

Read as lines, a table's cells interleave: a cell that wraps puts its second
line between the rows, and a row reads as one sentence of all its columns. A
browser draws a table with borders as ruling lines, which pdfplumber finds;
each row then becomes one word of its own, already written as a Markdown pipe
row, in place of the words inside the table.
"""

from __future__ import annotations

import statistics

import pdfplumber

# Ruled tables only: a table without borders is positioned text, which the
# line reading handles as it can.
_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
TABLE_FONT = "table-row"
_DELIMITER_CELL = "---"


def table_rows(page: pdfplumber.page.Page, words: list[dict]) -> list[dict]:
    """`words` with each ruled table's words replaced by a word per row."""
    tables = [
        table
        for table in page.find_tables(table_settings=_SETTINGS)
        if len(table.rows) >= 2 and max(len(row.cells) for row in table.rows) >= 2
    ]
    for table in tables:
        rows, cells = _rows_with_cells(table.rows, table.extract())
        if len(rows) < 2:
            continue
        bbox = _bbox_of(rows)
        inside = [word for word in words if _within(word, bbox)]
        if not inside:
            continue
        words = [word for word in words if not _within(word, bbox)]
        words += _row_words(rows, bbox, cells, inside)
    return words


def _rows_with_cells(rows: list, cells: list[list[str | None]]) -> tuple[list, list]:
    """The table's rows from the first to the last with two cells filled in.

    A page framed by rules (a wrapper's borders, a header's and a share row's
    lines) makes one "table" of the whole page, the real table's rows inside
    it; the rows of one wide cell around them are the page, read as text.
    """
    filled = [
        index
        for index, row in enumerate(cells)
        if sum(1 for cell in row if cell and cell.strip()) >= 2
    ]
    if not filled:
        return [], []
    start, end = filled[0], filled[-1] + 1
    return rows[start:end], cells[start:end]


def _bbox_of(rows: list) -> tuple[float, float, float, float]:
    boxes = [cell for row in rows for cell in row.cells if cell is not None]
    return (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )


def _within(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    middle_x = (word["x0"] + word["x1"]) / 2
    middle_y = (word["top"] + word["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _row_words(
    rows: list,
    bbox: tuple[float, float, float, float],
    cells: list[list[str | None]],
    inside: list[dict],
) -> list[dict]:
    size = statistics.median(word["size"] for word in inside)
    sample = inside[0]
    columns = max(len(row) for row in cells)
    texts = [_pipe_row(row, columns) for row in cells]
    # The first row is the header, as a browser's <th> row is; its delimiter
    # row goes with it.
    texts[0] += "\n| " + " | ".join([_DELIMITER_CELL] * columns) + " |"
    x0, _, x1, _ = bbox
    tops = [row.bbox[1] for row in rows]
    # Each row a line of its own, one text size under its top: a cell spanning
    # two rows (a header's rowspan) stretches its row's box down to the next
    # row's bottom, which would put both rows on one baseline.
    return [
        {
            **sample,
            "text": text,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": top + size,
            "size": size,
            "fontname": TABLE_FONT,
        }
        for text, top in zip(texts, tops, strict=True)
    ]


def _pipe_row(row: list[str | None], columns: int) -> str:
    values = [" ".join((cell or "").split()).replace("|", "\\|") for cell in row]
    values += [""] * (columns - len(values))
    return "| " + " | ".join(values) + " |"
