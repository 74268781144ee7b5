"""Task tables (任务分解表 / 责任清单): header detection and rows, over a grid of cell texts.

Pure functions. A grid is a list of (line, cells) with merged cells already propagated to
their whole range; the readers (spreadsheet.py, docx.py, html.py) build it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.ingest.normalize import heading_like, join_pieces, normalize_text
from pipeline.models import TableRow
from pipeline.textnorm import normalise

GridRow = tuple[int, list[str]]
HEADER_SEARCH_ROWS = 15

# Column names by role, most specific first. Matching ignores spaces and line breaks.
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    role: tuple(names.split())
    for role, names in {
        "seq": "序号 编号 序",
        "task": "工作任务 重点任务 具体任务 主要任务 任务内容 工作内容 工作事项 重点工作 工作措施 "
        "建设内容 主要内容 实施内容 建设任务 "
        "具体措施 主要措施 工作举措 任务举措 改革任务 任务事项 任务名称 目标任务 具体工作 工作要点 任务 "
        "整改措施 整改任务 整改内容 整改要求 整改目标 民生实事 实事项目 项目内容 具体内容 工作目标 "
        "目标要求 推进措施 工作安排 办理事项 责任事项 报表名称 事项 内容",
        "lead": "责任单位 牵头单位 责任部门 牵头部门 主责单位 责任主体 负责单位 承办单位 主办单位 "
        "责任处室 牵头处室 实施单位 责任科室 责任股室 主责部门 负责部门 责任清单",
        "assist": "配合单位 协办单位 配合部门 协助单位 参与单位 协同单位 配合处室",
        "deadline": "完成时限 时间节点 完成时间 时限要求 完成期限 办结时限 进度安排 时间安排 完成时点 时限 "
        "期限 截止时间 办结时间 完成节点 竣工时间 上报日期 上报时间 报送时间 报送日期",
        "name": "项目名称 工程名称 事项名称 点位名称 地块名称 建设项目 表号 "
        "存在问题 问题描述 问题清单 反馈问题 主要问题 具体问题 问题表现 问题",
        "note": "备注 说明 责任领导 牵头领导 分管领导 责任人 联系人",
        "section": "类别 分类 类型 领域 板块 方面 专项",
    }.items()
}
# A bare time column is the deadline only beside an owner column: "序号 | 时间 | 工作内容 |
# 责任单位" is a schedule of work, "时间 | 内容 | 地点" one of meetings.
_WEAK_DEADLINE = frozenset(
    "时间 日期 完成日期 时间要求 实施时间 推进时间 时间进度 时间计划".split()
)
_MAX_LABEL = 12  # a longer cell is data, not a column name
_LIST_ROLES = ("lead", "assist")
_NUMBERING = re.compile(r"[（(]?[\d一二三四五六七八九十]+[）).、．]?")


def cell_text(value: object) -> str:
    """A spreadsheet value as text; dates as YYYY年M月D日."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value)


def weak_deadline(cells: Sequence[str], roles: dict[int, str]) -> dict[int, str]:
    """``roles`` with the first bare time column (时间, 日期) as the deadline: only beside an
    owner column, with no deadline column named, in no schedule of meetings or classes (a
    venue, a speaker or a meeting's content among the labels)."""
    found = set(roles.values())
    labels = [_label(c) for c in cells]
    if "deadline" in found or not found & set(_LIST_ROLES) or _EVENTS.search("|".join(labels)):
        return roles
    weak = [i for i, label in enumerate(labels) if i not in roles and label in _WEAK_DEADLINE]
    return {**roles, weak[0]: "deadline"} if weak else roles


_EVENTS = re.compile(
    r"地点|地址|场地|会场|授课|主讲|讲师|参会|参加|出席|会议|活动|培训|课程|讲座|比赛"
)


def _label(text: str) -> str:
    return re.sub(r"[\s\u3000:：*＊|｜]", "", normalise(text))  # (traditional too: 責任單位)


def role_of(text: str) -> str | None:
    """The role a header cell names, or None."""
    label = _label(text)
    if not label or len(label) > _MAX_LABEL:
        return None
    for role, names in ROLE_NAMES.items():
        if label in names:
            return role
    if _YEAR_COLUMN.fullmatch(label):  # "2024年建设内容": the year's work
        return "task"
    if any(c.isdigit() for c in label):  # "2024年工作任务清单" is a title, not a column
        return None
    for role, names in ROLE_NAMES.items():
        if any(len(n) >= 2 and n in label and len(label) - len(n) <= 4 for n in names):
            return role
    return None


