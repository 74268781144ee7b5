"""Classes of real-page failure found on held-out pages after the first two extraction
rounds, with examples written for these tests: cutoffs written as a sentence of their own
("截止时间：…", "…后不再受理"), Taiwan's 民國 years, two dates in one clause, a period's
target stated ("今年的目標是…"), and commitment words inside other words (主要, 重要)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract import extract
from pipeline.models import Block, Document, Task

AS_OF = dt.date(2026, 3, 2)
D = dt.date


def _tasks(*paras: str, as_of: dt.date = AS_OF) -> list[Task]:
    blocks = tuple(Block(p, i + 1, 0) for i, p in enumerate(("关于报送材料的通知", *paras)))
    doc = Document(
        key="n.txt",
        path="n.txt",
        title="关于报送材料的通知",
        blocks=blocks,
        published=as_of,
        date_basis="sidecar",
        sha256="x",
    )
    return extract(doc, as_of)


def _dated(tasks: list[Task]) -> list[tuple[str, dt.date | None]]:
    return [(t.text, t.due) for t in tasks if t.due is not None]


# A sentence saying only when dates the work of the sentence before it --------------------
@pytest.mark.parametrize(
    ("cutoff", "due"),
    [
        ("截止时间：2026年4月10日。", D(2026, 4, 10)),
        ("受理截止时间为4月20日。", D(2026, 4, 20)),
        ("报送截止日期：2026年5月8日。", D(2026, 5, 8)),
        ("2026年9月30日后不再受理。", D(2026, 9, 30)),
        ("6月15日以后一律不予受理。", D(2026, 6, 15)),
        # a day after a limit word is the limit's, even before a comma; what lateness costs
        # after it ("逾期不予受理", "以邮戳为准") is no work of its own
        ("申报截止日期为2026年4月30日，逾期不予受理。", D(2026, 4, 30)),
        ("报送截止时间：5月8日，以寄出邮戳日期为准。", D(2026, 5, 8)),
    ],
)
def test_a_cutoff_sentence_dates_the_work_before_it(cutoff: str, due: dt.date) -> None:
    tasks = _tasks(f"请各街道认真填写推荐表，并报送区民政局。{cutoff}")
    assert len(_dated(tasks)) == 1, _dated(tasks)
    [(text, got)] = _dated(tasks)
    assert got == due
    assert "填写推荐表" in text and "报送区民政局" in text  # the work, not the cutoff alone


def test_a_cutoff_after_a_dated_clause_is_no_second_task() -> None:
    tasks = _dated(_tasks("请于2026年5月15日前报送申报材料，5月15日以后不予受理。"))
    assert tasks == [("请于2026年5月15日前报送申报材料", D(2026, 5, 15))]


def test_a_cutoff_after_no_work_is_still_a_dated_task() -> None:
    """After a sanction there is no work to date: the cutoff itself is the obligation."""
    tasks = _dated(_tasks("逾期未报的视为自动放弃。2026年9月30日后不再受理。"))
    assert [due for _, due in tasks] == [D(2026, 9, 30)]
    assert "不再受理" in tasks[0][0]


def test_a_start_after_a_day_stays_no_deadline() -> None:
    """Only what is no longer accepted makes "…后" a last day: 10月1日后施工 is a start."""
    assert _dated(_tasks("10月1日后，各施工单位恢复夜间施工。")) == []


def test_a_cutoff_sentence_does_not_reach_past_dated_work() -> None:
    """The sentence before already has its own date: the cutoff dates no other work."""
    tasks = _dated(_tasks("各街道于4月10日前完成初审。截止时间：2026年4月10日。"))
    assert [due for _, due in tasks] == [D(2026, 4, 10)]
    assert "完成初审" in tasks[0][0]


# Taiwan's 民國 years ---------------------------------------------------------------------
def test_roc_years_date_a_taiwan_plan() -> None:
    tasks = _dated(
        _tasks(
            "本府預計115年6月完成全部路段改善。",
            "民國115年底前完成30處公園改建。",
            "該堤防按100年一遇標準設計。",
            as_of=D(2026, 1, 5),
        )
    )
    assert (("本府預計115年6月完成全部路段改善", D(2026, 6, 30))) in tasks
    assert any(due == D(2026, 12, 31) and "公園改建" in text for text, due in tasks)
    assert len(tasks) == 2  # a flood standard is no year


# Two dates in one clause, each with its own work ------------------------------------------
def test_two_dates_in_a_clause_each_date_their_own_work() -> None:
    tasks = _dated(
        _tasks(
            "各镇街要在11月前全面完成排查、12月查漏补缺。",
            "区住建局3月底前完成摸底调查、5月底前制定改造计划。",
        )
    )
    assert tasks == [
        ("各镇街要在11月前全面完成排查", D(2026, 11, 30)),
        ("各镇街，12月查漏补缺", D(2026, 12, 31)),  # the subject without its 要在
        ("区住建局3月底前完成摸底调查", D(2026, 3, 31)),
        ("区住建局，5月底前制定改造计划", D(2026, 5, 31)),
    ]


def test_dates_side_by_side_or_quoted_or_alike_keep_one_clause() -> None:
    tasks = _dated(
        _tasks(
            "今年6月、9月底前分别报送季度进展。",
            "按照“6月底前开工、9月底前完工”的要求推进医院建设。",
            "城西水厂力争当年开工、当年建成。",
        )
    )
    assert [(t, d) for t, d in tasks if "季度" in t] == [
        ("今年6月、9月底前分别报送季度进展", D(2026, 6, 30)),
        ("今年6月、9月底前分别报送季度进展", D(2026, 9, 30)),
    ]
    assert [d for t, d in tasks if "医院建设" in t] == [D(2026, 6, 30), D(2026, 9, 30)]
    assert [t for t, _ in tasks if "城西水厂" in t] == ["城西水厂力争当年开工、当年建成"]


# A period's target stated ---------------------------------------------------------------
def test_a_periods_stated_target_is_a_deadline_a_noun_phrase_is_not() -> None:
    tasks = _dated(
        _tasks(
            "政府今年的目標是完成興建3000個公營房屋單位。",
            "明年的工作目标是：建成区级养老服务中心。",
            "总结今年目标任务完成情况。",
            "今年的重点是加强基层治理。",
        )
    )
    assert tasks == [
        ("政府今年的目標是完成興建3000個公營房屋單位", D(2026, 12, 31)),
        ("明年的工作目标是：建成区级养老服务中心", D(2027, 12, 31)),
    ]


def test_commitment_words_are_words_not_characters_of_others() -> None:
    tasks = {
        t.text: t.strength
        for t in _tasks(
            "今年的主要任务是实现全区污水管网全覆盖。",
            "区住建局要在6月底前完成重要节点验收。",
            "各街道9月底前完成需要整改的问题清单。",
        )
    }
    assert tasks == {
        "今年的主要任务是实现全区污水管网全覆盖": "",
        "区住建局要在6月底前完成重要节点验收": "要",
        "各街道9月底前完成需要整改的问题清单": "",
    }


def test_a_programme_rounds_years_name_it_and_date_nothing() -> None:
    tasks = _dated(
        _tasks(
            "实施第三期（2027至2032年）农村公路提升计划。",
            "第二轮（2026—2028年）改造于2028年底前完成。",
        )
    )
    assert tasks == [("第二轮（2026—2028年）改造于2028年底前完成", D(2028, 12, 31))]


def test_an_average_per_year_is_a_rate_not_a_recurring_obligation() -> None:
    tasks = _tasks("每年投入资金平均达1.2亿元，连续五年保持增长。", "每年6月底前报送年度统计报表。")
    assert [(t.text, t.due) for t in tasks] == [("每年6月底前报送年度统计报表", D(2026, 6, 30))]


# A progress report: the year's targets stay, its figures are no work ------------------------
def test_a_progress_reports_year_targets_stay_and_its_figures_are_no_tasks() -> None:
    tasks = _dated(
        _tasks(
            "今年计划完成投资50亿元，1-10月已完成42亿元，占年度计划的84%。",
            "全年计划新建改造燃气管网120公里，截至10月底已完成98公里。",
            "全年计划投资执行情况良好，年度计划实施方案已印发。",
            as_of=D(2026, 11, 15),
        )
    )
    assert tasks == [
        ("今年计划完成投资50亿元", D(2026, 12, 31)),
        ("全年计划新建改造燃气管网120公里", D(2026, 12, 31)),
    ]


def test_an_aim_at_the_whole_years_targets_is_due_at_its_end() -> None:
    tasks = _dated(
        _tasks(
            "各单位要倒排工期，确保全年目标任务圆满完成。",
            "为确保全年目标任务完成，各单位要加强调度。",
            "确保年度重点项目按时限高质量完成。",
            as_of=D(2026, 10, 15),
        )
    )
    assert tasks == [("各单位要倒排工期，确保全年目标任务圆满完成", D(2026, 12, 31))]


def test_time_spent_on_the_work_is_a_span_from_the_document() -> None:
    tasks = _dated(
        _tasks(
            "力争用2年时间基本完成城镇老旧小区改造任务。",
            "用6个月时间集中整治占道经营问题。",
            "国务院曾经提出用三年的时间，后来又延长了。",
            "用三年时间集中力量进行调整。",
        )
    )
    assert tasks == [
        ("力争用2年时间基本完成城镇老旧小区改造任务", D(2028, 3, 2)),
        ("用6个月时间集中整治占道经营问题", D(2026, 9, 2)),
    ]


def test_a_hong_kong_financial_year_ends_on_31_march() -> None:
    tasks = _dated(
        _tasks(
            "本署將於2026/27年度內完成10個公園的翻新工程。",
            "2026-27年度財政預算案已於2月公布。",
        )
    )
    assert tasks == [("本署將於2026/27年度內完成10個公園的翻新工程", D(2027, 3, 31))]


# A rectification notice ------------------------------------------------------------------
def test_a_rectification_notices_limits_date_its_items() -> None:
    tasks = _dated(
        _tasks(
            "一、存在问题：部分街道垃圾分类宣传不到位。整改期限为30天。",
            "二、部分小区消防通道被占用。完成时限：6月底前。",
            "三、各责任单位要在通报下发后15日内将整改情况报区督查室。",
            "四、窗口办理时限为15天。",
        )
    )
    assert tasks == [
        ("存在问题：部分街道垃圾分类宣传不到位，整改期限为30天", D(2026, 4, 1)),
        ("部分小区消防通道被占用", D(2026, 6, 30)),  # the item is its title
        ("各责任单位要在通报下发后15日内将整改情况报区督查室", D(2026, 3, 17)),
    ]


def test_a_season_inside_the_object_of_a_dated_verb_names_the_work() -> None:
    tasks = _dated(
        _tasks(
            "各部门要在5月15日前完成汛前隐患排查。",
            "各街道要做好汛前准备工作。",
            as_of=D(2026, 4, 8),
        )
    )
    assert tasks == [
        ("各部门要在5月15日前完成汛前隐患排查", D(2026, 5, 15)),
        ("各街道要做好汛前准备工作", D(2026, 5, 31)),  # no date of its own: 汛前 dates it
    ]


# Phase headings ------------------------------------------------------------------------
def test_a_phase_heading_with_long_month_spans_heads_its_work() -> None:
    """Brackets of two dated months ("2026年8月-2026年10月") still make a phase heading: the
    heading is no task, and its work is due at the phase's end, not the phase before it."""
    tasks = _tasks(
        "三、步骤安排",
        "（一）重点检查阶段（2026年4月-2026年7月）",
        "各单位要对排查情况进行重点检查。",
        "（二）集中整改阶段（2026年8月-2026年10月）",
        "各单位要落实整改责任。",
        "（三）总结巩固阶段（2026年11月-2026年12月上旬）",
        "各单位要认真总结工作情况。",
        "（四）制定整改措施和总结表彰阶段（12月）",  # a long title, with an action in it
        "各单位要配合做好检查验收。",
    )
    assert _dated(tasks) == [  # each task named by its phase
        ("重点检查阶段：各单位要对排查情况进行重点检查", D(2026, 7, 31)),
        ("集中整改阶段：各单位要落实整改责任", D(2026, 10, 31)),
        ("总结巩固阶段：各单位要认真总结工作情况", D(2026, 12, 10)),
        ("制定整改措施和总结表彰阶段：各单位要配合做好检查验收", D(2026, 12, 31)),
    ]


