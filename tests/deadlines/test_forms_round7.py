"""Forms found in the seventh round (other parsers' suites, notices) that the resolver did not
read or read wrong, and the near misses beside them (examples written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import resolve

D = dt.date
MON = D(2026, 3, 9)  # a Monday


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("请于今晚8点前报送名单", MON),
        ("请于今晚前报送名单", MON),
        ("明早8点前到岗", MON + dt.timedelta(days=1)),
        ("请于明晚九点前报送", MON + dt.timedelta(days=1)),  # a clock in numerals
        ("明天九点前报送", MON + dt.timedelta(days=1)),
        # a weekday or a day after 于 in an order, with no "by" word
        ("请各单位于周三报送自查报告", D(2026, 3, 11)),
        ("请于星期五下午5点报送", D(2026, 3, 13)),
        ("请各乡镇于15日报送汇总表", D(2026, 3, 15)),
        ("请于周三至周五报送", D(2026, 3, 13)),  # a range of weekdays: its last day
        ("请于星期六至星期一完成清扫", D(2026, 3, 16)),
        ("请于5日报送", D(2026, 4, 5)),  # this month's is gone
        # a series with a time of day before its "by" word
        ("每周五上午下班前报送进度", D(2026, 3, 13)),
        ("每月5日17时前报送上月数据", D(2026, 4, 5)),
        ("每两周周五下午5点前报送", D(2026, 3, 13)),
        # a year glued to its month (年 left out on a page)
        ("本次项目必须在202611月底完成资金报账", D(2026, 11, 30)),
        # the time a piece of work takes, in weeks or days (as 用3个月时间)
        ("确保利用一周时间查漏补缺", D(2026, 3, 16)),
        ("用10天时间完成排查", D(2026, 3, 19)),
        # the lunar year's eve; this autumn's term
        ("力争农历年前建成通车", D(2027, 2, 5)),
        ("今秋开学前完成校舍维修", D(2026, 8, 31)),
        # a count of five numerals
        ("二百二十五日内完成整改", D(2026, 10, 20)),
        # a notice's own announcement (公告) counts from the document
        ("请坟主亲属自本公告公布之日起30日内办理迁移手续", D(2026, 4, 8)),
    ],
)
def test_forms_now_read(text: str, due: dt.date) -> None:
    found = resolve(text, MON)
    assert found and found[0].due == due and not found[0].ambiguous, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "定于周三召开推进会",  # no order: an event
        "将于15日召开会议",
        "于15日起施行",  # a start
        "会议于周五结束后",
        "今晚召开会议",  # no "by" word, no order
        "两日前已报送",  # 两 counts days, it names no day of the month
    ],
)
def test_near_misses_stay_unread(text: str) -> None:
    assert [d for d in resolve(text, MON) if d.due is not None] == [], text


def test_days_written_out_in_brackets_are_the_due() -> None:
    # the notice reckons its own window; 30 days counted from the 15th would give the 14th
    text = "本通告发布之日起30日内（2018年3月15日至2018年4月15日），坟主家属办理登记手续"
    found = resolve(text, D(2018, 3, 15))
    assert [d.due for d in found] == [D(2018, 4, 15)], found
    found = resolve("请于收到通知后5个工作日内（即3月17日前）报送", MON)
    assert [d.due for d in found] == [D(2026, 3, 17)], found


def test_a_phase_year_before_wei_is_read() -> None:
    found = resolve("2027年为集中攻坚阶段", MON)
    assert [d.due for d in found] == [D(2027, 12, 31)], found
    assert resolve("2027年为全省经济社会发展的关键一年", MON) == []


def test_a_quarter_with_its_month_in_brackets_is_due_at_that_months_end() -> None:
    found = resolve("第四季度（11月份）：组织开展集体教研", D(2026, 4, 10))
    assert [d.due for d in found] == [D(2026, 11, 30)], found
    found = resolve("第二季度（11月份）", D(2026, 4, 10))  # no month of its own: two dates
    assert [d.due for d in found] == [D(2026, 6, 30), D(2026, 11, 30)], found


def test_a_year_before_passing_a_check_is_a_target() -> None:
    found = resolve("年底前完成省级评审，2027年通过国家抽查评审", D(2026, 8, 31))
    assert [d.due for d in found] == [D(2026, 12, 31), D(2027, 12, 31)], found
    assert resolve("2027年通过招标方式确定施工单位", D(2026, 8, 31)) == []  # by means of
