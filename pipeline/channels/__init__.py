"""Delivery channels: one implementation per module behind the ``Channel`` protocol."""

from __future__ import annotations

from pipeline.channels.base import Channel
from pipeline.channels.mime import email_bytes
from pipeline.channels.outbox import OutboxChannel
from pipeline.channels.smtp import SmtpChannel
from pipeline.channels.webhook import WebhookChannel

__all__ = ["Channel", "OutboxChannel", "SmtpChannel", "WebhookChannel", "email_bytes"]
