"""A parsed file into its Document: tables copied one cell per line restored, the date and
issuer chosen from sidecar, metadata and text, the title, the content hash."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path

from pipeline.ingest.dates import HEAD_LINES, choose_date, infer_issuer, infer_text_date
from pipeline.ingest.flat import unflatten
from pipeline.ingest.html import page_issuer
from pipeline.ingest.meta import Meta
from pipeline.ingest.normalize import holds_sentence, title_like
from pipeline.ingest.source import Parsed, content_digest
from pipeline.models import Block, Document

TITLE_MAX = 80
_SALUTATION = re.compile(r"[ \t]*各[^。；;！？!?]{1,38}[:：][ \t]*")
_SENDS = re.compile(r"现将《(?P<title>[^》]{4,80})》(?:予以)?(?:印发|转发|发|下发|下达)给")
_NOT_TITLE = re.compile(r"^(?:【法宝引证码】|原文链接|https?://|www\.|CLI\.)")


def assemble(
    parsed: Parsed, path: Path, key: str, data: bytes, sidecar: Meta, as_of: dt.date | None
) -> Document:
    kept, flat_rows = unflatten(parsed.blocks)  # tables copied one cell per line
    blocks = tuple(kept)
    paras = [(b.line, b.text) for b in blocks]
    hints = ([sidecar.date] if sidecar.date else []) + parsed.hints
    if text_hint := infer_text_date(paras):
        hints.append(text_hint)
    choice = choose_date(hints, as_of)
    digest = content_digest(data, sidecar.raw, parsed.ident)
    if parsed.ident:
        key = f"{key}#{parsed.ident}"
    # a sidecar's title names the file's document, not each record of a container
    title = sidecar.title if sidecar.title and not parsed.ident else None
    return Document(
        key=key,
        path=os.path.abspath(path),
        title=title or parsed.title or default_title(blocks, path),
        blocks=blocks,
        published=choice.published,
        date_basis=choice.basis,
        sha256=digest,
        encoding=parsed.encoding,
        rows=tuple(parsed.rows) + tuple(flat_rows),
        issuer=sidecar.issuer or parsed.issuer or infer_issuer(paras) or _source_line(paras),
        warnings=tuple(parsed.warnings) + choice.warnings,
    )


def default_title(blocks: tuple[Block, ...], path: Path) -> str:
    """The first heading, else the first short paragraph that holds no sentence (a one-line
    note "各街道3月底前完成摸底排查。" is content, not its own title), else the file name."""
    for block in blocks:
        if block.heading:
            return block.text
    addressed = False
    for block in blocks[:5]:
        if _SALUTATION.fullmatch(block.text):
            addressed = True  # "各行政村、各有关单位：": whom a notice is sent to; after it
            continue  # only a title's own form is one (not "县政府决定，3月20日前…")
        if not _NOT_TITLE.match(block.text):
            short = len(block.text) <= TITLE_MAX and not holds_sentence(block.text)
            if (short and not addressed) or title_like(block.text):
                return block.text
            if sent := _SENDS.search(block.text):  # "现将《…工作计划》印发给你们"
                return sent["title"]
            break
    return path.stem


def _source_line(paras: Sequence[tuple[int, str]]) -> str | None:
    """The office a page's source line names near its top ("信息来源:县环保局 作者:…")."""
    return page_issuer("\n".join(text for _, text in paras[:HEAD_LINES]))
