"""Database faults on the SQLite ledger: locked by another process, locked mid-tick, disk full.

Each ends with one clear line naming the database (CLI) or one log line (daemon), no
corruption (`PRAGMA integrity_check`), and a next tick that recovers and sends.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import load_config
from pipeline.daemon import Daemon
from pipeline.errors import LedgerError
from pipeline.service import Service

from ..conftest import SmtpSink
from .conftest import NOW, ROOT, message_ids, run_cli, task_line, write_document

TASKS = 5
LEASE = 30
WORKER = Path(__file__).with_name("worker.py")
BEFORE = NOW - dt.timedelta(days=1)  # the ledger exists, nothing is due yet


@pytest.fixture
def db_project(fault_project: Callable[..., Path], smtp_sink: SmtpSink) -> tuple[Path, Path]:
    """(config, ledger file); the store waits 1 s for a lock instead of the default 10."""
    holder: dict[str, Path] = {}

    def changes(data: dict[str, Any]) -> None:
        db = Path(data["store"].removeprefix("sqlite:///"))
        holder["db"] = db
        data["store"] = f"sqlite:///{db}?busy_timeout=1"
        data["delivery"].update(lease_seconds=LEASE, batch=500)

    config = fault_project(TASKS, smtp_port=smtp_sink.port, changes=changes)
    return config, holder["db"]


def _tick(config: Path, at: dt.datetime, **kw: Any) -> subprocess.CompletedProcess[str]:
    return run_cli(config, "tick", "--now", at.isoformat(), **kw)


def _one_error_line(proc: subprocess.CompletedProcess[str], db: Path) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and str(db) in lines[0], lines[0]
    return lines[0]


def _integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _states(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT state, count(*) FROM reminders GROUP BY state").fetchall())


@pytest.fixture
def locker() -> Iterator[Callable[[Path], sqlite3.Connection]]:
    """Holds `BEGIN EXCLUSIVE` on a ledger from another connection until released."""
    held: list[sqlite3.Connection] = []

    def lock(db: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        conn.execute("BEGIN EXCLUSIVE")
        held.append(conn)
        return conn

    yield lock
    for conn in held:
        conn.close()


def test_locked_database_clear_error_then_recovery(
    db_project: tuple[Path, Path],
    smtp_sink: SmtpSink,
    locker: Callable[[Path], sqlite3.Connection],
    caplog: pytest.LogCaptureFixture,
) -> None:
    config, db = db_project
    assert _tick(config, BEFORE).returncode == 0
    lock = locker(db)

    line = _one_error_line(_tick(config, NOW), db)
    assert "locked" in line, line
    # The daemon's deliver job logs the same and keeps running.
    daemon = Daemon(load_config(config), clock=lambda: NOW)
    with caplog.at_level(logging.ERROR, logger="pipeline.daemon"):
        daemon.deliver()
    (record,) = [r for r in caplog.records if r.name == "pipeline.daemon"]
    assert "deliver failed" in record.getMessage() and "locked" in record.getMessage()
    assert smtp_sink.messages == []

    lock.rollback()
    lock.close()
    assert _integrity(db) == "ok"
    assert _states(db) == {"pending": TASKS}, "the failed passes claimed nothing"
    daemon.deliver()
    daemon.service.close()
    assert len(smtp_sink.messages) == 1 and _states(db) == {"sent": TASKS}
    again = _tick(config, NOW + dt.timedelta(minutes=1))
    assert again.returncode == 0 and " 0 due" in again.stdout
    assert len(smtp_sink.messages) == 1


def test_lock_taken_between_send_and_record(
    db_project: tuple[Path, Path], smtp_sink: SmtpSink, locker: Callable[[Path], sqlite3.Connection]
) -> None:
    """The message leaves, then the outcome cannot be written: the tick stops with a clear
    error; after the lease the reminders are sent once more under the same Message-ID."""
    config, db = db_project
    assert _tick(config, BEFORE).returncode == 0
    held: list[sqlite3.Connection] = []
    handle_data = smtp_sink.handle_DATA

    async def lock_after_data(server: Any, session: Any, envelope: Any) -> str:
        reply = await handle_data(server, session, envelope)
        if not held:
            held.append(locker(db))
        return reply

    smtp_sink.handle_DATA = lock_after_data  # type: ignore[method-assign]
    service = Service(load_config(config), worker="w-lock", rnd=random.Random(2))
    with pytest.raises(LedgerError, match="locked") as err:
        service.tick(NOW)
    assert str(db) in str(err.value)
    held[0].rollback()
    held[0].close()
    assert _integrity(db) == "ok"
    assert _states(db) == {"claimed": TASKS}
    assert service.tick(NOW + dt.timedelta(seconds=LEASE / 2)).claimed == 0
    report = service.tick(NOW + dt.timedelta(seconds=LEASE + 1))
    assert (report.sent, report.messages) == (TASKS, 1), report.summary()
    service.close()
    counts = message_ids(smtp_sink.messages)
    assert list(counts.values()) == [2], "the one message again, same Message-ID, nothing lost"
    assert _states(db) == {"sent": TASKS}


def _big_document(config: Path) -> None:
    """300 more tasks: ingesting them needs many more pages."""
    write_document(config.parent / "docs", "more.txt", [task_line(i) for i in range(100, 400)])


def test_database_cannot_grow_max_page_count(
    db_project: tuple[Path, Path], smtp_sink: SmtpSink
) -> None:
    """A full disk as SQLite sees it (SQLITE_FULL), via max_page_count in the writing process."""
    config, db = db_project
    assert _tick(config, BEFORE).returncode == 0
    _big_document(config)
    capped = subprocess.run(
        [
            sys.executable,
            str(WORKER),
            "capped",
            "--config",
            str(config),
            "tick",
            "--now",
            NOW.isoformat(),
        ],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = _one_error_line(capped, db)
    assert "full" in line, line
    assert _integrity(db) == "ok"
    assert _states(db) == {"pending": TASKS}, "the failed ingest left the ledger as it was"
    assert smtp_sink.messages == []

    after = _tick(config, NOW)
    assert after.returncode == 0, after.stderr
    assert len(smtp_sink.messages) == 1 and _states(db) == {"sent": TASKS + 300}


def _can_mount_tmpfs(where: Path) -> str | None:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return "unshare(1) or mount(8) not installed"
    where.mkdir(parents=True, exist_ok=True)
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs '{where}'"],
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return (
        None
        if probe.returncode == 0
        else f"cannot mount a tmpfs in a user namespace: {probe.stderr.strip()}"
    )


def test_disk_full_on_a_real_filesystem(
    fault_project: Callable[..., Path], smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    """The ledger's folder on a 2 MiB tmpfs (private mount namespace, no privileges needed
    where user namespaces are allowed), filled up to the last byte before the tick."""
    var = tmp_path / "var-tmpfs"
    why = _can_mount_tmpfs(tmp_path / "probe")
    if why:
        pytest.skip(why)

    def changes(data: dict[str, Any]) -> None:
        data["store"] = f"sqlite:///{var / 'ledger.db'}?busy_timeout=1"

    config = fault_project(TASKS, smtp_port=smtp_sink.port, changes=changes)
    proc = subprocess.run(
        [
            "unshare",
            "-rm",
            sys.executable,
            str(WORKER),
            "diskfull",
            str(config),
            str(var),
            BEFORE.isoformat(),
            NOW.isoformat(),
        ],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["before"]["rc"] == 0, report["before"]
    assert "No space left" in report["fill"]
    full = subprocess.CompletedProcess(
        [], report["full"]["rc"], report["full"]["stdout"], report["full"]["stderr"]
    )
    line = _one_error_line(full, var / "ledger.db")
    assert "full" in line or "disk" in line, line
    assert report["integrity"] == "ok"
    assert report["states_full"] == report["states_before"] == {"pending": TASKS}
    assert report["after"]["rc"] == 0, report["after"]
    assert report["states_after"] == {"sent": TASKS} and report["integrity_after"] == "ok"
    assert len(smtp_sink.messages) == 1
