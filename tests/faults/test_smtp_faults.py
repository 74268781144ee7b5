"""SMTP faults through Service.tick: each ends retried-then-sent or failed, as classified.

Three tasks due for one office, digest on: one message carries three reminders. The fault
is on the first attempt; then the fault is removed (a healthy server on the same port) and
the clock moves past the retry time. `pipeline status --json` (a real process) shows the
attempts in between.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.render import message_key
from pipeline.service import Service

from .conftest import NOW, FaultSink, SilentServer, SmtpServer, message_ids, status_json

TASKS = 3


@dataclass(frozen=True)
class Fault:
    name: str
    start: Callable[[SmtpServer], object]  # puts the fault on the server's port
    outcome: str  # "retry" or "failed"
    detail: str  # expected in last_error
    timeout: float = 5


FAULTS = [
    Fault("server down", lambda s: None, "retry", "connection refused"),
    Fault(
        "451 on DATA",
        lambda s: s.start(FaultSink(reply="451 4.3.0 mailbox busy, try later")),
        "retry",
        "451",
    ),
    Fault(
        "450 on RCPT",
        lambda s: s.start(FaultSink(rcpt_reply="450 4.2.1 mailbox unavailable")),
        "retry",
        "450",
    ),
    Fault(
        "550 on RCPT",
        lambda s: s.start(FaultSink(rcpt_reply="550 5.1.1 no such user")),
        "failed",
        "550",
    ),
    # smtplib turns the banner timeout into SMTPServerDisconnected("… timed out").
    Fault("silent server", lambda s: SilentServer(s.port), "retry", "timed out", timeout=1),
]


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_smtp_fault_is_retried_or_recorded(
    fault: Fault, fault_project: Callable[..., Path], smtp_server: SmtpServer
) -> None:
    config = fault_project(TASKS, smtp_port=smtp_server.port, smtp_timeout=fault.timeout)
    service = Service(load_config(config), worker="w-smtp", rnd=random.Random(3))
    silent = fault.start(smtp_server)
    try:
        first = service.tick(NOW)
    finally:
        if isinstance(silent, SilentServer):
            silent.close()
    assert first.claimed == TASKS and first.messages == 1, first.summary()
    if fault.outcome == "retry":
        assert (first.sent, first.retried, first.failed) == (0, TASKS, 0), first.summary()
    else:
        assert (first.sent, first.retried, first.failed) == (0, 0, TASKS), first.summary()
    rows = service.ledger.reminders()
    assert len(rows) == TASKS
    for row in rows:
        assert row.attempts == 1 and fault.detail in (row.last_error or ""), row

    # The attempts as the operator sees them.
    status = status_json(config)
    listed = status["retrying" if fault.outcome == "retry" else "failed"]
    other = status["failed" if fault.outcome == "retry" else "retrying"]
    assert other == []
    assert sorted(d["reminder"] for d in listed) == sorted(r.id for r in rows)
    for d in listed:
        assert d["attempts"] == 1 and fault.detail in d["error"]
        assert [h["status"] for h in d["history"]] == [fault.outcome]
        assert (d["next_attempt_at"] is not None) == (fault.outcome == "retry")

    # The fault goes away: a healthy server on the same port.
    sink = smtp_server.start()
    assert service.tick(NOW + dt.timedelta(seconds=1)).claimed == 0, "not before the retry time"
    if fault.outcome == "failed":
        later = service.tick(NOW + dt.timedelta(days=1))
        assert later.claimed == 0 and sink.messages == []
        assert {r.state for r in service.ledger.reminders()} == {"failed"}
        return

    # One message, one retry time: the digest comes back whole, under the same key.
    (retry_at,) = {r.next_attempt_at for r in rows}
    assert retry_at is not None and retry_at > NOW
    assert service.tick(retry_at - dt.timedelta(seconds=1)).claimed == 0
    second = service.tick(retry_at)
    assert (second.claimed, second.sent, second.messages) == (TASKS, TASKS, 1), second.summary()
    (mail,) = sink.messages
    # The retried digest carries the same Message-ID the first attempt carried.
    assert mail["Message-ID"] == f"<{message_key([r.id for r in rows])}@pipeline>"
    assert {r.state for r in service.ledger.reminders()} == {"sent"}
    for row in rows:
        assert [a.status for a in service.ledger.attempts(row.id)] == ["retry", "sent"]
    after = status_json(config)
    assert after["retrying"] == [] and after["failed"] == []
    assert service.tick(retry_at + dt.timedelta(hours=1)).claimed == 0
    assert message_ids(sink.messages) == {mail["Message-ID"]: 1}
    service.close()


def test_reply_timeout_on_a_kept_connection_is_not_resent_at_once(
    fault_project: Callable[..., Path], smtp_server: SmtpServer
) -> None:
    """Three messages on one connection; the server takes the second's data and never answers."""
    config = fault_project(3, smtp_port=smtp_server.port, smtp_timeout=1, digest=False)
    sink = smtp_server.start(FaultSink(block_at=2))
    service = Service(load_config(config), worker="w-kept", rnd=random.Random(1))
    report = service.tick(NOW)
    service.close()
    assert report.messages == 3
    counts = message_ids(sink.messages)
    assert sorted(counts.values()) == [1, 1, 1], f"repeated within one tick: {counts}"
    assert (report.sent, report.retried) == (2, 1), report.summary()
