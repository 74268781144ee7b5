"""CSV and Excel files: a task table (one document with rows) or a table of documents."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.ingest.containers import container_columns, records_to_parsed
from pipeline.ingest.normalize import build_blocks, normalize_text
from pipeline.ingest.source import FormatError, Parsed, decode_text
from pipeline.ingest.table import (
    NOT_A_TASK_TABLE,
    GridRow,
    TaskTable,
    cell_text,
    extract_task_table,
    find_header,
)
from pipeline.models import Block, TableRow

Sheet = tuple[str, list[GridRow]]
DELIMITERS = (",", "\t", ";", "|")
MAX_EMPTY_ROWS = 1000


def csv_grid(text: str) -> list[GridRow]:
    """Records of a CSV text, each with the line it starts on; the delimiter is sniffed."""
    head = "\n".join(text.split("\n", 5)[:5])  # a title line may come before the header
    delimiter = max(DELIMITERS, key=head.count) if any(d in head for d in DELIMITERS) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: list[GridRow] = []
    start = 1
    try:
        for record in reader:
            grid.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FormatError(f"malformed CSV: {exc}", line=reader.line_num) from exc
    return grid


def sheet_grid(ws: Worksheet) -> list[GridRow]:
    """Cell texts of a worksheet with every merged range filled with its top-left value."""
    values: list[list[str]] = []
    empty_run = 0
    for row in ws.iter_rows(values_only=True):
        cells = [cell_text(v) for v in row]
        empty_run = 0 if any(c.strip() for c in cells) else empty_run + 1
        if empty_run > MAX_EMPTY_ROWS:  # formatting that runs to the sheet's last row
            break
        values.append(cells)
    for merged in ws.merged_cells.ranges:
        r0, c0 = merged.min_row - 1, merged.min_col - 1
        if r0 >= len(values) or c0 >= len(values[r0]):
            continue
        top_left = values[r0][c0]
        for r in range(r0, min(merged.max_row, len(values))):
            row = values[r]
            row.extend([""] * (merged.max_col - len(row)))
            for c in range(c0, merged.max_col):
                row[c] = top_left
    return [(i + 1, row) for i, row in enumerate(values)]


def xlsx_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet's grid. Not read-only: merged ranges are only known in full mode."""
    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    try:
        return [(ws.title, sheet_grid(ws)) for ws in workbook.worksheets]
    finally:
        workbook.close()


def _row_text(cells: Sequence[str]) -> str:
    return " ".join(dict.fromkeys(normalize_text(c) for c in cells if c.strip()))


def parse_sheets(sheets: Sequence[Sheet]) -> list[Parsed]:
    """One document of task rows, else one document per row of a text column.

    FormatError when the sheets are neither.
    """
    with_header = [(name, grid) for name, grid in sheets if find_header(grid) is not None]
    if with_header:
        several = len(with_header) > 1
        tables = [
            (name, extract_task_table(grid, section=name if several else ""))
            for name, grid in with_header
        ]
        skipped = [name for name, _ in sheets if name not in dict(with_header)]
        return [_task_document([(n, t) for n, t in tables if t is not None], skipped, several)]
    for _, grid in sheets:
        rows = [r for r in grid if any(c.strip() for c in r[1])]
        if rows and (columns := container_columns(rows[0][1])) is not None:
            records = [(line, dict(zip(columns, cells))) for line, cells in rows[1:]]
            parsed = records_to_parsed(records)
            if parsed:
                return parsed
            raise FormatError("the table of documents has no row with text")
    filled = sum(1 for _, grid in sheets for row in grid if any(c.strip() for c in row[1]))
    if filled <= 1:
        raise FormatError("no data: the table is empty" if not filled else "only a header row")
    raise FormatError(NOT_A_TASK_TABLE)


def _task_document(
    tables: Sequence[tuple[str, TaskTable]], skipped: Sequence[str], several: bool
) -> Parsed:
    raw: list[Block] = []
    rows: list[TableRow] = []
    for name, table in tables:
        if several:
            raw.append(Block(name, 0, 1))  # the sheet name: no line of its own
        raw.extend(Block(_row_text(cells), line) for line, cells in table.preamble)
        rows.extend(table.rows)
    blocks = build_blocks(raw, join=False)
    title = next((b.text for b in blocks if not b.heading), "")
    warnings = [f"sheet {name!r}: no task-table header; skipped" for name in skipped if name]
    if not rows:
        warnings.append("the task table has a header but no task rows")
    return Parsed(blocks=blocks, title=title, rows=rows, warnings=warnings)


def parse_csv(data: bytes) -> list[Parsed]:
    text, encoding = decode_text(data)
    parsed = parse_sheets([("", csv_grid(text))])
    for p in parsed:
        p.encoding = encoding
    return parsed


def parse_xlsx(data: bytes) -> list[Parsed]:
    return parse_sheets(xlsx_sheets(data))
