"""The ledger over SQLAlchemy Core: one implementation for SQLite and PostgreSQL.

Claiming takes a lease in one writing transaction. PostgreSQL: `SELECT … FOR UPDATE SKIP
LOCKED` then UPDATE, so concurrent claimers skip each other's rows instead of waiting.
SQLite: the transaction opens with `BEGIN IMMEDIATE`, so claimers take turns on the write
lock and each sees the previous one's claims.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Self

import sqlalchemy as sa

from pipeline.errors import LedgerError
from pipeline.ledger import schema
from pipeline.ledger.base import AttemptRow, DocumentRow, ReminderRow, SyncStats
from pipeline.ledger.desk_sql import DeskSQL
from pipeline.ledger.engine import (
    bulk_cache,
    create,
    describe,
    driver_errors,
    guarded,
    redact,
    scrub,
)
from pipeline.ledger.migrations import migrate
from pipeline.ledger.outcomes import OutcomesSQL, aware
from pipeline.ledger.planlock import RELOAD_LOCK, PlanLock
from pipeline.ledger.problems import ProblemsSQL
from pipeline.ledger.sync import sync
from pipeline.ledger.views import ViewsSQL
from pipeline.models import Document, Reminder, Task

MIN_PREFIX = 6  # shortest task id prefix accepted by `task`

_r = schema.reminders
_t = schema.tasks


_aware = aware


class SQLLedger(ProblemsSQL, DeskSQL, ViewsSQL, OutcomesSQL):
    """`Ledger` on a SQLite file or a PostgreSQL database; opening migrates the schema."""

    def __init__(self, url: str, *, busy_timeout: float | None = None) -> None:
        self.where = redact(url)
        try:
            self.secret = sa.make_url(url).password
        except sa.exc.ArgumentError:
            self.secret = None
        self._engine, self._read = create(url, busy_timeout)
        self.planning = PlanLock(self._engine)
        self.reloading = PlanLock(self._engine, RELOAD_LOCK, "reload-lock").attempt
        try:
            migrate(self._engine, self._read)
        except LedgerError:
            self._engine.dispose()
            raise
        except driver_errors() as exc:
            self._engine.dispose()
            message = scrub(f"cannot open ledger {self.where}: {describe(exc)}", self.secret)
            raise LedgerError(message) from exc

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLLedger({self.where!r})"

    # documents and tasks

    @guarded
    def document_sha(self, key: str) -> str | None:
        d = schema.documents
        with self._read.connect() as conn:
            return conn.execute(sa.select(d.c.sha256).where(d.c.key == key)).scalar()

    @guarded
    def save_document(self, doc: Document, tasks: Sequence[Task], now: dt.datetime) -> None:
        self.save_documents([(doc, tasks)], now)

    @guarded
    def save_documents(
        self, items: Sequence[tuple[Document, Sequence[Task]]], now: dt.datetime
    ) -> None:
        _aware(now, "now")
        with self._engine.begin() as conn, bulk_cache(conn):
            for doc, tasks in items:
                self._save(conn, doc, tasks, now)

    def _save(
        self, conn: sa.Connection, doc: Document, tasks: Sequence[Task], now: dt.datetime
    ) -> None:
        d = schema.documents
        values = {
            "key": doc.key,
            "path": doc.path,
            "title": doc.title,
            "sha256": doc.sha256,
            "published": doc.published,
            "date_basis": doc.date_basis,
            "ingested_at": now,
        }
        stmt = schema.insert(conn, d).values(values)
        conn.execute(stmt.on_conflict_do_update(index_elements=[d.c.key], set_=values))
        rows = {
            t.id: {
                "id": t.id,
                "document": doc.key,
                "due": t.due,
                "active": True,
                "data": schema.task_to_json(t),
                "updated_at": now,
            }
            for t in tasks
        }
        if rows:
            up = schema.insert(conn, _t)
            cols = ("document", "due", "active", "data", "updated_at")
            up = up.on_conflict_do_update(
                index_elements=[_t.c.id], set_={c: up.excluded[c] for c in cols}
            )
            conn.execute(up, list(rows.values()))
        current = sa.select(_t.c.id).where(_t.c.document == doc.key, _t.c.active)
        _deactivate(conn, [i for i in conn.execute(current).scalars() if i not in rows], now)

    @guarded
    def retire_document(self, key: str, now: dt.datetime) -> int:
        """The document is no longer watched: deactivate its tasks, cancel their pending
        reminders, and forget its hash (so a file put back is ingested again)."""
        _aware(now, "now")
        d = schema.documents
        with self._engine.begin() as conn:
            ids = list(
                conn.execute(sa.select(_t.c.id).where(_t.c.document == key, _t.c.active)).scalars()
            )
            _deactivate(conn, ids, now)
            conn.execute(sa.update(d).where(d.c.key == key).values(sha256=""))
        return len(ids)

    @guarded
    def documents(self) -> list[DocumentRow]:
        d = schema.documents
        with self._read.connect() as conn:
            rows = conn.execute(sa.select(d).order_by(d.c.key)).mappings()
            return [schema.document_row(row) for row in rows]

    @guarded
    def tasks(
        self,
        *,
        include_inactive: bool = False,
        documents: Collection[str] | None = None,
        ids: Collection[str] | None = None,
    ) -> list[Task]:
        """Tasks (active ones unless ``include_inactive``), all or only those of
        ``documents`` or with ``ids``, with their approved extensions applied."""
        stmt = sa.select(_t.c.data)
        if not include_inactive:
            stmt = stmt.where(_t.c.active)
        with self._read.connect() as conn:
            found = [
                schema.task_from_json(data)
                for part in schema.scoped(stmt, _t.c.document, documents)
                for sub in schema.scoped(part, _t.c.id, ids)
                for data in conn.execute(sub).scalars()
            ]
            found = self._extended(conn, found)
        return sorted(found, key=lambda t: (t.document, t.line, t.id))

    @guarded
    def count_tasks(self) -> int:
        """The number of active tasks."""
        with self._read.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).where(_t.c.active)).scalar_one()

    @guarded
    def task_counts(self) -> dict[str, int]:
        """Active tasks per document key."""
        stmt = sa.select(_t.c.document, sa.func.count()).where(_t.c.active).group_by(_t.c.document)
        with self._read.connect() as conn:
            return {key: n for key, n in conn.execute(stmt)}

    @guarded
    def task(self, task_id: str) -> Task | None:
        with self._read.connect() as conn:
            return self._find(conn, task_id)

    def _find(self, conn: sa.Connection, task_id: str) -> Task | None:
        data = conn.execute(sa.select(_t.c.data).where(_t.c.id == task_id)).scalar()
        if data is not None:
            return self._extended(conn, [schema.task_from_json(data)])[0]
        if len(task_id) < MIN_PREFIX:
            return None
        stmt = (
            sa.select(_t.c.id, _t.c.data)
            .where(_t.c.id.startswith(task_id, autoescape=True))
            .order_by(_t.c.id)
            .limit(11)
        )
        found = conn.execute(stmt).all()
        if len(found) > 1:
            ids = ", ".join(row.id for row in found[:10]) + (", …" if len(found) > 10 else "")
            raise LedgerError(f"task id prefix {task_id!r} is ambiguous: {ids}")
        return self._extended(conn, [schema.task_from_json(found[0].data)])[0] if found else None

    # acknowledgements

    @guarded
    def acknowledge(
        self, task_id: str, office: str | None, now: dt.datetime, by: str = "cli"
    ) -> int:
        _aware(now, "now")
        with self._engine.begin() as conn:
            task = self._find(conn, task_id)
            if task is None:
                raise LedgerError(f"unknown task {task_id!r}")
            return self._acknowledge(conn, task, office, now, by)

    def _acknowledge(
        self, conn: sa.Connection, task: Task, office: str | None, now: dt.datetime, by: str
    ) -> int:
        """Acknowledge inside the caller's transaction; the number of reminders cancelled."""
        a = schema.acks
        owners = task.offices
        if office is not None and owners and office not in owners:
            raise LedgerError(
                f"office {office!r} is not an owner of task {task.id}: {', '.join(owners)}"
            )
        targets = [office] if office is not None else list(owners) or [""]
        rows = [{"task_id": task.id, "office": o, "at": now, "by": by} for o in targets]
        conn.execute(schema.insert(conn, a).on_conflict_do_nothing(), rows)
        cancel = sa.update(_r).where(_r.c.task_id == task.id, _r.c.state == "pending")
        if office is not None:
            cancel = cancel.where(_r.c.office == office)
        count = conn.execute(cancel.values(state="cancelled", updated_at=now)).rowcount
        acked = set(conn.execute(sa.select(a.c.office).where(a.c.task_id == task.id)).scalars())
        if acked.issuperset(owners):  # done: nothing left to store when it would come near
            conn.execute(
                sa.update(_t).where(_t.c.id == task.id, _t.c.done_at.is_(None)).values(done_at=now)
            )
            conn.execute(sa.update(_t).where(_t.c.id == task.id).values(deferred_to=None))
        return count

    @guarded
    def acknowledged(self, task_ids: Collection[str] | None = None) -> set[tuple[str, str]]:
        """(task, office) pairs acknowledged, all or of ``task_ids`` only."""
        a = schema.acks
        with self._read.connect() as conn:
            return {
                (t, o)
                for stmt in schema.scoped(sa.select(a.c.task_id, a.c.office), a.c.task_id, task_ids)
                for t, o in conn.execute(stmt)
            }

    @guarded
    def done_tasks(self, task_ids: Collection[str] | None = None) -> set[str]:
        """Tasks every owner acknowledged, all or among ``task_ids``."""
        a = schema.acks
        with self._read.connect() as conn:
            acked: dict[str, set[str]] = {}
            pairs = schema.scoped(sa.select(a.c.task_id, a.c.office), a.c.task_id, task_ids)
            for stmt in pairs:
                for task_id, office in conn.execute(stmt):
                    acked.setdefault(task_id, set()).add(office)
            tasks = [
                schema.task_from_json(data)
                for chunk in schema.chunks(sorted(acked))
                for data in conn.execute(sa.select(_t.c.data).where(_t.c.id.in_(chunk))).scalars()
            ]
        return {t.id for t in tasks if acked.get(t.id, set()).issuperset(t.offices)}

    # reminders

    @guarded
    def sync_reminders(
        self,
        plan: Sequence[Reminder],
        now: dt.datetime,
        *,
        scope: Collection[str] | None = None,
        deferred: Mapping[str, dt.datetime] | None = None,
    ) -> SyncStats:
        _aware(now, "now")
        for r in plan:
            _aware(r.fire_at, f"fire_at of reminder {r.id}")
        for task_id, at in (deferred or {}).items():
            _aware(at, f"first reminder of deferred task {task_id}")
        with self._engine.begin() as conn, bulk_cache(conn):
            return sync(conn, plan, now, scope, deferred)

    @guarded
    def claim_due(
        self, now: dt.datetime, worker: str, lease_seconds: float, limit: int
    ) -> list[ReminderRow]:
        _aware(now, "now")
        if limit <= 0:
            return []
        lease_until = now + dt.timedelta(seconds=lease_seconds)
        due = sa.or_(
            sa.and_(_r.c.state == "pending", _r.c.next_attempt_at <= now),
            sa.and_(_r.c.state == "claimed", _r.c.lease_until < now),
        )
        claim = {"state": "claimed", "claimed_by": worker, "lease_until": lease_until}
        return self._take(due, limit, {**claim, "updated_at": now})

    @guarded
    def mark_missed(self, older_than: dt.datetime, now: dt.datetime) -> list[ReminderRow]:
        _aware(older_than, "older_than")
        _aware(now, "now")
        # A reminder waiting for a retry is not missed: it was due in time and is being sent.
        # An untried reminder's next_attempt_at is its fire_at: the condition on it lets the
        # (state, next_attempt_at) index find only the stale rows instead of every pending one.
        stale = sa.and_(
            _r.c.state == "pending",
            _r.c.next_attempt_at < older_than,
            _r.c.attempts == 0,
            _r.c.fire_at < older_than,
        )
        return self._take(stale, None, {"state": "missed", "updated_at": now})

    def _take(
        self, where: sa.ColumnElement[bool], limit: int | None, values: dict[str, Any]
    ) -> list[ReminderRow]:
        """Lock the matching rows (skipping rows another transaction holds), update them."""
        pick = sa.select(_r.c.id).where(where).order_by(_r.c.fire_at, _r.c.id).limit(limit)
        with self._engine.begin() as conn:
            ids = list(conn.execute(pick.with_for_update(skip_locked=True)).scalars())
            rows: list[ReminderRow] = []
            for chunk in schema.chunks(ids):
                conn.execute(sa.update(_r).where(_r.c.id.in_(chunk)).values(values))
                got = conn.execute(sa.select(_r).where(_r.c.id.in_(chunk))).mappings()
                rows.extend(schema.reminder_row(row) for row in got)
        return sorted(rows, key=lambda row: (row.fire_at, row.id))

    @guarded
    def reminders(
        self, *, states: Iterable[str] | None = None, task_id: str | None = None
    ) -> list[ReminderRow]:
        stmt = sa.select(_r).order_by(_r.c.fire_at, _r.c.id)
        if states is not None:
            stmt = stmt.where(_r.c.state.in_(list(states)))
        if task_id is not None:
            stmt = stmt.where(_r.c.task_id == task_id)
        with self._read.connect() as conn:
            return [schema.reminder_row(row) for row in conn.execute(stmt).mappings()]

    @guarded
    def attempts(self, reminder_id: str | None = None) -> list[AttemptRow]:
        a = schema.attempts
        stmt = sa.select(a).order_by(a.c.at, a.c.id)
        if reminder_id is not None:
            stmt = stmt.where(a.c.reminder_id == reminder_id)
        with self._read.connect() as conn:
            return [schema.attempt_row(row) for row in conn.execute(stmt).mappings()]


def _deactivate(conn: sa.Connection, task_ids: Sequence[str], now: dt.datetime) -> None:
    """Tasks no longer in their document: inactive, their pending reminders cancelled."""
    for chunk in schema.chunks(task_ids):
        conn.execute(sa.update(_t).where(_t.c.id.in_(chunk)).values(active=False, updated_at=now))
        conn.execute(
            sa.update(_r)
            .where(_r.c.task_id.in_(chunk), _r.c.state == "pending")
            .values(state="cancelled", updated_at=now)
        )
