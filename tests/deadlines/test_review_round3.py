"""Defects a review of the third held-out round's rules found, each pinned by an example
written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import resolve
from tests.test_extract_heldout3 import _dated, _tasks

D = dt.date


@pytest.mark.parametrize(
    "line",
    [
        "6月底前，各地要注重总结推广典型经验。",  # 注重 … 总结推广: work, not a stance
        "10月底前，各镇要围绕重点企业组织安全检查。",
        "9月底前，区住建局要依托信息平台建立台账。",
        "区督查组6月底前完成对各街道的全覆盖督查。",  # the team's own work, not a visit
        "项目验收时间为2026年6月30日。",  # our own acceptance, not another body's inspection
    ],
)
def test_work_after_a_stance_word_or_by_a_team_keeps_its_date(line: str) -> None:
    assert len(_dated(_tasks(line))) == 1


def test_a_dated_monthly_series_keeps_its_own_day_beside_a_next_month_day() -> None:
    found = resolve("每月10日前报送上月情况，次月5日前完成整改", D(2024, 3, 20))
    series = [d for d in found if d.recurring]
    assert series and series[0].occurrences[:2] == (D(2024, 4, 10), D(2024, 5, 10))


def test_a_named_quarters_count_from_last_year_is_not_skipped() -> None:
    [d] = resolve("第四季度终了后15日内报送", D(2025, 1, 10))
    assert d.due == D(2025, 1, 15)


@pytest.mark.parametrize("text", ["每年中秋国庆前开展检查", "每年春节前发放慰问金"])
def test_a_yearly_festival_series_never_repeats_a_date(text: str) -> None:
    found = resolve(text, D(2024, 12, 20), horizon=D(2029, 12, 31))
    [series] = [d for d in found if d.recurring]
    assert len(series.occurrences) >= 5  # one each year to the horizon
    assert list(series.occurrences) == sorted(set(series.occurrences))


def test_laba_in_december_is_not_skipped() -> None:
    [d] = resolve("腊八前完成", D(2022, 12, 15))
    assert d.due == D(2022, 12, 29)  # 腊八 2022 fell on 30 December


def test_january_after_a_year_is_january() -> None:
    [d] = resolve("2026年一月内完成", D(2024, 3, 20))
    assert d.due == D(2026, 1, 31)


def test_a_school_year_is_no_calendar_year() -> None:
    assert all(
        d.kind != "period_after" for d in resolve("本学年结束后一个月内完成", D(2024, 3, 20))
    )


def test_a_plan_for_next_years_quarter_written_in_december_is_no_statistic() -> None:
    tasks = _dated(_tasks("一季度，完成固定资产投资20亿元。", as_of=D(2026, 12, 10)))
    assert [d for _, d in tasks] == [D(2027, 3, 31)]


@pytest.mark.parametrize(
    ("text", "as_of", "not_due"),
    [
        ("这一季末前完成", D(2024, 8, 20), D(2025, 3, 31)),  # not the first quarter
        ("请各单位在今日头条发布", D(2024, 3, 20), D(2024, 3, 20)),  # a platform's name
        ("请于半个星期后组织复查", D(2024, 3, 20), D(2024, 4, 4)),  # not half a month
        ("2025年3月后25日前报送", D(2024, 3, 20), D(2024, 6, 25)),  # a month, not 3 months on
    ],
)
def test_forms_that_must_not_give_that_date(text: str, as_of: dt.date, not_due: dt.date) -> None:
    assert all(d.due != not_due for d in resolve(text, as_of))


def test_a_bare_xun_after_a_rolled_month_rolls_with_it() -> None:
    found = resolve("3月中旬前完成自查；下旬前形成报告", D(2024, 4, 10))
    assert [d.due for d in found] == [D(2025, 3, 20), D(2025, 3, 31)]


def test_chained_months_keep_the_month_end() -> None:
    found = resolve("用1个月时间排查整治；再用1个月时间巩固提升", D(2024, 1, 31))
    assert found[-1].due == D(2024, 3, 31)  # as 用2个月时间
