"""Plain text and Markdown: lines into paragraphs, YAML front matter, Markdown structure.

In plain text every line is a paragraph (hard-wrapped and blank-line-broken paragraphs are
rejoined afterwards by normalize.rejoin), and runs of pipe-separated lines are tables
(pipes.py); in Markdown, soft-wrapped lines form one paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache, reduce
from typing import Any

from markdown_it_pyrs import MarkdownIt, Node

from pipeline.ingest.meta import split_front_matter
from pipeline.ingest.normalize import build_blocks, join_pieces, normalize_text
from pipeline.ingest.pipes import split_pipe_tables
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
        raw, rows = split_pipe_tables([Block(line, offset + i + 1) for i, line in enumerate(lines)])
    return Parsed(
        blocks=build_blocks(raw),
        title=meta.title or "",
        rows=rows,
        hints=[meta.date] if meta.date else [],
        issuer=meta.issuer,
        encoding=encoding,
    )


# --- Markdown (markdown-it-pyrs: CommonMark with pipe tables) ------------------------------
#
# markdown-it-pyrs is the Rust build of markdown-it (the parser behind markdown-it-py, same
# rules and plugin names). It parses a whole document, inline markup included, in about a
# quarter of the time markdown-it-py takes for its block pass alone; see benchmarks/ingest_bench.py.

# Indented code is left out: Chinese documents indent paragraphs, and that text is content.
_RULES: list[Any] = [
    "blockquote", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
    "table", "html_block", "autolink", "backticks", "emphasis", "entity", "escape", "image",
    "link", "newline", "html_inline",
]  # fmt: skip
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<!--.*?-->", re.DOTALL)
_INLINE = frozenset(
    ("text", "text_special", "code_inline", "softbreak", "hardbreak", "strong", "em", "link",
     "image", "html_inline", "autolink")
)  # fmt: skip
_SKIP = frozenset(("image", "html_inline"))  # an image's alt text, raw tags: not content
_BREAK = "\x00"  # a hard break inside a paragraph: the text after it is a block of its own
_ITEM_MARK = re.compile(rb"[ \t]*([0-9]{1,9}[.)])")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable_many(_RULES)


# Text the parser must not see: containers nested hundreds deep (its tree is freed by
# recursion, which overflows the stack and kills the process at some ten thousand levels)
# and thousands of emphasis marks in one paragraph (their matching is quadratic in how
# deeply they nest). No document is written so; such a file is read as plain lines.
_DEEP_PREFIX = re.compile(r"^[ \t>*+\-.)0-9]{200}", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
MAX_EMPHASIS_MARKS = 5000  # in one paragraph


def _beyond_reason(text: str) -> bool:
    if _DEEP_PREFIX.search(text):
        return True
    if text.count("*") + text.count("_") <= MAX_EMPHASIS_MARKS:
        return False
    return any(p.count("*") + p.count("_") > MAX_EMPHASIS_MARKS for p in _BLANK_LINE.split(text))


class _Lines:
    """1-based line numbers of the parser's source maps (byte offsets into the UTF-8 text)."""

    def __init__(self, text: str, offset: int) -> None:
        self.data = text.encode("utf-8")
        self.starts = [0] + [m.end() for m in re.finditer(b"\n", self.data)]
        self.offset = offset

    def marker(self, item: Node) -> str | None:
        """An ordered item's number as written ("1.", "01)", "3."), from its source."""
        where = item.srcmap
        m = _ITEM_MARK.match(self.data, where[0]) if where else None
        return m[1].decode("ascii") if m else None

    def of(self, node: Node) -> int:
        where = node.srcmap
        return bisect_right(self.starts, where[0]) + self.offset if where else self.offset + 1


def _pieces(nodes: Sequence[Node], lines: _Lines, out: list[list]) -> None:
    """Text of inline ``nodes`` appended to ``out`` as [line, text] pieces: one piece per
    soft-wrapped line, [0, _BREAK] where a hard break splits the paragraph."""
    for node in nodes:
        name = node.name
        if name == "text" or name == "text_special":  # entities, escapes
            if not out[-1][0]:
                out[-1][0] = lines.of(node)
            out[-1][1] += node.meta.get("content", "")
        elif name == "softbreak" or name == "hardbreak":
            if name == "hardbreak":
                out.append([0, _BREAK])
            out.append([0, ""])
        elif name not in _SKIP:  # emphasis, links, inline code: their text
            _pieces(node.children, lines, out)


