"""Each class of failure seen on real documents, with examples written for these tests.

One test per class (the numbers follow the extraction issue): actions outside any verb
list, lost subjects, numbered items running into dates, deadline scope, traditional script,
the expression that governs, deadline phrases, spacing and numerals, news leads, and
dates that date no action. The examples are made up in the style of district documents.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.extract import analyse, extract
from pipeline.models import Block, Document, Task

AS_OF = dt.date(2021, 8, 2)  # a Monday


def _doc(*paras: str, title: str = "关于印发工作方案的通知") -> Document:
    blocks = tuple(Block(p, i + 1, 0) for i, p in enumerate(paras))
    return Document(
        key="c.txt",
        path="c.txt",
        title=title,
        blocks=blocks,
        published=AS_OF,
        date_basis="sidecar",
        sha256="x",
    )


def _tasks(
    *paras: str, as_of: dt.date = AS_OF, title: str = "关于印发工作方案的通知"
) -> list[Task]:
    return extract(_doc("标题", *paras, title=title), as_of)


def _due(tasks: list[Task], *needles: str) -> dt.date | None:
    hits = [t for t in tasks if all(n in t.text for n in needles)]
    assert hits, (needles, [t.text for t in tasks])
    dues = {t.due for t in hits}
    assert len(dues) == 1, (needles, dues)
    return dues.pop()


D = dt.date


# 1. Actions outside any verb list -----------------------------------------------------------
@pytest.mark.parametrize(
    "clause",
    [
        "西区污水处理厂完工",
        "东风路小学新校区投入使用",
        "滨河绿道具备通行条件",
        "北环路立交桥开始施工",
        "人民公园南门新建停车场",
        "青年路菜市场迁址营业",
        "三座人行天桥拆旧换新",
    ],
)
def test_any_verb_governed_by_a_deadline_is_a_task(clause: str) -> None:
    tasks = _tasks(f"9月底前，{clause}。")
    assert _due(tasks, clause) == D(2021, 9, 30)


def test_several_clauses_under_one_head_deadline_are_each_a_task() -> None:
    tasks = _tasks("年底前，西区污水处理厂完工，东风路小学新校区投入使用，滨河绿道具备通行条件。")
    assert len(tasks) == 3 and {t.due for t in tasks} == {D(2021, 12, 31)}


# 2. The subject stays with its tasks -------------------------------------------------------
def test_the_project_heading_a_sentence_is_in_each_of_its_tasks() -> None:
    tasks = _tasks("南阳路综合改造工程，8月底前完成雨污分流管网铺设，10月底前完成沥青面层摊铺。")
    assert _due(tasks, "南阳路综合改造工程", "雨污分流") == D(2021, 8, 31)
    assert _due(tasks, "南阳路综合改造工程", "沥青面层") == D(2021, 10, 31)


def test_the_subject_reaches_later_segments_of_its_sentence() -> None:
    tasks = _tasks(
        "城东快速路途经东关街道、北关街道，9月15日前完成征地60%，房屋拆迁完成50%；"
        "11月30日前完成全部征地拆迁任务。"
    )
    assert _due(tasks, "城东快速路", "征地60%") == D(2021, 9, 15)
    assert _due(tasks, "城东快速路", "拆迁完成50%") == D(2021, 9, 15)
    assert _due(tasks, "城东快速路", "全部征地拆迁") == D(2021, 11, 30)


def test_the_title_of_a_numbered_item_is_the_subject() -> None:
    tasks = _tasks("3. 金水河治理工程：9月底前完成河道清淤，11月底前完成驳岸修复。")
    assert _due(tasks, "金水河治理工程", "河道清淤") == D(2021, 9, 30)
    assert _due(tasks, "金水河治理工程", "驳岸修复") == D(2021, 11, 30)


# 3. Numbered items that run into a date ------------------------------------------------------
@pytest.mark.parametrize(
    ("number", "rest", "needle", "due"),
    [
        ("1、", "10月底前，完成全区消防通道排查。", "消防通道排查", D(2021, 10, 31)),
        ("11.", "10月31日前完成供暖管网检修。", "供暖管网检修", D(2021, 10, 31)),
        ("4．", "11月15日前上报冬季储煤计划。", "冬季储煤计划", D(2021, 11, 15)),
        ("105. ", "12月20日前完成审计发现问题整改。", "审计发现问题整改", D(2021, 12, 20)),
        (
            "1. ",
            "10月底前，完成老旧电梯更新。（责任单位：区市场监管局）",
            "老旧电梯更新",
            D(2021, 10, 31),
        ),
    ],
)
def test_numbered_items_running_into_a_date(
    number: str, rest: str, needle: str, due: dt.date
) -> None:
    tasks = _tasks(number + rest)
    assert _due(tasks, needle) == due
    assert all(rest.startswith(t.text[:4]) or needle in t.text[:12] for t in tasks), [
        t.text for t in tasks
    ]
    assert not any(
        t.text.startswith(number.strip()) and not rest.startswith(number.strip()) for t in tasks
    ), "the item number is cut off"


def test_a_long_numbered_plan_dates_every_item() -> None:
    items = [
        f"{n}. {m}月{d}日前完成第{n}项整改任务。"
        for n, (m, d) in enumerate(((9 + n % 4, 1 + n % 28) for n in range(1, 121)), 1)
    ]
    tasks = _tasks(*items)
    assert len(tasks) == 120 and all(t.due is not None for t in tasks)


def test_an_owner_note_after_an_item_owns_it() -> None:
    tasks = _tasks("1. 10月底前，完成老旧电梯更新。（责任单位：区市场监管局）")
    assert tasks[0].named_lead == ("区市场监管局",)


def test_labels_after_an_item_date_and_own_it_however_they_are_laid_out() -> None:
    """An item's owner and time labels: on lines of their own below a short numbered line
    (it is no heading), as bare labels in its paragraph (the time label beside the owner
    label), or in a note after an item that is one short sentence (no run-in title)."""
    paras = (
        "二、强化要素保障",
        "5.设立中小企业纾困基金，规模不低于5亿元。责任单位：区财政局。完成时间：2021年11月。",
        "6.建立企业诉求直通车制度",
        "责任单位：区工商联",
        "完成时限：2021年10月底前",
        "7.完成工业用地出让10宗。（责任单位：区自然资源局，2021年9月底前完成）",
        "8.编制产业地图。完成时限：2021年12月；牵头单位：区发改局。",
    )
    tasks = _tasks(*paras)
    got = {t.text: (t.due, t.named_lead) for t in tasks}
    assert got == {
        "设立中小企业纾困基金，规模不低于5亿元": (D(2021, 11, 30), ("区财政局",)),
        "建立企业诉求直通车制度": (D(2021, 10, 31), ("区工商联",)),
        "完成工业用地出让10宗": (D(2021, 9, 30), ("区自然资源局",)),
        "编制产业地图": (D(2021, 12, 31), ("区发改局",)),
    }
    listed = analyse(_doc("标题", *paras), AS_OF, undated=True).tasks
    assert len(listed) == len(tasks), "no dated item is listed again as undated"


def test_an_items_time_in_a_bracket_or_its_owners_in_a_sentence_after_it() -> None:
    tasks = _tasks(
        "1.推进国有企业改革，完成区属国企整合重组。（2021年11月底前）",
        "2.深化放管服改革。区政务服务中心牵头，区司法局配合，2021年9月底前完成。",
        "3.建设智慧社区20个，年底前投入使用。区民政局负责。",
        "4.贯彻落实国土空间规划。（2021—2035年）",
    )
    got = {t.text: (t.due, t.named_lead, t.named_assist) for t in tasks}
    assert got == {
        "推进国有企业改革，完成区属国企整合重组": (D(2021, 11, 30), (), ()),
        "深化放管服改革": (D(2021, 9, 30), ("区政务服务中心",), ("区司法局",)),
        "建设智慧社区20个，年底前投入使用": (D(2021, 12, 31), ("区民政局",), ()),
    }


def test_owner_lines_with_their_time_under_items_and_a_bare_time_bracket() -> None:
    tasks = _tasks(
        "1.建立企业诉求直通车制度。",
        "责任单位：区商务局。完成时间：2021年11月。",
        "2.优化企业开办流程。",
        "完成时限：10月底前；牵头单位：区政务服务中心",
        "3.完成区属国有企业整合重组。（2021年12月底前）",
        "4.推进城市更新。",
    )
    got = [(t.text, t.due, t.named_lead) for t in tasks]
    assert got == [
        ("建立企业诉求直通车制度", D(2021, 11, 30), ("区商务局",)),
        ("优化企业开办流程", D(2021, 10, 31), ("区政务服务中心",)),
        ("完成区属国有企业整合重组", D(2021, 12, 31), ()),
    ]
    assert all(t.section == "" for t in tasks), "the bracketed item is no heading"


# 4. How far a deadline reaches ------------------------------------------------------------
def test_a_deadline_at_the_end_governs_the_clauses_before_it() -> None:
    tasks = _tasks("东区学校、西区医院和北区体育馆，于9月底前开工建设。")
    assert len(tasks) == 1 and _due(tasks, "东区学校", "北区体育馆", "开工建设") == D(2021, 9, 30)


def test_yibing_extends_the_deadline_to_the_next_clause() -> None:
    tasks = _tasks(
        "修订后的应急预案经分管领导审定后，于2021年9月10日前报区应急局，一并报送值班人员名单。"
    )
    assert _due(tasks, "值班人员名单") == D(2021, 9, 10)
    assert _due(tasks, "应急预案", "报区应急局") == D(2021, 9, 10)


def test_a_date_given_after_the_task_belongs_to_it() -> None:
    tasks = _tasks("完成全区路灯节能改造，时间节点为10月底。")
    assert _due(tasks, "路灯节能改造") == D(2021, 10, 31)


def test_work_referred_back_to_is_dated_by_the_summary_sentence() -> None:
    tasks = _tasks(
        "各街道要摸清辖区内闲置厂房底数，建立台账。对具备条件的，制定盘活方案。以上工作要在10月底前完成。"
    )
    assert _due(tasks, "闲置厂房底数", "盘活方案") == D(2021, 10, 31)


def test_a_paragraph_opening_with_a_deadline_dates_its_next_sentence() -> None:
    tasks = _tasks(
        "9月底前，区教育局完成校车安全检查。区交通局同步完成接送线路核定。10月底前，开展联合抽查。"
    )
    assert _due(tasks, "接送线路核定") == D(2021, 9, 30)
    assert _due(tasks, "联合抽查") == D(2021, 10, 31)


def test_a_deadline_inside_the_first_action_dates_that_action_only() -> None:
    """ "9月底前开工改造项目50个。新开工安置房300套。…12月底前开工建设200部。": the writer
    dates each sentence; the undated one is no 9月底 task (a deadline standing alone as the
    paragraph's first clause, "9月底前，…", still dates the sentences after it)."""
    tasks = _tasks(
        "9月底前开工老旧小区改造项目50个。新开工安置房300套。12月底前开工建设电梯200部。"
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("9月底前开工老旧小区改造项目50个", D(2021, 9, 30)),
        ("12月底前开工建设电梯200部", D(2021, 12, 31)),
    ]


def test_an_actor_with_its_deadline_governs_its_following_acts() -> None:
    tasks = _tasks("各街道于11月底前完成辖区排查，排查结果反馈区政府，并报送区住建局。")
    assert _due(tasks, "并报送区住建局") == D(2021, 11, 30)


def test_a_closing_deadline_alone_completes_the_staged_work_before_it() -> None:
    """ "6月底前完成拆除的50%，9月底前全部完成": the second date is the whole work's, not
    lost for want of an object (and "9月底前全部完成" alone, with nothing before, is none)."""
    tasks = _tasks(
        "10月底前完成存量违建拆除的50%，12月底前全部完成。",
        "9月底前完成管网铺设；11月底前全部完工。",
        "年底前全部完成。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("10月底前完成存量违建拆除的50%", D(2021, 10, 31)),
        ("10月底前完成存量违建拆除的50%，12月底前全部完成", D(2021, 12, 31)),
        ("9月底前完成管网铺设", D(2021, 9, 30)),
        ("9月底前完成管网铺设，11月底前全部完工", D(2021, 11, 30)),
    ]


def test_a_sanction_for_missing_the_date_is_no_task() -> None:
    tasks = _tasks(
        "请于10月15日前将整改情况报区督查室，逾期未报的将予以通报。",
        "各街道于10月20日前报送台账，对未按期报送的，予以通报批评。",
        "10月25日前完成逾期未整改问题的销号。",
        "请于11月5日前将材料送至区农业农村局，逾期不予受理。",
        "务必于11月8日前报送，过时不候。",
        # work on what missed a date is no sanction
        "11月底前，对未按要求将资金拨付到位的项目进行全面清理。",
        "对超期服役的老旧电梯，年底前全部完成更新改造。",
    )
    assert [(t.text, t.due) for t in tasks if t.due] == [
        ("请于10月15日前将整改情况报区督查室", D(2021, 10, 15)),
        ("各街道于10月20日前报送台账", D(2021, 10, 20)),
        ("10月25日前完成逾期未整改问题的销号", D(2021, 10, 25)),
        ("请于11月5日前将材料送至区农业农村局", D(2021, 11, 5)),
        ("务必于11月8日前报送", D(2021, 11, 8)),
        ("对未按要求将资金拨付到位的项目进行全面清理", D(2021, 11, 30)),
        ("对超期服役的老旧电梯，年底前全部完成更新改造", D(2021, 12, 31)),
    ]


def test_enumerated_plan_items_share_the_first_items_year() -> None:
    """ "一是2022年计划投资…；二是计划投资…；三是计划新建…": the later items are that year's
    plan too; an item without a plan's word, or stating how things stand, is not."""
    tasks = _tasks(
        "一是2022年计划投资2500万元再建27公里农村道路；二是计划投资800万元新建污水处理站3座；"
        "三是计划新建村级活动场所10个；四是做好农村道路养护。",
        "2022年计划投资3000万元；目前计划已完成过半。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("一是2022年计划投资2500万元再建27公里农村道路", D(2022, 12, 31)),
        ("二是计划投资800万元新建污水处理站3座", D(2022, 12, 31)),
        ("三是计划新建村级活动场所10个", D(2022, 12, 31)),
        ("2022年计划投资3000万元", D(2022, 12, 31)),
    ]


def test_an_aim_after_an_offices_clause_keeps_the_office_and_its_means() -> None:
    tasks = _tasks(
        "区住建局要督促施工单位倒排工期，确保城北污水管网项目12月25日前完工。",
        "提速香江路等24条道路建设，力争豫一路等7条道路年内通车。",
    )
    assert [t.text for t in tasks] == [
        "区住建局要督促施工单位倒排工期，确保城北污水管网项目12月25日前完工",
        "力争豫一路等7条道路年内通车",
    ]


# 5. Flattened tables: see tests/ingest/test_flat_tables.py --------------------------------


# 6. Traditional script --------------------------------------------------------------------
def test_traditional_script_reads_like_simplified() -> None:
    doc = _doc(
        "標題",
        "年底前，完成老舊小區改造，實現雨污分流。（責任單位：區住建局）",
        "本報訊 近日，區政府召開會議，要求各單位於11月30日前組織開展安全自查。",
    )
    tasks = extract(doc, AS_OF)
    assert _due(tasks, "老舊小區改造") == D(2021, 12, 31)
    assert {t.named_lead for t in tasks if "老舊" in t.text} == {("区住建局",)}
    assert _due(tasks, "組織開展安全自查") == D(2021, 11, 30)


# 7. The expression that governs the action wins ---------------------------------------------
def test_the_by_date_wins_over_an_attribute() -> None:
    tasks = _tasks("请于11月20日前报送本单位年度工作总结和全年考核材料。")
    assert _due(tasks, "年度工作总结") == D(2021, 11, 20)


def test_a_duration_target_is_not_a_deadline() -> None:
    assert _tasks("企业开办时间压缩至3个工作日以内，不动产登记办理时限压缩至5个工作日以内。") == []


def test_two_by_dates_in_one_clause_each_make_a_task() -> None:
    tasks = _tasks("紧盯城南水厂项目9月底前开工、12月底前完工的时间节点，加快推进。")
    assert sorted(t.due for t in tasks if t.due) == [D(2021, 9, 30), D(2021, 12, 31)]


def test_recurring_deadline_over_a_past_year_word() -> None:
    tasks = _tasks("各执法部门每年1月31日前公开上年度执法数据。", as_of=D(2021, 12, 6))
    assert min(t.due for t in tasks if t.due) == D(2022, 1, 31)


# 8. The deadline phrase is not the task -----------------------------------------------------
def test_the_deadline_phrase_and_its_action_are_one_task() -> None:
    tasks = _tasks("本方案印发后15个工作日内，制定专项资金管理办法。")
    (t,) = tasks
    assert "专项资金管理办法" in t.text and t.due == D(2021, 8, 23)
    tasks = _tasks("各街道要在本通知印发之日起30日内，完成辖区摸排，形成台账。")
    assert _due(tasks, "辖区摸排", "形成台账") == D(2021, 9, 1)
    # the receipt of this very document counts from it; 收到通知 (any notice) is each case's
    tasks = _tasks(
        "请各责任单位于收到本通报之日起15日内将整改情况书面报区政府督查室。",
        "各单位要在本通报下发后一周内制定整改方案。",
        "当事人应当自收到通知之日起15日内缴纳罚款。",
    )
    assert _due(tasks, "整改情况") == D(2021, 8, 17)
    assert _due(tasks, "整改方案") == D(2021, 8, 9)
    assert not [t for t in tasks if t.due and "缴纳罚款" in t.text]
    # a meeting's report counts 会后 from its own date; an event of each case stays out
    tasks = _tasks(
        "会议要求，各责任单位会后一周内制定整改方案，在会议结束后3个工作日内报送联系人名单。",
        "申请人提出申请后10日内作出决定。",
    )
    assert _due(tasks, "整改方案") == D(2021, 8, 9)
    assert _due(tasks, "联系人名单") == D(2021, 8, 5)
    assert not [t for t in tasks if t.due and "作出决定" in t.text]
    # the meeting the document records or calls is the day counted from; a fair is no meeting
    tasks = _tasks(
        "定于2021年8月20日上午9:00召开全区防汛工作推进会。",
        "请各单位于会议结束后3个工作日内报送贯彻落实情况。",
        "区商务局要在农博会后一周内完成参展企业回访。",
    )
    assert _due(tasks, "贯彻落实情况") == D(2021, 8, 25)
    assert not [t for t in tasks if t.due and "参展企业" in t.text]
    minutes = _tasks(
        "2021年7月30日，区长主持召开常务会议。", "会议要求，区住建局会后一周内拿出实施方案。"
    )
    assert _due(minutes, "实施方案") == D(2021, 8, 6), "a week from the meeting, not the minutes"
    # an order's "收到通知" is this notice; a rule's (当事人应当…) each case's
    tasks = _tasks(
        "请各单位于收到通知后3个工作日内反馈意见。", "当事人应当自收到通知之日起15日内缴纳罚款。"
    )
    assert _due(tasks, "反馈意见") == D(2021, 8, 5)
    assert not [t for t in tasks if t.due and "缴纳罚款" in t.text]


def test_a_period_counted_from_another_event_is_no_task() -> None:
    assert _tasks("行政机关应当自收到申请之日起7个工作日内作出答复。") == []


# 9. Spacing and numerals ----------------------------------------------------------------------
def test_a_thousands_separator_is_no_clause_stop() -> None:
    tasks = _tasks("确保今年城镇新增就业达到1，200人。", "10月底前完成3个，12月底前完成200个。")
    assert [(t.text, t.due) for t in tasks] == [
        ("确保今年城镇新增就业达到1，200人", D(2021, 12, 31)),
        ("10月底前完成3个", D(2021, 10, 31)),
        ("12月底前完成200个", D(2021, 12, 31)),
    ]


@pytest.mark.parametrize(
    ("text", "as_of", "due"),
    [
        ("8 月底前完成外墙整治。", AS_OF, D(2021, 8, 31)),
        ("2021年 12月底前完成外墙整治。", AS_OF, D(2021, 12, 31)),
        ("9 月份完成外墙整治。", AS_OF, D(2021, 9, 30)),
        ("１１月底前完成外墙整治。", AS_OF, D(2021, 11, 30)),
        ("零七年底前完成外墙整治。", D(2006, 5, 1), D(2007, 12, 31)),
        ("98年3月底前完成外墙整治。", D(1997, 11, 1), D(1998, 3, 31)),
        ("2022年前半年完成外墙整治。", AS_OF, D(2022, 6, 30)),
        ("3 月 15 日前完成外墙整治。", D(2021, 1, 4), D(2021, 3, 15)),
    ],
)
def test_spacing_and_numerals(text: str, as_of: dt.date, due: dt.date) -> None:
    assert _due(_tasks(text, as_of=as_of), "外墙整治") == due


def test_hard_wrapped_lines_are_one_paragraph() -> None:
    from pipeline.ingest.normalize import rejoin

    text = (
        "为加快推进城市更新工作，现就有关事项要求如下。各街道要高度重视，城东快速路途经东关街道、北关街道，"
        "9 月 15 日前完成征地任务的60%，11 月 30 日前完成全部征地拆迁任务。区住建局负责牵头协调，区财政局负责资金保障。"
    )
    lines = [text[i : i + 18] for i in range(0, len(text), 18)]  # cut at one width, mid-word
    blocks = rejoin([Block(t, i + 1) for i, t in enumerate(lines)], title_first=False)
    assert len(blocks) < len(lines) / 2
    assert any(
        "9 月 15 日前完成征地任务的60%，11 月 30 日前完成全部征地拆迁任务" in b.text for b in blocks
    )
    tasks = extract(Document("w", "w", "t", tuple(blocks), AS_OF, "sidecar", "x"), D(2021, 1, 4))
    assert _due(tasks, "城东快速路", "全部征地拆迁") == D(2021, 11, 30)


# 10. News leads hold tasks -------------------------------------------------------------------
def test_a_news_lead_stating_an_obligation_is_a_task() -> None:
    tasks = _tasks(
        "本报讯（记者 王晓）近日，区政府召开专题会议，要求各街道于12月15日前完成冬季清雪预案编制。",
        "记者从区住建局获悉，今年以来已完成改造40个小区，力争年底前再完成20个小区改造。",
    )
    assert _due(tasks, "清雪预案") == D(2021, 12, 15)
    assert _due(tasks, "再完成20个小区改造") == D(2021, 12, 31)


def test_a_year_word_then_who_plans_then_the_verb_dates_the_work() -> None:
    """ "今年，我们将…" and "今年我区继续…" are this year's work; "今年我区承担的…" names the
    topic; a listed item after the sentence's head is dated like the first."""
    tasks = _tasks(
        "今年，我们将办好10件区级民生实事，包括：改造老旧小区12个；新建口袋公园8处。",
        "今年我区继续实施背街小巷整治。",
        "今年我区承担的市级重点项目共12个。",
        as_of=D(2026, 1, 20),
    )
    dated = {t.text: t.due for t in tasks}
    end = D(2026, 12, 31)
    assert dated.get("我们将办好10件区级民生实事") == end, dated
    assert [dated.get(k) for k in dated if "老旧小区" in k or "口袋公园" in k] == [end, end]
    assert dated.get("今年我区继续实施背街小巷整治") == end, dated
    assert not any("承担" in k for k in dated), dated


def test_a_phase_with_its_dates_in_brackets_dates_its_work() -> None:
    """ "1、宣传动员（3月5日至3月15日）。…": the phase names the subject, its dates govern the
    work under it, sentence after sentence and item after item; dates after 以后 are a start."""
    tasks = _tasks(
        "一、实施步骤",
        "1、宣传发动（8月5日至8月15日）。各村张贴宣传标语。各单位全面排查薄弱环节。",
        "（二）集中整治阶段（2021年8月16日—9月10日）：1、清理占道经营；2、拆除违章搭建。",
        "（三）巩固提高阶段（9月11日以后）：各村建立长效机制。",
        "（四）总结验收阶段（11月—12月）。各村开展自查。",  # months alone after 阶段
        "二、总体要求（2021—2023年）。坚持以人民为中心。各地要高度重视。",  # no day: no phase
    )
    due = {t.text: t.due for t in tasks if "总体要求" not in t.text}
    assert not any("坚持" in t.text or "高度重视" in t.text for t in tasks), tasks
    assert due == {
        "宣传发动：各村张贴宣传标语": D(2021, 8, 15),
        "宣传发动：各单位全面排查薄弱环节": D(2021, 8, 15),
        "集中整治阶段：1、清理占道经营": D(2021, 9, 10),
        "集中整治阶段：2、拆除违章搭建": D(2021, 9, 10),
        "总结验收阶段：各村开展自查": D(2021, 12, 31),
    }, due


def test_phase_lines_and_a_heading_setting_a_deadline_date_the_work_under_them() -> None:
    """ "第一阶段：动员部署（8月5日—8月15日）" on a line of its own, and "四、9月底前需完成的
    任务", head the work below them (each was a task of its own, the work undated)."""
    tasks = _tasks(
        "三、时间安排",
        "第一阶段：动员部署（2021年8月5日—8月15日）",
        "各街道成立工作专班，制定实施方案。",
        "第二阶段：集中整治（2021年8月16日—10月31日）",
        "全面开展背街小巷整治。",
        "四、9月底前需完成的任务",
        "1.完成主次干道破损路面修复。",
        "五、主要任务",
        "完成公厕改造20座。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("各街道成立工作专班，制定实施方案", D(2021, 8, 15)),
        ("全面开展背街小巷整治", D(2021, 10, 31)),
        ("完成主次干道破损路面修复", D(2021, 9, 30)),
    ]


def test_a_future_day_under_a_schedule_heading_is_a_step_not_an_event() -> None:
    """ "第一阶段。8月20日，镇政府成立领导小组": a step of the plan; outside a schedule a day
    before a comma stays an event's ("8月20日，全县召开…")."""
    tasks = _tasks(
        "一、时间及阶段划分",
        "第一阶段。8月20日，镇政府成立集中整治领导小组。",
        "第二阶段。7月20日，镇政府组织自查。",  # already past: rolled to next year, an event
        "二、工作要求",
        "8月20日，全县召开动员大会。",
        "三、会议日程",
        "8月21日，报到。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("第一阶段：镇政府成立集中整治领导小组", D(2021, 8, 20))
    ]


def test_a_case_handling_time_limit_is_no_task() -> None:
    """ "报告书14个工作日内、报告表7个工作日内完成审批": each application's limit, not a date
    counted from the document; one counted from the document, or any other verb, stays."""
    tasks = _tasks(
        "环评报告书14个工作日内、环评报告表7个工作日内完成审批。",
        "对群众来信，15日内予以答复。",
        "本通知印发后10个工作日内完成审批事项清理。",
        "各街道10个工作日内报送整改清单。",
        "请区住建局30日内出具整改意见。",  # an order addressed: a deadline
        "各部门要在20个工作日内办结本次督查交办的问题。",
    )
    assert [(t.line, t.expr) for t in tasks] == [
        (4, "本通知印发后10个工作日内"),
        (5, "10个工作日内"),
        (6, "30日内"),
        (7, "20个工作日内"),
    ]


def test_a_timeline_set_by_yi_governs_what_follows() -> None:
    """ "以9月15日为时间节点，倒排工作日程，完成各项任务": the date governs the work after it."""
    tasks = _tasks("以9月15日为时间节点，倒排工作日程，完成各项任务。")
    assert [(t.text, t.due) for t in tasks] == [("倒排工作日程，完成各项任务", D(2021, 9, 15))]


def test_the_size_of_a_work_stays_with_it() -> None:
    """ "…改造项目50个，约605万平方米，涉及居民6.2万户": one task, not three."""
    tasks = _tasks(
        "9月底前开工老旧小区改造项目50个，约605万平方米，涉及居民6.2万户。",
        "9月底前完成整改，约谈相关负责人。",  # 约谈 is a task of its own
    )
    assert [t.text for t in tasks] == [
        "9月底前开工老旧小区改造项目50个，约605万平方米，涉及居民6.2万户",
        "9月底前完成整改",
        "约谈相关负责人",
    ]


def test_contact_details_and_list_openers_are_no_work() -> None:
    """ "请于8月20日前报区创建办，联系电话：8271…": one task; "具体通知如下：" is none."""
    tasks = _tasks(
        "经研究，定于8月25日召开迎检工作会议，具体通知如下：",
        "请各单位于8月20日前将参会名单报区创建办，联系电话：82717780。",
    )
    assert [t.text for t in tasks] == [
        "定于8月25日召开迎检工作会议",
        "请各单位于8月20日前将参会名单报区创建办",
    ]


def test_a_plan_for_several_years_runs_its_recurring_reports_to_its_end() -> None:
    """A three-year plan (2021—2023年 in its title): quarterly reports run to 2023's end, not
    only the document's year; the end written in a sentence ("至2021年底") still bounds it and
    is no task of its own."""
    three_years = "关于印发某区营商环境三年行动方案（2021—2023年）的通知"
    tasks = _tasks("各责任单位每季度末报送一次工作进展。", title=three_years)
    assert [t.due for t in tasks] == [
        D(y, m, 30 if m in (6, 9) else 31) for y in (2021, 2022, 2023) for m in (3, 6, 9, 12)
    ][2:]  # from the document's date (2 August 2021)
    tasks = _tasks("各责任单位每季度末报送一次工作进展，至2021年底。", title=three_years)
    assert [(t.expr, t.due) for t in tasks] == [
        ("每季度末", D(2021, 9, 30)),
        ("每季度末", D(2021, 12, 31)),
    ]


def test_a_year_end_routine_named_is_no_task() -> None:
    """ "纳入年底效能目标考核体系", "实施年终一次性奖金制度": a routine of that time, named;
    "年底完成考核" and "年底前完成考核" are work to do by then."""
    tasks = _tasks(
        "将整改情况纳入年底效能目标考核体系。",
        "落实年终一次性奖金制度。",
        "各街道年底完成网格员考核。",
        "区人社局年底前完成绩效考核方案修订。",
        "各单位要在年底考核前完成整改。",  # a "by" word after the routine: a deadline
        "确保年底考核验收合格。",
    )
    end = D(2021, 12, 31)
    assert [(t.line, t.due) for t in tasks] == [(4, end), (5, end), (6, end), (7, end)]


def test_the_day_a_law_takes_effect_is_no_task() -> None:
    """A bare day in a clause about something taking effect dates that; a "by" day stays."""
    tasks = _tasks(
        "《某某条例》今年10月1日将正式施行，各单位要认真执行。",
        "9月20日前完成配套制度清理，确保条例按时施行。",
    )
    assert [(t.expr, t.due) for t in tasks] == [("9月20日前", D(2021, 9, 20))]


# 11. Meeting dates, publication times and past results are not tasks -------------------------
def test_dates_that_date_no_action() -> None:
    doc = _doc(
        "区长调度城东快速路建设",
        "发布时间：2021-08-02 10:20 来源：区政府办",
        "8月2日上午，区长主持召开专题会议，听取项目进展汇报。",
        "截至7月底，已完成投资5亿元，完成年度计划的60%。",
        "2021年1月1日至12月31日，困难企业可申请社保补贴。",
    )
    found = analyse(doc, AS_OF)
    assert found.tasks == []
    assert any(p.due == D(2021, 7, 31) for p in found.past), "past dates are kept as reports"


def test_a_past_date_in_an_owner_note_is_reported_not_dropped() -> None:
    """ "（3月底取得阶段性成效，牵头单位：…）" in an August document whose title plans for this
    year: past, listed as such."""
    doc = _doc(
        "标题",
        "1.推行电子证照应用。（3月底取得阶段性成效，牵头单位：区行政审批局）",
        "2.推行一网通办。（10月底完成，牵头单位：区政务服务中心）",
        title="2021年数字政府建设考评办法",
    )
    found = analyse(doc, AS_OF)
    assert [(t.due, t.named_lead) for t in found.tasks] == [(D(2021, 10, 31), ("区政务服务中心",))]
    assert [(p.expr, p.due) for p in found.past] == [("3月底", D(2021, 3, 31))]


def test_the_period_a_statistic_counts_is_no_deadline() -> None:
    """A sentence of measured results opened by its period (比上年同期增长, 排第N位) reports;
    the same period before an aim is a target."""
    tasks = _tasks(
        "四季度，全区完成规上工业增加值52.3亿元，比上年同期增长6.8%，增幅全市排第3位。",
        "第三季度，城镇新增就业2100人，同比增长4.2%。",
        "四季度，力争规上工业增加值同比增长8%以上。",
        "四季度，完成规上工业增加值55亿元。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("力争规上工业增加值同比增长8%以上", D(2021, 12, 31)),
        ("完成规上工业增加值55亿元", D(2021, 12, 31)),
    ]


def test_work_narrated_as_done_or_handed_over_on_a_day_is_a_report() -> None:
    """A sentence a day opens that narrates done work (进行了督查), and a day something was
    handed over on (于6月4日向我区交办的问题), are reports; a plan's day stays a task."""
    found = analyse(
        _doc(
            "标题",
            "8月2日至3日，县委督查办组成督查组，对主要目标任务落实情况进行了督查，现将有关情况通报如下。",
            "本次整改的对象，是市指挥部于6月4日向我区交办的问题清单。",
            "8月20日至25日，县委督查办将对重点工作进行督查。",
            "10月底前，各乡镇要对整改情况进行了解。",
        ),
        AS_OF,
    )
    assert [(t.due, t.text) for t in found.tasks] == [
        (D(2021, 8, 25), "县委督查办将对重点工作进行督查"),
        (D(2021, 10, 31), "各乡镇要对整改情况进行了解"),
    ]
    assert D(2021, 6, 4) in {p.due for p in found.past}, "the day handed over was this June"


def test_a_validity_period_is_no_deadline() -> None:
    tasks = _tasks(
        "本通知自2021年9月1日起施行，有效期至2023年8月31日。",
        "证书有效期内，持证单位于2021年12月31日前报送年度报告。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("持证单位于2021年12月31日前报送年度报告", D(2021, 12, 31))
    ]


def test_a_criterion_of_what_a_candidate_can_do_within_the_year_is_no_deadline() -> None:
    tasks = _tasks(
        "申报项目须切实可行，保证实事项目能够当年实施、当年完成、当年见效。",
        "城东污水厂力争当年开工、当年建成、当年投产。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("城东污水厂力争当年开工、当年建成、当年投产", D(2021, 12, 31))
    ]


def test_a_years_list_a_meeting_takes_up_is_no_list_of_tasks() -> None:
    paras = (
        "二、关于2022年民生实事项目",
        "会议原则同意《2022年民生实事项目（草案）》，请区政府办修改完善后提交区委常委会研究。",
        "三、2022年民生实事项目",
        "新建城市书房5处。",
    )
    assert [(t.text, t.due) for t in _tasks(*paras)] == [("新建城市书房5处", D(2022, 12, 31))]


def test_an_aim_at_a_periods_work_is_a_target_not_a_topic() -> None:
    """ "今年重点项目…" names the topic; after 确保/力争 with a target's verb in its clause it is
    this year's target ("确保今年重点项目完成投资80亿元以上")."""
    tasks = _tasks(
        "下一步将加大协调力度，确保今年重点项目完成投资80亿元以上，力争明年一季度新开工项目20个。",
        "今年重点项目建设总体顺利。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("下一步将加大协调力度，确保今年重点项目完成投资80亿元以上", D(2021, 12, 31)),
        ("下一步将加大协调力度，力争明年一季度新开工项目20个", D(2022, 3, 31)),
    ]


def test_review_mends_owner_sentences_headings_titles_purposes_and_narration() -> None:
    """A duty no body holds is no owner note; a section heading with an owner line under it
    stays a heading; a title 关于确定…实事 still names the year's list; a purpose (为确保今年
    的…) is no target; 检查了的企业 and 提出了整改要求 narrate nothing to do or only what was."""
    tasks = _tasks("10月底前完成安全生产大检查。主要领导要亲自负责。")
    assert [t.named_lead for t in tasks if t.due] == [()]
    tasks = _tasks(
        "一、背街小巷整治", "牵头单位：区城管局", "1.年底前完成加装电梯30部。", "2.完成道路修复。"
    )
    assert [(t.text, t.section) for t in tasks] == [("年底前完成加装电梯30部", "背街小巷整治")]
    listed = _tasks(
        "这2件实事分别为：一是新建城市书房3处；二是改造农贸市场2个。",
        title="某某县人民政府关于确定今年为民两件实事的通知",
    )
    assert {t.due for t in listed} == {D(2021, 12, 31)} and len(listed) == 2
    assert not _tasks("为确保今年的防汛工作万无一失，各街道要全面排查河道隐患。")
    tasks = _tasks(
        "9月20日至30日，区安委办组织开展回头看，对上半年检查了的企业逐一复查。",
        "8月2日至3日，县委督查办对重点工作进行了督查，并提出了整改要求。",
    )
    assert [(t.due, t.text) for t in tasks] == [
        (D(2021, 9, 30), "区安委办组织开展回头看，对上半年检查了的企业逐一复查")
    ]


# 12. Document dates: see tests/ingest/test_dates.py -----------------------------------------


# 13. Forms the resolver lacks, in a document -----------------------------------------------
@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("请于下周五前报送统计表。", D(2021, 8, 13)),
        ("请于25日前报送统计表。", D(2021, 8, 25)),
        ("请于1日前报送统计表。", D(2021, 9, 1)),
        ("9月初前报送统计表。", D(2021, 9, 10)),
        ("下季度末前报送统计表。", D(2021, 12, 31)),
        ("今明两年报送统计表。", D(2022, 12, 31)),
        ("力争2028年建成并交付。", D(2028, 12, 31)),
        ("2027年完成统计表改版。", D(2027, 12, 31)),
        # forms district notices write that the rule book has no line for (docs/DEADLINES.md)
        ("确保月内完成整改销号。", D(2021, 8, 31)),
        ("各街道于季度末前报送进度。", D(2021, 9, 30)),
        ("“七一”前完成党员信息核对。", D(2022, 6, 30)),
        ("八一前走访慰问退役军人。", D(2022, 7, 31)),  # this year's is past
        ("请于9月15前报送统计表。", D(2021, 9, 15)),
    ],
)
def test_resolver_forms_in_context(text: str, due: dt.date) -> None:
    tasks = _tasks(text)
    assert [t.due for t in tasks] == [due], [(t.text, t.expr) for t in tasks]


