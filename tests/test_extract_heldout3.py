"""Classes of failure found in the third held-out round (real pages and other parsers'
suites), with examples written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.models import Task
from tests.test_extract_heldout import _dated
from tests.test_extract_heldout import _tasks as _tasks_of

AS_OF = dt.date(2026, 3, 10)
D = dt.date
__all__ = ["_dated", "_tasks"]


def _tasks(*paras: str, as_of: dt.date = AS_OF) -> list[Task]:
    """The tasks of a notice holding ``paras``, written on ``as_of``."""
    return _tasks_of(*paras, as_of=as_of)


# A numbered line whose label names the work and the time ("五、报送截止时间：…") -----------
@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("五、报送截止时间：3月20日17:00。", D(2026, 3, 20)),
        ("（三）申报截止日期：2026年3月25日。", D(2026, 3, 25)),
        ("4.材料报送时间：4月15日前。", D(2026, 4, 15)),
    ],
)
def test_a_numbered_time_label_keeps_its_date(line: str, due: dt.date) -> None:
    tasks = _dated(_tasks("一、请各单位认真组织申报。", line))
    assert [d for _, d in tasks] == [due], tasks
    assert any(word in tasks[0][0] for word in ("报送", "申报")), tasks


def test_a_numbered_time_label_with_no_work_is_no_task() -> None:
    # an activity's span names no work: it must not become a task of its own
    tasks = _tasks("（二）活动时间：2026年3月—5月。", "（三）活动内容：开展隐患排查。")
    assert _dated(tasks) == []


# Recurrences other than one per period ---------------------------------------------------
def test_every_other_week_steps_fourteen_days() -> None:
    from pipeline.deadlines import resolve

    [d] = resolve("每隔一周周五前报送巡查台账", AS_OF)  # a Tuesday
    assert d.recurring == "2 weeks"
    assert d.occurrences[:3] == (D(2026, 3, 13), D(2026, 3, 27), D(2026, 4, 10))


def test_every_half_month_is_the_15th_and_the_month_end() -> None:
    from pipeline.deadlines import resolve

    [d] = resolve("指挥部每半月报送一次调度情况", AS_OF)
    assert d.occurrences[:4] == (D(2026, 3, 15), D(2026, 3, 31), D(2026, 4, 15), D(2026, 4, 30))


def test_a_fortnightly_count_is_a_rate_not_an_obligation() -> None:
    from pipeline.deadlines import resolve

    assert resolve("每两周开展2次巡查", AS_OF) == []


# Another body's visit: its time dates the addressees' preparation, not a task of theirs --
def test_an_inspection_visit_dates_the_preparation_only() -> None:
    tasks = _dated(_tasks("一、市督查组将于4月中旬对各区进行实地督查，请各单位做好迎检准备。"))
    assert tasks == [("请各单位做好迎检准备", D(2026, 4, 20))]


def test_an_inspection_visit_alone_is_no_task() -> None:
    assert _dated(_tasks("二、省考核组拟于5月下旬开展年度考核。")) == []


def test_an_inspecting_team_ordered_to_act_keeps_its_task() -> None:
    # the addressee is the team itself: an order word makes it work, not a visit
    tasks = _dated(_tasks("四、区督查组要于4月底前完成对各街道的督查。"))
    assert [d for _, d in tasks] == [D(2026, 4, 30)]


# A day equal to the document's own ------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "请各单位于今日（3月10日）下班前报送名单。",
        "二是整治城市环境，3月10日在全城开展环境卫生大扫除，各街道要迅速行动。",
    ],
)
def test_work_set_for_the_document_day_is_a_task(line: str) -> None:
    tasks = _dated(_tasks(line))
    assert tasks and tasks[0][1] == AS_OF and "3月10日" in tasks[0][0]


def test_the_document_days_news_is_no_task() -> None:
    tasks = _tasks("3月10日清晨，区委主要领导带领相关部门对城区环境卫生进行检查。")
    assert _dated(tasks) == []


def test_the_document_day_of_its_own_adoption_is_no_task() -> None:
    tasks = _tasks("（2026年3月10日第十四届全国人民代表大会第四次会议通过）")
    assert _dated(tasks) == []


# A period over when written, heading amounts: a statistic, not next year's target --------
@pytest.mark.parametrize(
    ("line", "as_of"),
    [
        ("上半年，全区实现地区生产总值120亿元。", D(2026, 7, 20)),
        ("1—9月，全区完成固定资产投资85.6亿元，增长7.2%。", D(2026, 10, 20)),
    ],
)
def test_a_past_period_heading_amounts_is_a_statistic(line: str, as_of: dt.date) -> None:
    assert _dated(_tasks(line, as_of=as_of)) == []


def test_a_past_period_heading_an_aim_is_still_next_years_target() -> None:
    tasks = _dated(_tasks("上半年，力争实现地区生产总值120亿元。", as_of=D(2026, 7, 20)))
    assert [d for _, d in tasks] == [D(2027, 6, 30)]


def test_every_year_before_a_festival_recurs_on_that_festival() -> None:
    from pipeline.deadlines import resolve

    [d] = resolve("每年春节前足额发放困难群众慰问金", AS_OF, horizon=D(2029, 12, 31))
    assert d.recurring == "year"
    # 除夕 moves with the lunar calendar: 2027-02-05, 2028-01-25, 2029-02-12
    assert d.occurrences[:3] == (D(2027, 2, 5), D(2028, 1, 25), D(2029, 2, 12))


@pytest.mark.parametrize(
    ("text", "first_three"),
    [
        ("每月工作情况于次月5日前报送区督查室", (D(2026, 4, 5), D(2026, 5, 5), D(2026, 6, 5))),
        ("每季度结束后次月10日前报送推进情况", (D(2026, 4, 10), D(2026, 7, 10), D(2026, 10, 10))),
    ],
)
def test_a_day_of_the_next_month_after_a_cycle_is_its_day(
    text: str, first_three: tuple[dt.date, ...]
) -> None:
    from pipeline.deadlines import resolve

    [d] = resolve(text, AS_OF)  # one series, no one-off date beside it
    assert d.occurrences[:3] == first_three


# A stance for the year is no work; it is the context of the work after it --------------
def test_stances_under_a_year_are_no_tasks() -> None:
    line = "2026年，我镇将坚持把产业振兴作为乡村振兴的重中之重，立足农业乡镇定位，发挥农业优势。"
    assert _dated(_tasks(line)) == []


def test_a_stance_before_work_is_its_context() -> None:
    tasks = _dated(_tasks("年底前，区住建局要坚持问题导向，完成老旧小区改造。"))
    assert len(tasks) == 1
    text, due = tasks[0]
    assert due == D(2026, 12, 31)
    assert "区住建局" in text and "完成老旧小区改造" in text


# A subject and a time alone head the work after them ------------------------------------
@pytest.mark.parametrize(
    "line",
    ["全县到2027年底，建成10个示范村。", "区住建局到2027年底，完成老旧小区改造任务。"],
)
def test_a_subject_and_its_time_head_the_work_after_them(line: str) -> None:
    tasks = _dated(_tasks(line))
    assert len(tasks) == 1, tasks
    text, due = tasks[0]
    assert due == D(2027, 12, 31)
    assert ("建成" in text or "完成" in text) and text.startswith(("全县", "区住建局"))


def test_a_subject_with_another_lead_keeps_the_time_in_its_task() -> None:
    tasks = _dated(_tasks("各有关部门于每年2月底前，根据上一年度工作成效，研究提出名单。"))
    assert tasks and all(t.startswith("各有关部门于每年2月底前") for t, _ in tasks)


def test_an_inspection_window_and_its_urgency_are_no_tasks() -> None:
    tasks = _tasks("省级文明城市复检时间提前至本月15日至20日，时间紧迫。")
    assert _dated(tasks) == []


def test_an_inspection_window_dates_the_preparation_after_it() -> None:
    tasks = _dated(_tasks("检查时间为4月15日至20日，请各单位做好迎检准备。"))
    assert tasks == [("请各单位做好迎检准备", D(2026, 4, 20))]


def test_an_option_left_open_is_no_task() -> None:
    tasks = _dated(_tasks("今年底前，各县完成试点任务，22个三类县可进行探索。"))
    assert tasks == [("各县完成试点任务", D(2026, 12, 31))]


def test_a_higher_levels_spot_check_is_no_task_of_the_addressees() -> None:
    assert _dated(_tasks("10月份省级开展抽查和评估工作。")) == []


def test_one_recurring_deadline_over_several_clauses_is_one_series() -> None:
    tasks = _tasks(
        "区住建局要加强协调，每月至少到项目现场开展一次调研，协调解决项目问题，推动项目建设。"
    )
    texts = {t.text for t in tasks if t.due is not None}
    assert len(texts) == 1, texts  # one task per month, not one per clause
    [text] = texts
    assert "开展一次调研" in text and "推动项目建设" in text
    assert len([t for t in tasks if t.due is not None]) >= 9  # the months to the year's end


def test_a_one_off_deadline_over_several_clauses_stays_one_task_per_clause() -> None:
    tasks = _dated(_tasks("年底前，区住建局完成老旧小区改造，区城管局完成道路整治。"))
    assert len(tasks) == 2


def test_a_service_period_is_no_task_but_the_work_before_it_is() -> None:
    tasks = _dated(
        _tasks(
            "今年供热时间为：2026年11月15日至2027年3月15日。",
            "请各供热企业于11月10日前完成设备检修。",
        )
    )
    assert tasks == [("请各供热企业于11月10日前完成设备检修", D(2026, 11, 10))]


def test_a_seasons_yearly_span_and_a_status_told_now_are_no_tasks() -> None:
    tasks = _tasks(
        "临沂市法定供热期为每年的11月10日至次年的3月20日。",
        "目前供暖前各项准备工作已经进入收尾阶段。",
        "请各供热企业于11月10日前完成设备检修。",
    )
    assert _dated(tasks) == [("请各供热企业于11月10日前完成设备检修", D(2026, 11, 10))]
