"""Period handlers named by lexicon rows, and the types every handler shares.

A *period* handler (rows that may take a year prefix) returns a ``Period``: a function from
a year to the period's last day, so the engine can apply the year rules (explicit, 明年,
roll-over) in one place. *Standalone* handlers (``standalone.py``, ``every.py``) return a
``Hit`` with its date already computed. Either returns None when the groups do not make a
real date (13月, 2月30日).
"""

from __future__ import annotations

import calendar as _cal
import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.deadlines import lexicon as lx
from pipeline.textnorm import parse_num
from pipeline.workcal import WorkCalendar, festival_date, holiday_bounds, lunar_date

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
    yearly: bool = True  # ``end`` depends on the year alone (not a pair's first eve)


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
    # the period's last day in any year (a period read with its year rules): lets 每年 before
    # it recur on its own day (每年汛前, 每年春节前)
    yearly: Callable[[int], dt.date] | None = None


@dataclass(slots=True)
class Ctx:
    as_of: dt.date
    calendar: WorkCalendar
    text: str  # normalised
    start: int
    end: int
    seasons: dict[str, tuple[int, int]]


def count_of(s: str) -> int | None:
    """A number of days or months: 15, 十五, or an approximate pair (两三天, 三五天: the larger)."""
    n = parse_num(s)
    if n is None and len(s) == 2:
        a, b = parse_num(s[0]), parse_num(s[1])
        if a is not None and b is not None and 0 < a < b <= 9:
            return b
    return n


# Period handlers ------------------------------------------------------------------------
def month_number(s: str | None) -> int | None:
    m = 1 if s == "元" else parse_num(s) if s else None
    return m if m is not None and 1 <= m <= 12 else None


