"""Classes of failure found in the seventh round (a sample of the corpus's dated tasks read
by hand, then new held-out pages), with examples written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.analysis import document_tasks
from pipeline.config import load_config
from pipeline.deadlines import resolve
from pipeline.ingest import ingest_file
from pipeline.ingest.html import page_issuer
from tests.test_extract_heldout import _dated, _tasks

D = dt.date
CONFIG = load_config(Path(__file__).resolve().parents[1] / "config.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "十年内乱使经济遭受重大损失",  # 内乱: a word, not "within ten years"
        "要清除多年内讧造成的影响",
        "单位发放的年终奖应并入工资薪金计税",  # 年终奖: a bonus, not the year's end
        "年终加薪和劳动分红按规定列支",
    ],
)
def test_a_word_that_opens_with_a_period_character_is_no_deadline(text: str) -> None:
    assert resolve(text, D(2026, 3, 1)) == [], text


def test_within_years_still_reads_before_ordinary_words() -> None:
    for text in ("三年内完成改造", "五年内资本主义工商业逐步纳入计划", "年内需完成验收"):
        found = resolve(text, D(2026, 3, 1))
        assert found and found[0].due is not None and found[0].due.year >= 2026, text


@pytest.mark.parametrize(
    "para",
    [
        # a term's definition lists what the term covers; dates in it are no work
        "本条例所称劳动报酬，是指职工取得的工资、奖金、年终加薪及其他补贴。",
        "本办法所称考核年度，是指每年1月1日至12月31日。",
        "前款所称集中整治期，系指2026年5月至9月。",
    ],
)
def test_a_definition_dates_no_task(para: str) -> None:
    assert _dated(_tasks(para, as_of=D(2026, 3, 1))) == []


@pytest.mark.parametrize(
    "para",
    [
        # a benefit foreseen after the work ("每年可实现…") is what the work yields, not a series
        "项目建成投产后，每年可实现销售收入3000万元，新增就业岗位200个。",
        "改造完成后预计每年可节约标准煤1.2万吨。",
        "工程竣工后，年内可实现通水。",
    ],
)
def test_a_benefit_that_can_be_had_is_no_task(para: str) -> None:
    assert _dated(_tasks(para, as_of=D(2026, 3, 1))) == []


@pytest.mark.parametrize(
    ("para", "due"),
    [
        # a target stays a task: an aim before "可", or 可 not before a benefit's verb
        ("确保年内可完成全部改造任务。", D(2026, 12, 31)),
        ("每年要完成老旧小区改造100个。", D(2026, 12, 31)),
        ("各乡镇每年可组织一次联合演练，12月底前报送总结。", D(2026, 12, 31)),
    ],
)
def test_targets_beside_those_forms_stay_tasks(para: str, due: dt.date) -> None:
    assert due in {d for _, d in _dated(_tasks(para, as_of=D(2026, 3, 1)))}, para


@pytest.mark.parametrize(
    "para",
    [
        # a five-year plan's period as the subject of 是, or as a base to build on, is named
        "“十五五”时期，是全区推进高质量发展、打基础利长远的关键时期。",
        "在“十五五”基础上再奋斗五年，全面建成宜居宜业现代化新城。",
    ],
)
def test_a_plan_period_described_or_built_on_is_no_deadline(para: str) -> None:
    assert _dated(_tasks(para, as_of=D(2026, 2, 10))) == []


def test_a_plan_period_end_stays_a_deadline() -> None:
    tasks = _dated(_tasks("到“十五五”末，全区基本建成现代化产业体系。", as_of=D(2026, 2, 10)))
    assert [d for _, d in tasks] == [D(2030, 12, 31)], tasks


def test_a_series_kept_since_a_time_is_told_not_ordered() -> None:
    para = "为确保工程如期完工，自今年8月以来，每周都组织施工单位召开调度会，分管领导定期督查。"
    assert _dated(_tasks(para, as_of=D(2026, 9, 20))) == []
    # a series planned after such a report stays a task
    para = "今年以来，我局每月召开一次调度会，下一步将每周五前报送进度。"
    tasks = _dated(_tasks(para, as_of=D(2026, 9, 20)))
    assert tasks and all("每周五前报送进度" in t for t, _ in tasks), tasks


def test_two_series_sharing_one_report_both_name_it() -> None:
    para = "各责任单位每周五上午下班前、每月25日前分别将上周进度、月度汇总情况报区住建局。"
    tasks = _dated(_tasks(para, as_of=D(2026, 3, 10)))
    dues = {d for _, d in tasks}
    assert D(2026, 3, 13) in dues and D(2026, 3, 25) in dues, tasks
    assert all("月度汇总" in t for t, _ in tasks), tasks


def test_the_clauses_after_a_start_are_not_the_earlier_deadline() -> None:
    para = (
        "各供热单位要在9月底完成注水，以10月20日为时点完成冷态调试，从22日开始，"
        "陆续启动试供热，11月1日实现全网正常供热。"
    )
    tasks = _dated(_tasks(para, as_of=D(2026, 9, 10)))
    assert not any("试供热" in t and d == D(2026, 10, 20) for t, d in tasks), tasks
    assert any("冷态调试" in t and d == D(2026, 10, 20) for t, d in tasks), tasks


def test_a_phase_named_by_its_year_takes_no_earlier_phase_date() -> None:
    para = "行动分三个阶段：6-12月为排查整治阶段，2027年为集中攻坚阶段，2028年为巩固提升阶段。"
    tasks = _dated(_tasks(para, as_of=D(2026, 6, 8)))
    assert not any("集中攻坚" in t and d != D(2027, 12, 31) for t, d in tasks), tasks
    para = "6-12月为排查整治阶段，各地要全面排查隐患。2027年为集中攻坚阶段，各地要集中整治。"
    tasks = _dated(_tasks(para, as_of=D(2026, 6, 8)))
    assert ("2027年为集中攻坚阶段，各地要集中整治", D(2027, 12, 31)) in tasks, tasks


def test_states_a_target_year_should_see_are_one_task() -> None:
    para = "2027年，全区养老服务体系基本建立，失能老人照护水平稳步提高，助餐服务加快推广。"
    tasks = _dated(_tasks(para, as_of=D(2026, 3, 1)))
    assert len(tasks) == 1 and "加快推广" in tasks[0][0], tasks
    # works of different subjects under one deadline stay apart
    para = "年底前，城东污水厂完成提标改造，城西泵站建成投用。"
    assert len(_dated(_tasks(para, as_of=D(2026, 3, 1)))) == 2


def test_a_plan_told_with_its_outturn_is_no_task() -> None:
    para = "今年全区计划改造老旧管网30公里，实际改造52公里，已超额完成改造任务。"
    assert _dated(_tasks(para, as_of=D(2026, 10, 20))) == []
    para = "今年全区计划改造老旧管网30公里，确保年底前全部完工。"
    assert _dated(_tasks(para, as_of=D(2026, 10, 20))), para


def test_a_season_word_before_a_month_is_no_deadline() -> None:
    assert resolve("金秋九月，硕果累累", D(2026, 9, 1)) == []
    assert resolve("阳春三月，万物复苏", D(2026, 2, 1)) == []
    assert [d.due for d in resolve("九月底前完成", D(2026, 9, 1))] == [D(2026, 9, 30)]


def test_a_window_written_out_in_brackets_is_no_task_of_its_own() -> None:
    para = "本公告发布之日起30日内（2026年3月10日至2026年4月10日），坟主家属到村委会办理登记手续。"
    tasks = _dated(_tasks(para, as_of=D(2026, 3, 10)))
    assert tasks == [("坟主家属到村委会办理登记手续", D(2026, 4, 10))], tasks


def test_an_alternative_after_or_continues_the_work() -> None:
    para = "项目区内的坟墓，必须于2026年6月5日前全部迁移至公墓区内，或到殡仪馆火化后散撒。"
    tasks = _dated(_tasks(para, as_of=D(2026, 5, 1)))
    assert len(tasks) == 1 and "火化后散撒" in tasks[0][0] and "迁移" in tasks[0][0], tasks


def test_what_can_be_done_in_the_year_is_a_criterion() -> None:
    para = "申报项目在建设周期上应具备可控性，一般能够在当年完成或取得阶段性成效。"
    assert _dated(_tasks(para, as_of=D(2026, 11, 1))) == []


def test_a_purpose_naming_work_before_the_sentences_own_date_is_no_task() -> None:
    para = (
        "为做好今冬明春供热工作，让市民温暖过冬，市城管委全力推进准备工作，确保10月底前准备就绪。"
    )
    tasks = _dated(_tasks(para, as_of=D(2026, 9, 20)))
    assert [d for _, d in tasks] == [D(2026, 10, 31)], tasks


def test_time_pressing_is_no_work() -> None:
    para = "各村要在六月底前完成验收，时间紧任务重。"
    tasks = _dated(_tasks(para, as_of=D(2026, 3, 30)))
    assert [t for t, _ in tasks] == ["各村要在六月底前完成验收"], tasks


def test_a_page_source_line_names_the_issuer_who_owns_its_own_work(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text(
        "区环保局扎实推进督察问题整改\n"
        "发布时间:2026-09-26 11:51:36 信息来源:区环保局 作者:张丹\n"
        "对督察组检查中发现的问题，我局高度重视，列出问题清单，制定整改措施。"
        "每月25日前将整改进展进行汇总，对整改不到位的严格问责。\n",
        encoding="utf-8",
    )
    doc = ingest_file(page)[0]
    assert doc.issuer == "区环保局"
    tasks = document_tasks(doc, CONFIG, D(2026, 9, 26))
    assert tasks and all(t.lead == ("sthj",) and t.owner_basis == "issuer" for t in tasks), [
        (t.text, t.lead, t.owner_basis) for t in tasks
    ]
    # a news agency as the source is no office
    page.write_text("标题\n信息来源:新华社\n各街道于10月底前完成排查。\n", encoding="utf-8")
    assert ingest_file(page)[0].issuer is None


def test_a_task_after_a_closed_quote_does_not_open_with_its_mark() -> None:
    para = (
        "条例第十七条规定：“依法批准的建设项目需要占用墓地的，由县级人民政府向社会公告。”"
        "请坟主亲属自本公告公布之日起30日内到指挥部办理迁移手续。"
    )
    tasks = _dated(_tasks(para, as_of=D(2026, 3, 8)))
    assert tasks == [("请坟主亲属自本公告公布之日起30日内到指挥部办理迁移手续", D(2026, 4, 7))], (
        tasks
    )


def test_a_reporters_source_is_no_part_of_a_task() -> None:
    para = "（本报记者报道）记者从全县推进会上了解到，今年9月底前，我县将新完成952户安置任务。"
    tasks = _dated(_tasks(para, as_of=D(2026, 3, 6)))
    assert tasks == [("我县将新完成952户安置任务", D(2026, 9, 30))], tasks


def test_a_meeting_held_on_the_documents_day_after_yu_is_an_event() -> None:
    para = "我局于2026年4月13日下午组织召开党组专题会议，研究部署信访积案化解工作。"
    assert _dated(_tasks(para, as_of=D(2026, 4, 13))) == []
    order = "请各单位于4月13日下班前报送参会名单。"  # an order for the same day stays a task
    assert _dated(_tasks(order, as_of=D(2026, 4, 13))) == [(order.rstrip("。"), D(2026, 4, 13))]


def test_a_reprints_original_headline_is_no_task(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text(
        "全市供热改造全面提速\n原标题：供热改造工程将于10月底前全部完成\n"
        "按照大会部署，所有工程将于10月底前全部完成。\n",
        encoding="utf-8",
    )
    tasks = document_tasks(ingest_file(page)[0], CONFIG, D(2026, 9, 16))
    assert [t.text for t in tasks] == ["所有工程将于10月底前全部完成"], [t.text for t in tasks]


def test_figures_up_to_a_day_just_over_are_a_report() -> None:
    # "至6月底，…完成…" written in July: a cutoff like 截至, not next June's target
    para = "各地按计划有序推进，至6月底，83个中心村完成规划编制，部分县开始招投标。"
    assert _dated(_tasks(para, as_of=D(2026, 7, 23))) == []
    # ahead, 至 heads the work after it as 到 does
    para = "至12月底，全部完成改造任务。"
    assert _dated(_tasks(para, as_of=D(2026, 7, 23))) == [("全部完成改造任务", D(2026, 12, 31))]


def test_named_phases_with_no_work_after_them_are_tasks_of_their_own() -> None:
    para = "行动分三个阶段：6-12月为排查整治阶段，2027年为集中攻坚阶段，2028年巩固提升阶段。"
    tasks = _dated(_tasks(para, as_of=D(2026, 6, 8)))
    assert [d for t, d in tasks if t.endswith("6-12月为排查整治阶段")] == [D(2026, 12, 31)], tasks
    assert [d for t, d in tasks if t.endswith("2027年为集中攻坚阶段")] == [D(2027, 12, 31)], tasks
    # with its work after it, a named span is that work's time (its name before the work), no
    # task of its own
    para = "4月8日至20日为自查整改期，各企业要全面开展自查。"
    assert _dated(_tasks(para, as_of=D(2026, 4, 1))) == [(para[:-1], D(2026, 4, 20))]


def test_a_date_completing_work_asked_at_once_dates_it() -> None:
    para = "必须尽快落实整改方案，本月内各街道要全面完成并备查，不得随意调整。"
    tasks = _dated(_tasks(para, as_of=D(2026, 1, 20)))
    assert tasks == [("必须尽快落实整改方案，本月内各街道要全面完成并备查", D(2026, 1, 31))], tasks
    # an ASAP order beside other dated work stays undated work of its own
    para = "请尽快完成摸底排查；3月底前各街道完成改造方案编制。"
    dated = _dated(_tasks(para, as_of=D(2026, 1, 20)))
    assert dated == [("3月底前各街道完成改造方案编制", D(2026, 3, 31))], dated


@pytest.mark.parametrize(
    "para",
    [
        "本次普查标准时点是2026年11月1日零时。",  # a census's reference moment
        "2026年11月1日零时为普查标准时点。",
        "男青年征集年龄为2026年12月31日前年满18至22周岁。",  # an age limit
    ],
)
def test_a_reference_moment_or_an_age_limit_is_no_task(para: str) -> None:
    assert _dated(_tasks(para, as_of=D(2026, 7, 28))) == []


def test_a_series_a_meeting_told_it_set_out_is_no_task() -> None:
    para = "会议与各区县核对了目标任务数，明确了每月目标报送要求、目标完成标准。"
    assert _dated(_tasks(para, as_of=D(2026, 3, 3))) == []
    assert _dated(_tasks("各区县要每月报送目标完成情况。", as_of=D(2026, 3, 3)))


def test_age_and_reference_rules_leave_nearby_work_alone() -> None:
    para = "确保商业区明年11月份建成，并实现核心区明年年底满园运营。"
    tasks = _dated(_tasks(para, as_of=D(2026, 7, 1)))
    assert any("满园运营" in t and d == D(2027, 12, 31) for t, d in tasks), tasks
    para = "普查10月11日至10月31日进行摸底工作，11月1日零时为标准时点。"
    assert [d for _, d in _dated(_tasks(para, as_of=D(2026, 10, 9)))] == [D(2026, 10, 31)]


def test_a_speakers_order_heads_the_work_after_it() -> None:
    para = (
        "最后，市指挥部办公室要求2026年12月15日前，各委托工程要完成建设、验收、结算等工作，"
        "认真梳理各项工作任务。"
    )
    tasks = _dated(_tasks(para, as_of=D(2026, 11, 26)))
    assert tasks == [
        ("各委托工程要完成建设、验收、结算等工作，认真梳理各项工作任务", D(2026, 12, 15))
    ]


def test_all_the_tasks_as_a_verbs_object_refer_back_to_nothing() -> None:
    para = (
        "会上，区指挥部汇报了道路施工进展情况。与会人员进行了讨论。"
        "各部门要认真梳理各项工作任务，确保12月底前完成竣工验收。"
    )
    tasks = _dated(_tasks(para, as_of=D(2026, 11, 26)))
    assert tasks and not any("汇报" in t for t, _ in tasks), tasks
    # as the subject, it still does: "以上工作要在…前完成"
    para = "区住建局负责老旧小区改造。区城管局负责背街小巷整治。以上工作要在10月底前完成。"
    tasks = _dated(_tasks(para, as_of=D(2026, 3, 1)))
    assert tasks and "老旧小区改造" in tasks[0][0], tasks


def test_a_connector_alone_is_no_task() -> None:
    para = "我区计划在6月中旬举行重点项目集中开工活动，其中，已初步确定7个项目在6月开工建设。"
    tasks = _dated(_tasks(para, as_of=D(2026, 5, 19)))
    assert [t for t, _ in tasks] == [
        "我区计划在6月中旬举行重点项目集中开工活动",
        "已初步确定7个项目在6月开工建设",
    ]


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        ("发文机关：国务院", "国务院"),  # a 发文机关 label names the issuer, whatever its ending
        ("发布机构：中共中央办公厅", "中共中央办公厅"),
        ("信息来源:县环保局 作者:张丹", "县环保局"),
        ("信息来源:新华社", None),  # a source line names an office only when it ends as one
    ],
)
def test_a_pages_issuer_labels(line: str, issuer: str | None) -> None:
    assert page_issuer(line) == issuer
