"""Acknowledgement: how an office says a task is done.

Without an endpoint, offices reply to the supervision office, which runs
``pipeline done TASK_ID``. With ``ack.url`` and ``ack.secret_env`` set, each message
carries a signed, expiring token (``task.office.expires.signature``) that
``pipeline done --token`` (or a deployed endpoint) verifies.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os

from pipeline.config import Config
from pipeline.errors import PipelineError


class AckError(PipelineError):
    """An acknowledgement token is malformed, forged or expired."""


def _sig(secret: str, payload: str) -> str:
    mac = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode().rstrip("=")


def make_token(secret: str, task_id: str, office: str, expires: dt.datetime) -> str:
    payload = f"{task_id}.{office}.{int(expires.timestamp())}"
    return f"{payload}.{_sig(secret, payload)}"


def verify_token(secret: str, token: str, now: dt.datetime) -> tuple[str, str]:
    """(task id, office) of a valid token. Raises AckError."""
    parts = token.strip().split(".")
    if len(parts) != 4 or not parts[2].isdigit():
        raise AckError("acknowledgement token is malformed")
    task_id, office, expires, sig = parts
    if not hmac.compare_digest(sig, _sig(secret, f"{task_id}.{office}.{expires}")):
        raise AckError("acknowledgement token signature does not match")
    if now.timestamp() > int(expires):
        raise AckError("acknowledgement token has expired")
    return task_id, office


def secret(config: Config) -> str | None:
    env = config.ack.secret_env
    return os.environ.get(env) if env else None


def hint(config: Config, task_id: str, office: str, sent_at: dt.datetime, key: str | None) -> str:
    """The acknowledgement line a message carries; ``key`` signs the link (see ``secret``)."""
    if config.ack.url and key:
        expires = sent_at + dt.timedelta(days=config.ack.ttl_days)
        token = make_token(key, task_id, office, expires)
        sep = "&" if "?" in config.ack.url else "?"
        return f"办结后请点击确认：{config.ack.url}{sep}token={token}（链接{config.ack.ttl_days}天内有效）"
    return f"办结后请回复本通知告知督查室，督查室将登记办结（任务编号 {task_id}）。"
