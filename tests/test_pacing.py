"""Robots' rate limits are honoured by pacing: what does not fit waits for a later pass,
pending and unattempted, never failed."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import load_config
from pipeline.pacing import RATE_LIMITS, Pacer
from pipeline.service import Service

from .conftest import CountingHandler, MakeProject
from .faults.conftest import NOW, one_reminder_per_task, write_document

ROBOT = "https://oapi.dingtalk.com/robot/send?access_token=a"


def test_a_robot_takes_its_limit_per_window_then_waits() -> None:
    pacer = Pacer()
    count, window = RATE_LIMITS["dingtalk"]
    for i in range(count):
        assert pacer.wait(ROBOT, "dingtalk", 100.0 + i) == 0
        pacer.sent(ROBOT, "dingtalk", 100.0 + i)
    # The next must wait until the first leaves the window.
    assert pacer.wait(ROBOT, "dingtalk", 100.0 + count) == pytest.approx(window - count)
    assert pacer.wait(ROBOT, "dingtalk", 100.0 + window) == 0
    # Another robot, and a generic receiver (no documented limit), are not held.
    assert pacer.wait(ROBOT + "b", "dingtalk", 100.0 + count) == 0
    assert pacer.wait("http://x/hook", "generic", 100.0 + count) == 0


def test_offices_sharing_one_robot_share_its_budget() -> None:
    pacer = Pacer()
    for i in range(20):
        pacer.sent(ROBOT, "wecom", float(i))
    assert pacer.wait(ROBOT, "wecom", 20.0) > 0


def _project(make_project: MakeProject, url: str, tasks: int) -> Path:
    def changes(data: dict[str, Any]) -> None:
        one_reminder_per_task(data)
        data["delivery"].update(digest=False)
        for o in data["offices"]:
            o["email"] = []
            o["webhooks"] = [{"kind": "dingtalk", "url": url}]

    config = make_project(changes, seed=False)
    lines = [f"3月10日前，区住建局完成第{i}号片区道路整修工作。" for i in range(tasks)]
    write_document(config.parent / "docs", "plan.txt", lines)
    return config


def test_beyond_the_limit_reminders_wait_for_a_later_pass(
    make_project: MakeProject,
    counting_server: tuple[str, type[CountingHandler]],
) -> None:
    url, handler = counting_server
    config = _project(make_project, url + "?access_token=abc", 25)
    service = Service(load_config(config), worker="t", rnd=random.Random(1))
    try:
        first = service.tick(NOW)
        assert handler.requests == 20 and first.sent == 20
        assert first.paced == 5 and first.failed == 0 and first.retried == 0
        assert "5 paced for later" in first.summary()
        held = [r for r in service.ledger.reminders() if r.state == "pending"]
        assert len(held) == 5 and {r.attempts for r in held} == {0}
        assert all(r.next_attempt_at > NOW for r in held)  # type: ignore[operator]
        # Not yet: the robot's minute is not over.
        assert service.tick(NOW + dt.timedelta(seconds=1)).sent == 0
        later = service.tick(NOW + dt.timedelta(minutes=2))
    finally:
        service.close()
    assert later.sent == 5 and handler.requests == 25
