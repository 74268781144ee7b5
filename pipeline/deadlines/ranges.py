"""Ranges: the second date after a first one, and the end it gives.

"9月至10月", "7月1日—9月30日", "今年9月至明年3月" end on their last part (DEADLINES.md), and
so do two dates read apart joined only by a range word ("本月底至下月中旬"). Also the scan
state the engine shares with them, and its two match helpers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from pipeline.deadlines import handlers as h
from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.context import TextContext
from pipeline.deadlines.grammar import Grammar
from pipeline.deadlines.recurring import Item
from pipeline.deadlines.years import (
    NotAYear,
    YearSpec,
    basis_of,
    place,
    this_year,
    year_of,
    year_spec,
)
from pipeline.workcal import WorkCalendar

_NUMBER_START = frozenset("0123456789" + lx.NUMERALS)
# A list item's number run into a month ("；2.8月底前…"): the number opens the text or follows a
# stop, and a month's day or part follows (not "1.5个月内")
_ITEM_STOPS = frozenset("；;。，,、：: \t\n\u3000")
_ITEM_MONTH = re.compile(r"[0-9]{1,2}月(?:底|末|份|[上中下]旬|初|中|前|[0-9]{1,2}[日号])")
# The second part of a range in the first part's month: "至月底", "至中旬"
_SAME_MONTH = re.compile(r"月(?:底|末)|(?P<x>上中旬|中下旬|上旬|中旬|下旬)")
# The second part's weekday noted and its time: "…—11月27日（星期六）17:30"
_NOTED = re.compile(rf"{lx.WEEKDAY_NOTE}(?:[ \t\u3000]*{lx.TIME})?")


@dataclass(slots=True)
class Scan:
    """One text being resolved: the grammar, the text and what surrounds each match."""

    g: Grammar
    text: str  # normalised
    as_of: dt.date
    calendar: WorkCalendar
    cx: TextContext

    def ctx(self, start: int, end: int) -> h.Ctx:
        return h.Ctx(self.as_of, self.calendar, self.text, start, end, self.g.seasons)


def period_of(g: Grammar, m: re.Match[str], ctx: h.Ctx) -> tuple[h.Period, h.Values] | None:
    crow = g.rows[m.lastgroup or ""]
    values = crow.values(m)
    if crow.row.name == "bare":
        return h.Period("year_end", lambda y: dt.date(y, 12, 31)), values
    period = h.PERIODS[crow.row.handler](values, crow.row.params, ctx)
    return None if period is None else (period, values)


def guarded(g: Grammar, m: re.Match[str], text: str) -> bool:
    """True when the character before an unprefixed match rules it out."""
    start = m.start()
    if start == 0:
        return False
    before = text[start - 1]
    crow = g.rows[m.lastgroup or ""]
    if crow.prefixed and m.group("pfx"):
        return False
    if before == "." and _item_number(text, start - 1) and _ITEM_MONTH.match(text, start):
        return False  # "2.8月底前职教中心竣工": an item's number, then its month
    if crow.row.not_after and before in crow.row.not_after:
        return True
    return text[start] in _NUMBER_START and before in lx.NUMBER_CHARS


def _item_number(text: str, dot: int) -> bool:
    """Whether one or two digits before ``dot`` open the text or follow a stop."""
    i = dot
    while i > 0 and dot - i < 3 and text[i - 1].isdigit():
        i -= 1
    return dot - i in (1, 2) and (i == 0 or text[i - 1] in _ITEM_STOPS)


def _second_part(sc: Scan, pos: int, a: h.Period) -> tuple[h.Period, YearSpec, int] | None:
    """The date after a range separator at ``pos``: its period, its own year, its end."""
    g, text = sc.g, sc.text
    m2 = g.top.match(text, pos)
    dash = text[pos - 1] == "一"  # a 一 for a dash is no numeral before the second date
    if (
        m2 is not None
        and g.rows[m2.lastgroup or ""].prefixed
        and (dash or not guarded(g, m2, text))
    ):
        ys = year_spec(m2, sc.as_of)  # raises NotAYear
        got = period_of(g, m2, sc.ctx(pos, m2.end()))
        return (got[0], ys, m2.end()) if got else None
    if a.month is not None and (dm := g.day_only.match(text, pos)):
        b = h.p_day({"m": str(a.month), "d": dm.group("d")}, {}, sc.ctx(pos, dm.end()))
        return (b, None, dm.end()) if b else None
    if a.month is not None and (sm := _SAME_MONTH.match(text, pos)):  # 4月1日至月底, 6月上旬至中旬
        v = {"m": str(a.month), "x": sm.group("x")}
        b = (h.p_xun if sm.group("x") else h.p_month_end)(v, {}, sc.ctx(pos, sm.end()))
        return (b, None, sm.end()) if b else None
    return None


def range_end(
    sc: Scan, pos: int, a: h.Period, a_ys: YearSpec
) -> tuple[int, dt.date, str, bool] | None:
    """If a range separator and a second date follow ``pos``, the range's end.

    The first part is placed without roll-over: it is the start of a range, and a start
    already passed is normal ("10月至次年3月" in November runs from this October). If the
    first part has no year, the whole range rolls to next year only when its end is over.
    """
    sm = sc.g.range_sep.match(sc.text, pos)
    if sm is None:
        return None
    try:
        second = _second_part(sc, sm.end(), a)
    except NotAYear:
        return None
    if second is None:
        return None
    b, ys, end = second
    if noted := _NOTED.match(sc.text, end):
        end = noted.end()
    if ys is not None and not (ys[0] == "word" and ys[1] in lx.FOLLOWING_YEAR):
        due, basis = place(b, ys, sc.as_of)  # its own year: explicit, 明年, 今年 ...
        return end, due, basis, b.ambiguous
    following = ys is not None  # 次年/翌年: the year after the range's first year

    def end_in(first_year: int) -> dt.date:
        """The range's end when its first part falls in ``first_year``."""
        if following:
            return b.end(first_year + 1)
        due = b.end(first_year)
        if due < a.end(first_year):  # 11月至2月: the end is in the following year
            due = b.end(first_year + 1)
        return due

    first_year = year_of(a_ys, sc.as_of)
    if first_year is not None:
        return end, end_in(first_year), basis_of(a_ys), b.ambiguous
    due, rolled = this_year(h.Period("range", end_in, b.month), sc.as_of)
    return end, due, "rollover" if rolled else "document", b.ambiguous


