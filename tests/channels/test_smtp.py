from __future__ import annotations

import datetime as dt
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from pipeline.channels import Channel, SmtpChannel
from pipeline.config import Smtp
from pipeline.models import Message

from ..trickle import TricklingSmtp


def smtp_cfg(port: int, **kw: object) -> Smtp:
    return Smtp.model_validate({"host": "127.0.0.1", "port": port, "timeout": 5, **kw})


def simple(
    key: str, to: tuple[str, ...] = ("fgw@example.cn",), cc: tuple[str, ...] = ()
) -> Message:
    return Message(
        key=key, office="fgw", channel="email", subject=f"提醒 {key}",
        text="正文", html="<p>正文</p>", to=to, cc=cc, reminder_ids=(key,),
    )  # fmt: skip


@pytest.fixture
def digest(renderer, office, make_notice, now) -> Message:
    notices = [make_notice(1), make_notice(2, due=dt.date(2020, 10, 21), kind="overdue-1")]
    return renderer.render_email(
        office, notices, now, to=["fgw@example.cn", "fgw2@example.cn"], cc=["czj@example.cn"]
    )


def parse(content: bytes) -> EmailMessage:
    return message_from_bytes(content, policy=policy.default)  # type: ignore[return-value]


def test_delivers_a_rendered_digest(smtp_server, digest) -> None:
    ch = SmtpChannel(smtp_cfg(smtp_server.port, **{"from": "督查室 <ducha@example.cn>"}), None)
    assert isinstance(ch, Channel)
    outcome = ch.send(digest)
    ch.close()
    assert outcome.status == "sent", outcome.detail
    (got,) = smtp_server.handler.received
    assert got.mail_from == "ducha@example.cn"
    assert got.rcpt_tos == ["fgw@example.cn", "fgw2@example.cn", "czj@example.cn"]
    em = parse(got.content)
    assert em["To"] == "fgw@example.cn, fgw2@example.cn"
    assert em["Cc"] == "czj@example.cn"
    assert str(em["Subject"]) == digest.subject and "督办" in str(em["Subject"])
    assert em["From"].addresses[0].display_name == "督查室"
    assert em["Message-ID"] == f"<{digest.key}@pipeline>"
    assert em["X-Pipeline-Key"] == digest.key
    assert em.get_content_type() == "multipart/alternative"
    text = em.get_body(("plain",)).get_content()
    html = em.get_body(("html",)).get_content()
    assert "完成老旧小区改造任务第1批" in text and "已逾期3天" in text
    assert "2020年10月31日（星期六）" in html


def test_message_id_is_deterministic(smtp_server, digest) -> None:
    ch = SmtpChannel(smtp_cfg(smtp_server.port), None)
    assert ch.send(digest).status == "sent"
    assert ch.send(digest).status == "sent"
    ch.close()
    ids = {parse(r.content)["Message-ID"] for r in smtp_server.handler.received}
    assert ids == {f"<{digest.key}@pipeline>"}


def test_one_connection_reused_for_several_sends(smtp_server) -> None:
    ch = SmtpChannel(smtp_cfg(smtp_server.port), None)
    for i in range(3):
        assert ch.send(simple(f"k{i}")).status == "sent"
    ch.close()
    assert len(smtp_server.handler.received) == 3
    assert len(smtp_server.handler.sessions) == 1


def test_reconnects_once_when_the_server_dropped_the_connection(smtp_server) -> None:
    ch = SmtpChannel(smtp_cfg(smtp_server.port), None)
    assert ch.send(simple("k1")).status == "sent"
    smtp_server.drop_connections()
    time.sleep(0.05)
    outcome = ch.send(simple("k2"))
    ch.close()
    assert outcome.status == "sent", outcome.detail
    assert len(smtp_server.handler.received) == 2
    assert len(smtp_server.handler.sessions) == 2


def test_4xx_reply_is_retried(smtp_server) -> None:
    smtp_server.handler.data_reply = "451 4.3.0 Try again later"
    ch = SmtpChannel(smtp_cfg(smtp_server.port), None)
    outcome = ch.send(simple("k1"))
    assert outcome.status == "retry" and "451" in outcome.detail
    # the connection survives a refused transaction
    smtp_server.handler.data_reply = None
    assert ch.send(simple("k2")).status == "sent"
    ch.close()
    assert len(smtp_server.handler.sessions) == 1


def test_5xx_data_reply_fails(smtp_server) -> None:
    smtp_server.handler.data_reply = "554 5.6.0 Message rejected"
    outcome = SmtpChannel(smtp_cfg(smtp_server.port), None).send(simple("k1"))
    assert outcome.status == "failed" and "554" in outcome.detail


def test_all_recipients_refused_with_5xx_fails(smtp_server) -> None:
    smtp_server.handler.rcpt_replies = {"fgw@example.cn": "550 5.1.1 No such user"}
    outcome = SmtpChannel(smtp_cfg(smtp_server.port), None).send(simple("k1"))
    assert outcome.status == "failed"
    assert "fgw@example.cn" in outcome.detail and "550" in outcome.detail


