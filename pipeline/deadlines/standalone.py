"""Standalone handlers named by lexicon rows: a resolved ``Hit`` per match.

Dates written whole (2021-06-30, 2023—2025年), relative periods (N日内, N个工作日内),
months, weeks, quarters and days counted from the document (本月底, 下周五前, 本季度,
25日前), five-year plans, seasons and no-date words.
"""

from __future__ import annotations

import calendar as _cal
import contextlib
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.every import h_every
from pipeline.deadlines.handlers import (
    Ctx,
    Hit,
    Values,
    add_months,
    count_of,
    month_end,
    month_number,
)
from pipeline.deadlines.lunar import h_lunar_day, h_lunar_month
from pipeline.deadlines.span_rows import h_period_after, h_this_season
from pipeline.textnorm import parse_num, parse_year


# Standalone handlers --------------------------------------------------------------------
def h_iso_date(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    try:
        due = dt.date(int(v["y"] or 0), int(v["m"] or v["m8"] or 0), int(v["d"] or v["d8"] or 0))
    except ValueError:
        return None
    return Hit(due, "day", "explicit")


def h_iso_month_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """2026.03-2026.06: the end of the second month."""
    y1, m1, y2, m2 = (int(v[k] or 0) for k in ("y1", "m1", "y2", "m2"))
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y2, m2) < (y1, m1):
        return None
    return Hit(month_end(y2, m2), "range", "explicit")