def test_a_year_heading_a_sentence_dates_its_months() -> None:
    tasks = _tasks("2022年起，每年2月底前各街道完成上年度考核，3月底前区考核办完成汇总分析。")
    assert _due(tasks, "汇总分析") == D(2022, 3, 31)
    assert min(t.due for t in tasks if "上年度考核" in t.text and t.due) == D(2022, 2, 28)


def test_a_plan_for_a_year_places_its_months_in_that_year() -> None:
    title = "关于印发《2022年全区重点工作安排》的通知"
    tasks = _tasks(
        "年底前完成立体停车场建设。3月底前完成前期手续。", as_of=D(2021, 12, 20), title=title
    )
    assert _due(tasks, "立体停车场") == D(2022, 12, 31)
    assert _due(tasks, "前期手续") == D(2022, 3, 31)
    same_year = _tasks("3月底前完成前期手续。", as_of=D(2022, 4, 14), title=title)
    assert same_year == [], "a milestone of the plan's year already past is not rolled to next year"


# A whole plan, written for these tests in the style of a district 行动方案 ------------------
PLAN = Path(__file__).resolve().parent / "data" / "documents" / "city_renewal_2027.txt"


def test_a_whole_plan_for_next_year() -> None:
    """Published on 28 December 2026 for 2027: every deadline lands in 2027, recurring ones
    run through 2027, owners come from its notes, nothing before the plan is a task."""
    from pipeline.ingest import ingest_file

    (doc,) = ingest_file(PLAN)
    assert (doc.published, doc.date_basis) == (D(2026, 12, 28), "text")
    tasks = extract(doc, doc.published)
    expect = {
        ("老旧小区改造", "方案编制"): D(2027, 1, 31),
        ("老旧小区改造", "全部开工"): D(2027, 3, 31),
        ("老旧小区改造", "全部验收"): D(2027, 12, 31),
        ("主次干道亮化提升",): D(2027, 2, 5),  # 春节前: the eve of 2027's Spring Festival
        ("排水管网疏通",): D(2027, 5, 31),  # 汛期前
        ("滨河路、建设路", "管线入地"): D(2027, 9, 30),
        ("停车设施专项规划", "报区政府审定后实施"): D(2027, 5, 31),
        ("联络员名单",): D(2027, 1, 12),  # 10 working days, provisional past 2026
    }
    for needles, due in expect.items():
        assert _due(tasks, *needles) == due, needles
    monthly = sorted(t.due for t in tasks if "上月整治情况" in t.text and t.due)
    assert monthly[0] == D(2027, 1, 10) and monthly[-1] == D(2027, 12, 10) and len(monthly) == 12
    quarterly = sorted(t.due for t in tasks if "联合检查" in t.text and t.due)
    assert quarterly == [D(2027, 3, 31), D(2027, 6, 30), D(2027, 9, 30), D(2027, 12, 31)]
    assert {t.named_lead for t in tasks if "全部开工" in t.text} == {("区住建局",)}
    assert {t.named_lead for t in tasks if "亮化提升" in t.text} == {("区城管局",)}
    assert all(t.due is None or t.due >= doc.published for t in tasks)
    assert "provisional" in next(t for t in tasks if "联络员名单" in t.text).flags


