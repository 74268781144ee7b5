"""Tables pasted into plain text as pipe-separated lines ("| 明确防汛联络员 | 应消站 | 4月 |").

A run of lines of three or more ``|`` cells is a table: with a header naming its columns
(工作任务, 责任单位, 完成时限 …) it is read as any task table; without one, each row whose
last short cell is a deadline is a task: the cell before that deadline its office, the one
before that its work. Other rows stay text, each cell a sentence. Markdown's ``|---|`` rule
lines are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pipeline import vocab as vx
from pipeline.ingest.normalize import normalize_text
from pipeline.ingest.table import GridRow, extract_task_table, table_row
from pipeline.models import Block, Deadline, TableRow
from pipeline.textnorm import normalise

_RULE = re.compile(r"[ \t:：\-—–=]*")
_NUMBER = re.compile(r"^[（(]?[0-9一二三四五六七八九十]{1,3}[）).、．]\s*")
_STEP = re.compile(  # a step's work in a schedule besides vocab.ACTION's verbs (not a
    r"登记|报名|审核|录取|公示|发放|编班|整理|分析|培训|考试|面试|体检|缴费|申请|确认|公告|报到|领取"
)  # figure's, a meeting's or a holiday's row)
_OFF = re.compile(r"放假|调休|休息|停电|停水|价格|会议$|讲座|讨论|仪式")
_SEQ = re.compile(r"[0-9一二三四五六七八九十]{1,3}[.、．]?")  # a row's number
_MAX_DATE_CELL = 24  # a longer cell is work, even when it holds a date
_MAX_OFFICE_CELL = 40
_MIN_TASK = 4  # a shorter cell names no work (有效, 是, 否)
_ANY_DAY = dt.date(2000, 1, 1)
_DATE_LABEL = re.compile(
    r"(?:发布|印发|成文|公开|更新|发文|生成|录入)?(?:时间|日期)"
)  # a label, no office
_STOPS = ("。", "；", ";", "，", ",", "：", ":", "！", "？")


def pipe_cells(text: str) -> list[str] | None:
    """The cells of a pipe-table line (at least three), [] for a rule line, else None."""
    line = text.replace("｜", "|")
    if line.count("|") < 2:
        return None
    cells = [normalize_text(c) for c in line.split("|")]  # (a mirror's pinyin: 發(fā)布日期)
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    if len(cells) < 3:
        return None
    return [] if all(_RULE.fullmatch(c) for c in cells) else cells


def split_pipe_tables(blocks: Sequence[Block]) -> tuple[list[Block], list[TableRow]]:
    """The blocks that are not table lines, and the task rows of the tables among them."""
    kept: list[Block] = []
    rows: list[TableRow] = []
    run: list[tuple[Block, list[str]]] = []

    def flush() -> None:
        grid: list[GridRow] = [(b.line, cells) for b, cells in run if cells]
        table = extract_task_table(grid, spanned=True) if grid else None
        if table is not None and table.rows:
            rows.extend(table.rows)
        else:
            for block, cells in run:
                row = _headerless(block.line, cells) if cells else None
                if row is not None:
                    rows.append(row)
                elif cells:  # cells of a broken table: text, each cell a sentence of its own
                    kept.append(Block(_sentences(cells), block.line, block.heading))
        run.clear()

    for block in blocks:
        cells = pipe_cells(block.text)
        if cells is None:
            flush()
            kept.append(block)
        else:
            run.append((block, cells))
    flush()
    return kept, rows


def _headerless(line: int, cells: list[str]) -> TableRow | None:
    """A row with no header above it: a task when its last short cell is a deadline."""
    from pipeline.deadlines import resolve  # the grammar is only needed for such rows

    at = next(
        (
            i
            for i in range(len(cells) - 1, 0, -1)
            if len(cells[i]) <= _MAX_DATE_CELL and _all_date(resolve(cells[i], _ANY_DAY), cells[i])
        ),
        None,
    )
    if at is None:
        return None
    if cells[at - 1].endswith((":", "：")) or _DATE_LABEL.fullmatch(normalise(cells[at - 1])):
        return None  # "公开日期: | 2022年09月15日", "信息索引号 | 发布时间 | 2023-12-28": metadata
    if at == 1 and _SEQ.fullmatch(cells[0]) and at + 1 < len(cells):
        return _date_first(line, cells[at], cells[at + 1 :])  # "三 | 7月10日—7月14日 | 网上登记。"
    office = cells[at - 1] if at >= 2 and len(cells[at - 1]) <= _MAX_OFFICE_CELL else ""
    task = cells[at - 2] if office else cells[at - 1]
    task = _NUMBER.sub("", task).rstrip("；;，,。 ")
    if len(task) < _MIN_TASK or resolve(office, _ANY_DAY):
        return None  # "有效性 | 有效 | …": no work named
    values = {"deadline": [cells[at]], "lead": [office] if office else []}
    return table_row(line, task, values)


def _date_first(line: int, when: str, rest: list[str]) -> TableRow | None:
    """A numbered row whose date comes before its work, and its office after that."""
    task = _NUMBER.sub("", rest[0]).rstrip("；;，,。 ")
    if (
        len(task) < _MIN_TASK
        or not (vx.ACTION.search(work := normalise(task)) or _STEP.search(work))
        or _OFF.search(task)
    ):
        return None  # a figure's, a meeting's or a holiday's row ("1 | 6月21日 | 猪肉价格 |")
    office = rest[1] if len(rest) > 1 and len(rest[1]) <= _MAX_OFFICE_CELL else ""
    return table_row(line, task, {"deadline": [when], "lead": [office] if office else []})


def _all_date(found: list[Deadline], cell: str) -> bool:
    """Whether ``cell``, its deadlines ``found``, is a deadline and (nearly) nothing else
    ("4月", "2025年6月底前")."""
    found = [d for d in found if d.due is not None or d.recurring]
    return bool(found) and sum(d.end - d.start for d in found) >= 0.6 * len(cell.strip())


def _sentences(cells: list[str]) -> str:
    return "".join(c if c.endswith(_STOPS) else c + "。" for c in cells)
