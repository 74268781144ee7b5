"""Classes of failure left by the reviews of rounds eighteen and nineteen, and found in the
held-out rounds twenty to twenty-three, with examples written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.extract import extract
from pipeline.ingest import ingest_file
from tests.test_extract_heldout import _dated, _tasks
from tests.test_extract_review18 import _dated as _file_dated

D = dt.date


def test_a_bare_time_column_beside_an_owner_column_is_the_deadline(tmp_path: Path) -> None:
    """ "序号 | 时间 | 工作内容 | 责任单位": the time column dates each row's work."""
    text = (
        "关于印发老旧小区改造工作安排的通知\n"
        "| 序号 | 时间 | 工作内容 | 责任单位 |\n"
        "| --- | --- | --- | --- |\n"
        "| 1 | 4月底前 | 完成辖区老旧小区摸底调查 | 区住建局 |\n"
        "| 2 | 6月15日前 | 制定改造方案报区政府审定 | 区住建局 |\n"
        "| 3 | 7月—10月 | 组织项目施工 | 各街道办事处 |\n"
    )
    assert _file_dated(tmp_path, text, D(2027, 3, 10)) == [
        ("完成辖区老旧小区摸底调查", D(2027, 4, 30)),
        ("制定改造方案报区政府审定", D(2027, 6, 15)),
        ("组织项目施工", D(2027, 10, 31)),
    ]


def test_a_lead_naming_projects_or_big_things_dates_its_items() -> None:
    """ "2027年，区政府将重点推进以下项目：" and "今年要办好以下几件大事：" lead their items."""
    projects = _tasks(
        "2027年，区政府将重点推进以下项目：",
        "一是新建城东污水处理厂，日处理规模2万吨；",
        "二是改造城区燃气管网30公里。",
        as_of=D(2027, 2, 20),
    )
    assert [due for _, due in _dated(projects)] == [D(2027, 12, 31)] * 2
    assert any("城东污水处理厂" in t for t, _ in _dated(projects))
    things = _tasks(
        "今年要集中力量办好以下几件大事：",
        "（一）完成老城区雨污分流改造。",
        "（二）新增公办幼儿园学位600个。",
        as_of=D(2027, 2, 20),
    )
    dated = _dated(things)
    assert [due for _, due in dated] == [D(2027, 12, 31)] * 2
    assert any("雨污分流" in t for t, _ in dated) and any("学位600个" in t for t, _ in dated)
    # what the lead counts as done is no list of work
    done = _tasks(
        "2026年，区政府完成了以下项目：", "一是新建城东污水处理厂。", as_of=D(2027, 2, 20)
    )
    assert _dated(done) == []


def test_a_lead_telling_the_past_under_a_targets_heading_ends_its_targets() -> None:
    """ "二、2027年工作目标" then "一年来，我们主要做了以下工作：" and numbered items: what
    was done, not this year's targets; without that lead, the items are the year's."""
    told = _tasks(
        "二、2027年工作目标",
        "一年来，我们主要做了以下工作：",
        "1.完成城区道路改造12条。",
        "2.新建学校3所。",
        as_of=D(2027, 1, 20),
    )
    assert _dated(told) == []
    targets = _tasks(
        "二、2027年工作目标", "1.完成城区道路改造12条。", "2.新建学校3所。", as_of=D(2027, 1, 20)
    )
    assert [due for _, due in _dated(targets)] == [D(2027, 12, 31)] * 2


def test_a_flattened_table_with_a_bare_time_column_reads_its_dates(tmp_path: Path) -> None:
    """A table copied one cell per line ("序号 / 工作任务 / 负责部门 / 时间进度 / 1 / …"): the
    time column after the owner column is the deadline, and cells stay in their columns."""
    cells = ["序号", "工作任务", "负责部门", "时间进度"]
    cells += ["1", "编制城区公厕布局规划", "市城管局、市住建局", "2027 年底前"]
    cells += ["2", "推进垃圾分类示范小区建设", "市城管局,各区政府", "2027—2028 年底前"]
    cells += ["3", "加强环卫作业监管", "市城管局", "常态工作"]
    text = "关于印发城市环境卫生工作任务分解表的通知\n" + "\n|\n".join(cells) + "\n"
    dated = _file_dated(tmp_path, text, D(2027, 4, 30))
    assert dated == [
        ("编制城区公厕布局规划", D(2027, 12, 31)),
        ("推进垃圾分类示范小区建设", D(2028, 12, 31)),
    ]


