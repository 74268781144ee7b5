"""The year rules: which year a period written without one (or with 明年, 98年 ...) falls in.

A ``YearSpec`` is what stands before a period: ``("explicit", 2021)`` for a written year,
``("word", "明年")`` for a relative word, ``("context", (2020, 3))`` for a year taken from an
earlier mention in the same sentence ("2020年起，…3月底前", the month of that mention
or 0), ``("title", 2022)`` for the year a document's title plans for, or None.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.deadlines import handlers as h
from pipeline.deadlines import lexicon as lx
from pipeline.textnorm import parse_year

YearSpec = tuple[str, Any] | None
ROC_OFFSET = 1911  # 民國 year 1 is 1912


class NotAYear(ValueError):
    """A year prefix that cannot be one here (21年 far from the document's year)."""


def two_digit_year(s: str, as_of: dt.date) -> int | None:
    """98年, 零七年: the year of that century nearest the document's, within 30 years."""
    n = int(s) if s.isascii() else parse_year("二〇" + s)
    if n is None:
        return None
    n %= 100
    centuries = range(as_of.year // 100 * 100 - 100, as_of.year + 101, 100)
    year = min((c + n for c in centuries), key=lambda y: abs(y - as_of.year))
    return year if abs(year - as_of.year) <= 30 else None


def year_spec(m: re.Match[str], as_of: dt.date) -> YearSpec:
    """The year prefix of a period match. Raises NotAYear."""
    if yn := m.group("yn"):
        year = parse_year(yn)
        if year is None:
            raise NotAYear(yn)
        return ("explicit", year)
    if y2 := m.group("y2"):
        year = two_digit_year(y2, as_of)
        if year is None:
            raise NotAYear(y2)
        return ("explicit", year)
    if roc := m.group("roc") or m.group("roc3"):
        return ("explicit", int(roc) + ROC_OFFSET)
    if yr := m.group("yr"):
        return ("word", yr)
    return None


def _ended(period: h.Period, due: dt.date, as_of: dt.date) -> bool:
    """The roll-over test: the period ended before the document date, outside its month."""
    same_month = period.month is not None and (due.year, due.month) == (as_of.year, as_of.month)
    return due < as_of and not same_month


def this_year(period: h.Period, as_of: dt.date) -> tuple[dt.date, bool]:
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


def _in_context(period: h.Period, year: int, month: int, as_of: dt.date) -> dt.date:
    """A period after a mention of ``year`` (and ``month``): in that year, or the next one
    when it would end before the mentioned month ("2020年10月…，3月底前" is 2021). After the
    year's end (month 13: "2024年年底前完成，其中6月底前完成50%") it is in that year unless
    that is already over for a document of that year ("…于1月8日前报送" in December)."""
    due = period.end(year)
    if month == 13:
        return period.end(year + 1) if year == as_of.year and due < as_of else due
    if month and due < dt.date(year, month, 1):
        return period.end(year + 1)
    return due


def place(period: h.Period, ys: YearSpec, as_of: dt.date) -> tuple[dt.date, str]:
    """Apply the year rules to a period. Raises ValueError when the date does not exist."""
    if ys is None:
        due, rolled = this_year(period, as_of)
        return due, "rollover" if rolled else "document"
    tag, value = ys
    if tag == "explicit":
        return period.end(int(value)), "explicit"
    if tag == "context":
        year, month = value
        return _in_context(period, year, month, as_of), "context"
    if tag == "title":
        if int(value) > as_of.year and period.kind not in _YEAR_KINDS:
            due, rolled = this_year(period, as_of)  # a notice sending next year's plan: its
            return due, "rollover" if rolled else "document"  # "于12月10日前上报" is this December
        return period.end(int(value)), "title"
    return period.end(as_of.year + lx.YEAR_WORDS[str(value)]), "document"


# ... while the year's end, its halves and quarters are the plan's ("2028年工作要点" in
# December: 年底前 is the end of 2028)
_YEAR_KINDS = frozenset({"year_end", "half", "quarter"})


def year_of(ys: YearSpec, as_of: dt.date) -> int | None:
    """The year a year prefix names (次年 on its own means 明年), or None without one."""
    if ys is None:
        return None
    tag, value = ys
    if tag == "context":
        return int(value[0])
    if tag in ("explicit", "title"):
        return int(value)
    return as_of.year + lx.YEAR_WORDS[str(value)]


def basis_of(ys: YearSpec) -> str:
    """The basis a range's first part gives it."""
    if ys is None or ys[0] == "word":
        return "document"
    return str(ys[0])