def test_a_numbered_item_closes_the_phase_of_its_elder_sibling() -> None:
    """An item numbered like the phase heading above it is that heading's sibling: the work
    after it is not the earlier phase's (a silent wrong date before)."""
    tasks = _tasks(
        "三、步骤安排",
        "（一）重点检查阶段（4月-7月）",
        "各单位要对排查情况进行重点检查。",
        "（二）各单位要在9月底前完成整改，落实整改责任。",
        "各单位要建立长效机制。",
    )
    dated = _dated(tasks)
    assert ("重点检查阶段：各单位要对排查情况进行重点检查", D(2026, 7, 31)) in dated
    assert not [text for text, _ in dated if "长效机制" in text]  # no phase dates it now


@pytest.mark.parametrize(
    "marks", [("1、", "2、", "3、"), ("①", "②", "③"), ("（1）", "（2）", "（3）")]
)
def test_a_phase_heading_run_into_its_numbered_items_dates_each(
    marks: tuple[str, str, str],
) -> None:
    a, b, c = marks
    tasks = _tasks(
        "三、步骤安排",
        f"（二）自查阶段（6月上旬至7月中旬）{a}广泛收集群众意见；{b}回头自查突出问题；"
        f"{c}7月10日前报送自查报告。",
    )
    assert [due for _, due in _dated(tasks)] == [D(2026, 7, 20), D(2026, 7, 20), D(2026, 7, 10)]
    assert all(text.startswith("自查阶段") for text, _ in _dated(tasks))


