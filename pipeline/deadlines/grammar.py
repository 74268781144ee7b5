"""Compile the lexicon into one regular expression (per seasons table), once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

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
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - private modules moved
        return None

    def seq(items) -> tuple[set[str], bool] | None:
        out: set[str] = set()
        for op, av in items:
            got = one(op, av)
            if got is None:
                return None
            chars, nullable = got
            out |= chars
            if not nullable:
                return out, False
        return out, True

    def one(op, av) -> tuple[set[str], bool] | None:
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            chars = set()
            for iop, iav in av:
                if iop is c.LITERAL:
                    chars.add(chr(iav))
                elif iop is c.RANGE and iav[1] - iav[0] < 512:
                    chars.update(chr(i) for i in range(iav[0], iav[1] + 1))
                else:
                    return None
            return chars, False
        if op is c.SUBPATTERN:
            return seq(av[3])
        if op is c.BRANCH:
            out, nullable = set(), False
            for branch in av[1]:
                got = seq(branch)
                if got is None:
                    return None
                out |= got[0]
                nullable |= got[1]
            return out, nullable
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            got = seq(av[2])
            return None if got is None else (got[0], got[1] or av[0] == 0)
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            return set(), True
        if op is c.GROUPREF_EXISTS:
            # (?(pfx)yes|(?!)): reached only after the non-empty prefix group matched, so
            # the first character came from that group; never an empty match.
            return set(), False
        return None

    got = seq(_parser.parse(pattern))
    if got is None or got[1]:
        return None
    return "".join(sorted(got[0]))


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
