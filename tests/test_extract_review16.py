"""Near misses a review of the fourteenth-to-sixteenth-round rules found (its sentences,
written for the review): each rule keeps what it must not take away."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_extract_heldout import _dated, _tasks

D = dt.date


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # 了解, 了结 are verbs, not a time reached
        ("各乡镇要在3月10日前了解掌握辖区内留守儿童基本情况，并建立台账。", D(2027, 3, 10)),
        ("对群众信访事项，要在30日内了结，不得推诿。", D(2027, 3, 31)),
        # a cutoff's report still carries the later dates it does not say were met
        ("截至3月8日，全县共排查隐患320处，整改时限为4月30日。", D(2027, 4, 30)),
        ("截至目前，全县已排查隐患320处，剩余隐患4月底前全部整改到位。", D(2027, 4, 30)),
        ("截至3月8日，全县共排查隐患320处，4月底前完成整改。", D(2027, 4, 30)),
        # a date that is a deadline 节点 is no festival
        ("6月30日是完成整改的最后时间节点，逾期未完成的严肃问责。", D(2027, 6, 30)),
        # a festival day with an order for it keeps the order's date
        ("9月10日是教师节，各学校要开展尊师重教主题活动。", D(2027, 9, 10)),
        # 为民办实事 is a name, not "in order to"
        ("为民办实事项目今年全部完工。", D(2027, 12, 31)),
        # a question word with an order in the sentence is still an order
        ("各单位是否参加培训，请于3月10日前报县人社局?", D(2027, 3, 10)),
    ],
)
def test_a_deadline_the_new_rules_must_keep(text: str, due: dt.date) -> None:
    dated = _dated(_tasks(text, as_of=D(2027, 3, 1)))
    assert due in [d for _, d in dated], dated


@pytest.mark.parametrize(
    "text",
    [
        "今年要完成省里下达的造林任务，还要抓好森林防火。",
        "今年全面完成剩余3个贫困村的脱贫摘帽任务，还要持续巩固提升脱贫成果。",
        "今年全面完成剩余的15个村，要同步建立长效管护机制。",
    ],
)
def test_a_years_target_with_an_object_qualified_by_de_stays(text: str) -> None:
    """The subject rule (今年争取…的20余个项目，也要…) takes no target verb's object."""
    dated = _dated(_tasks(text, as_of=D(2027, 3, 1)))
    assert dated and all(due == D(2027, 12, 31) for _, due in dated), dated


def test_a_past_date_qualifying_the_object_keeps_the_heads_task_whole() -> None:
    tasks = _tasks(
        "6月底前，各乡镇要完成排查整治，对2023年12月31日前已登记的问题一并整改销号。",
        as_of=D(2024, 3, 1),
    )
    assert any("一并整改销号" in text for text, _ in _dated(tasks)), _dated(tasks)


def test_a_lead_of_requirements_is_no_list_of_work() -> None:
    tasks = _tasks(
        "请各单位于3月15日前报送申报材料，具体要求如下：",
        "1.申报材料须真实、完整。",
        "2.逾期不报的，视为自动放弃。",
        as_of=D(2027, 3, 1),
    )
    assert [due for _, due in _dated(tasks)] == [D(2027, 3, 15)], _dated(tasks)


def test_a_lead_over_items_with_their_own_dates_is_no_task_of_its_own() -> None:
    tasks = _tasks(
        "今年的主要目标是：",
        "全年新增城镇就业3000人，6月底前完成技能培训1万人次。",
        as_of=D(2027, 1, 20),
    )
    assert _dated(tasks) == [
        ("全年新增城镇就业3000人", D(2027, 12, 31)),
        ("6月底前完成技能培训1万人次", D(2027, 6, 30)),
    ]


def test_last_years_figures_after_a_bodys_target_are_no_target() -> None:
    tasks = _tasks(
        "我市今年要完成造林5万亩，去年完成造林4.2万亩，森林覆盖率达到38%。", as_of=D(2027, 3, 1)
    )
    assert _dated(tasks) == [("我市今年要完成造林5万亩", D(2027, 12, 31))]
    started = _tasks(
        "县政府今年将继续实施十件民生实事，其中城区道路改造工程已于去年开工。", as_of=D(2027, 3, 1)
    )
    assert _dated(started) == [("县政府今年将继续实施十件民生实事", D(2027, 12, 31))]


def test_a_time_alone_mid_sentence_does_not_carry_into_a_status() -> None:
    tasks = _tasks(
        "推进老旧小区改造，6月底前，完成30个小区改造；去年全市完成改造25个，群众满意度较高。",
        as_of=D(2027, 3, 1),
    )
    assert _dated(tasks) == [("推进老旧小区改造，完成30个小区改造", D(2027, 6, 30))]


def test_a_projects_name_with_its_investment_stays_its_subject() -> None:
    tasks = _tasks("完成投资2亿元的县医院新院区项目，预计10月底投入使用。", as_of=D(2027, 8, 10))
    assert _dated(tasks) == [
        ("完成投资2亿元的县医院新院区项目，预计10月底投入使用", D(2027, 10, 31))
    ]


def test_a_year_end_report_of_new_units_is_an_outturn() -> None:
    for text in (
        "今年新培育家庭农场230家，完成年度目标的115%。",
        "今年新发展设施农业1.8万亩，超额完成年度任务。",
    ):
        assert _dated(_tasks(text, as_of=D(2027, 12, 20))) == [], text


def test_at_the_same_time_another_bodys_work_takes_no_date() -> None:
    tasks = _tasks(
        "各单位于3月15日前报送自查报告。同时，县纪委监委将组织开展专项督查。", as_of=D(2027, 3, 1)
    )
    assert [text for text, _ in _dated(tasks)] == ["各单位于3月15日前报送自查报告"]


def test_a_plans_period_in_a_sentence_telling_work_done() -> None:
    tasks = _tasks(
        "我县“十四五”期间新建学校12所，新增学位1.5万个，有效缓解了入学难问题。", as_of=D(2024, 3, 1)
    )
    assert _dated(tasks) == []


def test_the_reviews_gaps_an_incentive_for_a_long_named_case_and_a_day_named() -> None:
    """ "对新认定的国家级专精特新“小巨人”企业，三年内给予…奖励" (a long case name) grants; "6月25日是
    全国土地日" names a day; "12月31日是…申报截止日" is a limit, still dated."""
    for text in (
        "对新认定的国家级专精特新“小巨人”企业，三年内给予每年20万元奖励。",
        "6月25日是全国土地日。",
    ):
        assert _dated(_tasks(text, as_of=D(2027, 3, 1))) == [], text
    limit = _tasks("12月31日是本年度申报截止日。", as_of=D(2027, 3, 1))
    assert [due for _, due in _dated(limit)] == [D(2027, 12, 31)]
