"""Lunar days written as such: 正月十五前, 腊月二十三前, 冬月初十前, 农历八月初八前 (a lunar
month named 正/冬/腊, or any month after 农历/阴历; days 初一 … 三十, or 1 … 30), and the ends
of lunar months and their 旬: 正月底前, 农历十二月底前, 冬月下旬, 农历八月中旬前. Early rows of the
grammar (they must come before the periods: 农历八月初八 is no 8月初, 农历八月底 no 8月底) and
their handlers."""

from __future__ import annotations

import contextlib
from typing import Any

from borax.calendars.lunardate import LCalendars

from pipeline.deadlines.handlers import Ctx, Hit, Values
from pipeline.deadlines.lexicon import TIME, Row
from pipeline.textnorm import parse_num
from pipeline.workcal import festival_date, lunar_date

_NAMED = {"正": 1, "冬": 11, "腊": 12}
_DAY = (
    r"初[一二三四五六七八九十]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|三十|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九]|[12][0-9]|30|[1-9]"  # 腊月18前: the day in digits too
)

_MONTH = r"(?:(?:农历|阴历)?(?P<lm>[正冬腊])|(?:农历|阴历)(?P<nm>十[一二]?|[一二三四五六七八九]|1[0-2]|[1-9]))月"
# the day a part of a lunar month ends on (0: the month's last day, 29 or 30)
_PART_DAY = {
    "初": 10,
    "上旬": 10,
    "中旬": 20,
    "上中旬": 20,
    "下旬": 0,
    "中下旬": 0,
    "底": 0,
    "末": 0,
    "份": 0,
}

LUNAR_ROWS: tuple[Row, ...] = (
    Row(
        "lunar_day",
        rf"{_MONTH}(?P<d>{_DAY})(?![0-9一二三四五六七八九十])[日号]?(?:{TIME})?(?:前|以前|之前)",
        "lunar_day",
    ),
    # ... and one after 农历 with no "by" word: a lunar day all the same (农历十月初一, not 十月初)
    Row(
        "lunar_day_bare",
        r"(?:农历|阴历)(?P<nm>十[一二]?|[一二三四五六七八九]|1[0-2]|[1-9])月"
        rf"(?P<d>{_DAY})(?![0-9一二三四五六七八九十])[日号]?",
        "lunar_day",
    ),
    # 腊月底 stays 除夕 (a festival row); 正月里 names no date (a month named 正/冬/腊 needs a
    # part or a "by" word; 农历十月 alone is that month, as 10月 is)
    Row(
        "lunar_month",
        rf"(?!腊月[底末]){_MONTH}(?P<part>中下旬|上中旬|[上中下]旬|底|末|份|初)?"
        r"(?P<by>前|以前|之前)?(?![0-9一二三四五六七八九十初廿])",
        "lunar_month",
    ),
)


def h_lunar_day(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """The first such lunar day on or after the document's date (a lunar year runs into the
    next Gregorian one: 腊月 of lunar 2026 is in January or February 2027)."""
    m = _NAMED[v["lm"] or ""] if v.get("lm") else parse_num(v.get("nm") or "")
    d = parse_num((v.get("d") or "").removeprefix("初"))
    if m is None or d is None or not 1 <= d <= 30:
        return None
    for year in range(ctx.as_of.year - 1, ctx.as_of.year + 2):
        with contextlib.suppress(ValueError):
            if m == 12 and d == 30:  # 腊月三十 is 除夕, in a year whose 腊月 has 29 days too
                due = festival_date("除夕", year + 1)
            else:
                due = lunar_date(year, m, d)
            if due >= ctx.as_of:
                return Hit(due, "day", "document" if due.year == ctx.as_of.year else "rollover")
    return None


def h_lunar_month(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """The first end of such a lunar month (or of its 上/中/下旬) on or after the document's
    date: 农历八月底 is the last day of the eighth lunar month, its 29th or 30th."""
    m = _NAMED[v["lm"] or ""] if v.get("lm") else parse_num(v.get("nm") or "")
    if m is None or not 1 <= m <= 12 or (v.get("lm") and not v.get("part") and not v.get("by")):
        return None
    part = v.get("part") or "底"
    kind = "xun" if part.endswith(("旬", "初")) else "month_end"
    for year in range(ctx.as_of.year - 1, ctx.as_of.year + 2):
        # the month, then its leap month when the year has one (a document of 闰六月 writing
        # 农历六月底前 means the month under way)
        for leap in (False, True)[: 1 + (LCalendars.leap_month(year) == m)]:
            with contextlib.suppress(ValueError):
                day = _PART_DAY[part] or LCalendars.ndays(year, m, int(leap))
                if (due := lunar_date(year, m, day, leap)) >= ctx.as_of:
                    basis = "document" if due.year == ctx.as_of.year else "rollover"
                    return Hit(due, kind, basis)
    return None