def join_ranges(items: list[Item], text: str, sep: re.Pattern[str]) -> list[Item]:
    """ "本月底至下月中旬完成": two dates read apart (a relative month has no range of its own)
    and joined only by a range word are one range, ending on the later."""
    out: list[Item] = []
    for it in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not (prev.invalid or it.invalid or prev.hit.series or it.hit.series)
            and prev.hit.due is not None
            and it.hit.due is not None
            and it.hit.due > prev.hit.due
            and sep.fullmatch(text, prev.end, it.start)
        ):
            out[-1] = Item(prev.start, it.end, replace(it.hit, kind="range"), bound=it.bound)
        else:
            out.append(it)
    return out


RELATIVE_KINDS = frozenset({"relative_days", "relative_months", "workdays"})
_GLOSS_OPEN = re.compile(r"[ \t]*[（(][ \t]*(?:即|也就是|截至|截止)?[ \t]*")
_GLOSS_SHUT = re.compile(r"[ \t]*[）)]")


def glossed(items: list[Item], text: str) -> list[Item]:
    """A relative period with its dates written out in brackets after it ("本通告发布之日起30日内
    （2018年3月15日至2018年4月15日）"), or a quarter with its month ("第四季度（11月份）"): the
    document's own reckoning is its due; one item."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and item.hit.due is not None
            and (prev.hit.kind in RELATIVE_KINDS or _narrows(prev, item))
            and item.hit.series is None
            and _GLOSS_OPEN.fullmatch(text, prev.end, item.start)
            and (shut := _GLOSS_SHUT.match(text, item.end))
        ):
            prev.hit.due, prev.hit.ambiguous, prev.end = item.hit.due, False, shut.end()
            continue
        out.append(item)
    return out


def _narrows(period: Item, month: Item) -> bool:
    """第四季度（11月份）: a month of a quarter or a half, bracketed after it, is its due."""
    p, m = period.hit.due, month.hit.due
    if period.hit.kind not in ("quarter", "half") or month.hit.kind != "month_end":
        return False
    if p is None or m is None:
        return False
    months_before_end = (p.year - m.year) * 12 + p.month - m.month
    return 0 <= months_before_end < (3 if period.hit.kind == "quarter" else 6)


_CALENDAR_KINDS = frozenset({"month_end", "day", "xun"})
_APPOSED = re.compile(r"[ \t]*主?")


def apposed(items: list[Item], text: str) -> list[Item]:
    """ "6月底主汛期前": a season or festival written right after a calendar date names the
    same time; the date as written is the deadline, one item."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            prev is not None
            and item.hit.kind in ("season", "holiday")
            and prev.hit.kind in _CALENDAR_KINDS
            and prev.hit.due is not None
            and _APPOSED.fullmatch(text, prev.end, item.start)
        ):
            prev.end, prev.bound = item.end, prev.bound or item.bound
            continue
        out.append(item)
    return out


def _months(start: dt.date, end: dt.date) -> int:
    return 12 * (end.year - start.year) + end.month - start.month


def chain_again(items: list[Item], text: str, as_of: dt.date) -> None:
    """ "用3个月时间排查整治；再用半年时间巩固提升": a span after 再 starts where the span
    before it in its paragraph ends, not on the document's date."""
    for before, item in zip(items, items[1:], strict=False):
        hit, prev = item.hit, before.hit
        if (
            hit.kind in RELATIVE_KINDS
            and prev.kind in RELATIVE_KINDS
            and text[max(0, item.start - 1) : item.start] == "再"
            and hit.due is not None
            and prev.due is not None
        ):
            if hit.kind == "relative_months" and prev.kind == "relative_months":  # in months
                months = _months(as_of, hit.due) + _months(as_of, prev.due)
                hit.due = h.add_months(as_of, months)
            else:
                hit.due += prev.due - as_of
