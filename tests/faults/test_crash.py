"""SIGKILL in the middle of `pipeline tick` (a real process), then a restart.

Five reminders due, one message each (digest off), lease 30 s. The process is killed after
claiming: while a message is in flight (the SMTP server took the data but never answers),
or before any message left (the server accepts TCP and never greets). A restart within the
lease sends nothing; a restart after it sends every unrecorded reminder once more. Nothing
is lost. With ``record_batch: 1`` the only repeat is the in-flight message, under the same
Message-ID; with outcomes recorded in batches (the default), the repeats are the messages
sent since the last recorded batch, each once, and nothing is recorded sent that was not.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.ledger import open_ledger

from .conftest import (
    NOW,
    FaultSink,
    SilentServer,
    SmtpServer,
    message_ids,
    run_cli,
    start_cli,
    wait_for,
)

TASKS = 5
LEASE = 30


def _project(fault_project: Callable[..., Path], port: int, record_batch: int = 1) -> Path:
    def changes(data: dict) -> None:
        data["delivery"]["lease_seconds"] = LEASE
        data["delivery"]["record_batch"] = record_batch

    return fault_project(TASKS, smtp_port=port, smtp_timeout=30, digest=False, changes=changes)


def _kill(proc) -> None:  # type: ignore[no-untyped-def]
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL


def _states(config: Path) -> dict[str, str]:
    with open_ledger(load_config(config).store_url) as ledger:
        return {r.id: r.state for r in ledger.reminders()}


def _tick(config: Path, at: dt.datetime) -> str:
    proc = run_cli(config, "tick", "--now", at.isoformat())
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


@pytest.mark.parametrize("block_at", [1, 3], ids=["first message in flight", "third in flight"])
def test_sigkill_while_a_message_is_in_flight(
    block_at: int, fault_project: Callable[..., Path], smtp_server: SmtpServer
) -> None:
    config = _project(fault_project, smtp_server.port)
    sink = smtp_server.start(FaultSink(block_at=block_at))
    proc = start_cli(config, "tick", "--now", NOW.isoformat())
    try:
        wait_for(lambda: len(sink.messages) >= block_at, 30, f"message {block_at} at the sink")
        time.sleep(0.2)  # the process is now waiting for the 250 that never comes
    finally:
        _kill(proc)
    in_flight = sink.messages[block_at - 1]["Message-ID"]
    states = _states(config)
    assert len(states) == TASKS
    assert sorted(states.values()) == sorted(
        ["sent"] * (block_at - 1) + ["claimed"] * (TASKS - block_at + 1)
    )

    # A restart while the dead process's lease runs: nothing is sent twice.
    out = _tick(config, NOW + dt.timedelta(seconds=LEASE / 3))
    assert " 0 due" in out, out
    assert len(sink.messages) == block_at

    # After the lease: the unrecorded ones go out, each once.
    out = _tick(config, NOW + dt.timedelta(seconds=2 * LEASE))
    assert f"{TASKS - block_at + 1} sent" in out, out
    counts = message_ids(sink.messages)
    assert set(_states(config).values()) == {"sent"}
    assert len(counts) == TASKS, "no reminder lost"
    assert {f"<{rid}@pipeline>" for rid in states} == set(counts)
    assert {mid: n for mid, n in counts.items() if n > 1} == {in_flight: 2}, (
        "only the in-flight repeats"
    )
    assert len(sink.messages) == TASKS + 1


def test_sigkill_with_outcomes_recorded_in_batches_repeats_only_unrecorded_sends(
    fault_project: Callable[..., Path], smtp_server: SmtpServer
) -> None:
    config = _project(fault_project, smtp_server.port, record_batch=100)
    sink = smtp_server.start(FaultSink(block_at=3))
    proc = start_cli(config, "tick", "--now", NOW.isoformat())
    try:
        wait_for(lambda: len(sink.messages) >= 3, 30, "message 3 at the sink")
        time.sleep(0.2)
    finally:
        _kill(proc)
    reached = [m["Message-ID"] for m in sink.messages]
    states = _states(config)
    # Recorded sent only after the send succeeded: here nothing was recorded yet.
    sent = {f"<{rid}@pipeline>" for rid, st in states.items() if st == "sent"}
    assert sent <= set(reached[:2])
    assert set(states.values()) <= {"sent", "claimed"}

    out = _tick(config, NOW + dt.timedelta(seconds=2 * LEASE))
    counts = message_ids(sink.messages)
    assert set(_states(config).values()) == {"sent"}
    assert len(counts) == TASKS, "no reminder lost"
    repeated = {mid for mid, n in counts.items() if n > 1}
    assert repeated <= set(reached) - sent, "only sends not yet recorded repeat"
    assert max(counts.values()) <= 2, "each at most once more"
    assert f"{TASKS - len(sent)} sent" in out, out


def test_sigkill_before_anything_was_sent(
    fault_project: Callable[..., Path], smtp_server: SmtpServer
) -> None:
    config = _project(fault_project, smtp_server.port)
    silent = SilentServer(smtp_server.port)
    proc = start_cli(config, "tick", "--now", NOW.isoformat())
    try:
        wait_for(lambda: len(silent.accepted) >= 1, 30, "the tick to connect to SMTP")
    finally:
        _kill(proc)
        silent.close()
    assert set(_states(config).values()) == {"claimed"}, "claimed, then killed before sending"

    sink = smtp_server.start()
    out = _tick(config, NOW + dt.timedelta(seconds=2 * LEASE))
    assert f"{TASKS} sent" in out, out
    counts = message_ids(sink.messages)
    assert len(sink.messages) == len(counts) == TASKS, "each sent exactly once"
    assert set(_states(config).values()) == {"sent"}
