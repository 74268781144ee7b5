"""The extractor on its own: pure, from blocks and a fixed document date."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract import analyse, extract
from pipeline.models import Block, Document, TableRow, Task
from pipeline.plans import plan_year
from pipeline.structure import classify, structure

AS_OF = dt.date(2020, 7, 31)


def _doc(
    *paras: str, rows: tuple[TableRow, ...] = (), key: str = "doc.txt", title: str = "t"
) -> Document:
    blocks = tuple(Block(p, i + 1, 0) for i, p in enumerate(paras))
    return Document(
        key=key,
        path=key,
        title=title,
        blocks=blocks,
        published=AS_OF,
        date_basis="sidecar",
        sha256="x",
        rows=rows,
    )


def _by_text(tasks: list[Task]) -> dict[str, Task]:
    return {t.text: t for t in tasks}


def _one(tasks: list[Task], *needles: str) -> Task:
    hits = [t for t in tasks if all(n in t.text for n in needles)]
    assert len(hits) == 1, (needles, [t.text for t in tasks])
    return hits[0]


def test_head_deadline_governs_following_clauses() -> None:
    tasks = extract(
        _doc(
            "标题行",
            "年底前，城垣环境保护及提升工程、综合管廊及道路工程实现竣工，“两院”项目开馆迎宾，"
            "源升金锣湾、郑地美巢两个安置区完成群众回迁。",
        ),
        AS_OF,
    )
    assert [(t.text, t.due, t.expr) for t in tasks] == [
        ("城垣环境保护及提升工程、综合管廊及道路工程实现竣工", dt.date(2020, 12, 31), "年底前"),
        ("“两院”项目开馆迎宾", dt.date(2020, 12, 31), "年底前"),
        ("源升金锣湾、郑地美巢两个安置区完成群众回迁", dt.date(2020, 12, 31), "年底前"),
    ]


def test_a_clause_continuing_the_one_before_joins_its_task() -> None:
    """A governed clause without a subject of its own (与…, 并…, 开展…) is part of the task
    before it, not a task of its own."""
    tasks = extract(
        _doc(
            "标题",
            "9月底前，各街道建立网格化巡查系统，与区级平台互联互通，开展日常巡查工作；"
            "东片区、西片区分别组建应急队伍。",
        ),
        AS_OF,
    )
    assert len(tasks) == 2
    assert "互联互通" in tasks[0].text and "开展日常巡查工作" in tasks[0].text
    assert "组建应急队伍" not in tasks[0].text, "a segment (；) is a task of its own"
    # the deadline opening the sentence governs its later segment too
    assert "组建应急队伍" in tasks[1].text and tasks[1].due == tasks[0].due


def test_a_head_deadline_reaches_later_segments_until_one_has_a_date() -> None:
    """ "年底前，A；B；C" is three tasks; a segment with a date of its own (one that dates an
    action, or a past one that dates none) ends the head's reach."""
    tasks = extract(
        _doc(
            "标题",
            "年底前，完成老旧小区改造；治理交通堵点；建成反诈工作站。",
            "年底前，完成老旧小区改造；明年6月底前治理交通堵点；建成反诈工作站。",
            "年底前，完成老旧小区改造；2019年6月底前建成的站点保持运行；建成反诈工作站。",
            "完成老旧小区改造，年底前交付；治理交通堵点。",  # no head: nothing reaches on
            "年底前，完成老旧小区改造；目前已改造12个；建成反诈工作站。",  # a status stops it
        ),
        AS_OF,
    )
    by_line: dict[int, list[tuple[str, dt.date | None]]] = {}
    for t in tasks:
        by_line.setdefault(t.line, []).append((t.text, t.due))
    year_end = dt.date(AS_OF.year, 12, 31)
    assert by_line[2] == [
        ("完成老旧小区改造", year_end),
        ("治理交通堵点", year_end),
        ("建成反诈工作站", year_end),
    ]
    assert [text for text, _ in by_line[3]] == ["完成老旧小区改造", "明年6月底前治理交通堵点"]
    assert [text for text, _ in by_line[4]] == ["完成老旧小区改造"]
    assert all("治理交通堵点" not in text for text, _ in by_line[5])
    assert [text for text, _ in by_line[6]] == ["完成老旧小区改造"]


def test_inline_deadlines_and_strength() -> None:
    tasks = extract(
        _doc(
            "标题",
            "进一步优化提升城市设计方案，力争10月底前完成六大片区控规调整，11月底前完成建筑方案设计。",
        ),
        AS_OF,
    )
    first = _one(tasks, "六大片区控规调整")
    second = _one(tasks, "建筑方案设计")
    assert (first.due, first.strength) == (dt.date(2020, 10, 31), "力争")
    assert (second.due, second.strength) == (dt.date(2020, 11, 30), "力争"), "strength carries over"
    # a clause that starts with its deadline has no subject: the clause before is its context
    assert first.text == "进一步优化提升城市设计方案，力争10月底前完成六大片区控规调整"