# A clause of time alone after an item's mark, or after the start of a span ---------------
@pytest.mark.parametrize("mark", ["①", "⑴", "一是"])
def test_an_items_mark_before_a_clause_of_time_alone_keeps_it_a_head(mark: str) -> None:
    tasks = _dated(_tasks(f"加快项目建设。{mark}5月底前，完成施工许可报批并开工建设。"))
    assert tasks == [("完成施工许可报批并开工建设", D(2026, 5, 31))]


def test_a_plan_year_after_an_items_mark_still_heads_only_its_item() -> None:
    tasks = _dated(_tasks("一是2026年计划投资2500万元建设道路；二是做好道路养护。"))
    assert [t for t, _ in tasks] == ["一是2026年计划投资2500万元建设道路"]


@pytest.mark.parametrize("lead", ["自即日起至", "省安委会自即日起到", "即日起至"])
def test_a_span_from_now_dates_the_work_after_it(lead: str) -> None:
    tasks = _dated(_tasks(f"{lead}2026年5月底，在全省开展安全生产集中整治。"))
    assert len(tasks) == 1 and tasks[0][1] == D(2026, 5, 31)
    assert "开展安全生产集中整治" in tasks[0][0]


def test_work_sent_together_takes_the_date_of_the_work_before_it() -> None:
    tasks = _dated(
        _tasks("各单位要于3月20日前将办理方案报送区政府督查室；同时，一并上报联络员名单。")
    )
    assert [(("联络员" in t), due) for t, due in tasks] == [
        (False, D(2026, 3, 20)),
        (True, D(2026, 3, 20)),
    ]


