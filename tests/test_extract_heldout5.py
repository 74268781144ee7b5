"""Classes of failure found in the fifth held-out round (real plans and notices), with
examples written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.extract import analyse
from pipeline.models import Block, Document
from pipeline.route import Router
from tests.test_extract_heldout import _dated, _tasks

D = dt.date


def test_a_year_before_consolidating_work_dates_it() -> None:
    # "2027年巩固…" is the plan's next stage, not a clause the year before it reaches
    tasks = _dated(
        _tasks(
            "2026年开展集中治理，全面消除存量隐患，2027年巩固治理成果，健全长效机制。",
            as_of=D(2026, 4, 1),
        )
    )
    assert (D(2026, 12, 31) in {d for _, d in tasks}) and tasks[-1][1] == D(2027, 12, 31), tasks
    assert all(d == D(2027, 12, 31) for t, d in tasks if "巩固" in t or "长效" in t), tasks


def test_a_standing_prohibition_stays_with_the_dated_work() -> None:
    tasks = _dated(_tasks("2026年底前编制并公布公共服务事项目录，目录之外一律不得向群众收取费用。"))
    assert len(tasks) == 1 and "一律不得" in tasks[0][0] and tasks[0][1] == D(2026, 12, 31)


def test_a_purpose_clause_after_a_reference_names_no_task() -> None:
    line = "根据上级通知要求，为做好国庆前后安全保障工作，结合我镇实际，通知如下："
    assert _dated(_tasks(line, as_of=D(2026, 9, 1))) == []


def test_the_work_a_statement_of_purpose_names_is_no_task() -> None:
    tasks = _dated(
        _tasks(
            "为做好元旦前后消防安全保障工作，确保全区人民度过一个平安的节日，特制定本方案。",
            "一、各街道要在12月25日前完成辖区隐患排查。",
            as_of=D(2026, 12, 1),
        )
    )
    assert tasks == [("各街道要在12月25日前完成辖区隐患排查", D(2026, 12, 25))], tasks


def test_a_notices_own_target_in_its_purpose_keeps_its_date() -> None:
    tasks = _dated(_tasks("为确保在11月底前全面完成整改任务，现就有关事项通知如下："))
    assert [d for _, d in tasks] == [D(2026, 11, 30)], tasks


def test_around_a_festival_is_one_flagged_date_not_a_task_of_its_own() -> None:
    tasks = _tasks("国庆前后，各村要加强巡查。")
    assert [(t.text, t.expr, t.due) for t in tasks] == [
        ("各村要加强巡查", "国庆前后", D(2026, 9, 30))
    ]
    assert "ambiguous" in tasks[0].flags


def test_a_phases_time_label_dates_the_work_after_it() -> None:
    # "时间：" alone is no page's timestamp when it gives a range or a "by" date
    tasks = _dated(
        _tasks(
            "三、工作步骤",
            "（一）宣传发动阶段。时间：4月1日—4月15日。各社区要召开动员会，张贴宣传海报。",
            as_of=D(2026, 3, 20),
        )
    )
    assert tasks == [("宣传发动阶段：各社区要召开动员会，张贴宣传海报", D(2026, 4, 15))], tasks


def test_each_window_of_a_time_label_dates_the_work_after_it() -> None:
    tasks = _dated(
        _tasks(
            "三、工作步骤",
            "（二）集中巡查阶段。时间：夏收期间（6月1日—6月20日）、秋收期间（9月25日—10月15日）。"
            "各村要加强巡查，发现火点及时扑灭。",
            as_of=D(2026, 3, 20),
        )
    )
    assert [d for _, d in tasks] == [D(2026, 6, 20), D(2026, 10, 15)], tasks
    assert all("加强巡查" in t and "时间" not in t for t, _ in tasks), tasks


def test_a_pages_date_after_a_bare_time_label_is_no_task() -> None:
    assert _dated(_tasks("时间：2026-03-18", "各单位要认真做好安全检查。")) == []


def test_a_call_for_proposals_for_next_year_keeps_its_own_dates_this_year() -> None:
    title = "关于公开征集2027年区政府民生实事项目建议的公告"
    body = "一、征集时间：自公告之日起至11月20日止。请通过信箱提交建议。"
    doc = Document(
        key="c.txt",
        path="c.txt",
        title=title,
        blocks=(Block(title, 1, 0), Block(body, 2, 0)),
        published=D(2026, 10, 30),
        date_basis="sidecar",
        sha256="x",
    )
    dues = [t.due for t in analyse(doc, D(2026, 10, 30)).tasks if t.due]
    assert dues == [D(2026, 11, 20)]  # not 2027, the year the proposals are for


@pytest.mark.parametrize(
    "line",
    [
        "可行性：经过努力能够在2027年当年实施、当年完成、当年见效。",  # a criterion
        "申报项目应当年内可以完成或者见诸实效。",  # what can be done: no order
        "预计年底前可以竣工的项目有12个。",
    ],
)
def test_what_can_be_done_by_then_is_no_task(line: str) -> None:
    assert _dated(_tasks(line, as_of=D(2026, 10, 30))) == []


def test_a_target_of_what_can_be_done_stays_a_task() -> None:
    assert [d for _, d in _dated(_tasks("确保年内能够完成全部改造。"))] == [D(2026, 12, 31)]


@pytest.mark.parametrize(
    "line",
    [
        "各街道要出具书面推荐函，报送截止时间为4月9日17:00，逾期视为未推荐。",
        "各街道要出具书面推荐函，报送截止时间为4月9日17:00，逾期视为未推荐，区科技局将不予受理。",
    ],
)
def test_a_cutoff_before_what_lateness_costs_closes_the_work_before_it(line: str) -> None:
    tasks = _dated(_tasks(line))
    assert len(tasks) == 1 and "推荐函" in tasks[0][0] and tasks[0][1] == D(2026, 4, 9), tasks


@pytest.mark.parametrize(
    "paras",
    [
        ("一、报名时间", "自即日起至4月6日。", "二、报名方式", "登录系统填报信息。"),
        ("一、报名时间", "2026年3月20日至4月6日", "二、报名方式", "登录系统填报信息。"),  # no 。
        ("一、征集时间：自即日起至4月6日。",),  # a window for proposals: no page's timestamp
    ],
)
def test_a_windows_end_under_its_times_heading_is_a_task(paras: tuple[str, ...]) -> None:
    tasks = _dated(_tasks(*paras))
    assert [d for _, d in tasks] == [D(2026, 4, 6)] and "时间" in tasks[0][0], tasks


def test_an_activitys_span_under_its_heading_stays_no_task() -> None:
    assert _dated(_tasks("一、活动时间", "2026年3月—5月。", "二、活动内容：开展排查。")) == []


def test_a_partners_clause_keeps_its_leading_office_and_the_reporting_after_it_too() -> None:
    router = Router(load_config(Path(__file__).resolve().parents[1] / "config.yaml"))
    tasks = router.route_all(
        _tasks("2.区住建局负责牵头，会同各街道于3月底前完成危房排查，每周五下午5点前报送进展情况。")
    )
    dated = [t for t in tasks if t.due]
    assert dated[0].text.startswith("区住建局负责牵头") and dated[0].lead == ("zjj",)
    assert len(dated) > 1 and all(t.lead == ("zjj",) for t in dated), [
        (t.text, t.lead) for t in dated
    ]


def test_manner_words_lead_into_the_work_and_are_no_tasks_of_their_own() -> None:
    tasks = _dated(
        _tasks("国庆前，精心组织，广泛动员，扎实开展环境整治行动。", as_of=D(2026, 9, 1))
    )
    assert [t for t, _ in tasks] == ["精心组织，广泛动员，扎实开展环境整治行动"], tasks


def test_the_close_of_a_five_year_plan_is_its_end() -> None:
    tasks = _dated(_tasks("做好“十五五”规划收官工作，精心谋划“十六五”规划。", as_of=D(2030, 3, 1)))
    assert [d for _, d in tasks] == [D(2030, 12, 31)] and "收官" in tasks[0][0], tasks
    assert _dated(_tasks("今年是“十五五”规划收官之年。", as_of=D(2030, 3, 1))) == []


def test_an_activitys_by_date_is_no_pages_timestamp() -> None:
    tasks = _dated(_tasks("活动时间：2026年7月31日前。"))
    assert [d for _, d in tasks] == [D(2026, 7, 31)], tasks


def test_a_higher_offices_assessment_of_the_addressees_is_no_task_of_theirs() -> None:
    tasks = _dated(
        _tasks(
            "市政务公开办将于6月下旬对各县市区开展正式测评，请各单位务必在6月10日前完成整改。",
            as_of=D(2026, 6, 1),
        )
    )
    assert (
        all("测评" not in t for t, _ in tasks)
        and (
            "请各单位务必在6月10日前完成整改",
            D(2026, 6, 10),
        )
        in tasks
    ), tasks


def test_a_line_naming_a_plan_for_some_years_is_no_task() -> None:
    assert _dated(_tasks("全区2026—2027年度农田灌溉工作实施方案")) == []
    tasks = _dated(_tasks("2026—2027年制定并实施灌溉工作方案。"))  # work, not a name
    assert [d for _, d in tasks] == [D(2027, 12, 31)], tasks


def test_the_months_a_shorter_series_runs_in_are_no_series_of_their_own() -> None:
    tasks = _tasks("村级河湖长每年的3月至12月每周巡查不少于1次。", as_of=D(2026, 6, 1))
    assert tasks and all(t.expr == "每周" for t in tasks), {(t.expr, t.due) for t in tasks}


def test_the_means_between_a_visit_and_the_work_it_closes_take_no_visit_date() -> None:
    line = "市检查组将于6月下旬对各区开展验收，请各单位高度重视，指定专人负责，务必在6月10日前完成整改。"
    tasks = _dated(_tasks(line, as_of=D(2026, 6, 1)))
    assert tasks and all(d == D(2026, 6, 10) for _, d in tasks), tasks
    # with no later date the visit's time dates the preparation (round three's rule)
    tasks = _dated(
        _tasks("市检查组将于6月下旬对各区开展验收，请各单位做好迎检准备。", as_of=D(2026, 6, 1))
    )
    assert tasks == [("请各单位做好迎检准备", D(2026, 6, 30))], tasks


def test_what_follows_a_clause_with_its_own_past_time_is_not_the_heads_work() -> None:
    line = (
        "2025年7月已经启动了新长征小学的扩建工作，2026年8月完成所有扩建工作，"
        "2026年3月县政府出台了布局调整方案，明确了全县教育布局调整的总体目标。"
    )
    tasks = _dated(_tasks(line, as_of=D(2026, 5, 20)))
    assert len(tasks) == 1 and tasks[0][1] == D(2026, 8, 31), tasks
    assert "总体目标" not in tasks[0][0], tasks
