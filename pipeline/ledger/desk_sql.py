"""The desk's part of the SQL ledger: answers, deadline extensions, tick heartbeats.

A mixin of `SQLLedger` (it uses its engines, `_find` and `_acknowledge`). An approved
extension is the task's deadline from then on: `tasks()` and `task()` return it, flagged
``extended``, so planning, status and the desk all see one deadline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from pipeline.errors import LedgerError
from pipeline.ledger import schema
from pipeline.ledger.base import AnswerRow, ExtensionRow, TickRow
from pipeline.ledger.engine import guarded
from pipeline.models import Task

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

_a = schema.answers
_e = schema.extensions
_k = schema.ticks
TICK_KEEP_DAYS = 7


def _row(cls: type[Any], row: Mapping[Any, Any]) -> Any:
    return cls(**{f.name: row[f.name] for f in dataclasses.fields(cls)})


class DeskSQL:
    """Desk methods of `SQLLedger` (see `DeskLedger`)."""

    _engine: Engine
    _read: Engine
    where: str
    secret: str | None

    def _find(self, conn: sa.Connection, task_id: str) -> Task | None:
        raise NotImplementedError

    def _acknowledge(
        self, conn: sa.Connection, task: Task, office: str | None, now: dt.datetime, by: str
    ) -> int:
        raise NotImplementedError

    def _extended(self, conn: sa.Connection, tasks: list[Task]) -> list[Task]:
        """The tasks with their latest approved extension applied."""
        if not tasks:
            return tasks
        stmt = sa.select(_e.c.task_id, _e.c.new_due).where(_e.c.state == "approved")
        if len(tasks) <= 50:
            stmt = stmt.where(_e.c.task_id.in_([t.id for t in tasks]))
        latest: dict[str, dt.date] = {}
        for task_id, new_due in conn.execute(stmt.order_by(_e.c.decided_at, _e.c.id)):
            latest[task_id] = new_due
        if not latest:
            return tasks
        return [
            dataclasses.replace(
                t, due=latest[t.id], flags=tuple(dict.fromkeys((*t.flags, "extended")))
            )
            if t.id in latest
            else t
            for t in tasks
        ]

    def _task(self, conn: sa.Connection, task_id: str) -> Task:
        task = self._find(conn, task_id)
        if task is None:
            raise LedgerError(f"unknown task {task_id!r}")
        return task

    @staticmethod
    def _insert_answer(conn: sa.Connection, values: dict[str, Any]) -> int | None:
        """The new answer's id; None when its ``link_id`` already answered (a concurrent
        submit of the same link loses here, on the unique index, on either backend)."""
        stmt = schema.insert(conn, _a).values(values)
        stmt = stmt.on_conflict_do_nothing(index_elements=[_a.c.link_id]).returning(_a.c.id)
        new_id = conn.execute(stmt).scalar_one_or_none()
        return None if new_id is None else int(new_id)

    # answers

    @guarded
    def record_answer(
        self,
        task_id: str,
        office: str,
        kind: str,
        text: str,
        now: dt.datetime,
        *,
        by: str,
        link_id: str | None = None,
        proposed_due: dt.date | None = None,
        acknowledge: Sequence[str] = (),
    ) -> AnswerRow | None:
        """Record an answer; with ``acknowledge``, also mark the task done for those offices
        (all of its offices for ``("*",)``), in one transaction. None: the link was used."""
        with self._engine.begin() as conn:
            task = self._task(conn, task_id)
            values: dict[str, Any] = {
                "task_id": task.id,
                "office": office,
                "kind": kind,
                "text": text,
                "proposed_due": proposed_due,
                "at": now,
                "by": by,
                "link_id": link_id,
            }
            new_id = self._insert_answer(conn, values)
            if new_id is None:
                return None
            if "*" in acknowledge:
                self._acknowledge(conn, task, None, now, by)
            for o in acknowledge:
                if o != "*":
                    self._acknowledge(conn, task, o, now, by)
            return AnswerRow(id=new_id, **values)

    @guarded
    def answers(self, *, task_id: str | None = None, office: str | None = None) -> list[AnswerRow]:
        stmt = sa.select(_a).order_by(_a.c.at, _a.c.id)
        if task_id is not None:
            stmt = stmt.where(_a.c.task_id == task_id)
        if office is not None:
            stmt = stmt.where(_a.c.office == office)
        with self._read.connect() as conn:
            return [_row(AnswerRow, r) for r in conn.execute(stmt).mappings()]

    @guarded
    def link_used(self, link_id: str) -> bool:
        with self._read.connect() as conn:
            return (
                conn.execute(sa.select(_a.c.id).where(_a.c.link_id == link_id)).first() is not None
            )

    # extensions

    @guarded
    def extend(
        self,
        task_id: str,
        office: str,
        new_due: dt.date,
        reason: str,
        now: dt.datetime,
        *,
        by: str,
        approved: bool,
        link_id: str | None = None,
    ) -> ExtensionRow | None:
        """A request (``approved=False``) or a granted extension. None: the link was used."""
        with self._engine.begin() as conn:
            task = self._task(conn, task_id)
            answer = {
                "task_id": task.id,
                "office": office,
                "kind": "extend",
                "text": reason,
                "proposed_due": new_due,
                "at": now,
                "by": by,
                "link_id": link_id,
            }
            if self._insert_answer(conn, answer) is None:
                return None
            values: dict[str, Any] = {
                "task_id": task.id,
                "office": office,
                "old_due": task.due,
                "new_due": new_due,
                "reason": reason,
                "state": "approved" if approved else "requested",
                "requested_at": now,
                "requested_by": by,
                "decided_at": now if approved else None,
                "decided_by": by if approved else None,
                "note": "",
            }
            new_id = conn.execute(sa.insert(_e).values(values).returning(_e.c.id)).scalar_one()
            return ExtensionRow(id=new_id, **values)

    @guarded
    def decide_extension(
        self, extension_id: int, approve: bool, now: dt.datetime, *, by: str, note: str = ""
    ) -> ExtensionRow:
        with self._engine.begin() as conn:
            row = conn.execute(sa.select(_e).where(_e.c.id == extension_id)).mappings().first()
            if row is None:
                raise LedgerError(f"no extension request {extension_id}")
            if row["state"] != "requested":
                raise LedgerError(f"extension request {extension_id} is already {row['state']}")
            task = self._task(conn, row["task_id"])
            changes = {
                "state": "approved" if approve else "refused",
                "decided_at": now,
                "decided_by": by,
                "note": note,
                "old_due": task.due if approve else row["old_due"],
            }
            conn.execute(sa.update(_e).where(_e.c.id == extension_id).values(changes))
            decided: ExtensionRow = _row(ExtensionRow, {**row, **changes})
            return decided

    @guarded
    def extensions(
        self, *, task_id: str | None = None, states: Iterable[str] | None = None
    ) -> list[ExtensionRow]:
        stmt = sa.select(_e).order_by(_e.c.requested_at, _e.c.id)
        if task_id is not None:
            stmt = stmt.where(_e.c.task_id == task_id)
        if states is not None:
            stmt = stmt.where(_e.c.state.in_(list(states)))
        with self._read.connect() as conn:
            return [_row(ExtensionRow, r) for r in conn.execute(stmt).mappings()]

    # heartbeats and counts

    @guarded
    def record_tick(self, row: TickRow) -> None:
        values = dataclasses.asdict(row)
        with self._engine.begin() as conn:
            stmt = schema.insert(conn, _k).values(values)
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[_k.c.worker],
                    set_={k: v for k, v in values.items() if k != "worker"},
                )
            )
            # One row per process: forget cron runs of long ago.
            old = row.finished_at - dt.timedelta(days=TICK_KEEP_DAYS)
            conn.execute(sa.delete(_k).where(_k.c.finished_at < old))

    @guarded
    def ticks(self) -> list[TickRow]:
        with self._read.connect() as conn:
            rows = conn.execute(sa.select(_k).order_by(_k.c.finished_at.desc())).mappings()
            return [_row(TickRow, r) for r in rows]

    @guarded
    def reminder_counts(self) -> dict[tuple[str, str], int]:
        r = schema.reminders
        stmt = sa.select(r.c.state, r.c.channel, sa.func.count()).group_by(r.c.state, r.c.channel)
        with self._read.connect() as conn:
            return {(state, channel): int(n) for state, channel, n in conn.execute(stmt)}