def test_a_year_before_success_in_creating_is_a_target() -> None:
    """ "力争实现2028年成功创建全国文明城市的目标": the year the creation is aimed at."""
    tasks = _tasks(
        "全市将在补齐短板上下功夫，力争实现2028年成功创建全国文明城市的目标。", as_of=D(2027, 2, 22)
    )
    assert _dated(tasks) == [("力争实现2028年成功创建全国文明城市的目标", D(2028, 12, 31))]
    # a rate is no creation
    assert _dated(_tasks("2028年成功率达到95%以上的企业给予奖励。", as_of=D(2027, 2, 22))) == []


def test_a_year_after_a_colon_heads_the_list_after_it() -> None:
    """ "…的主要目标是：到2029年，A；B；C": the year governs each target, the lead is no task."""
    tasks = _tasks(
        "据了解，我县推进农村人居环境整治的主要目标是：到2029年，全县农村生活垃圾得到有效治理；"
        "中心村生活污水处理设施全覆盖；基本完成农户卫生厕所改造。围绕这一目标，县里成立了领导小组。",
        as_of=D(2027, 7, 24),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2029, 12, 31)] * 3, dated
    assert [t for t, _ in dated] == [
        "全县农村生活垃圾得到有效治理",
        "中心村生活污水处理设施全覆盖",
        "基本完成农户卫生厕所改造",
    ]


def test_a_year_heading_a_paragraph_under_a_goals_heading_is_its_targets_year() -> None:
    """ "二、工作目标" over "2027年，全县水质持续改善，…。机制初步建立；…": that year's targets,
    in the paragraph's later sentences too."""
    tasks = _tasks(
        "二、工作目标",
        "2027年，全县河流水质持续改善，确保集中式饮用水水源地水质达标率达到100%。"
        "河流生态流量保障机制初步建立；城市黑臭水体全部消除。",
        "三、工作任务",
        "1.开展河道清淤。",
        as_of=D(2027, 4, 9),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2027, 12, 31)] * 2, dated
    assert "达标率达到100%" in dated[0][0] and "黑臭水体全部消除" in dated[1][0]
    # a year telling what was done there is no target
    told = _tasks("二、工作目标", "2026年，全县完成了河道清淤任务。", as_of=D(2027, 4, 9))
    assert _dated(told) == []


def test_a_subheading_after_a_numbered_headings_body_nests_under_it() -> None:
    """ "二、工作目标" / its body / "地表水" / "2028年，…": the unnumbered subject heading is
    part of the goals section, so its year paragraphs are that section's targets."""
    tasks = _tasks(
        "二、工作目标",
        "确保2029年全县主要河流水质达到功能区标准要求。",
        "地表水",
        "2028年，全县河流在上年基础上保持稳定不退化。",
        "2029年，全县河流水质进一步改善。",
        as_of=D(2027, 6, 30),
    )
    dated = _dated(tasks)
    assert ("全县河流在上年基础上保持稳定不退化", D(2028, 12, 31)) in dated, dated
    assert ("全县河流水质进一步改善", D(2029, 12, 31)) in dated, dated


def test_an_event_day_work_starts_from_is_no_deadline() -> None:
    """ "以7月30日创建…动员会为起点": the day of a past event, not next July's deadline; "以9月30日
    为节点，完成…" stays one."""
    started = _tasks(
        "全市以7月30日创建全国文明城市动员会为起点，全力投入创建攻坚战。", as_of=D(2027, 8, 18)
    )
    assert _dated(started) == []
    node = _tasks("各乡镇要以9月30日为节点，完成全部整改。", as_of=D(2027, 8, 18))
    assert [due for _, due in _dated(node)] == [D(2027, 9, 30)]


