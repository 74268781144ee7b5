"""Processes the fault tests start (run as a script, not collected by pytest).

python worker.py replica CONFIG WORKER NOW GO_FILE
    `Service(load_config(CONFIG), worker=WORKER)`; prints "ready", waits for GO_FILE,
    then ticks at NOW until a tick that read the documents (no other replica was reading
    them) claims nothing; prints a JSON summary.
python worker.py capped PIPELINE_ARGS…
    `pipeline PIPELINE_ARGS…` with every SQLite connection's max_page_count set to the
    file's current size: the database cannot grow, as on a full disk. (The pragma is
    per connection, so it has to be set in the process that writes.)
python worker.py diskfull CONFIG VAR_DIR BEFORE NOW
    Run inside a private mount namespace (`unshare -rm`): mounts a 2 MiB tmpfs on VAR_DIR
    (the ledger's folder), ticks at BEFORE, fills the tmpfs, ticks at NOW (expected to
    fail), frees the space, checks integrity, ticks at NOW again; prints a JSON report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def replica(config: str, worker: str, now: str, go: str) -> None:
    from pipeline.config import load_config
    from pipeline.service import Service

    service = Service(load_config(config), worker=worker)
    print("ready", flush=True)
    while not Path(go).exists():
        time.sleep(0.005)
    moment = dt.datetime.fromisoformat(now)
    t0 = time.monotonic()
    ticks, claimed, sent, other, errors = 0, 0, 0, 0, []
    read = 0  # documents this replica read and stored
    replanned_later = 0  # documents planned again after this replica's first reading pass
    has_read = False
    while True:
        report = service.tick(moment)
        if has_read:
            p = report.planned
            replanned_later += report.changed + p.added + p.moved + p.unchanged
        has_read = has_read or not report.read_elsewhere
        read += report.changed
        ticks += 1
        claimed += report.claimed
        sent += report.sent
        other += report.retried + report.failed
        errors += report.errors
        if report.read_elsewhere:  # another replica is reading: a daemon would tick again
            time.sleep(0.01)
        elif report.claimed == 0:
            break
    service.close()
    print(
        json.dumps(
            {
                "worker": worker,
                "ticks": ticks,
                "claimed": claimed,
                "sent": sent,
                "not_sent": other,
                "errors": errors,
                "replanned_later": replanned_later,
                "read": read,
                "seconds": time.monotonic() - t0,
            }
        )
    )


def capped(args: list[str]) -> None:
    import sqlalchemy as sa

    def cap(dbapi_conn: Any, _record: Any) -> None:
        if isinstance(dbapi_conn, sqlite3.Connection):
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")

    sa.event.listen(sa.pool.Pool, "connect", cap)
    from pipeline.cli import main

    sys.argv = ["pipeline", *args]
    main()


def diskfull(config: str, var: str, before: str, now: str) -> None:
    folder = Path(var)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], check=True)
    db = folder / "ledger.db"

    def tick(at: str) -> dict[str, Any]:
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", "--config", config, "tick", "--now", at],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return {"rc": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr}

    def states() -> dict[str, int]:
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT state, count(*) FROM reminders GROUP BY state")
            return dict(rows.fetchall())

    def integrity() -> str:
        with sqlite3.connect(db) as conn:
            return str(conn.execute("PRAGMA integrity_check").fetchone()[0])

    report: dict[str, Any] = {"before": tick(before), "states_before": states()}
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        report["fill"] = f"{type(exc).__name__}: {exc.strerror}"
    finally:
        os.close(fd)
    report["full"] = tick(now)
    filler.unlink()
    report["integrity"] = integrity()
    report["states_full"] = states()
    report["after"] = tick(now)
    report["states_after"] = states()
    report["integrity_after"] = integrity()
    print(json.dumps(report))


if __name__ == "__main__":
    mode, rest = sys.argv[1], sys.argv[2:]
    if mode == "replica":
        replica(*rest)
    elif mode == "capped":
        capped(rest)
    elif mode == "diskfull":
        diskfull(*rest)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
