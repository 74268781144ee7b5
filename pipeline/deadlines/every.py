"""Recurring obligations (每月X日前, 每季度末, 每年, 每周五): the ``every`` handler.

A bare 每年/每月 before an amount, a verb of change or a count is a rate or a quota, not an
obligation (see ``_is_rate``); the engine fills the occurrences (``recurring.py``).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.handlers import Ctx, Hit, Values, month_number
from pipeline.textnorm import parse_num

_PART_DAY = {**lx.XUN, "初": lx.EARLY_DAY}


def _series(unit: str, v: Values, params: dict[str, Any]) -> Callable[[int], Iterator[dt.date]]:
    """A function from a start year to the obligation's due dates, in order."""
    # 每年3月上旬: the 旬's last day, as X月上旬 (下旬: the month's end)
    # 每月初: by the 10th, like 上旬
    x = v.get("x") or ""
    day = parse_num(v["d"] or "") if v.get("d") else _PART_DAY.get(x)
    if unit == "month" or (unit == "quarter" and params.get("first_month")):
        step = 1 if unit == "month" else 3

        def gen(y: int) -> Iterator[dt.date]:
            for i in range(0, 12 * 400, step):
                yy, mm = y + i // 12, i % 12 + 1
                last = _cal.monthrange(yy, mm)[1]
                yield dt.date(yy, mm, min(day, last) if day else last)

        return gen
    if unit in ("half_month", "xun"):
        days = (15,) if unit == "half_month" else (10, 20)

        def gen_parts(y: int) -> Iterator[dt.date]:
            for i in range(12 * 400):
                yy, mm = y + i // 12, i % 12 + 1
                yield from (dt.date(yy, mm, d) for d in days)
                yield dt.date(yy, mm, _cal.monthrange(yy, mm)[1])

        return gen_parts
    if unit in ("quarter", "half", "year"):
        if unit == "year" and (v.get("q") or v.get("first")):  # 每年一季度末, 每年年初
            q = parse_num(v.get("q") or "")
            months: tuple[int, ...] = (3 * q,) if q else (lx.YEAR_START_MONTH,)
        elif unit == "year" and v.get("m"):
            m = month_number(v["m"])
            if m is None:
                raise ValueError("bad month")
            months = (m,)
        else:
            months = {"quarter": (3, 6, 9, 12), "half": (6, 12), "year": (12,)}[unit]

        def gen_end(y: int) -> Iterator[dt.date]:
            for yy in range(y, y + 400):
                for mm in months:
                    last = _cal.monthrange(yy, mm)[1]
                    yield dt.date(yy, mm, min(day, last) if day else last)

        return gen_end
    raise ValueError(unit)


def _workday_of_month(
    months: Callable[[int], Iterator[dt.date]], n: int, ctx: Ctx
) -> Callable[[int], Iterator[dt.date]]:
    """Each month of ``months`` (its last days) moved to its nth working day (0: its last)."""
    cal = ctx.calendar

    def gen(y: int) -> Iterator[dt.date]:
        for last in months(y):
            if n == 0:
                yield cal.previous_workday(last)
            else:
                yield cal.add_workdays(last.replace(day=1) - dt.timedelta(days=1), n)[0]

    return gen


def _is_rate(ctx: Ctx, end: int) -> bool:
    """平均每年递增4%, 每月1000元, 每月召开三次: a rate or quota, not a recurring obligation."""
    text = ctx.text
    if text.endswith(cues.RATE_BEFORE, max(0, ctx.start - 2), ctx.start):
        return True
    count = cues.RATE_COUNT.match(text, end)
    if (
        count is not None
        and count.group("n") in ("一", "1")
        and count.group("u") in cues.SINGLE_EVENT
    ):
        return False  # 每年开展一次: once per period is the obligation itself
    if count is None and cues.RATE_AVERAGE.match(text, end) is not None:
        return True
    return count is not None or cues.RATE_AFTER.match(text, end) is not None


def h_every(v: Values, params: dict[str, Any], ctx: Ctx) -> Hit | None:
    unit = params["unit"]
    if params.get("bare") and _is_rate(ctx, ctx.end):
        return None
    if unit == "week":
        wd = lx.WEEKDAYS[v.get("w") or "末"]  # bare 每周: Sunday
        weeks_apart = params.get("step", 1)
        step = dt.timedelta(weeks=weeks_apart)

        def weeks(start: dt.date) -> Iterator[dt.date]:
            d = start + dt.timedelta(days=(wd - start.weekday()) % 7)
            while True:
                yield d
                d += step

        label = "week" if weeks_apart == 1 else f"{weeks_apart} weeks"
        return Hit(None, "recurring", "document", recurring=label, series=weeks)
    if v.get("d"):
        day = parse_num(v["d"] or "")
        if day is None or not 1 <= day <= 31:
            return None
    try:
        gen = _series(unit, v, params)
    except ValueError:
        return None
    if v.get("wn") or v.get("wf") or v.get("wl"):  # 每月前5个工作日内: the 5th working day
        gen = _workday_of_month(gen, parse_num(v.get("wn") or v.get("wf") or "") or 0, ctx)
    if unit == "year" and v.get("m") and v.get("d"):
        month = month_number(v["m"])
        if month is None or (parse_num(v["d"] or "") or 0) > _cal.monthrange(2000, month)[1]:
            return None

    def series(start: dt.date) -> Iterator[dt.date]:
        return (d for d in gen(start.year) if d >= start)

    label = {"half_month": "half month", "xun": "ten-day period"}.get(unit, unit)
    return Hit(None, "recurring", "document", recurring=label, series=series)
