"""Issue 10 item 14: a rejected TLS certificate is classified the same way on SMTP and on
webhooks: failed for good, with one clear message."""

from __future__ import annotations

import ssl
from pathlib import Path

from pytest_httpserver import HTTPServer

from pipeline.channels import SmtpChannel, WebhookChannel
from pipeline.config import Http, Webhook

from .conftest import SmtpServer
from .test_smtp import simple, smtp_cfg
from .test_webhook import message


def test_a_bad_certificate_fails_alike_on_smtp_and_webhooks(
    tls_smtp: SmtpServer, tls_files: tuple[Path, Path]
) -> None:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*tls_files)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=ctx)
    server.expect_request("/hook").respond_with_json({"errcode": 0})
    server.start()
    try:
        hook = Webhook(kind="generic", url=f"https://127.0.0.1:{server.port}/hook")
        web = WebhookChannel(hook, None, Http(timeout=5)).send(message())
    finally:
        server.stop()
    mail = SmtpChannel(smtp_cfg(tls_smtp.port, starttls=True), None).send(simple("k1"))
    for outcome in (web, mail):
        assert outcome.status == "failed", outcome
        assert "TLS certificate of 127.0.0.1:" in outcome.detail or (
            "TLS certificate of https://127.0.0.1:" in outcome.detail
        ), outcome.detail
        assert "rejected:" in outcome.detail and "\n" not in outcome.detail
    assert web.detail.split(" rejected: ")[1] == mail.detail.split(" rejected: ")[1]
