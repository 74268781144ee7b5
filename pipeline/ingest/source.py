"""Reading files and decoding text; the intermediate result every format parser returns."""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import IngestError
from pipeline.models import Block, TableRow

if TYPE_CHECKING:
    from pipeline.ingest.dates import DateHint

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
BINARY_SAMPLE = 65536
CONTROL_RATIO = 0.02  # more control bytes than this in the sample: binary
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTES = frozenset([*range(9), *range(14, 32), 127])


class FormatError(ValueError):
    """Raised by pure parsers for malformed input; ingest_file adds the file name."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line

    def describe(self) -> str:
        return f"line {self.line}: {self}" if self.line else str(self)


@dataclass
class Parsed:
    """One document as a format parser sees it, before dates and identity are settled."""

    blocks: list[Block]
    title: str = ""
    rows: list[TableRow] = field(default_factory=list)
    hints: list[DateHint] = field(default_factory=list)
    issuer: str | None = None
    warnings: list[str] = field(default_factory=list)
    ident: str = ""  # for containers: the record's number or id, appended as "#<ident>"
    encoding: str = "utf-8"


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes; IngestError if missing, unreadable, too large or empty."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IngestError(f"{path}: not a regular file")
        if size > max_bytes:
            raise IngestError(
                f"{path}: file is {size / 1048576:.1f} MB, above the {max_bytes / 1048576:.0f} MB "
                f"limit for one document; split it into smaller files"
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(f"{path}: no such file") from exc
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise IngestError(f"{path}: empty file")
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 64 KiB."""
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL_BYTES)
    return controls > CONTROL_RATIO * max(len(sample), 1)


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, UTF-16 with BOM, else GB18030.

    Raises FormatError for binary data or bytes that are neither.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FormatError("invalid UTF-16 text") from exc
        if not _plausible_chinese(text) or _CONTROL_CHARS.search(text):
            raise FormatError("not text: a UTF-16 byte-order mark over binary data")
        return text, "utf-16"
    if looks_binary(data):
        raise FormatError("binary file, not text")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise FormatError(f"invalid UTF-8 after a UTF-8 BOM at byte {exc.start + 3}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8 or GB18030 text (undecodable byte at {exc.start})") from exc
    if not _plausible_chinese(text):
        raise FormatError("not UTF-8 or GB18030 text (decodes as GB18030 but not as Chinese)")
    return text, "gb18030"


def _plausible_chinese(text: str) -> bool:
    """GB18030 decodes most byte soup; real Chinese text is mostly common CJK."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    common = sum(1 for c in non_ascii if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f")
    common += sum(1 for c in non_ascii if "\uff00" <= c <= "\uffef" or c in "“”‘’—…·")
    return common >= 0.8 * len(non_ascii)


def content_digest(data: bytes, sidecar: bytes | None, ident: str | None) -> str:
    """A document's content hash: the file's bytes, its sidecar's (editing the sidecar is a
    change of the document) and, for a record of a container, the record's id."""
    digest = hashlib.sha256(data)
    if sidecar:
        digest.update(b"\x00sidecar\x00" + sidecar)
    if ident:
        digest.update(f"#{ident}".encode())
    return digest.hexdigest()
