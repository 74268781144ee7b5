"""The email builder writes the wire form itself: what a mail reader parses back from it is
what the message said, whatever the text."""

from __future__ import annotations

import datetime as dt
import string
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.channels.mime import email_bytes, recipients
from pipeline.models import Message

FROM = "区督查室 <ducha@example.cn>"
WHEN = dt.datetime(2026, 6, 1, 9, 30, tzinfo=dt.UTC)
# Header text: anything a template could put in one line (no line breaks, no controls).
LINE = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=200)
    .map(str.strip)
    .filter(bool)
)
# Display names as offices are named (the characters an address parser treats specially,
# parentheses and angle brackets, are not in names written in the config).
NAME = st.text(st.sampled_from("区发展和改革委员会市住建局 ABCabc.-'"), min_size=1, max_size=40)


def mail(**kw: object) -> Message:
    fields: dict[str, object] = {
        "key": "rem001-before-7", "office": "fgw", "channel": "email", "subject": "提醒",
        "text": "正文", "html": "<p>正文</p>", "to": ("fgw@example.cn",),
        "reminder_ids": ("rem001-before-7",), "created": WHEN,
    }  # fmt: skip
    fields.update(kw)
    return Message(**fields)  # type: ignore[arg-type]


def parse(raw: bytes) -> EmailMessage:
    return message_from_bytes(raw, policy=policy.default)  # type: ignore[return-value]


def test_wire_form() -> None:
    raw = email_bytes(mail(cc=("czj@example.cn",)), FROM)
    head, _, body = raw.partition(b"\r\n\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF line ends only
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    em = parse(raw)
    assert em.get_content_type() == "multipart/alternative"
    assert em["MIME-Version"] == "1.0" and em["Auto-Submitted"] == "auto-generated"
    assert em["Date"] == "Mon, 01 Jun 2026 09:30:00 +0000"
    assert em["Message-ID"] == "<rem001-before-7@pipeline>"
    assert em["From"].addresses[0].display_name == "区督查室"
    assert (str(em["To"]), str(em["Cc"])) == ("fgw@example.cn", "czj@example.cn")
    assert em.get_body(("plain",)).get_content() == "正文"
    assert em.get_body(("html",)).get_content() == "<p>正文</p>"
    assert raw == email_bytes(mail(cc=("czj@example.cn",)), FROM), "the same bytes on a retry"


def test_a_message_without_html_is_one_text_part() -> None:
    em = parse(email_bytes(mail(html=""), FROM))
    assert em.get_content_type() == "text/plain" and not em.is_multipart()
    assert em.get_content() == "正文"


@settings(max_examples=150, deadline=None)
@given(
    subject=LINE,
    text=st.text(max_size=300),
    names=st.lists(NAME, min_size=1, max_size=4),
)
def test_what_a_reader_parses_is_what_was_written(
    subject: str, text: str, names: list[str]
) -> None:
    to = tuple(f"{n.strip() or 'x'} <o{i}@example.cn>" for i, n in enumerate(names))
    raw = email_bytes(mail(subject=subject, text=text, to=to), FROM)
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    head = raw.split(b"\r\n\r\n")[0].decode("ascii")
    subject_lines = head.split("\r\nSubject: ")[1].split("\r\nDate: ")[0].split("\r\n")
    assert max(len(line) for line in subject_lines) <= 78 - len("Subject: ")
    em = parse(raw)
    assert str(em["Subject"]) == subject
    got = [(a.display_name, a.addr_spec) for a in em["To"].addresses]
    assert got == getaddresses(list(to))  # as the builder read the configured addresses
    assert em.get_body(("plain",)).get_content() == text.replace("\r\n", "\n").replace("\r", "\n")
    assert recipients(mail(to=to)) == [f"o{i}@example.cn" for i in range(len(names))]


@pytest.mark.parametrize("header", ["subject", "to", "cc"])
def test_a_line_break_in_a_header_is_refused(header: str) -> None:
    value = "提醒\r\nBcc: x@evil.example"
    with pytest.raises(ValueError, match="line break"):
        email_bytes(mail(**{header: value if header == "subject" else (value,)}), FROM)


def test_plain_ascii_subjects_stay_readable() -> None:
    raw = email_bytes(mail(subject="Reminder: 3 tasks due"), FROM)
    assert b"\r\nSubject: Reminder: 3 tasks due\r\n" in raw
    encoded = email_bytes(mail(subject="=?utf-8?q?x?= " + string.ascii_letters), FROM)
    assert b"\r\nSubject: =?utf-8?b?" in encoded