def test_a_quoted_speech_of_sentences_is_cut_like_text() -> None:
    """ "“…3月1日前务必完成…；4月1日前开工率达到100%（…）；一季度…达到30%。”负责人说": each
    segment of a quoted speech (longer than a name) is its own task, not the whole quote under
    every date."""
    tasks = _tasks(
        "“各县要抓紧项目前期工作，3月1日前务必完成中央和省提前下达的衔接资金项目招标工作；"
        "4月1日前开工率达到100%（海拔4000米以上的地区5月20日前）；一季度资金支出进度达到30%。”"
        "县乡村振兴局负责人说。",
        as_of=D(2027, 2, 10),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [
        D(2027, 3, 1),
        D(2027, 4, 1),
        D(2027, 5, 20),
        D(2027, 3, 31),
    ]
    assert "开工率" not in dated[0][0] and "招标" not in dated[3][0]
    assert not any(t.startswith("“") for t, _ in dated)


def test_a_past_year_qualifying_projects_is_no_year_of_later_periods() -> None:
    """ "促进去年签约项目早开工，…力争年内…取得突破": 年内 is this year's, not last year's."""
    tasks = _tasks(
        "要倒排时间，促进去年签约项目早开工，力争年内在百亿元以上大项目上取得突破。",
        as_of=D(2027, 2, 3),
    )
    assert [due for _, due in _dated(tasks)] == [D(2027, 12, 31)]
    assert "取得突破" in _dated(tasks)[0][0]


def test_a_period_naming_which_items_is_no_deadline() -> None:
    """ "对9月至12月期间签约的…项目，给予表扬": the period says which projects."""
    tasks = _tasks(
        "对2027年9月至12月期间签约的投资超5亿元的项目，给予通报表扬。", as_of=D(2027, 9, 1)
    )
    assert _dated(tasks) == []


def test_a_notices_list_of_problems_takes_the_date_set_for_putting_them_right(
    tmp_path: Path,
) -> None:
    """A 督查通知单: "请各单位对存在的问题立即进行整改，并于6月10日前将问题整改完成" and an
    attachment "存在问题：" listing numbered problems with their owners: each problem is a task
    due that day, for its owner; the order itself is one task (立即…，并于…前…)."""
    text = (
        "关于城区市容环境检查情况的整改通知\n"
        "各街道办事处、区住建局、区执法局：\n"
        "6月1日，区政府督查室对城区市容环境进行了检查，共梳理出3条问题，"
        "请各单位对存在的问题立即进行整改，并于6月10日前将问题整改完成，整改情况报区政府督查室。\n"
        "附件：存在问题\n"
        "区政府督查室\n"
        "2027年6月3日\n"
        "存在问题：\n"
        "1.人民路农贸市场北侧垃圾堆放。（责任单位：东城街道）\n"
        "2.建设路与文化路交叉口路面破损。（责任单位：区住建局）\n"
        "3.滨河公园东门广告牌破损（责任单位：区执法局）\n"
    )
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = ingest_file(path, as_of=D(2027, 6, 3))
    tasks = [t for t in extract(doc, D(2027, 6, 3)) if t.due is not None]
    by_text = {t.text: t for t in tasks}
    assert "请各单位对存在的问题立即进行整改，并于6月10日前将问题整改完成" in by_text, list(by_text)
    assert by_text["整改情况报区政府督查室"].due == D(2027, 6, 10)  # the report by then too
    problems = [t for t in tasks if "整改：" in t.text]
    assert [t.due for t in problems] == [D(2027, 6, 10)] * 3, [t.text for t in problems]
    assert [t.named_lead for t in problems] == [("东城街道",), ("区住建局",), ("区执法局",)]
    assert "广告牌破损" in problems[2].text
    # without a date set for putting the problems right, the list dates nothing
    undated = text.replace("，并于6月10日前将问题整改完成", "")
    assert not any("整改：" in t for t, _ in _file_dated(tmp_path, undated, D(2027, 6, 3)))


def test_a_window_under_its_own_time_heading_is_its_deadline() -> None:
    """ "二、年检时间" over "…通道开通时间：年检时间为3月8日至6月8日，逾期不予受理。": the window's
    end is the deadline (a window is no page's publication time, and the line names its label)."""
    for line in (
        "年检时间为2027年3月8日至6月8日，逾期不予受理。",
        "线上填报通道开通时间：年检时间为2027年3月8日至6月8日，逾期不予受理。",
    ):
        tasks = _tasks("二、年检时间", line, as_of=D(2027, 3, 18))
        assert [due for _, due in _dated(tasks)] == [D(2027, 6, 8)], line


def test_a_lead_referring_back_to_the_years_undertakings_dates_its_numbered_items() -> None:
    """ "…会上确定2028年县委县政府为民兴办10件实事。" then "这十件实事是：1.…。2.…，…。3.…":
    each numbered item is one task of that year, whatever its verb."""
    for paras in (
        (
            "1月18日，县人代会召开第五次会议。会上确定2028年县委县政府为民兴办10件实事。",
            "这十件实事是：1.新修高标准农田8万亩。2.引入社会资金2亿元，建成九年制学校1所。"
            "3.改造农村危旧房1200户。",
        ),
        (
            "1月18日，县人代会召开第五次会议。会上确定2028年县委县政府为民兴办10件实事。"
            "这十件实事是：1.新修高标准农田8万亩。2.引入社会资金2亿元，建成九年制学校1所。"
            "3.改造农村危旧房1200户。",
        ),
    ):
        dated = _dated(_tasks(*paras, as_of=D(2028, 1, 20)))
        assert dated == [
            ("新修高标准农田8万亩", D(2028, 12, 31)),
            ("引入社会资金2亿元，建成九年制学校1所", D(2028, 12, 31)),
            ("改造农村危旧房1200户", D(2028, 12, 31)),
        ], dated


def test_a_year_far_before_its_list_of_undertakings_in_one_sentence_still_names_it() -> None:
    """ "2028年，全县继续把为群众办实事作为…出发点和落脚点，更加注重…，在落实好…实事的同时，
    将集中力量办好十件民生实事。这十件民生实事分别是：A；B": the sentence's year is the list's."""
    tasks = _tasks(
        "1月12日，记者从县人代会上了解到，2028年，全县继续把为人民群众办实事、办好事作为政府工作"
        "的出发点和落脚点，更加注重保障和改善民生，在落实好省市政府确定的惠民实事的同时，将集中"
        "力量办好十件民生实事。这十件民生实事分别是：完成城南路3.4公里道路拓宽改造工程；"
        "改造农村危旧房2000户。",
        as_of=D(2028, 1, 12),
    )
    assert [due for _, due in _dated(tasks)] == [D(2028, 12, 31)] * 2, _dated(tasks)


def test_a_copied_table_with_unnamed_columns_and_a_year_work_column(tmp_path: Path) -> None:
    """A traditional-script table copied one cell per line, each closed by "|": 序號 | 項目名稱 |
    建設地點 | 2028年建設內容 | 年度投資 （萬元） | 責任單位. The columns with no role are
    skipped, the work column's year dates each row, and its owner is the row's office."""
    cells = ["序號", "項目名稱", "建設地點", "2028年建設內容", "年度投資 （萬元）", "責任單位"]
    cells += ["1", "城北小學門前道路項目", "紙坊街道", "建成唐塔北路延伸段道路。", "300", "住建局"]
    cells += ["2", "老舊小區改造項目", "洋州街道", "實施西苑小區房屋功能改善。", "1360", "住建局"]
    text = (
        "關于印發2028年十大民生實事項目的通知\n附件：\n" + "\n".join(c + " |" for c in cells) + "\n"
    )
    dated = _file_dated(tmp_path, text, D(2028, 4, 2))
    assert [due for _, due in dated] == [D(2028, 12, 31)] * 2, dated
    assert "唐塔北路延伸段" in dated[0][0] and "西苑小區" in dated[1][0]


def test_numbered_items_under_a_heading_naming_the_years_task_list_are_that_years() -> None:
    """ "2028年县政府工作报告任务清单" / "一、县开发区管委会牵头工作（3项）" / "1.…" / "2.建设…。推动
    …": each item is due at that year's end, a run-in item's sentences too; a heading of the
    year's key work (no list) dates nothing."""
    paras = (
        "2028年县政府工作报告任务清单",
        "一、县开发区管委会牵头工作（3项）",
        "1.投资3000万元建设对虾工厂化循环水养殖基地。",
        "2.建设3个劳动密集型产业园。推动精密电子30条生产线投产。",
    )
    dated = _dated(_tasks(*paras, as_of=D(2028, 5, 18)))
    assert [due for _, due in dated] == [D(2028, 12, 31)] * 2, dated
    assert "养殖基地" in dated[0][0] and "30条生产线投产" in dated[1][0]
    work = _tasks("二、2028年重点工作", "1.推动精密电子产业集聚发展。", as_of=D(2028, 5, 18))
    assert _dated(work) == []


def test_this_year_heading_a_sentence_of_plans_dated_within_it_governs_its_other_parts() -> None:
    """ "今年，…水库将在年内开工建设；…，年内建成…；规划建设…；投资…建成公租房510套": 今年 is
    the plan's year, and a part dated 年内 (the same day) does not end its reach."""
    tasks = _tasks(
        "今年，全县总投资13亿元的城北水库将在年内开工建设；市民文化中心年内建成主体框架；"
        "规划建设体育主题公园；投资5300万元建成公租房510套。",
        as_of=D(2028, 1, 22),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2028, 12, 31)] * 4, dated
    assert dated[3][0] == "投资5300万元建成公租房510套"
    # a topic year with no date of the year after it stays a topic
    told = _tasks("今年，全县承担的民生工程有12项，涉及教育、医疗等领域。", as_of=D(2028, 1, 22))
    assert _dated(told) == []


