"""A review of round eighteen's rules: the reviewer's own sentences that the first version of
those rules got wrong (each run end to end: a file ingested, then extracted)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.ingest import ingest_file

D = dt.date


def _dated(tmp_path: Path, text: str, as_of: dt.date) -> list[tuple[str, dt.date | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = ingest_file(path, as_of=as_of)
    return [(t.text, t.due) for t in extract(doc, as_of) if t.due is not None]


def test_a_notice_sending_next_years_plan_keeps_its_own_dates_this_year(tmp_path: Path) -> None:
    """The forwarded 《…2028年度…通知》 names next year's work; "12月20日前" is this December."""
    text = (
        "各镇（街道）：\n现将《关于做好2028年度城乡居民基本医疗保险参保缴费工作的通知》转发给你们，"
        "请结合实际抓好落实。\n各镇（街道）要于12月20日前完成参保登记和缴费工作，"
        "12月25日前将汇总表报县医保局。\n"
    )
    assert [due for _, due in _dated(tmp_path, text, D(2027, 10, 10))] == [
        D(2027, 12, 20),
        D(2027, 12, 25),
    ]


def test_after_a_salutation_a_body_line_is_no_title(tmp_path: Path) -> None:
    """ "各乡镇：" then "县政府研究决定，3月20日前…" (no full stop): that line is work, not a title."""
    text = "各乡镇：\n县政府研究决定，3月20日前在全县开展一次森林防火大检查\n各乡镇于3月31日前报送检查报告。\n"
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = ingest_file(path, as_of=D(2027, 3, 10))
    assert "3月20日" not in doc.title
    assert [due for _, due in _dated(tmp_path, text, D(2027, 3, 10))] == [
        D(2027, 3, 20),
        D(2027, 3, 31),
    ]


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        (
            "县发改局2026年工作总结\n去年，我们计划在11月底前完成全部征迁工作，由于部分群众诉求复杂，"
            "至12月中旬才全部完成。\n",
            D(2027, 1, 8),
        ),
        (
            "2026年度工作总结\n2026年，全县争取在10月底前完成秋粮收购任务，实际于10月20日完成。\n",
            D(2027, 2, 10),
        ),
        (
            "2026年全县经济运行情况\n2026年，全县预计完成地区生产总值320亿元，12月份当月工业用电量同比增长8%。\n",
            D(2027, 2, 5),
        ),
    ],
)
def test_the_past_told_with_a_plan_word_stays_past(
    tmp_path: Path, text: str, as_of: dt.date
) -> None:
    """计划/争取/预计 in a sentence telling last year (才, 实际, a year heading it) plan nothing now."""
    assert _dated(tmp_path, text, as_of) == []


@pytest.mark.parametrize(
    ("text", "as_of", "due"),
    [
        (
            "关于开展根治欠薪冬季专项行动的通知\n二、集中清欠阶段（12月20日前）\n"
            "各乡镇于12月10日前完成在建项目排查，1月20日前确保农民工工资全部支付到位。\n",
            D(2027, 11, 10),
            D(2028, 1, 20),
        ),
        (
            "关于进一步加强农村公路养护管理的通知\n三、总结验收（12月31日前）\n"
            "12月15日前，县交通局组织验收；1月15日前，县交通局将年度养护考核结果报县政府。\n",
            D(2027, 3, 10),
            D(2028, 1, 15),
        ),
        (
            "关于开展安全生产大排查的实施方案\n三、巩固提升阶段（10月—12月）\n1月底前，各单位报送年度工作总结。\n",
            D(2027, 3, 10),
            D(2028, 1, 31),
        ),
    ],
)
def test_a_step_after_a_phase_ahead_is_next_years(
    tmp_path: Path, text: str, as_of: dt.date, due: dt.date
) -> None:
    """A January step under a phase ending months ahead (or starting in October) is next
    January's, not a past milestone of this year."""
    assert due in [d for _, d in _dated(tmp_path, text, as_of)]


@pytest.mark.parametrize(
    "line",
    ["2027年高考将于6月7日开始。", "2027年经济形势将更加复杂严峻，各部门要做好应对准备。"],
)
def test_a_year_before_jiang_foretells_nothing_due(tmp_path: Path, line: str) -> None:
    assert _dated(tmp_path, f"关于做好有关工作的通知\n{line}\n", D(2027, 2, 20)) == []


