"""Handlers named by lexicon rows: matched groups in, a period or a resolved hit out.

A *period* handler (rows that may take a year prefix) returns a ``Period``: a function from
a year to the period's last day, so the engine can apply the year rules (explicit, 明年,
roll-over) in one place. A *standalone* handler returns a ``Hit`` with its date already
computed. Either returns None when the groups do not make a real date (13月, 2月30日).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.deadlines import lexicon as lx
from pipeline.textnorm import parse_num, parse_year
from pipeline.workcal import WorkCalendar, festival_date

_ONE = dt.timedelta(days=1)
Values = dict[str, str | None]


@lru_cache(maxsize=8192)
def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def add_months(d: dt.date, n: int) -> dt.date:
    """The same day ``n`` months on, or that month's last day when the day does not exist."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Period:
    """A period named without (or before applying) its year."""

    kind: str
    end: Callable[[int], dt.date]  # last day in a given year; may raise ValueError
    month: int | None = None  # month of the last day, for the same-month rule
    ambiguous: bool = False


@dataclass(slots=True)
class Hit:
    """A resolved expression before it becomes a ``Deadline``."""

    due: dt.date | None
    kind: str
    basis: str
    provisional: bool = False
    ambiguous: bool = False
    recurring: str | None = None
    series: Callable[[dt.date], Iterator[dt.date]] | None = None  # recurring due dates
    occurrences: tuple[dt.date, ...] = ()


@dataclass(slots=True)
class Ctx:
    as_of: dt.date
    calendar: WorkCalendar
    text: str  # normalised
    start: int
    end: int
    seasons: dict[str, tuple[int, int]]


# Period handlers ------------------------------------------------------------------------
def _month(s: str | None) -> int | None:
    m = parse_num(s) if s else None
    return m if m is not None and 1 <= m <= 12 else None


