"""Classes of failure found in the held-out round twenty-four (working days and holidays,
work reports and yearly plans, sector notices), with examples written for these tests."""

from __future__ import annotations

import datetime as dt

from tests.test_extract_heldout import _dated, _tasks

D = dt.date


def test_each_phase_of_a_schedule_of_named_phases_is_a_task() -> None:
    """ "…：8月31日以前为动员部署阶段；9月1日至20日为入户核查、信息比对实施阶段；9月21日至
    10月10日为复核公示和汇总上报阶段。": each phase is due at its end, however long its name."""
    tasks = _tasks(
        "今年普查登记工作分三个阶段组织实施：8月31日以前为动员部署阶段；"
        "9月1日至20日为入户核查、信息比对实施阶段；9月21日至10月10日为复核公示和汇总上报阶段。",
        as_of=D(2027, 7, 5),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2027, 8, 31), D(2027, 9, 20), D(2027, 10, 10)]
    assert "信息比对实施阶段" in dated[1][0]


def test_a_phase_named_after_its_time_is_no_description_of_the_period() -> None:
    """ "9月1日至20日，为入户登记阶段；…" names a phase of the work (due at its end); "从现在到
    2029年，…将是…的高发期" describes a period and dates no work."""
    phases = _tasks(
        "9月1日至20日，为入户登记阶段；9月21日至30日，为审核汇总阶段。",
        "从现在到2029年，随着城市更新推进，将是安全事故的易发期。",
        as_of=D(2027, 8, 25),
    )
    dated = _dated(phases)
    assert [due for _, due in dated] == [D(2027, 9, 20), D(2027, 9, 30)]
    assert "入户登记阶段" in dated[0][0] and "审核汇总阶段" in dated[1][0]


def test_a_time_label_naming_work_is_no_page_time() -> None:
    """ "集中办理时间：即日起至…" and "迁坟时间：…" date work; "发布时间：" and a bare "时间："
    before a day are a page's."""
    tasks = _tasks(
        "集中办理时间：即日起至2027年12月31日，已网上登记的青年到所在镇武装部现场确认。",
        "二、迁坟时间：自2027年4月5日起至5月4日17:00止。",
        "发布时间：2027-03-20",
        "时间：2027年3月20日",
        as_of=D(2027, 3, 20),
    )
    dated = _dated(tasks)
    assert any("集中办理时间" in t and due == D(2027, 12, 31) for t, due in dated)
    assert any("迁坟时间" in t and due == D(2027, 5, 4) for t, due in dated)
    assert all(due != D(2027, 3, 20) for _, due in dated)


def test_a_phase_named_before_its_work_goes_with_that_work() -> None:
    """ "7月3日至8月18日为自行清理阶段，由…自行清理": the phase's name is part of its task."""
    tasks = _tasks(
        "清理期限：7月3日至8月18日为自行清理阶段，由墓主亲属办理手续后自行清理；"
        "8月19日至8月31日为集中清理阶段，由镇政府组织集中清理。",
        as_of=D(2027, 7, 1),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2027, 8, 18), D(2027, 8, 31)]
    assert "自行清理阶段" in dated[0][0] and "由墓主亲属" in dated[0][0]
    assert "集中清理阶段" in dated[1][0] and "自行清理阶段" not in dated[1][0]


def test_a_notice_naming_itself_without_ben_anchors_its_days() -> None:
    """ "自公告发布之日起十五日内" counts from this notice, as "自本公告发布之日起" does."""
    tasks = _dated(
        _tasks(
            "自公告发布之日起十五日内，请范围内的坟主亲属到所在村委会办理迁坟登记手续。",
            as_of=D(2027, 4, 1),
        )
    )
    assert tasks == [("请范围内的坟主亲属到所在村委会办理迁坟登记手续", D(2027, 4, 16))]


def test_a_time_heading_in_traditional_script_labels_the_dates_under_it() -> None:
    """ "二、遷墳時間" over a line of dates reads as "遷墳時間：…", as its simplified form does."""
    tasks = _dated(
        _tasks("二、遷墳時間", "2027年4月1日至5月31日", "三、遷墳要求", as_of=D(2027, 4, 1))
    )
    assert tasks == [("遷墳時間：2027年4月1日至5月31日", D(2027, 5, 31))]


