"""Issue 10 item 11: the daemon logs every pass that did something, an idle heartbeat at
least once an hour, and its first reload and delivery lines say what was loaded."""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import pytest

from pipeline.config import load_config
from pipeline.daemon import Daemon

from .conftest import MakeProject

TZ = ZoneInfo("Asia/Shanghai")


def test_daemon_logs_busy_passes_and_an_hourly_heartbeat(
    make_project: MakeProject, caplog: pytest.LogCaptureFixture
) -> None:
    clock = [dt.datetime(2020, 8, 1, 10, 0, tzinfo=TZ)]
    daemon = Daemon(load_config(make_project()), clock=lambda: clock[0])
    caplog.set_level(logging.INFO, logger="pipeline")
    try:
        daemon.reload()
        daemon.deliver()
        start = [r.getMessage() for r in caplog.records if r.name == "pipeline.daemon"]
        assert len(start) == 2, start
        assert (
            start[0].startswith("reload: 1 documents (1 changed), ")
            and " 0 active tasks" not in start[0]
        )
        assert start[1].startswith("deliver: ") and "documents" not in start[1]
        caplog.clear()
        for minutes in range(1, 120):  # two idle hours, a pass a minute
            clock[0] += dt.timedelta(minutes=1)
            daemon.deliver()
            if minutes % 5 == 0:
                daemon.reload()
        idle = [r for r in caplog.records if r.name == "pipeline.daemon"]
        assert 1 <= len(idle) <= 2, [r.getMessage() for r in idle]
        assert all(r.getMessage().startswith("alive, nothing to do since 2020-08-01") for r in idle)
    finally:
        daemon.service.close()


def test_daemon_warns_while_another_replica_has_held_the_reload_lock_for_an_hour(
    make_project: MakeProject, caplog: pytest.LogCaptureFixture
) -> None:
    from pipeline.ledger import open_ledger

    config = load_config(make_project())
    clock = [dt.datetime(2020, 8, 1, 10, 0, tzinfo=TZ)]
    daemon = Daemon(config, clock=lambda: clock[0])
    caplog.set_level(logging.INFO, logger="pipeline")

    def warnings() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]

    try:
        with open_ledger(config.store_url) as other, other.reloading() as held:
            assert held  # another replica is reading (or stuck while reading)
            for _ in range(31):  # two and a half hours, a reload every five minutes
                daemon.reload()
                clock[0] += dt.timedelta(minutes=5)
            stalled = warnings()
            assert len(stalled) == 2, stalled  # after the first hour, then once an hour
            assert "every reload since 2020-08-01 10:00 found another replica" in stalled[0]
            assert "reload-lock" in stalled[0]
        caplog.clear()
        daemon.reload()  # the lock is free again: this one reads the documents
        assert warnings() == []
        assert daemon.heartbeat.left_since is None
        assert daemon.service.ledger.count_tasks() > 0
    finally:
        daemon.service.close()
