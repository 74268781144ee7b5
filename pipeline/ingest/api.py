"""`ingest_file`: one file into Documents, every failure an IngestError naming the file."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.ingest.meta import sidecar_path
from pipeline.ingest.source import (
    DEFAULT_MAX_BYTES,
    FormatError,
    Parsed,
    content_digest,
    decode_text,
    read_bytes,
)
from pipeline.ingest.zipguard import check_archive
from pipeline.models import Document

Parser = Callable[[bytes], list[Parsed]]


def _lazy(module: str, name: str) -> Callable[..., object]:
    """The function ``name`` of ``pipeline.ingest.<module>``, imported on first use: a cron tick
    over text files never loads openpyxl, python-docx or lxml."""

    def call(*args: object, **kwargs: object) -> object:
        fn = getattr(importlib.import_module(f"pipeline.ingest.{module}"), name)
        return fn(*args, **kwargs)

    return call


def _text(markdown: bool) -> Parser:
    parse_text = _lazy("text", "parse_text")

    def parse(data: bytes) -> list[Parsed]:
        text, encoding = decode_text(data)
        return [parse_text(text, markdown=markdown, encoding=encoding)]  # type: ignore[list-item]

    return parse


def _html(data: bytes) -> list[Parsed]:
    text, encoding = decode_text(data)
    parsed: Parsed = _lazy("html", "parse_html")(text)  # type: ignore[assignment]
    parsed.encoding = encoding
    return [parsed]


def _many(module: str, name: str) -> Parser:
    return _lazy(module, name)  # type: ignore[return-value]


PARSERS: dict[str, Parser] = {
    ".txt": _text(False),
    ".text": _text(False),
    ".md": _text(True),
    ".markdown": _text(True),
    ".html": _html,
    ".htm": _html,
    ".docx": lambda data: [_lazy("docx", "parse_docx")(data)],  # type: ignore[list-item]
    ".xlsx": _many("spreadsheet", "parse_xlsx"),
    ".xlsm": _many("spreadsheet", "parse_xlsx"),
    ".csv": _many("spreadsheet", "parse_csv"),
    ".jsonl": _many("containers", "parse_jsonl"),
    ".sql": _many("sqldump", "parse_sql"),
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(sorted(PARSERS))
ZIP_FORMATS = frozenset({".docx", ".xlsx", ".xlsm"})


def document_key(path: Path, base_dir: Path | None) -> str:
    """Path relative to `base_dir` when under it (posix separators), else absolute."""
    absolute = Path(os.path.abspath(path))
    if base_dir is not None:
        try:
            return absolute.relative_to(os.path.abspath(base_dir)).as_posix()
        except ValueError:
            pass
    return absolute.as_posix()


def ingest_file(
    path: str | Path,
    *,
    as_of: dt.date | None = None,
    base_dir: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Document]:
    """The documents in one file (most hold one; .jsonl/.sql and tables of texts hold many).

    The date priority is sidecar > front matter > `as_of` > page/table metadata > text;
    see pipeline.ingest.dates. Raises IngestError, and nothing else, for any file that
    cannot be ingested.
    """
    p = Path(path)
    try:
        return _ingest(p, as_of, base_dir, max_bytes)
    except IngestError:
        raise
    except FormatError as exc:
        raise IngestError(f"{p}: {exc.describe()}") from exc
    except Exception as exc:  # every library failure becomes an IngestError here
        raise IngestError(f"{p}: {_describe(exc, p.suffix.lower())}") from exc


def _describe(exc: Exception, suffix: str) -> str:
    if isinstance(exc, MemoryError):
        return "out of memory while parsing"
    detail = re.sub(r"(?:file )?'?<_io\.BytesIO object at 0x[0-9a-f]+>'? ", "", str(exc))
    if suffix in ZIP_FORMATS:
        return f"not a valid {suffix} file (truncated, damaged or another format): {detail}"
    return f"cannot parse ({type(exc).__name__}: {detail})"


def _ingest(
    path: Path, as_of: dt.date | None, base_dir: Path | None, max_bytes: int
) -> list[Document]:
    suffix = path.suffix.lower()
    if suffix not in PARSERS:
        if path.is_dir():
            raise IngestError(f"{path}: is a directory (use discover() to list its files)")
        raise IngestError(f"{path}: unsupported format ({suffix or 'no suffix'})")
    data = read_bytes(path, max_bytes)
    if suffix in ZIP_FORMATS:
        check_archive(data, suffix)  # before any parser inflates it (zipguard)
    # Imported here: an idle tick only hashes files (file_digest) and never loads these.
    from pipeline.ingest.assemble import assemble
    from pipeline.ingest.meta import read_sidecar

    sidecar = read_sidecar(path)
    parsed = PARSERS[suffix](data)
    key = document_key(path, base_dir)
    documents = [assemble(p, path, key, data, sidecar, as_of) for p in parsed]
    documents = [d for d in documents if d.blocks or d.rows]
    if not documents:
        raise IngestError(f"{path}: no text found")
    return documents


def file_digest(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The content hash the document of a one-document file gets, without parsing the file:
    when it equals the stored hash, the file need not be read again. IngestError as
    `ingest_file` for a file that cannot be read."""
    p = Path(path)
    data = read_bytes(p, max_bytes)
    side = sidecar_path(p)
    try:
        raw = side.read_bytes() if side.is_file() else None
    except OSError as exc:
        raise IngestError(f"{side}: cannot read the sidecar: {exc.strerror or exc}") from exc
    return content_digest(data, raw, None)