def test_a_news_opening_ends_the_reach_of_a_paragraphs_head_date() -> None:
    """ "到今年年底，…将扩大。近日，督查组来到…": the visit is told, not due by year end."""
    tasks = _dated(
        _tasks(
            "到今年年底，城区污水处理能力将扩大一倍。近日，市督查组来到城西，督查重点任务落实情况。",
            as_of=D(2027, 10, 11),
        )
    )
    assert [t for t, _ in tasks] == ["城区污水处理能力将扩大一倍"]


def test_a_plans_first_year_is_not_its_end() -> None:
    """ "在“十四五”开局之年启动实施" is early in the plan; "“十四五”末" is its end."""
    told = _dated(
        _tasks(
            "移民搬迁是我市在“十四五”开局之年启动实施的重大民生工程，各部门做了大量工作。",
            as_of=D(2023, 2, 16),
        )
    )
    assert told == []
    ordered = _dated(_tasks("要确保“十四五”末全面完成改造任务。", as_of=D(2023, 2, 16)))
    assert [due for _, due in ordered] == [D(2025, 12, 31)]


def test_a_month_opening_a_scene_dates_nothing_but_a_phases_work_keeps_it() -> None:
    """ "5月，槐花飘香，…又到了一年中最忙的时节" opens a scene; "5月，全面完成夏粮收购" and a
    phase's "8月，各乡镇制定…方案" are work."""
    scene = _tasks(
        "5月，槐花飘香，田野里一片繁忙景象，又到了一年中最忙的时节。", as_of=D(2027, 5, 6)
    )
    assert _dated(scene) == []
    work = _dated(
        _tasks("5月，全面完成夏粮收购。", "8月，各乡镇制定整治方案。", as_of=D(2027, 5, 6))
    )
    assert [due for _, due in work] == [D(2027, 5, 31), D(2027, 8, 31)]


def test_a_year_after_news_heard_heads_its_plan() -> None:
    """ "据了解，2027年全县计划完成固定资产投资30亿元": the year of a plan, as at a sentence's
    head; "据统计，2026年全县完成…" tells a result."""
    tasks = _dated(
        _tasks(
            "据了解，2027年全县计划完成固定资产投资30亿元，同比增长8%。",
            "据统计，2026年全县完成固定资产投资27亿元。",
            as_of=D(2027, 4, 20),
        )
    )
    assert tasks == [("2027年全县计划完成固定资产投资30亿元", D(2027, 12, 31))]


def test_a_year_before_a_comma_and_its_targets_colon_dates_them() -> None:
    """ "2027年，全县招商引资目标任务是：全年引进60个产业项目，…" lists that year's targets."""
    tasks = _dated(
        _tasks(
            "2027年，全县招商引资目标任务是：全年引进60个产业项目，到位资金40亿元以上。"
            "目前已签约项目21个。",
            as_of=D(2027, 5, 10),
        )
    )
    assert tasks and all(due == D(2027, 12, 31) for _, due in tasks)
    assert any("引进60个产业项目" in t for t, _ in tasks)
    assert not any("已签约" in t for t, _ in tasks)


def test_this_year_before_a_subject_and_its_order_is_a_target() -> None:
    """ "今年，开发区将实现新增签约项目12个，洽谈项目30个的目标" and "今年城东片区项目一期要完成
    主体结构" are this year's targets (one task for the figures of one target); "今年我县承担的
    项目12个" names a topic."""
    tasks = _dated(
        _tasks(
            "今年，开发区将实现新增签约项目12个，洽谈项目30个，储备项目80个的目标任务。",
            "今年城东片区项目一期要完成主体结构，二期要完成基础工程。",
            "今年我县承担的省重点项目12个，总投资56亿元。",
            as_of=D(2027, 3, 1),
        )
    )
    texts = [t for t, due in tasks if due == D(2027, 12, 31)]
    assert len(tasks) == len(texts) == 3, tasks
    assert "洽谈项目30个" in texts[0] and "储备项目80个" in texts[0]
    assert "一期要完成主体结构" in texts[1] and "二期要完成基础工程" in texts[2]


def test_a_forecast_of_completing_the_years_targets_is_a_task() -> None:
    """ "预计到12月底能够圆满完成下达的目标任务": a schedule's forecast, as 预计…可以建成."""
    tasks = _dated(_tasks("预计到12月底能够圆满完成市下达的目标任务。", as_of=D(2027, 11, 20)))
    assert tasks == [("预计到12月底能够圆满完成市下达的目标任务", D(2027, 12, 31))]