def _blocks_of(nodes: Sequence[Node], lines: _Lines, prefix: str = "") -> list[Block]:
    """Blocks of one run of inline nodes (a paragraph): soft-wrapped lines joined, split at
    hard breaks; ``prefix`` (an ordered item's number) starts the first."""
    if len(nodes) == 1 and nodes[0].name == "text":  # most paragraphs: one line, no markup
        text = nodes[0].meta.get("content", "").strip()
        return [Block(f"{prefix} {text}" if prefix else text, lines.of(nodes[0]))] if text else []
    pieces: list[list] = [[0, ""]]
    _pieces(nodes, lines, pieces)
    out: list[Block] = []
    text, first = "", 0
    for line, piece in pieces:
        if piece == _BREAK:
            if text.strip():
                out.append(Block(text.strip(), first))
            text, first = "", 0
            continue
        first = first or line
        text = join_pieces(text, piece.strip())
    if text.strip():
        out.append(Block(text.strip(), first or lines.offset + 1))
    if prefix and out:
        out[0] = Block(f"{prefix} {out[0].text}", out[0].line)
    return out


def _plain(node: Node, lines: _Lines) -> str:
    """One line of text for a heading or a table cell (a hard break in it joins as a wrap)."""
    return reduce(join_pieces, (b.text for b in _blocks_of(node.children, lines)), "")


class _Walk:
    """Blocks and task rows of one Markdown tree, in source order."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.blocks: list[Block] = []
        self.rows: list[TableRow] = []
        self.heading = ""

    def container(self, node: Node, prefix: str = "") -> None:
        run: list[Node] = []  # a tight list item holds its inline nodes directly
        for child in node.children:
            if child.name in _INLINE:
                run.append(child)
                continue
            if run:
                self.blocks.extend(_blocks_of(run, self.lines, prefix))
                run, prefix = [], ""
            prefix = self.block(child, prefix)
        if run:
            self.blocks.extend(_blocks_of(run, self.lines, prefix))

    def block(self, node: Node, prefix: str) -> str:
        """Handle one block node; returns the prefix still owed to the next paragraph."""
        name = node.name
        if name == "paragraph":
            self.blocks.extend(_blocks_of(node.children, self.lines, prefix))
            return ""
        if name == "heading" or name == "lheading":
            text = _plain(node, self.lines)
            self.blocks.append(Block(text, self.lines.of(node), int(node.meta.get("level", 1))))
            self.heading = normalize_text(text)
        elif name == "ordered_list":
            # keep an ordered item's number as written: "1. 10月底前…" is a numbered task
            start, marker = int(node.meta.get("start", 1)), node.meta.get("marker", ".")
            for i, item in enumerate(node.children):
                self.container(item, self.lines.marker(item) or f"{start + i}{marker}")
        elif name == "table":
            self.table(node)
        elif name == "html_block":
            text = _TAG.sub("", node.meta.get("content", "")).strip()
            if text:
                self.blocks.append(Block(text, self.lines.of(node)))
        elif name not in ("fence", "code_block", "hr"):  # lists, quotes: what they hold
            self.container(node, prefix)  # "1. > 引用的任务": the number leads the quote's text
            return ""
        return prefix

    def table(self, node: Node) -> None:
        grid: list[GridRow] = []
        for part in node.children:  # thead, tbody
            for row in part.children:
                grid.append((self.lines.of(row), [_plain(c, self.lines) for c in row.children]))
        found = extract_task_table(grid, section=self.heading)
        if found is not None:
            self.rows.extend(found.rows)
        for line, cells in found.preamble if found else grid:
            self.blocks.append(Block(" ".join(c for c in cells if c), line))


def markdown_blocks(lines: Sequence[str], offset: int = 0) -> tuple[list[Block], list[TableRow]]:
    """Paragraphs (soft-wrapped lines joined), headings, and task rows from pipe tables."""
    text = "\n".join(lines)
    walk = _Walk(_Lines(text, offset))
    try:
        if _beyond_reason(text):
            raise RecursionError
        walk.container(_parser().tree(text))
    except RecursionError:  # nested beyond reason: read as plain lines
        return [Block(line, offset + i + 1) for i, line in enumerate(lines)], []
    walk.blocks.sort(key=lambda b: b.line)  # a table's unused rows were added at its end
    return walk.blocks, walk.rows
