"""Compile the lexicon into one regular expression (per seasons table), once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.guard import first_chars, guarded
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
    starts: frozenset[str] | None = None  # the characters a match of `top` can start with
    plain_top: str = ""  # `top` without its guard (tests compare the two)


def _rename(row: lx.Row, pattern: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    names: list[tuple[str, str]] = []

    def sub(m: re.Match[str]) -> str:
        full = f"{row.name}__{m.group(1)}"
        names.append((full, m.group(1)))
        return f"(?P<{full}>"

    out = _GROUP.sub(sub, pattern)
    out = _BACKREF.sub(lambda m: f"(?P={row.name}__{m.group(1)})", out)
    return f"(?P<{row.name}>{out})", tuple(names)


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
    return Grammar(
        top=re.compile(guarded(top)),
        plain_top=top,
        starts=frozenset(first_chars(top) or "") or None,
        rows=rows,
        seasons=season_dates,
        range_sep=re.compile(lx.RANGE_SEP),
        day_only=re.compile(rf"(?P<d>{lx.NUM})[日号](?:{lx.TIME})?(?P<sfx>{lx.SUFFIX})?"),
        core=re.compile(guarded(lx.CORE.replace("{SEASONS}", season_re or "(?!)"))),
    )


@lru_cache(maxsize=16)
def _cached(seasons: tuple[tuple[str, str], ...]) -> Grammar:
    return _build(seasons)


def grammar_for(seasons: Mapping[str, str] | None) -> Grammar:
    """The compiled grammar for a seasons table (the shipped defaults when None)."""
    table = lx.DEFAULT_SEASONS if seasons is None else seasons
    return _cached(tuple(sorted((str(k), str(v)) for k, v in table.items())))


DEFAULT = grammar_for(None)
