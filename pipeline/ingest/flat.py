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

from pipeline.ingest.table import role_of, with_name
from pipeline.models import Block, TableRow

_CELL_MAX = 16  # a header cell is a short label
_SEQ = re.compile(r"^\s*(\d{1,3})[.、．]?\s*$")
_SENTENCE = re.compile(r"[。！？；!?;]")
_DATEISH = re.compile(
    r"\d{1,4}\s*[年月日]|[年月]底|[上下]半年|季度|年内|年底|工作日|长期|持续|每[年月季周]"
)
_OFFICE = re.compile(
    r"(?:局|委|办|室|中心|政府|街道|镇|乡|公司|部|院|所|队|会|处|站|厅|馆|集团|管委会|指挥部|办事处)"
    r"(?:[、，,/].*)?$"
)


@dataclass(frozen=True)
class _Header:
    start: int  # index of its first block
    roles: tuple[str, ...]  # one role (or "") per column


def _header_at(blocks: Sequence[Block], i: int) -> _Header | None:
    roles: list[str] = []
    j = i
    while j < len(blocks) and len(blocks[j].text.strip()) <= _CELL_MAX:
        role = role_of(blocks[j].text)
        if role is None or role in roles:
            break
        roles.append(role)
        j += 1
    found = set(roles)
    if len(roles) >= 3 and "task" in found and found & {"lead", "deadline"}:
        return _Header(i, tuple(roles))
    return None


def _place(cells: list[tuple[int, str]], roles: tuple[str, ...]) -> dict[str, list[str]]:
    """Cells to roles: by column when the row is complete, else by what each cell holds."""
    out: dict[str, list[str]] = {}
    if len(cells) == len(roles):
        for (_, text), role in zip(cells, roles, strict=True):
            out.setdefault(role, []).append(text)
        return out
    rest: list[str] = []
    for _, text in cells:
        if (
            "deadline" in roles
            and "deadline" not in out
            and _DATEISH.search(text)
            and len(text) <= 30
        ):
            out["deadline"] = [text]
        elif _OFFICE.search(text) and len(text) <= 40 and not _SENTENCE.search(text):
            out.setdefault("lead" if "lead" not in out else "assist", []).append(text)
        else:
            rest.append(text)
    if rest:
        out["task"] = [max(rest, key=len)]
    return out


def _rows(blocks: Sequence[Block], header: _Header) -> tuple[list[TableRow], int]:
    """The rows after a header, and the index of the first block after the table."""
    roles = header.roles
    i = header.start + len(roles)
    numbered = roles[0] == "seq"
    width = len(roles) - (1 if numbered else 0)
    rows: list[TableRow] = []
    expected = 1
    while i < len(blocks):
        if numbered:
            m = _SEQ.match(blocks[i].text)
            if m is None or int(m[1]) != expected:
                break
            line, i = blocks[i].line, i + 1
            cells: list[tuple[int, str]] = []
            while i < len(blocks) and len(cells) < width:
                nxt = _SEQ.match(blocks[i].text)
                if nxt is not None and int(nxt[1]) == expected + 1:
                    break
                cells.append((blocks[i].line, blocks[i].text.strip()))
                i += 1
            expected += 1
            placed = _place(cells, roles[1:])
        else:
            chunk = blocks[i : i + width]
            if len(chunk) < width or any(len(b.text) > 300 for b in chunk):
                break
            line = chunk[0].line
            placed = _place([(b.line, b.text.strip()) for b in chunk], roles)
            if "deadline" in roles and not _DATEISH.search("".join(placed.get("deadline", []))):
                break
            i += width
        task = with_name("".join(placed.get("task", [])), placed.get("name", []))
        if task:
            rows.append(
                TableRow(
                    line=line,
                    task=task,
                    lead="、".join(placed.get("lead", [])),
                    assist="、".join(placed.get("assist", [])),
                    deadline="；".join(placed.get("deadline", [])),
                    section=" › ".join(placed.get("section", [])),
                    note="；".join(placed.get("note", [])),
                )
            )
    return rows, i


def unflatten(blocks: Sequence[Block]) -> tuple[list[Block], list[TableRow]]:
    """Blocks with flattened task tables taken out, and those tables' rows."""
    kept: list[Block] = []
    rows: list[TableRow] = []
    i = 0
    while i < len(blocks):
        header = _header_at(blocks, i) if not blocks[i].heading else None
        if header is not None:
            found, end = _rows(blocks, header)
            if found:
                rows.extend(found)
                i = end
                continue
        kept.append(blocks[i])
        i += 1
    return kept, rows
