"""Compile the lexicon into one regular expression (per seasons table), once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.every_rows import EVERY_ROWS
from pipeline.deadlines.guard import first_chars, guarded
from pipeline.deadlines.lunar import LUNAR_ROWS
from pipeline.deadlines.span_rows import EARLY_SPAN_ROWS, FISCAL_ROWS, PERIOD_FIRST_ROWS, SPENT_ROWS
from pipeline.textnorm import normalise

__all__ = ["CompiledRow", "Grammar", "grammar_for"]

_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")
_CONDITION = re.compile(r"\(\?\((\w+)\)")


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
    # per character: `top` without the branches that cannot start with it (a failed try
    # of the whole grammar costs microseconds; most tries fail)
    by_start: Mapping[str, re.Pattern[str] | None] = field(default_factory=dict)


# Seasonal terms and their day (config `seasons` replaces them)
DEFAULT_SEASONS: dict[str, str] = {
    "汛前": "05-31", "汛期前": "05-31", "汛期来临前": "05-31", "雨季前": "05-31", "雨季来临前": "05-31",
    "供暖季前": "11-14", "供暖前": "11-14", "开学前": "08-31",
    "秋季开学前": "08-31", "秋季开学时": "08-31",
}  # fmt: skip


def _rename(row: lx.Row, pattern: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    names: list[tuple[str, str]] = []

    def sub(m: re.Match[str]) -> str:
        full = f"{row.name}__{m.group(1)}"
        names.append((full, m.group(1)))
        return f"(?P<{full}>"

    out = _GROUP.sub(sub, pattern)
    out = _BACKREF.sub(lambda m: f"(?P={row.name}__{m.group(1)})", out)
    out = _CONDITION.sub(lambda m: f"(?({row.name}__{m.group(1)})", out)
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

    early = compile_rows((*EARLY_SPAN_ROWS, *LUNAR_ROWS, *FISCAL_ROWS, *lx.EARLY_ROWS), False)
    periods = compile_rows((*PERIOD_FIRST_ROWS, *lx.PERIOD_ROWS), True)
    late = compile_rows((*lx.LATE_ROWS, *SPENT_ROWS, *EVERY_ROWS), False)
    for name in ("tail", "bare"):
        rows[name] = CompiledRow(lx.Row(name, "", name), ((f"{name}__sfx", "sfx"),), True)
    top = "|".join([*early, _prefixed(periods), *late])
    starts = frozenset(first_chars(top) or "") or None
    compiled = re.compile(guarded(top))
    return Grammar(
        top=compiled,
        plain_top=top,
        starts=starts,
        by_start=_by_start(compiled, starts or frozenset(), early, periods, late),
        rows=rows,
        seasons=season_dates,
        range_sep=re.compile(lx.RANGE_SEP),
        day_only=re.compile(rf"(?P<d>{lx.NUM})[日号](?:{lx.TIME})?(?P<sfx>{lx.SUFFIX})?"),
        core=re.compile(guarded(lx.CORE.replace("{SEASONS}", season_re or "(?!)"))),
    )


def _prefixed(periods: list[str]) -> str:
    """The periods, each after an optional year prefix; a prefix alone with a tail (2025年底)
    or bare (2025年)."""
    alone = (
        f"(?(pfx)(?:(?P<tail>{lx.YEAR_TAIL}(?P<tail__sfx>{lx.SUFFIX})?)"
        f"|(?P<bare>(?P<bare__sfx>{lx.SUFFIX})?))|(?!))"
    )
    return f"(?P<pfx>{lx.PREFIX})?(?:{'|'.join([*periods, alone])})"


class ByStart(dict[str, "re.Pattern[str] | None"]):
    """For each character, the grammar's branches that can start with it, in their order
    (at a position holding that character, the first branch to match is the same); None for
    a character no match starts with. A branch whose first characters cannot be told is
    kept for every character. Each set of branches is compiled when first needed; a
    character a year prefix can start with (2025年, 明年…) keeps nearly all of them, and gets
    the whole grammar (``WHOLE``) instead of a copy that takes as long to compile."""

    WHOLE: tuple[str, ...] = ()

    def __init__(self, top: re.Pattern[str], branches: Mapping[str, tuple[str, ...]]) -> None:
        super().__init__()
        self.top = top
        self.branches = branches
        self.compiled: dict[tuple[str, ...], re.Pattern[str]] = {self.WHOLE: top}

    def __missing__(self, ch: str) -> re.Pattern[str] | None:
        key = self.branches.get(ch)
        if key is None:
            self[ch] = None
            return None
        if key not in self.compiled:
            self.compiled[key] = re.compile("|".join(key))
        self[ch] = self.compiled[key]
        return self[ch]


def _by_start(
    top: re.Pattern[str],
    starts: frozenset[str],
    early: list[str],
    periods: list[str],
    late: list[str],
) -> ByStart:
    def can(branch: str, ch: str) -> bool:
        first = firsts.get(branch)
        return first is None or ch in first

    firsts = {b: first_chars(b) for b in [*early, *periods, *late, lx.PREFIX]}
    out: dict[str, tuple[str, ...]] = {}
    for ch in starts:
        if can(lx.PREFIX, ch):  # then any period may follow it
            out[ch] = ByStart.WHOLE
            continue
        mine = [p for p in periods if can(p, ch)]
        branches = [b for b in early if can(b, ch)]
        branches += [_prefixed(mine)] if mine else []
        out[ch] = (*branches, *(b for b in late if can(b, ch)))
    return ByStart(top, out)


@lru_cache(maxsize=16)
def _cached(seasons: tuple[tuple[str, str], ...]) -> Grammar:
    return _build(seasons)


def grammar_for(seasons: Mapping[str, str] | None) -> Grammar:
    """The compiled grammar for a seasons table (the shipped defaults when None)."""
    table = DEFAULT_SEASONS if seasons is None else seasons
    return _cached(tuple(sorted((str(k), str(v)) for k, v in table.items())))


DEFAULT = grammar_for(None)
