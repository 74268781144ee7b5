from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pipeline.channels import Channel, WebhookChannel
from pipeline.channels.webhook import new_client, parse_retry_after
from pipeline.config import Http, Webhook
from pipeline.models import Message

SECRET = "SECa1b2c3d4e5f6-not-real"
NOW = 1_600_000_000.25  # fixed clock


@pytest.fixture
def server(httpserver: HTTPServer) -> Iterator[HTTPServer]:
    yield httpserver
    httpserver.clear()


def message(payload: dict[str, Any] | None = None, key: str = "rem001-before-7") -> Message:
    if payload is None:
        payload = {"msgtype": "markdown", "markdown": {"text": "中文"}}
    return Message(
        key=key, office="fgw", channel="webhook:x", subject="提醒", text="提醒",
        payload=payload,
        reminder_ids=(key,),
    )  # fmt: skip


def channel(kind: str, url: str, secret: str | None = SECRET, timeout: float = 5) -> WebhookChannel:
    hook = Webhook(kind=kind, url=url)  # type: ignore[arg-type]
    return WebhookChannel(hook, secret, Http(timeout=timeout), clock=lambda: NOW)


def only_request(server: HTTPServer) -> Request:
    assert len(server.log) == 1
    return server.log[0][0]


def test_generic_signature_and_headers(server, renderer, office, make_notice, now) -> None:
    server.expect_request("/hook", method="POST").respond_with_data("ok")
    msg = renderer.render_webhook(
        "generic", office, [make_notice(1)], now, channel="webhook:generic"
    )
    ch = channel("generic", server.url_for("/hook"))
    assert isinstance(ch, Channel) and ch.name == "webhook:generic"
    outcome = ch.send(msg)
    ch.close()
    assert outcome.status == "sent", outcome.detail
    req = only_request(server)
    body = req.get_data()
    # as published: X-Signature = "sha256=" + hex HMAC-SHA256(secret, raw body bytes)
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert req.headers["X-Signature"] == expected
    assert req.headers["X-Timestamp"] == "1600000000"
    assert req.headers["Idempotency-Key"] == "rem001-before-7"
    assert req.headers["Content-Type"] == "application/json; charset=utf-8"
    assert "市发展改革委".encode() in body  # UTF-8, not \\u escapes
    assert json.loads(body) == msg.payload


def test_generic_without_secret_is_unsigned(server) -> None:
    server.expect_request("/hook").respond_with_json({"ok": True})
    assert channel("generic", server.url_for("/hook"), secret=None).send(message()).status == "sent"
    assert "X-Signature" not in only_request(server).headers


def test_dingtalk_sign_in_query(server) -> None:
    server.expect_request("/robot/send").respond_with_json({"errcode": 0, "errmsg": "ok"})
    url = server.url_for("/robot/send") + "?access_token=tok-123"
    assert channel("dingtalk", url).send(message()).status == "sent"
    args = only_request(server).args
    assert args["access_token"] == "tok-123"
    ts = args["timestamp"]
    assert ts == "1600000000250"
    digest = hmac.new(SECRET.encode(), f"{ts}\n{SECRET}".encode(), hashlib.sha256).digest()
    assert args["sign"] == base64.b64encode(digest).decode()


