"""The page's element tree, parsed by lxml (libxml2's tolerant HTML parser), as plain nodes.

lxml repairs what browsers repair (implicit closes of <p>, <li>, cells and rows; stray end
tags); this module turns its tree into ``Node``s with source lines, text pieces in document
order (an element's text, then each child followed by its tail), and collects <meta> names.
Comments and processing instructions are left out; their tails are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html


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


def _meta(el: etree._Element, meta: dict[str, str]) -> None:
    name = el.get("name") or el.get("property") or el.get("itemprop")
    content = (el.get("content") or "").strip()
    if name and content:
        meta.setdefault(name.lower(), content)


def _convert(top: etree._Element, root: Node, meta: dict[str, str]) -> None:
    """Copy lxml's tree below ``top`` into ``root``, without recursion (pages nest deeply);
    below MAX_DEPTH, elements are flattened into the deepest kept node."""
    stack: list[tuple[etree._Element, Node, int]] = [(top, root, 0)]
    while stack:
        el, node, depth = stack.pop()
        line = node.line
        if el.text and isinstance(el.tag, str):
            node.children.append((line, el.text))
        pending: list[tuple[etree._Element, Node, int]] = []
        for child in el:
            if isinstance(child.tag, str):  # not a comment or processing instruction
                tag = child.tag.lower()
                attrs = {str(k).lower(): v or "" for k, v in child.attrib.items()}
                line = child.sourceline or line
                if tag == "meta":
                    _meta(child, meta)
                sub = Node(tag, attrs, line)
                node.children.append(sub)
                if depth + 1 < MAX_DEPTH:
                    pending.append((child, sub, depth + 1))
                else:
                    pending.append((child, node, depth))
            if child.tail:
                node.children.append((line, child.tail))
        stack.extend(reversed(pending))


def parse_tree(text: str) -> tuple[Node, dict[str, str]]:
    """(root, meta): the element tree and the page's <meta> name → content (lower-case names)."""
    root = Node("#root", {}, 1)
    meta: dict[str, str] = {}
    if not text.strip():
        return root, meta
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        doc = lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):  # nothing but comments or blanks
        return root, meta
    html_node = Node(doc.tag.lower() if isinstance(doc.tag, str) else "html", {}, 1)
    root.children.append(html_node)
    _convert(doc, html_node, meta)
    return root, meta