def test_a_weekday_noted_after_a_day_keeps_its_by_word() -> None:
    """ "8月10日（星期二）下班前报送" is a deadline; a noted weekday with no "by" word after it
    still dates an event or a holiday schedule, not a task."""
    tasks = _tasks(
        "请各单位于8月10日（星期二）上午下班前，将修改意见反馈至区防汛办。",
        "请各镇于8月13日(周五)前报送自查报告。",
        "请于8月27日（星期五）17:30前报送联系人名单，联系人：张三。",  # a clock time first
        "8月20日（星期五）上午9时在区政府三楼会议室召开推进会。",
        "9月18日（星期六）上班。",
    )
    assert _due(tasks, "修改意见") == D(2021, 8, 10)
    assert _due(tasks, "自查报告") == D(2021, 8, 13)
    assert _due(tasks, "联系人名单") == D(2021, 8, 27)
    assert not [t for t in tasks if t.due and ("推进会" in t.text or "上班" in t.text)]


def test_a_deadline_line_dates_the_item_above_it() -> None:
    """整改方案 write the deadline on a line of its own under the measures: "完成时限：…" dates
    the undated actions just above it (owned by an owner line among them); one already past
    when written dates nothing; the next section's work is not its item."""
    tasks = _tasks(
        "唐河沿岸有浮萍及垃圾。",
        "整改措施：对唐河开展打捞清理工作。",
        "整改实施主体：区住建局",
        "完成时限：2021年12月底",
    )
    (task,) = [t for t in tasks if "打捞" in t.text]
    assert (task.due, task.named_lead) == (D(2021, 12, 31), ("区住建局",))
    assert not [t for t in tasks if "浮萍" in t.text or t.text.startswith("完成时限")]
    past = _tasks("整改措施：建立河长巡河制度。", "整改时限：2021年6月底前")
    assert not [t for t in past if t.due]
    doc = _doc("标题", "整改措施：开展排污口排查。", "时间节点：10月底前")
    assert [t.due for t in extract(doc, AS_OF) if "排污口" in t.text] == [D(2021, 10, 31)]
    # a line saying the work starts now, or goes on after its date, still closes the item
    tasks = _tasks(
        "整改措施：全面清理专项资金，建立拨付台账。",
        "整改时限：立行立改，2021年11月底前完成。",
        "整改措施：建立意识形态工作责任清单。",
        "整改时限：2021年12月底前，长期坚持。",
    )
    assert [(t.text, t.due) for t in tasks] == [
        ("整改措施：全面清理专项资金，建立拨付台账", D(2021, 11, 30)),
        ("整改措施：建立意识形态工作责任清单", D(2021, 12, 31)),
    ]
    # a measure dated only by a recurring clause is still the item the line closes
    tasks = _tasks(
        "整改措施：（1）制定责任清单；（2）每季度专题研究一次。", "整改时限：2021年11月底前"
    )
    assert [(t.text, t.due) for t in tasks if not t.flags] == [
        ("整改措施：（1）制定责任清单；（2）每季度专题研究一次", D(2021, 11, 30))
    ]
    assert {t.due for t in tasks if "recurring" in t.flags} == {D(2021, 9, 30), D(2021, 12, 31)}


