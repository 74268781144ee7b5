"""The one email builder, shared by the SMTP channel and the outbox (same bytes in both)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from email import policy
from email.header import Header
from email.message import Message as Email
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, getaddresses, parseaddr

from pipeline.channels.base import safe_name
from pipeline.models import Message

# The classic (compat32) classes: header folding by email.policy's parse trees costs a few
# milliseconds a message; headers here are few and simple. SMTP wants CRLF line ends.
_WIRE = policy.compat32.clone(linesep="\r\n")


def build_email(msg: Message, from_: str, *, date: dt.datetime | None = None) -> Email:
    """A multipart/alternative (text + HTML) email with a deterministic Message-ID; its
    ``as_bytes()`` is the wire form (CRLF line ends, RFC 2047 encoded words).

    Raises ValueError when a header value is unusable (e.g. contains a line break).
    """
    for name, value in (("From", from_), ("Subject", msg.subject), *_addresses(msg)):
        if "\r" in value or "\n" in value:
            raise ValueError(f"header {name} contains a line break: {value!r}")
    key = safe_name(msg.key)
    text = MIMEText(msg.text, "plain", "utf-8")
    if msg.html:
        # A boundary derived from the key keeps the outbox file identical on a retry.
        boundary = "=_pipeline_" + hashlib.sha256(key.encode()).hexdigest()[:24]
        em: Email = MIMEMultipart("alternative", boundary=boundary)
        em.attach(text)
        em.attach(MIMEText(msg.html, "html", "utf-8"))
    else:
        em = text
    em["From"] = _address_list([from_])
    if msg.to:
        em["To"] = _address_list(msg.to)
    if msg.cc:
        em["Cc"] = _address_list(msg.cc)
    subject = (
        msg.subject
        if msg.subject.isascii()
        else Header(msg.subject, "utf-8", header_name="Subject")
    )
    em["Subject"] = subject  # type: ignore[assignment]
    em["Date"] = format_datetime(date or msg.created or dt.datetime.now(dt.UTC))
    em["Message-ID"] = f"<{key}@pipeline>"
    em["X-Pipeline-Key"] = key
    em["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies
    em.policy = _WIRE
    return em


def _addresses(msg: Message) -> list[tuple[str, str]]:
    return [("To", a) for a in msg.to] + [("Cc", a) for a in msg.cc]


def _address_list(values: Sequence[str]) -> str:
    """ "name <addr>, …" with non-ASCII display names as encoded words."""
    return ", ".join(formataddr(pair, charset="utf-8") for pair in getaddresses(list(values)))


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
