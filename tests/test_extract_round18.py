"""Classes of failure found in the eighteenth round (held-out pages of safety campaigns,
民生实事 lists, replies to deputies, project news), with examples written for these tests."""

from __future__ import annotations

import datetime as dt

from tests.test_extract_classes import _tasks as _titled
from tests.test_extract_heldout import _dated, _tasks

D = dt.date


def test_a_counted_lead_dates_its_ordinal_items_each_one_task() -> None:
    """ "2027年，区政府为民办好8件实事：" over "一是…", "二是…" paragraphs: each item is the
    year's, and one task however many clauses it has; a heading after the list ends it."""
    tasks = _tasks(
        "2027年，区政府为民办好8件实事：",
        "一是实施学前教育扩容工程，新建幼儿园4所，新增学位1200个。",
        "二是实施背街小巷提升工程，完成整治15条，畅通社区微循环。",
        "三是实施口袋公园建设工程，建成滨河公园，新改扩建街头游园6个。",
        "会议还听取了其他事项的汇报。",
        as_of=D(2027, 1, 25),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2027, 12, 31)] * 3, dated
    assert any("新建幼儿园4所" in t and "新增学位1200个" in t for t, _ in dated), dated
    assert any("完成整治15条" in t and "畅通社区微循环" in t for t, _ in dated), dated
    assert not any("其他事项" in t for t, _ in dated)
    # a year's list told as done is no lead
    told = _tasks(
        "2026年，区政府办了8件实事：",
        "一是新建幼儿园4所。",
        as_of=D(2027, 1, 25),
    )
    assert _dated(told) == []


def test_a_closing_clause_that_the_subject_is_finished_continues_the_task() -> None:
    """ "续建项目12月底完成建设任务，项目竣工等": the completion is the same task's end."""
    tasks = _tasks("续建项目12月底完成建设任务，项目竣工验收等。", as_of=D(2027, 4, 8))
    assert _dated(tasks) == [("续建项目12月底完成建设任务，项目竣工验收等", D(2027, 12, 31))]


def test_a_breakdown_after_qi_zhong_belongs_to_the_task_before_it() -> None:
    """ "今年新开工安置房800套，其中棚改安置房500套": one target with its breakdown."""
    tasks = _tasks("年底前，全区新开工安置房800套，其中棚改安置房500套。", as_of=D(2027, 3, 1))
    assert _dated(tasks) == [("全区新开工安置房800套，其中棚改安置房500套", D(2027, 12, 31))]


def test_a_paragraph_head_stops_at_a_sentence_telling_what_was_done() -> None:
    """ "2027年，…任务1500户，…预定9月底全面完成。县委高度重视，…。7月以来，…进行了督查":
    the year heading the paragraph does not date the narration after it."""
    tasks = _tasks(
        "2027年，全县农村危房改造任务1500户，预定9月底全面完成任务。"
        "县委县政府高度重视，实行领导包片制度。"
        "7月以来，县领导带领相关部门对改造质量进行了全面督查。",
        as_of=D(2027, 9, 2),
    )
    dated = _dated(tasks)
    assert ("预定9月底全面完成任务", D(2027, 9, 30)) in dated, dated
    assert not any("高度重视" in t or "督查" in t for t, _ in dated), dated


def test_a_forecast_after_a_past_year_takes_the_documents_year() -> None:
    """ "工程去年10月开工，预计年底交房": the forecast's 年底 is not last year's."""
    tasks = _tasks("安置房工程去年10月开工，预计年底交房。", as_of=D(2027, 9, 8))
    assert _dated(tasks) == [("安置房工程去年10月开工，预计年底交房", D(2027, 12, 31))]
    # narration keeps the year it tells of
    told = _tasks("该工程2025年10月开工，12月底完工。", as_of=D(2027, 9, 8))
    assert _dated(told) == []


def test_completing_this_years_plan_is_due_at_its_end() -> None:
    """ "确保完成今年投资计划45亿元": the year's plan as a target (not in a purpose)."""
    tasks = _tasks("各项目要加快施工进度，确保完成今年投资计划45亿元。", as_of=D(2027, 5, 20))
    assert [due for _, due in _dated(tasks)] == [D(2027, 12, 31)]
    purpose = _tasks("为确保完成今年投资计划，各单位要加快进度。", as_of=D(2027, 5, 20))
    assert _dated(purpose) == []


