"""Webhooks: our generic JSON receiver and the DingTalk, WeCom and Feishu group robots.

Every request: POST, body = ``msg.payload`` as UTF-8 JSON, headers ``Content-Type:
application/json; charset=utf-8`` and ``Idempotency-Key: <msg.key>`` (stable across retries).

Signing, when a secret is configured:
  generic   X-Timestamp: <unix seconds>, X-Signature: sha256=<hex HMAC-SHA256(secret, body)>
            (exactly the body bytes; the timestamp is informative, receivers drop replays
            by Idempotency-Key)
  dingtalk  query timestamp=<unix ms>&sign=<url-encoded base64 HMAC-SHA256(
            key=secret, msg="<timestamp>\\n<secret>")>
  feishu    body fields "timestamp" (unix seconds, string) and "sign" = base64 HMAC-SHA256(
            key="<timestamp>\\n<secret>", msg=b"")
  wecom     none (the key is part of the URL)

Classification:
  2xx, body errcode/code/StatusCode absent or 0                    → sent
  2xx, body code in RATE_LIMITED                                   → retry
  2xx, other non-zero body code                                    → failed
  429 (Retry-After honoured), 408, 5xx                             → retry
  other 4xx, 3xx                                                   → failed
  timeout, connect error, reset, protocol error                    → retry
  invalid URL or unsupported scheme                                → failed
  TLS certificate rejected (as on SMTP, channels/tls.py)           → failed
Details name only scheme://host[:port]: robot URLs carry their access token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any, NamedTuple

import httpx

from pipeline.channels import tls
from pipeline.channels.base import failed, retry, sent
from pipeline.config import Http, Webhook
from pipeline.models import Message, Outcome

MAX_ANSWER_BYTES = 1 << 20


class _TooSlow(Exception):
    """The answer did not complete within the request's total deadline."""


# (kind, body code) → seconds to wait, when the robot says "too many requests".
RATE_LIMITED: dict[tuple[str, int], float | None] = {
    ("dingtalk", 130101): 600.0,  # >20 messages a minute: blocked for 10 minutes
    ("dingtalk", 410100): 600.0,  # 发送速度太快而限流
    ("dingtalk", -1): None,  # 系统繁忙
    ("wecom", 45009): 60.0,  # api freq out of limit (20 messages a minute)
    ("wecom", -1): None,  # 系统繁忙
    ("feishu", 9499): None,  # too many request
    ("feishu", 11232): None,  # frequency limited
}
CODE_FIELDS = ("errcode", "code", "StatusCode")
MESSAGE_FIELDS = ("errmsg", "msg", "StatusMessage", "message")


def generic_signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def dingtalk_sign(secret: str, timestamp_ms: str) -> str:
    """Base64 (not yet URL-encoded) DingTalk robot signature."""
    mac = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode("ascii")


def feishu_sign(secret: str, timestamp_s: str) -> str:
    mac = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256)
    return base64.b64encode(mac.digest()).decode("ascii")


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds from a Retry-After value: delta-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


class Answer(NamedTuple):
    """A receiver's answer, read whole within the request's total deadline."""

    status: int
    headers: httpx.Headers
    body: bytes


class _NoCookies(httpx.Cookies):
    def extract_cookies(self, response: httpx.Response) -> None:
        pass


class _Client(httpx.Client):
    """An ``httpx.Client`` that keeps no cookies: robots set none worth sending back, and the
    client is shared by every robot (parsing each answer for them was a tenth of a post)."""

    _none = _NoCookies()

    @property
    def cookies(self) -> httpx.Cookies:
        return self._none

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        pass


def new_client(http: Http) -> httpx.Client:
    """The HTTP client robots post through (one per process, shared)."""
    return _Client(timeout=http.timeout, verify=http.verify_tls)


