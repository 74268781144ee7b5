"""Recurring obligations (每月X日前, 每季度末 ...): their occurrences in a sentence's horizon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.deadlines import handlers as h
from pipeline.deadlines import lexicon as lx
from pipeline.textnorm import parse_num, parse_year

MAX_OCCURRENCES = 1000


@dataclass(slots=True)
class Item:
    """A matched expression while the engine works on it."""

    start: int
    end: int
    hit: h.Hit
    end_cue: bool = False  # preceded by 至/到/截至: an explicit end for recurring items
    bound: bool = False  # ends in 前/以前/之前/内/为止/止: a "by" date, also an end for them
    invalid: bool = False  # a date no calendar has (13月底前, 2月30日前)


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(text.rfind(c, 0, start) for c in lx.SENTENCE_STOPS) + 1
    his = [i for c in lx.SENTENCE_STOPS if (i := text.find(c, end)) >= 0]
    return lo, min(his, default=len(text))


def _recur_start(text: str, lo: int, end: int, as_of: dt.date) -> dt.date:
    """A later start written before a recurring item in its sentence (2020年起), else as_of."""
    start = as_of
    for m in lx.RECUR_START.finditer(text, lo, end):
        year = parse_year(m.group("y"))
        month = parse_num(m.group("m")) if m.group("m") else 1
        day = parse_num(m.group("d")) if m.group("d") else 1
        try:
            start = max(start, dt.date(year or 0, month or 0, day or 0))
        except ValueError:
            continue
    return start


def occurrences(
    item: Item,
    items: Sequence[Item],
    text: str,
    as_of: dt.date,
    horizon: dt.date | None,
    plan_year: int | None = None,
) -> None:
    """Fill a recurring item's first due date and occurrences, up to its horizon.

    A plan for a later year ("2027年…方案" written in December 2026) starts its recurring
    obligations in that year and runs them to its end."""
    hit = item.hit
    assert hit.series is not None
    lo, hi = sentence(text, item.start, item.end)
    floor = as_of
    if plan_year is not None and plan_year > as_of.year:
        floor = dt.date(plan_year, 1, 1)
    dates = hit.series(_recur_start(text, lo, item.start, floor))
    first = next(dates)
    if horizon is None:
        # the sentence's own end: "……至2022年", "2021年6月底前，每季度末报送"; an end
        # before the first occurrence cannot bound the series and is passed over
        ends = [
            o.hit.due
            for o in items
            if o is not item
            and lo <= o.start < hi
            and o.hit.due is not None
            and o.hit.series is None
            and (o.end_cue or o.bound or o.hit.kind == "range")
            and o.hit.due >= first
        ]
        horizon = max(ends) if ends else dt.date(floor.year, 12, 31)
    occ = [first]
    for d in dates:
        if d > horizon or len(occ) >= MAX_OCCURRENCES:
            break
        occ.append(d)
    hit.due = first
    hit.occurrences = tuple(occ)