@dataclass(frozen=True)
class Header:
    first: int  # grid index of the first header row
    index: int  # grid index of the last header row
    roles: dict[int, str]  # column → role
    labels: dict[int, str] = field(default_factory=dict)


def _roles(cells: Sequence[str]) -> dict[int, str]:
    """The roles the cells name; with no task column named, the one unnamed label beside
    a lead or deadline column and another named one is the task ("专项整治行业名称 | 时间安排
    | 责任单位")."""
    roles = {i: r for i, c in enumerate(cells) if (r := role_of(c))}
    roles = weak_deadline(cells, roles)
    unnamed = [i for i, c in enumerate(cells) if c.strip() and i not in roles]
    if (
        len(unnamed) == 1
        and len(roles) >= 2
        and "task" not in roles.values()
        and {"lead", "deadline"} & set(roles.values())
        and len(label := _label(cells[unnamed[0]])) <= _MAX_LABEL
        and not any(c.isdigit() for c in label)
    ):
        roles[unnamed[0]] = "task"
    return roles


def _is_header(roles: dict[int, str]) -> bool:
    found = set(roles.values())
    return "task" in found and bool(found & {"lead", "assist", "deadline"})


def find_header(grid: Sequence[GridRow]) -> Header | None:
    """The task-table header in the first rows, one or two rows deep."""
    for i, (_, cells) in enumerate(grid[:HEADER_SEARCH_ROWS]):
        roles = _roles(cells)
        labels = {c: cells[c] for c in roles}
        if roles and i + 1 < len(grid) and _two_row(cells, grid[i + 1][1]):
            below = grid[i + 1][1]
            merged, merged_labels = dict(roles), dict(labels)
            for col, role in _roles(below).items():
                merged[col], merged_labels[col] = role, below[col]
            if _is_header(merged):
                return Header(i, i + 1, _settle(merged), merged_labels)
        if _is_header(roles):
            return Header(i, i, _settle(roles), labels)
    return None


def _two_row(top: Sequence[str], below: Sequence[str]) -> bool:
    """`below` holds sub-headers (牵头单位 | 配合单位 under a merged 责任单位)."""
    new = 0
    for col, text in enumerate(below):
        if not text.strip():
            continue
        same = col < len(top) and top[col] == text
        if same:
            continue
        if role_of(text) is None:
            return False
        new += 1
    return new > 0


def _settle(roles: dict[int, str]) -> dict[int, str]:
    """Several task columns: the last is the task, earlier ones are categories."""
    tasks = sorted(c for c, r in roles.items() if r == "task")
    for col in tasks[:-1]:
        roles[col] = "section"
    return roles


def _clean(text: str, role: str) -> str:
    parts = [normalize_text(p) for p in text.split("\n")]
    parts = [p for p in parts if p]
    if role in _LIST_ROLES:
        return "、".join(p.rstrip("、，,；;") for p in parts)
    out = ""
    for p in parts:
        out = join_pieces(out, p)
    return out


def with_name(task: str, names: Sequence[str]) -> str:
    """A row's task with its project name first ("紫荆山路改造工程：完成管线迁改"): the name
    cell is the subject of the work cell, and a reminder needs both."""
    name = "、".join(n for n in names if n and n not in task)
    if not task:
        return name
    return f"{name}：{task}" if name else task


@dataclass
class TaskTable:
    rows: list[TableRow]
    header: Header
    preamble: list[GridRow]  # rows above the header (title, date, notes)


