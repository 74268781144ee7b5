"""The daemon as a real process: sends once, survives a restart, stops on SIGTERM."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .conftest import ROOT, MakeProject, SmtpSink
from .trickle import TricklingSmtp


def _wait(predicate: Any, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def _start(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "--config", str(config), "-v", "run"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _stop(proc: subprocess.Popen[str]) -> tuple[int, float, str]:
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return proc.returncode, time.monotonic() - t0, out


def _due_today(make_project: MakeProject, smtp_port: int, *, timeout: float) -> Path:
    """A project whose one task is due today (Shanghai), its reminder due at once, mail to
    127.0.0.1:``smtp_port``, the daemon ticking every second."""
    today = dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()

    def changes(data: dict[str, Any]) -> None:
        data["smtp"].update(host="127.0.0.1", port=smtp_port, timeout=timeout)
        data["reminders"].update(send_at="00:00", workdays_only=False)
        data["daemon"].update(tick_seconds=1, reload_seconds=2)

    config = make_project(changes, seed=False)
    docs = config.parent / "docs"
    (docs / "today.txt").write_text(
        f"关于近期重点工作的通知\n\n{today.month}月{today.day}日前，完成老旧小区改造验收工作。\n",
        encoding="utf-8",
    )
    (docs / "today.txt.meta.yaml").write_text(f"date: {today.isoformat()}\n", encoding="utf-8")
    return config


def test_daemon_sends_once_survives_restart_and_stops_on_sigterm(
    make_project: MakeProject, smtp_sink: SmtpSink
) -> None:
    # The daemon runs on the real clock: never start within a minute of midnight (Shanghai),
    # when "today" could change under the test.
    clock = dt.datetime.now(ZoneInfo("Asia/Shanghai"))
    if clock.time() >= dt.time(23, 59):
        time.sleep(61 - clock.second)
    config = _due_today(make_project, smtp_sink.port, timeout=5)
    proc = _start(config)
    try:
        assert _wait(lambda: len(smtp_sink.messages) >= 1, 30), "the due reminder was not sent"
        time.sleep(3)  # several more ticks
        assert len(smtp_sink.messages) == 1
    finally:
        code, took, out = _stop(proc)
    assert code == 0, out  # stopped cleanly on SIGTERM (it is killed, and fails, after 15 s)
    assert "Traceback" not in out
    mail = smtp_sink.messages[0]
    assert "老旧小区改造验收" in mail.get_body(("plain",)).get_content()
    assert "今天到期" in mail.get_body(("plain",)).get_content()

    proc = _start(config)
    try:
        time.sleep(4)
        assert proc.poll() is None, "the restarted daemon is running"
    finally:
        code, _, out = _stop(proc)
    assert code == 0, out
    assert len(smtp_sink.messages) == 1, "a restart sends nothing again"


def test_daemon_refuses_to_start_with_missing_secret(make_project: MakeProject) -> None:
    def changes(data: dict[str, Any]) -> None:
        data["smtp"].update(host="127.0.0.1", port=9, password_env="PIPELINE_TEST_UNSET_SECRET")

    config = make_project(changes)
    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_TEST_UNSET_SECRET"}
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "--config", str(config), "run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 2
    assert "smtp.password_env" in proc.stderr and "PIPELINE_TEST_UNSET_SECRET" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_tick_refuses_too_with_missing_secret(make_project: MakeProject) -> None:
    def changes(data: dict[str, Any]) -> None:
        data["offices"][0]["webhooks"] = [
            {
                "kind": "dingtalk",
                "url": "http://127.0.0.1:9/x",
                "secret_env": "PIPELINE_TEST_UNSET_SECRET",
            }
        ]

    config = make_project(changes)
    env = {k: v for k, v in os.environ.items() if k != "PIPELINE_TEST_UNSET_SECRET"}
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "--config", str(config), "tick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 2
    assert "offices[0].webhooks[0].secret_env" in proc.stderr
    assert not (config.parent / "var" / "ledger.db").exists(), "nothing ran"


def test_sigterm_stops_the_daemon_within_the_timeout_while_a_server_trickles(
    make_project: MakeProject,
) -> None:
    # The mail server answers its greeting a byte a second (24 s in all); with smtp.timeout
    # 2 the send gives up after 2 s, so SIGTERM in the middle of it stops the daemon soon.
    server = TricklingSmtp("greeting")
    config = _due_today(make_project, server.port, timeout=2)
    proc = _start(config)
    try:
        assert _wait(lambda: server.sessions >= 1, 30), "the daemon never tried to send"
        time.sleep(0.5)  # in the middle of the trickled greeting
    finally:
        code, took, out = _stop(proc)
        server.close()
    assert code == 0, out  # killed (and failing) when it is still running after 15 s
    assert took < 2 + 8, f"SIGTERM took {took:.1f}s"
    assert "Traceback" not in out
