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