def test_a_label_before_a_head_deadline_is_no_action() -> None:
    """ "整改目标：2025年底前，污水收集率达到70%": the target is the task, not the label."""
    tasks = _tasks("整改目标：2025年12月31日前，城区生活污水集中收集率达到70%。")
    assert _due(tasks, "收集率达到70%") == D(2025, 12, 31)
    assert not [t for t in tasks if t.text.startswith("整改目标") and "收集率" not in t.text]
    listed = analyse(
        _doc("标题", "整改目标：2025年12月31日前，城区污水收集率达到70%。"), AS_OF, undated=True
    )
    assert not [t for t in listed.tasks if t.due is None]


def test_a_count_of_hours_is_each_cases_limit_unless_ordered() -> None:
    """ "货物抵达后48小时内放行" is a standing service limit; "请…48小时内完成核查" an order."""
    tasks = _tasks("请各镇于48小时内完成隐患核查。", "对符合条件的货物实行6小时内放行。")
    assert _due(tasks, "隐患核查") == D(2021, 8, 4)
    assert not [t for t in tasks if t.due and "放行" in t.text]


def test_a_year_before_a_plans_verb_is_its_target() -> None:
    """ "2022年计划投资2500万元再建…", "今年计划再建…": a plan for that year, due at its end;
    a plan named as a noun, an estimate or a comparison's base year dates nothing."""
    tasks = _tasks(
        "一是2022年计划投资2500万元再建27公里农村道路。",
        "今年计划再建3座农村污水处理站。",
        "今年计划执行情况总体良好。",
        "全年粮食产量比2020年计划增加5万吨。",
        "2022年预计达到3万吨。",
    )
    assert _due(tasks, "农村道路") == D(2022, 12, 31)
    assert _due(tasks, "污水处理站") == D(2021, 12, 31)
    assert not [t for t in tasks if t.due and ("执行情况" in t.text or "5万吨" in t.text)]
    assert not [t for t in tasks if t.due and "3万吨" in t.text]


