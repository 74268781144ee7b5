"""Task tables flattened to one cell per line, as web pages copy them, rebuilt into rows.

    序号 / 工作任务 / 责任单位 / 完成时限 / 1 / 完成…改造 / 区住建局 / 2020年10月底前 / 2 / …

A run of short lines naming columns (``table.role_of``) with a task column and a lead or
deadline column starts a table; its rows follow, each opened by its sequence number when
the table has one (so a row missing an empty cell still reads right), else every N lines.
A cell is placed by its column, or, in a short row, by what it holds: a deadline, an
office, the task. Pure: blocks in; the other blocks and the rows out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import vocab as vx
from pipeline.ingest.normalize import join_pieces
from pipeline.ingest.table import role_of, table_row, weak_deadline, with_name, year_target
from pipeline.models import Block, TableRow

_CELL_MAX = 16  # a header cell is a short label
_ONCE = ("seq", "task", "deadline")  # a second one of these is no header cell: data begins
_ROW_MAX = 200  # a line of cells longer than this is rows run together, or prose
_ROW_SPAN = 3  # a numbered row's cells may wrap over lines: at most this many lines a column
_SEQ = re.compile(r"^\s*(\d{1,3})[.、．]?\s*$")
_SENTENCE = re.compile(r"[。！？；!?;]")
_DATEISH = re.compile(
    r"\d{1,4}\s*[年月日]|[年月]底|[上下]半年|季度|年内|年底|工作日|长期|持续|每[年月季周]"
)
_OTHER_LABEL = re.compile(r"[\u4e00-\u9fff]{2,8}(?:[ \t]*[（(][\u4e00-\u9fff]{1,4}[）)])?")
_OFFICE = re.compile(rf"{vx.BODY_END}(?:[、，,/].*)?$")


@dataclass(frozen=True)
class _Header:
    start: int  # index of its first block
    roles: tuple[str, ...]  # one role (or "") per column
    implied: str = ""  # the deadline a year's task column implies ("全年目标任务": 年底)


def _header_at(blocks: Sequence[Block], i: int) -> _Header | None:
    roles: list[str] = []
    implied = ""
    j = i
    while j < len(blocks) and len(blocks[j].text.strip()) <= _CELL_MAX:
        role = role_of(blocks[j].text)
        if role == "task" and "task" in roles and not implied:
            implied = year_target(blocks[j].text)  # 主要任务 | 全年目标任务: the second is the
            if implied:  # task, the first its category
                roles = ["section" if r == "task" else r for r in roles]
        if role == "task" and not implied:
            implied = year_target(blocks[j].text)  # "2024年建设内容": each row that year's
        if role is None and roles and _OTHER_LABEL.fullmatch(_cell(blocks[j].text)):
            role = ""  # a column of no role between named ones ("建设地点", "年度投资金额")
        if role is None or (role in roles and role in _ONCE):
            break
        roles.append(role)
        j += 1
    labels = [_cell(b.text) for b in blocks[i : i + len(roles)]]  # a bare time column: 时间
    named = weak_deadline(labels, {k: r for k, r in enumerate(roles) if r})
    roles = [named.get(k, "") for k in range(len(roles))]
    while roles and not roles[-1]:
        roles.pop()
    found = set(roles) - {""}
    if (
        len(found) >= 3
        and roles.count("") <= 3
        and "task" in found
        and found & {"lead", "deadline"}
    ):
        return _Header(i, tuple(roles), implied)
    return None


def _place(cells: list[tuple[int, str]], roles: tuple[str, ...]) -> dict[str, list[str]]:
    """Cells to roles: by column when the row is complete, else by what each cell holds
    (the lines that are neither a deadline nor an office, in order, are the task: a long
    cell wraps over lines)."""
    out: dict[str, list[str]] = {}
    if len(cells) == len(roles):
        for (_, text), role in zip(cells, roles, strict=True):
            out.setdefault(role, []).append(text)
        return out
    rest = ""
    for _, text in cells:
        if (
            "deadline" in roles
            and "deadline" not in out
            and _DATEISH.search(text)
            and len(text) <= 30
        ):
            out["deadline"] = [text]
        elif (
            _OFFICE.search(text)
            and len(text) <= 40
            and not _SENTENCE.search(text)
            and not text[0].isdigit()  # "3所" is a count
        ):
            out.setdefault("lead" if "lead" not in out else "assist", []).append(text)
        else:
            rest = join_pieces(rest, text)
    if rest:
        out["task"] = [rest]
    return out


def _cell(text: str) -> str:
    """A cell's text without the pipe a copied table ends it with ("1 |", "区住建局 |")."""
    return text.strip().strip("|｜").strip()


