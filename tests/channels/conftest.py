"""Fixtures for render and channel tests: notices, a real SMTP server, misbehaving sockets."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from pipeline.config import Office
from pipeline.models import Notice, Reminder, Task
from pipeline.render import Renderer
from pipeline.templates import SHIPPED

ROOT = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2020, 10, 24, 9, 0, tzinfo=TZ)  # a Saturday


@pytest.fixture
def tz() -> ZoneInfo:
    return TZ


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def office() -> Office:
    return Office(id="fgw", name="市发展改革委", email=("fgw@example.cn",))


@pytest.fixture
def renderer() -> Renderer:
    return Renderer(SHIPPED, tz=TZ)


MakeNotice = Callable[..., Notice]


@pytest.fixture
def make_notice() -> MakeNotice:
    def make(
        n: int = 1,
        *,
        due: dt.date = dt.date(2020, 10, 31),
        kind: str = "before-7",
        text: str | None = None,
        strength: str = "确保",
        channel: str = "email",
        cc_names: tuple[str, ...] = ("市财政局",),
    ) -> Notice:
        task_text = text if text is not None else f"完成老旧小区改造任务第{n}批"
        task = Task(
            id=f"task{n:03d}",
            document="plans/2020.docx",
            text=task_text,
            sentence=f"{strength}10月底前{task_text}。",
            section="二、重点任务 › （三）城市更新",
            line=10 + n,
            expr="10月底前",
            due=due,
            kind="month_end",
            strength=strength,
            lead=("fgw",),
            assist=("czj",),
        )
        reminder = Reminder(
            id=f"rem{n:03d}-{kind}",
            task_id=task.id,
            office="fgw",
            channel=channel,
            kind=kind,
            fire_at=NOW,
            due=due,
            cc=("czj",),
        )
        return Notice(
            reminder=reminder,
            task=task,
            document_title="《2020年市政府工作要点》",
            office_name="市发展改革委",
            cc_names=cc_names,
            ack_hint=f"办结后请回复本邮件或由督查室执行：pipeline done {task.id}",
        )

    return make


# --- sockets -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on."""
    return free_port()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A listening socket that never accepts: connections succeed, nobody ever answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield int(s.getsockname()[1])


@pytest.fixture
def reset_port() -> Iterator[int]:
    """Accepts each connection and resets it at once (RST, via SO_LINGER 0)."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            conn.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            conn.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield int(srv.getsockname()[1])
    stop.set()
    thread.join(2)
    srv.close()


# --- SMTP ----------------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class Recorder:
    """aiosmtpd handler that records deliveries and can be told to refuse."""

    received: list[Received] = field(default_factory=list)
    sessions: list[Any] = field(default_factory=list)
    transports: list[Any] = field(default_factory=list)
    rcpt_replies: dict[str, str] = field(default_factory=dict)
    data_reply: str | None = None

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if not any(s is session for s in self.sessions):
            self.sessions.append(session)
            self.transports.append(server.transport)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_replies.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    controller: Controller
    handler: Recorder
    host: str
    port: int

    def drop_connections(self) -> None:
        """Close every client connection from the server side (an idle-timeout)."""
        done = threading.Event()

        def close_all() -> None:
            for t in self.handler.transports:
                t.close()
            done.set()

        self.controller.loop.call_soon_threadsafe(close_all)
        done.wait(2)


StartSmtp = Callable[..., SmtpServer]


@pytest.fixture
def start_smtp() -> Iterator[StartSmtp]:
    started: list[Controller] = []

    def start(**kwargs: Any) -> SmtpServer:
        handler = Recorder()
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
        controller.start()
        started.append(controller)
        return SmtpServer(controller, handler, "127.0.0.1", port)

    yield start
    for c in started:
        c.stop()


@pytest.fixture
def smtp_server(start_smtp: StartSmtp) -> SmtpServer:
    return start_smtp()


USERS = {"ducha": "s3cret-pass"}


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (
        USERS.get(auth_data.login.decode()) == auth_data.password.decode()
    )
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd sends the 535


@pytest.fixture
def auth_smtp(start_smtp: StartSmtp) -> SmtpServer:
    return start_smtp(authenticator=authenticator, auth_require_tls=False)


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_smtp(start_smtp: StartSmtp, tls_files: tuple[Path, Path]) -> SmtpServer:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*tls_files)
    return start_smtp(tls_context=ctx, require_starttls=True)
