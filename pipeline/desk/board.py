"""The board: tasks with lights, grouped by office and by document (pure).

Lights: ``red`` overdue, ``yellow`` due within ``web.warn_days``, ``green`` on track,
``grey`` done, ``none`` no date to judge (undated, or dated before its document).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from pipeline.ledger.base import AnswerRow, ExtensionRow
from pipeline.models import Task

LIGHTS = ("red", "yellow", "green", "grey", "none")
LIGHT_NAMES = {"red": "逾期", "yellow": "临近", "green": "正常", "grey": "已办结", "none": "无时限"}


def light(task: Task, today: dt.date, warn_days: int, done: bool) -> str:
    if done:
        return "grey"
    if task.due is None or "past" in task.flags:
        return "none"
    left = (task.due - today).days
    if left < 0:
        return "red"
    return "yellow" if left <= warn_days else "green"


@dataclass(frozen=True)
class Row:
    """One task on the board, as seen by one of its lead offices."""

    task: Task
    office: str
    light: str
    days_left: int | None
    last_answer: AnswerRow | None = None
    pending_extension: ExtensionRow | None = None


@dataclass(frozen=True)
class Board:
    rows: tuple[Row, ...]
    counts: Mapping[str, Mapping[str, int]]  # office -> light -> tasks (before filtering)
    totals: Mapping[str, int]  # light -> rows (before filtering)
    by_office: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)
    by_document: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)


def rows_of(
    tasks: Iterable[Task],
    *,
    today: dt.date,
    warn_days: int,
    acked: AbstractSet[tuple[str, str]],
    done: AbstractSet[str],
    answers: Iterable[AnswerRow] = (),
    extensions: Iterable[ExtensionRow] = (),
) -> list[Row]:
    """One row per (task, lead office); a task without a lead office gets one row with ""."""
    last: dict[tuple[str, str], AnswerRow] = {}
    for a in answers:
        last[(a.task_id, a.office)] = a  # ordered by time: the latest wins
    pending: dict[str, ExtensionRow] = {}
    for e in extensions:
        if e.state == "requested":
            pending[e.task_id] = e
    out = []
    for t in tasks:
        for office in t.lead or ("",):
            finished = t.id in done or (t.id, office) in acked
            left = (t.due - today).days if t.due is not None else None
            out.append(
                Row(
                    t,
                    office,
                    light(t, today, warn_days, finished),
                    left,
                    last.get((t.id, office)),
                    pending.get(t.id),
                )
            )
    return out


def _order(row: Row) -> tuple[int, int, str]:
    rank = {"red": 0, "yellow": 1, "green": 2, "none": 3, "grey": 4}[row.light]
    return (rank, row.days_left if row.days_left is not None else 10**6, row.task.id)


def build(
    rows: Iterable[Row],
    *,
    office: str | None = None,
    light_: str | None = None,
    document: str | None = None,
) -> Board:
    """Counts over every row; groups over the rows the filters keep."""
    rows = list(rows)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        counts[r.office][r.light] += 1
    totals = Counter(r.light for r in rows)
    kept = sorted(
        (
            r
            for r in rows
            if (office is None or r.office == office)
            and (light_ is None or r.light == light_)
            and (document is None or r.task.document == document)
        ),
        key=_order,
    )

    # Offices with the most red, then yellow lights first: what the supervisor chases.
    def urgency(office_id: str) -> tuple[int, int, int, str]:
        c = counts[office_id]
        return (-c["red"], -c["yellow"], -c["green"], office_id)

    by_office: dict[str, list[Row]] = defaultdict(list)
    by_document: dict[str, list[Row]] = defaultdict(list)
    for r in kept:
        by_office[r.office].append(r)
        by_document[r.task.document].append(r)
    return Board(
        rows=tuple(kept),
        counts={o: {lt: counts[o][lt] for lt in LIGHTS} for o in sorted(counts, key=urgency)},
        totals={lt: totals[lt] for lt in LIGHTS},
        by_office={o: tuple(by_office[o]) for o in sorted(by_office, key=urgency)},
        by_document={d: tuple(v) for d, v in sorted(by_document.items())},
    )


def lights_count(rows: Iterable[Row]) -> dict[str, int]:
    """Tasks by light (a task counts once: its worst light over its lead offices)."""
    worst: dict[str, str] = {}
    for r in rows:
        prev = worst.get(r.task.id)
        if prev is None or LIGHTS.index(r.light) < LIGHTS.index(prev):
            worst[r.task.id] = r.light
    c = Counter(worst.values())
    return {lt: c[lt] for lt in LIGHTS}
