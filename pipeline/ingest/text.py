"""Plain text and Markdown: lines into paragraphs, YAML front matter, Markdown structure.

In plain text every line is a paragraph (hard-wrapped and blank-line-broken paragraphs are
rejoined afterwards by normalize.rejoin); in Markdown, soft-wrapped lines form one paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

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


# --- Markdown (markdown-it-py, CommonMark with pipe tables) --------------------------------

_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<!--.*?-->", re.DOTALL)


# What any inline rule of CommonMark acts on: emphasis, code, links and images, raw HTML,
# entities, escapes, and a hard break (two spaces or a backslash before a line end).
_INLINE_MARKUP = re.compile(r"[*_`\[\]!<>&\\~]| {2,}\n")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Indented code is off: Chinese documents indent paragraphs, and that text is content.
    # Inline content is parsed on demand (``_children``), only where it holds markup: most
    # paragraphs of a work plan are plain text, and inline parsing is most of the cost.
    md = MarkdownIt("commonmark").enable("table").disable("code")
    return md.disable(["inline", "text_join"])


def _children(token: Token) -> list[Token] | None:
    """The inline token's children, parsed now if it holds markup; None for plain text."""
    if token.children:  # parsed already
        return token.children
    if not _INLINE_MARKUP.search(token.content):
        return None
    md = _parser()
    token.children = []
    md.inline.parse(token.content, md, {}, token.children)
    return token.children


def _pieces(token: Token) -> list[tuple[int, str]]:
    """An inline token's text, one piece per soft-wrapped line, a hard break starting a new
    piece group (marked by an empty piece); images and raw tags are left out."""
    line = (token.map[0] if token.map else 0) + 1
    children = _children(token)
    if children is None:  # plain text: its lines are the pieces
        first, *rest = token.content.split("\n")
        return [(line, first)] + [(line + i, text) for i, text in enumerate(rest, 1)]
    pieces: list[tuple[int, str]] = [(line, "")]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            if child.type == "hardbreak":
                pieces.append((line, "\x00"))
            pieces.append((line, ""))
        elif child.type in ("text", "text_special", "code_inline"):  # entities, escapes
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + child.content)
    return pieces


def _paragraphs(token: Token, offset: int, prefix: str = "") -> list[Block]:
    """Blocks of one Markdown paragraph: soft-wrapped lines joined, split at hard breaks."""
    out: list[Block] = []
    text, first = "", 0
    for line, piece in _pieces(token):
        if piece == "\x00":
            if text.strip():
                out.append(Block(text.strip(), first + offset))
            text, first = "", 0
            continue
        first = first or line
        text = join_pieces(text, piece.strip())
    if text.strip():
        out.append(Block(text.strip(), (first or 1) + offset))
    if prefix and out:
        out[0] = Block(f"{prefix} {out[0].text}", out[0].line)
    return out


def markdown_blocks(lines: Sequence[str], offset: int = 0) -> tuple[list[Block], list[TableRow]]:
    """Paragraphs (soft-wrapped lines joined), headings, and task rows from pipe tables."""
    tokens = _parser().parse("\n".join(lines))
    blocks: list[Block] = []
    rows: list[TableRow] = []
    table: list[GridRow] = []
    cells: list[str] = []
    heading, level, item = "", 0, ""
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1])
        elif kind == "ordered_list_open" or kind == "bullet_list_open":
            item = ""
        elif kind == "list_item_open":
            # keep an ordered item's number: "1. 10月底前…" is a numbered task
            item = f"{tok.info}{tok.markup}" if tok.info else ""
        elif kind == "inline" and level:
            text = "".join(p for _, p in _pieces(tok) if p != "\x00").strip()
            blocks.append(Block(text, (tok.map[0] if tok.map else 0) + 1 + offset, level))
            heading, level = normalize_text(text), 0
        elif kind == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            cells.append("".join(p for _, p in _pieces(tok) if p != "\x00").strip())
        elif kind == "inline":
            blocks.extend(_paragraphs(tok, offset, item))
            item = ""
        elif kind == "tr_open":
            cells = []
        elif kind == "tr_close":
            table.append(((tokens_line(tokens, i) or 0) + offset, cells))
        elif kind == "table_close":
            _flush_table(table, heading, blocks, rows)
        elif kind == "html_block":
            text = _TAG.sub("", tok.content).strip()
            if text:
                blocks.append(Block(text, (tok.map[0] if tok.map else 0) + 1 + offset))
    blocks.sort(key=lambda b: b.line)  # a table's unused rows were added at its end
    return blocks, rows


def tokens_line(tokens: Sequence[Token], close: int) -> int | None:
    """The 1-based source line of the row closed at ``close``."""
    for j in range(close - 1, -1, -1):
        if tokens[j].type == "tr_open":
            where = tokens[j].map
            return where[0] + 1 if where else None
    return None


def _flush_table(
    table: list[GridRow], heading: str, blocks: list[Block], rows: list[TableRow]
) -> None:
    found = extract_task_table(table, section=heading)
    if found is not None:
        rows.extend(found.rows)
    for line, cells in found.preamble if found else table:
        blocks.append(Block(" ".join(c for c in cells if c), line))
    table.clear()
