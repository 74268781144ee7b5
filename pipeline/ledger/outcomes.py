"""Recording what became of claimed reminders: outcomes (one or a batch per transaction)
and handing claims back. A mixin of `SQLLedger`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from pipeline.errors import LedgerError
from pipeline.ledger import schema
from pipeline.ledger.engine import guarded
from pipeline.models import Outcome

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

_r = schema.reminders


def aware(value: dt.datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise LedgerError(f"{name} must be timezone-aware, got {value.isoformat()}")


def _outcome_values(
    reminder_id: str, outcome: Outcome, next_attempt_at: dt.datetime | None, now: dt.datetime
) -> dict[str, Any]:
    """The reminder's new column values for ``outcome``."""
    values: dict[str, Any] = {"updated_at": now, "lease_until": None}
    if outcome.status == "sent":
        return values | {"state": "sent", "sent_at": now}
    if outcome.status == "retry":
        if next_attempt_at is None:
            raise LedgerError(f"record({reminder_id}): a retry needs next_attempt_at")
        aware(next_attempt_at, "next_attempt_at")
        values |= {"state": "pending", "next_attempt_at": next_attempt_at, "claimed_by": None}
        return values | {"attempts": _r.c.attempts + 1, "last_error": outcome.detail}
    if outcome.status == "failed":
        values |= {"state": "failed", "attempts": _r.c.attempts + 1}
        return values | {"last_error": outcome.detail}
    raise LedgerError(f"record({reminder_id}): unknown outcome {outcome.status!r}")


def _update_held(
    conn: Connection, ids: Sequence[str], worker: str, values: dict[str, Any]
) -> set[str]:
    """Store ``values`` on those of ``ids`` this worker still holds; the ids it changed."""
    held: set[str] = set()
    for chunk in schema.chunks(ids):
        mine = sa.and_(_r.c.id.in_(chunk), _r.c.state == "claimed", _r.c.claimed_by == worker)
        stmt = sa.update(_r).where(mine).values(values)
        if conn.dialect.update_returning:
            held.update(conn.execute(stmt.returning(_r.c.id)).scalars())
            continue
        for reminder_id in chunk:
            one = sa.and_(_r.c.id == reminder_id, _r.c.state == "claimed")
            stmt = sa.update(_r).where(one, _r.c.claimed_by == worker).values(values)
            if conn.execute(stmt).rowcount == 1:
                held.add(reminder_id)
    return held


class OutcomesSQL:
    """Outcome recording of `SQLLedger`."""

    _engine: Engine
    where: str
    secret: str | None

    @guarded
    def record(
        self,
        reminder_id: str,
        worker: str,
        outcome: Outcome,
        now: dt.datetime,
        *,
        next_attempt_at: dt.datetime | None = None,
    ) -> bool:
        return self.record_many([(reminder_id, outcome, next_attempt_at)], worker, now)[0]

    @guarded
    def record_many(
        self,
        items: Sequence[tuple[str, Outcome, dt.datetime | None]],
        worker: str,
        now: dt.datetime,
    ) -> list[bool]:
        """`record` for several outcomes (reminder id, outcome, next attempt) in one
        transaction; per item, whether this worker still held the claim.

        Outcomes with the same column values (every plain "sent", a digest's shared retry)
        are stored by one UPDATE over their ids, which returns the ids it changed (where the
        database can; else one UPDATE per reminder).
        """
        aware(now, "now")
        attempts: list[dict[str, Any]] = []
        same: dict[tuple[Any, ...], tuple[dict[str, Any], list[str]]] = {}
        for reminder_id, outcome, next_attempt_at in items:
            key: tuple[Any, ...] = ("sent",)
            if outcome.status != "sent":
                key = (outcome.status, outcome.detail, next_attempt_at)
            if key not in same:
                values = _outcome_values(reminder_id, outcome, next_attempt_at, now)
                same[key] = (values, [])
            same[key][1].append(reminder_id)
            attempts.append(
                {
                    "reminder_id": reminder_id,
                    "at": now,
                    "worker": worker,
                    "status": outcome.status,
                    "detail": outcome.detail,
                }
            )
        held: set[str] = set()
        with self._engine.begin() as conn:
            if attempts:
                conn.execute(sa.insert(schema.attempts), attempts)
            for values, ids in same.values():
                held |= _update_held(conn, ids, worker, values)
        out = []
        for reminder_id, _, _ in items:
            out.append(reminder_id in held)
            held.discard(reminder_id)  # an id given twice was held once
        return out

    @guarded
    def defer(
        self, reminder_ids: Sequence[str], worker: str, until: dt.datetime, now: dt.datetime
    ) -> int:
        """Hand claims back to be sent at ``until`` (a robot's rate limit), without counting
        an attempt; how many this worker still held."""
        aware(until, "until")
        aware(now, "now")
        done = 0
        with self._engine.begin() as conn:
            for chunk in schema.chunks(list(reminder_ids)):
                mine = sa.and_(
                    _r.c.id.in_(chunk), _r.c.state == "claimed", _r.c.claimed_by == worker
                )
                values = {"state": "pending", "next_attempt_at": until, "claimed_by": None}
                stmt = sa.update(_r).where(mine).values(lease_until=None, updated_at=now, **values)
                done += conn.execute(stmt).rowcount
        return done

    @guarded
    def release(self, worker: str) -> int:
        # No `now` here, so updated_at keeps the time of the claim.
        mine = sa.and_(_r.c.state == "claimed", _r.c.claimed_by == worker)
        with self._engine.begin() as conn:
            stmt = sa.update(_r).where(mine)
            return conn.execute(
                stmt.values(state="pending", claimed_by=None, lease_until=None)
            ).rowcount