def h_year_range(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    y1, y2 = parse_year(v["y1"] or ""), parse_year(v["y2"] or "")
    if y1 is None or y2 is None or y2 < y1:
        return None
    return Hit(dt.date(y2, 12, 31), "range", "explicit")


def h_fiscal_year(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """2026/27年度: Hong Kong's financial year, 1 April to 31 March; a deadline with 内/前, a
    lead before it (于, 在) or a target after it, else a budget's name."""
    y1 = int(v["y1"] or 0)
    if int(v["y2"] or -1) != (y1 + 1) % 100:
        return None
    led = ctx.text[max(0, ctx.start - 2) : ctx.start].endswith(cues.LEADS_BEFORE_FISCAL)
    if not v.get("sfx") and not led and not cues.TARGET_VERBS.match(ctx.text, ctx.end):
        return None
    return Hit(dt.date(y1 + 1, 3, 31), "fiscal_year", "explicit")


def _relative_anchor(ctx: Ctx) -> bool:
    """True when the clause before a relative period names an event it counts from, or
    the clause before that ends on one ("转制为企业后，五年内免征…")."""
    lo = max(0, ctx.start - 24)
    before = ctx.text[lo : ctx.start]
    cut = max(before.rfind(stop) for stop in lx.CLAUSE_STOPS)
    clause, previous = before[cut + 1 :], before[: max(cut, 0)]
    if any(cue in clause for cue in cues.EVENT_CUES):
        return True
    return cut >= 0 and before[cut] in "，," and previous.rstrip().endswith(cues.EVENT_ENDS)


def h_workdays(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    n = parse_num(v["n"] or "")
    if not n or _past_span(ctx):
        return None
    due, provisional = ctx.calendar.add_workdays(ctx.as_of, n)
    return Hit(due, "workdays", "relative", provisional, _relative_anchor(ctx))


def _past_span(ctx: Ctx) -> bool:
    """过去五年内, 近三年内: a span that has already run."""
    return ctx.text.endswith(cues.PAST_SPAN_CUES, max(0, ctx.start - 2), ctx.start)


def h_relative(v: Values, params: dict[str, Any], ctx: Ctx) -> Hit | None:
    if _past_span(ctx):
        return None
    unit = params["unit"]
    half = bool(v.get("half"))
    n = 0 if half else count_of(v["n"] or v.get("n2") or "")
    if n is None or (n == 0 and not half):
        return None
    extra = 6 if v.get("and_half") else parse_num(v.get("mm") or "0")
    if unit == "year" and extra:  # 3年半以内: 42 months; 1年6个月内: 18
        return Hit(
            add_months(ctx.as_of, 12 * n + (extra or 0)),
            "relative_months",
            "relative",
            ambiguous=_relative_anchor(ctx),
        )
    if unit == "month" and v.get("and_half"):  # 一个半月内: a month and fifteen days
        due = add_months(ctx.as_of, n) + dt.timedelta(days=15)
        return Hit(due, "relative_months", "relative", ambiguous=_relative_anchor(ctx))
    if unit == "hour":  # 48小时内: the day the hours end on, counted from the document date
        due = ctx.as_of + dt.timedelta(days=-(-n // 24))
        return Hit(due, "relative_days", "relative", ambiguous=_relative_anchor(ctx))
    if unit in ("day", "week"):
        due = ctx.as_of + dt.timedelta(days=n * (7 if unit == "week" else 1))
        kind = "relative_days"
    elif unit == "month" and half:
        due, kind = ctx.as_of + dt.timedelta(days=15), "relative_months"
    else:
        months = (6 if half else 12 * n) if unit == "year" else n * (3 if unit == "quarter" else 1)
        due, kind = add_months(ctx.as_of, months), "relative_months"
    return Hit(due, kind, "relative", ambiguous=_relative_anchor(ctx))


# a month named with its number, for 当月 to refer back to
_MONTH_NAMED = re.compile(
    rf"(?:(?P<y>(?:19|20)[0-9]{{2}})年|(?P<w>今年|明年|后年))?"
    rf"(?P<m>[0-9]{{1,2}}|[{lx.NUMERALS}]{{1,3}})月(?!份?[内来以])"
)


def _named_month(ctx: Ctx, stops: str = lx.SENTENCE_STOPS, *, roll: bool = False) -> dt.date | None:
    """The first day of the month named last before 当月 in its sentence ("3月15日前完成整改，
    确保当月下旬接受验收" is March's), in its own year (2026年3月, 明年3月) or this one; none
    when that month is over ("针对8月份督查发现的问题，…当月底前整改" in September: 当月 is
    the document's; with ``roll``, that month of next year, as the month itself rolls)."""
    lo = max(ctx.text.rfind(c, 0, ctx.start) for c in stops) + 1
    named = list(_MONTH_NAMED.finditer(ctx.text, lo, ctx.start))
    month = month_number(named[-1]["m"]) if named else None
    if month is None:
        return None
    last = named[-1]
    if last["y"]:
        year = int(last["y"])
    else:
        year = ctx.as_of.year + lx.YEAR_WORDS[last["w"]] if last["w"] else ctx.as_of.year
    if month_end(year, month) >= ctx.as_of:
        return dt.date(year, month, 1)
    return dt.date(year + 1, month, 1) if roll and not (last["y"] or last["w"]) else None


def _ahead(r: str) -> int:
    """How many periods on: 下 1, 下下 2, 下下下 3, 次 1; 本/当/这 0."""
    return len(r) - len(r.lstrip("下")) or int(r.startswith("次"))


def h_month_rel(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    r = v.get("r") or ""
    ahead = _ahead(r)
    first = add_months(ctx.as_of.replace(day=1), ahead)
    if r == "当" and (named := _named_month(ctx)) is not None:
        first = named
    if ctx.text.endswith("初", ctx.start, ctx.end) or "月初" in ctx.text[ctx.start : ctx.end]:
        # 月初前 with no 本/下: this month's first ten days while they last, else next month's
        if not r and ctx.as_of.day > lx.EARLY_DAY:
            first = add_months(first, 1)
        return Hit(first.replace(day=lx.EARLY_DAY), "xun", "document")
    x = v.get("x") or ("中" if "月中" in ctx.text[ctx.start : ctx.end] else "")
    if x:  # 本月中旬, 下月上旬, 月中前 (with no 本/下: this month's while ahead, else next)
        day = lx.XUN[x]
        if not r and day < 31 and ctx.as_of.day > day:
            first = add_months(first, 1)
        due = month_end(first.year, first.month) if day == 31 else first.replace(day=day)
        return Hit(due, "xun", "document")
    if v.get("d"):  # 本月15日至20日: the range's last day
        d = parse_num(v.get("d2") or v["d"] or "")
        if d is None or not 1 <= d <= _cal.monthrange(first.year, first.month)[1]:
            return None
        due = first.replace(day=d)
    else:
        due = month_end(first.year, first.month)
    return Hit(due, "month_rel", "document")


def h_xun_bare(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """下旬前 with no month: that of the month named last before it in its paragraph ("3月
    中旬前完成自查；下旬前形成报告" is March's), else the document's month while that part of
    it is ahead, else the next month's (flagged ambiguous: the month is a guess)."""
    day = lx.XUN[v.get("x") or "下旬"]
    named = _named_month(ctx, "。！!？?\n", roll=True)
    first = named or ctx.as_of.replace(day=1)
    if named is None and ctx.as_of.day > day:
        first = add_months(first, 1)
    due = month_end(first.year, first.month) if day == 31 else first.replace(day=day)
    return Hit(due, "xun", "document", ambiguous=named is None)


def h_after(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """3个月后组织验收, 一个季度后, 半个月后: the day the work falls due, counted from the
    document's date as N个月内 is (a quarter as three months)."""
    if v.get("q"):
        n = count_of(v.get("n") or "")
        v = {**v, "n": str(3 * n) if n else ""}
    unit = "day" if v.get("d") else "week" if v.get("w") else "year" if v.get("y") else "month"
    return h_relative(v, {"unit": unit}, ctx)


def h_plan(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    n = parse_num(v["n"] or "")
    if n not in lx.PLAN_END:
        return None
    after = ctx.start + len(v["n"] or "") + 1
    if not (v["q"] or v["t"] or ctx.text.startswith(lx.PLAN_FOLLOWERS, after)):
        return None  # 十四五 without quotes, 规划 or 期末 may be a plain number
    if not v["q"] and n < 11 and not v["t"] and not ctx.text.startswith("计划", after):
        return None
    end = lx.PLAN_END[n]
    if (t := v["t"] or "").startswith("前") and (k := parse_num(t[1:-1])):
        end += k - 5  # "“十五五”前两年": the end of the plan's second year (2027)
    return Hit(dt.date(end, 12, 31), "plan_period", "explicit")


def h_winter_spring(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    # 今冬明春: the end of the coming spring (31 May; Mar-May is spring in Chinese usage)
    year = ctx.as_of.year if ctx.as_of.month <= 2 else ctx.as_of.year + 1
    return Hit(dt.date(year, 5, 31), "season", "document", ambiguous=True)


def h_nodate(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    return Hit(None, "none", "none")


def h_this_and_next(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """今明两年: the end of next year; 明后两年: the end of the year after."""
    years = 2 if v.get("w") == "明后" else 1
    return Hit(dt.date(ctx.as_of.year + years, 12, 31), "year_end", "document")


def h_mid_century(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    century = ctx.as_of.year // 100 + (1 if (v.get("r") or "").startswith("下") else 0)
    year = century * 100 + 50
    return Hit(dt.date(year, 12, 31), "plan_period", "explicit") if year > ctx.as_of.year else None


def h_quarter_rel(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """本季度 / 下季度 / 上季度: the end of that quarter, counted from the document's."""
    r = v.get("r") or ""
    step = _ahead(r) or -r.startswith("上")
    q = (ctx.as_of.month - 1) // 3 + step  # 0-based, may leave the year
    year, q = ctx.as_of.year + q // 4, q % 4
    return Hit(month_end(year, 3 * q + 3), "quarter", "document")


def h_week_rel(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """本周五前, 下周内, 下下周: a day of a week counted from the document's (Monday first)."""
    r = v.get("r") or ""
    step = _ahead(r) or -r.startswith("上")
    if v.get("w2"):  # 本周三至周五: the range's last day, in the second part's week
        first = lx.WEEKDAYS[v.get("w") or "末"]
        if v.get("r2"):
            step = _ahead(v["r2"] or "")
        elif lx.WEEKDAYS[v["w2"] or "末"] < first:
            step += 1  # 下周日至周三: the Wednesday after that Sunday
        v = {"w": v["w2"]}
    monday = ctx.as_of - dt.timedelta(days=ctx.as_of.weekday()) + dt.timedelta(weeks=step)
    day = lx.WEEKDAYS[v.get("w") or "末"]  # a week on its own ends on Sunday
    return Hit(monday + dt.timedelta(days=day), "week", "document")


def h_weekday(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """周五前, 请于周五报送: the next Friday on or after the document date."""
    if v.get("wo") and not _ordered(ctx):
        return None
    day = lx.WEEKDAYS[v.get("w") or v.get("wo") or "末"]
    due = ctx.as_of + dt.timedelta(days=(day - ctx.as_of.weekday()) % 7)
    if wo2 := v.get("wo2"):  # 请于周六至周一完成: the range's last day, on or after its first
        due += dt.timedelta(days=(lx.WEEKDAYS[wo2] - due.weekday()) % 7)
    return Hit(due, "week", "document")


def h_day_word(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """今天前, 明日之前, 后天内: the document date plus that many days."""
    if v.get("w2") and not _ordered(ctx):
        return None
    days = lx.DAY_WORDS[v.get("w") or v.get("w2") or "今天"]
    return Hit(ctx.as_of + dt.timedelta(days=days), "relative_days", "document")


def _ordered(ctx: Ctx) -> bool:
    """请各街道于明日报送: a day after 于 with no "by" word is a deadline only in an order
    (将于明天草签 is an event), and not after an event (活动结束后，请在次日报送)."""
    lo = max(ctx.text.rfind(c, 0, ctx.start) for c in lx.CLAUSE_STOPS) + 1
    return cues.ORDERED.search(ctx.text, lo, ctx.start) is not None and not _relative_anchor(ctx)


# "3个月后10号前": the day of the month that many months on
_MONTHS_ON = re.compile(rf"(?:(?P<n>{lx.NUM})个|(?P<n2>两))月(?:以|之)?后的?$")  # not 3月后


def h_day_of_month(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """25日前: this month's 25th while it is still ahead, else next month's; after
    "N个月后", the 25th of the month N months on."""
    d = parse_num(v.get("d") or v.get("do") or "")
    if d is None or not 1 <= d <= 31 or (v.get("do") and not _ordered(ctx)):
        return None
    first = ctx.as_of.replace(day=1)
    on = _MONTHS_ON.search(ctx.text, max(0, ctx.start - 8), ctx.start)
    if on is not None:
        n = count_of(on.group("n") or on.group("n2"))
        month = add_months(first, n or 0)
        if not n or d > _cal.monthrange(month.year, month.month)[1]:
            return None
        return Hit(month.replace(day=d), "day", "relative")
    for months in (0, 1, 2):  # a 31st skips a shorter next month
        month = add_months(first, months)
        if d <= _cal.monthrange(month.year, month.month)[1]:
            due = month.replace(day=d)
            if due >= ctx.as_of:
                return Hit(due, "day", "document" if months == 0 else "rollover")
    return None


def h_day_span(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """ "…3月22日至27日为集中接种时间，28日至29日为补种时间": a span of days with no month is in
    the month named last before it in its sentence (none named, or that month over: no date)."""
    month = _named_month(ctx)
    first, last = parse_num(v.get("ds") or ""), parse_num(v.get("de") or "")
    if month is None or first is None or last is None or not 1 <= first < last <= 31:
        return None
    with contextlib.suppress(ValueError):
        return Hit(month.replace(day=last), "range", "document")
    return None


STANDALONE: dict[str, Callable[[Values, dict[str, Any], Ctx], Hit | None]] = {
    "iso_date": h_iso_date,
    "iso_month_range": h_iso_month_range,
    "year_range": h_year_range,
    "fiscal_year": h_fiscal_year,
    "workdays": h_workdays,
    "relative": h_relative,
    "month_rel": h_month_rel,
    "plan": h_plan,
    "winter_spring": h_winter_spring,
    "this_and_next": h_this_and_next,
    "mid_century": h_mid_century,
    "quarter_rel": h_quarter_rel,
    "period_after": h_period_after,
    "this_season": h_this_season,
    "after": h_after,
    "xun_bare": h_xun_bare,
    "lunar_day": h_lunar_day,
    "lunar_month": h_lunar_month,
    "week_rel": h_week_rel,
    "weekday": h_weekday,
    "day_of_month": h_day_of_month,
    "day_span": h_day_span,
    "day_word": h_day_word,
    "nodate": h_nodate,
    "every": h_every,
}