def test_deadline_in_mid_sentence_governs_what_follows_only() -> None:
    tasks = extract(
        _doc(
            "标题",
            "重点要抓好“一网通办、一网统管”改革，再造流程、打通数据，年底前85%的政务服务事项要实现“一网通办”，"
            "新增“一证办”事项150项，上线运行300个公民个人高频事项，让企业和群众办事成本降下来。",
        ),
        AS_OF,
    )
    assert {t.due for t in tasks} == {dt.date(2020, 12, 31)}
    for needle in (
        "85%的政务服务事项要实现“一网通办”",
        "新增“一证办”事项150项",
        "上线运行300个公民个人高频事项",
    ):
        assert any(needle in t.text for t in tasks), needle
    assert _one(tasks, "85%").strength == "要"


def test_inline_deadline_does_not_govern_the_next_clause() -> None:
    tasks = extract(
        _doc("标题", "提速香江路等24条道路建设，力争豫一路等7条道路年内通车，加快推进公园建设。"),
        AS_OF,
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("力争豫一路等7条道路年内通车", dt.date(2020, 12, 31))
    ]
    everything = analyse(
        _doc("标题", "提速香江路等24条道路建设，力争豫一路等7条道路年内通车，加快推进公园建设。"),
        AS_OF,
        undated=True,
    ).tasks
    assert _one(everything, "公园").due is None, "undated actions are listed when asked"


def test_past_reporting_is_not_a_task() -> None:
    tasks = extract(
        _doc(
            "标题",
            "今年以来，面对突如其来的新冠肺炎疫情，各方面工作都取得了积极成效。",
            "本报讯 近日，会议召开，安排部署下半年重点任务。",
        ),
        AS_OF,
    )
    assert tasks == []


def test_sections_from_headings_and_run_in_headings() -> None:
    # The seed's shape: a heading over an introduction, then sub-headings, each over text.
    doc = _doc(
        "文件标题",
        "奋力冲刺",
        "聚焦“四大领域”,夯实高质量发展基础",
        "关于下半年工作，要推动发展思路落深落实。",
        "聚焦核心板块开发建设",
        "高代王城遗址板块。以打造世界级黄河文明寻根胜地为目标，力争10月底前完成六大片区控规调整。",
        "金岱科创板块。持续加大招商力度，年底前完成两个产业园招商。",
        "聚焦高品质城市建设",
        "老旧小区改造年底前完成。",
    )
    paras = structure(doc.blocks)
    top = ("奋力冲刺", "聚焦“四大领域”,夯实高质量发展基础")
    assert paras[0].section == top
    assert paras[1].section == top + ("聚焦核心板块开发建设", "高代王城遗址板块")
    assert paras[2].section == top + ("聚焦核心板块开发建设", "金岱科创板块")
    assert paras[3].section == top + ("聚焦高品质城市建设",), "a sibling, not a child"
    t = next(t for t in extract(doc, AS_OF) if "控规" in t.text)
    assert t.section.endswith("聚焦核心板块开发建设 › 高代王城遗址板块")
    assert t.section.startswith("奋力冲刺 › 聚焦“四大领域”")
    assert t.text.startswith("高代王城遗址板块："), "the item's title is the task's subject"


def test_numbered_outline_levels() -> None:
    assert classify("一、总体要求")[:2] == ("heading", 20)
    assert classify("（二）加快项目建设。各地区要在2021年6月底前完成项目审批。")[:3] == (
        "run-in",
        30,
        "加快项目建设",
    )
    assert classify("推进改革，完成任务。")[0] == "body"
    assert classify("二、2021年上半年重点任务")[0] == "heading", (
        "a period in a heading is not a task"
    )
    doc = _doc(
        "标题",
        "一、重点任务",
        "（一）加快项目建设。各地区要在2021年6月底前完成项目审批。",
        "同时做好验收工作，9月底前完成验收。",
        "（二）优化营商环境。年底前上线运行系统。",
    )
    tasks = extract(doc, AS_OF)
    assert _one(tasks, "项目审批").section == "重点任务 › 加快项目建设"
    assert _one(tasks, "完成验收").section == "重点任务 › 加快项目建设"
    assert _one(tasks, "上线运行系统").section == "重点任务 › 优化营商环境"


def test_owner_notes_in_running_text() -> None:
    text = "2019年3月底前，推行进口货物“两步申报”改革，完成通关系统升级。（海关总署、财政部、税务总局负责）"
    tasks = extract(_doc("标题", text), dt.date(2019, 2, 1))
    assert {t.named_lead for t in tasks} == {("海关总署",)}
    assert all("负责" not in t.text for t in tasks)
    tasks = extract(
        _doc(
            "标题", "年底前完成老旧小区改造（牵头单位：区住建局；配合单位：区财政局、区城管局）。"
        ),
        AS_OF,
    )
    assert (tasks[0].named_lead, tasks[0].named_assist) == (("区住建局",), ("区财政局", "区城管局"))
    tasks = extract(_doc("标题", "由区发改委牵头，年底前制定实施方案。"), AS_OF)
    assert tasks[0].named_lead == ("区发改委",)