def _day_of(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda y: dt.date(y, month, day)


def p_month_end(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m = month_number(v["m"])
    return None if m is None else Period("month_end", lambda y: month_end(y, m), m)


def p_month_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m1, m2 = month_number(v["m1"]), month_number(v["m2"])
    if m1 is None or m2 is None:
        return None
    # y is the first month's year: "11—2月" ends in February of the following year
    return Period("range", lambda y: month_end(y + (m2 < m1), m2), m2)


def p_month_pair(v: Values, params: dict[str, Any], ctx: Ctx) -> Period | None:
    """七八月份: July to August, as 7—8月 (only two months running: 三五月 is no pair)."""
    m1, m2 = month_number(v["m1"]), month_number(v["m2"])
    return p_month_range(v, params, ctx) if m1 is not None and m2 == m1 + 1 else None


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
    m = month_number(v["m"])
    d = _day(m, v["d"])
    if m is None or d is None:
        return None
    if ctx.text.endswith(("农历", "阴历"), 0, ctx.start):  # 农历八月十五: a lunar date
        return Period("day", lambda y: _lunar_in(y, m, d))
    if _MIDNIGHT.search(ctx.text, ctx.start, ctx.end) and (  # 5月1日0时前: by 30 April's end
        _MIDNIGHT_BY.search(ctx.text, ctx.start, ctx.end)
        or _CUTOFF_LABEL.search(ctx.text, max(0, ctx.start - 8), ctx.start)
    ):  # ... so is a cutoff's (截止时间为11月15日0时, 至11月15日0时止), not "15日0时开栓"
        return Period("day", lambda y: _day_of(m, d)(y) - _ONE, m)
    return Period("day", _day_of(m, d), m)


_MIDNIGHT = re.compile(r"[日号](?:0|00|零)(?:[时点]|[:：]00)")
_MIDNIGHT_BY = re.compile(r"(?:[时点]|[:：]00)(?:以前|之前|前|为止|止)")
_CUTOFF_LABEL = re.compile(r"(?:截止|截至)(?:时间|日期)?(?:为|是|[:：])?[ \t]*$")


def _lunar_in(year: int, m: int, d: int) -> dt.date:
    """The lunar month and day that falls in Gregorian ``year`` (腊月 falls in January or
    February of the year after its lunar year's start)."""
    for lunar_year in (year - 1, year):
        with contextlib.suppress(ValueError):
            if (day := lunar_date(lunar_year, m, d)).year == year:
                return day
    return lunar_date(year, m, d)


def p_month_workday(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    """5月的最后一个工作日: the month's last working day, from the calendar."""
    m, cal = month_number(v["m"]), ctx.calendar
    return None if m is None else Period("day", lambda y: cal.previous_workday(month_end(y, m)), m)


def p_day_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    """4月12-19日: the range's last day, in the month written once."""
    m = month_number(v["m"])
    d1, d2 = _day(m, v["d1"]), _day(m, v["d2"])
    if m is None or d1 is None or d2 is None or d2 < d1:
        return None
    return Period("range", _day_of(m, d2), m)


def p_md_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    """1月3至2月10: the range's last day; y is the first day's year."""
    m1, m2 = month_number(v["m1"]), month_number(v["m2"])
    d1, d2 = _day(m1, v["d1"]), _day(m2, v["d2"])
    if m1 is None or m2 is None or d1 is None or d2 is None:
        return None
    wraps = (m2, d2) < (m1, d1)
    return Period("range", lambda y: dt.date(y + wraps, m2, d2), m2)


def p_early(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m = month_number(v["m"])
    return None if m is None else Period("xun", _day_of(m, lx.EARLY_DAY), m)


def p_xun(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    m = month_number(v["m"])
    if m is None:
        return None
    day = lx.XUN[v["x"] or ""]
    if day == 31:
        return Period("xun", lambda y: month_end(y, m), m)
    return Period("xun", _day_of(m, day), m)


def p_month_week(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    """12月第二周: the Sunday ending that week (week one ends on the month's first Sunday);
    最后一周 and a week past the month's end give the month's last day. With a weekday
    (10月第一个星期一, 8月最后一个周五): that weekday's nth (or last) day in the month; after
    the week (11月第二周周三): that week's day (none when the week lacks it)."""
    m = month_number(v["m"])
    n = None if v.get("last") else parse_num(v.get("n") or "")
    if m is None or (n is not None and not 1 <= n <= 5):
        return None
    if v.get("w"):
        return Period("week", _nth_weekday(m, n, lx.WEEKDAYS[v["w"] or ""]), m)
    in_week = lx.WEEKDAYS[v["wk"] or ""] if v.get("wk") else None
    if n is None and in_week is not None:  # 最后一周周五: the month's last Friday
        return Period("week", _nth_weekday(m, None, in_week), m)

    def end(y: int) -> dt.date:
        last = month_end(y, m)
        if n is None:
            return last
        first = dt.date(y, m, 1)
        sunday = first + dt.timedelta(days=6 - first.weekday(), weeks=n - 1)
        if in_week is None:
            return min(sunday, last)
        day = sunday - dt.timedelta(days=6 - in_week)
        if not first <= day <= last:
            raise ValueError(f"week {n} of month {m} has no such weekday")
        return day

    return Period("week", end, m)


def _nth_weekday(m: int, n: int | None, wd: int) -> Callable[[int], dt.date]:
    """The nth ``wd`` (0 = Monday) of month ``m``, the last one for ``n`` None; a fifth
    one the month lacks does not exist (ValueError)."""

    def end(y: int) -> dt.date:
        if n is None:
            last = month_end(y, m)
            return last - dt.timedelta(days=(last.weekday() - wd) % 7)
        first = dt.date(y, m, 1)
        day = first + dt.timedelta(days=(wd - first.weekday()) % 7, weeks=n - 1)
        if day.month != m:
            raise ValueError(f"month {m} of {y} has no such weekday")
        return day

    return end


def p_tail(v: Values, params: dict[str, Any], ctx: Ctx) -> Period | None:
    """After a year: 底/末/内/终/度 is the year's end; 初 (2027年初, 明年初) its first month."""
    if "初" in ctx.text[ctx.start : ctx.end]:
        return Period("month_end", lambda y: month_end(y, lx.YEAR_START_MONTH))
    return p_year_end(v, params, ctx)


def p_quarter(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    written = v.get("q0") or v["q"] or ""
    q = {"首": 1, "最后一": 4, "最后一个": 4}.get(written) or parse_num(written)
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
    if v.get("f2") or name == "两节":  # 元旦春节前 (两节前): whichever of the two is ahead, first
        names = ("元旦", "春节") if name == "两节" else (name, v["f2"] or "")
        as_of = ctx.as_of
        return Period("holiday", lambda y: _first_eve(names, y, as_of), yearly=False)
    return Period("holiday", lambda y: festival_date(name, y) - _ONE)


def p_holiday_break(v: Values, params: dict[str, Any], ctx: Ctx) -> Period | None:
    """春节放假前: the day before the holiday's first day off; 国庆假期结束前: its last day off;
    国庆节后第一个工作日: the first working day after it; 春节后一周内, 国庆假期结束后3个工作日内:
    counted from its last day off (all with 调休, from the calendar)."""
    name, cal = (v["f"] or "").strip('“"「『”」』'), ctx.calendar
    if params.get("after") and v.get("n"):  # 春节后一周内: from the last day off
        n, unit = parse_num(v["n"] or "") or 0, v.get("u") or ""
        if n <= 0:
            return None
        if unit == "工作日":
            return Period(
                "holiday", lambda y: cal.add_workdays(holiday_bounds(name, y, cal)[1], n)[0]
            )
        days = n * 7 if unit in ("周", "星期") else n
        return Period(
            "holiday", lambda y: holiday_bounds(name, y, cal)[1] + dt.timedelta(days=days)
        )
    if params.get("after"):
        return Period("holiday", lambda y: cal.next_workday(holiday_bounds(name, y, cal)[1]))
    if v.get("e"):
        return Period("holiday", lambda y: holiday_bounds(name, y, cal)[1])
    return Period("holiday", lambda y: holiday_bounds(name, y, cal)[0] - _ONE)


def _first_eve(names: tuple[str, str], year: int, as_of: dt.date) -> dt.date:
    """The eve of the first of two festivals of ``year`` not yet past on ``as_of`` (a
    document between 元旦 and 春节 means 春节), or of the earlier one when both are past (in the
    document's own year: next year's pair, as December notices say 今年元旦春节)."""
    eves = sorted(festival_date(n, year) - _ONE for n in names)
    if eves[-1] < as_of and year == as_of.year:  # "今年元旦春节前" in December: the coming pair
        eves = sorted(festival_date(n, year + 1) - _ONE for n in names)
    return next((e for e in eves if e >= as_of), eves[0])


def p_season(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    mm, dd = ctx.seasons[v["s"] or ""]
    if not 1 <= mm <= 12 or not 1 <= dd <= _cal.monthrange(2000, mm)[1]:
        return None
    return Period("season", _day_of(mm, dd))


# The last (month, day) of a season of a year; winter runs into the next (year offset 1)
SEASON_ENDS = {
    "春": (0, 5, 31), "夏": (0, 8, 31), "秋": (0, 11, 30), "冬": (1, 2, 0), "秋冬": (1, 2, 0),
    "冬春": (1, 5, 31),
}  # fmt: skip
_PAST_YEAR_WORDS = tuple(w for w, n in lx.YEAR_WORDS.items() if n < 0)
SEASON_STARTS = {"春": 3, "夏": 6, "秋": 9, "冬": 12, "秋冬": 9, "冬春": 12}  # 今年秋季前: 8月31日


def p_year_season(v: Values, _: dict[str, Any], ctx: Ctx) -> Period | None:
    """今年夏季 → 31 August; 今年冬季, 秋冬季 → the end of February after it (day 0: month end);
    before a season (今年秋季前) → the day before it starts. Only after a year prefix."""
    written = ctx.text[ctx.start : ctx.end]
    if written.startswith((v["ss"] or "", *_PAST_YEAR_WORDS)):
        return None  # "年冬天": a 年 that is no year prefix; 去年冬季: a time gone
    if written.endswith("前"):
        first = SEASON_STARTS[v["ss"] or ""]
        return Period("season", lambda y: dt.date(y, first, 1) - dt.timedelta(days=1))
    add, mm, dd = SEASON_ENDS[v["ss"] or ""]
    if dd:
        return Period("season", lambda y: dt.date(y + add, mm, dd))
    return Period("season", lambda y: month_end(y + add, mm))


PERIODS: dict[str, Callable[[Values, dict[str, Any], Ctx], Period | None]] = {
    "month_end": p_month_end,
    "month_range": p_month_range,
    "month_pair": p_month_pair,
    "day": p_day,
    "day_range": p_day_range,
    "md_range": p_md_range,
    "early": p_early,
    "xun": p_xun,
    "quarter": p_quarter,
    "half": p_half,
    "year_end": p_year_end,
    "tail": p_tail,
    "month_week": p_month_week,
    "festival": p_festival,
    "month_workday": p_month_workday,
    "holiday_break": p_holiday_break,
    "season": p_season,
    "year_season": p_year_season,
}
