"""Schema migrations, registered in order and recorded in `schema_version`.

Migration N is `MIGRATIONS[N - 1]`; each runs in its own transaction together with the row
recording it. Concurrent openers serialise on a lock taken at the start of that transaction
(PostgreSQL: `pg_advisory_xact_lock`; SQLite: the engine's `BEGIN IMMEDIATE`), then re-read
the version, so a migration is never applied twice.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from pipeline.errors import LedgerError
from pipeline.ledger import schema
from pipeline.ledger.problems import migrate_problems

# Key of the PostgreSQL advisory lock held while migrating ("pipeline" in ASCII).
MIGRATION_LOCK = 0x706970656C696E65


def _m001_initial(conn: Connection) -> None:
    # Builds the v1 tables from schema.py. When a later migration changes a table, freeze
    # the v1 definitions here first so that fresh databases still replay every step.
    schema.metadata.create_all(
        conn,
        tables=[schema.documents, schema.tasks, schema.reminders, schema.attempts, schema.acks],
    )


def _m002_desk(conn: Connection) -> None:
    # The supervision desk: answers from offices, deadline extensions, tick heartbeats.
    schema.metadata.create_all(conn, tables=[schema.answers, schema.extensions, schema.ticks])


def _m003_document_problems(conn: Connection) -> None:
    # Documents a pass could not use (pipeline.ledger.problems).
    migrate_problems(conn)


def _m004_retrying_index(conn: Connection) -> None:
    # Reminders being retried (`status`): a few rows among a million pending ones. Partial, so
    # the million untried rows a first pass inserts cost it nothing. Plain DDL, which both
    # backends read alike (an sa.Index with per-dialect `where` loads every dialect at import).
    conn.execute(
        sa.text(
            "CREATE INDEX IF NOT EXISTS ix_reminders_state_attempts "
            "ON reminders (state, attempts) WHERE attempts > 0"
        )
    )


def _m005_fire_at_id_index(conn: Connection) -> None:
    # Paging by (fire_at, id) reads only its page; by fire_at alone, a page inside a group of
    # reminders sharing one time re-read the whole group (fresh databases got the new index
    # from migration 1).
    conn.execute(sa.text("DROP INDEX IF EXISTS ix_reminders_fire_at"))
    index = next(ix for ix in schema.reminders.indexes if ix.name == "ix_reminders_fire_at_id")
    index.create(conn, checkfirst=True)


def _m006_deferred_tasks(conn: Connection) -> None:
    # tasks.deferred_to: a task whose reminders are not stored yet, and when its first fires
    # (fresh databases got the column and its index from migration 1). NULL, as every task of
    # an older ledger gets, means its reminders are stored.
    if "deferred_to" not in {c["name"] for c in sa.inspect(conn).get_columns("tasks")}:
        kind = "TIMESTAMP WITH TIME ZONE" if conn.dialect.name == "postgresql" else "DATETIME"
        conn.execute(sa.text(f"ALTER TABLE tasks ADD COLUMN deferred_to {kind}"))
    conn.execute(
        sa.text("CREATE INDEX IF NOT EXISTS ix_tasks_deferred_to ON tasks (deferred_to, id)")
    )


MIGRATIONS: list[Callable[[Connection], None]] = [
    _m001_initial,
    _m002_desk,
    _m003_document_problems,
    _m004_retrying_index,
    _m005_fire_at_id_index,
    _m006_deferred_tasks,
]


def current_version(conn: Connection) -> int:
    """The highest applied migration, 0 for an empty database."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    version = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(version or 0)


def _check(version: int) -> None:
    if version > len(MIGRATIONS):
        raise LedgerError(
            f"ledger schema version {version} is newer than this program supports "
            f"({len(MIGRATIONS)}): upgrade the pipeline"
        )


def migrate(engine: Engine, read_engine: Engine) -> int:
    """Apply pending migrations; return the schema version. Up to date: one read, no writes."""
    with read_engine.connect() as conn:
        version = current_version(conn)
    _check(version)
    while version < len(MIGRATIONS):
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK)))
            schema.schema_version.create(conn, checkfirst=True)
            version = current_version(conn)
            _check(version)
            if version < len(MIGRATIONS):
                MIGRATIONS[version](conn)
                version += 1
                conn.execute(sa.insert(schema.schema_version).values(version=version))
    return version
