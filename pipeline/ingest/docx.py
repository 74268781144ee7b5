"""Word .docx: body paragraphs and tables in document order, heading levels from styles.

`line` is the 1-based index of the paragraph (a table row counts as one paragraph).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.ingest.dates import DateHint
from pipeline.ingest.normalize import build_blocks, count_cjk, normalize_text
from pipeline.ingest.source import Parsed
from pipeline.ingest.table import GridRow, extract_task_table
from pipeline.models import Block, TableRow

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = frozenset({"title", "标题"})
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _outline_level(element: Any) -> int | None:
    lvl = element.find(f"{_W}pPr/{_W}outlineLvl") if element is not None else None
    if lvl is None:
        return None
    value = int(lvl.get(f"{_W}val", "9"))
    return value + 1 if value < 9 else 0


def heading_level(paragraph: Paragraph) -> int:
    """Heading N / 标题 N styles → N; Title → 1; else an outline level, else 0."""
    level = _outline_level(paragraph._p)
    if level is not None:
        return level
    style = paragraph.style
    seen = 0
    while style is not None and seen < 10:
        name = (style.name or "").strip()
        if m := _HEADING_STYLE.match(name):
            return int(m[1])
        if name.lower() in _TITLE_STYLES:
            return 1
        level = _outline_level(style.element)
        if level is not None:
            return level
        style, seen = style.base_style, seen + 1
    return 0


def _body_items(container: Any) -> Iterator[Any]:
    """w:p and w:tbl children in order, descending into content controls (w:sdt)."""
    for child in container.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_items(content)


def table_grid(table: Table, first_line: int) -> list[GridRow]:
    """Rows of cell texts; python-docx repeats merged cells over their range."""
    grid: list[GridRow] = []
    for i, row in enumerate(table.rows):
        try:
            cells = [cell.text for cell in row.cells]
        except (IndexError, ValueError):  # malformed spans
            cells = [c.text for c in row._tr.xpath("./w:tc")]
        grid.append((first_line + i, cells))
    return grid


def parse_docx(data: bytes) -> Parsed:
    """Paragraphs, headings and tables of a .docx; task tables become rows."""
    document = docx.Document(io.BytesIO(data))
    raw: list[Block] = []
    rows: list[TableRow] = []
    line = 0
    heading = ""
    for element in _body_items(document.element.body):
        if element.tag == f"{_W}p":
            line += 1
            paragraph = Paragraph(element, document)
            level = heading_level(paragraph)
            for piece in paragraph.text.split("\n"):
                raw.append(Block(piece, line, level if piece.strip() else 0))
            if level and paragraph.text.strip():
                heading = normalize_text(paragraph.text)
            continue
        table = Table(element, document)
        grid = table_grid(table, line + 1)
        line += len(grid)
        found = extract_task_table(grid, section=heading)
        if found is not None:
            rows.extend(found.rows)
            grid = found.preamble
        for row_line, cells in grid:
            text = " ".join(dict.fromkeys(normalize_text(c) for c in cells if c.strip()))
            raw.append(Block(text, row_line))
    blocks = build_blocks(raw)
    props = document.core_properties
    title = next((b.text for b in blocks if b.heading == 1), "")
    if not title and props.title and count_cjk(props.title):
        title = normalize_text(props.title)
    hints = []
    if isinstance(props.created, dt.datetime):
        created = props.created
        if created.tzinfo is None:
            created = created.replace(tzinfo=dt.UTC)
        hints.append(
            DateHint("page", created.astimezone(SHANGHAI).date(), "docx created", weak=True)
        )
    return Parsed(blocks=blocks, title=title, rows=rows, hints=hints)
