"""A small, tolerant HTML tree on the standard library's html.parser.

Implicit closes follow HTML where it matters for text (an open <p> before a block, <li>
before <li>, cells and rows); unknown end tags are ignored; <meta> names are collected.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser


def words(text: str) -> frozenset[str]:
    """A set of space-separated names."""
    return frozenset(text.split())


VOID = words("area base br col embed hr img input link meta param source track wbr")
DROP = words("script style noscript template svg iframe object canvas select button textarea head")
MAX_DEPTH = 200
BLOCK = words(
    """p div section article main blockquote pre ul ol li dl dt dd form fieldset figure
    figcaption address center hr table tr td th thead tbody tfoot caption h1 h2 h3 h4 h5 h6
    body html"""
)


@dataclass
class Node:
    """An element: tag, attributes, start line, children (elements and (line, text) pieces)."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node | tuple[int, str]] = field(default_factory=list)

    def elements(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()

    def text(self) -> str:
        return "".join(
            c[1] if isinstance(c, tuple) else ("" if c.tag in DROP else c.text())
            for c in self.children
        )

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 1)
        self.stack = [self.root]
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            name = values.get("name") or values.get("property") or values.get("itemprop")
            if name and values.get("content"):
                self.meta.setdefault(name.lower(), values["content"].strip())
        self._auto_close(tag)
        node = Node(tag, values, self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:  # deeper: flattened, no recursion
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append((self.getpos()[0], data))

    def _auto_close(self, tag: str) -> None:
        """Close what HTML closes implicitly (an open <p> before a block, <li> before <li>)."""
        rule = _IMPLIED_CLOSE.get(tag)
        if rule is None:
            return
        closes, stops = rule
        for i in range(len(self.stack) - 1, 0, -1):
            current = self.stack[i].tag
            if current in closes:
                del self.stack[i:]
                return
            if current in stops:
                return


# tag → (open tags it closes, tags that stop the search)
_IMPLIED_CLOSE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    tag: (words("p"), BLOCK - {"p"}) for tag in BLOCK
} | {
    "li": (words("li"), words("ul ol")),
    "tr": (words("tr"), words("table")),
    "td": (words("td th"), words("tr table")),
    "th": (words("td th"), words("tr table")),
    "dt": (words("dt dd"), words("dl")),
    "dd": (words("dt dd"), words("dl")),
    "option": (words("option"), words("select")),
}


def parse_tree(text: str) -> tuple[Node, dict[str, str]]:
    """(root, meta): the element tree and the page's <meta> name → content (lower-case names)."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root, builder.meta