def test_a_period_as_the_subject_is_no_deadline() -> None:
    """ "四季度是收官的关键季": the period is what the sentence is about; "12月底是整改的最后
    期限" keeps its 底, a "by" word."""
    tasks = _tasks(
        "四季度是收官收口、实现目标的关键季，各单位要抓紧推进。",
        "12月底是完成整改的最后期限。",
    )
    assert not [t for t in tasks if t.due and ("关键季" in t.text or "抓紧推进" in t.text)]
    assert _due(tasks, "最后期限") == D(2021, 12, 31)


def test_the_years_in_a_plans_name_date_nothing() -> None:
    """ "三年行动方案（2024—2026年）" names a plan; nor is its last year the year of the
    sentence's later periods ("…方案（2021—2023年），并于9月底前报送" is this September)."""
    tasks = _tasks("各镇要制定安全生产三年行动方案（2021—2023年），并于9月底前报送区应急局。")
    assert [t.due for t in tasks if t.due] == [D(2021, 9, 30)]
    assert "行动方案" in tasks[0].text and "报送" in tasks[0].text


def test_a_reports_object_is_no_reference_back() -> None:
    """ "各牽頭單位要于每月28日前將各項工作任務進展情況報送…" reports on all the work: the
    sentence before it is not its words; words that do join across a sentence keep its stop
    without a comma after it."""
    tasks = _tasks(
        "各相关单位要完善督导机制，加快工作进度。"
        "各牵头单位要于每月28日前将各项工作任务进展情况报送区政府督查室。",
        "区住建局负责老旧小区改造。以上工作要在10月底前完成。",
    )
    monthly = [t for t in tasks if "进展情况" in t.text]
    assert monthly and all(t.text.startswith("各牵头单位") for t in monthly)
    (summary,) = [t for t in tasks if "以上工作" in t.text]
    assert (
        summary.text.startswith("区住建局负责老旧小区改造。以上工作") and "。，" not in summary.text
    )


def test_a_public_notice_window_is_no_task() -> None:
    """ "请在公示期间（…至…）反映": the public's window to object, not an office's work."""
    tasks = _tasks("请在公示期间（2021年8月2日至2021年8月12日）通过来信来访等方式反映。")
    assert not [t for t in tasks if t.due]


def test_a_notice_about_a_system_is_no_rules() -> None:
    """ "关于进一步严格落实领导干部值班制度的通知" is a notice, not rules: its "10个工作日内" counts
    from it, and a noun naming a quarter (二季度值班表) dates nothing of its own."""
    tasks = _tasks(
        "请各单位于10个工作日内将二季度值班表报区政府办公室。",
        title="关于进一步严格落实领导干部值班制度的通知",
    )
    assert [t.due for t in tasks if t.due] == [D(2021, 8, 16)]