def test_a_monthly_showcase_is_no_monthly_task() -> None:
    """ "列入每月亮晒的进度", "每月亮点" name a showcase; "每月开展督查" recurs."""
    tasks = _tasks("要细化每项目标、每月亮点。", "每月开展一次督查。", as_of=D(2027, 1, 5))
    dated = _dated(tasks)
    assert dated and all("督查" in t for t, _ in dated)


def test_a_quarter_just_ended_heading_its_figures_is_told() -> None:
    """ "第一季度，外出招商考察9次" a week after the quarter: its figures, not next year's; a
    quarter ahead ("三季度，完成投资5亿元") or one named with a plan's word stays a target."""
    tasks = _dated(
        _tasks(
            "第一季度，外出招商考察9次，其中主要领导外出考察3次。第一季度到位资金1.2亿元。",
            "三季度，完成投资5亿元。",
            as_of=D(2027, 4, 8),
        )
    )
    assert tasks == [("完成投资5亿元", D(2027, 9, 30))]


def test_as_of_now_pauses_a_head_date() -> None:
    """ "年底前，完成道路改造，截至目前，已完成路基…": how things stand, until 还要 orders again."""
    tasks = _dated(
        _tasks(
            "年底前，完成道路改造，截至目前，12个项目在推进中，还要完成绿化。", as_of=D(2027, 9, 1)
        )
    )
    assert [t for t, _ in tasks] == ["完成道路改造", "还要完成绿化"]


def test_a_heating_season_named_by_two_years_is_no_deadline() -> None:
    """ "2026年-2027年供暖期已临近" names a season; "2027年6月至8月完成管网改造" is a range."""
    tasks = _dated(
        _tasks(
            "2026年-2027年供暖期已临近，各供热单位要做好准备。",
            "2027年6月至8月完成管网改造。",
            as_of=D(2026, 10, 20),
        )
    )
    assert tasks == [("2027年6月至8月完成管网改造", D(2027, 8, 31))]


def test_going_into_service_with_no_subject_goes_with_the_work_before_it() -> None:
    """ "年底前完成调试，正式运营" is one task; "年底前，大桥通车，体育馆开馆" two."""
    one = _dated(_tasks("年底前完成调试，正式运营。", as_of=D(2027, 10, 11)))
    assert one == [("年底前完成调试，正式运营", D(2027, 12, 31))]
    two = _dated(_tasks("年底前，城南大桥通车，体育馆开馆。", as_of=D(2027, 10, 11)))
    assert [t for t, _ in two] == ["城南大桥通车", "体育馆开馆"]


def test_a_windows_label_keeps_its_steps_in_one_task() -> None:
    """ "集中办理时间：即日起至12月31日，…可携带…，到…确认" is one task with its steps; a work
    window's label ("报名时间：…，符合条件的人员可到…报名") is no policy window; a policy's span
    ("2028年1月1日至12月31日，困难企业可申请缓缴…") still is."""
    tasks = _dated(
        _tasks(
            "集中办理时间：即日起至2027年12月31日，登记青年可以携带身份证，到所在镇武装部现场确认。",
            "报名时间：2027年12月1日至15日，符合条件的人员可到各乡镇武装部报名。",
            "2028年1月1日至12月31日，困难企业可申请缓缴社会保险费。",
            as_of=D(2027, 11, 20),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 12, 31), D(2027, 12, 15)]
    assert "到所在镇武装部现场确认" in tasks[0][0] and tasks[0][0].startswith("集中办理时间")
    assert tasks[1][0].startswith("报名时间")


def test_a_phase_heading_with_no_work_under_it_is_a_task_of_its_own() -> None:
    """ "（一）宣传动员阶段（3月31日前）" over "（二）…" at once: the phase is due at its end;
    with its work under it, the heading dates that work and is no task."""
    bare = _tasks(
        "一、整治时间",
        "（一）宣传动员阶段（2027年3月31日前）",
        "（二）集中整治阶段（2027年4月1日-5月31日）",
        "（三）巩固提升阶段（长期）",
        "二、整治范围",
        "城区主次干道。",
        as_of=D(2027, 3, 10),
    )
    dated = _dated(bare)
    assert [due for _, due in dated] == [D(2027, 3, 31), D(2027, 5, 31)]
    assert "宣传动员阶段" in dated[0][0] and "集中整治阶段" in dated[1][0]
    worked = _dated(
        _tasks("（一）宣传动员阶段（2027年3月31日前）", "各村制定整治方案。", as_of=D(2027, 3, 10))
    )
    assert worked == [("宣传动员阶段：各村制定整治方案", D(2027, 3, 31))]


