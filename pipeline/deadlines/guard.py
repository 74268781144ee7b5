"""A one-character guard in front of a large alternation: the scan skips at once every
position where no branch can start (CPython's regex engine does this only for patterns whose
branches all start with a literal)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def guarded(pattern: str) -> str:
    """``pattern`` behind a look-ahead of the characters a match can start with; the pattern
    itself when they cannot be told (an empty match is possible, or a class is too wide)."""
    first = first_chars(pattern)
    return f"(?=[{re.escape(first)}])(?:{pattern})" if first else pattern


def first_chars(pattern: str) -> str | None:
    """The characters a match of ``pattern`` can start with (a superset), or None."""
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - private modules moved
        return None
    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:  # a letter's other case would be missed
        return None
    got = _FirstChars().seq(parsed)
    if got is None or got[1]:
        return None
    return "".join(sorted(got[0]))


First = tuple[set[str], bool] | None  # (characters a piece can start with, may it be empty)


class _FirstChars:
    """The first characters of a parsed pattern (``re._parser``'s tree), by node kind."""

    def __init__(self) -> None:
        from re import _constants as c  # type: ignore[attr-defined]

        self.c = c
        self.kinds: dict[object, Callable[[Any], First]] = {
            c.LITERAL: lambda av: ({chr(av)}, False),
            c.IN: self.in_,
            # a scoped (?i:…) could match the other case of a letter: not told
            c.SUBPATTERN: lambda av: None if av[1] & re.IGNORECASE else self.seq(av[3]),
            c.BRANCH: self.branch,
            c.MAX_REPEAT: self.repeat,
            c.MIN_REPEAT: self.repeat,
            c.ASSERT: lambda av: (set(), True),
            c.ASSERT_NOT: lambda av: (set(), True),
            c.AT: lambda av: (set(), True),
            c.GROUPREF_EXISTS: self.conditional,
        }

    def seq(self, items: object) -> First:
        out: set[str] = set()
        for op, av in items:  # type: ignore[attr-defined]
            kind = self.kinds.get(op)
            got = kind(av) if kind else None
            if got is None:
                return None
            out |= got[0]
            if not got[1]:
                return out, False
        return out, True

    def conditional(self, av: tuple[object, object, object]) -> First:
        """(?(group)yes|(?!)): it matches only where ``group`` matched before it, so its
        first character is the group's, counted where the group stands; the grammar's
        groups so tested match text (a prefix word). Any other conditional: not told."""
        no: Any = av[2]
        fails = (
            no is not None
            and len(no) == 1
            and no[0][0] is self.c.ASSERT_NOT
            and no[0][1][0] == 1
            and len(no[0][1][1]) == 0
        )
        return (set(), False) if fails else None

    def in_(self, av: list[tuple[object, object]]) -> First:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is self.c.LITERAL:
                chars.add(chr(iav))  # type: ignore[arg-type]
            elif iop is self.c.RANGE and iav[1] - iav[0] < 512:  # type: ignore[index]
                chars.update(chr(i) for i in range(iav[0], iav[1] + 1))  # type: ignore[index]
            else:
                return None
        return chars, False

    def branch(self, av: tuple[object, list[object]]) -> First:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            got = self.seq(branch)
            if got is None:
                return None
            out |= got[0]
            nullable |= got[1]
        return out, nullable

    def repeat(self, av: tuple[int, int, object]) -> First:
        got = self.seq(av[2])
        return None if got is None else (got[0], got[1] or av[0] == 0)