def test_a_projects_forecast_with_ke_yi_is_its_schedule() -> None:
    """ "预计8月份可以建成并投入使用": a schedule; "每年可实现效益…" stays a benefit."""
    tasks = _tasks("目前已形成初步方案，预计8月份可以建成并投入使用。", as_of=D(2027, 7, 7))
    assert [due for _, due in _dated(tasks)] == [D(2027, 8, 31)]
    benefit = _tasks("该项目预计每年可实现经济效益4200多万元。", as_of=D(2027, 7, 7))
    assert _dated(benefit) == []


def test_dang_nian_qualifying_a_noun_does_not_end_the_heads_reach() -> None:
    """ "力争全年…，当年项目开工率达到40%以上": 当年 is the projects' year, the aim's 全年
    dates it."""
    tasks = _tasks(
        "力争全年新签招商项目100个以上，往年项目开工率达到70%以上，当年项目开工率达到40%以上。",
        as_of=D(2027, 5, 14),
    )
    dated = _dated(tasks)
    assert ("当年项目开工率达到40%以上", D(2027, 12, 31)) in dated, dated


def test_a_plan_period_heading_a_later_sentence_dates_its_target() -> None:
    """ "…已建成通车1820公里。“十五五”期间，将新增高速公路1200公里": the period at the head
    of a sentence that is not the paragraph's first."""
    tasks = _tasks(
        "全省高速公路网总规模约3800公里，已建成通车1820公里。“十五五”期间，将新增高速公路1200公里。",
        as_of=D(2026, 5, 24),
    )
    assert _dated(tasks) == [("将新增高速公路1200公里", D(2030, 12, 31))]


def test_a_date_within_a_phase_ending_this_year_is_not_rolled_over() -> None:
    """ "一、前期准备（4月20日前）" over "2月10日前，镇设立…" in March: the item's day lies in
    the phase, this year, so it is past (not next February); later items keep their dates."""
    tasks = _tasks(
        "一、前期准备（4月20日前）",
        "（一）成立工作专班。2月10日前，镇成立换届工作专班。",
        "（二）开展调查摸底。4月10日前，各村完成选民摸底。",
        "二、组织实施（4月21日至6月30日）",
        "（一）推选选举委员会。",
        as_of=D(2027, 3, 11),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2027, 4, 10), D(2027, 6, 30)], dated
    # with no phase over it, a month before the document's still rolls to next year
    alone = _tasks("2月10日前，镇成立换届工作专班。", as_of=D(2027, 3, 11))
    assert [due for _, due in _dated(alone)] == [D(2028, 2, 10)]


def test_a_purposes_year_names_the_work_not_the_dates_after_it() -> None:
    """ "为切实做好2028年…计划申报工作，现就…公告如下：1、…于5月20日前…": the purpose's year is
    the plan applied for; the day is this year's."""
    tasks = _tasks(
        "为切实做好2028年老旧小区改造计划申报工作，现就有关事项公告如下："
        "1、各小区可委托代表于5月20日前至社区领取表格；2、请于5月25日前反馈至领导小组办公室。",
        as_of=D(2027, 4, 15),
    )
    assert sorted(due for _, due in _dated(tasks)) == [D(2027, 5, 20), D(2027, 5, 25)]


def test_a_past_year_qualifying_a_noun_stays_under_the_head() -> None:
    """ "确保10月底前，2026年开工改造的160个小区全部完工": the year names which estates."""
    tasks = _tasks(
        "确保10月底前，2026年开工改造的160个小区全部完工。",
        as_of=D(2027, 2, 16),
    )
    assert _dated(tasks) == [("2026年开工改造的160个小区全部完工", D(2027, 10, 31))]


def test_a_year_after_a_speaker_with_a_place_and_yao_is_its_plan() -> None:
    """ "会议提到，2028年全省要出台…": the year heads a plan after who said it; 要素 is no order."""
    tasks = _tasks("会议提到，2028年江苏要出台城市更新指导意见。", as_of=D(2028, 2, 28))
    assert [due for _, due in _dated(tasks)] == [D(2028, 12, 31)]
    noun = _tasks("2028年全省要素市场化改革取得进展。", as_of=D(2028, 2, 28))
    assert _dated(noun) == []