def test_a_labels_word_tells_a_work_window_from_an_events_time() -> None:
    """A label naming work dates its window ("报名时间：…" on a line of its own, "迁坟时间："); an
    event's or a page's label does not ("演练时间：…", "座谈会时间：…", "发布时间：…"), unless a
    "by" word follows ("活动时间：7月31日前")."""
    tasks = _dated(
        _tasks(
            "报名时间：2027年6月1日至15日",
            "演练时间：2027年6月5日上午9:00。各乡镇要组织群众积极参与。",
            "座谈会时间：2027年6月10日下午3:00。",
            "发布时间：2027年5月25日",
            "活动时间：7月31日前。",
            as_of=D(2027, 5, 25),
        )
    )
    assert tasks == [
        ("报名时间：2027年6月1日至15日", D(2027, 6, 15)),
        ("活动时间：7月31日前", D(2027, 7, 31)),
    ]


def test_a_document_or_notice_posted_anchors_its_days() -> None:
    """ "自文件印发之日起30日内", "自通告张贴之日起7日内": counted from this document."""
    tasks = _dated(
        _tasks(
            "请各单位自文件印发之日起30日内完成自查。",
            "请沿街商户自通告张贴之日起7日内自行拆除。",
            as_of=D(2027, 5, 25),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 6, 24), D(2027, 6, 1)]


def test_a_news_opening_naming_a_person_in_charge_still_tells() -> None:
    """ "昨天，县水利局负责人带队检查": 负责人 is a person, no assignment; 连日来 opens news too."""
    tasks = _dated(
        _tasks(
            "到今年年底，城区污水处理能力将扩大一倍。昨天，县水利局负责人带队检查汛后工程。"
            "连日来，县住建局主要负责人带队督查。",
            as_of=D(2027, 10, 11),
        )
    )
    assert [t for t, _ in tasks] == ["城区污水处理能力将扩大一倍"]


def test_a_plans_first_years_date_their_targets_and_its_later_years_end_their_reach() -> None:
    """ "“十五五”前两年的投资规模要…，后三年再…": the first two years end in 2027; the later
    years are not dated by them."""
    tasks = _dated(
        _tasks(
            "“十五五”前两年的固定资产投资规模要大体维持在2025年的水平，后三年再适当增加一些。",
            as_of=D(2026, 3, 25),
        )
    )
    assert tasks == [("“十五五”前两年的固定资产投资规模要大体维持在2025年的水平", D(2027, 12, 31))]


def test_targets_stated_after_a_years_head_share_its_year() -> None:
    """ "…，到2029年，有效解决…问题。全面实现农村供水县域统管。…普及率达到98%。": each stated
    target is that year's; a comment ("实现这个目标是完全可能的") or an order after it is not."""
    tasks = _dated(
        _tasks(
            "围绕水源、水厂、管网开展专项行动，到2029年，有效解决干旱年份农村缺水问题。"
            "全面实现农村供水县域统管。城乡供水一体化率达到85%，农村自来水普及率达到98%。"
            "实现这个目标是完全可能的。",
            as_of=D(2027, 5, 21),
        )
    )
    texts = [t for t, due in tasks if due == D(2029, 12, 31)]
    assert len(texts) == len(tasks) == 3, tasks
    assert "县域统管" in texts[1] and "一体化率达到85%" in texts[2]


def test_a_sites_footer_names_no_owner() -> None:
    """ "主办单位：XX电子报 2027 COPYRIGHT" under the last item is the page's, not its owner."""
    from pipeline.owners import owner_only

    assert owner_only("主办单位：秀水电子报 2027 COPYRIGHT") is None
    assert owner_only("主办单位：县住建局") == (("县住建局",), ())


def test_an_object_with_its_dates_takes_the_verb_after_them() -> None:
    """ "将…完成情况于4月8日、7月8日前，经…审定后报送至区政府督查室": each date's task holds the
    verb and where to report."""
    tasks = _dated(
        _tasks(
            "同时，将各季度完成情况于4月8日、7月8日前，经主要负责人审定后报送至区政府督查室。",
            as_of=D(2027, 1, 6),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 4, 8), D(2027, 7, 8)]
    assert all("报送至区政府督查室" in t for t, _ in tasks), tasks