def _day_of(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda y: dt.date(y, month, day)


def p_month_end(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m = _month(v["m"])
    return None if m is None else Period("month_end", lambda y: month_end(y, m), m)


def p_month_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m1, m2 = _month(v["m1"]), _month(v["m2"])
    if m1 is None or m2 is None:
        return None
    # y is the first month's year: "11—2月" ends in February of the following year
    return Period("range", lambda y: month_end(y + (m2 < m1), m2), m2)


def _day(month: int | None, s: str | None) -> int | None:
    """The day of a month written as ``s`` when some year has it (2月29日 does), else None."""
    d = parse_num(s or "")
    if (
        month is None
        or d is None
        or not 1 <= d <= (29 if month == 2 else _cal.monthrange(2001, month)[1])
    ):
        return None
    return d


def p_day(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m = _month(v["m"])
    d = _day(m, v["d"])
    return None if m is None or d is None else Period("day", _day_of(m, d), m)


def p_day_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    """4月12-19日: the range's last day, in the month written once."""
    m = _month(v["m"])
    d1, d2 = _day(m, v["d1"]), _day(m, v["d2"])
    if m is None or d1 is None or d2 is None or d2 < d1:
        return None
    return Period("range", _day_of(m, d2), m)


def p_md_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    """1月3至2月10: the range's last day; y is the first day's year."""
    m1, m2 = _month(v["m1"]), _month(v["m2"])
    d1, d2 = _day(m1, v["d1"]), _day(m2, v["d2"])
    if m1 is None or m2 is None or d1 is None or d2 is None:
        return None
    wraps = (m2, d2) < (m1, d1)
    return Period("range", lambda y: dt.date(y + wraps, m2, d2), m2)


def p_early(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m = _month(v["m"])
    return None if m is None else Period("xun", _day_of(m, lx.EARLY_DAY), m)


def p_xun(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m = _month(v["m"])
    if m is None:
        return None
    day = lx.XUN[v["x"] or ""]
    if day == 31:
        return Period("xun", lambda y: month_end(y, m), m)
    return Period("xun", _day_of(m, day), m)


def p_quarter(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    q = 1 if v["q"] == "首" else parse_num(v["q"] or "")
    if q is None or not 1 <= q <= 4:
        return None
    return Period("quarter", lambda y: month_end(y, 3 * q))


def p_half(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m = lx.HALVES[v["h"] or ""]
    return Period("half", lambda y: month_end(y, m))


def p_year_end(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    return Period("year_end", lambda y: dt.date(y, 12, 31))


def p_festival(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    name = (v["f"] or "").strip('“"「『”」』')
    return Period("holiday", lambda y: festival_date(name, y) - _ONE)


def p_season(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    mm, dd = ctx.seasons[v["s"] or ""]
    if not 1 <= mm <= 12 or not 1 <= dd <= _cal.monthrange(2000, mm)[1]:
        return None
    return Period("season", _day_of(mm, dd))


# Standalone handlers --------------------------------------------------------------------
def h_iso_date(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    try:
        due = dt.date(int(v["y"] or 0), int(v["m"] or 0), int(v["d"] or 0))
    except ValueError:
        return None
    return Hit(due, "day", "explicit")


def h_year_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    y1, y2 = parse_year(v["y1"] or ""), parse_year(v["y2"] or "")
    if y1 is None or y2 is None or y2 < y1:
        return None
    return Hit(dt.date(y2, 12, 31), "range", "explicit")


def _relative_anchor(ctx: Ctx) -> bool:
    """True when the clause before a relative period names an event it counts from, or
    the clause before that ends on one ("转制为企业后，五年内免征…")."""
    lo = max(0, ctx.start - 24)
    before = ctx.text[lo : ctx.start]
    cut = max(before.rfind(stop) for stop in lx.CLAUSE_STOPS)
    clause, previous = before[cut + 1 :], before[: max(cut, 0)]
    if any(cue in clause for cue in lx.EVENT_CUES):
        return True
    return cut >= 0 and before[cut] in "，," and previous.rstrip().endswith(lx.EVENT_ENDS)


def h_workdays(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    n = parse_num(v["n"] or "")
    if not n or _past_span(ctx):
        return None
    due, provisional = ctx.calendar.add_workdays(ctx.as_of, n)
    return Hit(due, "workdays", "relative", provisional, _relative_anchor(ctx))


def _past_span(ctx: Ctx) -> bool:
    """过去五年内, 近三年内: a span that has already run."""
    return ctx.text.endswith(lx.PAST_SPAN_CUES, max(0, ctx.start - 2), ctx.start)


def h_relative(v: Values, params: dict[str, Any], ctx: Ctx) -> Hit | None:
    if _past_span(ctx):
        return None
    unit = params["unit"]
    half = bool(v.get("half"))
    n = 0 if half else parse_num(v["n"] or "")
    if n is None or (n == 0 and not half):
        return None
    if unit == "year" and v.get("and_half"):  # 3年半以内: 42 months
        return Hit(
            add_months(ctx.as_of, 12 * n + 6),
            "relative_months",
            "relative",
            ambiguous=_relative_anchor(ctx),
        )
    if unit in ("day", "week"):
        due = ctx.as_of + dt.timedelta(days=n * (7 if unit == "week" else 1))
        kind = "relative_days"
    elif unit == "month" and half:
        due, kind = ctx.as_of + dt.timedelta(days=15), "relative_months"
    else:
        months = (6 if half else 12 * n) if unit == "year" else n
        due, kind = add_months(ctx.as_of, months), "relative_months"
    return Hit(due, kind, "relative", ambiguous=_relative_anchor(ctx))


def h_month_rel(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    r = v.get("r") or ""
    first = add_months(ctx.as_of.replace(day=1), 1 if r.startswith(("下", "次")) else 0)
    if ctx.text.endswith("初", ctx.start, ctx.end) or "月初" in ctx.text[ctx.start : ctx.end]:
        # 月初前 with no 本/下: this month's first ten days while they last, else next month's
        if not r and ctx.as_of.day > lx.EARLY_DAY:
            first = add_months(first, 1)
        return Hit(first.replace(day=lx.EARLY_DAY), "xun", "document")
    if v.get("d"):
        d = parse_num(v["d"] or "")
        if d is None or not 1 <= d <= _cal.monthrange(first.year, first.month)[1]:
            return None
        due = first.replace(day=d)
    else:
        due = month_end(first.year, first.month)
    return Hit(due, "month_rel", "document")


def h_plan(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    n = parse_num(v["n"] or "")
    if n not in lx.PLAN_END:
        return None
    after = ctx.start + len(v["n"] or "") + 1
    if not (v["q"] or v["t"] or ctx.text.startswith(lx.PLAN_FOLLOWERS, after)):
        return None  # 十四五 without quotes, 规划 or 期末 may be a plain number
    if not v["q"] and n < 11 and not v["t"] and not ctx.text.startswith("计划", after):
        return None
    return Hit(dt.date(lx.PLAN_END[n], 12, 31), "plan_period", "explicit")


def h_winter_spring(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    # 今冬明春: the end of the coming spring (31 May; Mar-May is spring in Chinese usage)
    year = ctx.as_of.year if ctx.as_of.month <= 2 else ctx.as_of.year + 1
    return Hit(dt.date(year, 5, 31), "season", "document", ambiguous=True)


def h_nodate(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    return Hit(None, "none", "none")


def h_this_and_next(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    return Hit(dt.date(ctx.as_of.year + 1, 12, 31), "year_end", "document")


def h_quarter_rel(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """本季度 / 下季度 / 上季度: the end of that quarter, counted from the document's."""
    r = v.get("r") or ""
    step = 1 if r.startswith(("下", "次")) else -1 if r.startswith("上") else 0
    q = (ctx.as_of.month - 1) // 3 + step  # 0-based, may leave the year
    year, q = ctx.as_of.year + q // 4, q % 4
    return Hit(month_end(year, 3 * q + 3), "quarter", "document")


def h_week_rel(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """本周五前, 下周内, 下下周: a day of a week counted from the document's (Monday first)."""
    r = v.get("r") or ""
    step = {"本": 0, "这": 0, "下": 1, "下下": 2, "上": -1}[r]
    monday = ctx.as_of - dt.timedelta(days=ctx.as_of.weekday()) + dt.timedelta(weeks=step)
    day = lx.WEEKDAYS[v.get("w") or "末"]  # a week on its own ends on Sunday
    return Hit(monday + dt.timedelta(days=day), "week", "document")


def h_weekday(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """周五前: the next Friday on or after the document date."""
    day = lx.WEEKDAYS[v.get("w") or "末"]
    return Hit(ctx.as_of + dt.timedelta(days=(day - ctx.as_of.weekday()) % 7), "week", "document")


def h_day_of_month(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """25日前: this month's 25th while it is still ahead, else next month's."""
    d = parse_num(v.get("d") or "")
    if d is None or not 1 <= d <= 31:
        return None
    first = ctx.as_of.replace(day=1)
    for months in (0, 1, 2):  # a 31st skips a shorter next month
        month = add_months(first, months)
        if d <= _cal.monthrange(month.year, month.month)[1]:
            due = month.replace(day=d)
            if due >= ctx.as_of:
                return Hit(due, "day", "document" if months == 0 else "rollover")
    return None


def _series(unit: str, v: Values, params: dict[str, Any]) -> Callable[[int], Iterator[dt.date]]:
    """A function from a start year to the obligation's due dates, in order."""
    day = parse_num(v["d"]) if v.get("d") else None
    if unit == "month" or (unit == "quarter" and params.get("first_month")):
        step = 1 if unit == "month" else 3

        def gen(y: int) -> Iterator[dt.date]:
            for i in range(0, 12 * 400, step):
                yy, mm = y + i // 12, i % 12 + 1
                last = _cal.monthrange(yy, mm)[1]
                yield dt.date(yy, mm, min(day, last) if day else last)

        return gen
    if unit in ("quarter", "half", "year"):
        if unit == "year" and v.get("m"):
            m = _month(v["m"])
            if m is None:
                raise ValueError("bad month")
            months: tuple[int, ...] = (m,)
        else:
            months = {"quarter": (3, 6, 9, 12), "half": (6, 12), "year": (12,)}[unit]

        def gen_end(y: int) -> Iterator[dt.date]:
            for yy in range(y, y + 400):
                for mm in months:
                    last = _cal.monthrange(yy, mm)[1]
                    yield dt.date(yy, mm, min(day, last) if day else last)

        return gen_end
    raise ValueError(unit)


def _is_rate(ctx: Ctx, end: int) -> bool:
    """平均每年递增4%, 每月1000元, 每月召开三次: a rate or quota, not a recurring obligation."""
    text = ctx.text
    if text.endswith(lx.RATE_BEFORE, max(0, ctx.start - 2), ctx.start):
        return True
    count = lx.RATE_COUNT.match(text, end)
    if (
        count is not None
        and count.group("n") in ("一", "1")
        and count.group("u") in lx.SINGLE_EVENT
    ):
        return False  # 每年开展一次: once per period is the obligation itself
    return count is not None or lx.RATE_AFTER.match(text, end) is not None


def h_every(v: Values, params: dict[str, Any], ctx: Ctx) -> Hit | None:
    unit = params["unit"]
    if params.get("bare") and _is_rate(ctx, ctx.end):
        return None
    if unit == "week":
        wd = lx.WEEKDAYS[v.get("w") or "末"]  # bare 每周: Sunday

        def weeks(start: dt.date) -> Iterator[dt.date]:
            d = start + dt.timedelta(days=(wd - start.weekday()) % 7)
            while True:
                yield d
                d += dt.timedelta(days=7)

        return Hit(None, "recurring", "document", recurring="week", series=weeks)
    if v.get("d"):
        day = parse_num(v["d"] or "")
        if day is None or not 1 <= day <= 31:
            return None
    try:
        gen = _series(unit, v, params)
    except ValueError:
        return None
    if unit == "year" and v.get("m") and v.get("d"):
        month = _month(v["m"])
        if month is None or (parse_num(v["d"] or "") or 0) > _cal.monthrange(2000, month)[1]:
            return None

    def series(start: dt.date) -> Iterator[dt.date]:
        return (d for d in gen(start.year) if d >= start)

    return Hit(None, "recurring", "document", recurring=unit, series=series)


PERIODS: dict[str, Callable[[Values, dict[str, Any], Ctx], Period | None]] = {
    "month_end": p_month_end,
    "month_range": p_month_range,
    "day": p_day,
    "day_range": p_day_range,
    "md_range": p_md_range,
    "early": p_early,
    "xun": p_xun,
    "quarter": p_quarter,
    "half": p_half,
    "year_end": p_year_end,
    "tail": p_year_end,
    "festival": p_festival,
    "season": p_season,
}
STANDALONE: dict[str, Callable[[Values, dict[str, Any], Ctx], Hit | None]] = {
    "iso_date": h_iso_date,
    "year_range": h_year_range,
    "workdays": h_workdays,
    "relative": h_relative,
    "month_rel": h_month_rel,
    "plan": h_plan,
    "winter_spring": h_winter_spring,
    "this_and_next": h_this_and_next,
    "quarter_rel": h_quarter_rel,
    "week_rel": h_week_rel,
    "weekday": h_weekday,
    "day_of_month": h_day_of_month,
    "nodate": h_nodate,
    "every": h_every,
}