def _seq(block: Block) -> int | None:
    m = _SEQ.match(_cell(block.text))
    return int(m[1]) if m else None


def _group_at(blocks: Sequence[Block], i: int, expected: int) -> bool:
    """A short undated line between rows, followed by the next row (or a row 1: numbering
    restarts under a new group), is a group heading ("一、城市建设")."""
    text = _cell(blocks[i].text)
    return (
        i + 1 < len(blocks)
        and 0 < len(text) <= 30
        and not _DATEISH.search(text)
        and not _SENTENCE.search(text)
        and _seq(blocks[i + 1]) in (expected, 1)
    )


def _numbered_cells(
    blocks: Sequence[Block], i: int, width: int, following: int, due_at: int | None = None
) -> tuple[list[tuple[int, str]], int]:
    """The cells of a numbered row starting at block i (past its number), and the next index.
    A row takes `width` lines; more only when the next row's number follows within a few
    lines (a cell wrapped over lines), or, for the last row, when its time column (``due_at``)
    would hold no time and a time follows within a few lines; so the last row never
    swallows the text after it."""
    end = i
    while end < len(blocks) and end - i < width and _seq(blocks[end]) != following:
        end += 1
    if end - i == width:
        limit = min(len(blocks), i + width * _ROW_SPAN)
        more = end
        while (
            more < limit
            and _seq(blocks[more]) != following
            and len(blocks[more].text) <= 300
            and not _group_at(blocks, more, following)
        ):
            more += 1
        if more < len(blocks) and more < limit and _seq(blocks[more]) == following:
            end = more
        elif due_at is not None and not _is_time(blocks[i + due_at].text):
            end = next(
                (
                    k + 1
                    for k in range(end, min(len(blocks), i + 2 * width))
                    if _is_time(blocks[k].text)
                ),
                end,
            )
    return [(b.line, _cell(b.text)) for b in blocks[i:end]], end


def _is_time(text: str) -> bool:
    return len(text) <= 30 and _DATEISH.search(text) is not None


def _rows(blocks: Sequence[Block], header: _Header) -> tuple[list[TableRow], int]:
    """The rows after a header, and the index of the first block after the table."""
    roles = header.roles
    i = header.start + len(roles)
    numbered = roles[0] == "seq"
    width = len(roles) - (1 if numbered else 0)
    rows: list[TableRow] = []
    expected = 1
    group = ""
    while i < len(blocks):
        if numbered:
            if _seq(blocks[i]) != expected and _group_at(blocks, i, expected):
                group = _cell(blocks[i].text)
                i += 1
                if _seq(blocks[i]) == 1:
                    expected = 1
            if _seq(blocks[i]) != expected:
                break
            line = blocks[i].line
            due_at = roles.index("deadline") - 1 if "deadline" in roles else None
            cells, i = _numbered_cells(blocks, i + 1, width, expected + 1, due_at)
            expected += 1
            # a cell wrapped over lines: the columns after the task are the last lines
            wrapped = _aligned([c for _, c in cells], roles[1:]) if len(cells) > width else None
            placed = wrapped or _place(cells, roles[1:])
        else:
            chunk = blocks[i : i + width]
            if len(chunk) < width or any(len(b.text) > 300 for b in chunk):
                break
            line = chunk[0].line
            placed = _place([(b.line, _cell(b.text)) for b in chunk], roles)
            if "deadline" in roles and not _DATEISH.search("".join(placed.get("deadline", []))):
                break
            i += width
        if header.implied and not placed.get("deadline"):
            placed["deadline"] = [header.implied]
        if row := _row(line, placed, group):
            rows.append(row)
    return rows, i


def _row(line: int, placed: dict[str, list[str]], group: str) -> TableRow | None:
    """A row's cells by role as a TableRow, or None when it names no task."""
    task = with_name("".join(placed.get("task", [])), placed.get("name", [])).strip("、，, ")
    return table_row(line, task, placed, (group,)) if task else None


_LINE_HINT = re.compile(r"[ |｜]")  # a header line's cells are split by these
_PIPE = re.compile(r"\s*[|｜]\s*")


def _cells(text: str) -> list[str]:
    """A line's cells: split at pipes when it has them ("烟花爆竹 | 1月份 | 安监站 安监所 |",
    an empty cell kept in its place), else at spaces ("1 新建城市公园3个 区住建局 12月底前")."""
    if "|" in text or "｜" in text:
        return [c.strip() for c in _PIPE.split(_cell(text))]
    return text.split()


