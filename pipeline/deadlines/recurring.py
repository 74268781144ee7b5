"""Recurring obligations (每月X日前, 每季度末 ...): their occurrences in a sentence's horizon."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pipeline.deadlines import cues
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


def sentence(text: str, start: int, end: int, stops: str = lx.SENTENCE_STOPS) -> tuple[int, int]:
    """The bounds of the sentence (or, with ``lx.CLAUSE_STOPS``, the clause) around a span."""
    lo = max(text.rfind(c, 0, start) for c in stops) + 1
    his = [i for c in stops if (i := text.find(c, end)) >= 0]
    return lo, min(his, default=len(text))


def _recur_start(text: str, lo: int, end: int, as_of: dt.date) -> dt.date:
    """A later start written before a recurring item in its sentence (2020年起), else as_of."""
    start = as_of
    for m in cues.RECUR_START.finditer(text, lo, end):
        year = parse_year(m.group("y"))
        quarter = parse_num(m.group("q")) if m.group("q") else None
        month = (
            parse_num(m.group("m")) if m.group("m") else 1 if quarter is None else 3 * quarter - 2
        )
        day = parse_num(m.group("d")) if m.group("d") else 1
        try:
            start = max(start, dt.date(year or 0, month or 0, day or 0))
        except ValueError:
            continue
    return start


# Dates with a month and no year that a yearly obligation before them makes yearly too,
# but not a step said to happen once ("6月底前完成首次评估", "…，之后不再评估")
_YEARLY_FOLLOWERS = frozenset({"month_end", "day", "xun"})
_ONCE = re.compile("首次|第一次|一次性|不再")


def follow_yearly(items: Sequence[Item], text: str) -> list[Item]:
    """ "每年1月底前报送总结，7月底前报送半年报告": a month written without a year after a yearly
    obligation, in its sentence, recurs with it; the first date that cannot (a year written,
    a relative period, an end after 至) ends the run. A bare 每年 right before a festival or a
    season ("每年汛前", "每年春节前") is one obligation on that day of each year."""
    lead: Item | None = None
    hi = -1
    out: list[Item] = []
    for item in items:
        out.append(item)
        hit = item.hit
        if _on_a_day(lead, item, text):
            assert lead is not None and hit.yearly is not None
            out.remove(lead)
            item.start, item.hit = lead.start, _each_year(hit.yearly)
            lead = item  # its sentence's months after it recur with it
            continue
        if hit.recurring == "year":
            lead, hi = item, sentence(text, item.start, item.end)[1]
            continue
        if lead is None or item.start >= hi:
            lead = None
            continue
        written = text[item.start : item.end]
        if (
            hit.series is not None
            or hit.due is None
            or hit.kind not in _YEARLY_FOLLOWERS
            or item.end_cue
            or "年" in written
            or _ONCE.search(
                text, item.end, sentence(text, item.start, item.end, lx.CLAUSE_STOPS)[1]
            )
        ):
            lead = None
            continue
        item.hit = h.Hit(None, "recurring", "document", recurring="year", series=_yearly(hit.due))
    return out


_BARE_CYCLE = re.compile(r"每一?个?(?:月|季度?)(?:末|底)?")
_NEXT_MONTH_DAY = re.compile(r"次月(?P<d>[0-9]{1,2}|[一二三四五六七八九十廿]{1,3})[日号]")


def follow_next_month(items: Sequence[Item], text: str) -> list[Item]:
    """ "每月工作情况于次月5日前报送", "每季度结束后次月10日前报送": a day of 次月 after a
    monthly or quarterly obligation, in its sentence, is that obligation's day: the 5th of
    the month after each period, one series (not period ends beside a one-off date)."""
    out: list[Item] = []
    lead: Item | None = None
    hi = -1
    for item in items:
        if item.hit.recurring in ("month", "quarter"):  # only a bare cycle (每月, 每季度末):
            bare = _BARE_CYCLE.fullmatch(text, item.start, item.end) is not None  # its ends
            lead, hi = (item if bare else None), sentence(text, item.start, item.end)[1]
        elif lead is not None and item.start < hi and lead.hit.series is not None:
            m = _NEXT_MONTH_DAY.match(text, item.start, item.end)
            day = parse_num(m.group("d")) if m else None
            if day is not None and 1 <= day <= 28:
                lead.hit = _after_each(lead.hit, day)
                lead = None
                continue  # the one-off date is the series' own
        out.append(item)
    return out


def _after_each(hit: h.Hit, day: int) -> h.Hit:
    """``hit``'s series moved to ``day`` of the month after each of its dates."""
    ends = hit.series
    assert ends is not None

    def series(start: dt.date) -> Iterator[dt.date]:
        for end in ends(start - dt.timedelta(days=day)):
            d = (end + dt.timedelta(days=1)).replace(day=day)  # each date is a period's end
            if d >= start:
                yield d

    return h.Hit(None, "recurring", "document", recurring=hit.recurring, series=series)


_DAY_KINDS = frozenset({"season", "holiday"})


def _on_a_day(lead: Item | None, item: Item, text: str) -> bool:
    """Whether ``item`` is a festival or season right after a bare 每年 (``lead``)."""
    return (
        lead is not None
        and item.start == lead.end
        and item.hit.kind in _DAY_KINDS
        and item.hit.yearly is not None
        and text[lead.start : lead.end] in ("每年", "每年度")
    )


def _each_year(day: Callable[[int], dt.date]) -> h.Hit:
    """A yearly obligation on ``day(year)`` (a lunar festival moves from year to year)."""

    def series(start: dt.date) -> Iterator[dt.date]:
        last = start - dt.timedelta(days=1)
        for y in range(start.year, start.year + 400):
            try:
                d = day(y)
            except ValueError:  # past the lunar tables
                return
            if d > last:  # once each, in order
                yield d
                last = d

    return h.Hit(None, "recurring", "document", recurring="year", series=series)


def _yearly(due: dt.date) -> Callable[[dt.date], Iterator[dt.date]]:
    """Each year's date on ``due``'s month and day (its month's end when ``due`` is one)."""
    month_end = due == h.month_end(due.year, due.month)

    def series(start: dt.date) -> Iterator[dt.date]:
        for y in range(start.year, start.year + 400):
            last = h.month_end(y, due.month)
            d = last if month_end else last.replace(day=min(due.day, last.day))
            if d >= start:
                yield d

    return series


def occurrences(
    item: Item,
    items: Sequence[Item],
    text: str,
    as_of: dt.date,
    horizon: dt.date | None,
    plan_year: int | None = None,
    plan_end: int | None = None,
) -> None:
    """Fill a recurring item's first due date and occurrences, up to its horizon.

    A plan for a later year ("2027年…方案" written in December 2026) starts its recurring
    obligations in that year and runs them to its end; a plan for several years
    ("…三年行动方案（2024—2026年）") runs them to the end of its last (``plan_end``)."""
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
        # else the end of its first year ("从2025年第二季度起" in 2024 runs through 2025)
        horizon = max(ends) if ends else dt.date(max(first.year, plan_end or 0), 12, 31)
    occ = [first]
    for d in dates:
        if d > horizon or len(occ) >= MAX_OCCURRENCES:
            break
        occ.append(d)
    hit.due = first
    hit.occurrences = tuple(occ)
