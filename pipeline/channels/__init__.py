"""Delivery channels: one implementation per module behind the ``Channel`` protocol.

The implementations are imported on first use (PEP 562): SMTP, the outbox and webhooks (httpx)
load only when a pass has something to send."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pipeline.channels.base import Channel

if TYPE_CHECKING:
    from pipeline.channels.mime import email_bytes
    from pipeline.channels.outbox import OutboxChannel
    from pipeline.channels.smtp import SmtpChannel
    from pipeline.channels.webhook import WebhookChannel

_WHERE = {
    "email_bytes": "mime",
    "OutboxChannel": "outbox",
    "SmtpChannel": "smtp",
    "WebhookChannel": "webhook",
}
__all__ = ["Channel", "OutboxChannel", "SmtpChannel", "WebhookChannel", "email_bytes"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"pipeline.channels.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'pipeline.channels' has no attribute {name!r}")
