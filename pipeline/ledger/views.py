"""Read-only views for `status` and `plan` that never hold the whole ledger in memory:
tasks streamed in batches, counts done by the database, lists cut to a limit there.

A mixin of `SQLLedger` (it uses its read engine).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from pipeline.ledger import schema
from pipeline.ledger.base import ReminderRow
from pipeline.ledger.engine import guarded
from pipeline.models import Task

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

_r = schema.reminders
_t = schema.tasks
_e = schema.extensions
BATCH = 2000


@dataclass(slots=True)
class TaskFacts:
    """What `status` needs of a task, decoded without building the whole Task."""

    id: str
    due: dt.date | None
    lead: tuple[str, ...]
    assist: tuple[str, ...]
    flags: tuple[str, ...]
    unknown_owners: tuple[str, ...]
    text: str

    @property
    def offices(self) -> tuple[str, ...]:
        return self.lead + tuple(o for o in self.assist if o not in self.lead)

    @classmethod
    def from_json(cls, text: str) -> TaskFacts:
        d = json.loads(text)
        due = d.get("due")
        return cls(
            d["id"],
            dt.date.fromisoformat(due) if due else None,
            tuple(d.get("lead") or ()),
            tuple(d.get("assist") or ()),
            tuple(d.get("flags") or ()),
            tuple(d.get("unknown_owners") or ()),
            d.get("text") or "",
        )


class ViewsSQL:
    """Streaming and aggregate reads of `SQLLedger`."""

    _read: Engine
    where: str
    secret: str | None

    def _extended(self, conn: sa.Connection, tasks: list[Task]) -> list[Task]:
        raise NotImplementedError

    # tasks whose reminders are not stored yet (`delivery.store_ahead_days`)

    @guarded
    def deferred_until(self, until: dt.datetime, *, limit: int) -> list[str]:
        stmt = (
            sa.select(_t.c.id)
            .where(_t.c.active, _t.c.deferred_to <= until)
            .order_by(_t.c.deferred_to, _t.c.id)
            .limit(limit)
        )
        with self._read.connect() as conn:
            return list(conn.execute(stmt).scalars())

    @guarded
    def count_deferred(self) -> int:
        stmt = sa.select(sa.func.count()).where(_t.c.active, _t.c.deferred_to.is_not(None))
        with self._read.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def iter_deferred(self, *, batch: int = BATCH) -> Iterator[tuple[Task, dt.datetime]]:
        """Read in one snapshot, a page at a time: a task re-planned meanwhile comes once."""
        with self._snapshot() as conn:
            after: tuple[dt.datetime, str] | None = None
            while True:
                page = self._deferred_after(conn, after, batch)
                yield from page
                if len(page) < batch:
                    return
                after = (page[-1][1], page[-1][0].id)

    @guarded
    def _snapshot(self) -> sa.Connection:
        """A read connection whose reads all see one state of the ledger (SQLite: one read
        transaction; PostgreSQL: REPEATABLE READ)."""
        conn = self._read.connect()
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        return conn

    @guarded
    def _deferred_after(
        self, conn: sa.Connection, after: tuple[dt.datetime, str] | None, batch: int
    ) -> list[tuple[Task, dt.datetime]]:
        stmt = sa.select(_t.c.data, _t.c.deferred_to).where(
            _t.c.active, _t.c.deferred_to.is_not(None)
        )
        if after is not None:  # keyset on the (deferred_to, id) index, as _reminders_after
            at = sa.bindparam("at", after[0], type_=schema.UTCDateTime())
            last: sa.BindParameter[str] = sa.bindparam("last", after[1])
            stmt = stmt.where(
                sa.text("(tasks.deferred_to, tasks.id) > (:at, :last)").bindparams(at, last)
            )
        rows = conn.execute(stmt.order_by(_t.c.deferred_to, _t.c.id).limit(batch)).all()
        tasks = self._extended(conn, [schema.task_from_json(data) for data, _ in rows])
        return [(task, at) for task, (_, at) in zip(tasks, rows, strict=True)]

    def iter_task_facts(self, *, batch: int = BATCH) -> Iterator[TaskFacts]:
        """`iter_tasks`, lighter: each task's facts for `status` (extensions applied)."""
        after = ""
        while True:
            facts = self._facts_after(after, batch)
            yield from facts
            if len(facts) < batch:
                return
            after = facts[-1].id

    @guarded
    def _facts_after(self, after: str, batch: int) -> list[TaskFacts]:
        stmt = sa.select(_t.c.data).where(_t.c.active, _t.c.id > after)
        with self._read.connect() as conn:
            rows = conn.execute(stmt.order_by(_t.c.id).limit(batch)).scalars().all()
            facts = [TaskFacts.from_json(data) for data in rows]
            if facts:
                ext = sa.select(_e.c.task_id, _e.c.new_due).where(
                    _e.c.state == "approved", _e.c.task_id.between(facts[0].id, facts[-1].id)
                )
                latest = dict(conn.execute(ext.order_by(_e.c.decided_at, _e.c.id)).all())
                for f in facts:
                    if f.id in latest:
                        f.due = latest[f.id]
                        f.flags = tuple(dict.fromkeys((*f.flags, "extended")))
        return facts

    @guarded
    def reminders_page(
        self,
        states: Iterable[str],
        *,
        limit: int | None,
        newest_first: bool = False,
        retried_only: bool = False,
    ) -> tuple[list[ReminderRow], int]:
        """Up to ``limit`` reminders in ``states`` by fire time (None: all), and how many
        match in all; ``retried_only``: those attempted already."""
        where = _window(states, None, None)
        if retried_only:
            where.append(_r.c.attempts > sa.literal_column("0"))  # as the partial index says
        order = (_r.c.fire_at.desc(), _r.c.id) if newest_first else (_r.c.fire_at, _r.c.id)
        with self._read.connect() as conn:
            total = conn.execute(sa.select(sa.func.count()).where(*where)).scalar_one()
            stmt = sa.select(_r).where(*where).order_by(*order).limit(limit)
            rows = [schema.reminder_row(row) for row in conn.execute(stmt).mappings()]
        return rows, total

    @guarded
    def last_sent(self, task_ids: Collection[str]) -> dict[tuple[str, str], ReminderRow]:
        """The latest sent reminder per (task, office) of ``task_ids``."""
        out: dict[tuple[str, str], ReminderRow] = {}
        base = sa.select(_r).where(_r.c.state == "sent")
        with self._read.connect() as conn:
            for stmt in schema.scoped(base, _r.c.task_id, task_ids):
                for row in conn.execute(stmt).mappings():
                    r = schema.reminder_row(row)
                    key = (r.task_id, r.office)
                    old = out.get(key)
                    if r.sent_at and (old is None or (old.sent_at or r.sent_at) < r.sent_at):
                        out[key] = r
        return out

    @guarded
    def task_texts(self, task_ids: Collection[str]) -> dict[str, str]:
        """The words of the tasks ``task_ids`` (active or not)."""
        out: dict[str, str] = {}
        with self._read.connect() as conn:
            for stmt in schema.scoped(sa.select(_t.c.id, _t.c.data), _t.c.id, task_ids):
                for task_id, data in conn.execute(stmt):
                    out[task_id] = json.loads(data).get("text") or ""
        return out

    def iter_reminders(
        self,
        states: Iterable[str],
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        page: int = BATCH,
    ) -> Iterator[ReminderRow]:
        """Reminders in ``states`` with ``since <= fire_at < until``, in (fire_at, id) order,
        read a page at a time (keyset pagination on the (fire_at, id) index)."""
        wanted = list(states)
        after: tuple[dt.datetime, str] | None = None
        while True:
            got = self._reminders_after(wanted, since, until, after, page)
            yield from got
            if len(got) < page:
                return
            after = (got[-1].fire_at, got[-1].id)

    @guarded
    def _reminders_after(
        self,
        states: list[str],
        since: dt.datetime | None,
        until: dt.datetime | None,
        after: tuple[dt.datetime, str] | None,
        page: int,
    ) -> list[ReminderRow]:
        sqlite = self._read.dialect.name == "sqlite"
        where: list[sa.ColumnElement[bool] | sa.TextClause] = []
        if sqlite:
            # SQLite has no statistics: given an indexed state term it ranges over the state
            # index and sorts a million rows for every page. "+state" keeps that index out.
            pick: sa.BindParameter[list[str]] = sa.bindparam("states", states, expanding=True)
            where.append(sa.text("+reminders.state IN :states").bindparams(pick))
        else:
            where.append(_r.c.state.in_(states))
        if after is not None:
            # The row value alone is the lower bound: with a separate fire_at bound beside
            # it, SQLite ranges over fire_at and re-reads every reminder sharing that time.
            at = sa.bindparam("at", after[0], type_=schema.UTCDateTime())
            last: sa.BindParameter[str] = sa.bindparam("last", after[1])
            row = "(reminders.fire_at, reminders.id) > (:at, :last)"
            where.append(sa.text(row).bindparams(at, last))
        elif since is not None:
            where.append(_r.c.fire_at >= since)
        if until is not None:
            where.append(_r.c.fire_at < until)
        stmt = sa.select(_r).where(*where).order_by(_r.c.fire_at, _r.c.id).limit(page)
        with self._read.connect() as conn:
            return [schema.reminder_row(row) for row in conn.execute(stmt).mappings()]

    @guarded
    def count_reminders(
        self,
        states: Iterable[str],
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        task_ids: Collection[str] | None = None,
    ) -> int:
        """How many reminders ``iter_reminders`` gives, of ``task_ids`` only when given."""
        base = sa.select(sa.func.count()).where(*_window(states, since, until))
        with self._read.connect() as conn:
            return sum(
                conn.execute(stmt).scalar_one()
                for stmt in schema.scoped(base, _r.c.task_id, task_ids)
            )

    @guarded
    def settled(self, task_ids: Collection[str]) -> set[str]:
        """Ids of the reminders of ``task_ids`` already sent, failed or missed."""
        base = sa.select(_r.c.id).where(_r.c.state.in_(("sent", "failed", "missed")))
        with self._read.connect() as conn:
            return {
                i for stmt in schema.scoped(base, _r.c.task_id, task_ids)
                for i in conn.execute(stmt).scalars()
            }  # fmt: skip


def _window(
    states: Iterable[str], since: dt.datetime | None, until: dt.datetime | None
) -> list[sa.ColumnElement[bool]]:
    where: list[sa.ColumnElement[bool]] = [_r.c.state.in_(list(states))]
    if since is not None:
        where.append(_r.c.fire_at >= since)
    if until is not None:
        where.append(_r.c.fire_at < until)
    return where