def test_review_of_this_sessions_rules() -> None:
    """The cases an adversarial review found against the rules above: each reads as a
    reader would."""
    doc = _doc(
        "标题",
        "整改措施：建立健全财务报销审核制度。",
        "完成时限：2021年3月底",  # past: a report that closes its item
        "整改措施：完善城区污水管网，精简审批环节。",
        "整改责任单位：县住建局",
        "整改措施：加强河道保洁。",
        "整改责任单位：县水利局",
        "整改时限：2021年12月底前",
        "定于8月18日（星期三）在区政府门前广场举行升旗仪式。",
        "请各单位严格落实值班制度，遇突发险情须在2小时内书面报告。",
        "开展夏季治安打击整治行动（8月—9月）。",
        "10月是完成整改的最后期限。",
    )
    tasks = extract(doc, AS_OF)
    due = {t.text: (t.due, t.named_lead) for t in tasks if t.due}
    assert due.get("整改措施：完善城区污水管网，精简审批环节") == (D(2021, 12, 31), ("县住建局",))
    assert due.get("整改措施：加强河道保洁") == (D(2021, 12, 31), ("县水利局",))
    assert not [t for t in tasks if t.due and ("财务报销" in t.text or "升旗" in t.text)]
    assert not [t for t in tasks if t.due and "书面报告" in t.text]
    assert _due(tasks, "治安打击") == D(2021, 9, 30)
    assert _due(tasks, "最后期限") == D(2021, 10, 31)
    # a year target before a verb keeps its year whatever 前 follows (前期, 提前)
    tasks = _tasks("力争2022年完成项目前期工作，2023年开工建设。")
    assert _due(tasks, "前期工作") == D(2022, 12, 31)


# News and progress pages ---------------------------------------------------------------------
def test_a_narrated_day_already_past_is_a_report_not_next_years() -> None:
    """ "项目于3月1日开工，目前主体已封顶" in a summer report: last spring's start, narrated; a
    plan's "计划于3月1日开工" and a "by" date in December still roll to next year."""
    june = D(2021, 6, 20)
    result = analyse(
        _doc(
            "标题",
            "县医院迁建项目于3月1日开工，目前主体结构已封顶，预计10月底前竣工。",
            "城南污水处理厂于5月10日完成设备安装。",
        ),
        june,
    )
    assert [(t.due, t.text) for t in result.tasks if t.due] == [
        (D(2021, 10, 31), "县医院迁建项目于3月1日开工，预计10月底前竣工")
    ]
    assert {p.due for p in result.past} == {D(2021, 3, 1), D(2021, 5, 10)}
    december = _tasks(
        "城东学校扩建项目计划于3月1日开工。", "3月1日前完成招标。", as_of=D(2021, 12, 6)
    )
    assert [t.due for t in december if t.due] == [D(2022, 3, 1), D(2022, 3, 1)]


def test_outcome_figure_and_status_clauses_are_no_tasks_of_a_head_deadline() -> None:
    """Under "年底前，…" a clause giving the work's outcome (届时…, 建成后…) or figures
    (该项目总投资…) belongs to the task before it; one stating how things stand (目前…,
    已…) is no work; one ordering after a status ("已经达到的要…") still is."""
    tasks = _tasks(
        "年底前，城北水厂二期建成通水，届时日供水能力将新增5万吨，该项目位于城北新区，总投资3.2亿元，"
        "目前已完成管网铺设，滨河公园改造完工。",
        "年内，各企业能耗指标已经达到的要继续巩固提升。",
        "2021年计划实施重点项目120个，截至7月底已开工85个。",
    )
    dated = [t.text for t in tasks if t.due]
    assert dated == [
        "城北水厂二期建成通水，届时日供水能力将新增5万吨，该项目位于城北新区，总投资3.2亿元",
        "滨河公园改造完工",
        "各企业能耗指标已经达到的要继续巩固提升",
        "2021年计划实施重点项目120个",
    ]


def test_a_period_naming_what_a_report_covers_is_no_deadline() -> None:
    """ "2021年6月份全县重点项目进度情况如下" names the month reported on; "6月份报送完成情况",
    "今年要重点检查…的情况" and "到2035年…取得新的重大进展" are work."""
    tasks = _tasks(
        "2021年8月份全县重点项目进度情况如下：",
        "二季度经济运行情况通报",
        "9月份报送完成情况。",
        "今年要重点检查各企业安全生产制度落实的情况。",
        "到2035年城乡融合发展取得新的重大进展。",
        "各单位要牢牢把握三季度特点，狠抓落实。",
    )
    assert not [t for t in tasks if t.due and ("进度情况如下" in t.text or "经济运行" in t.text)]
    assert not [t for t in tasks if t.due and "特点" in t.text]
    assert _due(tasks, "报送完成情况") == D(2021, 9, 30)
    assert _due(tasks, "重点检查") == D(2021, 12, 31)
    assert _due(tasks, "重大进展") == D(2035, 12, 31)


def test_dates_side_by_side_are_each_a_deadline() -> None:
    """ "于6月底和12月底前报送半年和全年工作总结", "3月底、6月底、9月底、12月底前报送": each
    date is a deadline of the clause (only the "by" one was kept); so is each of "8月底和9月
    上旬完成" (the earlier is the first reminder's date, none is lost)."""
    tasks = _tasks(
        "请各单位于9月底和12月底前报送半年和全年工作总结。",
        "各乡镇于9月底、10月底、11月底前报送工作进展情况。",
        "计划8月底和9月上旬完成道路硬化。",
    )
    assert sorted(t.due for t in tasks if "工作总结" in t.text) == [D(2021, 9, 30), D(2021, 12, 31)]
    assert sorted(t.due for t in tasks if "工作进展" in t.text) == [
        D(2021, 9, 30),
        D(2021, 10, 31),
        D(2021, 11, 30),
    ]
    assert sorted(t.due for t in tasks if "道路硬化" in t.text) == [D(2021, 8, 31), D(2021, 9, 10)]


def test_a_counted_summary_dates_the_items_it_counts() -> None:
    """ "这3项工程预计10月底前全部完成" after three items, in its paragraph or in the
    paragraphs above it ("上述3个项目力争11月底前全部竣工"): each item is a task of that
    deadline in its own words; when the count does not match, the summary stays one task."""
    tasks = _tasks(
        "今年实施的民生工程进展顺利。城东学校扩建工程完成主体施工；人民公园改造完成苗木栽植；"
        "老旧小区改造开工12个。这3项工程预计10月底前全部完成。",
        "一是北环路拓宽工程完成路基施工。",
        "二是体育馆维修完成屋面防水。",
        "三是新建停车场两处。",
        "上述3个项目力争11月底前全部竣工。",
        "一是西区菜市场改造。",
        "上述2个项目力争12月底前全部完成。",
    )
    assert [t.due for t in tasks if "进展顺利" in t.text and t.due] == []
    for item in ("城东学校", "人民公园", "老旧小区"):
        assert _due(tasks, item) == D(2021, 10, 31)
    for item in ("北环路", "体育馆", "停车场"):
        (task,) = [t for t in tasks if item in t.text]
        assert task.due == D(2021, 11, 30) and task.strength == "力争"
        assert "上述3个项目" in task.sentence
    assert _due(tasks, "上述2个项目") == D(2021, 12, 31)
    assert not [t for t in tasks if t.due and "西区菜市场" in t.text]
    one = _tasks("城区道路改造进展缓慢。只这一项今年就要在10月底前完成投资2亿元。")
    assert [t.text for t in one if t.due] == ["只这一项今年就要在10月底前完成投资2亿元"]


def test_autumn_term_start_is_a_season_read_whole() -> None:
    """ "秋季开学前，新建小学投入使用": a head deadline (it was a task of its own, the work
    undated); 明年秋季开学时 is next August's end."""
    tasks = _tasks("秋季开学前，新建小学投入使用。", "确保明年秋季开学时第二幼儿园投入使用。")
    assert _due(tasks, "新建小学") == D(2021, 8, 31)
    assert _due(tasks, "第二幼儿园") == D(2022, 8, 31)
    assert not [t for t in tasks if t.text == "秋季开学前"]


def test_items_of_a_years_list_of_undertakings_are_due_at_its_end() -> None:
    """Under a heading naming a list of the year's undertakings ("一、2021年县政府为民办实事
    项目"), or after one leading its paragraph ("2021年10件民生实事：A，B，C"), each item is
    due at that year's end; a review of such a list ("…完成情况") and a past year's list date
    nothing; "现将2021年…印发给你们" is no plan of that year."""
    doc = _doc(
        "标题",
        "现将2021年县政府为民办实事项目印发给你们，请认真组织实施。",
        "一、2021年县政府为民办实事项目",
        "1.新建城东幼儿园，新增学位360个。责任单位：县教育局。",
        "2.新建农村公路50公里。",
        "二、2020年为民办实事项目完成情况",
        "1.改造老旧小区12个。",
        "三、2020年为民办实事项目",
        "1.新建城西公园。",
        "四、其他事项",
        "20.2021年10件民生实事：加大就业创业支持力度，提高困难群众生活保障标准。",
    )
    tasks = extract(doc, AS_OF)
    dated = {t.text: t.due for t in tasks if t.due}
    assert dated == {
        "新建城东幼儿园，新增学位360个": D(2021, 12, 31),
        "新建农村公路50公里": D(2021, 12, 31),
        "加大就业创业支持力度": D(2021, 12, 31),
        "提高困难群众生活保障标准": D(2021, 12, 31),
    }
    (kindergarten,) = [t for t in tasks if "幼儿园" in t.text]
    assert kindergarten.named_lead == ("县教育局",)


def test_a_sequence_of_months_runs_in_one_year() -> None:
    """ "3月底前新建成2家；6月底前新建成2家；9月底前完成7家" in a July plan: the months already
    over are this year's milestones (past), not next year's; a December plan's "3月底前…；
    12月底前…" still puts 3月 next year (nothing later than December follows)."""
    result = analyse(
        _doc("标题", "社区养老驿站：3月底前新建成2家；6月底前新建成2家；9月底前完成7家建设任务。"),
        D(2022, 7, 14),
    )
    assert [t.due for t in result.tasks if t.due] == [D(2022, 9, 30)]
    assert {p.due for p in result.past} == {D(2022, 3, 31), D(2022, 6, 30)}
    quarters = analyse(
        _doc("标题", "一季度完成方案制定，二季度启动实施，四季度全面完成。"), D(2022, 7, 14)
    )
    assert [t.due for t in quarters.tasks if t.due] == [D(2022, 12, 31)]
    assert {p.due for p in quarters.past} == {D(2022, 3, 31), D(2022, 6, 30)}
    december = _tasks("3月底前完成A项目招标；12月底前完成C项目。", as_of=D(2022, 12, 5))
    assert [t.due for t in december if t.due] == [D(2023, 3, 31), D(2022, 12, 31)]


