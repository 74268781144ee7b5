"""HTML pages: the article body (title, date line, text) without page furniture.

The body container is a known gov.cn container, else the element whose <p> children hold
the most Chinese text; the tree comes from html_tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.ingest.dates import ORG_SUFFIX, DateHint, labelled_date, parse_date
from pipeline.ingest.html_tree import BLOCK, DROP, Node, parse_tree, words
from pipeline.ingest.normalize import build_blocks, count_cjk, normalize_text
from pipeline.ingest.source import Parsed
from pipeline.ingest.table import GridRow, extract_task_table
from pipeline.models import Block, TableRow

PAGE_FURNITURE = words("nav aside")
OUTSIDE_ARTICLE = words("header footer")
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Known article containers of government sites, best first: (attribute, value).
CONTAINERS = (
    ("id", "UCAP-CONTENT"),
    ("class", "pages_content"),
    ("class", "TRS_Editor"),
    ("id", "zoom"),
    ("class", "article-content"),
    ("class", "article"),
    ("tag", "article"),
)
# id/class fragments of furniture: dropped when the element holds little text.
FURNITURE_TOKENS = tuple(
    words(
        "share print fontsize font-size toolbar breadcrumb crumb position nav menu sidebar "
        "related comment copyright footer bdshare qrcode"
    )
)
FURNITURE_MAX_CJK = 200
MIN_BODY_CJK = 20
META_DATES = (
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "publish_date",
    "publishtime",
    "dc.date.issued",
    "dc.date",
    "date",
)
META_TITLES = ("articletitle", "og:title", "title")
_ISSUER = re.compile(
    r"(?P<label>发文机关|发布机构|发文单位|发布单位|信息来源|来源单位)\s*[:：]\s*"
    r"([\u4e00-\u9fff（）()、]{2,40})"
)


# --- choosing the body ------------------------------------------------------------------


def _dropped(node: Node, in_article: bool) -> bool:
    if node.tag in DROP or node.tag in PAGE_FURNITURE:
        return True
    if node.tag in OUTSIDE_ARTICLE and not in_article:
        return True
    names = f"{node.attrs.get('id', '')} {node.attrs.get('class', '')}".lower()
    if any(token in names for token in FURNITURE_TOKENS):
        return count_cjk(node.text()) < FURNITURE_MAX_CJK
    return False


def _matches(node: Node, kind: str, value: str) -> bool:
    if kind == "tag":
        return node.tag == value
    if kind == "id":
        return node.attrs.get("id", "") == value
    return node.has_class(value)


def find_body(root: Node) -> Node:
    """The article container: a known one, else the element richest in <p> text."""
    elements = list(root.elements())
    for kind, value in CONTAINERS:
        for node in elements:
            if _matches(node, kind, value) and count_cjk(node.text()) >= MIN_BODY_CJK:
                return node
    best, best_score = root, 0
    for node in elements:
        if node.tag in DROP:
            continue
        score = sum(
            count_cjk(c.text() if isinstance(c, Node) and c.tag == "p" else "")
            + (count_cjk(c[1]) if isinstance(c, tuple) else 0)
            for c in node.children
        )
        if score > best_score:
            best, best_score = node, score
    return best if best_score >= MIN_BODY_CJK else root


# --- walking a container into blocks ----------------------------------------------------

_CJK_BREAK = re.compile(
    r"(?<=[\u3400-\u9fff，。；：、“”（）])\s*\n\s*(?=[\u3400-\u9fff，。；：、“”（）])"
)


def _squash(text: str) -> str:
    return re.sub(r"[ \t\r\n\f]+", " ", _CJK_BREAK.sub("", text))


class _Walker:
    def __init__(self, *, furniture: bool = True) -> None:
        self.furniture = furniture  # drop furniture (nav, share bars, ...) as well as scripts
        self.blocks: list[Block] = []
        self.rows: list[TableRow] = []
        self.pieces: list[tuple[int, str]] = []

    def flush(self, heading: int = 0) -> None:
        text = _squash("".join(t for _, t in self.pieces)).strip()
        if text:
            line = next(ln for ln, t in self.pieces if t.strip())
            self.blocks.append(Block(text, line, heading))
        self.pieces = []

    def walk(self, node: Node, in_article: bool = False) -> None:
        in_article = in_article or node.tag in ("article", "main")
        for child in node.children:
            if isinstance(child, tuple):
                self.pieces.append(child)
            elif child.tag in DROP or (self.furniture and _dropped(child, in_article)):
                continue
            elif child.tag == "br":
                self.flush()
            elif child.tag in HEADINGS:
                self.flush()
                self.walk(child, in_article)
                self.flush(HEADINGS[child.tag])
            elif child.tag == "table" and self.table(child):
                continue
            elif child.tag in BLOCK:
                self.flush()
                self.walk(child, in_article)
                self.flush()
            else:
                self.walk(child, in_article)

    def table(self, node: Node) -> bool:
        """A data table: task rows or one block per row. False for a layout table."""
        grid = table_grid(node)
        if grid is None:
            return False
        self.flush()
        task_table = extract_task_table(grid)
        if task_table is not None:
            self.rows.extend(task_table.rows)
            grid = task_table.preamble
        for line, cells in grid:
            text = " ".join(dict.fromkeys(normalize_text(c) for c in cells if c.strip()))
            if text:
                self.blocks.append(Block(text, line))
        return True


def _rows(table: Node) -> Iterator[Node]:
    for child in table.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                yield child
            elif child.tag in ("thead", "tbody", "tfoot"):
                yield from _rows(child)


def _cell_text(cell: Node) -> str:
    walker = _Walker()
    walker.walk(cell)
    walker.flush()
    return "\n".join(b.text for b in walker.blocks)


def table_grid(table: Node) -> list[GridRow] | None:
    """Cells with row/column spans filled in; None for a layout table."""
    if any(n.tag == "table" for n in table.elements()):
        return None
    grid: dict[tuple[int, int], str] = {}
    lines: list[int] = []
    width = 0
    for r, tr in enumerate(_rows(table)):
        lines.append(tr.line)
        c = 0
        for cell in (n for n in tr.children if isinstance(n, Node) and n.tag in ("td", "th")):
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid.setdefault((r + dr, c + dc), text)
            c += colspan
            width = max(width, c)
    if width < 2:
        return None
    return [(line, [grid.get((r, c), "") for c in range(width)]) for r, line in enumerate(lines)]


def _span(cell: Node, name: str) -> int:
    try:
        return max(1, min(int(cell.attrs.get(name, "1") or 1), 1000))
    except ValueError:
        return 1


# --- page metadata ----------------------------------------------------------------------


def page_lines(root: Node) -> list[Block]:
    """Every text line of the page, furniture included (dates often sit in it)."""
    walker = _Walker(furniture=False)
    walker.walk(root)
    walker.flush()
    return [Block(normalize_text(b.text), b.line, b.heading) for b in walker.blocks]


def page_hints(meta: dict[str, str], text: str) -> list[DateHint]:
    """Page dates, best first: 成文日期 label, meta tags, 发布时间/发布日期/日期 labels."""
    hints: list[DateHint] = []
    label = labelled_date(text)
    if label is not None and label[0] == "成文日期":
        hints.append(DateHint("page", label[1], "成文日期 label"))
    for name in META_DATES:
        if name in meta and (date := parse_date(meta[name])):
            hints.append(DateHint("page", date, f'<meta name="{name}">'))
            break
    if label is not None and label[0] != "成文日期":
        hints.append(DateHint("page", label[1], f"{label[0]} label"))
    return hints


def page_issuer(text: str) -> str | None:
    m = _ISSUER.search(text)
    if m is None:
        return None
    # a 信息来源 names an office only when it ends as one (not 新华社, 人民日报)
    source = m["label"] in ("信息来源", "来源单位")
    return m[2] if not source or ORG_SUFFIX.search(m[2]) else None


def page_title(root: Node, meta: dict[str, str]) -> tuple[str, int]:
    """(title, line): meta ArticleTitle, the first <h1>, else <title> before its site suffix."""
    for name in META_TITLES:
        if meta.get(name) and count_cjk(meta[name]):
            return normalize_text(meta[name]), 0
    for node in root.elements():
        if node.tag == "h1" and count_cjk(node.text()):
            return normalize_text(_squash(node.text())), node.line
    for node in root.elements():
        if node.tag == "title":
            parts = re.split(r"\s*(?:_|\||－| - |—{1,2})\s*", _squash(node.text()).strip())
            for part in parts:
                if count_cjk(part):
                    return normalize_text(part), node.line
    return "", 0


def parse_html(text: str) -> Parsed:
    """Title, body blocks, task rows, page dates and issuer of an HTML page or fragment."""
    root, meta = parse_tree(text)
    body = find_body(root)
    walker = _Walker()
    walker.walk(body)
    walker.flush()
    blocks = build_blocks(walker.blocks)
    page = page_lines(root)
    page_text = "\n".join(b.text for b in page)
    title, title_line = page_title(root, meta)
    head: list[Block] = []
    if (
        title
        and title not in {b.text for b in blocks[:5]}
        and not any(b.heading == 1 for b in blocks)
    ):
        head.append(Block(title, title_line or (blocks[0].line if blocks else 1), 1))
    first_body_line = blocks[0].line if blocks else 0
    for b in page:
        if blocks and b.line >= first_body_line:
            break
        if len(b.text) <= 100 and labelled_date(b.text):
            head.append(Block(b.text, b.line))  # the date line above the body
            break
    if head and not head[0].heading and blocks and blocks[0].text == title:
        blocks = [blocks[0], *head, *blocks[1:]]  # title, then the date line
    else:
        blocks = head + blocks
    return Parsed(
        blocks=blocks,
        title=title,
        rows=walker.rows,
        hints=page_hints(meta, page_text),
        issuer=page_issuer(page_text),
    )
