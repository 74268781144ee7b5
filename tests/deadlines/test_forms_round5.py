"""Forms other parsers' suites write that the resolver did not read, and the near misses
beside them that must stay unread (examples written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import resolve

D = dt.date


@pytest.mark.parametrize(
    ("text", "as_of", "due"),
    [
        ("两个季度内完成整改", D(2026, 3, 10), D(2026, 9, 10)),
        ("十個工作天內完成", D(2026, 3, 4), D(2026, 3, 18)),  # Taiwan's 工作天, traditional
        ("2年时间内完成改造", D(2026, 3, 4), D(2028, 3, 4)),
        ("三个月的时间内完成排查", D(2026, 3, 4), D(2026, 6, 4)),
        ("今春完成造林", D(2026, 3, 4), D(2026, 5, 31)),
        ("今冬完成清理", D(2026, 1, 10), D(2026, 2, 28)),  # the winter under way
        ("今冬完成清理", D(2026, 10, 10), D(2027, 2, 28)),
        ("2027年春完成改造", D(2026, 3, 4), D(2027, 5, 31)),
        ("2026年Q3前上线", D(2026, 3, 4), D(2026, 9, 30)),
        ("最后一季完成", D(2026, 3, 4), D(2026, 12, 31)),
        ("月中旬前报送", D(2026, 3, 4), D(2026, 3, 20)),
        ("月中旬前报送", D(2026, 3, 24), D(2026, 4, 20)),  # this month's is gone
        ("3月15、16日完成验收", D(2026, 3, 4), D(2026, 3, 16)),  # a list of days: the last
        ("9月10、11、12、13日前报送", D(2026, 3, 4), D(2026, 9, 13)),  # however long
        ("七八月份完成主体施工", D(2026, 3, 4), D(2026, 8, 31)),  # not month 78
        ("三四月份完成", D(2026, 3, 4), D(2026, 4, 30)),
    ],
)
def test_form_is_read(text: str, as_of: dt.date, due: dt.date) -> None:
    found = resolve(text, as_of)
    assert [d.due for d in found] == [due]


@pytest.mark.parametrize(
    "text",
    [
        "2027年春节前完成",  # the festival, not spring
        "今春以来，全市新增就业1万人",  # a start
        "必将在几十年内实现",  # no count to date from
        "数十天内完成",
        "在短短三年时间内使国民经济得到恢复",  # how soon it was done
        "采购Q235钢材100吨",  # a steel grade
        "个把月内完成",  # about a month: not this month (月内)
        "三五月完成",  # no two months running
    ],
)
def test_near_miss_dates_nothing_wrong(text: str) -> None:
    found = resolve(text, D(2026, 3, 4))
    if "春节" in text:
        assert [(d.expr, d.kind) for d in found] == [("2027年春节前", "holiday")]
    else:
        assert found == []


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("每月25日至30日报送", D(2026, 1, 30), D(2026, 2, 28)),  # February has no 30th
        ("每月20日—25日报送", D(2026, 1, 25), D(2026, 2, 25)),
        ("每月25日至月底报送", D(2026, 1, 31), D(2026, 2, 28)),
    ],
)
def test_a_monthly_window_is_due_on_its_last_day(
    text: str, first: dt.date, second: dt.date
) -> None:
    [d] = resolve(text, D(2026, 1, 4))
    assert d.recurring and d.occurrences[:2] == (first, second)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("国庆节前一周完成布展", D(2026, 9, 23)),
        ("年底前一个月完成结算", D(2026, 11, 30)),
        ("月底前3天报送", D(2026, 3, 28)),
        ("3月31日前5个工作日报送", D(2026, 3, 24)),  # Tuesday: back over a weekend
        ("春节前一周内完成", D(2027, 2, 5)),  # the week before the festival: by its eve
        ("6月底前5个乡镇完成验收", D(2026, 6, 30)),  # a count of towns, no lead time
    ],
)
def test_a_lead_time_moves_a_by_date_back(text: str, due: dt.date) -> None:
    [d] = resolve(text, D(2026, 3, 4))
    assert d.due == due


def test_a_lead_time_moves_each_date_of_a_series() -> None:
    [d] = resolve("每季度末前5个工作日报送", D(2026, 3, 4))
    assert d.recurring and d.occurrences[:2] == (D(2026, 3, 24), D(2026, 6, 23))


@pytest.mark.parametrize(
    "text", ["2025年项目于9月底前全部完工并验收", "2025年的重点项目9月底前完工"]
)
def test_a_year_naming_a_batch_of_projects_gives_no_year_to_the_date_after_it(text: str) -> None:
    [d] = resolve(text, D(2026, 3, 4))
    assert d.due == D(2026, 9, 30) and not d.past


def test_days_each_written_with_their_own_day_word_are_dates_of_their_own() -> None:
    # "即3月3日、10日、17日上午下班前": each a date (a weekly report's), not one range to the 10th
    found = resolve("即3月10日、17日、24日上午下班前报送", D(2026, 3, 4))
    assert [d.due for d in found] == [D(2026, 3, 10), D(2026, 3, 17), D(2026, 3, 24)]
    # a listed day must be later in the month: no date runs backwards or past its month's end
    assert [d.due for d in resolve("2月27日、3日报送", D(2026, 2, 1))] == [D(2026, 2, 27)]


def test_a_month_with_its_yue_left_out_after_a_year_is_read() -> None:
    [d] = resolve("在2026年10底前完成整改", D(2026, 3, 4))
    assert d.due == D(2026, 10, 31)
    assert resolve("库存10底板", D(2026, 3, 4)) == []  # no year before it: not a month


@pytest.mark.parametrize(
    ("text", "dues"),
    [
        # a listed day with 前 and no month is in the list's month, not the document's
        ("请于4月15日、16日前报送", [D(2026, 4, 15), D(2026, 4, 16)]),
        ("4月1号、8号前报送", [D(2026, 4, 1), D(2026, 4, 8)]),
        ("请于腊月18前结清农民工工资", [D(2027, 1, 25)]),  # a lunar day in digits
        ("中秋国庆双节前完成检查", [D(2026, 9, 24)]),
        ("元旦春节双节前发放慰问金", [D(2026, 12, 31)]),
        ("下个月的15号前报送", [D(2026, 4, 15)]),  # 的 between: one date, not 4-30 and 3-15
        ("本月的25日前报送", [D(2026, 3, 25)]),
        ("下一周五前报送", [D(2026, 3, 13)]),  # next week's Friday, not this one
        ("下一个星期三前报送", [D(2026, 3, 11)]),
        ("农历八月十五晚8点前完成布置", [D(2026, 9, 25)]),  # a time between: still lunar
        ("3月20日晚8点前报送", [D(2026, 3, 20)]),
        ("双十一前完成备货", []),  # the shopping day, not National Day (十一前)
        ("农历8月十五晚8点前完成布置", [D(2026, 9, 25)]),  # a lunar month in digits
        ("今年的6月30日前完成", [D(2026, 6, 30)]),  # 的 after a year: one date, not 12-31 too
        ("明年的上半年完成", [D(2027, 6, 30)]),
    ],
)
def test_forms_of_the_sixth_suite_round(text: str, dues: list[dt.date]) -> None:
    assert [d.due for d in resolve(text, D(2026, 3, 4))] == dues


def test_a_yearly_window_is_a_series_due_on_its_last_months_end() -> None:
    [d] = resolve("每年3月至5月开展春季造林", D(2026, 6, 1), horizon=D(2029, 12, 31))
    assert d.recurring and d.occurrences[:2] == (D(2027, 5, 31), D(2028, 5, 31))
