"""Lunar months and their parts, and a five-year plan's first years (round twenty-four):
each case resolved alone, its date checked against the lunar calendar by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import resolve

D = dt.date


@pytest.mark.parametrize(
    ("text", "as_of", "due"),
    [
        ("务必于农历十二月底前兑付到位", D(2026, 12, 3), D(2027, 2, 5)),  # 除夕 2027
        ("农历八月底完成秋粮收储", D(2026, 3, 10), D(2026, 10, 9)),  # 八月 has 29 days
        ("正月底前全面复工复产", D(2026, 12, 3), D(2027, 3, 7)),
        ("冬月下旬完成冬修水利", D(2026, 12, 3), D(2027, 1, 7)),
        ("腊月中旬前发放慰问金", D(2026, 12, 3), D(2027, 1, 27)),  # 腊月二十
        ("农历十月份完成冬修水利", D(2026, 8, 1), D(2026, 12, 8)),
        ("农历十月前完成秋冬种", D(2026, 8, 1), D(2026, 12, 8)),
        ("腊月中下旬集中走访慰问", D(2026, 8, 1), D(2027, 2, 5)),
        ("农历六月底前完成夏粮入库", D(2025, 8, 1), D(2025, 8, 22)),  # written in 闰六月
        ("定于农历十月初一举行祭扫活动", D(2026, 8, 1), D(2026, 11, 9)),
        ("农历十月初完成冬修水利规划", D(2025, 8, 1), D(2025, 11, 29)),  # 初 as 上旬: 初十
        ("“十五五”前两年，全县要完成公路提档升级", D(2026, 3, 1), D(2027, 12, 31)),
        # a start in a plan's schedule is a step of it ("计划…，5月开始施工")
        ("计划4月底完成管网改造设计，5月开始施工", D(2027, 3, 20), D(2027, 5, 31)),
        # after a span across two years, a month takes the span's start year (11月10日前 is
        # before the heating season, not in the next year's November)
        (
            "本供暖期为2027年11月15日至2028年3月15日，各供热企业要于11月10日前完成设备检修",
            D(2027, 10, 15),
            D(2027, 11, 10),
        ),
        # days with no month after a month named in the sentence are that month's
        ("3月22日至27日为集中接种时间，28日至29日为补种时间", D(2027, 3, 23), None),
    ],
)
def test_lunar_months_and_a_plans_first_years(
    text: str, as_of: dt.date, due: dt.date | None
) -> None:
    found = resolve(text, as_of)
    if due is None:  # the two spans of the vaccination schedule
        assert [d.due for d in found] == [D(2027, 3, 27), D(2027, 3, 29)], found
    elif "供暖期" in text:  # the season's end, then the maintenance before it
        assert [d.due for d in found] == [D(2028, 3, 15), due], found
    elif "开始施工" in text:  # the design's end, then the start of the works
        assert [d.due for d in found] == [D(2027, 4, 30), due], found
    else:
        assert [d.due for d in found] == [due], found


@pytest.mark.parametrize(
    "text", ["正月里走访慰问困难群众", "不能立即整改的，要制定方案限期整改", "1日至3日全县开展检查"]
)
def test_no_date_is_read_where_none_is_written(text: str) -> None:
    assert [d for d in resolve(text, D(2026, 12, 3)) if d.due is not None] == []
