"""The one email builder, shared by the SMTP channel and the outbox (same bytes in both)."""

from __future__ import annotations

import datetime as dt
import hashlib
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr

from pipeline.channels.base import safe_name
from pipeline.models import Message


def build_email(msg: Message, from_: str, *, date: dt.datetime | None = None) -> EmailMessage:
    """A multipart/alternative (text + HTML) email with a deterministic Message-ID.

    Raises ValueError when a header value is unusable (e.g. contains a line break).
    """
    em = EmailMessage(policy=policy.SMTP)
    em["From"] = from_
    if msg.to:
        em["To"] = ", ".join(msg.to)
    if msg.cc:
        em["Cc"] = ", ".join(msg.cc)
    em["Subject"] = msg.subject
    em["Date"] = format_datetime(date or msg.created or dt.datetime.now(dt.UTC))
    key = safe_name(msg.key)
    em["Message-ID"] = f"<{key}@pipeline>"
    em["X-Pipeline-Key"] = key
    em["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies
    em.set_content(msg.text, subtype="plain", charset="utf-8", cte="base64")
    if msg.html:
        em.add_alternative(msg.html, subtype="html", charset="utf-8", cte="base64")
        # A boundary derived from the key keeps the outbox file identical on a retry.
        em.set_boundary("=_pipeline_" + hashlib.sha256(key.encode()).hexdigest()[:24])
    return em


def sender_address(from_: str) -> str:
    """The bare envelope address of a From value such as "督查室 <ducha@localhost>"."""
    return parseaddr(from_)[1]


def recipients(msg: Message) -> list[str]:
    """Envelope recipients: To then Cc, bare addresses, each once."""
    out: list[str] = []
    for _, addr in getaddresses([*msg.to, *msg.cc]):
        if addr and addr not in out:
            out.append(addr)
    return out