def test_a_requirement_with_its_date_takes_the_work_before_it_as_its_subject() -> None:
    """ "…实施集中专项治理，要求在春节前全部清零": 要求 opens the dated clause like 要, so the work
    before it names the task."""
    tasks = _tasks(
        "县里对欠薪问题实施集中专项治理，要求在2028年春节前全部清零。", as_of=D(2027, 12, 15)
    )
    dated = _dated(tasks)
    assert len(dated) == 1 and "集中专项治理" in dated[0][0] and "全部清零" in dated[0][0], dated


def test_a_second_date_after_a_subjects_first_keeps_that_subject() -> None:
    """ "其他房屋于6月底前基本完成排查，到2029年底前基本完成整治": both are that subject's; not a
    manner before the first date ("可以提前在今年完成")."""
    tasks = _tasks(
        "其他房屋于2028年6月底前基本完成排查，到2029年12月底前基本完成整治。", as_of=D(2028, 1, 6)
    )
    assert _dated(tasks) == [
        ("其他房屋于2028年6月底前基本完成排查", D(2028, 6, 30)),
        ("其他房屋，到2029年12月底前基本完成整治", D(2029, 12, 31)),
    ]
    manner = _tasks(
        "该线路原计划明年修通，可以提前在今年完成，年内还将继续铺轨240公里。", as_of=D(2028, 1, 6)
    )
    assert not any(t.startswith("可以提前") and "铺轨" in t for t, _ in _dated(manner))