def extract_rows(
    grid: Sequence[GridRow], header: Header, *, section: str = "", spanned: bool = False
) -> list[TableRow]:
    """One TableRow per data row with a task; lone-value rows become group headings. With
    ``spanned`` (a text table), rows of another width are aligned as ``_spanned`` says."""
    roles = dict(header.roles)
    task_col = next(c for c, r in roles.items() if r == "task")
    data = grid[header.index + 1 :]
    data = _spanned(data, len(grid[header.index][1])) if spanned else data
    for col in range(task_col):  # an unnamed column left of the task: a category
        seen = [r[1][col].strip() for r in data if len(r[1]) > col and r[1][col].strip()]
        if col not in roles and seen and not all(_NUMBERING.fullmatch(v) for v in seen):
            roles[col] = "section"
    header_task = _label(header.labels.get(task_col, ""))
    implied = year_target(header_task)  # "全年目标任务": each row is due at the year's end
    # a task column the header names by no task word (专项整治行业名称): its name opens each row
    unnamed = re.sub("(?:名称|名单)$", "", header_task) if role_of(header_task) is None else ""
    rows: list[TableRow] = []
    group = ""
    last_section: dict[int, str] = {}
    for line, cells in data:
        filled = [c.strip() for c in cells if c.strip()]
        if not filled:
            continue
        values: dict[str, list[str]] = {}
        for col, role in roles.items():
            raw = cells[col] if col < len(cells) else ""
            text = _clean(raw, role)
            if role == "section":
                text = text or last_section.get(col, "")  # a category written once per group
                last_section[col] = text
            if text and text not in values.get(role, []):
                values.setdefault(role, []).append(text)
        task = with_name("".join(values.get("task", [])), values.get("name", []))
        lone = len(set(filled)) == 1 and not filled[0].isdigit()
        if lone and (len(filled) > 1 or not task or heading_like(task)):
            group = _clean(filled[0], "task")  # a group heading, often merged across the row
            last_section.clear()
            continue
        if not task or _label(task) == header_task:
            continue
        if unnamed and len(task) <= _MAX_LABEL:  # "危险化学品" under "专项整治行业名称": say what
            task = f"{unnamed}：{task}"
        if implied and not values.get("deadline"):
            values["deadline"] = [implied]
        rows.append(table_row(line, task, values, (section, group)))
    return rows


_YEAR_COLUMN = re.compile(
    r"(?:(?P<y>(?:19|20)[0-9]{2})年度?|全年|年度|今年|本年度?)(?:重点|主要)?"
    r"(?:目标任务|目标|任务|工作|(?:建设|工作|实施)(?:内容|任务))"
)


def _spanned(data: Sequence[GridRow], width: int) -> list[GridRow]:
    """Rows of a text table written with a merged cell only once (a page's rowspans flattened:
    "任务 | 措施 | 应消站 | 4月" under six columns): a short row's cells are the last columns and
    its first take the row above's; a long row's extra first cells are dropped (a group's
    name). Rows of the header's width are kept as they are."""
    out: list[GridRow] = []
    for line, cells in data:
        cells = list(cells)
        if len(cells) > width:
            cells = cells[len(cells) - width :]
        elif out and 1 < len(cells) < width:
            cells = [*out[-1][1][: width - len(cells)], *cells]
        out.append((line, cells))
    return out


def year_target(label: str) -> str:
    """The deadline a task column's name implies ("全年目标任务", "2024年目标任务": that
    year's end), or ""."""
    m = _YEAR_COLUMN.fullmatch(_label(label))
    if m is None:
        return ""
    return f"{m['y']}年底" if m["y"] else "年底"


def table_row(
    line: int, task: str, values: Mapping[str, list[str]], groups: Sequence[str] = ()
) -> TableRow:
    """A row of cell texts by role as a TableRow; its sections are the groups it stands
    under, then its own category cells."""
    sections = [s for s in (*groups, *values.get("section", [])) if s]
    return TableRow(
        line=line,
        task=task,
        lead="、".join(values.get("lead", [])),
        assist="、".join(values.get("assist", [])),
        deadline="；".join(values.get("deadline", [])),
        section=" › ".join(dict.fromkeys(sections)),
        note="；".join(values.get("note", [])),
    )


def extract_task_table(
    grid: Sequence[GridRow], *, section: str = "", spanned: bool = False
) -> TaskTable | None:
    """The task table in `grid`, or None when no header names its columns."""
    header = find_header(grid)
    if header is None:
        return None
    preamble = [r for r in grid[: header.first] if any(c.strip() for c in r[1])]
    return TaskTable(extract_rows(grid, header, section=section, spanned=spanned), header, preamble)


NOT_A_TASK_TABLE = (
    "no task-table header found (expected columns such as 工作任务, 责任单位, 完成时限)"
)
