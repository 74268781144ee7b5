"""Several real processes on one database: claims never overlap, fresh opens never fail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from pipeline.ledger import open_ledger
from pipeline.ledger.migrations import MIGRATIONS
from pipeline.models import Reminder

from ..conftest import run_together

SCRIPT = Path(__file__).with_name("claimer.py")
START = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)


def run_workers(mode: str, url: str, count: int, tmp_path: Path) -> list[dict[str, Any]]:
    """Start `count` claimer processes, release them at once, and collect their summaries."""
    go = tmp_path / f"go-{mode}"
    commands = [[str(SCRIPT), mode, url, f"worker-{i}", str(go)] for i in range(count)]
    return run_together(commands, go, timeout=60)


def test_two_processes_never_claim_the_same_reminder(ledger_url: str, tmp_path: Path) -> None:
    plan = [
        Reminder(f"r{i:03d}", f"task-{i // 3}", "fgw", "email", "before-0", START, START.date())
        for i in range(300)
    ]
    with open_ledger(ledger_url) as ledger:
        assert ledger.sync_reminders(plan, START).added == 300

    results = run_workers("claim", ledger_url, 2, tmp_path)

    claimed = [rid for result in results for rid in result["claimed"]]
    assert len(claimed) == len(set(claimed)) == 300  # no duplicates, none lost
    assert set(claimed) == {r.id for r in plan}
    assert all(result["claimed"] for result in results), "both processes should take part"
    assert [result["lost"] for result in results] == [0, 0]
    with open_ledger(ledger_url) as ledger:
        assert {r.state for r in ledger.reminders()} == {"sent"}
        assert len(ledger.attempts()) == 300


def test_processes_opening_a_fresh_database_at_once(ledger_url: str, tmp_path: Path) -> None:
    run_workers("open", ledger_url, 3, tmp_path)
    engine = sa.create_engine(ledger_url)
    try:
        with engine.connect() as conn:
            versions = conn.execute(sa.text("SELECT version FROM schema_version ORDER BY 1"))
            assert list(versions.scalars()) == list(range(1, len(MIGRATIONS) + 1))
    finally:
        engine.dispose()


def test_one_planner_at_a_time_per_ledger(ledger_url: str) -> None:
    """Two ledgers opened on one database (as two processes or replicas would): while one
    holds the planning lock, the other waits for it; the holder may take it again; the
    reload lock is apart (a desk extension plans while a pass reads documents)."""
    import threading
    import time

    events: list[str] = []
    with open_ledger(ledger_url) as first, open_ledger(ledger_url) as second:

        def other() -> None:
            with second.planning():
                events.append("second")

        with first.planning():
            with first.planning():  # re-entrant in its thread
                events.append("first")
            with second.reloading() as reading:  # the other lock is free meanwhile
                events.append(f"reload lock free: {reading}")
            waiter = threading.Thread(target=other, daemon=True)
            waiter.start()
            time.sleep(0.5)  # give the other every chance to get in
            events.append("first done")
        waiter.join(timeout=10)
        assert not waiter.is_alive()
    assert events == ["first", "reload lock free: True", "first done", "second"]


def test_one_reader_at_a_time_per_ledger_and_nobody_waits(ledger_url: str) -> None:
    """The reload lock is only tried: while one ledger holds it, another on the same database
    is told at once that it is taken; the holder may take it again; once it is released the
    other gets it; the planning lock is apart."""
    with open_ledger(ledger_url) as first, open_ledger(ledger_url) as second:
        with first.reloading() as held:
            assert held
            with first.reloading() as again:  # re-entrant in its thread
                assert again
            with second.reloading() as other:
                assert not other
            with second.planning():  # apart: free meanwhile
                pass
            with second.reloading() as still:  # the inner hold's end released nothing
                assert not still
        with second.reloading() as after:
            assert after
            with first.reloading() as taken:
                assert not taken


def test_a_lock_whose_connection_died_is_released_not_pooled(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The session holding a PostgreSQL advisory lock is cut (a network cut, a DBA): the
    holder's release fails, is logged, and its connection is thrown away rather than pooled;
    the lock is free for another replica, and the holder can take it again."""
    from pipeline.ledger.planlock import RELOAD_LOCK

    high, low = RELOAD_LOCK >> 32, RELOAD_LOCK & 0xFFFFFFFF
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with open_ledger(pg_url) as first, open_ledger(pg_url) as second:
            with first.reloading() as held:
                assert held
                with admin.connect() as conn:
                    cut = conn.execute(
                        sa.text(
                            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE "
                            "locktype = 'advisory' AND classid = :high AND objid = :low"
                        ),
                        {"high": high, "low": low},
                    ).scalars()
                    assert list(cut) == [True]
            assert "reload-lock not released" in caplog.text
            with second.reloading() as free:
                assert free
            with first.reloading() as again:
                assert again
    finally:
        admin.dispose()