def test_a_plan_period_said_what_it_is_ends_a_heads_reach() -> None:
    """ "2035年…要基本建成…，“十五五”时期是…发力期，也是…决胜期": what the period is, no work."""
    tasks = _tasks(
        "2035年本市要基本建成现代化国际大都市，“十五五”时期是全面发力期，也是攻坚决胜期。",
        as_of=D(2026, 1, 20),
    )
    assert [t for t, _ in _dated(tasks)] == ["2035年本市要基本建成现代化国际大都市"]


def test_two_months_written_yi_er_liang_are_no_invalid_date() -> None:
    """ "在一二两月份平均的日产量": two months named for a figure, not a month "一二两"."""
    tasks = _tasks("全市在一二两月份平均日产量是九十六万吨。", as_of=D(2027, 4, 18))
    assert not any(t.invalid for t in tasks)
    assert _dated(tasks) == []


def test_includes_and_can_continue_the_task_before_them() -> None:
    """ "预计十二月底所有装修工程，包括园林绿化可以完工，可以搬进来办公": one forecast."""
    tasks = _tasks(
        "监理工程师介绍：预计十二月底所有装修工程，包括园林绿化可以完工，可以搬进来办公。",
        as_of=D(2027, 8, 2),
    )
    dated = _dated(tasks)
    assert len(dated) == 1 and dated[0][1] == D(2027, 12, 31), dated
    assert "包括园林绿化可以完工" in dated[0][0] and "可以搬进来办公" in dated[0][0]


def test_a_yearly_window_of_days_is_due_on_its_last_day_and_a_named_season_is_no_task() -> None:
    """ "每年3月1日至3月31日为集中申报期，各单位要按时申报": each year's window ends on 31 March;
    "每年10月1日至次年4月30日为森林特别防护期" names a season, no work."""
    tasks = _tasks("每年3月1日至3月31日为集中申报期，各单位要按时申报。", as_of=D(2027, 10, 1))
    assert [due for _, due in _dated(tasks)][:1] == [D(2028, 3, 31)], _dated(tasks)
    season = _tasks(
        "按照条例规定，每年10月1日至次年4月30日为全省森林特别防护期。", as_of=D(2027, 10, 1)
    )
    assert _dated(season) == []


def test_a_time_referred_to_is_no_deadline() -> None:
    """ "现在距年底仅剩40天", "抢抓年末消费旺季", "“决战四季度”攻坚行动取得明显成效": a time
    measured to, a season named, a campaign's quoted name; an order naming a campaign stays."""
    for text in (
        "现在距年底仅剩40天，各项指标完成情况总体良好。",
        "各商户抢抓年末消费旺季，推出多项优惠。",
        "“决战四季度、冲刺全年红”攻坚行动取得明显成效。",
        "项目距离今年投产的目标又进了一步。",
    ):
        assert _dated(_tasks(text, as_of=D(2027, 11, 21))) == [], text
    order = _tasks("各单位要在年底前开展“清零行动”。", as_of=D(2027, 11, 21))
    assert [due for _, due in _dated(order)] == [D(2027, 12, 31)]


def test_a_reporters_day_of_hearing_is_the_news_time() -> None:
    """ "记者9月30日从…获悉" in a page of 2 October: when the news was heard, not next year's
    30 September; the order after it keeps its date."""
    tasks = _tasks(
        "记者9月30日从市攻坚指挥部获悉，10月中旬，对进展慢的区县组织约谈。", as_of=D(2027, 10, 2)
    )
    assert [due for _, due in _dated(tasks)] == [D(2027, 10, 20)]


def test_figures_done_in_a_period_nearly_over_are_a_report() -> None:
    """ "上半年，…完成投资12.8亿元" on 21 June: the figures so far; an order stays a task."""
    told = _tasks("上半年，全市重点建设项目完成投资12.8亿元，新开工24个。", as_of=D(2027, 6, 21))
    assert _dated(told) == []
    order = _tasks("上半年，全区要完成投资12.8亿元。", as_of=D(2027, 6, 21))
    assert [due for _, due in _dated(order)] == [D(2027, 6, 30)]