def test_a_recurring_period_naming_a_system_is_no_series() -> None:
    """ "建立…每周报送制", "实行每月通报制度和每季度考核机制": a system set up, not a weekly or
    monthly deadline; "每月5日前报送" still is one."""
    assert (
        _dated(
            _tasks(
                "建立倒排工期制、责任分解制和每周报送制，确保项目按期完成。", as_of=D(2028, 4, 25)
            )
        )
        == []
    )
    assert _dated(_tasks("实行每月通报制度和每季度考核机制。", as_of=D(2028, 4, 25))) == []
    monthly = _dated(_tasks("各乡镇每月5日前报送上月进展情况。", as_of=D(2028, 4, 25)))
    assert monthly and monthly[0][1] == D(2028, 5, 5), monthly


def test_the_start_of_work_ending_this_year_is_this_years() -> None:
    """ "工程自5月中旬开工，9月底完工" in September: the start is past (May), not next May's task."""
    tasks = _tasks("工程自5月中旬开工，9月底完工。", as_of=D(2028, 9, 28))
    assert [due for _, due in _dated(tasks)] == [D(2028, 9, 30)]


def test_a_schedule_label_before_a_date_leaves_the_work_after_it() -> None:
    """ "时间安排是今年4月30日前，召开…工作会，培训…；7月30日前，完成…": the label says only when;
    the work after it is the task, not "时间安排是…前"."""
    tasks = _tasks(
        "时间安排是今年4月30日前，召开全县统计规范化建设工作会，培训乡镇统计业务；7月30日前，完成统计站标准化建设。",
        as_of=D(2028, 4, 20),
    )
    dated = _dated(tasks)
    assert not any(t.startswith("时间安排") for t, _ in dated), dated
    assert ("召开全县统计规范化建设工作会", D(2028, 4, 30)) in dated
    assert ("完成统计站标准化建设", D(2028, 7, 30)) in dated


def test_dang_nian_is_the_year_named_before_it() -> None:
    """ "2027年，我县重点工程共30项，当年计划投资63亿元" read in January 2028: 当年 is 2027, a
    figure of the past year, not this year's target; alone it is the document's year."""
    told = _tasks(
        "2027年，我县重点工程共30项，总投资519亿元，当年计划投资63亿元。", as_of=D(2028, 1, 21)
    )
    assert _dated(told) == []
    alone = _tasks("各项目要确保当年完成投资计划。", as_of=D(2028, 1, 21))
    assert [due for _, due in _dated(alone)] == [D(2028, 12, 31)]


