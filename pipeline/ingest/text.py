"""Plain text and Markdown: lines into paragraphs, YAML front matter, Markdown structure.

In plain text every line is a paragraph (hard-wrapped and blank-line-broken paragraphs are
rejoined afterwards by normalize.rejoin); in Markdown, soft-wrapped lines form one paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.meta import split_front_matter
from pipeline.ingest.normalize import build_blocks, join_pieces, normalize_text
from pipeline.ingest.source import Parsed
from pipeline.ingest.table import GridRow, extract_task_table
from pipeline.models import Block, TableRow


def split_lines(text: str) -> list[str]:
    """Lines of `text` for LF, CRLF (also the CR CR LF of some exports) and CR-only files."""
    if "\n" not in text:
        return text.replace("\r", "\n").split("\n")
    return text.replace("\r\n", "\n").replace("\r", "").split("\n")


def parse_text(text: str, *, markdown: bool = False, encoding: str = "utf-8") -> Parsed:
    """A .txt/.md document. FormatError for broken front matter."""
    meta, body, offset = split_front_matter("\n".join(split_lines(text)))
    lines = body.split("\n")
    if markdown:
        raw, rows = markdown_blocks(lines, offset)
    else:
        raw, rows = [Block(line, offset + i + 1) for i, line in enumerate(lines)], []
    return Parsed(
        blocks=build_blocks(raw),
        title=meta.title or "",
        rows=rows,
        hints=[meta.date] if meta.date else [],
        issuer=meta.issuer,
        encoding=encoding,
    )


# --- Markdown ----------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BULLET = re.compile(r"^\s*[-*+][ \t]+")
_ORDERED = re.compile(r"^\s*\d{1,3}[.)][ \t]+")
_QUOTE = re.compile(r"^\s*(?:>[ \t]?)+")
_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<!--.*?-->")
_EMPHASIS = re.compile(r"(\*\*|__|~~|`)")


def inline(text: str) -> str:
    """Markdown inline markup to plain text."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    return _EMPHASIS.sub("", text)


def markdown_blocks(lines: Sequence[str], offset: int = 0) -> tuple[list[Block], list[TableRow]]:
    """Paragraphs (soft-wrapped lines joined), headings, and task rows from pipe tables."""
    blocks: list[Block] = []
    rows: list[TableRow] = []
    para: list[tuple[int, str]] = []
    table: list[GridRow] = []
    fence = ""
    heading = ""

    def flush() -> None:
        if para:
            text = ""
            for _, piece in para:
                text = join_pieces(text, piece)
            blocks.append(Block(text, para[0][0]))
            para.clear()

    def flush_table() -> None:
        if table:
            found = extract_task_table(table, section=heading)
            if found is not None:
                rows.extend(found.rows)
            for line, cells in found.preamble if found else table:
                blocks.append(Block(" ".join(c for c in cells if c), line))
            table.clear()

    for i, raw in enumerate(lines):
        number = offset + i + 1
        if fence:
            fence = "" if raw.strip().startswith(fence) else fence
            continue
        if m := _FENCE.match(raw):
            flush()
            flush_table()
            fence = m[1][:3]
            continue
        if _TABLE_LINE.match(raw) or (table and _TABLE_RULE.match(raw)):
            flush()
            if not _TABLE_RULE.match(raw):
                cells = [inline(c.strip()) for c in raw.strip().strip("|").split("|")]
                table.append((number, cells))
            continue
        flush_table()
        if not raw.strip():
            flush()
            continue
        if (m := _SETEXT.match(raw)) and para and len(para) == 1:
            level = 1 if m[1][0] == "=" else 2
            line, text = para.pop()
            blocks.append(Block(inline(text), line, level))
            heading = normalize_text(inline(text))
            continue
        if _RULE.match(raw):
            flush()
            continue
        if m := _ATX.match(raw):
            flush()
            heading = normalize_text(inline(m[2] or ""))
            blocks.append(Block(inline(m[2] or ""), number, len(m[1])))
            continue
        text = _QUOTE.sub("", raw)
        if _BULLET.match(text) or _ORDERED.match(text):
            flush()
            text = _BULLET.sub("", text)
        hard_break = text.endswith(("  ", "\\"))
        para.append((number, inline(text.rstrip("\\").strip())))
        if hard_break:
            flush()
    flush()
    flush_table()
    return blocks, rows
