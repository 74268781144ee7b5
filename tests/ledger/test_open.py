"""Opening the ledger, and how it fails: bad URLs, unreachable servers, locks, read-only files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from pipeline.errors import LedgerError
from pipeline.ledger import open_ledger
from pipeline.ledger.migrations import MIGRATIONS
from pipeline.models import Reminder

NOW = dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC)


def plan(count: int) -> list[Reminder]:
    return [
        Reminder(f"r{i}", "task-1", "fgw", "email", "before-0", NOW, NOW.date())
        for i in range(count)
    ]


def test_sqlite_creates_folders_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "ledger.db"
    with open_ledger(f"sqlite:///{path}") as ledger:
        ledger.sync_reminders(plan(1), NOW)
    assert path.exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_bulk_write_has_a_large_page_cache_and_gives_it_back(tmp_path: Path) -> None:
    """The big SQLite cache is the bulk write's only: the pooled connection it used, which
    later reads reuse, is back at the default afterwards."""
    from pipeline.ledger.engine import BULK_CACHE_KIB, bulk_cache

    with open_ledger(f"sqlite:///{tmp_path / 'ledger.db'}") as ledger:
        engine = ledger._engine  # type: ignore[attr-defined]
        with engine.begin() as conn, bulk_cache(conn):
            inside = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        ledger.sync_reminders(plan(3), NOW)
        with engine.connect() as conn:
            after = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    assert inside == -BULK_CACHE_KIB
    assert after == -2000


def test_in_memory_sqlite_works() -> None:
    with open_ledger("sqlite://") as ledger:
        ledger.sync_reminders(plan(2), NOW)
        assert len(ledger.claim_due(NOW, "w", 60, limit=5)) == 2


@pytest.mark.parametrize(
    ("query", "kwargs"), [("?busy_timeout=0.2", {}), ("", {"busy_timeout": 0.2})]
)
def test_locked_sqlite_times_out_and_stays_intact(
    tmp_path: Path, query: str, kwargs: dict[str, Any]
) -> None:
    path = tmp_path / "ledger.db"
    with open_ledger(f"sqlite:///{path}{query}", **kwargs) as ledger:
        ledger.sync_reminders(plan(3), NOW)
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        blocker.execute("UPDATE reminders SET last_error = 'uncommitted'")
        try:
            with pytest.raises(LedgerError, match="claim_due failed.*database is locked"):
                ledger.claim_due(NOW, "w", 60, limit=10)
            # WAL: readers still see the last committed state while a writer holds the lock.
            assert [r.state for r in ledger.reminders()] == ["pending"] * 3
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert len(ledger.claim_due(NOW, "w", 60, limit=10)) == 3
        assert {r.last_error for r in ledger.reminders()} == {None}
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_open_waits_for_a_lock_then_fails(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # a fresh file: rollback journal, so nobody can read
    try:
        with pytest.raises(LedgerError, match="cannot open ledger.*locked"):
            open_ledger(f"sqlite:///{path}", busy_timeout=0.1)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(LedgerError, match="cannot create the folder"):
        open_ledger(f"sqlite:///{tmp_path / 'a-file' / 'sub' / 'ledger.db'}")
    with pytest.raises(LedgerError, match="cannot create the folder"):
        open_ledger("sqlite:////proc/pipeline-ledger/ledger.db")  # read-only even for root


def test_read_only_database(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    sqlite3.connect(path).close()  # an empty, unmigrated file
    with pytest.raises(LedgerError, match="cannot open ledger.*readonly"):
        open_ledger(f"sqlite:///file:{path}?mode=ro&uri=true")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "invalid ledger URL"),
        ("mysql://admin:s3cret-pw@db/ledger", "unsupported ledger URL"),
        ("postgresql+psycopg://admin:s3cret-pw@127.0.0.1:1/x?connect_timeout=2", "cannot open"),
        ("sqlite:///x.db?busy_timeout=soon", "busy_timeout must be a number"),
    ],
)
def test_bad_urls_fail_clearly_without_the_password(url: str, message: str) -> None:
    with pytest.raises(LedgerError, match=message) as info:
        open_ledger(url)
    assert "s3cret-pw" not in str(info.value)


def test_a_version_3_ledger_gains_the_new_indexes_and_columns_on_open(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    open_ledger(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # back to the schema of version 3
        conn.exec_driver_sql("DROP INDEX ix_reminders_state_attempts")
        conn.exec_driver_sql("DROP INDEX ix_reminders_fire_at_id")
        conn.exec_driver_sql("CREATE INDEX ix_reminders_fire_at ON reminders (fire_at)")
        conn.exec_driver_sql("DROP INDEX ix_tasks_deferred_to")
        conn.exec_driver_sql("ALTER TABLE tasks DROP COLUMN deferred_to")
        conn.exec_driver_sql("DELETE FROM schema_version WHERE version > 3")
    open_ledger(url).close()
    with engine.connect() as conn:
        names = {ix["name"] for ix in sa.inspect(conn).get_indexes("reminders")}
        version = conn.exec_driver_sql("SELECT max(version) FROM schema_version").scalar()
        task_indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("tasks")}
        task_columns = {c["name"] for c in sa.inspect(conn).get_columns("tasks")}
    engine.dispose()
    assert {"ix_reminders_state_attempts", "ix_reminders_fire_at_id"} <= names
    assert "ix_reminders_fire_at" not in names  # replaced by (fire_at, id)
    assert "ix_tasks_deferred_to" in task_indexes and "deferred_to" in task_columns
    assert version == len(MIGRATIONS) == 6


def test_a_sqlite_ledger_never_loads_the_postgresql_driver(tmp_path: Path) -> None:
    # A cron tick on the default SQLite ledger starts without psycopg or SQLAlchemy's
    # PostgreSQL dialect (about 90 ms of imports); a fresh process shows what it loaded.
    import subprocess
    import sys

    code = (
        "import sys, datetime as dt\n"
        "from pipeline.ledger import open_ledger\n"
        "from pipeline.models import Reminder\n"
        f"with open_ledger('sqlite:///{tmp_path / 'l.db'}') as ledger:\n"
        "    now = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)\n"
        "    ledger.sync_reminders([Reminder('r1', 't', 'fgw', 'email', 'before-0', now, now.date())], now)\n"
        "    assert ledger.claim_due(now, 'w', 60, 10)\n"
        "print(sorted(m for m in sys.modules if 'psycopg' in m or 'postgresql' in m))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_driver_errors_hold_psycopgs_once_it_is_loaded() -> None:
    import psycopg

    from pipeline.ledger.engine import driver_errors

    assert psycopg.Error in driver_errors() and sqlite3.Error in driver_errors()
