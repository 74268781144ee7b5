"""Fault-injection fixtures: projects with N tasks due on one day, misbehaving servers, CLI runs.

Every server here is real and listens on 127.0.0.1: aiosmtpd with handlers that refuse,
reject a recipient or block; a TCP server that accepts and never answers; a threaded HTTP
server that answers from a script (status, headers, body, delay) or resets the connection.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

from ..conftest import ROOT, MakeProject, SmtpSink, free_port, office

TZ = ZoneInfo("Asia/Shanghai")
DOC_DATE = dt.date(2021, 3, 1)
DUE = dt.date(2021, 3, 10)  # a Wednesday
NOW = dt.datetime(2021, 3, 10, 9, 30, tzinfo=TZ)  # half an hour after the reminders fire


# --------------------------------------------------------------------------- documents


def task_line(i: int, due: dt.date = DUE) -> str:
    """One sentence with one task due on ``due``; ``i`` keeps the tasks distinct."""
    return f"{due.month}月{due.day}日前，完成第{i}号片区道路整修工作。"


def write_document(docs: Path, name: str, lines: list[str], published: dt.date = DOC_DATE) -> Path:
    docs.mkdir(parents=True, exist_ok=True)
    path = docs / name
    path.write_text("关于近期重点工作的通知\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    (docs / f"{name}.meta.yaml").write_text(f"date: {published.isoformat()}\n", encoding="utf-8")
    return path


def one_reminder_per_task(data: dict[str, Any]) -> None:
    """Each task gets exactly one reminder, at 09:00 on its deadline day."""
    data["reminders"].update(days_before=[0], workdays_only=False, overdue_max=0, send_at="09:00")


@pytest.fixture
def fault_project(make_project: MakeProject) -> Callable[..., Path]:
    """A project whose document has ``tasks`` tasks, all due on DUE and routed to `ducha`.

    ``smtp_port`` points email at 127.0.0.1; ``changes`` edits the config dict further.
    """

    def make(
        tasks: int = 3,
        *,
        smtp_port: int | None = None,
        smtp_timeout: float = 5,
        digest: bool = True,
        changes: Callable[[dict[str, Any]], None] | None = None,
    ) -> Path:
        def edit(data: dict[str, Any]) -> None:
            one_reminder_per_task(data)
            data["delivery"]["digest"] = digest
            if smtp_port is not None:
                data["smtp"].update(host="127.0.0.1", port=smtp_port, timeout=smtp_timeout)
            if changes:
                changes(data)

        config = make_project(edit, seed=False)
        write_document(
            config.parent / "docs", "plan.txt", [task_line(i) for i in range(1, tasks + 1)]
        )
        return config

    return make


# --------------------------------------------------------------------------- CLI


def run_cli(
    config: Path, *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m pipeline --config CONFIG ARGS…`` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--config", str(config), *args],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def start_cli(config: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "--config", str(config), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def status_json(config: Path) -> dict[str, Any]:
    """`pipeline status --json` run as a real process."""
    proc = run_cli(config, "status", "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.02)


def message_ids(messages: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in messages:
        counts[m["Message-ID"]] = counts.get(m["Message-ID"], 0) + 1
    return counts


# --------------------------------------------------------------------------- SMTP


@dataclass
class FaultSink(SmtpSink):
    """An `SmtpSink` that can reject recipients and block on a chosen message.

    ``rcpt_reply``: answer every RCPT with this (e.g. "550 5.1.1 no such user").
    ``block_at``: the n-th message (1-based) is recorded, then its 250 never comes (the
    session sleeps for a minute), like a server that stalls after taking the data.
    """

    rcpt_reply: str | None = None
    block_at: int | None = None
    seen: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = await super().handle_DATA(server, session, envelope)
        self.seen += 1
        if self.block_at is not None and self.seen == self.block_at:
            await asyncio.sleep(60)
        return reply


class SmtpServer:
    """An aiosmtpd server on a fixed port that can be started, stopped and started again."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.controller: Controller | None = None
        self.sink: FaultSink | None = None

    def start(self, sink: FaultSink | None = None) -> FaultSink:
        self.stop()
        self.sink = sink or FaultSink()
        self.sink.port = self.port
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self.sink

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class SilentServer:
    """Accepts TCP connections and never says a word (no SMTP banner, no HTTP reply)."""

    def __init__(self, port: int = 0) -> None:
        self.sock = socket.create_server(("127.0.0.1", port))
        self.port = int(self.sock.getsockname()[1])
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self._thread.join(5)
        for conn in self.accepted:
            conn.close()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- HTTP


@dataclass
class Reply:
    status: int = 200
    body: bytes = b'{"errcode":0,"errmsg":"ok"}'
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


class ScriptedHttp:
    """A threaded HTTP server answering from ``script`` (one `Reply` per request, then 200).

    ``resets``: the next N connections are reset as soon as they are accepted (SO_LINGER 0,
    so the close sends RST instead of FIN).
    """

    def __init__(self) -> None:
        owner = self
        self.script: deque[Reply] = deque()
        self.requests: list[Received] = []
        self.resets = 0
        self.connections = 0
        self.lock = threading.Lock()

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def verify_request(self, request: Any, client_address: Any) -> bool:
                with owner.lock:
                    owner.connections += 1
                    reset = owner.resets > 0
                    owner.resets -= reset
                if reset:
                    request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    request.close()
                return not reset

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with owner.lock:
                    owner.requests.append(Received(self.path, dict(self.headers), body))
                    reply = owner.script.popleft() if owner.script else Reply()
                try:
                    if reply.delay:
                        time.sleep(reply.delay)
                    self.send_response(reply.status)
                    for k, v in {"Content-Type": "application/json", **reply.headers}.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except OSError:
                    pass  # the client gave up (timeout): nothing to answer

            def log_message(self, *args: Any) -> None:
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def http_server() -> Iterator[ScriptedHttp]:
    server = ScriptedHttp()
    try:
        yield server
    finally:
        server.close()


# --------------------------------------------------------------------------- PostgreSQL


__all__ = [
    "DOC_DATE",
    "DUE",
    "NOW",
    "TZ",
    "FaultSink",
    "Received",
    "Reply",
    "ScriptedHttp",
    "SilentServer",
    "SmtpServer",
    "message_ids",
    "office",
    "one_reminder_per_task",
    "run_cli",
    "start_cli",
    "status_json",
    "task_line",
    "wait_for",
    "write_document",
]
