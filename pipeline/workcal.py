"""Mainland-China working-day calendar.

Official days come from ``chinesecalendar``, which knows the State Council's published
schedule (holidays and 调休 make-up working days) for 2004-2026 at the time of writing.
For any other year the calendar falls back to a *provisional* estimate: weekends plus the
statutory holidays of the 2025 全国年节及纪念日放假办法 -- 元旦 1 Jan; 春节 除夕 to 初三;
清明 (solar term); 劳动节 1-2 May; 端午 (lunar 5/5); 中秋 (lunar 8/15); 国庆 1-3 Oct.
The bridging days and make-up working days the State Council adds each year cannot be
predicted, so the fallback has none; ``is_official`` tells a caller which answer it got.
Operator ``extra_holidays`` / ``extra_workdays`` (config ``calendar``) always win.

Lunar dates use borax (1900-2100); outside that range only the solar holidays apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import chinese_calendar
from borax.calendars.lunardate import LunarDate, TermUtils

__all__ = [
    "FESTIVALS",
    "SOLAR_TERMS",
    "WorkCalendar",
    "festival_date",
    "holiday_bounds",
    "lunar_date",
]

_ONE = dt.timedelta(days=1)

# name -> canonical name; traditional forms are simplified by the caller.
FESTIVALS: dict[str, str] = {
    "元旦": "元旦",
    "春节": "春节",
    "除夕": "除夕",
    "清明": "清明",
    "清明节": "清明",
    "端午": "端午",
    "端午节": "端午",
    "中秋": "中秋",
    "中秋节": "中秋",
    "五一": "五一",
    "劳动节": "五一",
    "五一劳动节": "五一",
    "国庆": "国庆",
    "国庆节": "国庆",
    "十一": "国庆",
    "元宵": "元宵",
    "元宵节": "元宵",
    "农历新年": "春节",
    "农历年": "春节",  # 今年农历年前: before the lunar new year
    "农历年底": "春节",
    "新春": "春节",
    "新春佳节": "春节",
    "年关": "春节",  # the year's end by the lunar calendar: 年关前 is 除夕
    "年": "春节",  # 年前 alone: before the (lunar) new year
    "腊月底": "春节",  # the end of the twelfth lunar month: 除夕 too
    # days marked but not off work: they date "…前" deadlines only
    "七一": "七一",
    "建党节": "七一",
    "八一": "八一",
    "建军节": "八一",
    "六一": "六一",
    "儿童节": "六一",
    "三八节": "三八",
    "妇女节": "三八",
    "教师节": "教师节",
    "青年节": "五四",
    "五四": "五四",
    "五四青年节": "五四",
    "植树节": "植树节",
    "重阳": "重阳",
    "重阳节": "重阳",
    "腊八": "腊八",
    "腊八节": "腊八",
    "小年": "小年",  # 腊月二十三, as the north keeps it
    "大年三十": "除夕",
    "年三十": "除夕",
}
# Solar terms dated by the sun (芒种前完成小麦收获), except 雨水, 小雪, 大雪: words for weather too
SOLAR_TERMS = (
    "立春", "惊蛰", "春分", "谷雨", "立夏", "小满", "芒种", "夏至", "小暑", "大暑", "立秋", "处暑",
    "白露", "秋分", "寒露", "霜降", "立冬", "冬至", "小寒", "大寒",
)  # fmt: skip
FESTIVALS.update({t: t for t in SOLAR_TERMS})

_SOLAR = {
    "元旦": (1, 1),
    "五一": (5, 1),
    "国庆": (10, 1),
    "七一": (7, 1),
    "八一": (8, 1),
    "六一": (6, 1),
    "三八": (3, 8),
    "教师节": (9, 10),
    "五四": (5, 4),
    "植树节": (3, 12),
}
_LUNAR = {"春节": (1, 1), "元宵": (1, 15), "端午": (5, 5), "中秋": (8, 15), "重阳": (9, 9)}
# days of the twelfth lunar month: dated by the 春节 they come before (of lunar year - 1)
_LUNAR_LATE = {"腊八": (12, 8), "小年": (12, 23)}


@lru_cache(maxsize=4096)
def holiday_bounds(name: str, year: int, calendar: WorkCalendar) -> tuple[dt.date, dt.date]:
    """The first and last days off around festival ``name`` of ``year`` (春节 2026: 15 to 23
    February), the festival itself when it is a working day."""
    day = festival_date(name, year)
    first = last = day
    if calendar.is_workday(day):
        return day, day
    while not calendar.is_workday(first - _ONE):
        first -= _ONE
    while not calendar.is_workday(last + _ONE):
        last += _ONE
    return first, last


def lunar_date(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """The Gregorian date of a lunar month and day in lunar ``year`` (农历八月十五; ``leap``:
    in the leap month after ``month``, 闰六月). Raises ValueError when the lunar month lacks the
    day or the year is out of range."""
    try:
        return LunarDate(year, month, day, int(leap)).to_solar_date()
    except (ValueError, IndexError, KeyError) as exc:
        raise ValueError(f"no lunar {year}-{month}-{day}: {exc}") from None


def festival_date(name: str, year: int) -> dt.date:
    """Gregorian date of festival ``name`` in ``year``.

    Raises ValueError for an unknown name or a year borax cannot convert (lunar
    festivals and 清明 need 1900-2100).
    """
    canon = FESTIVALS.get(name)
    if canon is None:
        raise ValueError(f"unknown festival {name!r}")
    if canon in _SOLAR:
        return dt.date(year, *_SOLAR[canon])
    try:
        if canon == "清明" or canon in SOLAR_TERMS:
            return TermUtils.nth_term_day(year, term_name=canon)
        if canon == "除夕":
            return LunarDate(year, 1, 1).to_solar_date() - _ONE
        if canon in _LUNAR_LATE:  # the one before that year's 春节 (腊八 may fall in December)
            return LunarDate(year - 1, *_LUNAR_LATE[canon]).to_solar_date()
        return LunarDate(year, *_LUNAR[canon]).to_solar_date()
    except (ValueError, IndexError, KeyError) as exc:  # borax: year outside 1900-2100
        raise ValueError(f"cannot compute {name} for {year}: {exc}") from None


@lru_cache(maxsize=256)
def _library_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@lru_cache(maxsize=512)
def _fallback_holidays(year: int) -> frozenset[dt.date]:
    days = {dt.date(year, 1, 1), dt.date(year, 5, 1), dt.date(year, 5, 2)}
    days.update(dt.date(year, 10, d) for d in (1, 2, 3))
    for name in ("清明", "端午", "中秋"):
        try:
            days.add(festival_date(name, year))
        except ValueError:
            pass
    try:
        new_year = festival_date("春节", year)
    except ValueError:
        pass
    else:
        days.update(new_year + dt.timedelta(days=k) for k in range(-1, 3))
    return frozenset(days)


@lru_cache(maxsize=65536)
def _base_is_workday(d: dt.date) -> bool:
    if _library_covers(d.year):
        return chinese_calendar.is_workday(d)
    if d.weekday() >= 5:
        return False
    return d not in _fallback_holidays(d.year)


class WorkCalendar:
    """Working days in mainland China, with operator overrides."""

    __slots__ = ("_holidays", "_workdays")

    def __init__(
        self, extra_holidays: Iterable[dt.date] = (), extra_workdays: Iterable[dt.date] = ()
    ) -> None:
        self._holidays = frozenset(extra_holidays)
        self._workdays = frozenset(extra_workdays)

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(extra_holidays={sorted(self._holidays)!r}, "
            f"extra_workdays={sorted(self._workdays)!r})"
        )

    def is_workday(self, d: dt.date) -> bool:
        """True when ``d`` is a working day (official schedule, else the fallback)."""
        if d in self._workdays:
            return True
        if d in self._holidays:
            return False
        return _base_is_workday(d)

    @staticmethod
    def is_official(d: dt.date) -> bool:
        """True when the library covers ``d``'s year (the answer is not provisional)."""
        return _library_covers(d.year)

    def previous_workday(self, d: dt.date) -> dt.date:
        """``d`` itself if a working day, else the closest working day before it."""
        while not self.is_workday(d):
            d -= _ONE
        return d

    def next_workday(self, d: dt.date) -> dt.date:
        """``d`` itself if a working day, else the closest working day after it."""
        while not self.is_workday(d):
            d += _ONE
        return d

    def add_workdays(self, d: dt.date, n: int) -> tuple[dt.date, bool]:
        """The ``n``-th working day after ``d``, and whether any day counted was provisional.

        ``n <= 0`` returns ``(d, False)``. Raises OverflowError past ``date.max``.
        """
        provisional = False
        while n > 0:
            d += _ONE
            if not _library_covers(d.year):
                provisional = True
            if self.is_workday(d):
                n -= 1
        return d, provisional
