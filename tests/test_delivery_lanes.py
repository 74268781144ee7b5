"""Lanes in a real pass: messages to different receivers are on the wire together, up to
``delivery.concurrency``; one receiver (an office's, a rate-limited robot shared by several
offices, the SMTP connection) gets one message at a time."""

from __future__ import annotations

import json
import random
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import load_config
from pipeline.service import Service

from .conftest import MakeProject, SmtpSink, answer_ok, loopback
from .faults.conftest import NOW, one_reminder_per_task, write_document

OFFICES = ["区住建局", "区城管局", "区发改委", "区卫健委"]
PER_OFFICE = 3
Changes = Callable[[dict[str, Any]], None]


class Holding(BaseHTTPRequestHandler):
    """Holds each post until ``open_at`` posts are in flight at once (or ``hold`` seconds
    passed), noting how many were in flight, overall and per path."""

    protocol_version = "HTTP/1.1"
    cond = threading.Condition()
    open_at = 0
    hold = 0.0
    opened = False
    in_flight: Counter[str] = Counter()
    most: Counter[str] = Counter()
    most_at_once = 0
    keys: list[tuple[str, str]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        cls, path = type(self), self.path
        with cls.cond:
            cls.in_flight[path] += 1
            cls.most[path] = max(cls.most[path], cls.in_flight[path])
            cls.most_at_once = max(cls.most_at_once, sum(cls.in_flight.values()))
            cls.keys.append((path, self.headers.get("Idempotency-Key") or str(json.loads(body))))
            if cls.most_at_once >= cls.open_at:
                cls.opened = True
                cls.cond.notify_all()
            cls.cond.wait_for(lambda: cls.opened, timeout=cls.hold)
            cls.in_flight[path] -= 1
        answer_ok(self)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def holding() -> Iterator[tuple[str, type[Holding]]]:
    fresh = {"in_flight": Counter(), "most": Counter(), "keys": [], "cond": threading.Condition()}
    handler = type("Held", (Holding,), fresh)
    with loopback(handler) as url:
        yield url, handler


def _project(make_project: MakeProject, changes: Any) -> Path:
    def edit(data: dict[str, Any]) -> None:
        one_reminder_per_task(data)
        data["delivery"]["digest"] = False  # one message per reminder
        changes(data)

    config = make_project(edit, seed=False)
    lines = [
        f"3月10日前，{name}完成第{i}-{j}号片区道路整修工作。"
        for j in range(PER_OFFICE)
        for i, name in enumerate(OFFICES)
    ]
    write_document(config.parent / "docs", "plan.txt", lines)
    return config


def _robots(concurrency: int, hook: Callable[[dict[str, Any]], dict[str, str]]) -> Changes:
    """Config changes: every office reached by the one webhook ``hook`` gives it, no email."""

    def changes(data: dict[str, Any]) -> None:
        data["delivery"]["concurrency"] = concurrency
        for o in data["offices"]:
            o["email"] = []
            o["webhooks"] = [hook(o)]

    return changes


def _tick(config: Path) -> Any:
    service = Service(load_config(config), worker="t", rnd=random.Random(1))
    try:
        report = service.tick(NOW)
        states = Counter(r.state for r in service.ledger.reminders())
    finally:
        service.close()
    return report, states


def test_receivers_get_messages_together_each_one_at_a_time(
    make_project: MakeProject, holding: tuple[str, type[Holding]]
) -> None:
    base, handler = holding
    handler.open_at, handler.hold = 3, 10.0  # the first posts wait until three are in flight

    changes = _robots(3, lambda o: {"kind": "generic", "url": f"{base}/hook/{o['id']}"})
    report, states = _tick(_project(make_project, changes))
    total = len(OFFICES) * PER_OFFICE
    assert report.sent == total and states == {"sent": total}
    assert handler.most_at_once == 3, "three messages on the wire at once, never more"
    assert set(handler.most.values()) == {1}, "each office's receiver one message at a time"
    assert len(handler.keys) == total == len(set(handler.keys))


def test_a_rate_limited_robot_shared_by_offices_takes_one_message_at_a_time(
    make_project: MakeProject, holding: tuple[str, type[Holding]]
) -> None:
    base, handler = holding
    # Each post is held a moment, or until a second one arrives beside it (which would be a
    # second message on the wire to the same robot).
    handler.open_at, handler.hold = 2, 0.2

    changes = _robots(4, lambda o: {"kind": "dingtalk", "url": f"{base}/robot/send?access_token=t"})
    report, states = _tick(_project(make_project, changes))
    total = len(OFFICES) * PER_OFFICE
    assert report.sent == total and states == {"sent": total}
    assert handler.most_at_once == 1, "one robot: one message at a time, whichever office"


def test_email_goes_one_message_at_a_time_on_one_connection(
    make_project: MakeProject, smtp_sink: SmtpSink
) -> None:
    def changes(data: dict[str, Any]) -> None:
        data["delivery"]["concurrency"] = 4
        data["smtp"].update(host="127.0.0.1", port=smtp_sink.port, timeout=5)

    report, states = _tick(_project(make_project, changes))
    total = len(OFFICES) * PER_OFFICE
    assert report.sent == total and states == {"sent": total}
    assert len(smtp_sink.messages) == total and len(smtp_sink.peers) == 1