def test_a_list_items_number_run_into_its_month() -> None:
    """ "；2.8月底前职教中心竣工交付": the item's number, then August (it read 2.8 as a number
    and dated nothing); "增长12.8月" and "1.5个月内" are no such item."""
    tasks = _tasks(
        "重点项目：1.9月底前体育馆完工；2.10月底前职教中心竣工交付；3.11月底前幼儿园开园。"
    )
    assert _due(tasks, "体育馆") == D(2021, 9, 30)
    assert _due(tasks, "职教中心") == D(2021, 10, 31)
    assert _due(tasks, "幼儿园") == D(2021, 11, 30)


def test_dates_naming_a_meeting_a_noun_or_an_object_date_nothing() -> None:
    """A period in a convened meeting's name ("召开2021年第三季度行政工作例会", "召开2022年
    春节前…工作会议"), a recurring period before 的 ("每季度的形象进度"), and a year after
    要将 (将 takes an object) are no deadlines; the work ordered beside them still is."""
    tasks = _tasks(
        "8月10日，镇政府召开2021年第三季度行政工作例会。",
        "县政府召开2022年春节前保障农民工工资支付工作会议。",
        "明确每项任务的具体责任人和每季度的形象进度。",
        "区绩效考评机构要将2021年区政府工作报告确定的任务纳入考核。",
        "各责任单位要在9月底前报送自查报告。",
    )
    assert [t.text for t in tasks if t.due] == ["各责任单位要在9月底前报送自查报告"]


def test_an_actors_time_stops_at_another_office() -> None:
    """ "各单位要在每季度末将进展报区政府办公室，区政府办公室将全程跟踪督办": the office's own
    follow-up is no work of the units' deadline; "…，并抄送县财政局" still is."""
    tasks = _tasks(
        "各责任单位要在9月30日前将进展情况报区政府办公室，区政府办公室将全程跟踪督办。",
        "各乡镇要于10月底前完成自查，并抄送县财政局。",
    )
    dated = [t.text for t in tasks if t.due]
    assert dated == [
        "各责任单位要在9月30日前将进展情况报区政府办公室",
        "各乡镇要于10月底前完成自查，并抄送县财政局",
    ]


def test_a_bracket_spelling_out_a_series_is_no_task() -> None:
    """ "每季度末（分别在9月和12月底）报送": the bracket repeats the series' days."""
    tasks = _tasks("各单位每季度末（分别在9月和12月底）报送工作进展。")
    assert sorted({t.due for t in tasks if t.due}) == [D(2021, 9, 30), D(2021, 12, 31)]
    assert all("recurring" in t.flags for t in tasks if t.due)


def test_two_works_with_their_own_dates_in_one_clause() -> None:
    """ "确保仓储物流区明年7月份建成、商业引导区明年11月份建成": two dates with no "by" word,
    each its own work's: two deadlines (the second took the first's)."""
    tasks = _tasks("确保仓储物流区明年7月份建成、商业引导区明年11月份建成。")
    assert sorted(t.due for t in tasks if t.due) == [D(2022, 7, 31), D(2022, 11, 30)]


def test_a_past_inspections_findings_are_no_next_years_date() -> None:
    """ "结合5月4日督查中发现的问题" in December: the inspection already held."""
    result = analyse(
        _doc("标题", "此次督查重点结合5月4日督查中发现的问题，逐项核查整改情况。"), D(2021, 12, 6)
    )
    assert not [t for t in result.tasks if t.due]
    assert [p.due for p in result.past] == [D(2021, 5, 4)]


def test_a_phase_heading_on_its_own_line_dates_the_work_under_it() -> None:
    """ "（二）集中整治阶段（8月-9月）" on a line of its own, the work on the next lines: each
    is due at the phase's end (they came out undated, the heading as a task of its own); a
    report date inside the phase dates the report only."""
    tasks = _tasks(
        "（一）动员部署阶段（8月）",
        "各乡镇制定具体实施方案。",
        "（二）集中整治阶段（8月-9月）",
        "各乡镇开展集中检查，对发现的问题建立台账，并分别于8月底和9月底报送阶段性报告。",
        "（三）督查阶段（10月-11月）",
        "县领导小组对各乡镇开展督查。",
    )
    assert not [t for t in tasks if "阶段（" in t.text]
    assert _due(tasks, "实施方案") == D(2021, 8, 31)
    assert _due(tasks, "集中检查") == D(2021, 9, 30)
    assert sorted(t.due for t in tasks if "阶段性报告" in t.text) == [
        D(2021, 8, 31),
        D(2021, 9, 30),
    ]
    assert _due(tasks, "开展督查") == D(2021, 11, 30)


def test_dates_shared_out_are_each_a_deadline() -> None:
    """ "请分别于12月20日和明年1月5日以前送交": 分别 before the dates shares them out too (it
    read them as one range, or kept only the "by" one)."""
    tasks = _tasks("总结报告和工作思路请分别于12月20日和明年1月5日以前送交区政府办公室。")
    assert sorted(t.due for t in tasks if t.due) == [D(2021, 12, 20), D(2022, 1, 5)]


def test_how_often_and_the_years_figures() -> None:
    """ "每季评选优秀个人" is quarterly (每季 was not read, the clause took the monthly series
    before it); "一月一对账一销号" is once a month, no January; "全年街道计划完成清淤13条河道"
    is this year's target; "全年完成情况" names a report; "会上" ends a meeting's name."""
    tasks = _tasks(
        "每月评选优秀单位，每季评选优秀个人。",
        "实行“一月一对账一销号”制度。",
        "全年街道计划完成清淤13条河道。",
        "区政府督查室将对各单位的全年完成情况进行通报。",
        "记者从8月2日召开的全市第三季度安全生产会上获悉。",
    )
    quarterly = [t for t in tasks if "优秀个人" in t.text]
    assert quarterly and quarterly[0].due == D(2021, 9, 30)
    assert _due(tasks, "清淤") == D(2021, 12, 31)
    assert not [t for t in tasks if t.due and ("对账" in t.text or "通报" in t.text)]
    assert not [t for t in tasks if t.due and "安全生产会" in t.text]


def test_a_weather_forecasts_day_is_no_deadline() -> None:
    """ "据气象预报，11月2日本地区有雨": the rain's day; the harvest before it is the task."""
    tasks = _tasks("据气象预报，9月2日本地区有雨，各乡镇要赶在9月2日雨前全面完成秋收。")
    assert [t.text for t in tasks if t.due] == ["各乡镇要赶在9月2日雨前全面完成秋收"]


def test_carrying_out_a_past_meetings_spirit_is_no_next_years_date() -> None:
    """ "贯彻落实2月17日全省…会议精神" in a December notice: the meeting was held."""
    result = analyse(
        _doc("标题", "各单位要认真贯彻落实2月17日全省安全生产工作会议精神，于12月20日前报送方案。"),
        D(2021, 12, 6),
    )
    assert [t.due for t in result.tasks if t.due] == [D(2021, 12, 20)]
    assert [p.due for p in result.past] == [D(2021, 2, 17)]


def test_review_of_the_news_page_rules() -> None:
    """What an adversarial review found against the rules for news and progress pages: each
    reads as a supervision office would."""
    dec = D(2021, 12, 1)
    tasks = _tasks(
        "县政府召开了专题会议，明确3月底完成项目签约。",  # the done word is another clause's
        "各乡镇于1月20日将摸底汇总表报县农业农村局。",  # an order to the addressees
        "目前，该项目已完成立项和环评批复，3月底开工建设。",
        "项目申报截止时间为1月15日。",
        as_of=dec,
    )
    assert _due(tasks, "项目签约") == D(2022, 3, 31)
    assert _due(tasks, "摸底汇总表") == D(2022, 1, 20)
    assert _due(tasks, "开工建设") == D(2022, 3, 31)
    assert _due(tasks, "申报截止") == D(2022, 1, 15)
    may = D(2021, 5, 10)
    tasks = _tasks(
        "各单位要于6月底前完成自查整改，按照县政府办要求报送整改报告。",
        "年底前，全面完成老旧小区改造任务，已开工的加快施工进度。",
        "10月底前，目前尚未完成整改的企业一律停产整顿。",
        "6月底建立问题整改台账。",
        "各单位每季度的最后一个月20日前报送季度统计数据。",
        "各乡镇要组织村干部参加9月底前县里举办的业务培训会议。",
        "确保春季开学前完成校舍维修加固。",
        "各乡镇每月10日前（首次报送时间为7月20日前）报送工作进展。",
        "以“12月底主体封顶，争取明年6月30日全面交付使用”作为工期要求。",
        as_of=may,
    )
    assert _due(tasks, "整改报告") == D(2021, 6, 30)
    assert _due(tasks, "已开工的加快施工进度") == D(2021, 12, 31)
    assert _due(tasks, "停产整顿") == D(2021, 10, 31)
    assert _due(tasks, "整改台账") == D(2021, 6, 30)
    quarterly = sorted(t.due for t in tasks if "统计数据" in t.text)
    assert quarterly == [D(2021, 6, 20), D(2021, 9, 20), D(2021, 12, 20)]
    assert _due(tasks, "业务培训") == D(2021, 9, 30)
    assert not [t for t in tasks if "校舍" in t.text and t.due]  # 春季开学 is not August's
    assert D(2021, 7, 20) in {t.due for t in tasks if "工作进展" in t.text}
    assert sorted(t.due for t in tasks if "交付使用" in t.text) == [
        D(2021, 12, 31),
        D(2022, 6, 30),
    ]


