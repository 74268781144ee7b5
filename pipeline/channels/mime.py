"""The one email builder, shared by the SMTP channel and the outbox (same bytes in both).

The wire form is written directly: a multipart/alternative of a text and an HTML part, both
UTF-8 in base64, headers as RFC 2047 encoded words where they are not plain ASCII, CRLF line
ends. The ``email`` package's generator folded every header through its own machinery, most
of the time a message took to build; the address headers, the same for every message to an
office, are encoded once and kept.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
from email.utils import format_datetime, getaddresses, parseaddr

from pipeline.channels.base import safe_name
from pipeline.models import Message

WORD_BYTES = 42  # UTF-8 bytes per encoded word: "=?utf-8?b?" + 56 base64 characters + "?="
PLAIN_MAX = 68  # longer ASCII header values are encoded too, to stay within 78 a line
FOLD = "\r\n "  # a header continues on the next line


def email_bytes(msg: Message, from_: str, *, date: dt.datetime | None = None) -> bytes:
    """A multipart/alternative (text + HTML) email with a deterministic Message-ID, in its
    wire form (CRLF line ends, RFC 2047 encoded words, base64 bodies).

    Raises ValueError when a header value is unusable (e.g. contains a line break).
    """
    for name, value in (("From", from_), ("Subject", msg.subject), *_addresses(msg)):
        if "\r" in value or "\n" in value:
            raise ValueError(f"header {name} contains a line break: {value!r}")
    key = safe_name(msg.key)
    text = _part("plain", msg.text)
    if msg.html:
        # A boundary derived from the key keeps the outbox file identical on a retry.
        boundary = "=_pipeline_" + hashlib.sha256(key.encode()).hexdigest()[:24]
        head = [f'Content-Type: multipart/alternative;\r\n boundary="{boundary}"']
        sep = f"--{boundary}\r\n".encode()
        body = b"".join((sep, text, b"\r\n", sep, _part("html", msg.html), b"\r\n"))
        body += f"--{boundary}--\r\n".encode()
    else:
        head, body = [], text
    head += ["MIME-Version: 1.0", "From: " + address_list((from_,))]
    if msg.to:
        head.append("To: " + address_list(tuple(msg.to)))
    if msg.cc:
        head.append("Cc: " + address_list(tuple(msg.cc)))
    head += [
        "Subject: " + encode_header(msg.subject),
        "Date: " + format_datetime(date or msg.created or dt.datetime.now(dt.UTC)),
        f"Message-ID: <{key}@pipeline>",
        f"X-Pipeline-Key: {key}",
        "Auto-Submitted: auto-generated",  # RFC 3834: no vacation auto-replies
    ]
    if not msg.html:
        return "\r\n".join(head).encode("ascii") + b"\r\n" + body
    return "\r\n".join(head).encode("ascii") + b"\r\n\r\n" + body


def _part(subtype: str, content: str) -> bytes:
    """A text part: its headers, a blank line, the UTF-8 content in base64 lines of 76."""
    data = base64.encodebytes(content.encode("utf-8")).replace(b"\n", b"\r\n")
    head = f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
    return head.encode() + b"Content-Transfer-Encoding: base64\r\n\r\n" + data


def encode_header(value: str) -> str:
    """``value`` as is when it is short plain ASCII, else as encoded words (base64 UTF-8),
    one per folded line, never splitting a character."""
    if _plain(value):
        return value
    data = value.encode("utf-8")
    words, start = [], 0
    while start < len(data):
        end = min(start + WORD_BYTES, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # never inside a character
            end -= 1
        words.append(_word(data[start:end]))
        start = end
    return FOLD.join(words)


def _plain(value: str) -> bool:
    return value.isascii() and value.isprintable() and len(value) <= PLAIN_MAX and "=?" not in value


def _word(data: bytes) -> str:
    return "=?utf-8?b?" + base64.b64encode(data).decode("ascii") + "?="


@functools.lru_cache(maxsize=1024)
def address_list(values: tuple[str, ...]) -> str:
    """ "name <addr>, …" with a non-ASCII display name as an encoded word, one address a
    line when there are several (kept: an office's addresses are the same in every message)."""
    out = []
    for name, addr in getaddresses(list(values)):
        if not name:
            out.append(addr)
        elif _plain(name):
            out.append(f'"{_quoted(name)}" <{addr}>')
        else:  # one word: readers join a display name's several words with spaces
            word = _word(name.encode("utf-8"))
            out.append(f"{word}{FOLD if len(word) + len(addr) > 70 else ' '}<{addr}>")
    return ("," + FOLD).join(out)


def _quoted(name: str) -> str:
    return name.replace("\\", "\\\\").replace('"', '\\"')


def _addresses(msg: Message) -> list[tuple[str, str]]:
    return [("To", a) for a in msg.to] + [("Cc", a) for a in msg.cc]


@functools.lru_cache(maxsize=64)
def sender_address(from_: str) -> str:
    """The bare envelope address of a From value such as "督查室 <ducha@localhost>"."""
    return parseaddr(from_)[1]


@functools.lru_cache(maxsize=1024)
def _recipients(to: tuple[str, ...], cc: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for _, addr in getaddresses([*to, *cc]):
        if addr and addr not in out:
            out.append(addr)
    return tuple(out)


def recipients(msg: Message) -> list[str]:
    """Envelope recipients: To then Cc, bare addresses, each once."""
    return list(_recipients(tuple(msg.to), tuple(msg.cc)))
