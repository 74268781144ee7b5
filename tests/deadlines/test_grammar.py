"""The deadline grammar, kind by kind, against fixed document dates."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import normalise, resolve
from pipeline.workcal import WorkCalendar

D = dt.date
A = D(2020, 7, 31)  # the seed examples' document date


def one(text: str, as_of: dt.date, **kw: object):
    found = resolve(text, as_of, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


def check(text: str, as_of: dt.date, due: dt.date | None, kind: str) -> None:
    d = one(text, as_of)
    assert (d.due, d.kind) == (due, kind), d
    assert text[d.start : d.end] == d.expr


# (text, document date, due) per kind -------------------------------------------------
MONTH_END = [
    ("元月底前", D(2026, 12, 3), D(2027, 1, 31)),
    ("2027年元月底", D(2026, 12, 3), D(2027, 1, 31)),
    ("10月底前", A, D(2020, 10, 31)),
    ("11月底前", A, D(2020, 11, 30)),
    ("3月底前", D(2020, 12, 10), D(2021, 3, 31)),  # roll-over
    ("十一月底", A, D(2020, 11, 30)),
    ("12月月底前", A, D(2020, 12, 31)),  # the month's end written twice: one deadline
    ("6月月底前完成", D(2020, 3, 1), D(2020, 6, 30)),
    ("十二月末", A, D(2020, 12, 31)),
    ("9月份", A, D(2020, 9, 30)),
    ("9月前", A, D(2020, 9, 30)),
    ("9月以前", A, D(2020, 9, 30)),
    ("2月", D(2023, 12, 1), D(2024, 2, 29)),
    ("7月底前", A, D(2020, 7, 31)),  # same month: this year
    ("2021年3月底前", A, D(2021, 3, 31)),
    ("二〇二一年三月底前", A, D(2021, 3, 31)),
    ("二○二一年三月底前", A, D(2021, 3, 31)),  # ○ (circle) for 〇
    ("明年3月底前", A, D(2021, 3, 31)),
    ("次年3月", A, D(2021, 3, 31)),
    ("后年6月", A, D(2022, 6, 30)),
    ("21年3月底前", A, D(2021, 3, 31)),
    ("１０月底前", A, D(2020, 10, 31)),
]
DAY = [
    ("8月15日前", A, D(2020, 8, 15)),
    ("8月15号", A, D(2020, 8, 15)),
    ("十月二十日前", A, D(2020, 10, 20)),
    ("6月30日24时前", A, D(2021, 6, 30)),
    ("7月15日前", A, D(2020, 7, 15)),  # same month: this year, already past
    ("2021年6月30日前", A, D(2021, 6, 30)),
    ("２０２１年６月３０日", A, D(2021, 6, 30)),
    ("2021.6.30", A, D(2021, 6, 30)),
    ("2021-06-30", A, D(2021, 6, 30)),
    # no year: the roll-over rule picks the year; if it has no 29 Feb, nothing (see below)
    ("2月29日前", D(2023, 5, 1), D(2024, 2, 29)),  # this year's would be over: next year
    ("2月29日前", D(2024, 1, 10), D(2024, 2, 29)),
    ("2月29日前", D(2020, 2, 10), D(2020, 2, 29)),
    # the 日 left out before a "by" word or a clause's end: still that day, not the month's end
    ("6月15前", D(2024, 3, 15), D(2024, 6, 15)),
    ("6月15之前完成", D(2024, 3, 15), D(2024, 6, 15)),
    ("2024年6月15止", D(2024, 3, 15), D(2024, 6, 15)),
    ("6月15完成改造", D(2024, 3, 15), D(2024, 6, 15)),
    ("完成时限：6月30", D(2024, 3, 15), D(2024, 6, 30)),
    ("截至9月5，全部销号", D(2024, 3, 15), D(2024, 9, 5)),
    ("确保“6·30”前完成", D(2026, 3, 10), D(2026, 6, 30)),  # a milestone with a middle dot
    ("6·30前", D(2026, 7, 10), D(2027, 6, 30)),
    ("请于12.20前完成上报", D(2026, 12, 10), D(2026, 12, 20)),  # a full stop between them
    ("1.5前完成", D(2026, 12, 10), D(2027, 1, 5)),
    ("请于农历八月十五前完成", D(2026, 3, 10), D(2026, 9, 25)),  # a lunar date: 中秋 2026
    ("确保农历十二月二十五日前结清工资", D(2024, 2, 1), D(2024, 2, 4)),  # 腊月 of lunar 2023
    ("请于5月的最后一个工作日前报送", D(2026, 3, 10), D(2026, 5, 29)),  # 31 May is a Sunday
]
XUN = [
    ("8月上旬", A, D(2020, 8, 10)),
    ("8月中旬", A, D(2020, 8, 20)),
    ("8月下旬", A, D(2020, 8, 31)),
    ("8月中下旬", A, D(2020, 8, 31)),
    ("2月下旬", A, D(2021, 2, 28)),
    # a month's parts counted from the document's month
    ("本月中旬完成", D(2026, 12, 3), D(2026, 12, 20)),
    ("本月上旬", D(2026, 12, 3), D(2026, 12, 10)),
    ("本月下旬前", D(2026, 12, 3), D(2026, 12, 31)),
    ("下月中旬前", D(2026, 12, 3), D(2027, 1, 20)),
    ("下个月上旬", D(2021, 1, 31), D(2021, 2, 10)),
    ("元月中旬", D(2026, 12, 3), D(2027, 1, 20)),  # 元月 is January
    # the middle of a month: the 15th; 月中前 with no month rolls on once it is over
    ("6月中前完成", D(2026, 12, 3), D(2027, 6, 15)),
    ("月中前报送", D(2026, 12, 3), D(2026, 12, 15)),
    ("月中前报送", D(2026, 12, 20), D(2027, 1, 15)),
]
MONTH_REL = [
    ("月底前", D(2020, 12, 3), D(2020, 12, 31)),
    ("本月底", D(2020, 12, 3), D(2020, 12, 31)),
    ("下月底", D(2020, 12, 3), D(2021, 1, 31)),
    ("下个月", D(2021, 1, 31), D(2021, 2, 28)),
    ("本月20日前", D(2021, 3, 5), D(2021, 3, 20)),
    ("本月15日至20日", D(2021, 3, 5), D(2021, 3, 20)),  # the range's last day
    ("本月15前报送", D(2021, 3, 5), D(2021, 3, 15)),  # the 日 left out, as 6月15前
    ("下一月底前报送", D(2020, 12, 3), D(2021, 1, 31)),  # not 一月底前: January
    ("下一个月内完成", D(2021, 3, 15), D(2021, 4, 30)),
    ("确保月内完成", D(2020, 12, 3), D(2020, 12, 31)),  # within the month, as 年内
    ("于月内开工", D(2021, 2, 3), D(2021, 2, 28)),
    ("下下个月五号前报送", D(2026, 3, 10), D(2026, 5, 5)),  # two months on
    ("下下个月底前", D(2026, 11, 20), D(2027, 1, 31)),
]
# the Sunday ending a week of a month: week one ends on the month's first Sunday
WEEK = [
    ("12月第二周", D(2026, 12, 3), D(2026, 12, 13)),
    ("2027年5月第三周", D(2026, 12, 3), D(2027, 5, 16)),
    ("1月第一周", D(2026, 12, 3), D(2027, 1, 3)),
    ("3月最后一周", D(2026, 12, 3), D(2027, 3, 31)),
    # a weekday after the week: that week's day (November 2024 opens on a Friday)
    ("11月第二周周三前完成", D(2024, 11, 4), D(2024, 11, 6)),
    ("12月最后一周周五前", D(2024, 11, 4), D(2024, 12, 27)),
    ("2月第五个星期", D(2026, 12, 3), D(2027, 2, 28)),  # past the month: its last day
    ("周末前完成", D(2026, 12, 3), D(2026, 12, 6)),
    # a clock time after the weekday stays in the expression
    ("本周四17时前", D(2026, 12, 3), D(2026, 12, 3)),
    ("下周二下午5点前", D(2026, 12, 3), D(2026, 12, 8)),
    ("星期五下午下班前", D(2026, 12, 3), D(2026, 12, 4)),
    ("周五12:00前", D(2026, 12, 3), D(2026, 12, 4)),
    ("本周5天工作制", D(2026, 12, 3), D(2026, 12, 6)),  # a count after 本周, not Friday
    ("下周三前", D(2026, 12, 3), D(2026, 12, 9)),
    ("下下周一前", D(2026, 12, 3), D(2026, 12, 14)),
    # a weekday after the week: the month's nth (or last) such day
    ("十月第一个星期一前", D(2026, 3, 10), D(2026, 10, 5)),
    ("十月的第一个星期一前", D(2026, 11, 20), D(2027, 10, 4)),
    ("八月份的第一个周二前", D(2026, 3, 10), D(2026, 8, 4)),
    ("9月第二个周五前", D(2026, 3, 10), D(2026, 9, 11)),
    ("5月最后一个星期五前", D(2026, 3, 10), D(2026, 5, 29)),
    ("请于下周周六前完成", D(2026, 3, 10), D(2026, 3, 21)),  # the week written twice: one date
    # a range of days of a week ends on its second day
    ("本周三至周五开展实地检查", D(2026, 3, 10), D(2026, 3, 13)),
    ("下周一至周五集中整治", D(2026, 3, 10), D(2026, 3, 20)),
    ("本周日到下周日", D(2026, 3, 10), D(2026, 3, 22)),
]
# a year's start: its first month, as X月初 is a month's first ten days
YEAR_START = [
    ("2027年初完成", D(2026, 12, 3), D(2027, 1, 31)),
    ("明年初投入使用", D(2026, 12, 3), D(2027, 1, 31)),
    ("力争明年年初建成", D(2026, 12, 3), D(2027, 1, 31)),
    ("2028年年初前报送", D(2026, 12, 3), D(2028, 1, 31)),
]
YEAR_END = [
    ("全年改造老旧小区30个左右", D(2015, 1, 15), D(2015, 12, 31)),  # a verb, a count, a target
    ("年度实施10所以上", D(2015, 1, 15), D(2015, 12, 31)),
    ("全年街道计划完成清淤13条河道", D(2017, 4, 1), D(2017, 12, 31)),  # who plans, then the verb
    ("明后两年完成", D(2026, 12, 3), D(2028, 12, 31)),
    ("年底前", A, D(2020, 12, 31)),
    ("年内", A, D(2020, 12, 31)),
    ("全年完成", A, D(2020, 12, 31)),  # 全年 / 年度 with a target after them (see README)
    ("年末", A, D(2020, 12, 31)),
    ("年度内", A, D(2020, 12, 31)),
    ("今年", A, D(2020, 12, 31)),
    ("本年度完成", A, D(2020, 12, 31)),
    ("年內", A, D(2020, 12, 31)),
    ("今年内", A, D(2020, 12, 31)),
    ("明年底", A, D(2021, 12, 31)),
    ("明年年底前", A, D(2021, 12, 31)),
    ("后年", A, D(2022, 12, 31)),
    ("2025年底前", A, D(2025, 12, 31)),
    ("2025年年底前", A, D(2025, 12, 31)),
    ("提前年底完成", A, D(2020, 12, 31)),  # not 前年底
]
YEAR_EXPLICIT = [
    ("力争2027年初步建成", D(2026, 12, 3), D(2027, 12, 31)),  # 初步: initially, not 年初
    ("到2025年", A, D(2025, 12, 31)),
    ("2025年前", A, D(2025, 12, 31)),
    ("截至2022年", A, D(2022, 12, 31)),
]
HALF = [
    ("上半年", D(2020, 3, 1), D(2020, 6, 30)),
    ("年中", D(2020, 3, 1), D(2020, 6, 30)),
    ("下半年", A, D(2020, 12, 31)),
    ("上半年", A, D(2021, 6, 30)),  # ended: next year
    ("明年上半年", A, D(2021, 6, 30)),
]
QUARTER = [
    ("一季度", D(2020, 1, 5), D(2020, 3, 31)),
    ("二季度末", D(2020, 1, 5), D(2020, 6, 30)),
    ("第三季度", A, D(2020, 9, 30)),
    ("季度末前报送", A, D(2020, 9, 30)),  # no number: the document's quarter, as 本季度末
    ("季度末前", D(2020, 11, 5), D(2020, 12, 31)),
    ("四季度前", A, D(2020, 12, 31)),
    ("第4季度", A, D(2020, 12, 31)),
    ("前三季度", D(2020, 3, 1), D(2020, 9, 30)),
    ("一季度末", A, D(2021, 3, 31)),
    ("明年一季度", A, D(2021, 3, 31)),
    ("计划一季度完成", D(2026, 12, 3), D(2027, 3, 31)),
    ("规划四季度完成", A, D(2020, 12, 31)),
    ("2026年第一个季度末前", D(2025, 11, 1), D(2026, 3, 31)),  # 第一个季度 as a "by" date
    ("下下个季度末前", D(2026, 11, 20), D(2027, 6, 30)),  # two quarters on
    ("工程預計於2027年第二季竣工", D(2026, 12, 10), D(2027, 6, 30)),  # a quarter without 度
    ("預計明年首季完成招標", D(2026, 12, 10), D(2027, 3, 31)),
]
RELATIVE_DAYS = [
    ("30日内", A, D(2020, 8, 30)),
    ("15天内", A, D(2020, 8, 15)),
    ("限期15天整改到位", A, D(2020, 8, 15)),  # after 限期 the 内 may be left out
    ("2周内", A, D(2020, 8, 14)),
    ("两个星期内", A, D(2020, 8, 14)),
    # day words count from the document date
    ("今天下班前报送", D(2026, 12, 3), D(2026, 12, 3)),
    ("明日之前报送", D(2026, 12, 3), D(2026, 12, 4)),
    ("后天前反馈", D(2026, 12, 3), D(2026, 12, 5)),
    ("大后天以前", D(2026, 12, 3), D(2026, 12, 6)),
    ("请于今天18:00前报送", D(2026, 3, 10), D(2026, 3, 10)),  # a clock time stays in it
    ("明日上午10时前", D(2026, 3, 10), D(2026, 3, 11)),
    # an approximate count (两三天, 三五天) allows the larger
    ("两三天内完成", D(2026, 12, 3), D(2026, 12, 6)),
    ("三五天内反馈", D(2026, 12, 3), D(2026, 12, 8)),
    # hours: the day they end on (36 hours from the document's day reach the second day)
    ("请于48小时内完成核查", D(2026, 3, 10), D(2026, 3, 12)),
    ("24小时以内", D(2026, 3, 10), D(2026, 3, 11)),
    ("36个小时内", D(2026, 3, 10), D(2026, 3, 12)),
]
RELATIVE_MONTHS = [
    ("一两个月内完成", D(2026, 12, 3), D(2027, 2, 3)),
    ("3个月内", A, D(2020, 10, 31)),
    ("限期一个月完成整改", A, D(2020, 8, 31)),
    ("1个月内", D(2021, 1, 31), D(2021, 2, 28)),
    ("半个月内", A, D(2020, 8, 15)),
    ("半年内", A, D(2021, 1, 31)),
    ("一年内", D(2020, 2, 29), D(2021, 2, 28)),
    ("五年内", A, D(2025, 7, 31)),
    ("两月内完成", A, D(2020, 9, 30)),  # 两月 is two months, never February
    ("一个半月内", A, D(2020, 9, 15)),  # a month and fifteen days
    ("两个半月以内", D(2026, 3, 10), D(2026, 5, 25)),
    ("1年6个月内完成整改", D(2026, 3, 10), D(2027, 9, 10)),
    ("一年零三个月内", D(2026, 3, 10), D(2027, 6, 10)),
]
WORKDAYS = [
    ("5个工作日内", A, D(2020, 8, 7)),
    ("5个工作日内", D(2026, 9, 30), D(2026, 10, 13)),  # 国庆 2026, 10/10 a working Saturday
    ("3个工作日内", D(2026, 9, 30), D(2026, 10, 10)),
    ("五個工作日內", D(2021, 9, 30), D(2021, 10, 13)),
    ("10个工作日内", D(2026, 2, 10), D(2026, 3, 2)),  # 春节 2026 with two 调休 Saturdays
]
HOLIDAY = [
    ("春节前", A, D(2021, 2, 11)),
    ("春節前", D(2025, 12, 1), D(2026, 2, 16)),
    ("元旦前", A, D(2020, 12, 31)),
    ("元宵节前", D(2026, 12, 3), D(2027, 2, 19)),  # 正月十五 2027 is 20 February
    ("清明节前", D(2023, 1, 5), D(2023, 4, 4)),
    ("端午前", D(2024, 3, 1), D(2024, 6, 9)),
    # the lunar year's end: by 除夕, as 春节前
    ("年关前结清工资", D(2026, 3, 10), D(2027, 2, 5)),
    ("新春佳节前", D(2026, 1, 10), D(2026, 2, 16)),
    ("腊月底前发放到位", D(2026, 3, 10), D(2027, 2, 5)),
    # a holiday's days off, with 调休: 春节 2026 is off 15 to 23 February, 国庆 1 to 7 October
    ("请于春节放假前报送", D(2026, 1, 10), D(2026, 2, 14)),
    ("国庆长假前完成", D(2026, 3, 10), D(2026, 9, 30)),
    ("国庆假期结束前", D(2026, 3, 10), D(2026, 10, 7)),
    ("国庆节后第一个工作日报送", D(2026, 3, 10), D(2026, 10, 8)),
    # counted from the last day off: 2026's break is 15–23 February, 1–7 October (10 October
    # a make-up working day)
    ("春节后一周内报送值班情况", D(2026, 1, 5), D(2026, 3, 2)),
    ("春节后3个工作日内", D(2026, 1, 5), D(2026, 2, 26)),
    ("国庆假期结束后3个工作日内", D(2026, 3, 10), D(2026, 10, 10)),
    ("中秋节假期结束后的第一个工作日", D(2026, 3, 10), D(2026, 9, 28)),
    # solar terms: the day before (芒种 2026 is 5 June)
    ("芒种前完成小麦收获", D(2026, 3, 10), D(2026, 6, 4)),
    ("立冬前完成秋种", D(2026, 3, 10), D(2026, 11, 6)),
    ("中秋节前", D(2024, 3, 1), D(2024, 9, 16)),
    ("五一前", D(2022, 2, 10), D(2022, 4, 30)),
    ("国庆前", A, D(2020, 9, 30)),
    ("国庆节前", D(2020, 10, 8), D(2021, 9, 30)),
    ("“十一”前", A, D(2020, 9, 30)),
    ("十一前", A, D(2020, 9, 30)),
    ("明年春节前", D(2020, 11, 20), D(2021, 2, 11)),
    ("2027年春节前", A, D(2027, 2, 5)),
    # days marked but not off work: the day before, like 五一前
    ("七一前", D(2024, 3, 15), D(2024, 6, 30)),
    ("“七一”前", D(2024, 3, 15), D(2024, 6, 30)),
    ("建党节前", D(2024, 7, 2), D(2025, 6, 30)),
    ("八一前", D(2024, 3, 15), D(2024, 7, 31)),
    ("六一儿童节前", D(2024, 3, 15), D(2024, 5, 31)),
    ("三八节前", D(2024, 3, 15), D(2025, 3, 7)),
    ("教师节前", D(2024, 3, 15), D(2024, 9, 9)),
    ("2025年七一前", D(2024, 3, 15), D(2025, 6, 30)),
    # two festivals: before whichever comes first from the document date
    ("元旦春节前", D(2024, 3, 15), D(2024, 12, 31)),
    ("元旦、春节前", D(2024, 1, 10), D(2024, 2, 9)),
    ("国庆中秋前", D(2024, 3, 1), D(2024, 9, 16)),
    # a year written before them names that year's pair: 2026年元旦 is 2026-01-01
    ("2026年元旦春节前", D(2024, 3, 15), D(2025, 12, 31)),
    ("2025年元旦、春节前", D(2024, 3, 15), D(2024, 12, 31)),
    ("元旦春节前", D(2024, 12, 20), D(2024, 12, 31)),
    ("今年元旦春节前", D(2024, 12, 10), D(2024, 12, 31)),  # December: the coming pair
]
SEASON = [
    ("汛期前", A, D(2021, 5, 31)),
    ("汛前", D(2020, 5, 20), D(2020, 5, 31)),
    ("供暖季前", A, D(2020, 11, 14)),
    ("开学前", A, D(2020, 8, 31)),
    ("供暖前", A, D(2020, 11, 14)),
    ("雨季来临前", D(2021, 3, 1), D(2021, 5, 31)),
    ("今年入汛前完成", D(2021, 3, 1), D(2021, 5, 31)),  # the year qualifies the season: one date
    ("開學前", D(2020, 9, 1), D(2021, 8, 31)),
    ("秋季开学前", A, D(2020, 8, 31)),
    ("明年秋季开学时", A, D(2021, 8, 31)),
    ("明年汛期前", D(2020, 3, 1), D(2021, 5, 31)),
    ("今冬明春", A, D(2021, 5, 31)),
    ("今冬明春", D(2021, 1, 10), D(2021, 5, 31)),
]
PLAN = [
    ("到本世纪中叶", D(2026, 12, 3), D(2050, 12, 31)),
    ("到下个世纪中叶", D(1987, 11, 1), D(2050, 12, 31)),
    ("十三五末", A, D(2020, 12, 31)),
    ("“十四五”期间", A, D(2025, 12, 31)),
    ("十五五期末", A, D(2030, 12, 31)),
    ("“九五”时期", D(1996, 3, 17), D(2000, 12, 31)),
    ("十四五规划", A, D(2025, 12, 31)),
]
RANGE = [
    ("9月7日--9月25日", D(2015, 9, 1), D(2015, 9, 25)),  # a doubled hyphen is a dash too
    ("本月底至下月中旬完成", D(2024, 11, 4), D(2024, 12, 20)),  # two read apart, one range
    ("9月至10月", A, D(2020, 10, 31)),
    ("7月1日—9月30日", D(2021, 6, 15), D(2021, 9, 30)),
    ("今年9月至明年3月", A, D(2021, 3, 31)),
    ("2023年至2025年", A, D(2025, 12, 31)),
    ("2023—2025年", A, D(2025, 12, 31)),
    ("11月至次年3月", D(2020, 11, 5), D(2021, 3, 31)),
    ("10月1日起至12月31日", A, D(2020, 12, 31)),
    ("9月20日一9月30日", A, D(2020, 9, 30)),  # 一 for a lost dash, between dates in digits
    ("5一6月", D(2021, 3, 1), D(2021, 6, 30)),
    ("9—10月", A, D(2020, 10, 31)),
    ("9月1日至10日", A, D(2020, 9, 10)),
    ("11月至2月", A, D(2021, 2, 28)),
    ("一九五○年到一九五三年上半年", A, D(1953, 6, 30)),
    ("2023年至2025年6月底前", A, D(2025, 6, 30)),
    ("1至11月", A, D(2020, 11, 30)),
    # the start is placed without roll-over; the whole range rolls only when its end is over
    ("10月至次年3月", D(2020, 11, 15), D(2021, 3, 31)),
    ("9月至12月", D(2020, 11, 15), D(2020, 12, 31)),
    ("3月至5月", D(2020, 11, 15), D(2021, 5, 31)),
    ("3—5月", D(2020, 11, 15), D(2021, 5, 31)),
    ("10月1日至11月10日", D(2020, 11, 15), D(2020, 11, 10)),  # ends this month: this year
    ("11月至2月", D(2021, 3, 5), D(2022, 2, 28)),
    ("11—2月", D(2021, 3, 5), D(2022, 2, 28)),
    # a second part in the first part's month: "至月底" is that month's end, not this one's
    ("4月1日至月底", D(2026, 3, 10), D(2026, 4, 30)),
    ("6月上旬至中旬", D(2026, 3, 10), D(2026, 6, 20)),
    ("实施期限：2026.03-2026.06", D(2026, 3, 10), D(2026, 6, 30)),  # months with dots
    ("2026.03—2027.12", D(2026, 3, 10), D(2027, 12, 31)),
    ("2020年10月至次年3月", D(2020, 11, 15), D(2021, 3, 31)),
    ("明年10月至次年3月", D(2020, 11, 15), D(2022, 3, 31)),
    ("10月至明年3月", D(2020, 11, 15), D(2021, 3, 31)),
]
RECURRING = [
    ("每季评选优秀个人", D(2023, 4, 26), D(2023, 6, 30)),  # 每季 is 每季度
    ("每月10日前", D(2020, 10, 3), D(2020, 10, 10)),
    ("每月10日前", D(2020, 10, 15), D(2020, 11, 10)),
    ("每月的10日前", D(2020, 10, 15), D(2020, 11, 10)),
    # a working day of each month: 清明 2026 (4-6 April) pushes April's fifth to the 8th
    ("每月前5个工作日内报送上月数据", D(2026, 3, 10), D(2026, 4, 8)),
    ("每月最后一个工作日前报送", D(2026, 5, 1), D(2026, 5, 29)),
    # a part of each month; a quarter or the start of each year
    ("每月上旬报送上月情况", D(2026, 3, 12), D(2026, 4, 10)),
    ("每月中旬前", D(2026, 3, 10), D(2026, 3, 20)),
    ("每年一季度末前报送", D(2026, 5, 10), D(2027, 3, 31)),
    ("每年第一季度报送上年度报告", D(2026, 3, 10), D(2026, 3, 31)),
    ("每年年初报送", D(2026, 3, 10), D(2027, 1, 31)),
    ("请于每年的3月31日前报送", D(2026, 1, 5), D(2026, 3, 31)),  # one series, not 每年 too
    ("每月底", A, D(2020, 7, 31)),
    ("每季度末", A, D(2020, 9, 30)),
    ("每半年", A, D(2020, 12, 31)),
    ("每年", A, D(2020, 12, 31)),
    ("每年3月底前", A, D(2021, 3, 31)),
    ("每周五", D(2020, 8, 1), D(2020, 8, 7)),
    ("每一季度", A, D(2020, 9, 30)),
    ("各季度末前报送", A, D(2020, 9, 30)),  # 各 with a period's end: each of them
    ("每季度最后一个月的30日前报送", D(2023, 1, 3), D(2023, 3, 30)),
    ("每季度末月25日前报送", D(2023, 1, 3), D(2023, 3, 25)),
    ("每季度结束后10日内报送", D(2023, 1, 3), D(2023, 1, 10)),  # the 10th after each quarter
    ("每月结束后5日内报送", D(2023, 1, 8), D(2023, 2, 5)),
    ("每年开展一次专项检查", A, D(2020, 12, 31)),  # once per period: the obligation itself
    ("每月报送1次", A, D(2020, 7, 31)),
    ("每年对本部门政务数据目录至少全面核查一次", A, D(2020, 12, 31)),
]
NONE = [(w, A, None) for w in ("尽快", "立即", "长期坚持", "持续推进", "常态化", "长期")]

TABLES = {
    "month_end": MONTH_END,
    "day": DAY,
    "xun": XUN,
    "month_rel": MONTH_REL,
    "year_end": YEAR_END,
    "week": WEEK,
    "month_end (year start)": YEAR_START,
    "year_explicit": YEAR_EXPLICIT,
    "half": HALF,
    "quarter": QUARTER,
    "relative_days": RELATIVE_DAYS,
    "relative_months": RELATIVE_MONTHS,
    "workdays": WORKDAYS,
    "holiday": HOLIDAY,
    "season": SEASON,
    "plan_period": PLAN,
    "range": RANGE,
    "recurring": RECURRING,
    "none": NONE,
}
CASES = [(kind.split()[0], *case) for kind, rows in TABLES.items() for case in rows]


@pytest.mark.parametrize(("kind", "text", "as_of", "due"), CASES)
def test_kind(kind: str, text: str, as_of: dt.date, due: dt.date | None) -> None:
    check(text, as_of, due, kind)


@pytest.mark.parametrize(
    "text",
    [
        "1.5万元",
        "5月份以来",
        "3个月以来",
        "10月1日起施行",
        "今年以来",
        "过去五年内",
        "几年内",
        "按照每月1000元的标准",
        "平均每年递增4%",
        "2026年内蒙古自治区",
        "2019年",
        "去年",
        "十五年",
        "统筹考虑",
        "统一季度考核",
        "2026年初以来",
        "年初以来",
        "年初制定的目标",
        "今天的会议",
        "职工每周五天半工作制",
        # a bare 每年/每月 before a count: a frequency or a quota
        "国务院常务会议一般每月召开三次",
        "力争每年新增200家企业",
        "每年高质量办成10件民生实事",
        "每年办好十件民生实事",
        "每年支持一批网络改造",
        "每年安排140亿元以上",
        "固定资产投资规模每年仍按10亿元安排",
        "每年面向1万名专业技术人员",
        "每年城镇新增就业60万人以上",
        # 前夕: when an event falls, not a "by" date
        "春节前夕走访慰问困难群众",
        "国庆节前夕",
        # no numbered day inside another number; a season's end is no quarter's
        "二十七一前",
        "秋季末",
        "赛季末前",
        "采暖季末前完成检修",
        "该季度末",
        "季末余额不得低于上年同期",
        # 月内 only on its own: a count of months, or another month, is not this one
        "数月内",
        "月内容",
        "限期整改",
        "同月内",
        "各季度工作安排",
        # 上一月 is the month before some event, not January; 青年终身 holds no 年终
        "按上一月最后一日的汇率折算",
        "鼓励优秀青年终身从教",
        # a period the grammar does not know, after a bare year: not that year's end
        "今年暑假前完成",
        "大雪前完成道路除冰",
        "2026.5万元",  # one dotted year-month is an amount
        "春节放假前夕",
        "每年初步安排资金2000万元",  # 初步 is "preliminary", not 年初
        "今年前9月，全市完成投资1200亿元",  # the months so far: a statistic's period  # 大雪, 小雪, 雨水 are weather words too: not read as terms
        "今年寒假前完成",
        "现在是第二个季度的开始",
        "实行一月一对账一销号",  # how often, not January
        "全年完成情况",  # a report's name
        "年度实施方案",  # a plan's name: no count after the verb
        "全年改造老旧小区30个，新建公园5处",  # a year's result: no target's word
        "认真做好岁末年初各项工作",  # the turn of the year, a season: no year's end
        "秋季开学以来",
        "春夏秋冬四季皆宜",
        "第二季节目播出",
        "秋季开学后开展安全教育",
        "按第3.2条前款规定办理",  # a clause number
        "占比12.5，前移至",  # a number, no 前 right after it
    ],
)
def test_not_a_deadline(text: str) -> None:
    assert resolve(text, A) == []


def test_each_month_each_quarter_is_an_idiom() -> None:
    """ "每月每季都在…": 每季 after 每月 is no quarterly series (每季 alone is one)."""
    found = resolve("事实上，每月每季都在局部地打破这种平衡。", D(2021, 3, 1))
    assert [d.recurring for d in found] == ["month"]
    assert [d.recurring for d in resolve("每季评选优秀个人。", D(2021, 3, 1))] == ["quarter"]


def test_a_start_word_after_a_by_word_is_the_work_not_a_start() -> None:
    """ "9月底前开始施工": the work starts by then; "10月1日开始施行" is still a start."""
    assert one("力争9月底前开始施工", A).due == D(2020, 9, 30)
    assert one("力争年内开始建设", A).due == D(2020, 12, 31)
    assert resolve("10月1日开始施行", A) == []
    # after a schedule's lead word (预计, 计划于, 力争) the start is the milestone
    assert one("预计10月初开始试运行", A).due == D(2020, 10, 10)
    assert one("计划于9月中旬开始施工", A).due == D(2020, 9, 20)
    assert resolve("10月初开始，全面推行垃圾分类", A) == []
    assert resolve("检查组将于8月20日开始实地考核", A) == []  # 将于: an event's start


def test_a_count_after_a_month_is_not_its_day() -> None:
    # "6月15家企业完成改造": June, and fifteen firms; the 15th only before a "by" word
    d = one("6月15家企业完成改造", A)
    assert (d.expr, d.due, d.kind) == ("6月", D(2021, 6, 30), "month_end")


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("2025年春节前夕，再次亲临辽宁", D(2026, 1, 27)),
    ],
)
def test_not_a_deadline_on(text: str, as_of: dt.date) -> None:
    assert resolve(text, as_of) == []


@pytest.mark.parametrize(
    ("text", "as_of", "expr"),
    [
        ("13月底前完成", A, "13月底前"),
        ("2月30日前完成", A, "2月30日前"),
        ("0月完成", A, "0月"),
        ("2021年2月29日前完成", A, "2021年2月29日前"),
        # 2月29日 with no year: the roll-over rule picks the year, and it has no 29 February
        ("2月29日前", D(2023, 1, 10), "2月29日前"),
        ("2月29日", D(2023, 2, 10), "2月29日"),  # the same month: this year
        ("2月29日前", D(2022, 3, 1), "2月29日前"),  # over this year, and 2023 has none
    ],
)
def test_impossible_dates_are_reported_invalid(text: str, as_of: dt.date, expr: str) -> None:
    """A date no calendar has comes back flagged, with no date, for a person to correct."""
    (d,) = resolve(text, as_of)
    assert (d.expr, d.due, d.invalid) == (expr, None, True)


def test_seed_sentence_in_text_order() -> None:
    text = "10月底前完成摸底，11月底前制定方案，年底前全面完成，全年持续推进。"
    got = [(d.expr, d.due) for d in resolve(text, A)]
    assert got == [
        ("10月底前", D(2020, 10, 31)),
        ("11月底前", D(2020, 11, 30)),
        ("年底前", D(2020, 12, 31)),
        ("持续推进", None),  # 全年 before 持续推进 is a span, not a target
    ]


def test_basis_and_flags() -> None:
    assert one("10月底前", A).basis == "document"
    assert one("3月底前", D(2020, 12, 10)).basis == "rollover"
    assert one("2021年3月底前", A).basis == "explicit"
    assert one("5个工作日内", A).basis == "relative"
    assert one("尽快", A).basis == "none"
    past = one("2019年3月底前", A)
    assert past.due == D(2019, 3, 31) and past.past and past.basis == "explicit"
    assert one("今年3月底前", A).past
    assert not one("10月底前", A).past
    assert one("春节前后", A).ambiguous
    assert one("自收到申请之日起7个工作日内", A).ambiguous
    assert not one("7个工作日内", A).ambiguous


def test_provisional_beyond_the_official_calendar() -> None:
    d = one("5个工作日内", D(2026, 12, 28))
    assert d.due == D(2027, 1, 5) and d.provisional
    assert not one("3个工作日内", D(2026, 12, 28)).provisional


def test_calendar_overrides() -> None:
    cal = WorkCalendar(extra_holidays=[D(2027, 1, 4)], extra_workdays=[D(2027, 1, 2)])
    assert one("5个工作日内", D(2026, 12, 28), calendar=cal).due == D(2027, 1, 5)
    cal = WorkCalendar(extra_holidays=[D(2027, 1, 4)])
    assert one("5个工作日内", D(2026, 12, 28), calendar=cal).due == D(2027, 1, 6)


def test_seasons_from_config() -> None:
    seasons = {"汛前": "06-15", "秋收前": "09-20"}
    assert one("汛前", A, seasons=seasons).due == D(2021, 6, 15)
    assert one("秋收前", A, seasons=seasons).due == D(2020, 9, 20)
    assert resolve("供暖季前", A, seasons=seasons) == []


def test_recurring_occurrences() -> None:
    d = one("每季度末", D(2021, 5, 5))
    assert d.recurring == "quarter"
    assert d.occurrences == (D(2021, 6, 30), D(2021, 9, 30), D(2021, 12, 31))
    d = one("每月底", D(2021, 5, 5), horizon=D(2021, 8, 31))
    assert d.occurrences == (D(2021, 5, 31), D(2021, 6, 30), D(2021, 7, 31), D(2021, 8, 31))
    d = one("每周五", D(2020, 12, 20))
    assert d.recurring == "week" and d.occurrences == (D(2020, 12, 25),)
    d = one("每月31日前", D(2021, 2, 5), horizon=D(2021, 4, 30))
    assert d.occurrences == (D(2021, 2, 28), D(2021, 3, 31), D(2021, 4, 30))


def test_recurring_explicit_end_and_start() -> None:
    text = "每季度末报送工作进展，至2022年。"
    found = resolve(text, D(2021, 3, 1))
    assert found[0].occurrences[-1] == D(2022, 12, 31) and len(found[0].occurrences) == 8
    d = resolve("2020年起，每年2月底前各省份完成考核。", D(2019, 1, 16))[0]
    assert d.due == D(2020, 2, 29) and d.recurring == "year"
    # a quarter as the start: its first month; the quarter's first month written 第1个月的
    text = "从2023年第二季度起，各牵头单位要在每个季度第1个月的20日前报送完成情况。"
    (q,) = resolve(text, D(2023, 1, 20))
    assert q.recurring == "quarter"
    assert q.occurrences == (D(2023, 4, 20), D(2023, 7, 20), D(2023, 10, 20))
    # a series starting next year runs through that year (it stopped at the document's year)
    (nxt,) = resolve("从2024年第二季度起，每季度末报送工作进展。", D(2023, 11, 6))
    assert nxt.occurrences == (D(2024, 6, 30), D(2024, 9, 30), D(2024, 12, 31))


def test_a_month_after_a_yearly_obligation_recurs_with_it() -> None:
    """ "每年1月底前…，7月15日前…": the second date is yearly too, not the first's end; a
    year written, or another sentence, ends the run."""
    first, second = resolve("每年1月底前报送上年度总结，7月15日前报送半年报告。", D(2024, 3, 1))
    assert (first.recurring, first.due) == ("year", D(2025, 1, 31))
    assert (second.recurring, second.due, second.expr) == ("year", D(2024, 7, 15), "7月15日前")
    assert first.occurrences == (D(2025, 1, 31),), "the second date is no end of the first"
    for text in (
        "每年1月底前报送总结，2025年6月底前完成评估。",
        "每年1月底前报送总结。6月底前完成评估。",
    ):
        last = resolve(text, D(2024, 3, 1))[-1]
        assert (last.recurring, last.due) == (
            None,
            D(2025, 6, 30) if "2025" in text else D(2024, 6, 30),
        )
    once = resolve("每年3月底前报送年报，6月底前完成首次评估，之后不再评估。", D(2024, 3, 1))[-1]
    assert (once.recurring, once.due) == (None, D(2024, 6, 30)), "a step done once is no series"
    d = resolve("每年3月上旬报送计划，9月下旬报送进展", D(2024, 3, 15))
    assert [(x.due, x.recurring) for x in d] == [(D(2025, 3, 10), "year"), (D(2024, 9, 30), "year")]


@pytest.mark.parametrize(
    ("text", "as_of", "occurrences"),
    [
        # the sentence's own "by" date bounds the series, before or after it
        (
            "2021年6月底前，每季度末报送进展",
            A,
            (D(2020, 9, 30), D(2020, 12, 31), D(2021, 3, 31), D(2021, 6, 30)),
        ),
        (
            "每月10日前报送进展，10月底前完成整改",
            A,
            (D(2020, 8, 10), D(2020, 9, 10), D(2020, 10, 10)),
        ),
        ("明年3月底前，每季度末报送", A, (D(2020, 9, 30), D(2020, 12, 31), D(2021, 3, 31))),
        # an end before the first occurrence cannot bound it: to 31 Dec as without one
        ("2019年底前已完成，每季度末报送进展", A, (D(2020, 9, 30), D(2020, 12, 31))),
        # a date that is not a "by" date (no 前/内/至) does not bound it
        ("2021年6月底，每季度末报送进展", A, (D(2020, 9, 30), D(2020, 12, 31))),
        # another sentence's date does not bound it
        ("2021年6月底前完成。每季度末报送进展", A, (D(2020, 9, 30), D(2020, 12, 31))),
    ],
)
def test_recurring_bounded_by_the_sentence(
    text: str, as_of: dt.date, occurrences: tuple[dt.date, ...]
) -> None:
    [d] = [d for d in resolve(text, as_of) if d.recurring]
    assert d.occurrences == occurrences
    assert d.due == occurrences[0]


def test_spans_are_into_the_original_text() -> None:
    text = "（一）２０２１年６月３０日前，各地完成；春節前報送；五個工作日內答復。"
    for d in resolve(text, A):
        assert text[d.start : d.end] == d.expr
    assert [d.expr for d in resolve(text, A)] == [
        "２０２１年６月３０日前",
        "春節前",
        "五個工作日內",
    ]


def test_normalise_is_length_preserving() -> None:
    text = "２０２１年內，春節前５個工作日○Ａｂ"
    out = normalise(text)
    assert len(out) == len(text)
    assert out == "2021年内，春节前5个工作日〇Ab"


def test_longest_match_wins() -> None:
    assert [d.expr for d in resolve("2021年6月30日前", A)] == ["2021年6月30日前"]
    assert [d.expr for d in resolve("每年3月底前", A)] == ["每年3月底前"]
    assert [d.expr for d in resolve("明年上半年", A)] == ["明年上半年"]


def test_the_solar_terms_read_are_the_calendars() -> None:
    """The grammar's solar terms and the calendar's are one list (two copies: the grammar
    stays free of the calendar's imports)."""
    from pipeline.deadlines.lexicon import TERM_WORDS
    from pipeline.workcal import SOLAR_TERMS

    assert tuple(TERM_WORDS.split("|")) == SOLAR_TERMS


def test_a_ranges_years_are_no_context_year() -> None:
    """ "到2026年，…6月底前…": a target year dates the periods after it; the years of a range
    ("2023年至2025年", "（2024—2026年）") date none of them."""
    assert resolve("到2026年，老旧小区改造全面完成，其中6月底前完成主体工程。", D(2024, 5, 10))[
        1
    ].due == D(2026, 6, 30)
    found = resolve("2023年至2025年，每年新建口袋公园10个，6月底前完成选址。", D(2024, 5, 10))
    assert found[-1].due == D(2024, 6, 30)
