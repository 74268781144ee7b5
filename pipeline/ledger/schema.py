"""Tables of the ledger (SQLAlchemy Core) and the conversions of stored values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

from pipeline.ledger.base import AttemptRow, DocumentRow, ReminderRow
from pipeline.models import Task

UTC = dt.UTC


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """Aware datetimes stored as UTC: `timestamptz` on PostgreSQL, naive UTC text on SQLite.

    SQLite stores fixed-width ISO text, so comparisons and ORDER BY stay chronological.
    Raises ValueError for a naive datetime.
    """

    impl = sa.DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects import postgresql  # loaded only for a PostgreSQL ledger

            return dialect.type_descriptor(postgresql.TIMESTAMP(timezone=True))
        return dialect.type_descriptor(sa.DateTime())

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: pass a timezone-aware one")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = sa.MetaData()

# Informational only: applied_at comes from the database clock.
schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.DateTime, server_default=sa.func.current_timestamp()),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False),
    sa.Column("published", sa.Date),
    sa.Column("date_basis", sa.Text, nullable=False),
    sa.Column("ingested_at", UTCDateTime, nullable=False),
)

tasks = sa.Table(
    "tasks",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("document", sa.Text, sa.ForeignKey("documents.key"), nullable=False, index=True),
    sa.Column("due", sa.Date),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("done_at", UTCDateTime),
    sa.Column("data", sa.Text, nullable=False),  # the Task dataclass as JSON
    sa.Column("updated_at", UTCDateTime, nullable=False),
    # The moment of the task's first reminder while none of its reminders is stored yet
    # (they are written when it comes within `delivery.store_ahead_days`); NULL otherwise.
    sa.Column("deferred_to", UTCDateTime),
    sa.Index("ix_tasks_deferred_to", "deferred_to", "id"),
)

# No foreign key to tasks: a plan may name tasks this ledger has not stored.
reminders = sa.Table(
    "reminders",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("task_id", sa.Text, nullable=False, index=True),
    sa.Column("office", sa.Text, nullable=False),
    sa.Column("channel", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("fire_at", UTCDateTime, nullable=False),
    sa.Column("due", sa.Date, nullable=False),
    sa.Column("cc", sa.Text, nullable=False),  # JSON list of office ids
    sa.Column("state", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", UTCDateTime),
    sa.Column("claimed_by", sa.Text),
    sa.Column("lease_until", UTCDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_reminders_state_next", "state", "next_attempt_at"),
    sa.Index("ix_reminders_state_lease", "state", "lease_until"),
    # (fire_at, id): `plan` pages through reminders in this order (migration 5; it was
    # fire_at alone, and thousands of reminders share 09:00 of a deadline day).
    sa.Index("ix_reminders_fire_at_id", "fire_at", "id"),
)

attempts = sa.Table(
    "attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reminder_id", sa.Text, sa.ForeignKey("reminders.id"), nullable=False, index=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("worker", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
)

acks = sa.Table(
    "acks",
    metadata,
    sa.Column("task_id", sa.Text, sa.ForeignKey("tasks.id"), primary_key=True),
    sa.Column("office", sa.Text, primary_key=True),  # "" acknowledges a task without offices
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("by", sa.Text, nullable=False),
)


def _converter(hint: Any) -> typing.Callable[[Any], Any] | None:
    """How to rebuild one Task field from its JSON value (None: as it is)."""
    args = typing.get_args(hint)
    if hint is dt.date or dt.date in args:
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if typing.get_origin(hint) is tuple or any(typing.get_origin(a) is tuple for a in args):
        return lambda v: None if v is None else tuple(v)
    return None


_TASK_FIELDS = frozenset(f.name for f in dataclasses.fields(Task))
# Only the fields that need converting (dates, tuples): a status pass decodes every task.
_TASK_DECODE = {
    name: conv
    for name, hint in typing.get_type_hints(Task).items()
    if name in _TASK_FIELDS and (conv := _converter(hint)) is not None
}


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a task")


def task_to_json(task: Task) -> str:
    """The Task as JSON, dates as ISO strings (its fields are its instance dict: a first
    pass stores a hundred thousand tasks, and walking `dataclasses.fields` cost a third)."""
    return json.dumps(vars(task), ensure_ascii=False, sort_keys=True, default=_iso)


def task_from_json(text: str) -> Task:
    """Rebuild the exact Task; unknown keys (from a newer writer) are ignored."""
    data = json.loads(text)
    if not _TASK_FIELDS.issuperset(data):
        data = {k: v for k, v in data.items() if k in _TASK_FIELDS}
    for name, conv in _TASK_DECODE.items():
        if name in data:
            data[name] = conv(data[name])
    return Task(**data)


def cc_to_json(cc: typing.Iterable[str]) -> str:
    return json.dumps(list(cc), ensure_ascii=False)


def cc_from_json(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def insert(conn: sa.Connection, table: sa.Table) -> Any:
    """The dialect's INSERT, which offers `on_conflict_do_*`."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def chunks(items: typing.Sequence[Any], size: int = 500) -> typing.Iterator[typing.Sequence[Any]]:
    """Slices small enough for an IN list on every backend."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def scoped(
    stmt: sa.Select[Any], column: sa.ColumnElement[Any], values: typing.Collection[Any] | None
) -> typing.Iterator[sa.Select[Any]]:
    """``stmt`` once when ``values`` is None, else once per chunk with ``column IN chunk``."""
    if values is None:
        yield stmt
        return
    for chunk in chunks(sorted(set(values))):
        yield stmt.where(column.in_(chunk))


def reminder_row(row: sa.RowMapping) -> ReminderRow:
    """A `reminders` row as a ReminderRow."""
    return ReminderRow(
        **{k: row[k] for k in _REMINDER_FIELDS if k != "cc"}, cc=cc_from_json(row["cc"])
    )


def attempt_row(row: sa.RowMapping) -> AttemptRow:
    return AttemptRow(**{f.name: row[f.name] for f in dataclasses.fields(AttemptRow)})


def document_row(row: sa.RowMapping) -> DocumentRow:
    return DocumentRow(**{f.name: row[f.name] for f in dataclasses.fields(DocumentRow)})


_REMINDER_FIELDS = [f.name for f in dataclasses.fields(ReminderRow)]


# --- the desk (migration 2): answers from offices, extensions, tick heartbeats -------------

answers = sa.Table(
    "answers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("task_id", sa.Text, sa.ForeignKey("tasks.id"), nullable=False, index=True),
    sa.Column("office", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),  # done | progress | extend | note
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("proposed_due", sa.Date),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("by", sa.Text, nullable=False),  # link | operator | supervisor | cli
    sa.Column("link_id", sa.Text, unique=True),  # a signed link answers once
)

extensions = sa.Table(
    "extensions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("task_id", sa.Text, sa.ForeignKey("tasks.id"), nullable=False, index=True),
    sa.Column("office", sa.Text, nullable=False),
    sa.Column("old_due", sa.Date),
    sa.Column("new_due", sa.Date, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("state", sa.Text, nullable=False),  # requested | approved | refused
    sa.Column("requested_at", UTCDateTime, nullable=False),
    sa.Column("requested_by", sa.Text, nullable=False),
    sa.Column("decided_at", UTCDateTime),
    sa.Column("decided_by", sa.Text),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
)

ticks = sa.Table(
    "ticks",
    metadata,
    sa.Column("worker", sa.Text, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),  # daemon | tick
    sa.Column("started_at", UTCDateTime, nullable=False),
    sa.Column("finished_at", UTCDateTime, nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
)