def test_review_of_sequences_summaries_and_lists() -> None:
    """A plan's final milestone written before this year's steps stays next year's; a
    counted summary skips an item already done; a list being solicited or reported done is
    no list of promises; an item closed by an owner note is no heading."""
    sep = D(2021, 9, 10)
    tasks = _tasks(
        "该项目计划4月底前建成投用。为确保工期，10月底前完成主体结构封顶，12月底前完成外立面装修。",
        as_of=sep,
    )
    assert _due(tasks, "建成投用") == D(2022, 4, 30)
    tasks = _tasks(
        "城西学校项目完成主体施工。",
        "城北水厂项目完成管网铺设。",
        "县交通局新建城乡公交站亭50个，已全部完工。",
        "人民公园改造完成苗木栽植。",
        "上述3个项目力争11月底前全部竣工。",
        as_of=sep,
    )
    dated = {t.text for t in tasks if t.due == D(2021, 11, 30)}
    assert dated == {
        "城西学校项目完成主体施工",
        "城北水厂项目完成管网铺设",
        "人民公园改造完成苗木栽植",
    }
    doc = _doc(
        "标题",
        "一、2022年民生实事项目征集范围",
        "教育、医疗卫生、养老服务等领域群众普遍关心的实际问题。",
        "二、2021年县政府十件民生实事全面完成",
        "新建城东幼儿园1所。",
        "三、2021年县政府为民办实事项目",
        "1.新建城西幼儿园1所，新增学位360个。（责任单位：县教育局）",
        "2.新建农村公路50公里。",
    )
    dated = {t.text: t for t in extract(doc, D(2021, 3, 1)) if t.due}
    assert set(dated) == {"新建城西幼儿园1所，新增学位360个", "新建农村公路50公里"}
    assert dated["新建城西幼儿园1所，新增学位360个"].named_lead == ("县教育局",)
    assert dated["新建农村公路50公里"].named_lead == ()


def test_a_years_list_named_in_the_title_dates_the_items_its_lead_opens() -> None:
    """Under a title naming this year's list ("…确定今年为民十件实事"), a paragraph opening
    "这3件实事分别为：一是…；二是…；三是…" lists the items (one per ；), each due at the year's
    end; an item with a date of its own keeps it."""
    doc = _doc(
        "标题",
        "近日，我县确定了今年努力办好的为民三件实事。",
        "这3件实事分别为：一是实施水源地环境综合整治，建设第二水源地；二是改造老旧小区12个；"
        "三是推进薄弱学校改造工程，9月底前完工。",
        title="我县确定今年为民三件实事",
    )
    dated = {t.text: t.due for t in extract(doc, AS_OF) if t.due}
    assert dated == {  # (the sentence naming the list joins its lead: leads.back_leads)
        "一是实施水源地环境综合整治，建设第二水源地": D(2021, 12, 31),
        "二是改造老旧小区12个": D(2021, 12, 31),
        "三是推进薄弱学校改造工程，9月底前完工": D(2021, 9, 30),
    }
    other = _doc("标题", "这3件实事分别为：一是改造老旧小区12个；二是新建公园。", title="会议纪要")
    assert not [t for t in extract(other, AS_OF) if t.due]


def test_third_survey_classes() -> None:
    """District office pages: the month 当月 refers back to; 2017年年底 as context; a meeting's
    slot; a public notice's time label; periods naming a report, a motto or work that will miss
    its date; a case's window under a condition; a week counted from each occurrence; clauses
    that only continue an order."""
    tasks = _tasks(
        "必须在10月15日前全面完成问题整改，确保当月下旬接受省级检查验收。",
        "各单位分别于9月27日、12月30日前将前三季度、全年的自查情况报送县政府办。",
        "严格遵循“年初公布、年中检查、年底兑现、接受监督”的原则。",
        "对于年底前无法完成年度任务的工作，牵头单位要形成书面材料。",
        "如发现不属于本单位承办的，要说明原因在3个工作日内报县政府办。",
        "每周五对下周工作进行提前部署，列出工作责任清单上报镇党委。",
        "本月内各县市区要全面完成并备查，不得随意调整。",
        "2021年9月4日上午9:00—11:00，在区管委会三楼会议室召开座谈会。",
    )
    assert _due(tasks, "省级检查验收") == D(2021, 10, 31)  # 当月: October, not August
    assert sorted(t.due for t in tasks if "自查情况" in t.text) == [
        D(2021, 9, 27),
        D(2021, 12, 30),
    ]
    assert not [t for t in tasks if t.due and ("原则" in t.text or "书面材料" in t.text)]
    assert not [t for t in tasks if t.due and ("说明原因" in t.text or "座谈会" in t.text)]
    weekly = [t for t in tasks if "提前部署" in t.text]
    assert weekly and all("recurring" in t.flags for t in weekly)
    assert not [t for t in tasks if t.text.startswith(("列出", "不得"))]
    assert _due(tasks, "不得随意调整") == D(2021, 8, 31)
    notice = _tasks("公示时间：2021年8月13日至2021年8月19日，共7天。")
    assert not [t for t in notice if t.due]
    december = _tasks(
        "对于2021年年底前无法完成的8项工作，牵头单位要形成书面材料，于1月8日前报送。",
        as_of=D(2021, 12, 29),
    )
    assert _due(december, "书面材料") == D(2022, 1, 8)


def test_the_months_so_far_and_projects_of_a_quarter() -> None:
    """ "1-6月份…进展情况" in July is the year so far; "2022年一季度开工项目" names projects;
    "三季度开工项目12个", "确保上半年新开工项目达到30个以上" are targets; a notice's purpose
    before "通知如下：" keeps its date (it may be the only overall one)."""
    result = analyse(
        _doc(
            "标题",
            "为确保在今年10月底前全面完成整改任务，现就有关事项通知如下：",
            "会议听取了各副县长1-6月份“六重清单”进展情况的汇报。",
            "调度2022年一季度开工项目前期办理情况。",
            "三季度开工项目12个。",
            "确保下半年新开工项目达到30个以上。",
        ),
        D(2021, 8, 2),
    )
    dated = {t.text: t.due for t in result.tasks if t.due}
    assert dated == {
        "为确保在今年10月底前全面完成整改任务": D(2021, 10, 31),
        "三季度开工项目12个": D(2021, 9, 30),
        "确保下半年新开工项目达到30个以上": D(2021, 12, 31),
    }
    assert D(2021, 6, 30) in {p.due for p in result.past}
    # a January–March campaign in a November plan is next year's, not the year so far
    winter = _tasks("1—3月，集中开展农村人居环境冬春整治行动。", as_of=D(2021, 11, 20))
    assert _due(winter, "冬春整治") == D(2022, 3, 31)


def test_second_review_of_this_sessions_rules() -> None:
    """Cases a second review found against the rules above: each reads as a supervision
    office would."""
    may = D(2021, 5, 10)
    tasks = _tasks(
        "对于本次督查发现的问题，各责任单位要在15个工作日内整改到位。",  # 对于: a topic
        "若干问题的处理意见请各单位在5个工作日内反馈。",
        "2021年年底前全面完成整改，其中6月底前完成50%。",  # a year's end: that year
        "请各单位于6月底前及时上报存在的问题和整改措施。",  # no list of periods
        "每月5日前报送上月工作情况，本月20日前完成专项整治。",
        "请县气象局于5月30日报送今年汛期气候趋势预测报告。",  # an order, no forecast
        "按照“6月底前开工、9月底前主体完工、年底前投入使用”的要求推进医院建设。",
        "各县区要在三季度观摩前完成项目展示点建设。",
        "确保上半年新开工项目达到30个以上。",
        "报送时间：请于6月30日前将材料报送至区督查室。",
        as_of=may,
    )
    assert _due(tasks, "整改到位") == D(2021, 5, 31)
    assert _due(tasks, "处理意见") == D(2021, 5, 17)
    assert _due(tasks, "完成50%") == D(2021, 6, 30)
    assert _due(tasks, "及时上报") == D(2021, 6, 30)
    assert _due(tasks, "专项整治") == D(2021, 5, 20)
    assert _due(tasks, "预测报告") == D(2021, 5, 30)
    assert sorted(t.due for t in tasks if "医院建设" in t.text) == [
        D(2021, 6, 30),
        D(2021, 9, 30),
        D(2021, 12, 31),
    ]
    assert _due(tasks, "展示点") == D(2021, 9, 30)
    assert _due(tasks, "新开工项目") == D(2021, 6, 30)
    assert _due(tasks, "材料报送") == D(2021, 6, 30)
    weekly = _tasks("每周一在党委会上对本周工作清单进行研究，并在本周内认真落实。", as_of=may)
    assert weekly and all("recurring" in t.flags for t in weekly if t.due)
    none = _tasks(
        "6月30日和9月30日，县政府将分别对各乡镇进行督查考核。",  # the county's own visits
        "全年改造老旧小区30个，新建公园5处，圆满完成年度目标任务。",  # a year's results
        "认真梳理上半年未按期开工的重点项目存在的问题。",  # the projects that missed it
        "已将村综合服务中心建设纳入年度考核，年终严格考核。",  # the office's own routine
        as_of=may,
    )
    assert not [t for t in none if t.due]
    june = analyse(_doc("标题", "各乡镇于3月10日全面完成了摸底排查工作。"), D(2021, 6, 10))
    assert not [t for t in june.tasks if t.due] and [p.due for p in june.past] == [D(2021, 3, 10)]
    sep = _tasks("针对8月份督查发现的问题，各单位要在当月底前整改到位。", as_of=D(2021, 9, 5))
    assert _due(sep, "整改到位") == D(2021, 9, 30)
    done = _doc("标题", "今年十件民生实事：新建城东幼儿园，改造老旧小区12个，目前均已完成。")
    assert not [t for t in extract(done, D(2021, 12, 20)) if t.due]
    listed = _doc(
        "标题",
        "这3件实事分别为：一是改造老旧小区12个；二是新建公园；三是新建停车场。",
        title="我县确定今年为民三件实事",
    )
    everything = analyse(listed, AS_OF, undated=True).tasks  # parse --all keeps their dates
    assert len([t for t in everything if t.due == D(2021, 12, 31)]) == 3