@pytest.mark.parametrize(
    "text",
    [
        "关于上半年全县重点项目推进情况的报告\n2027年，全县重点项目推进中仍存在三个方面问题：\n"
        "一是部分项目前期工作滞后，土地报批进度缓慢。\n二是融资渠道单一，资金缺口较大。\n",
        "县发展改革局2027年1-4月工作情况\n2027年，我局主要做了四个方面工作：\n"
        "一是狠抓项目建设，新开工项目32个，完成投资45亿元。\n二是优化营商环境，办理审批事项1200件。\n",
        "关于人大代表建议办理情况的报告\n2027年，我局共承办人大代表建议12件：\n"
        "一是关于加快城区停车场建设的建议。\n二是关于改善农村饮水条件的建议。\n",
        "县住建局2027年上半年工作总结\n2027年，我局紧紧围绕县委县政府确定的4大目标任务：\n"
        "一是老旧小区改造已开工38个，完成投资1.2亿元。\n二是保障性住房已分配800套。\n",
    ],
)
def test_a_counted_lead_of_problems_work_done_or_proposals_dates_nothing(
    tmp_path: Path, text: str
) -> None:
    assert _dated(tmp_path, text, D(2027, 6, 10)) == []


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("3月底前，各村完成人口信息核查。村干部逐户上门进行了解核实，建立工作台账。", "了解核实"),
        (
            "6月30日前，各乡镇完成自建房安全排查。排查以来发现的问题，由各乡镇逐一整改销号。",
            "整改销号",
        ),
        (
            "年底前，建成县级综合应急指挥中心。县应急局进行了前期调研，县财政局负责资金保障。",
            "资金保障",
        ),
    ],
)
def test_a_heads_reach_goes_on_past_words_that_only_look_told(
    tmp_path: Path, line: str, kept: str
) -> None:
    """了解 is no perfective, "排查以来发现的问题" no time told, and another office's charge in
    the same sentence is work: the paragraph's opening date still dates them."""
    dated = _dated(tmp_path, f"关于做好有关工作的通知\n{line}\n", D(2027, 3, 10))
    assert any(kept in text for text, _ in dated), dated


def test_figures_up_to_a_cutoff_are_no_task_and_a_period_described_keeps_the_head(
    tmp_path: Path,
) -> None:
    figures = "关于做好有关工作的通知\n2027年计划新建农村公路100公里，截至2月底已完工的有12公里。\n"
    assert not any("已完工" in t for t, _ in _dated(tmp_path, figures, D(2027, 3, 10)))
    described = (
        "关于做好有关工作的通知\n2027年，全县计划实施重点项目120个，“十五五”时期是项目建设的黄金期，"
        "县发改委要做好项目储备。\n"
    )
    dated = _dated(tmp_path, described, D(2027, 3, 10))
    assert ("县发改委要做好项目储备", D(2027, 12, 31)) in dated, dated
    assert not any("黄金期" in t for t, _ in dated), dated


def test_an_owner_note_leaves_no_bare_verb_in_the_task(tmp_path: Path) -> None:
    text = "关于做好有关工作的通知\n“十五五”时期，全县新建改扩建学校30所，由县教育局牵头实施。\n"
    assert _dated(tmp_path, text, D(2027, 3, 10)) == [("全县新建改扩建学校30所", D(2030, 12, 31))]


# A second review, of round nineteen's rules (its own sentences) ----------------------------
@pytest.mark.parametrize(
    ("line", "order", "due"),
    [
        ("6月15日的培训会，请各乡镇分管领导准时参加。", "准时参加", D(2027, 6, 15)),
        ("第二季度的督查工作，县委督查室要提前谋划。", "提前谋划", D(2027, 6, 30)),
        ("8月份的防汛物资储备，由县应急局负责落实。", "防汛物资储备", D(2027, 8, 31)),
    ],
)
def test_a_dated_noun_with_the_order_after_it_keeps_its_date(
    tmp_path: Path, line: str, order: str, due: dt.date
) -> None:
    """ "6月15日的培训会，请…准时参加": no later date takes over, so the day dates the order."""
    dated = _dated(tmp_path, f"关于做好有关工作的通知\n{line}\n", D(2027, 5, 20))
    assert any(order in text and d == due for text, d in dated), dated


def test_a_targets_heading_dates_numbered_items_only_and_not_the_past(tmp_path: Path) -> None:
    text = (
        "政府工作报告\n一、2027年全区经济社会发展主要预期目标\n"
        "2026年，全区地区生产总值增长5.6%，低于预期。\n全区上下要坚定信心，开拓进取。\n"
    )
    assert _dated(tmp_path, text, D(2027, 2, 15)) == []


def test_another_places_targets_without_a_colon_are_not_ours(tmp_path: Path) -> None:
    text = "新闻\n据介绍，北京市2027年主要预期目标是地区生产总值增长5%左右，我区将积极对接。\n"
    assert _dated(tmp_path, text, D(2027, 3, 10)) == []


def test_a_numbered_pipe_row_of_figures_meetings_or_holidays_is_no_task(tmp_path: Path) -> None:
    text = (
        "价格监测\n1 | 6月21日 | 猪肉价格 | 28元/斤 |\n2 | 6月21日 | 鸡蛋价格 | 5元/斤 |\n"
        "会议安排\n1 | 6月25日 | 县委常委会会议 | 县委办 |\n2 | 6月28日 | 开班仪式及专题讲座 | 党校 |\n"
    )
    assert _dated(tmp_path, text, D(2027, 6, 20)) == []
