"""Downtime: nothing ran for three days; the next pass catches up within the window, in order.

Two tasks fall due each day from 03-09 to 03-14, one reminder each at 09:00, one message
per reminder (digest off), catch-up window 72 h. The last pass before the outage runs at
03-10 08:00, the next at 03-13 10:00: the 03-10 reminders are older than 72 h (missed), the
03-11, 03-12 and 03-13 ones are sent once, oldest first.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import load_config
from pipeline.daemon import Daemon
from pipeline.service import Service

from .conftest import (
    TZ,
    Reply,
    ScriptedHttp,
    message_ids,
    office,
    run_cli,
    status_json,
    write_document,
)

DAYS = [dt.date(2021, 3, d) for d in range(9, 15)]
PER_DAY = 2
BEFORE_OUTAGE = dt.datetime(2021, 3, 10, 8, 0, tzinfo=TZ)
AFTER_OUTAGE = dt.datetime(2021, 3, 13, 10, 0, tzinfo=TZ)  # 3 days 2 hours later


def _lines() -> list[str]:
    return [
        f"{d.month}月{d.day}日前，完成第{i}号{d.day}日片区道路整修工作。"
        for d in DAYS
        for i in range(1, PER_DAY + 1)
    ]


def _due_days(messages: list[Any]) -> list[int]:
    """The deadline day of the task in each message, from the task's words."""
    out = []
    for m in messages:
        found = set(re.findall(r"第\d号(\d+)日片区", m.get_body(("plain",)).get_content()))
        assert len(found) == 1, found  # one task per message
        out.append(int(found.pop()))
    return out


@pytest.fixture
def outage_project(make_project: Callable[..., Path], smtp_sink: Any) -> Path:
    def changes(data: dict[str, Any]) -> None:
        data["reminders"].update(
            days_before=[0], workdays_only=False, overdue_max=0, send_at="09:00"
        )
        data["delivery"].update(digest=False, catch_up_hours=72)
        data["smtp"].update(host="127.0.0.1", port=smtp_sink.port, timeout=5)

    config = make_project(changes, seed=False)
    write_document(config.parent / "docs", "plan.txt", _lines())
    return config


def _tick(config: Path, at: dt.datetime) -> str:
    proc = run_cli(config, "tick", "--now", at.isoformat())
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_cron_ticks_after_three_days_down(outage_project: Path, smtp_sink: Any) -> None:
    _tick(outage_project, dt.datetime(2021, 3, 9, 9, 30, tzinfo=TZ))
    assert _due_days(smtp_sink.messages) == [9, 9]
    out = _tick(outage_project, BEFORE_OUTAGE)
    assert " 0 due" in out and len(smtp_sink.messages) == 2

    out = _tick(outage_project, AFTER_OUTAGE)
    assert f"{PER_DAY} missed" in out and f"{3 * PER_DAY} sent" in out, out
    caught_up = smtp_sink.messages[2:]
    assert _due_days(caught_up) == [11, 11, 12, 12, 13, 13], "in fire_at order, 03-10 missed"

    out = _tick(outage_project, AFTER_OUTAGE + dt.timedelta(minutes=1))
    assert " 0 missed, 0 due" in out and len(smtp_sink.messages) == 8, "nothing twice"
    assert status_json(outage_project)["missed"] == PER_DAY

    _tick(outage_project, dt.datetime(2021, 3, 14, 9, 1, tzinfo=TZ))  # back to normal
    assert _due_days(smtp_sink.messages[8:]) == [14, 14]
    assert set(message_ids(smtp_sink.messages).values()) == {1}
    service = Service(load_config(outage_project))
    states: dict[int, set[str]] = {r.due.day: set() for r in service.ledger.reminders()}
    for r in service.ledger.reminders():
        states[r.due.day].add(r.state)
    assert states == {
        9: {"sent"},
        10: {"missed"},
        11: {"sent"},
        12: {"sent"},
        13: {"sent"},
        14: {"sent"},
    }
    service.close()


def test_daemon_jobs_after_three_days_down(outage_project: Path, smtp_sink: Any) -> None:
    """The daemon's reload and deliver jobs with its clock moved over the outage."""
    clock = {"now": BEFORE_OUTAGE}
    daemon = Daemon(load_config(outage_project), clock=lambda: clock["now"])
    try:
        daemon.reload()
        daemon.deliver()
        assert _due_days(smtp_sink.messages) == [9, 9]  # fell due 23 h ago: caught up
        clock["now"] = AFTER_OUTAGE
        daemon.deliver()  # deliver runs first after a restart; reload re-plans nothing new
        daemon.reload()
        daemon.deliver()
    finally:
        daemon.service.close()
    assert _due_days(smtp_sink.messages) == [9, 9, 11, 11, 12, 12, 13, 13]
    assert set(message_ids(smtp_sink.messages).values()) == {1}


@pytest.mark.parametrize("status, expected", [(200, "sent"), (400, "failed")])
def test_reminders_covered_by_a_later_one_share_its_fate(
    status: int, expected: str, make_project: Callable[..., Path], http_server: ScriptedHttp
) -> None:
    """After downtime, one task's before-1 and before-0 are both due: one message carries the
    later, and the earlier is recorded with that message's outcome, not as sent regardless."""

    def changes(data: dict[str, Any]) -> None:
        data["reminders"].update(
            days_before=[1, 0], workdays_only=False, overdue_max=0, send_at="09:00"
        )
        ducha = office(data, "ducha")
        ducha["email"] = []
        ducha["webhooks"] = [{"kind": "generic", "url": http_server.url("/hook")}]

    config = make_project(changes, seed=False)
    write_document(config.parent / "docs", "plan.txt", ["3月10日前，完成第1号片区道路整修工作。"])
    http_server.script.append(Reply(status, b"{}"))
    service = Service(load_config(config), worker="w", rnd=random.Random(1))
    report = service.tick(dt.datetime(2021, 3, 10, 9, 30, tzinfo=TZ))
    assert (report.claimed, report.messages) == (2, 1), report.summary()
    assert len(http_server.requests) == 1
    states = {r.kind: r.state for r in service.ledger.reminders()}
    assert states == {"before-1": expected, "before-0": expected}
    service.close()