def _line_header(cells: list[str]) -> tuple[str, ...] | None:
    """The roles of a header line's cells; with no task column named, one unnamed column
    is the task ("专项整治行业名称 | 时间安排 | 责任单位"). Every other cell names a column, and
    a lead or deadline column is required."""
    roles = [role_of(c) or "" for c in cells]
    if "task" not in roles and roles.count("") == 1:
        roles[roles.index("")] = "task"
    if len(cells) < 3 or "" in roles or "task" not in roles:
        return None
    return tuple(roles) if {"lead", "deadline"} & set(roles) else None


def _aligned(cells: list[str], roles: tuple[str, ...]) -> dict[str, list[str]] | None:
    """A line's cells by column: as many as the header, or more when the task cell holds
    spaces (the columns after the task are the last cells, the ones before it the first);
    None when the line has fewer cells than columns, or a time column holds no time: it is
    no row, and the table has ended."""
    if len(cells) < len(roles):
        return None
    k = roles.index("task")
    tail = len(roles) - k - 1
    task = ""
    for piece in cells[k : len(cells) - tail]:
        task = join_pieces(task, piece) if piece else task
    by_column = [*cells[:k], task, *cells[len(cells) - tail :]]
    out: dict[str, list[str]] = {}
    for text, role in zip(by_column, roles, strict=True):
        if text:
            out.setdefault(role, []).append(text)
    if "deadline" in out and not _DATEISH.search("".join(out["deadline"])):
        return None
    return out


def _line_table(blocks: Sequence[Block], i: int) -> tuple[list[TableRow], int] | None:
    """A table whose rows are lines of cells (split at pipes or spaces), from its header
    line at i: its rows, and the index of the first block after it. A row has a cell for
    each column (its first the next number when the header has 序号); a line of one short
    undated cell between rows is a group heading; any other line ends the table."""
    header = _cells(blocks[i].text)
    roles = _line_header(header)
    if roles is None:
        return None
    implied = year_target(header[roles.index("task")])  # "全年目标任务": due at the year's end
    numbered = roles[0] == "seq"
    rows: list[TableRow] = []
    group = ""
    expected = 1
    j = i + 1
    piped = "|" in blocks[i].text or "｜" in blocks[i].text
    after_group = False
    while j < len(blocks) and not blocks[j].heading:
        cells = _cells(blocks[j].text)
        has_pipe = "|" in blocks[j].text or "｜" in blocks[j].text
        if piped and has_pipe:  # a pipe row keeps its empty cells: pad one whose last ones
            cells += [""] * (len(roles) - len(cells))  # were dropped
        if len([c for c in cells if c]) == 1 and j + 1 < len(blocks):
            one = next(c for c in cells if c)
            following = [c for c in _cells(blocks[j + 1].text) if c]
            nxt = _seq(Block(following[0])) if following else None
            if following and _group_at([Block(one), Block(following[0])], 0, nxt or 0):
                group, j, after_group = one, j + 1, True
                expected = 1 if nxt == 1 else expected
                continue
        # a row is one line of a table: lines run together (a copy rejoined them) are none
        placed = _aligned(cells, roles) if len(blocks[j].text) <= _ROW_MAX else None
        if placed is not None and implied and "deadline" not in placed:
            placed["deadline"] = [implied]
        if (
            placed is None
            or (piped and not has_pipe)
            or (numbered and (not cells or _seq(Block(cells[0])) != expected))
        ):
            return rows, j - 1 if after_group else j  # a group line before no row is text
        after_group = False
        if row := _row(blocks[j].line, placed, group):
            rows.append(row)
        expected += 1
        j += 1
    return rows, j


def unflatten(blocks: Sequence[Block]) -> tuple[list[Block], list[TableRow]]:
    """Blocks with flattened task tables taken out, and those tables' rows."""
    kept: list[Block] = []
    rows: list[TableRow] = []
    i = 0
    while i < len(blocks):
        header = _header_at(blocks, i) if not blocks[i].heading else None
        text = blocks[i].text
        if (
            header is None
            and not blocks[i].heading
            and len(text) <= 120
            and _LINE_HINT.search(text)
        ):
            table = _line_table(blocks, i)
            if table is not None and table[0]:
                rows.extend(table[0])
                i = table[1]
                continue
        if header is not None:
            found, end = _rows(blocks, header)
            if found:
                rows.extend(found)
                i = end
                continue
        kept.append(blocks[i])
        i += 1
    return kept, rows