def test_feishu_sign_in_body(server) -> None:
    server.expect_request("/open-apis/bot/v2/hook/abc").respond_with_json(
        {"code": 0, "msg": "success"}
    )
    payload = {"msg_type": "interactive", "card": {"elements": []}}
    ch = channel("feishu", server.url_for("/open-apis/bot/v2/hook/abc"))
    assert ch.send(message(payload)).status == "sent"
    body = json.loads(only_request(server).get_data())
    assert body["timestamp"] == "1600000000"
    key = f"{body['timestamp']}\n{SECRET}".encode()
    assert body["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert body["msg_type"] == "interactive" and body["card"] == {"elements": []}


def test_wecom_is_unsigned(server) -> None:
    server.expect_request("/cgi-bin/webhook/send").respond_with_json({"errcode": 0, "errmsg": "ok"})
    url = server.url_for("/cgi-bin/webhook/send") + "?key=wk-1"
    assert channel("wecom", url).send(message()).status == "sent"
    req = only_request(server)
    assert set(req.args) == {"key"} and "X-Signature" not in req.headers
    assert "sign" not in json.loads(req.get_data())


@pytest.mark.parametrize(
    ("kind", "status", "body", "headers", "expected", "retry_after"),
    [
        ("generic", 503, {}, {}, "retry", None),
        ("generic", 500, {}, {"Retry-After": "30"}, "retry", 30.0),
        ("generic", 408, {}, {}, "retry", None),
        ("generic", 429, {}, {"Retry-After": "7"}, "retry", 7.0),
        ("generic", 400, {}, {}, "failed", None),
        ("generic", 404, {}, {}, "failed", None),
        ("generic", 200, {"code": 0}, {}, "sent", None),
        ("generic", 200, {"code": 5, "msg": "rejected"}, {}, "failed", None),
        ("dingtalk", 200, {"errcode": 310000, "errmsg": "sign not match"}, {}, "failed", None),
        ("dingtalk", 200, {"errcode": 130101, "errmsg": "send too fast"}, {}, "retry", 600.0),
        ("wecom", 200, {"errcode": 45009, "errmsg": "api freq out of limit"}, {}, "retry", 60.0),
        ("wecom", 200, {"errcode": 93000, "errmsg": "invalid webhook url"}, {}, "failed", None),
        ("feishu", 200, {"code": 9499, "msg": "too many request"}, {}, "retry", None),
        ("feishu", 200, {"code": 11232, "msg": "frequency limited"}, {}, "retry", None),
        ("feishu", 200, {"code": 19021, "msg": "sign match fail"}, {}, "failed", None),
        ("feishu", 200, {"StatusCode": 0, "StatusMessage": "success"}, {}, "sent", None),
        ("feishu", 429, {}, {"x-ogw-ratelimit-reset": "12"}, "retry", 12.0),
    ],
)
def test_classification(server, kind, status, body, headers, expected, retry_after) -> None:
    server.expect_request("/h").respond_with_json(body, status=status, headers=headers)
    outcome = channel(kind, server.url_for("/h")).send(message())
    assert outcome.status == expected, outcome.detail
    assert outcome.retry_after == retry_after
    assert str(status) in outcome.detail


def test_details_never_carry_secrets(server) -> None:
    server.expect_request("/robot/send").respond_with_json(
        {"errcode": 300001, "errmsg": "token tok-SECRETVALUE is invalid"}
    )
    url = server.url_for("/robot/send") + "?access_token=tok-SECRETVALUE"
    outcome = channel("dingtalk", url).send(message())
    assert outcome.status == "failed"
    assert "tok-SECRETVALUE" not in outcome.detail and SECRET not in outcome.detail
    assert "sign=" not in outcome.detail and "127.0.0.1" in outcome.detail


def test_slow_server_times_out_and_is_retried(server) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    outcome = channel("generic", server.url_for("/slow"), timeout=0.5).send(message())
    assert outcome.status == "retry" and "timed out" in outcome.detail


def test_connection_reset_is_retried(reset_port) -> None:
    outcome = channel("generic", f"http://127.0.0.1:{reset_port}/hook").send(message())
    assert outcome.status == "retry", outcome.detail


def test_nothing_listening_is_retried(closed_port) -> None:
    outcome = channel(
        "dingtalk", f"http://127.0.0.1:{closed_port}/robot/send?access_token=t0k3n-abc"
    )
    result = outcome.send(message())
    assert result.status == "retry" and "t0k3n-abc" not in result.detail


def test_message_without_payload_fails(server) -> None:
    msg = Message(key="k", office="fgw", channel="webhook:x", subject="s", text="t")
    assert channel("generic", server.url_for("/h")).send(msg).status == "failed"
    # Only this test's path: the slow test's request may land in the shared log after it ends.
    assert [req for req, _ in server.log if req.path == "/h"] == []


def test_shared_client_is_not_closed(server) -> None:
    server.expect_request("/h").respond_with_data("ok")
    with httpx.Client() as client:
        hook = Webhook(kind="generic", url=server.url_for("/h"))
        ch = WebhookChannel(hook, None, Http(), client=client)
        assert ch.send(message()).status == "sent"
        ch.close()
        assert not client.is_closed


def test_the_shared_client_keeps_no_cookies(server) -> None:
    # One client serves every robot: a cookie one of them sets is neither kept nor sent back.
    headers = {"Set-Cookie": "session=abc; Path=/", "Content-Type": "application/json"}
    server.expect_request("/h").respond_with_response(Response('{"errcode":0}', 200, headers))
    client = new_client(Http())
    try:
        ch = WebhookChannel(
            Webhook(kind="generic", url=server.url_for("/h")), None, Http(), client=client
        )
        assert ch.send(message(key="a")).status == "sent"
        assert ch.send(message(key="b")).status == "sent"
    finally:
        client.close()
    assert [req.headers.get("Cookie") for req, _ in server.log] == [None, None]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7.0),
        (" 120 ", 120.0),
        ("Sun, 13 Sep 2020 12:27:00 GMT", 19.75),  # NOW is 12:26:40.25 UTC that day
        ("Sun, 13 Sep 2020 12:00:00 GMT", 0.0),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    got = parse_retry_after(value, NOW)
    assert got == (pytest.approx(expected, abs=0.5) if expected is not None else None)


@pytest.fixture
def trickle_port() -> Iterator[int]:
    """A server that answers 200 at once, then its 30-byte body one byte a second."""
    import socket
    import threading

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    stop = threading.Event()

    def serve() -> None:
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\n")
                for _ in range(30):
                    if stop.is_set():
                        break
                    try:
                        conn.sendall(b" ")
                    except OSError:
                        break
                    time.sleep(1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield srv.getsockname()[1]
    stop.set()
    srv.close()


def test_an_answer_trickled_a_byte_a_second_meets_the_total_deadline(trickle_port: int) -> None:
    # Each byte comes well within the 2 s read timeout: only a total deadline ends it.
    ch = channel("generic", f"http://127.0.0.1:{trickle_port}/hook", timeout=2)
    outcome = ch.send(message())
    assert outcome.status == "retry", outcome
    assert "no complete answer within 2s" in outcome.detail
