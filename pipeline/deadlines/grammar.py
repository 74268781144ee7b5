"""Compile the lexicon into one regular expression (per seasons table), once."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.deadlines import lexicon as lx
from pipeline.textnorm import normalise

__all__ = ["CompiledRow", "Grammar", "grammar_for"]

_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")


@dataclass(frozen=True, slots=True)
class CompiledRow:
    """A lexicon row with its group names made unique inside the combined pattern."""

    row: lx.Row
    groups: tuple[tuple[str, str], ...]  # (name in the combined pattern, name in the row)
    prefixed: bool  # may carry a year prefix (a period row)

    def values(self, m: re.Match[str]) -> dict[str, str | None]:
        return {short: m.group(full) for full, short in self.groups}


@dataclass(frozen=True, slots=True)
class Grammar:
    top: re.Pattern[str]
    rows: dict[str, CompiledRow]
    seasons: dict[str, tuple[int, int]]  # normalised term -> (month, day)
    range_sep: re.Pattern[str]
    day_only: re.Pattern[str]
    core: re.Pattern[str]  # every match holds one of these: texts without any are skipped


def _rename(row: lx.Row, pattern: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    names: list[tuple[str, str]] = []

    def sub(m: re.Match[str]) -> str:
        full = f"{row.name}__{m.group(1)}"
        names.append((full, m.group(1)))
        return f"(?P<{full}>"

    out = _GROUP.sub(sub, pattern)
    out = _BACKREF.sub(lambda m: f"(?P={row.name}__{m.group(1)})", out)
    return f"(?P<{row.name}>{out})", tuple(names)


def _first_chars(pattern: str) -> str | None:
    """The characters a match of ``pattern`` can start with (a superset), or None.

    Used to put a one-character guard in front of the combined pattern, which makes the
    scan over text that holds no date several times faster.
    """
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - private modules moved
        return None
    got = _FirstChars().seq(_parser.parse(pattern))
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
            c.SUBPATTERN: lambda av: self.seq(av[3]),
            c.BRANCH: self.branch,
            c.MAX_REPEAT: self.repeat,
            c.MIN_REPEAT: self.repeat,
            c.ASSERT: lambda av: (set(), True),
            c.ASSERT_NOT: lambda av: (set(), True),
            c.AT: lambda av: (set(), True),
            # (?(pfx)yes|(?!)): reached only after the non-empty prefix group matched, so
            # the first character came from that group; never an empty match.
            c.GROUPREF_EXISTS: lambda av: (set(), False),
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


def _build(seasons: tuple[tuple[str, str], ...]) -> Grammar:
    season_dates: dict[str, tuple[int, int]] = {}
    for term, mmdd in seasons:
        mm, _, dd = str(mmdd).partition("-")
        if term and mm.isdigit() and dd.isdigit():
            season_dates[normalise(term)] = (int(mm), int(dd))
    season_re = "|".join(re.escape(t) for t in sorted(season_dates, key=len, reverse=True))

    rows: dict[str, CompiledRow] = {}

    def compile_rows(table: tuple[lx.Row, ...], prefixed: bool) -> list[str]:
        parts = []
        for row in table:
            pattern = row.pattern
            if row.name == "season":
                if not season_re:
                    continue
                pattern = pattern.replace("{SEASONS}", season_re)
            if prefixed:
                pattern += f"(?P<sfx>{lx.SUFFIX})?"
            text, groups = _rename(row, pattern)
            rows[row.name] = CompiledRow(row, groups, prefixed)
            parts.append(text)
        return parts

    early = compile_rows(lx.EARLY_ROWS, False)
    periods = compile_rows(lx.PERIOD_ROWS, True)
    late = compile_rows(lx.LATE_ROWS, False)
    for name in ("tail", "bare"):
        rows[name] = CompiledRow(lx.Row(name, "", name), ((f"{name}__sfx", "sfx"),), True)
    prefixed = (
        f"(?P<pfx>{lx.PREFIX})?(?:{'|'.join(periods)}"
        f"|(?(pfx)(?:(?P<tail>{lx.YEAR_TAIL}(?P<tail__sfx>{lx.SUFFIX})?)"
        f"|(?P<bare>(?P<bare__sfx>{lx.SUFFIX})?))|(?!)))"
    )
    top = "|".join([*early, prefixed, *late])
    first = _first_chars(top)
    if first:
        top = f"(?=[{re.escape(first)}])(?:{top})"
    return Grammar(
        top=re.compile(top),
        rows=rows,
        seasons=season_dates,
        range_sep=re.compile(lx.RANGE_SEP),
        day_only=re.compile(rf"(?P<d>{lx.NUM})[日号](?:{lx.TIME})?(?P<sfx>{lx.SUFFIX})?"),
        core=re.compile(lx.CORE.replace("{SEASONS}", season_re or "(?!)")),
    )


@lru_cache(maxsize=16)
def _cached(seasons: tuple[tuple[str, str], ...]) -> Grammar:
    return _build(seasons)


def grammar_for(seasons: Mapping[str, str] | None) -> Grammar:
    """The compiled grammar for a seasons table (the shipped defaults when None)."""
    table = lx.DEFAULT_SEASONS if seasons is None else seasons
    return _cached(tuple(sorted((str(k), str(v)) for k, v in table.items())))


DEFAULT = grammar_for(None)
