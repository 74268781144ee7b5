"""Forms found in the fourteenth round (new pages labelled by others) that the resolver read
wrong, and the near misses beside them (examples written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import resolve

D = dt.date


@pytest.mark.parametrize(
    ("text", "due", "last"),
    [
        ("网上填报时间：3月2日（星期一）9:00—3月13日（星期五）18:00。", D(2026, 3, 13), "18:00"),
        ("材料受理时间：3月2日（周一）—3月13日（周五）。", D(2026, 3, 13), "（周五）"),
        ("现场审核：3月16日(星期一)至3月20日(星期五)17:30", D(2026, 3, 20), "17:30"),
    ],
)
def test_a_range_with_weekdays_noted_and_times_ends_on_its_last_day(
    text: str, due: dt.date, last: str
) -> None:
    """ "3月2日（星期一）9:00—3月13日（星期五）18:00": one range to its last day, the second
    day's weekday and time with it (the clock time was read as a month range "00—3月", a date
    no calendar has, and the weekday left after it made the range an event)."""
    found = resolve(text, D(2026, 2, 20))
    assert [(d.kind, d.due, d.invalid) for d in found] == [("range", due, False)], found
    assert found[0].expr.endswith(last), found[0].expr


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # a season or festival written right after a date names the same time: the date holds
        ("水毁工程将于6月底主汛期前全部修复", D(2026, 6, 30)),
        ("新建泵站力争5月20日汛期前投入运行", D(2026, 5, 20)),
        ("1月底春节前完成欠薪清零", D(2026, 1, 31)),
    ],
)
def test_a_season_apposed_to_a_date_is_that_date(text: str, due: dt.date) -> None:
    found = resolve(text, D(2026, 1, 10))
    assert [d.due for d in found] == [due], found


def test_a_season_after_a_date_and_a_comma_is_a_deadline_of_its_own() -> None:
    found = resolve("6月底前完成清淤，汛期前完成堤防加固", D(2026, 1, 10))
    assert [d.due for d in found] == [D(2026, 6, 30), D(2026, 5, 31)], found


def test_a_five_year_plans_period_may_have_a_space_before_its_tail() -> None:
    found = resolve("“十五五” 时期完成农村公路改造", D(2026, 5, 1))
    assert [(d.expr, d.due) for d in found] == [("“十五五” 时期", D(2030, 12, 31))]


def test_a_year_may_have_a_space_before_its_character_after_to() -> None:
    found = resolve("到2028 年，普及率达到95%", D(2026, 5, 1))
    assert [(d.kind, d.due) for d in found] == [("year_explicit", D(2028, 12, 31))]