def test_a_year_after_a_targets_colon_heads_the_targets() -> None:
    """ "…的工作目标是：2028年，新建5G基站500个；行政村5G通达率达到80%": no 到, still the year."""
    tasks = _tasks(
        "全县5G网络建设的工作目标是：2028年，新建5G基站500个；行政村5G通达率达到80%。",
        as_of=D(2028, 3, 1),
    )
    assert _dated(tasks) == [
        ("新建5G基站500个", D(2028, 12, 31)),
        ("行政村5G通达率达到80%", D(2028, 12, 31)),
    ]


def test_years_of_success_aimed_at_after_a_lead_each_date_their_clause() -> None:
    """ "力争2028年成功创建省级…，2030年成功创建国家级…": each year its own aim; "2028年，我县成功
    入选…" in a year-end report tells the year; a coverage rate is no target verb (覆盖率为58%)."""
    aims = _tasks(
        "力争2028年成功创建省级全域旅游示范区，2030年成功创建国家级全域旅游示范区。",
        as_of=D(2028, 3, 1),
    )
    assert [due for _, due in _dated(aims)] == [D(2028, 12, 31), D(2030, 12, 31)]
    told = _tasks(
        "2028年，我县成功入选全国示范县，成功创建省级食品安全示范县。", as_of=D(2028, 12, 20)
    )
    assert _dated(told) == []
    rate = _tasks("2028年，全县森林覆盖率为58%。", as_of=D(2028, 3, 1))
    assert _dated(rate) == []


def test_a_sentence_telling_a_body_was_set_up_ends_a_paragraphs_year() -> None:
    """ "到2030年，…；…。围绕这一目标，县里专门成立了工作专班。": told (成立了), no 2030 task."""
    tasks = _tasks(
        "到2030年，年接待游客突破1000万人次；旅游综合收入达到100亿元。围绕这一目标，县里专门成立了工作专班。",
        as_of=D(2028, 3, 1),
    )
    assert [t for t, _ in _dated(tasks)] == ["年接待游客突破1000万人次", "旅游综合收入达到100亿元"]


def test_years_heading_the_segments_of_a_plans_list_each_date_theirs() -> None:
    """ "《方案》计划，2028年，安排完成清洁取暖2万户；2029年，安排完成…，清洁取暖率达到100%":
    each year heads its segment, after a plan's words."""
    tasks = _tasks(
        "《方案》计划，2028年，安排完成清洁取暖23434户；2029年，安排完成清洁取暖22500户，主城区清洁取暖率达到100%。",
        as_of=D(2028, 2, 13),
    )
    assert [due for _, due in _dated(tasks)] == [D(2028, 12, 31), D(2029, 12, 31), D(2029, 12, 31)]


def test_a_month_in_a_progress_report_on_this_year_is_this_years(tmp_path: Path) -> None:
    """A page "2028年1-7月份…工作进展情况" posted on 1 August, its title among the metadata lines:
    "7月份，…目标任务是：开工率达到60%以上" is July just reported, not next July's target."""
    text = (
        "当前位置是：首页 >> 公开 >> 正文\n索引号 1438/2028-0453 发布机构 市住建局\n公开目录 安居工程 发布日期 2028/08/01\n"
        "文号 公开方式 主动公开\n标题 2028年1-7月份全市老旧小区改造工作进展情况\n"
        "7月份，老旧小区改造目标任务是：项目开工率达到60%以上；6月底，项目开工率均已完成100%。\n"
    )
    assert _file_dated(tmp_path, text, D(2028, 8, 1)) == []


def test_an_intro_naming_the_year_under_a_targets_heading_keeps_its_items_dated() -> None:
    """ "一、2028年主要预期目标" / "2028年全区…主要预期目标如下：" / "1.…": the intro names the
    year, it tells nothing done, so the items stay the year's targets."""
    tasks = _tasks(
        "一、2028年主要预期目标",
        "2028年全区经济社会发展主要预期目标如下：",
        "1.地区生产总值增长6%。",
        "2.新建学校3所。",
        as_of=D(2028, 1, 20),
    )
    assert [due for _, due in _dated(tasks)] == [D(2028, 12, 31)] * 2