def test_this_year_before_an_adverb_and_its_order_is_a_target() -> None:
    """ "今年还将新建…", "今年也要完成…", "今年更将导入…" as "今年将…"."""
    tasks = _dated(
        _tasks(
            "今年还将新建污水管网10公里。",
            "今年也要完成农村改厕500户。",
            "今年更将导入智慧防灾系统。",
            as_of=D(2027, 1, 31),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 12, 31)] * 3


def test_a_projects_name_before_its_status_report_goes_with_its_forecast() -> None:
    """ "2026年9月开工的城东路工程，已完成管道敷设，路面铺设，具备通车条件，预计8月底前竣工
    投用": the project, not the report's tail, is what is due."""
    tasks = _dated(
        _tasks(
            "2026年9月开工的城东路、滨河路工程，已完成雨水、污水管道敷设，路基路面、人行道铺设，"
            "具备通车条件，预计8月底前全面竣工投用。",
            as_of=D(2027, 8, 16),
        )
    )
    assert tasks == [("2026年9月开工的城东路、滨河路工程，预计8月底前全面竣工投用", D(2027, 8, 31))]


def test_a_hoped_for_completion_is_a_forecast_and_its_handover_goes_with_it() -> None:
    """ "工程有望年内建成通车" forecasts as 预计 does; "计划…前完成整个项目，交付投用" is one task."""
    tasks = _dated(
        _tasks(
            "快速推进路面施工，工程有望年内建成通车。",
            "项目负责人表示，计划2028年年底前完成整个项目，交付投用。",
            as_of=D(2027, 10, 9),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 12, 31), D(2028, 12, 31)]
    assert "有望年内建成通车" in tasks[0][0] and "交付投用" in tasks[1][0]


def test_news_heard_after_a_space_still_heads_the_years_plan() -> None:
    """ "…40亿元。 据了解，2027年，全市将新改扩建城市道路20条": the year at the head."""
    tasks = _dated(
        _tasks(
            "全市计划完成投资40亿元。 据了解，2027年，全市将新改扩建城市道路20条。",
            as_of=D(2027, 3, 25),
        )
    )
    assert any("城市道路20条" in t and due == D(2027, 12, 31) for t, due in tasks), tasks


def test_the_others_after_a_status_report_name_the_forecasts_work() -> None:
    """ "…已完成5座，其他桥梁维修工作正在进行，预计12月10日前全面完成": the others are due."""
    tasks = _dated(
        _tasks(
            "截至目前，计划维修加固的10座桥已完成5座，其他桥梁维修工作正在进行，"
            "预计12月10日前全面完成。",
            as_of=D(2027, 12, 2),
        )
    )
    assert len(tasks) == 1 and tasks[0][1] == D(2027, 12, 10)
    assert "其他桥梁维修工作" in tasks[0][0]


def test_a_weather_outlook_and_a_plan_being_drafted_date_no_work() -> None:
    """ "主汛期（6月至8月）降水量较常年偏多" forecasts weather; "在“十五五”规划编制中…" names the
    plan before it starts; "到“十五五”末…达到70%" is still its target."""
    tasks = _dated(
        _tasks(
            "预计今年主汛期（6月至8月）降水量较常年偏多1至5成。",
            "在“十五五”规划编制中科学谋划传统产业转型升级。",
            "到“十五五”末，全县森林覆盖率达到70%。",
            as_of=D(2026, 3, 27),
        )
    )
    assert tasks == [("全县森林覆盖率达到70%", D(2030, 12, 31))]


def test_one_window_under_a_neutral_label_dates_the_work_after_it() -> None:
    """ "检查时间：4月1日至4月30日。各执法单位要…完成抽查任务": the window dates the work in
    the next sentence; a window to act in ("征集时间：…止。请…提交建议。") is one task."""
    tasks = _dated(
        _tasks(
            "检查时间：4月1日至4月30日。各执法单位要按照检查清单完成抽查任务。",
            as_of=D(2027, 3, 20),
        )
    )
    assert tasks == [("各执法单位要按照检查清单完成抽查任务", D(2027, 4, 30))]
    window = _dated(
        _tasks("征集时间：即日起至4月20日止。请通过信箱提交建议。", as_of=D(2027, 3, 20))
    )
    assert len(window) == 1 and window[0][1] == D(2027, 4, 20)