def test_recipient_refused_with_4xx_is_retried(smtp_server) -> None:
    smtp_server.handler.rcpt_replies = {
        "a@example.cn": "550 5.1.1 No such user",
        "b@example.cn": "450 4.2.1 Mailbox busy",
    }
    outcome = SmtpChannel(smtp_cfg(smtp_server.port), None).send(
        simple("k1", to=("a@example.cn", "b@example.cn"))
    )
    assert outcome.status == "retry"


def test_partial_refusal_is_sent_and_names_the_refused(smtp_server) -> None:
    smtp_server.handler.rcpt_replies = {"gone@example.cn": "550 5.1.1 No such user"}
    outcome = SmtpChannel(smtp_cfg(smtp_server.port), None).send(
        simple("k1", to=("fgw@example.cn",), cc=("gone@example.cn",))
    )
    assert outcome.status == "sent"
    assert "gone@example.cn" in outcome.detail
    assert smtp_server.handler.received[0].rcpt_tos == ["fgw@example.cn"]


@pytest.mark.parametrize(
    ("reply", "status"), [("550 5.1.1 No such user", "failed"), ("450 4.2.1 Mailbox busy", "retry")]
)
def test_refused_office_address_is_not_sent_even_if_copies_went(smtp_server, reply, status) -> None:
    smtp_server.handler.rcpt_replies = {"fgw@example.cn": reply}
    outcome = SmtpChannel(smtp_cfg(smtp_server.port), None).send(
        simple("k1", to=("fgw@example.cn",), cc=("czj@example.cn",))
    )
    assert outcome.status == status
    assert "fgw@example.cn" in outcome.detail and "To" in outcome.detail


def test_server_down_is_retried(closed_port) -> None:
    outcome = SmtpChannel(smtp_cfg(closed_port), None).send(simple("k1"))
    assert outcome.status == "retry" and "refused" in outcome.detail


def test_silent_server_times_out_and_is_retried(silent_port) -> None:
    ch = SmtpChannel(smtp_cfg(silent_port, timeout=1), None)
    outcome = ch.send(simple("k1"))
    assert outcome.status == "retry" and "timed out" in outcome.detail


def test_login(auth_smtp) -> None:
    ch = SmtpChannel(smtp_cfg(auth_smtp.port, username="ducha"), "s3cret-pass")
    assert ch.send(simple("k1")).status == "sent"
    ch.close()


def test_bad_password_fails_without_leaking_it(auth_smtp) -> None:
    ch = SmtpChannel(smtp_cfg(auth_smtp.port, username="ducha"), "wrong-password-123")
    outcome = ch.send(simple("k1"))
    assert outcome.status == "failed" and "535" in outcome.detail
    assert "wrong-password-123" not in outcome.detail


def test_username_without_password_fails(auth_smtp) -> None:
    outcome = SmtpChannel(smtp_cfg(auth_smtp.port, username="ducha"), None).send(simple("k1"))
    assert outcome.status == "failed" and "password" in outcome.detail


def test_starttls_verifies_certificates_by_default(tls_smtp) -> None:
    outcome = SmtpChannel(smtp_cfg(tls_smtp.port, starttls=True), None).send(simple("k1"))
    assert outcome.status == "failed" and "certificate" in outcome.detail
    assert tls_smtp.handler.received == []


def test_starttls_without_verification_when_configured(tls_smtp) -> None:
    ch = SmtpChannel(smtp_cfg(tls_smtp.port, starttls=True, verify_tls=False), None)
    assert ch.send(simple("k1")).status == "sent"
    ch.close()
    assert len(tls_smtp.handler.received) == 1


def test_starttls_required_by_server_but_not_configured(tls_smtp) -> None:
    outcome = SmtpChannel(smtp_cfg(tls_smtp.port), None).send(simple("k1"))
    assert outcome.status == "failed" and "530" in outcome.detail


def test_close_is_safe_twice_and_without_connection(smtp_server) -> None:
    ch = SmtpChannel(smtp_cfg(smtp_server.port), None)
    ch.close()
    ch.send(simple("k1"))
    ch.close()
    ch.close()


def test_empty_host_fails() -> None:
    outcome = SmtpChannel(Smtp(), None).send(simple("k1"))
    assert outcome.status == "failed" and "host" in outcome.detail


@pytest.mark.parametrize("slow", ["greeting", "data"])
def test_a_server_trickling_its_reply_meets_the_total_deadline(slow: str) -> None:
    # Each byte comes well within the 2 s read timeout: only a total deadline ends the send,
    # and it is a retry (the server may have the message), never an immediate resend.
    server = TricklingSmtp(slow)
    try:
        ch = SmtpChannel(smtp_cfg(server.port, timeout=2), None)
        outcome = ch.send(simple("slow"))
        ch.close()
    finally:
        server.close()
    assert outcome.status == "retry", outcome
    assert "no complete answer within 2s" in outcome.detail