class WebhookChannel:
    """Posts payloads to one webhook URL through one shared ``httpx.Client``."""

    def __init__(
        self,
        hook: Webhook,
        secret: str | None,
        http: Http,
        *,
        client: httpx.Client | None = None,
        clock: Callable[[], float] = time.time,
        name: str | None = None,
    ) -> None:
        self.hook = hook
        self.http = http
        self.name = name or f"webhook:{hook.name or hook.kind}"
        self._secret = secret or None
        self._clock = clock
        self._own_client = client is None
        self._client = client or new_client(http)
        self._url = url = httpx.URL(hook.url)
        port = f":{url.port}" if url.port else ""
        self._where = f"{url.scheme}://{url.host}{port}"
        # Everything in the URL beyond the host may be a credential.
        self._sensitive = sorted(
            {s for s in (hook.url, url.query.decode(), url.path, self._secret) if s and len(s) > 1}
            | {v for _, v in url.params.multi_items() if len(v) > 3}
            | {seg for seg in url.path.split("/") if len(seg) > 12},
            key=len,
            reverse=True,
        )

    def close(self) -> None:
        if self._own_client:
            self._client.close()

    def _scrub(self, text: str) -> str:
        for s in self._sensitive:
            text = text.replace(s, "***")
        return text

    def request_parts(self, msg: Message) -> tuple[httpx.URL, bytes, dict[str, str]]:
        """URL, body and headers of the request for ``msg``, signed for this hook's kind."""
        if msg.payload is None:
            raise ValueError("message has no webhook payload")
        kind, secret = self.hook.kind, self._secret
        now = self._clock()
        url = self._url
        payload: dict[str, Any] = dict(msg.payload)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "Idempotency-Key": msg.key,
            "User-Agent": "pipeline-reminders",
        }
        if kind == "feishu" and secret:
            ts = str(int(now))
            payload = {"timestamp": ts, "sign": feishu_sign(secret, ts), **payload}
        elif kind == "dingtalk" and secret:
            ts_ms = str(int(now * 1000))
            url = url.copy_merge_params({"timestamp": ts_ms, "sign": dingtalk_sign(secret, ts_ms)})
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if kind == "generic":
            headers["X-Timestamp"] = str(int(now))
            if secret:
                headers["X-Signature"] = generic_signature(secret, body)
        return url, body, headers

    def send(self, msg: Message) -> Outcome:
        try:
            url, body, headers = self.request_parts(msg)
        except (TypeError, ValueError) as exc:
            return failed(f"cannot encode the payload: {exc}")
        try:
            resp = self._post(url, body, headers)
        except _TooSlow:
            return retry(
                f"no complete answer within {self.http.timeout:g}s from {self._where} "
                "(it kept sending slowly)"
            )
        except httpx.TimeoutException:
            return retry(f"timed out after {self.http.timeout:g}s waiting for {self._where}")
        except (
            httpx.UnsupportedProtocol,
            httpx.LocalProtocolError,
            httpx.InvalidURL,
            ValueError,
        ) as exc:
            return failed(self._scrub(f"{type(exc).__name__} for {self._where}: {exc}"))
        except (httpx.TransportError, OSError) as exc:  # connect, read, write, reset, protocol
            if (cert := tls.cert_error(exc)) is not None:  # as on SMTP: permanent
                return failed(tls.cert_message(self._where, cert))
            return retry(self._scrub(f"{type(exc).__name__} from {self._where}: {exc}"))
        return self.classify(resp)

    def _post(self, url: httpx.URL, body: bytes, headers: dict[str, str]) -> Answer:
        """POST with a total deadline: ``http.timeout`` bounds each read and also the whole
        answer, so a peer that trickles its body a byte at a time cannot hold the pass."""
        deadline = time.monotonic() + self.http.timeout
        request = self._client.build_request(
            "POST", url, content=body, headers=headers, timeout=self.http.timeout
        )
        resp = self._client.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise _TooSlow
                if size > MAX_ANSWER_BYTES:  # a robot's answer is small: the rest is noise
                    break
        finally:
            resp.close()
        return Answer(resp.status_code, resp.headers, b"".join(chunks))

    def classify(self, resp: Answer) -> Outcome:
        status = resp.status
        where = f"HTTP {status} from {self._where}"
        now = self._clock()
        if 200 <= status < 300:
            code, text = _body_code(resp)
            if not code:
                return sent(where)
            detail = self._scrub(f"{where}: code {code}: {text}")
            if (self.hook.kind, code) in RATE_LIMITED:
                return retry(detail, RATE_LIMITED[(self.hook.kind, code)])
            return failed(detail)
        wait = parse_retry_after(resp.headers.get("Retry-After"), now)
        if wait is None:  # Feishu's gateway sends its own reset header
            wait = parse_retry_after(resp.headers.get("x-ogw-ratelimit-reset"), now)
        code, text = _body_code(resp)
        detail = self._scrub(f"{where}" + (f": code {code}: {text}" if code else ""))
        if status == 429 or status == 408 or status >= 500:
            return retry(detail, wait)
        return failed(detail)


def _body_code(resp: Answer) -> tuple[int | None, str]:
    """The robot's error code and message from a JSON body, if it has them."""
    if not resp.body:
        return None, ""
    try:
        data = json.loads(resp.body)
    except (ValueError, UnicodeDecodeError):
        return None, ""
    if not isinstance(data, dict):
        return None, ""
    code = next((data[f] for f in CODE_FIELDS if type(data.get(f)) is int), None)
    text = next((str(data[f]) for f in MESSAGE_FIELDS if data.get(f)), "")
    return code, text
