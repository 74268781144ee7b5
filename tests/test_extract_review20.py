"""A review of round twenty's rules: near misses a reviewer found in the first version of those
rules (each a sentence of our own of the same class), end to end through ingest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.test_extract_review18 import _dated

D = dt.date


def test_this_years_work_after_a_review_section_is_not_past(tmp_path: Path) -> None:
    """ "一、过去一年工作回顾" / … / "今年工作" / "1.6月底前…": the unnumbered heading naming the
    year's work replaces the review heading (a subject's heading, "地表水", nests instead)."""
    text = (
        "县政府工作报告\n一、过去一年工作回顾\n一年来，我们完成了城南片区征迁。\n今年工作\n"
        "1.6月底前完成城北片区征迁。\n"
    )
    assert _dated(tmp_path, text, D(2028, 2, 1)) == [("6月底前完成城北片区征迁", D(2028, 6, 30))]


def test_problems_already_put_right_or_a_reports_weaknesses_take_no_date(tmp_path: Path) -> None:
    """A list of problems dates its items only when the body orders them put right by a date
    (not "上述问题已于4月底前全部整改到位"), and a report's numbered section of weaknesses is no
    attached list of problems."""
    done = (
        "关于农村人居环境整治督查情况的通报\n各镇人民政府：\n4月20日，县督查室进行了督查，发现问题2个，"
        "上述问题已于4月底前全部整改到位。\n存在问题：\n1.东关村沟渠内垃圾未清理。（责任单位：城关镇）\n"
    )
    assert _dated(tmp_path, done, D(2028, 5, 10)) == []
    report = (
        "关于上半年安全检查情况的报告\n一、检查情况\n县安委办对检查发现的问题下发了通知，"
        "要求相关企业于6月30日前整改到位。\n二、存在的问题\n1.部分企业主体责任意识淡薄。\n"
    )
    dated = _dated(tmp_path, report, D(2028, 6, 5))
    assert not any("意识淡薄" in t for t, _ in dated), dated


def test_success_in_a_reward_or_a_past_report_is_no_target(tmp_path: Path) -> None:
    """ "2028年成功创建省级文明村镇的村，每村奖励5万元" names the villages; "2028年，我县成功
    承办…" tells the year; "力争实现2029年成功创建…的目标" is one."""
    reward = "关于奖励的通知\n2028年成功创建省级文明村镇的村，由县财政每村奖励5万元。\n"
    assert _dated(tmp_path, reward, D(2028, 3, 1)) == []
    told = "关于2028年度工作的通报\n2028年，我县成功承办全省运动会。\n"
    assert _dated(tmp_path, told, D(2028, 12, 20)) == []
    aim = "关于创建工作的意见\n全市力争实现2029年成功创建全国文明城市的目标。\n"
    assert [due for _, due in _dated(tmp_path, aim, D(2028, 3, 1))] == [D(2029, 12, 31)]


def test_a_period_before_the_work_due_in_it_stays_a_deadline(tmp_path: Path) -> None:
    """ "5月至6月期间全县的排查工作要全部完成": a deadline (only 期间+a verb+的 names items); "3月
    至6月期间，各乡镇要完成…": the period alone is no task of its own."""
    text = "关于开展排查的通知\n5月至6月期间全县的排查工作要全部完成。\n"
    assert [due for _, due in _dated(tmp_path, text, D(2028, 4, 1))] == [D(2028, 6, 30)]
    lead = "关于开展排查的通知\n3月至6月期间，各乡镇要完成农村危房排查。\n"
    assert _dated(tmp_path, lead, D(2028, 3, 1)) == [("各乡镇要完成农村危房排查", D(2028, 6, 30))]
    trainees = "关于补助标准的通知\n对7月至9月期间参加培训的学员，按每人每天50元给予补助。\n"
    assert _dated(tmp_path, trainees, D(2028, 6, 1)) == []


def test_an_events_window_under_its_time_heading_is_no_deadline(tmp_path: Path) -> None:
    """ "二、比赛时间" / "比赛时间为8月10日至8月12日，逾期不予补赛": an event's days; a filing window
    closed by 不予受理 is a deadline."""
    event = "关于举办职工运动会的通知\n二、比赛时间\n比赛时间为8月10日至8月12日，逾期不予补赛。\n"
    assert _dated(tmp_path, event, D(2028, 6, 20)) == []


def test_a_bare_time_column_in_a_schedule_of_meetings_dates_nothing(tmp_path: Path) -> None:
    """ "| 时间 | 会议内容 | 地点 | 承办单位 |": meetings with a venue, not work owed; a one cell
    per line table "序号 / 日期 / 工作内容 / 责任单位" is work."""
    meetings = (
        "关于召开项目观摩会的通知\n| 序号 | 时间 | 会议内容 | 地点 | 承办单位 |\n| --- | --- | --- | --- | --- |\n"
        "| 1 | 5月18日上午 | 观摩城东工业园项目 | 城东工业园 | 县发改局 |\n"
    )
    assert _dated(tmp_path, meetings, D(2028, 4, 20)) == []
    work = (
        "关于开展自查的通知\n序号\n日期\n工作内容\n责任单位\n1\n4月15日前\n上报自查报告\n各学校\n"
    )
    assert _dated(tmp_path, work, D(2028, 4, 1)) == [("上报自查报告", D(2028, 4, 15))]


def test_a_paragraph_stating_how_things_stand_under_goals_is_no_target(tmp_path: Path) -> None:
    """Under "二、工作目标" / "现状": "2028年，全县现有污水处理厂3座" states the present."""
    text = "关于污水治理的通知\n二、工作目标\n到2030年，污水处理率达到95%。\n现状\n2028年，全县现有污水处理厂3座。\n"
    dated = _dated(tmp_path, text, D(2028, 3, 1))
    assert dated == [("污水处理率达到95%", D(2030, 12, 31))], dated


def test_past_projects_told_in_progress_take_their_own_year(tmp_path: Path) -> None:
    """ "去年签约项目中，已有12个在10月份开工建设": told, no task this October."""
    text = "关于项目建设情况的通报\n去年签约项目中，已有12个在10月份开工建设。\n"
    assert _dated(tmp_path, text, D(2028, 12, 1)) == []


def test_a_forecasts_list_after_a_colon_is_not_cut_into_targets(tmp_path: Path) -> None:
    """ "据…预测，…趋势是：到2035年，…将超过4亿；…": the colon does not start a year's list."""
    text = "关于人口形势的分析报告\n据有关机构预测，全国人口结构的变化趋势是：到2035年，60岁以上人口将超过4亿；劳动年龄人口持续减少。\n"
    assert not any("劳动年龄人口" in t for t, _ in _dated(tmp_path, text, D(2028, 3, 1)))


def test_items_numbered_inline_after_a_counted_lead_are_the_years(tmp_path: Path) -> None:
    """ "今年县政府重点抓好三项工作：1.…2.…3.…" and "2.6月底前…" (item 2, not the decimal 2.6)."""
    text = "关于重点工作的通知\n今年县政府重点抓好三项工作：1.新建城东小学。2.6月底前建成城东幼儿园。3.建设智慧停车系统。\n"
    dated = _dated(tmp_path, text, D(2028, 2, 1))
    assert [due for _, due in dated] == [D(2028, 12, 31), D(2028, 6, 30), D(2028, 12, 31)], dated
    lead_only = "县政府工作报告\n今年要重点抓好八个方面工作：\n（一）稳定经济增长\n当前，经济下行压力较大。\n"
    assert _dated(tmp_path, lead_only, D(2028, 2, 1)) == []  # a lead over headings names no work
