"""Fixtures for the desk: a seeded project wired for links and sign-in, a real
`pipeline serve` process on 127.0.0.1, and headless Chromium (Debian's package) through
Playwright. Browser tests skip, saying why, only when no Chromium can be had."""

from __future__ import annotations

import datetime as dt
import email
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import policy
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from pipeline.config import load_config
from pipeline.ledger import open_ledger
from pipeline.ledger.sql import SQLLedger
from pipeline.service import Service, TickReport
from pipeline.web.app import create_app
from pipeline.web.auth import hash_password
from pipeline.web.server import offset_clock

from ..conftest import ROOT, MakeProject, free_port

CHROMIUM = os.environ.get("PIPELINE_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery"
ENV = {
    "PIPELINE_TEST_ACK_KEY": "ack-key-for-desk-tests-0001",
    "PIPELINE_TEST_WEB_SECRET": "web-session-key-for-desk-tests-0001",
    "PIPELINE_TEST_WEB_TOKEN": "desk-token-0001",
}
_HASH = hash_password(PASSWORD)


@dataclass
class DeskProject:
    """A project folder whose desk will listen on ``port``: served by uvicorn in a thread
    of the test process (``start``), or by a `pipeline` process (``start_process``)."""

    config: Path
    port: int
    env: dict[str, str]
    procs: list[subprocess.Popen[str]] = field(default_factory=list)
    servers: list[tuple[uvicorn.Server, threading.Thread, Any]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def outbox(self) -> Path:
        return self.config.parent / "var" / "outbox"

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pipeline", "--config", str(self.config), *args],
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=timeout,
        )

    def ledger(self) -> SQLLedger:
        return open_ledger(load_config(self.config).store_url)  # type: ignore[return-value]

    def tick(self, now: str) -> TickReport:
        """One pass, as `pipeline tick --now` does it, in this process."""
        config = load_config(self.config)
        service = Service(config, worker="test-tick")
        try:
            return service.tick(dt.datetime.fromisoformat(now).replace(tzinfo=config.tz))
        finally:
            service.close()

    def start(self, now: str | None = None) -> None:
        """The desk on real uvicorn in a thread; its clock starts at ``now``."""
        config = load_config(self.config)
        clock = (
            offset_clock(config, dt.datetime.fromisoformat(now).replace(tzinfo=config.tz))
            if now
            else None
        )
        app = create_app(config, clock=clock)
        server = uvicorn.Server(
            uvicorn.Config(
                app,
                host="127.0.0.1",
                port=self.port,
                log_config=None,
                access_log=False,
                lifespan="off",
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        self.servers.append((server, thread, app))
        deadline = time.monotonic() + 20
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise AssertionError("the desk did not start")
            time.sleep(0.02)

    def start_process(self, *args: str, now: str | None = None) -> subprocess.Popen[str]:
        """`pipeline serve` (or the given command) as a process; waits for /healthz."""
        cmd = list(args) or ["serve", *(["--now", now] if now else [])]
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "--config", str(self.config), "-v", *cmd],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.procs.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(
                    f"the desk did not start:\n{proc.stderr.read() if proc.stderr else ''}"
                )
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return proc
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError("the desk did not answer /healthz within 30 s")

    def stop(self) -> None:
        for server, thread, app in self.servers:
            server.should_exit = True
            thread.join(timeout=10)
            app.state.desk.service.close()
        self.servers.clear()
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream:
                    stream.close()
        self.procs.clear()


MakeDesk = Callable[..., DeskProject]


@pytest.fixture
def make_desk(make_project: MakeProject, monkeypatch: pytest.MonkeyPatch) -> Iterator[MakeDesk]:
    made: list[DeskProject] = []
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)

    def make(changes: Callable[[dict[str, Any]], None] | None = None) -> DeskProject:
        port = free_port()

        def wire(data: dict[str, Any]) -> None:
            data["ack"] = {"secret_env": "PIPELINE_TEST_ACK_KEY", "ttl_days": 60}
            data["web"] = {
                "listen": f"127.0.0.1:{port}",
                "public_url": f"http://127.0.0.1:{port}",
                "warn_days": 7,
                "secret_env": "PIPELINE_TEST_WEB_SECRET",
                "password_hash": _HASH,
                "token_env": "PIPELINE_TEST_WEB_TOKEN",
            }
            if changes:
                changes(data)

        project = DeskProject(make_project(wire), port, {**os.environ, **ENV})
        made.append(project)
        return project

    yield make
    for p in made:
        p.stop()


def eml_links(path: Path) -> dict[str, list[str]]:
    """Links by label (办结, 报告进度, 申请延期, 督办处理) in the plain body of an .eml file."""
    return body_links(email.message_from_bytes(path.read_bytes(), policy=policy.default))


def body_links(msg: Any) -> dict[str, list[str]]:
    text = msg.get_body(("plain",)).get_content()
    out: dict[str, list[str]] = {}
    for label, url in re.findall(r"(办结|报告进度|申请延期|督办处理)：(http\S+)", text):
        out.setdefault(label, []).append(url)
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium from Debian's package, driven by Playwright."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(
            f"no Chromium at {CHROMIUM}: install Debian's `chromium` package "
            "(scripts/test does when it runs as root with apt-get)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=CHROMIUM_FLAGS,
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="zh-CN")
    try:
        yield context.new_page()
    finally:
        context.close()


def sign_in(page: Any, desk: DeskProject, secret: str = PASSWORD) -> None:
    page.goto(f"{desk.url}/login")
    page.fill("input[name=password]", secret)
    page.click("button[type=submit]")
    page.wait_for_load_state()