def test_a_years_targets_stated_in_more_ways_are_its_own() -> None:
    """ "…目标建议为：A；B", "“2027年我县…主要预期目标是：A，B……”" (in quotes), "…主要预期
    目标是地区生产总值增长7.5%以上，…" (no colon), and a place before the year."""
    for text, n in (
        (
            "2027年经济社会发展的主要预期目标建议为：地区生产总值增长8%以上；一般公共预算收入增长6%以上。",
            2,
        ),
        (
            "“2027年我县经济社会发展的主要预期目标是：生产总值增长8.5%以上，服务业增加值增长9%以上。”",
            2,
        ),
        ("区长说，今年全区主要预期目标是地区生产总值增长7.5%以上，固定资产投资增长8%左右。", 2),
        ("【城东区】城东2027年经济社会发展主要预期目标是：地区生产总值增长6%。", 1),
    ):
        dated = _dated(_tasks(text, as_of=D(2027, 1, 20)))
        assert len(dated) == n and {due for _, due in dated} == {D(2027, 12, 31)}, (text, dated)
    # a bracketed aside with a past year does not end the list's reach
    aside = _tasks(
        "2027年主要预期目标为：财政收入增长6%以上；财政支出（扣除2026年一次性支出外）增长3%以上；"
        "固定资产投资增长8%以上。",
        as_of=D(2027, 1, 20),
    )
    assert len(_dated(aside)) == 3, _dated(aside)


def test_a_heading_naming_a_years_targets_dates_its_numbered_items() -> None:
    tasks = _tasks(
        "一、2027年全区经济社会发展主要预期目标",
        "1.地区生产总值增长8%以上。（牵头单位：区发改局）",
        "2.固定资产投资增长10%以上。（牵头单位：区发改局）",
        as_of=D(2027, 3, 1),
    )
    assert [due for _, due in _dated(tasks)] == [D(2027, 12, 31)] * 2


def test_a_lead_closing_a_paragraph_dates_the_numbered_items_after_it() -> None:
    """ "…隆重开幕。报告指出，2028年县政府将…，重点抓好10件民生实事：" over "(1)…", "(2)…"."""
    tasks = _tasks(
        "11月28日，县人代会隆重开幕。报告指出，2028年县政府将继续保障民生投入，重点抓好10件民生实事：",
        "(1)全面建成城乡供水工程，让5万群众喝上放心水。",
        "(2)新增城镇就业5500人以上。",
        as_of=D(2027, 11, 28),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2028, 12, 31)] * 2, dated


def test_a_list_after_a_quoted_count_under_a_title_naming_the_years_list() -> None:
    """Title "某县今年将办好十件民生实事", then "这“十件民生实事”分别是：A；B"."""
    tasks = _titled(
        "这“十件民生实事”分别是：实施停车场建设，新增停车位500个以上；实施城市内涝治理，新建排水管网3公里。",
        as_of=D(2027, 2, 2),
        title="某县今年将办好十件民生实事",
    )
    assert [due for _, due in _dated(tasks)] == [D(2027, 12, 31)] * 2, _dated(tasks)


def test_a_recurring_period_before_a_verb_and_de_names_a_noun_and_a_clause_of_a_time_is_none() -> (
    None
):
    tasks = _tasks(
        "各支部每月收缴的党费，其中6月份和12月份的党费，需要在6月10日和12月10日之前完成。",
        as_of=D(2027, 10, 10),
    )
    assert sorted(due for _, due in _dated(tasks)) == [D(2027, 12, 10), D(2028, 6, 10)]
    monthly = _tasks("请各单位每月5日前报送上月工作进展。", as_of=D(2027, 10, 10))
    assert _dated(monthly)[0][1] == D(2027, 11, 5)


def test_twelve_month_dang_yue_restates_the_month() -> None:
    tasks = _tasks("全县12月份当月工业用电量同比增长8%。", as_of=D(2027, 2, 5))
    assert _dated(tasks) == []


def test_a_limit_extended_to_a_day_with_its_weekday_is_a_deadline() -> None:
    """ "申报期限进一步延至2月28日（星期五）": the new limit; "3月6日（星期五）上午，召开…" stays
    an event."""
    tasks = _tasks(
        "对按月申报的纳税人，纳税申报期限进一步延至2月28日（星期五）。", as_of=D(2027, 2, 17)
    )
    assert [due for _, due in _dated(tasks)] == [D(2027, 2, 28)]
    event = _tasks("3月6日（星期五）上午，召开全县动员大会。", as_of=D(2027, 2, 17))
    assert _dated(event) == []
