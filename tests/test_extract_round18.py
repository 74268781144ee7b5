"""Classes of failure found in the eighteenth round (held-out pages of safety campaigns,
民生实事 lists, replies to deputies, project news), with examples written for these tests."""

from __future__ import annotations

import datetime as dt

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
