"""Webhook faults through Service.tick against a real scripted HTTP server on 127.0.0.1.

The office has only a webhook (no email); three reminders due, digest on: one request per
attempt. Each fault hits the first attempt; then the server answers 200 and the clock moves
past the retry time (or, for permanent failures, a day on: nothing is sent again).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import load_config
from pipeline.service import Service

from .conftest import NOW, Reply, ScriptedHttp, office, status_json

TASKS = 3


@dataclass(frozen=True)
class Fault:
    name: str
    kind: str  # webhook kind
    replies: list[Reply] = field(default_factory=list)
    resets: int = 0
    outcome: str = "retry"
    detail: str = ""  # a regular expression the recorded error must match
    timeout: float = 5
    min_wait: float = 0  # seconds the retry must wait at least (Retry-After, robot limits)


def _dingtalk(code: int, msg: str) -> Reply:
    return Reply(200, json.dumps({"errcode": code, "errmsg": msg}).encode())


FAULTS = [
    Fault(
        "429 Retry-After 120",
        "generic",
        [Reply(429, b"slow down", {"Retry-After": "120"})],
        detail="HTTP 429",
        min_wait=120,
    ),
    Fault("500", "generic", [Reply(500, b"oops")], detail="HTTP 500"),
    Fault("503", "generic", [Reply(503, b"maintenance")], detail="HTTP 503"),
    Fault("timeout", "generic", [Reply(delay=2.0)], detail="timed out after 0.5s", timeout=0.5),
    # The RST reaches httpx while it writes or while it reads: either message is right.
    Fault(
        "connection reset",
        "generic",
        resets=1,
        detail="Connection reset by peer|Server disconnected without sending a response",
    ),
    Fault(
        "dingtalk errcode 310000",
        "dingtalk",
        [_dingtalk(310000, "keywords not in content")],
        outcome="failed",
        detail="code 310000",
    ),
    Fault(
        "dingtalk errcode 130101",
        "dingtalk",
        [_dingtalk(130101, "send too fast")],
        detail="code 130101",
        min_wait=600,
    ),
]


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_webhook_fault_is_retried_or_recorded(
    fault: Fault, fault_project: Callable[..., Path], http_server: ScriptedHttp
) -> None:
    def changes(data: dict[str, Any]) -> None:
        data["http"]["timeout"] = fault.timeout
        ducha = office(data, "ducha")
        ducha["email"] = []
        ducha["webhooks"] = [
            {"kind": fault.kind, "url": http_server.url("/robot/send?access_token=abc")}
        ]

    config = fault_project(TASKS, changes=changes)
    service = Service(load_config(config), worker="w-hook", rnd=random.Random(5))
    http_server.script.extend(fault.replies)
    http_server.resets = fault.resets

    first = service.tick(NOW)
    assert first.claimed == TASKS and first.messages == 1, first.summary()
    expected = {"retry": (0, TASKS, 0), "failed": (0, 0, TASKS)}[fault.outcome]
    assert (first.sent, first.retried, first.failed) == expected, first.summary()
    assert http_server.connections >= 1
    rows = service.ledger.reminders()
    assert len(rows) == TASKS
    for row in rows:
        assert row.attempts == 1 and re.search(fault.detail, row.last_error or ""), row
        assert "abc" not in (row.last_error or ""), "the robot token stays out of the ledger"

    status = status_json(config)
    listed = status["retrying" if fault.outcome == "retry" else "failed"]
    assert status["failed" if fault.outcome == "retry" else "retrying"] == []
    assert sorted(d["reminder"] for d in listed) == sorted(r.id for r in rows)
    for d in listed:
        assert d["attempts"] == 1 and re.search(fault.detail, d["error"])
        assert [h["status"] for h in d["history"]] == [fault.outcome]

    requests_before = len(http_server.requests)
    assert service.tick(NOW + dt.timedelta(seconds=1)).claimed == 0
    if fault.outcome == "failed":
        later = service.tick(NOW + dt.timedelta(days=1))
        assert later.claimed == 0 and len(http_server.requests) == requests_before
        assert {r.state for r in service.ledger.reminders()} == {"failed"}
        return

    (retry_at,) = {r.next_attempt_at for r in rows}
    assert retry_at is not None
    assert retry_at >= NOW + dt.timedelta(seconds=fault.min_wait)
    if fault.min_wait:  # the backoff alone (60 s ± 20 %) would have come sooner
        assert service.tick(NOW + dt.timedelta(seconds=fault.min_wait - 1)).claimed == 0
    second = service.tick(retry_at)
    assert (second.claimed, second.sent, second.messages) == (TASKS, TASKS, 1), second.summary()
    assert len(http_server.requests) == requests_before + 1
    keys = {r.headers["Idempotency-Key"] for r in http_server.requests}
    assert len(keys) == 1, "every attempt carries the same Idempotency-Key"
    assert {r.state for r in service.ledger.reminders()} == {"sent"}
    for row in rows:
        assert [a.status for a in service.ledger.attempts(row.id)] == ["retry", "sent"]
    assert service.tick(retry_at + dt.timedelta(hours=1)).claimed == 0
    assert len(http_server.requests) == requests_before + 1
    service.close()


def test_a_slow_endpoint_never_outlives_half_the_lease(
    fault_project: Callable[..., Path], http_server: ScriptedHttp
) -> None:
    """The lease budget is checked before every message (issue 10 item 8): with one message
    per reminder and 0.3 s per answer, a 1 s lease lets a pass send only what fits in half of
    it and hands the rest back; over the following passes every reminder goes out once."""

    def changes(data: dict[str, Any]) -> None:
        data["delivery"]["digest"] = False
        data["delivery"]["lease_seconds"] = 1
        ducha = office(data, "ducha")
        ducha["email"] = []
        ducha["webhooks"] = [{"kind": "generic", "url": http_server.url("/hook")}]

    config = fault_project(6, changes=changes)
    service = Service(load_config(config), worker="w-slow", rnd=random.Random(5))
    http_server.script.extend([Reply(delay=0.3)] * 6)
    first = service.tick(NOW)
    assert first.claimed == 6 and 0 < first.sent < 6, first.summary()
    waiting = [r for r in service.ledger.reminders() if r.state == "pending"]
    assert len(waiting) == 6 - first.sent and all(r.attempts == 0 for r in waiting)
    for i in range(1, 6):
        if all(r.state == "sent" for r in service.ledger.reminders()):
            break
        service.tick(NOW + dt.timedelta(seconds=i))
    assert {r.state for r in service.ledger.reminders()} == {"sent"}
    keys = [r.headers["Idempotency-Key"] for r in http_server.requests]
    assert len(keys) == 6 and len(set(keys)) == 6, "each reminder was delivered exactly once"
    service.close()
