"""The resolver: scan normalised text with the compiled grammar, apply the year rules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.deadlines import handlers as h
from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.grammar import DEFAULT, Grammar, grammar_for
from pipeline.deadlines.normalise import normalise, parse_num, parse_year
from pipeline.models import Deadline
from pipeline.workcal import WorkCalendar

__all__ = ["resolve"]

_DEFAULT_CALENDAR = WorkCalendar()
_MAX_OCCURRENCES = 1000
_NUMBER_START = frozenset("0123456789" + lx.NUMERALS)
# spans that end in 内 are closed already: 五年内开始建设 is a deadline, not a start
_NO_START_CHECK = frozenset({"none", "relative_days", "relative_months", "workdays"})

YearSpec = tuple[str, int | str] | None  # ("explicit", 2021) | ("word", "明年") | None


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    hit: h.Hit
    end_cue: bool = False  # preceded by 至/到/截至: an explicit end for recurring items
    bound: bool = False  # ends in 前/以前/之前/内/为止/止: a "by" date, also an end for them


class _NotAYear(ValueError):
    """A year prefix that cannot be one here (21年 far from the document's year)."""


def _year_spec(m: re.Match[str], as_of: dt.date) -> YearSpec:
    """The year prefix of a period match. Raises _NotAYear."""
    if yn := m.group("yn"):
        year = parse_year(yn)
        if year is None:
            raise _NotAYear(yn)
        return ("explicit", year)
    if y2 := m.group("y2"):
        year = 2000 + int(y2)
        if abs(year - as_of.year) > 20:
            raise _NotAYear(y2)
        return ("explicit", year)
    if yr := m.group("yr"):
        return ("word", yr)
    return None


def _ended(period: h.Period, due: dt.date, as_of: dt.date) -> bool:
    """The roll-over test: the period ended before the document date, outside its month."""
    same_month = period.month is not None and (due.year, due.month) == (as_of.year, as_of.month)
    return due < as_of and not same_month


def _this_year(period: h.Period, as_of: dt.date) -> tuple[dt.date, bool]:
    """The period in the year the roll-over rule picks, and whether it rolled.

    Raises ValueError when the picked year lacks the date (2月29日 in a common year): the
    rule picks the year first, the date is not moved to another year to make it exist. A
    day missing from this year counts as ended once its month is over.
    """
    try:
        due = period.end(as_of.year)
    except ValueError:
        if period.month is None or as_of <= h.month_end(as_of.year, period.month):
            raise
        return period.end(as_of.year + 1), True
    if _ended(period, due, as_of):
        return period.end(as_of.year + 1), True
    return due, False


def _place(period: h.Period, ys: YearSpec, as_of: dt.date) -> tuple[dt.date, str]:
    """Apply the year rules to a period. Raises ValueError when the date does not exist."""
    if ys is None:
        due, rolled = _this_year(period, as_of)
        return due, "rollover" if rolled else "document"
    tag, value = ys
    if tag == "explicit":
        return period.end(int(value)), "explicit"
    return period.end(as_of.year + lx.YEAR_WORDS[str(value)]), "document"


def _year_of(ys: YearSpec, as_of: dt.date) -> int | None:
    """The year a year prefix names (次年 on its own means 明年), or None without one."""
    if ys is None:
        return None
    tag, value = ys
    return int(value) if tag == "explicit" else as_of.year + lx.YEAR_WORDS[str(value)]


def _period(g: Grammar, m: re.Match[str], ctx: h.Ctx) -> tuple[h.Period, dict] | None:
    crow = g.rows[m.lastgroup or ""]
    values = crow.values(m)
    if crow.row.name == "bare":
        return h.Period("year_end", lambda y: dt.date(y, 12, 31)), values
    period = h.PERIODS[crow.row.handler](values, crow.row.params, ctx)
    return None if period is None else (period, values)


def _guarded(g: Grammar, m: re.Match[str], text: str) -> bool:
    """True when the character before an unprefixed match rules it out."""
    start = m.start()
    if start == 0:
        return False
    before = text[start - 1]
    crow = g.rows[m.lastgroup or ""]
    if crow.prefixed and m.group("pfx"):
        return False
    if crow.row.not_after and before in crow.row.not_after:
        return True
    return text[start] in _NUMBER_START and before in lx.NUMBER_CHARS


def _range_end(
    g: Grammar, text: str, pos: int, a: h.Period, a_ys: YearSpec, ctx: h.Ctx
) -> tuple[int, dt.date, str, bool] | None:
    """If a range separator and a second date follow ``pos``, the range's end.

    The first part is placed without roll-over: it is the start of a range, and a start
    already passed is normal ("10月至次年3月" in November runs from this October). If the
    first part has no year, the whole range rolls to next year only when its end is over.
    """
    sm = g.range_sep.match(text, pos)
    if sm is None:
        return None
    as_of = ctx.as_of
    m2 = g.top.match(text, sm.end())
    b: h.Period | None = None
    ys: YearSpec = None
    if m2 is not None and g.rows[m2.lastgroup or ""].prefixed and not _guarded(g, m2, text):
        try:
            ys = _year_spec(m2, as_of)
        except _NotAYear:
            return None
        got = _period(g, m2, h.Ctx(as_of, ctx.calendar, text, sm.end(), m2.end(), ctx.seasons))
        b, end = (got[0], m2.end()) if got else (None, 0)
    elif a.month is not None and (dm := g.day_only.match(text, sm.end())):
        b = h.p_day({"m": str(a.month), "d": dm.group("d")}, {}, ctx)
        end = dm.end()
    if b is None:
        return None
    if ys is not None and not (ys[0] == "word" and ys[1] in lx.FOLLOWING_YEAR):
        due, basis = _place(b, ys, as_of)  # its own year: explicit, 明年, 今年 ...
        return end, due, basis, b.ambiguous
    following = ys is not None  # 次年/翌年: the year after the range's first year
    part_b = b

    def end_in(first_year: int) -> dt.date:
        """The range's end when its first part falls in ``first_year``."""
        if following:
            return part_b.end(first_year + 1)
        due = part_b.end(first_year)
        if due < a.end(first_year):  # 11月至2月: the end is in the following year
            due = part_b.end(first_year + 1)
        return due

    first_year = _year_of(a_ys, as_of)
    if first_year is not None:
        basis = "explicit" if a_ys is not None and a_ys[0] == "explicit" else "document"
        return end, end_in(first_year), basis, b.ambiguous
    due, rolled = _this_year(h.Period("range", end_in, b.month), as_of)
    return end, due, "rollover" if rolled else "document", b.ambiguous


def _prefixed(g: Grammar, m: re.Match[str], text: str, ctx: h.Ctx, cue: int) -> _Item | None:
    ys = _year_spec(m, ctx.as_of)
    got = _period(g, m, ctx)
    if got is None:
        return None
    period, values = got
    kind, end, start = period.kind, m.end(), m.start()
    if not values.get("sfx") and m.lastgroup != "month_range":
        rng = _range_end(g, text, end, period, ys, ctx)
        if rng is not None:
            end, due, basis, amb = rng
            return _Item(start, end, h.Hit(due, "range", basis, ambiguous=amb))
    due, basis = _place(period, ys, ctx.as_of)
    if m.lastgroup == "bare":
        if ys is None or (ys[0] == "word" and lx.YEAR_WORDS[str(ys[1])] < 0):
            return None  # 去年 on its own is a mention, not a deadline
        if ys[0] == "explicit":
            if not values.get("sfx") and cue < 0:
                return None  # a bare 2025年 is a mention; 到2025年 / 2025年前 are deadlines
            kind = "year_explicit"
    if cue >= 0 and kind == "year_explicit":
        start = cue
    hit = h.Hit(due, kind, basis, ambiguous=period.ambiguous)
    return _Item(start, end, hit, cue >= 0, bool(values.get("sfx")))


def _interpret(g: Grammar, m: re.Match[str], text: str, ctx: h.Ctx, cue: int = -1) -> _Item | None:
    if _guarded(g, m, text):
        return None
    crow = g.rows[m.lastgroup or ""]
    if crow.row.name == "cue":
        m2 = g.top.match(text, m.end())
        if m2 is None or not g.rows[m2.lastgroup or ""].prefixed:
            return None
        inner = h.Ctx(ctx.as_of, ctx.calendar, text, m2.start(), m2.end(), ctx.seasons)
        return _interpret(g, m2, text, inner, cue=m.start())
    if crow.prefixed:
        return _prefixed(g, m, text, ctx, cue)
    hit = h.STANDALONE[crow.row.handler](crow.values(m), crow.row.params, ctx)
    return None if hit is None else _Item(m.start(), m.end(), hit)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
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


def _occurrences(
    item: _Item, items: list[_Item], text: str, as_of: dt.date, horizon: dt.date | None
) -> None:
    hit = item.hit
    assert hit.series is not None
    lo, hi = _sentence(text, item.start, item.end)
    dates = hit.series(_recur_start(text, lo, item.start, as_of))
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
        horizon = max(ends) if ends else dt.date(as_of.year, 12, 31)
    occ = [first]
    for d in dates:
        if d > horizon or len(occ) >= _MAX_OCCURRENCES:
            break
        occ.append(d)
    hit.due = first
    hit.occurrences = tuple(occ)


def _scan(g: Grammar, text: str, as_of: dt.date, cal: WorkCalendar) -> list[_Item]:
    """Matches in text order, longest first, rejected ones skipped."""
    items: list[_Item] = []
    pos, search = 0, g.top.search
    while (m := search(text, pos)) is not None:
        ctx = h.Ctx(as_of, cal, text, m.start(), m.end(), g.seasons)
        try:
            item = _interpret(g, m, text, ctx)
        except (ValueError, OverflowError):  # a date outside 1..9999 or the lunar tables
            item = None
        if (
            item is not None
            and item.hit.kind not in _NO_START_CHECK
            and text.startswith(lx.START_CUES, item.end)
        ):
            if text[item.end - 1] == "前" and text[item.end] == "后":
                item.hit.ambiguous = True  # 春节前后: around, not before
            else:
                item = None  # 5月份以来, 10月1日起: a start, not a deadline
        if item is None:
            pos = max(m.end(), m.start() + 1)
            continue
        if not item.end_cue and item.hit.series is None:
            item.end_cue = text.endswith(lx.END_CUES, 0, item.start)
        items.append(item)
        pos = item.end
    return items


def resolve(
    text: str,
    as_of: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    seasons: Mapping[str, str] | None = None,
    horizon: dt.date | None = None,
) -> list[Deadline]:
    """Every deadline expression in ``text``, in order, resolved against ``as_of``.

    Never raises on odd text: an expression that does not make a real date is skipped.
    """
    g = DEFAULT if seasons is None else grammar_for(seasons)
    ntext = normalise(text)
    items = _scan(g, ntext, as_of, calendar or _DEFAULT_CALENDAR)
    out = []
    for item in items:
        hit = item.hit
        if hit.series is not None:
            try:
                _occurrences(item, items, ntext, as_of, horizon)
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
            )
        )
    return out
