"""The resolver: scan normalised text with the compiled grammar, apply the year rules."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from functools import partial

from pipeline.deadlines import cues
from pipeline.deadlines import handlers as h
from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.context import TextContext
from pipeline.deadlines.grammar import DEFAULT, Grammar, grammar_for
from pipeline.deadlines.ranges import (
    RELATIVE_KINDS,
    Scan,
    apposed,
    chain_again,
    glossed,
    guarded,
    join_ranges,
    period_of,
    range_end,
)
from pipeline.deadlines.recurring import Item, follow_next_month, follow_yearly, occurrences
from pipeline.deadlines.standalone import STANDALONE
from pipeline.deadlines.years import YearSpec, place, year_spec
from pipeline.models import Deadline
from pipeline.textnorm import normalise, parse_num
from pipeline.workcal import WorkCalendar

__all__ = ["resolve"]

_DEFAULT_CALENDAR = WorkCalendar()
# spans that end in 内 are closed already: 五年内开始建设 is a deadline, not a start
_NO_START_CHECK = RELATIVE_KINDS | {"none"}
# rows whose numbers can name a day no calendar has (13月, 2月30日): reported as invalid
_DATED_ROWS = frozenset({"day", "month", "xun", "early", "day_range", "md_range", "month_range"})
_RANGE_ROWS = frozenset({"month_range", "md_range", "day_range"})
_WEAK_WORDS = ("年度", "全年")
_VAGUE_COUNT = ("几", "数")  # 几十年内, 数十天内: no count to date from (not 十年内)
_SPAN_SO_FAR = re.compile(r"前[0-9一二三四五六七八九十]{1,2}个?月|前[一二三1-3]个?季度")
# Leads of a plan's schedule before a start ("预计10月初开始试运行"); not 将于, an event's
# ("检查组将于6月20日开始…")
_SCHEDULE_LEADS = ("预计", "计划", "力争", "争取", "确保", "拟")
# After a bare year, a few words and a "by" word: a period of that year ("今年暑假前"), not
# the year's end
_UNREAD_BY = re.compile(
    r"(?:(?![比较提])[\u4e00-\u9fff]){1,4}?(?:前|以前|之前)(?![夕期海列沿景面方往])"
)  # not 比改革前, 提前, 前期


def _weak(m: re.Match[str]) -> bool:
    """年度 / 全年 / 2017年度: a year named as a topic unless a target follows."""
    if m.lastgroup == "year_word":
        return m.group("year_word") in _WEAK_WORDS
    tail = (m.group("tail") or "") if m.lastgroup == "tail" else ""
    return tail.startswith("度") and not tail.startswith("度末")  # 2026年度末 is its end


def _year_start(m: re.Match[str]) -> bool:
    """2027年初 / 明年年初: a target only where a bare year would be one."""
    return m.lastgroup == "tail" and (m.group("tail") or "").lstrip("年").startswith("初")


def _invalid(start: int, end: int, kind: str) -> Item:
    return Item(start, end, h.Hit(None, kind, "none"), invalid=True)


def _bare_dates_nothing(text: str, end: int, ys: YearSpec) -> bool:
    """A bare year ending at ``end`` that is no deadline whatever its context."""
    if _SPAN_SO_FAR.match(text, end - 1 if text[end - 1] == "前" else end):
        return True  # 今年前9月, 今年前三季度: the months so far, a statistic's period
    if _UNREAD_BY.match(text, end) and not cues.TARGET_VERBS.match(text, end):
        return True  # 今年暑假前, 今年入汛前: the 前 is a period's the year only qualifies
    # 去年 on its own is a mention, not a deadline
    return ys is not None and ys[0] == "word" and lx.YEAR_WORDS[str(ys[1])] < 0


def _prefixed(sc: Scan, m: re.Match[str], ctx: h.Ctx, cue: int) -> Item | None:
    row = sc.g.rows[m.lastgroup or ""].row
    ys = year_spec(m, sc.as_of)
    got = period_of(sc.g, m, ctx)
    if got is None:
        return _invalid(m.start(), m.end(), row.handler) if row.name in _DATED_ROWS else None
    period, values = got
    kind, end, start = period.kind, m.end(), m.start()
    sfx = bool(values.get("sfx"))
    if ys is None or ys == ("word", "当年"):  # 当年: "that year", the one named before it
        ys = sc.cx.year_for(start, end) or ys
    if ys is None and sc.text.endswith(cues.STATUS_CUES, 0, start):
        ys = ("word", "今年")  # 截至7月底: as of this year's July, never next year's
    if not sfx and row.name not in _RANGE_ROWS:
        rng = range_end(sc, end, period, ys)
        if rng is not None:
            end, due, basis, amb = rng
            return Item(start, end, h.Hit(due, "range", basis, ambiguous=amb))
    try:
        due, basis = place(period, ys, sc.as_of)
    except ValueError:  # 2021年2月29日: the year has no such day
        return _invalid(start, end, kind) if row.name in _DATED_ROWS else None
    if m.lastgroup == "bare":
        assert ys is not None
        if _bare_dates_nothing(sc.text, end, ys):
            return None
        if ys[0] == "explicit":
            # a bare 2025年 is a mention; 到2025年, 2025年前, 力争2025年建成 are deadlines
            labelled = cues.LIMIT_LABEL.search(sc.text, max(0, start - 8), start) is not None
            if (
                not sfx
                and cue < 0
                and not labelled
                and not sc.cx.target(start, end, bare_year=True)
            ):
                return None
            kind = "year_explicit"
    elif _weak(m) and not sfx and cue < 0 and not sc.cx.target(start, end, bare_year=False):
        return None
    elif _year_start(m) and not sfx and cue < 0 and not sc.cx.target(start, end, bare_year=True):
        return None  # 今年初，中央…: the time of a report, like a bare year
    if cue >= 0 and kind == "year_explicit":
        start = cue
    yearly = period.end if period.yearly else None
    hit = h.Hit(due, kind, basis, ambiguous=period.ambiguous, yearly=yearly)
    return Item(start, end, hit, cue >= 0, sfx)


def _interpret(sc: Scan, m: re.Match[str], cue: int = -1) -> Item | None:
    g, text = sc.g, sc.text
    if guarded(g, m, text):
        return None
    crow = g.rows[m.lastgroup or ""]
    if crow.row.name == "cue":
        m2 = g.top.match(text, m.end())
        if m2 is None or not g.rows[m2.lastgroup or ""].prefixed:
            return None
        return _interpret(sc, m2, cue=m.start())
    ctx = sc.ctx(m.start(), m.end())
    if crow.prefixed:
        return _prefixed(sc, m, ctx, cue)
    hit = STANDALONE[crow.row.handler](crow.values(m), crow.row.params, ctx)
    return None if hit is None else Item(m.start(), m.end(), hit)


def _led(text: str, start: int) -> bool:
    """A lead word of a plan's schedule just before ``start`` ("预计", "计划于", "力争在"), or
    before the clause just before it ("计划4月底完成设计，5月开始施工": a step of the schedule)."""
    led = text[max(0, start - 6) : start].rstrip(" \t于在").endswith(_SCHEDULE_LEADS)
    return led or cues.LED_CLAUSE.search(text, max(0, start - 40), start) is not None


def _checked(sc: Scan, item: Item) -> Item | None:
    """The item after the checks of its surroundings, or None when it is no deadline."""
    text = sc.text
    if item.hit.kind in RELATIVE_KINDS:
        if sc.cx.duration(item.start) or text[item.start - 1 : item.start] in _VAGUE_COUNT:
            return None  # 办理时限压缩至5个工作日以内: a duration, not a date; 几十年内
        anchor = sc.cx.doc_anchor(item.start)
        if anchor is not None:  # 本意见印发之日起30日内: counted from this document
            item.start, item.hit.ambiguous = anchor, False
    start = cues.START_CUE.match(text, item.end)
    if start and cues.CUTOFF.match(text, item.end):
        start = None  # 9月30日后不再受理: the last day to hand in, not a start
    if (
        start
        and start.group() == "开始"
        and (text[item.end - 1] in "前内" or _led(text, item.start))
    ):
        start = None  # 月底前开始打桩, 预计10月初开始试运行: the work begins by then
    if item.hit.kind not in _NO_START_CHECK and start:
        if text[item.end - 1] == "前" and text[item.end] == "后":
            item.hit.ambiguous, item.end = True, item.end + 1  # 春节前后: around, not before
        else:
            return None  # 5月份以来, 10月1日起: a start, not a deadline
    if not item.end_cue and item.hit.series is None:
        item.end_cue = text.endswith(lx.END_CUES, 0, item.start)
    return item


class Anchored:
    """Grammar matches found only near the grammar's core words: the next match at or after
    a position is tried at the few positions before and inside each core word, instead of
    at every character (the whole grammar is slow to try; its core words are quick to find).
    Every match starts at most ``REACH`` characters before a core word it holds."""

    REACH = 8

    def __init__(self, g: Grammar, text: str) -> None:
        self.text = text
        # the grammar for each character a match can start with (the whole grammar at every
        # character when those are not known)
        self.by_start: Mapping[str, re.Pattern[str] | None] = (
            g.by_start if g.starts and g.by_start else _Every(g.top)
        )
        self.hits = [m.span() for m in g.core.finditer(text)]
        self.k = 0  # the first hit not yet passed
        self.tried = -1  # positions up to here were tried and hold no match

    def search(self, text: str, pos: int) -> re.Match[str] | None:
        hits, grammar = self.hits, self.by_start.__getitem__
        while self.k < len(hits):
            start, end = hits[self.k]
            for i in range(max(pos, start - self.REACH, self.tried + 1), end):
                if (g := grammar(text[i])) is not None and (m := g.match(text, i)) is not None:
                    return m
                self.tried = i
            self.k += 1
        return None


class _Every(dict[str, "re.Pattern[str] | None"]):
    """The whole grammar for every character."""

    def __init__(self, top: re.Pattern[str]) -> None:
        super().__init__()
        self.top = top

    def __missing__(self, ch: str) -> re.Pattern[str]:
        return self.top


def _scan(sc: Scan, finder: Anchored, pos: int = 0) -> list[Item]:
    """Matches in text order from ``pos``, longest first, rejected ones skipped."""
    items: list[Item] = []
    search = finder.search
    while (m := search(sc.text, pos)) is not None:
        item = None
        if not sc.cx.in_title(m.start()):
            try:
                item = _interpret(sc, m)
            except (ValueError, OverflowError):  # outside 1..9999 or the lunar tables
                item = None
        item = item and _checked(sc, item)
        if item is None:
            pos = max(m.end(), m.start() + 1)
            continue
        items.append(item)
        pos = item.end
    return items


# "国庆节前一周", "月底前3天", "春节前一个月": a lead time before the day just read (not 前…内,
# the time before it: 春节前一周内 is by the festival)
_LEAD = re.compile(
    rf"(?P<n>{lx.NUM})个?(?P<u>工作日|天|日|周|星期|礼拜|月)(?![内以之后前0-9{lx.NUMERALS}])"
)


# "3月3日、10日、17日上午下班前": more days of the same month listed after a day; a gap of
# days written without 日 ("9月10、11、12、13日前"); a day with no month (17日前)
_LISTED_DAY = re.compile(rf"[、和及](?P<d>{lx.NUM})[日号]")
_LIST_GAP = re.compile(rf"(?:[、和及]{lx.NUM})*[、和及]")
_BARE_DAY = re.compile(rf"{lx.NUM}[日号]")


def _listed_days(items: list[Item], text: str) -> list[Item]:
    """The items with the days listed after a day of a month (each later in that month), one
    item each; a listed day read already as an item of its own (17日上午下班前, read in the
    document's month) is moved into the list's month."""
    out: list[Item] = []
    for k, item in enumerate(items):
        out.append(item)
        compact = item.hit.kind == "range" and "、" in text[item.start : item.end]  # 9月10、11
        if (item.hit.kind != "day" and not compact) or (due := item.hit.due) is None:
            continue
        last = _cal.monthrange(due.year, due.month)[1]
        pos, nxt = item.end, items[k + 1].start if k + 1 < len(items) else len(text)
        while (m := _LISTED_DAY.match(text, pos)) and m.end() <= nxt:
            if not due.day < (day := parse_num(m["d"]) or 0) <= last:
                break
            due = due.replace(day=day)
            out.append(Item(m.start() + 1, m.end(), h.Hit(due, "day", item.hit.basis)))
            pos = m.end()
        after = items[k + 1].hit if k + 1 < len(items) else None
        if (
            after is not None
            and after.due is not None
            and _LIST_GAP.fullmatch(text, pos, nxt)
            and _BARE_DAY.match(text, nxt)
            and due.day < after.due.day <= last
        ):
            after.due, after.basis = due.replace(day=after.due.day), item.hit.basis
    return out


def _back(day: dt.date, n: int, unit: str, calendar: WorkCalendar) -> dt.date:
    """``day`` less ``n`` units (working days counted back over the calendar)."""
    if unit == "月":
        return h.add_months(day, -n)
    if unit != "工作日":
        return day - dt.timedelta(days=n * (7 if unit in ("周", "星期", "礼拜") else 1))
    while n > 0:
        day -= dt.timedelta(days=1)
        n -= calendar.is_workday(day)
    return day


def _series_back(
    series: Callable[[dt.date], Iterator[dt.date]],
    n: int,
    unit: str,
    cal: WorkCalendar,
    start: dt.date,
) -> Iterator[dt.date]:
    return (_back(d, n, unit, cal) for d in series(start))


def _lead_times(items: list[Item], text: str, calendar: WorkCalendar) -> None:
    """A lead time after a "by" date moves it (and each date of a series) that far back."""
    for item in items:
        hit = item.hit
        m = _LEAD.match(text, item.end) if text[item.end - 1 : item.end] == "前" else None
        n = h.count_of(m["n"]) if m else None
        if m is None or not n or (hit.due is None and hit.series is None):
            continue
        unit, series = m["u"], hit.series
        if hit.due is not None:
            hit.due = _back(hit.due, n, unit, calendar)
        if series is not None:
            hit.series = partial(_series_back, series, n, unit, calendar)
        item.end = m.end()


def resolve(
    text: str,
    as_of: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    seasons: Mapping[str, str] | None = None,
    horizon: dt.date | None = None,
    plan_year: int | None = None,
    plan_end: int | None = None,
) -> list[Deadline]:
    """Every deadline expression in ``text``, in order, resolved against ``as_of``.

    ``plan_year`` is the year a document's title plans for ("2022年…工作要点"): periods
    written without a year fall in it when it is not before ``as_of``'s year; ``plan_end``
    the last year of a plan for several years, where recurring obligations end. Never raises
    on odd text: a date no calendar has comes back with ``invalid`` set and no date.
    """
    g = DEFAULT if seasons is None else grammar_for(seasons)
    ntext = normalise(text)
    finder = Anchored(g, ntext)  # its one scan of the core words finds no anchor in most texts
    first = finder.search(ntext, 0)
    if first is None:
        return []
    cx = TextContext.build(ntext, as_of, plan_year)
    items = _scan(Scan(g, ntext, as_of, calendar or _DEFAULT_CALENDAR, cx), finder, first.start())
    items = _listed_days(join_ranges(items, ntext, g.range_sep), ntext)
    items = apposed(glossed(items, ntext), ntext)
    chain_again(items, ntext, as_of)
    _lead_times(items, ntext, calendar or _DEFAULT_CALENDAR)
    items = follow_next_month(follow_yearly(items, ntext), ntext)
    out = []
    for item in items:
        hit = item.hit
        if hit.series is not None:
            try:
                occurrences(item, items, ntext, as_of, horizon, plan_year, plan_end)
            except (ValueError, OverflowError, StopIteration):
                continue
        out.append(
            Deadline(
                expr=text[item.start : item.end],
                due=hit.due,
                kind=hit.kind,
                basis=hit.basis,
                start=item.start,
                end=item.end,
                provisional=hit.provisional,
                ambiguous=hit.ambiguous,
                past=hit.due is not None and hit.series is None and hit.due < as_of,
                recurring=hit.recurring,
                occurrences=hit.occurrences,
                invalid=item.invalid,
            )
        )
    return out
