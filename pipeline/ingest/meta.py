"""Operator-written metadata: a sidecar `<file>.meta.yaml`, or YAML front matter in text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from pipeline import yamlsafe
from pipeline.errors import IngestError
from pipeline.ingest.source import FormatError

if TYPE_CHECKING:
    from pipeline.ingest.dates import DateHint

SIDECAR_SUFFIX = ".meta.yaml"


@dataclass(frozen=True)
class Meta:
    date: DateHint | None = None
    title: str | None = None
    issuer: str | None = None
    raw: bytes = b""  # the sidecar's bytes: part of the documents' hash


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def meta_from_mapping(data: Any, basis: str, where: str) -> Meta:
    """Validate a date/title/issuer mapping; FormatError names the bad key."""
    if data is None:
        return Meta()
    if not isinstance(data, dict):
        raise FormatError(f"{where}: expected a mapping with keys date, title, issuer")
    date = None
    if "date" in data and data["date"] is not None:
        value = data["date"]
        from pipeline.ingest.dates import hint_from_value  # loaded when a date is given

        date = hint_from_value(value, basis, where)
        if date is None or date.year_only or isinstance(value, (int, float)):
            raise FormatError(f"{where}: key 'date' must be YYYY-MM-DD, got {value!r}")
    title, issuer = data.get("title"), data.get("issuer")
    for key, value in (("title", title), ("issuer", issuer)):
        if value is not None and not isinstance(value, (str, int, float)):
            raise FormatError(f"{where}: key {key!r} must be text, got {type(value).__name__}")
    return Meta(
        date=date,
        title=str(title).strip() if title is not None else None,
        issuer=str(issuer).strip() if issuer is not None else None,
    )


def read_sidecar(path: Path) -> Meta:
    """The sidecar of `path`, or empty Meta when there is none; IngestError if invalid."""
    side = sidecar_path(path)
    if not side.is_file():
        return Meta()
    try:
        raw = side.read_bytes()
        data = yamlsafe.safe_load(raw.decode("utf-8-sig"))
        meta = meta_from_mapping(data, "sidecar", side.name)
        return Meta(meta.date, meta.title, meta.issuer, raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        detail = " ".join(str(problem).split())  # one line: YAML's message spans several
        raise IngestError(f"{side}: invalid YAML{where}: {detail}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{side}: cannot read sidecar ({exc})") from exc
    except FormatError as exc:
        raise IngestError(f"{side}: {exc}") from exc


def split_front_matter(text: str) -> tuple[Meta, str, int]:
    """(meta, body, lines consumed) for text that may start with `---` YAML front matter.

    Raises FormatError (with the line) for unterminated or invalid front matter.
    """
    if not text.startswith("---"):
        return Meta(), text, 0
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return Meta(), text, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise FormatError("front matter opened with '---' is never closed", line=1)
    try:
        data = yamlsafe.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise FormatError(f"invalid YAML front matter: {exc}", line=line) from exc
    if not isinstance(data, dict):
        # a document that merely starts with a rule line: no front matter
        return Meta(), text, 0
    meta = meta_from_mapping(data, "front-matter", "front matter")
    return meta, "\n".join(lines[end + 1 :]), end + 1