# A campaign's recurring reports stop when it ends ----------------------------------------
def _titled(title: str, *paras: str) -> list[Task]:
    blocks = tuple(Block(p, i + 1, 0) for i, p in enumerate((title, *paras)))
    doc = Document("c.txt", "c.txt", title, blocks, AS_OF, "sidecar", "x")
    return extract(doc, AS_OF)


CAMPAIGN = (
    "请各村于3月10日至5月20日集中开展河道清漂工作。",
    "各村每周三前报送周报表；集中行动结束后，于6月6日前报送书面总结。",
)


def test_a_campaigns_weekly_report_stops_when_the_campaign_ends() -> None:
    tasks = _titled("关于开展河道清漂专项行动的通知", *CAMPAIGN)
    weekly = [t.due for t in tasks if "recurring" in t.flags and t.due]
    assert weekly and max(weekly) <= D(2026, 5, 20) and min(weekly) >= AS_OF
    assert D(2026, 6, 6) in [t.due for t in tasks]  # the closing report is no series


def test_without_a_campaign_a_weekly_report_runs_to_the_years_end() -> None:
    tasks = _titled("关于做好2026年河道管理工作的通知", *CAMPAIGN)
    weekly = [t.due for t in tasks if "recurring" in t.flags and t.due]
    assert max(weekly) > D(2026, 12, 20)


