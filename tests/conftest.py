"""Fixtures shared by the end-to-end tests: a real SMTP server and a project folder."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from aiosmtpd.controller import Controller
from hypothesis import settings

# Property tests draw the same examples on every run ("ci"), so that the suite never fails at
# random; HYPOTHESIS_PROFILE=explore draws new ones, to hunt for counter-examples by hand.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_aefd01e294c9697c.txt"
PG_ENV = "PIPELINE_TEST_PG_URL"
PG_SKIP = f"PostgreSQL tests skipped: set {PG_ENV}=postgresql+psycopg://… to run them"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh, empty schema, dropped afterwards
    (selected through the URL: ``?options=-csearch_path%3D<schema>``)."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP)
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")
        admin.dispose()


@dataclass
class SmtpSink:
    """An aiosmtpd handler that keeps every message; ``reply`` forces an answer to DATA."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    reply: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0
    peers: set[Any] = field(default_factory=set)  # client (host, port): one per connection

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.peers.add(session.peer)
        if self.reply:
            return self.reply
        msg = message_from_bytes(
            envelope.original_content or envelope.content, policy=policy.default
        )
        with self.lock:
            self.messages.append(msg)  # type: ignore[arg-type]
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"

    def by_id(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.messages:
            counts[m["Message-ID"]] = counts.get(m["Message-ID"], 0) + 1
        return counts


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """pytest-httpserver listens on 127.0.0.1 (its default, "localhost", may resolve to ::1)."""
    return ("127.0.0.1", 0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


def run_together(
    commands: list[list[str]], go: Path, *, cwd: Path | None = None, timeout: float = 120
) -> list[Any]:
    """Start processes that each print "ready", wait for the file ``go``, work, and print one
    JSON summary; release them at the same moment and return their summaries in order."""
    procs = [
        subprocess.Popen(
            [sys.executable, *cmd],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for cmd in commands
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            if proc.stdout.readline().strip() != "ready":
                _, err = proc.communicate(timeout=30)
                raise AssertionError(f"process failed to start:\n{err}")
        go.touch()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=timeout)
            assert proc.returncode == 0, err
            results.append(json.loads(out))
        return results
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


MakeProject = Callable[..., Path]


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """A project folder: the seed (with sidecar), and config.yaml derived from the shipped one.

    ``changes`` is a function editing the config dict before it is written.
    """

    def make(changes: Callable[[dict[str, Any]], None] | None = None, *, seed: bool = True) -> Path:
        project = tmp_path / "project"
        (project / "docs").mkdir(parents=True, exist_ok=True)
        if seed:
            shutil.copy(SEED, project / "docs" / SEED.name)
            shutil.copy(SEED.parent / (SEED.name + ".meta.yaml"), project / "docs")
        data = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
        data.update(
            store=f"sqlite:///{project / 'var' / 'ledger.db'}",
            documents=["docs"],
            outbox="var/outbox",
        )
        data["delivery"]["backoff_seconds"] = 60
        if changes:
            changes(data)
        (project / "config.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
        return project / "config.yaml"

    return make


def office(data: dict[str, Any], office_id: str) -> dict[str, Any]:
    return next(o for o in data["offices"] if o["id"] == office_id)


def answer_ok(handler: BaseHTTPRequestHandler) -> None:
    """A robot's success answer, {"errcode":0}, on a keep-alive connection."""
    body = b'{"errcode":0}'
    head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    handler.wfile.write(head + body)


class CountingHandler(BaseHTTPRequestHandler):
    """A keep-alive HTTP/1.1 receiver answering {"errcode":0}, counting connections and posts."""

    protocol_version = "HTTP/1.1"
    connections = 0
    requests = 0
    lock = threading.Lock()

    def setup(self) -> None:
        super().setup()
        with self.lock:
            type(self).connections += 1

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with self.lock:
            type(self).requests += 1
        answer_ok(self)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def loopback(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 for ``handler``, its base URL while it runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def counting_server() -> Iterator[tuple[str, type[CountingHandler]]]:
    handler = type("Handler", (CountingHandler,), {"connections": 0, "requests": 0})
    with loopback(handler) as url:
        yield f"{url}/hook", handler
