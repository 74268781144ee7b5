"""MySQL dumps: the rows of `INSERT INTO t (cols) VALUES (...), (...);` statements as records.

Only what a dump needs: quoted strings with backslash and doubled-quote escapes, numbers,
NULL, comments. Rows with a text column (content, full_text, ...) become documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pipeline.ingest.containers import TEXT_KEYS, Record, container_documents
from pipeline.ingest.source import FormatError, Parsed, decode_text

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    |(?P<comment>--[^\n]*|\#[^\n]*|/\*.*?\*/)
    |(?P<string>'[^'\\]*(?:(?:\\.|'')[^'\\]*)*')
    |(?P<dstring>"[^"\\]*(?:(?:\\.|"")[^"\\]*)*")
    |(?P<ident>`[^`]*`)
    |(?P<word>[A-Za-z_][A-Za-z0-9_$]*)
    |(?P<number>[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
    |(?P<punct>[(),;.])
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPES = {
    "0": "",
    "b": "\b",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "Z": "\x1a",
    "%": "\\%",
    "_": "\\_",
}
_ESCAPE = re.compile(r"\\(.)|''|\"\"", re.DOTALL)

Token = tuple[str, str, int]  # kind, text, offset


def unescape(body: str) -> str:
    """The value of a MySQL string literal's body."""

    def one(m: re.Match[str]) -> str:
        if m[1] is None:
            return m[0][0]
        return _ESCAPES.get(m[1], m[1])

    return _ESCAPE.sub(one, body)


def tokens(text: str) -> Iterator[Token]:
    pos, end = 0, len(text)
    while pos < end:
        m = _TOKEN.match(text, pos)
        assert m is not None and m.lastgroup is not None  # "other" matches any character
        kind = m.lastgroup
        if kind == "other" and m[0] in "'\"":
            raise FormatError("unterminated string literal", line=text.count("\n", 0, pos) + 1)
        if kind not in ("space", "comment"):
            yield kind, m[0], pos
        pos = m.end()


def _value(kind: str, raw: str) -> Any:
    if kind in ("string", "dstring"):
        return unescape(raw[1:-1])
    if kind == "number":
        return float(raw) if any(c in raw for c in ".eE") else int(raw)
    if kind == "word":
        return {"NULL": None, "TRUE": 1, "FALSE": 0}.get(raw.upper(), raw)
    return raw


def _name(raw: str) -> str:
    return raw.strip("`").strip('"')


class _Statements:
    """A cursor over the tokens of a dump."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = list(tokens(text))
        self.i = 0
        self._mark = (0, 1)  # (offset, line) of the last line lookup

    def line(self, offset: int) -> int:
        """1-based line of `offset`; lookups mostly move forward, so count from the last."""
        last, line = self._mark if offset >= self._mark[0] else (0, 1)
        line += self.text.count("\n", last, offset)
        self._mark = (offset, line)
        return line

    def peek(self) -> Token | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise FormatError("unexpected end of file inside a statement")
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        _, raw, offset = self.take()
        if raw.upper() != text:
            raise FormatError(f"expected {text!r}, found {raw[:20]!r}", line=self.line(offset))

    def skip_statement(self) -> None:
        while (tok := self.peek()) is not None:
            self.i += 1
            if tok[1] == ";":
                return

    def inserts(self) -> Iterator[tuple[int, list[str], list[Any]]]:
        """(line, columns, values) for each row of each INSERT or REPLACE statement."""
        while (tok := self.peek()) is not None:
            if tok[0] == "word" and tok[1].upper() in ("INSERT", "REPLACE"):
                yield from self._insert()
            else:
                self.skip_statement()

    def _insert(self) -> Iterator[tuple[int, list[str], list[Any]]]:
        start = self.take()[2]
        while (tok := self.peek()) and tok[0] == "word" and tok[1].upper() in _MODIFIERS:
            self.i += 1
        self.take()  # table name
        while (tok := self.peek()) and tok[1] == ".":
            self.i += 2  # db.table
        if not ((tok := self.peek()) and tok[1] == "("):
            raise FormatError("INSERT without a column list", line=self.line(start))
        columns = [_name(v) for v in self._tuple()]
        kw = self.take()
        if kw[1].upper() not in ("VALUES", "VALUE"):
            raise FormatError(f"expected VALUES, found {kw[1][:20]!r}", line=self.line(kw[2]))
        while True:
            ahead = self.peek()
            yield self.line(ahead[2] if ahead else start), columns, self._tuple()
            tok = self.peek()
            if tok is None or tok[1] == ";":
                self.i += tok is not None
                return
            if tok[1] != ",":
                self.skip_statement()  # ON DUPLICATE KEY UPDATE ...
                return
            self.i += 1

    def _tuple(self) -> list[Any]:
        self.expect("(")
        values: list[Any] = []
        while True:
            kind, raw, _ = self.take()
            if raw == ")" and not values:
                return values
            if raw == "(":  # a function call such as NOW(): keep its name only
                self._skip_parens()
                continue
            values.append(_value(kind, raw))
            sep = self.take()
            while sep[1] == "(":  # FUNC(...) after a word
                self._skip_parens()
                sep = self.take()
            if sep[1] == ")":
                return values
            if sep[1] != ",":
                raise FormatError(
                    f"unexpected {sep[1][:20]!r} in a value list", line=self.line(sep[2])
                )

    def _skip_parens(self) -> None:
        depth = 1
        while depth:
            raw = self.take()[1]
            depth += (raw == "(") - (raw == ")")


_MODIFIERS = frozenset({"LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE", "INTO"})


def parse_sql(data: bytes) -> list[Parsed]:
    """One document per inserted row that has a text column."""
    text, encoding = decode_text(data)
    records: list[tuple[int, Record]] = []
    seen_insert = False
    for line, columns, values in _Statements(text).inserts():
        seen_insert = True
        if len(values) != len(columns):
            raise FormatError(f"{len(values)} values for {len(columns)} columns", line=line)
        record = dict(zip((c.lower() for c in columns), values))
        if any(k in record for k in TEXT_KEYS):
            records.append((line, record))
    if not seen_insert:
        raise FormatError("no INSERT statements")
    return container_documents(
        records, encoding, f"no inserted row has a text column ({', '.join(TEXT_KEYS)})"
    )