# A season of a year ------------------------------------------------------------------------
def test_a_season_of_a_year_dates_work_by_its_last_day() -> None:
    tasks = _dated(
        _tasks(
            "今年夏天完成护坡加固。",
            "力争明年春季建成投用。",
            "确保今年冬季前完成供暖改造。",
            "今年夏季高温天气多，用电负荷大。",  # the season of a state: no task
            "去年冬季，我区完成了管网改造。",  # a time gone: no task
        )
    )
    assert tasks == [
        ("今年夏天完成护坡加固", D(2026, 8, 31)),
        ("力争明年春季建成投用", D(2027, 5, 31)),
        ("确保今年冬季前完成供暖改造", D(2026, 11, 30)),
    ]


# A span named, and a purpose after the work ----------------------------------------------
def test_a_span_named_dates_the_work_after_it_and_is_no_task() -> None:
    tasks = _dated(_tasks("4月8日至20日为自查整改期，各企业对照清单开展自查整改。"))
    # one task: the work, with the span's name before it (round twenty-four)
    assert tasks == [("4月8日至20日为自查整改期，各企业对照清单开展自查整改", D(2026, 4, 20))]


def test_a_purpose_after_the_work_is_part_of_its_task() -> None:
    tasks = _tasks("每季度督查汇总重点任务完成情况，为区政府完善决策提供对策建议。")
    texts = {t.text for t in tasks}
    assert texts == {"每季度督查汇总重点任务完成情况，为区政府完善决策提供对策建议"}
    assert len(tasks) == 4  # one a quarter, not two


def test_the_years_targets_to_complete_are_due_at_its_end() -> None:
    """全年 is 31 December (the rule book), also when 尽快 urges the work on; not a share
    already done, nor a purpose."""
    tasks = _dated(
        _tasks(
            "要加快工作进度，尽快完成全年目标任务。",
            "截至目前，已完成全年目标任务的80%。",
            "为完成全年目标任务，各单位要加强协调。",
        )
    )
    assert tasks == [("尽快完成全年目标任务", D(2026, 12, 31))]


def test_the_words_introducing_phases_are_no_task() -> None:
    tasks = _dated(_tasks("专项行动从3月18日到4月28日，分三个阶段："))
    assert [t for t, _ in tasks] == ["专项行动从3月18日到4月28日"]


def test_before_the_new_year_is_the_spring_festivals_eve_unless_told_as_done() -> None:
    """年前 alone is before 春节 (as 年关前); a rolled-over festival in a sentence telling
    work done ("…走访慰问了…", written after the festival) is this year's, no task."""
    tasks = _dated(
        _tasks(
            "确保农民工工资年前足额发放。",
            "春节前，区领导走访慰问了困难群众。",
            "年前，区住建局完成了3个项目验收。",
        )
    )
    assert tasks == [("确保农民工工资年前足额发放", D(2027, 2, 5))]


def test_states_reached_by_a_date_are_one_target_and_actions_stay_apart() -> None:
    tasks = _dated(
        _tasks(
            "到2027年底，全区网格化管理机制趋于完善，基层治理体系更加精细，群众满意度明显提升。",
            "年底前，区住建局进一步完善制度，区城管局持续优化流程。",
        )
    )
    assert tasks == [
        ("全区网格化管理机制趋于完善，基层治理体系更加精细，群众满意度明显提升", D(2027, 12, 31)),
        ("区住建局进一步完善制度", D(2026, 12, 31)),
        ("区城管局持续优化流程", D(2026, 12, 31)),
    ]
