"""Reconciling the stored reminders with a fresh plan, in bulk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from pipeline.ledger import schema
from pipeline.ledger.base import SyncStats
from pipeline.ledger.bulk import insert_new, set_deferred
from pipeline.models import Reminder

# Key of the PostgreSQL advisory lock that serialises syncs of several replicas.
SYNC_LOCK = 0x706970656C737963

_r = schema.reminders


def _values(r: Reminder) -> dict[str, Any]:
    return {"b_fire_at": r.fire_at, "b_due": r.due, "b_cc": schema.cc_to_json(r.cc)}


def sync(
    conn: sa.Connection,
    plan: Sequence[Reminder],
    now: dt.datetime,
    scope: Collection[str] | None = None,
    deferred: Mapping[str, dt.datetime] | None = None,
) -> SyncStats:
    """Apply `plan` inside the caller's transaction (see `Ledger.sync_reminders`).

    ``scope``: the task ids `plan` was made for; only their stored reminders are compared
    (and cancelled when no longer planned). None: the plan is the whole plan.
    ``deferred``: tasks of the scope left out of `plan` because their first reminder is
    still far (its moment, `tasks.deferred_to`); the other tasks of the scope are marked
    stored. None leaves the marks as they are."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(SYNC_LOCK)))
    planned = {r.id: r for r in plan}  # a repeated id: the last one wins
    if scope is not None:
        scope = set(scope) | {r.task_id for r in planned.values()}
    existing, active, acked = _stored(conn, scope)

    inserts: list[tuple[Reminder, str]] = []
    moves: list[dict[str, Any]] = []
    revives: list[dict[str, Any]] = []
    added = moved = cancelled = unchanged = 0
    for r in planned.values():
        old = existing.get(r.id)
        done = (r.task_id, r.office) in acked
        if old is None:
            # A new kind of reminder for an office that acknowledged, or for a deactivated
            # task, is stored cancelled: it must not revive what was settled.
            blocked = done or active.get(r.task_id) is False
            inserts.append((r, "cancelled" if blocked else "pending"))
            cancelled += blocked
            added += not blocked
        elif old.state == "pending" and (
            old.fire_at != r.fire_at or old.due != r.due or schema.cc_from_json(old.cc) != r.cc
        ):
            next_at = r.fire_at
            if old.attempts and old.next_attempt_at is not None:
                next_at = max(r.fire_at, old.next_attempt_at)  # keep the retry backoff
            moves.append({"b_id": r.id, "b_next": next_at, **_values(r)})
            moved += 1
        elif old.state == "cancelled" and active.get(r.task_id) is True and not done:
            revives.append({"b_id": r.id, "b_next": r.fire_at, **_values(r)})
            added += 1
        else:
            unchanged += 1
    stale = [i for i, row in existing.items() if row.state == "pending" and i not in planned]
    _write(conn, now, inserts, moves, revives, stale)
    if deferred is not None:
        _mark_deferred(conn, scope, deferred)
    return SyncStats(added, moved, cancelled + len(stale), unchanged, len(deferred or ()))


def _write(
    conn: sa.Connection,
    now: dt.datetime,
    inserts: list[tuple[Reminder, str]],
    moves: list[dict[str, Any]],
    revives: list[dict[str, Any]],
    stale: list[str],
) -> None:
    insert_new(conn, inserts, now)
    if moves:
        conn.execute(_update_stmt("pending", now), moves)
    if revives:
        conn.execute(_update_stmt("cancelled", now), revives)
    for chunk in schema.chunks(stale):
        conn.execute(
            sa.update(_r)
            .where(_r.c.id.in_(chunk), _r.c.state == "pending")
            .values(state="cancelled", updated_at=now)
        )


def _mark_deferred(
    conn: sa.Connection, scope: Collection[str] | None, deferred: Mapping[str, dt.datetime]
) -> None:
    """`tasks.deferred_to`: the first moment of each deferred task, NULL for the rest."""
    t = schema.tasks
    clear = sa.update(t).where(t.c.deferred_to.is_not(None)).values(deferred_to=None)
    if scope is None:
        conn.execute(clear)
    else:
        for chunk in schema.chunks(sorted(set(scope) - deferred.keys())):
            conn.execute(clear.where(t.c.id.in_(chunk)))
    set_deferred(conn, deferred)


def _stored(
    conn: sa.Connection, scope: Collection[str] | None
) -> tuple[dict[str, Any], dict[str, bool], set[tuple[str, str]]]:
    """The stored reminders, task states and acknowledgements of the tasks in ``scope``."""
    cols = [_r.c.id, _r.c.state, _r.c.fire_at, _r.c.due, _r.c.cc]
    cols += [_r.c.attempts, _r.c.next_attempt_at]
    t, a = schema.tasks, schema.acks
    existing = {
        row.id: row
        for stmt in schema.scoped(sa.select(*cols), _r.c.task_id, scope)
        for row in conn.execute(stmt)
    }
    active = {
        i: on
        for stmt in schema.scoped(sa.select(t.c.id, t.c.active), t.c.id, scope)
        for i, on in conn.execute(stmt)
    }
    acked = {
        (i, o)
        for stmt in schema.scoped(sa.select(a.c.task_id, a.c.office), a.c.task_id, scope)
        for i, o in conn.execute(stmt)
    }
    return existing, active, acked


def _update_stmt(from_state: str, now: dt.datetime) -> sa.Update:
    """UPDATE of one planned reminder (executemany), guarded by its current state."""
    stamp = schema.UTCDateTime()
    return (
        sa.update(_r)
        .where(_r.c.id == sa.bindparam("b_id"), _r.c.state == from_state)
        .values(
            state="pending",
            fire_at=sa.bindparam("b_fire_at", type_=stamp),
            due=sa.bindparam("b_due", type_=sa.Date()),
            cc=sa.bindparam("b_cc", type_=sa.Text()),
            next_attempt_at=sa.bindparam("b_next", type_=stamp),
            claimed_by=None,
            lease_until=None,
            updated_at=now,
        )
    )
