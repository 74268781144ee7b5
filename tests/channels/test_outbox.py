from __future__ import annotations

import datetime as dt
import json
import os
from email import message_from_bytes, policy

import pytest

from pipeline.channels import Channel, OutboxChannel, SmtpChannel
from pipeline.config import Smtp


@pytest.fixture
def digest(renderer, office, make_notice, now):
    notices = [make_notice(1), make_notice(2, due=dt.date(2020, 10, 21), kind="overdue-1")]
    return renderer.render_email(office, notices, now, to=["fgw@example.cn"], cc=["czj@example.cn"])


def test_email_goes_to_key_eml(tmp_path, digest) -> None:
    ch = OutboxChannel(tmp_path / "outbox")
    assert isinstance(ch, Channel) and ch.name == "outbox"
    outcome = ch.send(digest)
    assert outcome.status == "sent"
    path = tmp_path / "outbox" / f"{digest.key}.eml"
    assert outcome.detail == str(path)
    em = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert em["Message-ID"] == f"<{digest.key}@pipeline>"
    assert str(em["Subject"]) == digest.subject
    assert em["To"] == "fgw@example.cn" and em["Cc"] == "czj@example.cn"
    assert "已逾期3天" in em.get_body(("plain",)).get_content()
    assert "已逾期3天" in em.get_body(("html",)).get_content()


def test_same_key_same_file(tmp_path, digest) -> None:
    ch = OutboxChannel(tmp_path)
    ch.send(digest)
    first = (tmp_path / f"{digest.key}.eml").read_bytes()
    ch.send(digest)
    assert sorted(os.listdir(tmp_path)) == [f"{digest.key}.eml"]  # no temporary files left
    second = (tmp_path / f"{digest.key}.eml").read_bytes()
    strip_date = lambda b: b"\r\n".join(x for x in b.split(b"\r\n") if not x.startswith(b"Date:"))
    assert strip_date(first) == strip_date(second)


def test_outbox_eml_matches_what_smtp_sends(tmp_path, smtp_server, digest) -> None:
    OutboxChannel(tmp_path, from_="督查室 <ducha@example.cn>").send(digest)
    smtp = SmtpChannel(
        Smtp.model_validate(
            {"host": "127.0.0.1", "port": smtp_server.port, "from": "督查室 <ducha@example.cn>"}
        ),
        None,
    )
    assert smtp.send(digest).status == "sent"
    smtp.close()
    wire = message_from_bytes(smtp_server.handler.received[0].content, policy=policy.default)
    file = message_from_bytes((tmp_path / f"{digest.key}.eml").read_bytes(), policy=policy.default)
    for header in ("From", "To", "Cc", "Subject", "Message-ID", "X-Pipeline-Key", "Content-Type"):
        assert str(wire[header]) == str(file[header])
    assert wire.get_body(("plain",)).get_content() == file.get_body(("plain",)).get_content()


def test_webhook_payload_goes_to_channel_key_json(
    tmp_path, renderer, office, make_notice, now
) -> None:
    msg = renderer.render_webhook(
        "dingtalk", office, [make_notice(1)], now, channel="webhook:dingtalk"
    )
    outcome = OutboxChannel(tmp_path).send(msg)
    assert outcome.status == "sent"
    path = tmp_path / f"webhook_dingtalk-{msg.key}.json"
    raw = path.read_text(encoding="utf-8")
    assert "市发展改革委" in raw and "\n  " in raw  # UTF-8 and pretty
    assert json.loads(raw) == msg.payload


def test_unwritable_folder_fails(tmp_path, digest) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    outcome = OutboxChannel(blocker / "sub").send(digest)
    assert outcome.status in ("retry", "failed") and "cannot write" in outcome.detail
