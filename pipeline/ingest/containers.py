"""Files holding many documents: JSON Lines, and tables with a text column (records).

A record's text is plain text (a paragraph per line) or an HTML body; its fields give the
title, issuer and date (a date column, else a year column, else a 发文字号's year).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence

from pipeline.ingest.dates import DateHint, hint_from_value, parse_year
from pipeline.ingest.html import page_hints, page_issuer, page_lines, parse_html
from pipeline.ingest.html_tree import parse_tree
from pipeline.ingest.normalize import build_blocks, normalize_text
from pipeline.ingest.source import FormatError, Parsed, decode_text
from pipeline.ingest.text import split_lines
from pipeline.models import Block

# Field names, lower-cased, best first.
TEXT_KEYS = ("full_text", "content", "text", "body", "正文", "全文", "内容")
TITLE_KEYS = ("title", "标题", "文件名称", "name", "名称")
DATE_KEYS = ("publish_date", "pub_date", "published", "date", "成文日期", "发布日期", "日期")
YEAR_KEYS = ("year", "年份", "年度")
NUMBER_KEYS = ("release_number", "doc_number", "发文字号", "文号")
ISSUER_KEYS = ("issuer", "release_office", "发文机关", "发布机构", "发布单位")
ID_KEYS = ("id", "doc_id", "编号")
PAGE_KEYS = ("html", "page_html", "raw_html")  # the whole page, read for its metadata only
_HTML = re.compile(r"<(?:p|div|br|span|table|td|h[1-6]|font)\b", re.IGNORECASE)
_NUMBER_YEAR = re.compile(r"[〔\[［(（]((?:19|20)\d{2})[〕\]］)）]")

Record = Mapping[str, object]


def _norm_key(name: object) -> str:
    return str(name).strip().lower()


def container_columns(header: Sequence[str]) -> list[str] | None:
    """Normalised column names when one of them holds document text, else None."""
    columns = [_norm_key(c) for c in header]
    return columns if any(c in TEXT_KEYS for c in columns) else None


def _first(record: Record, keys: Sequence[str]) -> object:
    for key in keys:
        value = record.get(key)
        if value is not None and str(value).strip():
            return value
    return None


def record_to_parsed(record: Record, ident: str) -> Parsed | None:
    """One document from a record; None when it has no text."""
    rec = {_norm_key(k): v for k, v in record.items()}
    body = _first(rec, TEXT_KEYS)
    if body is None:
        return None
    text = str(body)
    if _HTML.search(text):
        parsed = parse_html(text)
        # an HTML body stored in a field has no useful lines: number the paragraphs instead
        parsed.blocks = [Block(b.text, i, b.heading) for i, b in enumerate(parsed.blocks, 1)]
    else:
        raw = [Block(t, i + 1) for i, t in enumerate(split_lines(text))]
        # with a title field, the text's first paragraph is body text, free to continue
        title_first = _first(rec, TITLE_KEYS) is None
        parsed = Parsed(blocks=build_blocks(raw, title_first=title_first))
    if not parsed.blocks:
        return None
    hints: list[DateHint] = []
    page = _first(rec, PAGE_KEYS)
    if page is not None:
        root, meta = parse_tree(str(page))
        page_text = "\n".join(b.text for b in page_lines(root))
        hints += page_hints(meta, page_text)
        parsed.issuer = parsed.issuer or page_issuer(page_text)
    hints += _table_hints(rec)
    title = _first(rec, TITLE_KEYS)
    issuer = _first(rec, ISSUER_KEYS)
    parsed.title = normalize_text(str(title)) if title is not None else parsed.title
    parsed.issuer = normalize_text(str(issuer)) if issuer is not None else parsed.issuer
    parsed.hints = hints + parsed.hints
    parsed.ident = ident
    return parsed


def _table_hints(rec: Record) -> list[DateHint]:
    """A date column, else a year column, else the year of a 发文字号 column."""
    for key in DATE_KEYS:
        if hint := hint_from_value(rec.get(key), "table", f"{key} column"):
            return [hint]
    for key in YEAR_KEYS:
        if year := parse_year(rec.get(key)):
            return [DateHint("table", dt.date(year, 1, 1), f"{key} column", year_only=True)]
    number = _first(rec, NUMBER_KEYS)
    if number is not None and (m := _NUMBER_YEAR.search(str(number))):
        source = f"发文字号 {normalize_text(str(number))}"
        return [DateHint("table", dt.date(int(m[1]), 1, 1), source, year_only=True)]
    return []


def records_to_parsed(records: Sequence[tuple[int, Record]]) -> list[Parsed]:
    """Documents of the records that hold text; ident is the record's id, else its number."""
    out: list[Parsed] = []
    for number, (line, record) in enumerate(records, 1):
        rec = {_norm_key(k): v for k, v in record.items()}
        rid = _first(rec, ID_KEYS)
        ident = normalize_text(str(rid)) if rid is not None else str(number)
        try:
            parsed = record_to_parsed(record, ident)
        except FormatError as exc:
            raise FormatError(f"record {ident}: {exc}", line=line) from exc
        if parsed is not None:
            out.append(parsed)
    return out


def container_documents(
    records: Sequence[tuple[int, Record]], encoding: str, none_error: str
) -> list[Parsed]:
    """The documents of a container's records, decoded with ``encoding``. Raises FormatError
    with ``none_error`` when no record holds text."""
    parsed = records_to_parsed(records)
    if not parsed:
        raise FormatError(none_error)
    for p in parsed:
        p.encoding = encoding
    return parsed


def parse_jsonl(data: bytes) -> list[Parsed]:
    """One document per JSON object line with a text field."""
    text, encoding = decode_text(data)
    records: list[tuple[int, Record]] = []
    for number, line in enumerate(split_lines(text), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(f"invalid JSON ({exc.msg})", line=number) from exc
        if not isinstance(obj, dict):
            raise FormatError("expected a JSON object", line=number)
        records.append((number, obj))
    if not records:
        raise FormatError("no JSON records")
    return container_documents(
        records, encoding, f"no record has a text field (expected one of {', '.join(TEXT_KEYS)})"
    )