def test_a_label_naming_any_work_or_ordering_work_dates_its_window() -> None:
    """ "集中整治时间：…", "摸排时间：…，各乡镇要…", "巡河时间：…，各村河长要…" date their windows
    (the review found work labels the first list missed); "演练时间：…。" alone does not."""
    tasks = _dated(
        _tasks(
            "集中整治时间：2027年6月1日至8月31日",
            "摸排时间：2027年6月1日至6月30日，各乡镇要对辖区燃气用户逐户摸排。",
            "巡河时间：2027年6月1日至8月31日，各村河长要加强巡查。",
            "演练时间：2027年6月5日上午9:00。",
            as_of=D(2027, 5, 25),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 8, 31), D(2027, 6, 30), D(2027, 8, 31)]
    assert [t[:4] for t, _ in tasks] == ["集中整治", "摸排时间", "巡河时间"]


def test_each_window_of_a_label_names_itself_in_its_tasks() -> None:
    """ "时间：夏季麦收前（5月30日—6月4日）、秋季秋收前（9月20日—9月30日）。各村要…": each task
    says which window it is for."""
    tasks = _dated(
        _tasks(
            "时间：夏季麦收前（5月30日—6月4日）、秋季秋收前（9月20日—9月30日）。"
            "各村要组织召开秸秆禁烧动员会。",
            as_of=D(2027, 5, 20),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 6, 4), D(2027, 9, 30)]
    assert tasks[0][0].startswith("夏季麦收前") and tasks[1][0].startswith("秋季秋收前")
    assert all("秸秆禁烧动员会" in t for t, _ in tasks)


def test_a_past_year_in_a_case_clause_gives_no_year_to_the_order() -> None:
    """ "对去年调查不到位的养殖场要采取强制措施，确保在5月15日前全面拆除关闭": this year's May."""
    tasks = _dated(
        _tasks(
            "对去年调查不到位的畜禽养殖场要采取强制措施，确保在5月15日前全面拆除关闭。",
            as_of=D(2027, 4, 1),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 5, 15)]


def test_this_year_before_a_subject_starting_work_is_a_target() -> None:
    """ "还明确，今年四川将开展…排查工作" is this year's work."""
    tasks = _dated(
        _tasks(
            "《工作要点》还明确，今年四川将开展城市建成区黑臭水体排查工作。", as_of=D(2027, 5, 8)
        )
    )
    assert [due for _, due in tasks] == [D(2027, 12, 31)]


def test_the_second_reviews_gaps_in_forecasts_objects_and_figures() -> None:
    """ "可望年内投产" forecasts; "请将自查报告5月20日前，经…报送…" keeps its verb with a word
    before 将; "第一季度，外出招商考察9批次" a week after it is told."""
    tasks = _dated(
        _tasks(
            "该项目可望年内投产。",
            "请将自查报告5月20日前，经单位负责人签字后报送区应急局。",
            "第一季度，外出招商考察9批次，接待客商九次。",
            as_of=D(2027, 4, 8),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 12, 31), D(2027, 5, 20)]
    assert "报送区应急局" in tasks[1][0]


def test_a_compound_verb_of_building_is_a_plans_verb() -> None:
    """ "今年，全县计划新改建农村公路120公里", "…计划改扩建学校5所": this year's plan."""
    tasks = _dated(
        _tasks(
            "今年，全县计划新改建农村公路120公里。",
            "今年全县计划改扩建学校5所。",
            as_of=D(2027, 3, 1),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 12, 31)] * 2


def test_a_verb_starting_with_qi_is_no_start() -> None:
    """ "12月10日起运新兵": 起运 is the day's work (dispatch), not "from 10 December on"; "自…起
    施行" still dates nothing."""
    tasks = _dated(
        _tasks(
            "今冬征兵工作将于11月1日开始，12月10日起运新兵，12月31日前运送完毕。",
            "本办法自2028年1月1日起施行。",
            as_of=D(2027, 10, 10),
        )
    )
    assert [due for _, due in tasks] == [D(2027, 12, 10), D(2027, 12, 31)]
    assert "起运新兵" in tasks[0][0]


def test_a_year_after_winning_names_the_grant_not_a_deadline() -> None:
    """ "积极争取到2027年…增发国债项目" won a grant; "争取到2028年完成…" is a target."""
    tasks = _dated(
        _tasks(
            "积极争取到2027年小型灌区建设增发国债项目。",
            "争取到2028年完成全部改造任务。",
            as_of=D(2027, 6, 27),
        )
    )
    assert tasks == [("争取到2028年完成全部改造任务", D(2028, 12, 31))]
