"""WorkCalendar and festival dates, against hand-checked calendars."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.workcal import WorkCalendar, festival_date

D = dt.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 10, 1), False),  # 国庆
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday 调休 make-up day
        (D(2026, 10, 11), False),
        (D(2026, 2, 16), False),  # 除夕 2026
        (D(2020, 7, 31), True),
        (D(2020, 8, 1), False),  # Saturday
        (D(2019, 4, 28), True),  # Sunday 调休 before 劳动节 2019
        # fallback years: weekends + statutory days only
        (D(2027, 1, 1), False),
        (D(2027, 1, 4), True),
        (D(2027, 2, 5), False),  # 除夕 2027
        (D(2027, 2, 8), False),  # 初三
        (D(2027, 2, 9), True),
        (D(2027, 5, 3), True),  # no bridging days are guessed
        (D(2027, 10, 4), True),
        (D(2003, 10, 2), False),
    ],
)
def test_is_workday(day: dt.date, expected: bool) -> None:
    assert WorkCalendar().is_workday(day) is expected


def test_overrides_win() -> None:
    cal = WorkCalendar(extra_holidays=[D(2027, 10, 4)], extra_workdays=[D(2026, 10, 3)])
    assert not cal.is_workday(D(2027, 10, 4))
    assert cal.is_workday(D(2026, 10, 3))


def test_is_official() -> None:
    cal = WorkCalendar()
    assert cal.is_official(D(2026, 12, 31))
    assert cal.is_official(D(2004, 1, 1))
    assert not cal.is_official(D(2027, 1, 1))
    assert not cal.is_official(D(2003, 12, 31))


def test_previous_workday() -> None:
    cal = WorkCalendar()
    assert cal.previous_workday(D(2026, 10, 8)) == D(2026, 10, 8)
    assert cal.previous_workday(D(2026, 10, 7)) == D(2026, 9, 30)
    assert cal.next_workday(D(2026, 10, 1)) == D(2026, 10, 8)


@pytest.mark.parametrize(
    ("start", "n", "due", "provisional"),
    [
        # across 国庆 2026: 10/8, 10/9, 10/10 (调休 Saturday), 10/12, 10/13
        (D(2026, 9, 30), 5, D(2026, 10, 13), False),
        (D(2026, 9, 30), 3, D(2026, 10, 10), False),
        (D(2020, 7, 31), 5, D(2020, 8, 7), False),
        (D(2020, 7, 31), 0, D(2020, 7, 31), False),
        # 2027 is beyond the library: provisional
        (D(2026, 12, 28), 5, D(2027, 1, 5), True),
        (D(2026, 12, 28), 3, D(2026, 12, 31), False),
    ],
)
def test_add_workdays(start: dt.date, n: int, due: dt.date, provisional: bool) -> None:
    assert WorkCalendar().add_workdays(start, n) == (due, provisional)


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("春节", 2021, D(2021, 2, 12)),
        ("除夕", 2021, D(2021, 2, 11)),
        ("春节", 2026, D(2026, 2, 17)),
        ("除夕", 2026, D(2026, 2, 16)),
        ("清明", 2026, D(2026, 4, 5)),
        ("清明", 2020, D(2020, 4, 4)),
        ("端午", 2026, D(2026, 6, 19)),
        ("中秋", 2026, D(2026, 9, 25)),
        ("中秋节", 2020, D(2020, 10, 1)),
        ("元旦", 2027, D(2027, 1, 1)),
        ("劳动节", 2027, D(2027, 5, 1)),
        ("国庆", 2030, D(2030, 10, 1)),
        ("十一", 2030, D(2030, 10, 1)),
    ],
)
def test_festival_date(name: str, year: int, expected: dt.date) -> None:
    assert festival_date(name, year) == expected


@pytest.mark.parametrize(("name", "year"), [("春节", 2200), ("清明", 1800), ("圣诞", 2020)])
def test_festival_date_errors(name: str, year: int) -> None:
    with pytest.raises(ValueError):
        festival_date(name, year)