def test_deadline_inside_an_owner_note_dates_the_item() -> None:
    text = (
        "优化热线服务方式，加强舆情风险监测。（6月底完成，牵头考核单位：市政务服务局，配合单位：各旗县区）"
        "扩充热线团队。（9月底前完成，责任单位：市人社局）"
    )
    tasks = extract(_doc("标题", text), dt.date(2021, 3, 1))
    first = _one(tasks, "舆情风险监测")
    assert (first.due, first.named_lead, first.named_assist) == (
        dt.date(2021, 6, 30),
        ("市政务服务局",),
        ("各旗县区",),
    )
    assert "优化热线服务方式" in first.text, "the note dates its whole item"
    second = _one(tasks, "扩充热线团队")
    assert (second.due, second.named_lead) == (dt.date(2021, 9, 30), ("市人社局",))
    assert not any("牵头" in t.text or "完成，" in t.text for t in tasks)


def test_owner_line_below_an_item() -> None:
    tasks = extract(
        _doc("标题", "1.年底前完成智慧园区一期建设。", "责任单位：区科工信局、金岱管委会"), AS_OF
    )
    assert len(tasks) == 1 and tasks[0].named_lead == ("区科工信局", "金岱管委会")


def test_table_rows() -> None:
    rows = (
        TableRow(
            3,
            "完成控规调整",
            lead="区自然资源和规划局",
            assist="区住建局",
            deadline="2020年10月底前",
            section="规划",
        ),
        TableRow(4, "建立长效机制", lead="区城管局", deadline="长期坚持"),
        TableRow(5, "报送进展情况", lead="区发改委", deadline="每季度末"),
        TableRow(6, "整改审计问题", lead="区审计局", deadline="2020年3月底前"),
    )
    tasks = extract(_doc(rows=rows), AS_OF)
    first = tasks[0]
    assert (
        first.text,
        first.due,
        first.named_lead,
        first.named_assist,
        first.section,
        first.line,
    ) == ("完成控规调整", dt.date(2020, 10, 31), ("区自然资源和规划局",), ("区住建局",), "规划", 3)
    assert tasks[1].due is None
    quarterly = [t for t in tasks if t.text.startswith("报送进展情况")]
    assert [t.due for t in quarterly] == [dt.date(2020, 9, 30), dt.date(2020, 12, 31)]
    assert len({t.id for t in quarterly}) == 2 and all("recurring" in t.flags for t in quarterly)
    assert not any("审计" in t.text for t in tasks), "a row already past when written is no task"


@pytest.mark.parametrize(
    ("cell", "due"),
    [
        ("全年", dt.date(2020, 12, 31)),
        ("本年度", dt.date(2020, 12, 31)),
        ("2021年", dt.date(2021, 12, 31)),
        ("2021年度", dt.date(2021, 12, 31)),
        ("２０２１年全年", dt.date(2021, 12, 31)),
        ("2021", dt.date(2021, 12, 31)),
        ("长期坚持", None),
    ],
)
def test_a_deadline_cell_naming_only_a_year_means_its_end(cell: str, due: dt.date | None) -> None:
    rows = (TableRow(3, "推进背街小巷整治", lead="区城管局", deadline=cell),)
    (task,) = extract(_doc(rows=rows), AS_OF)
    assert (task.due, task.expr) == (due, cell)


def test_ids_stable_and_deadline_edit_keeps_the_id() -> None:
    a = extract(_doc("标题", "力争10月底前完成六大片区控规调整。"), AS_OF)
    b = extract(_doc("标题", "力争10月底前完成六大片区控规调整。"), AS_OF)
    c = extract(_doc("标题", "力争11月底前完成六大片区控规调整。"), AS_OF)
    d = extract(_doc("标题", "力争10月底前完成五大片区控规调整。"), AS_OF)
    e = extract(_doc("标题", "力争10月底前完成六大片区控规调整。", key="other.txt"), AS_OF)
    assert a[0].id == b[0].id == c[0].id
    assert c[0].due == dt.date(2020, 11, 30)
    assert len({a[0].id, d[0].id, e[0].id}) == 3


def test_repeated_clause_gets_distinct_ids() -> None:
    tasks = extract(_doc("标题", "年底前完成验收。", "年底前完成验收。"), AS_OF)
    assert len(tasks) == 2 and tasks[0].id != tasks[1].id


def test_plan_year_comes_from_a_title_with_one_year() -> None:
    assert plan_year("关于印发《包头市2022年数字政府建设考评办法》的通知") == 2022
    assert plan_year("2026年第四季度重点工作安排") == 2026
    assert plan_year("行动方案（2021—2023年）") is None
    assert plan_year("关于做好2020年和2021年工作的通知") is None
    assert plan_year("工作方案") is None


def test_control_characters_never_reach_a_task() -> None:
    tasks = extract(_doc("标题", "年底前完成\u202e改造\u200b任务\x1b[31m。"), AS_OF)
    (t,) = tasks
    assert t.text == "年底前完成改造任务[31m"
    assert not any(ord(c) < 32 or c in "\u202e\u200b" for c in t.text + t.sentence)
