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
        (table.rows, table.extract())
        for table in page.find_tables(table_settings=_SETTINGS)
        if len(table.rows) >= 2 and max(len(row.cells) for row in table.rows) >= 2
    ]
    tables = _with_tables_under_filled_headers(page, tables, words)
    for table_rows_found, table_cells in tables:
        rows, cells = _rows_with_cells(table_rows_found, table_cells)
        if len(rows) < 2:
            continue
        bbox = _bbox_of(rows)
        inside = [word for word in words if _within(word, bbox)]
        if not inside:
            continue
        words = [word for word in words if not _within(word, bbox)]
        words += _row_words(rows, bbox, cells, inside)
    return words


# A header row's cells: filled boxes side by side, a line or two of text high.
_HEADER_CELL_HEIGHT = (8.0, 40.0)
_HEADER_CELL_WIDTH = 15.0
_TOUCHING = 1.5
# A rule covering this share of the table's width separates two of its rows.
_RULE_COVER = 0.9
# Rows of a table are at most this many header heights apart.
_ROW_HEIGHTS = 4.0


def _with_tables_under_filled_headers(
    page: pdfplumber.page.Page, found: list[tuple], words: list[dict]
) -> list[tuple]:
    """The tables found, with those ruled only across ("border-bottom" under
    each row) under a header row of filled cells: the header's cells give the
    columns, the rules the rows. Filled rows (zebra stripes) make a ruled table
    of their own that stops at the first unfilled row: the whole table takes
    its place. A page's frame of rules has no such header."""
    tables = list(found)
    for columns, top, bottom in _filled_header_rows(page):
        end = _last_rule_under(page, columns, bottom, bottom - top)
        crop = page.crop((columns[0] - 0.5, top - 0.5, columns[-1] + 0.5, end + 0.5))
        settings = {
            "vertical_strategy": "explicit",
            "explicit_vertical_lines": columns,
            "horizontal_strategy": "lines",
        }
        for table in crop.find_tables(table_settings=settings):
            rows = _rows_of_cells(table.rows, columns, words)
            if len(rows) < 2:
                continue
            found_table = (rows, table.extract()[: len(rows)])
            box = _bbox_of(rows)
            overlapping = [t for t in tables if _overlaps(box, _bbox_of(t[0]))]
            if all(len(t[0]) < len(rows) for t in overlapping):
                tables = [t for t in tables if t not in overlapping] + [found_table]
    return tables


def _rows_of_cells(rows: list, columns: list[float], words: list[dict]) -> list:
    """The rows down to the first whose text runs over a column's edge: a
    paragraph under the table, not a row of cells."""
    inner = columns[1:-1]
    for index, row in enumerate(rows):
        _, top, _, bottom = row.bbox
        in_row = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 <= bottom]
        if any(w["x0"] < x - 1 and w["x1"] > x + 1 for w in in_row for x in inner):
            return rows[:index]
    return rows


def _filled_header_rows(
    page: pdfplumber.page.Page,
) -> list[tuple[list[float], float, float]]:
    cells = [
        r
        for r in page.rects
        if r.get("fill")
        and _HEADER_CELL_HEIGHT[0] <= r["height"] <= _HEADER_CELL_HEIGHT[1]
        and r["width"] >= _HEADER_CELL_WIDTH
    ]
    rows: dict[tuple[int, int], list[dict]] = {}
    for cell in cells:
        rows.setdefault((round(cell["top"]), round(cell["bottom"])), []).append(cell)
    headers = []
    for (top, bottom), row in rows.items():
        row.sort(key=lambda r: r["x0"])
        chain = [row[0]]
        for cell in row[1:]:
            if abs(cell["x0"] - chain[-1]["x1"]) <= _TOUCHING:
                chain.append(cell)
            elif len(chain) < 2:
                chain = [cell]
            else:
                break
        if len(chain) >= 2:
            columns = [c["x0"] for c in chain] + [chain[-1]["x1"]]
            headers.append((columns, float(top), float(bottom)))
    # The topmost header of a run of filled rows (zebra rows are filled too).
    headers.sort(key=lambda h: h[1])
    kept: list[tuple[list[float], float, float]] = []
    for header in headers:
        if not any(_same_columns(header[0], k[0]) for k in kept):
            kept.append(header)
    return kept


def _same_columns(first: list[float], second: list[float]) -> bool:
    return len(first) == len(second) and all(
        abs(a - b) <= _TOUCHING for a, b in zip(first, second, strict=True)
    )


def _last_rule_under(
    page: pdfplumber.page.Page, columns: list[float], below: float, height: float
) -> float:
    """The lowest rule across the table's width, each within a few rows of the
    one above it, from the header's foot down."""
    left, right = columns[0], columns[-1]
    covered: dict[int, float] = {}
    for edge in page.edges:
        if edge["orientation"] != "h" or edge["top"] < below - 1:
            continue
        if edge["x1"] < left - 1 or edge["x0"] > right + 1:
            continue
        width = min(edge["x1"], right) - max(edge["x0"], left)
        key = round(edge["top"])
        covered[key] = covered.get(key, 0.0) + max(width, 0.0)
    rules = sorted(
        y for y, width in covered.items() if width >= _RULE_COVER * (right - left)
    )
    end = below
    for y in rules:
        if y - end > _ROW_HEIGHTS * height:
            break
        end = max(end, float(y))
    return end


def _overlaps(first: tuple, second: tuple) -> bool:
    return not (
        first[2] <= second[0]
        or second[2] <= first[0]
        or first[3] <= second[1]
        or second[3] <= first[1]
    )


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
