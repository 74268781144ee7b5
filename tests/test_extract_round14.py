"""Classes of failure found in the fourteenth round (new held-out pages and corpus documents,
and the annual targets of work reports), with examples written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.test_extract_classes import _tasks as _titled
from tests.test_extract_heldout import _dated, _tasks

D = dt.date


def test_a_years_stated_targets_are_due_at_its_end() -> None:
    """ "今年全县经济社会发展的主要预期目标是：A，B；C": each target listed after the colon is the
    year's, also after a preamble clause and across ；; a year written out leads them too."""
    tasks = _tasks(
        "综合研判各种因素，今年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右，"
        "规上工业增加值增长8%；城镇新增就业3000人；粮食产量稳定在20万吨以上。",
        as_of=D(2027, 1, 20),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2027, 12, 31)] * 4, dated
    assert any(text.startswith("城镇新增就业3000人") for text, _ in dated), dated
    assert any(text.startswith("粮食产量稳定在20万吨以上") for text, _ in dated), dated
    written = _tasks(
        "2027年全区发展的主要目标为：固定资产投资增长10%，社会消费品零售总额增长7%。",
        as_of=D(2027, 1, 20),
    )
    assert [due for _, due in _dated(written)] == [D(2027, 12, 31)] * 2
    # what the year is like, or last year's targets, are no target
    assert _dated(_tasks("今年的任务是繁重的。", as_of=D(2027, 1, 20))) == []
    assert (
        _dated(_tasks("2026年的主要目标是：地区生产总值增长6%左右。", as_of=D(2027, 1, 20))) == []
    )


def test_a_dated_lead_ending_in_a_colon_dates_the_list_after_it() -> None:
    """ "年底前，各镇要完成以下工作：" over numbered items, "今年的主要目标是：" over the paragraph
    after it: each undated item is the lead's, with its words; an item with its own date keeps
    it; the lead alone is no task; a paragraph after the one item paragraph is not reached."""
    items = _tasks(
        "年底前，各镇要完成以下工作：",
        "（一）完成农村危房改造150户。",
        "（二）新建村级综合服务站6个。",
        "（三）9月底前完成通村道路硬化12公里。",
        as_of=D(2027, 3, 1),
    )
    assert _dated(items) == [
        ("各镇要完成以下工作：完成农村危房改造150户", D(2027, 12, 31)),
        ("各镇要完成以下工作：新建村级综合服务站6个", D(2027, 12, 31)),
        ("9月底前完成通村道路硬化12公里", D(2027, 9, 30)),
    ]
    paragraph = _tasks(
        "今年的主要预期目标是：",
        "全县生产总值增长6.5%；城镇新增就业4000人以上。",
        "这里要说明，增长目标比去年略有调低。",
        as_of=D(2027, 1, 20),
    )
    dated = _dated(paragraph)
    assert [due for _, due in dated] == [D(2027, 12, 31)] * 2, dated
    assert not any("说明" in text for text, _ in dated)
    # a lead of figures reported is no list of work
    report = _tasks(
        "今年1至10月各乡镇完成情况如下：", "（一）东城镇完成投资3.2亿元。", as_of=D(2027, 11, 5)
    )
    assert _dated(report) == []


def test_the_years_an_incentive_runs_for_the_cases_named_are_no_deadline() -> None:
    """ "对新认定的高新技术企业，三年内给予…奖励": what a policy grants, and for how long, to the
    cases 对…的 names; an order to those cases keeps its deadline."""
    for text in (
        "对新认定的科技型中小企业，三年内按其缴纳税收地方留成部分给予奖励。",
        "对评为市级示范村的，两年内在建设用地指标上给予倾斜。",
        "对考核优秀的县区，在两年之内对其申报项目实行优先审批机制。",
    ):
        assert _dated(_tasks(text, as_of=D(2027, 3, 1))) == [], text
    ordered = _tasks("对排查发现问题的单位，要在三个月内完成整改。", as_of=D(2027, 3, 1))
    assert _dated(ordered) == [("对排查发现问题的单位，要在三个月内完成整改", D(2027, 6, 1))]


def test_a_frames_object_after_a_comma_stays_in_its_task() -> None:
    """ "建成以…为龙头，…的体系": the clause after 以…为龙头 is the object of the same verb."""
    tasks = _tasks(
        "到2028年，建成以县融媒体中心为龙头，上下联动、覆盖全县的应急广播体系。",
        as_of=D(2027, 3, 1),
    )
    assert _dated(tasks) == [
        ("建成以县融媒体中心为龙头，上下联动、覆盖全县的应急广播体系", D(2028, 12, 31))
    ]


def test_a_five_year_plans_period_before_a_target_verb_is_its_end() -> None:
    """ "“十五五”时期完成…": the period's target (also with a space before 时期, as PDF copies
    have); a period qualifying a noun, or what the period is, stays a name."""
    for text in ("“十五五”时期完成农村公路提档升级300公里。", "“十五五” 时期新建污水管网80公里。"):
        dated = _dated(_tasks(text, as_of=D(2026, 5, 1)))
        assert [due for _, due in dated] == [D(2030, 12, 31)], (text, dated)
    for text in ("“十五五”时期建成的项目共有12个。", "“十五五”时期是基本实现现代化的关键时期。"):
        assert _dated(_tasks(text, as_of=D(2026, 5, 1))) == [], text


def test_a_year_with_a_space_before_its_character_is_read() -> None:
    """ "到2028 年，…" (PDF copies put spaces inside numbers and words)."""
    tasks = _tasks("到2028 年，全县农村卫生厕所普及率达到95%以上。", as_of=D(2027, 3, 1))
    assert _dated(tasks) == [("全县农村卫生厕所普及率达到95%以上", D(2028, 12, 31))]


def test_a_span_from_now_heads_the_work_after_it() -> None:
    """ "从现在起到明年3月底，…开展…": from now to a date, the date governs the work after it,
    as 自即日起至… does."""
    for lead in ("从现在起到明年3月底", "从现在开始到明年3月底"):
        tasks = _tasks(f"{lead}，全市将开展冬季道路交通安全专项整治。", as_of=D(2026, 11, 20))
        assert _dated(tasks) == [("全市将开展冬季道路交通安全专项整治", D(2027, 3, 31))], lead


def test_a_news_dateline_is_no_task_and_no_subject() -> None:
    """ "河源日报11月20日讯（记者…）…": the dateline is page furniture: its day dates no event
    and it is no part of the task after it."""
    tasks = _tasks(
        "河源日报11月20日讯（记者李明 通讯员王芳）从现在起到明年3月底，全市将开展冬季道路"
        "交通安全专项整治，重点排查客运车辆隐患。",
        as_of=D(2026, 11, 20),
    )
    assert _dated(tasks) == [
        ("全市将开展冬季道路交通安全专项整治", D(2027, 3, 31)),
        ("重点排查客运车辆隐患", D(2027, 3, 31)),
    ]
    wire = _tasks("新华社北京3月6日电 今年要完成高标准农田建设8000万亩。", as_of=D(2027, 1, 5))
    assert [due for _, due in _dated(wire)] == [D(2027, 12, 31)]


def test_an_application_window_with_weekdays_noted_is_dated_by_its_end() -> None:
    """ "1.网上填报时间：3月2日（星期一）9:00—3月13日（星期五）18:00。": the window's end (its
    second weekday noted no longer makes it an event)."""
    tasks = _tasks(
        "一、申报安排",
        "1.网上填报时间：3月2日（星期一）9:00—3月13日（星期五）18:00。",
        as_of=D(2026, 2, 20),
    )
    assert [due for _, due in _dated(tasks)] == [D(2026, 3, 13)]


def test_a_clause_of_time_alone_mid_sentence_heads_the_later_segments() -> None:
    """ "实施…3项行动，到2028年底，A，B；C，D。": a clause holding only the time heads the
    rest of its sentence, across ；, as one opening the sentence does."""
    tasks = _tasks(
        "实施城乡供水一体化、农村道路提升、清洁能源入户3项行动，到2028年底，全县实现城乡供水"
        "一体化，农村自来水普及率达到98%；行政村通双车道公路比例达到90%，天然气入户率达到60%。",
        as_of=D(2026, 3, 1),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2028, 12, 31)] * 4, dated
    assert dated[-1][0].endswith("天然气入户率达到60%"), dated


def test_a_year_word_before_new_and_a_verb_is_a_target() -> None:
    """ "今年新发展设施农业1.5万亩": 新发展, 新培育 … are target verbs as 新建 and 新增 are."""
    for text in ("今年新发展设施农业1.5万亩。", "今年新培育国家级高新技术企业20家。"):
        assert [due for _, due in _dated(_tasks(text, as_of=D(2026, 2, 1)))] == [D(2026, 12, 31)], (
            text
        )


def test_a_pages_clock_line_taken_for_its_title_sets_no_plan_year() -> None:
    """A mirror's first line "2030年5月8日" (its own clock) is no plan year: "4月中旬" in a
    2026 page stays 2026's."""
    tasks = _titled(
        "发布日期：2026-03-20",
        "游园改造工程预计4月中旬完工并对外开放。",
        title="2030年5月8日",
        as_of=D(2026, 3, 20),
    )
    assert [t.due for t in tasks if t.due] == [D(2026, 4, 20)]


def test_a_plans_goals_completed_with_quality_are_due_at_its_end() -> None:
    """ "高质量完成“十四五”规划目标任务", as 确保完成 / 圆满完成 do."""
    tasks = _tasks("全力推进产业升级，高质量完成“十四五”规划目标任务。", as_of=D(2025, 1, 15))
    assert _dated(tasks) == [("高质量完成“十四五”规划目标任务", D(2025, 12, 31))]


def test_the_years_targets_after_a_weak_year_word_and_a_colon() -> None:
    """ "全年主要预期目标是：A，B。": 全年 before its stated targets is the year's end (the
    line is no run-in title: its title holds the time)."""
    tasks = _tasks(
        "全年主要预期目标是：全县地区生产总值增长6%，城镇新增就业2500人。", as_of=D(2026, 2, 1)
    )
    assert [due for _, due in _dated(tasks)] == [D(2026, 12, 31)] * 2
    assert _dated(_tasks("全年目标任务完成情况良好。", as_of=D(2026, 2, 1))) == []


def test_a_past_date_after_a_head_ends_its_reach() -> None:
    """ "为确保…于2027年6月前完成…，县水利局…，组织施工人员连续奋战至2027年2月1日，临近春节才收
    工": the clauses telling what was done (a past date in them) are no work of the head."""
    tasks = _tasks(
        "为确保城区防洪工程于2027年6月前如期完工，县水利局克服雨雪天气影响，组织施工人员连续"
        "奋战至2027年2月1日，临近春节才收工，正月初八全部返岗复工。",
        as_of=D(2027, 4, 10),
    )
    dated = _dated(tasks)
    assert dated and all(due == D(2027, 6, 30) for _, due in dated), dated
    assert not any("收工" in text or "复工" in text for text, _ in dated), dated


def test_a_question_asks_and_a_time_reached_orders_nothing() -> None:
    """ "不是说今年改造开放吗？这马上都年底了": a citizen's question on a forum; a schedule whose
    lost character shows as "?" ("7月份完成?8月份完成…") is still a schedule."""
    asked = _tasks(
        "网友留言：不是说2027年底前改造开放吗？这马上都年底了，还没动工。", as_of=D(2027, 11, 1)
    )
    assert _dated(asked) == []
    lost = _tasks("工程计划：6月份完成设计?7月份完成主体工程的70%。", as_of=D(2027, 3, 1))
    assert [due for _, due in _dated(lost)] == [D(2027, 6, 30), D(2027, 7, 31)], _dated(lost)


def test_a_purposes_time_is_no_deadline() -> None:
    """ "为实现一季度“开门红”打下坚实基础", "为决战首季开门红，…": the time a purpose names; an aim
    with its by-date after 为确保 stays ("为确保6月底前完工，…")."""
    for text in (
        "各地抢抓施工黄金期，为实现一季度“开门红”打下坚实基础。",
        "为决战首季开门红，全县重点项目全力冲刺。",
    ):
        assert _dated(_tasks(text, as_of=D(2027, 1, 20))) == [], text
    kept = _tasks("为确保6月底前完工，各施工单位要倒排工期。", as_of=D(2027, 1, 20))
    assert _dated(kept) and all(due == D(2027, 6, 30) for _, due in _dated(kept)), _dated(kept)


def test_a_year_naming_the_subject_before_its_order_is_no_deadline() -> None:
    """ "今年争取…资金已下达计划的20余个项目，也要确保在9月底前全面开工": 今年 qualifies the
    projects named; the order after them, with its own date, is their task (also after 也要)."""
    tasks = _tasks(
        "今年争取省级预算资金已下达投资计划的15个项目，也要确保在9月底前全面开工建设。",
        as_of=D(2027, 8, 1),
    )
    assert _dated(tasks) == [
        (
            "今年争取省级预算资金已下达投资计划的15个项目，也要确保在9月底前全面开工建设",
            D(2027, 9, 30),
        )
    ]
    kept = _tasks("今年要完成300户的农村危房改造任务。", as_of=D(2027, 8, 1))
    assert _dated(kept) == [("今年要完成300户的农村危房改造任务", D(2027, 12, 31))]


def test_a_sentence_opening_with_at_the_same_time_takes_the_date_before() -> None:
    """ "即日起至10月底，全区将开展…活动，解决…问题。同时，聚焦…，开展集中整治。": the work
    ordered at the same time is due with the first (and what it is to solve is one task with
    the activity); a 同时 sentence telling how things are, or what was done, is not."""
    tasks = _tasks(
        "即日起至10月底，全区将开展消防安全宣传活动，解决群众消防意识不强等问题。同时，聚焦"
        "高层住宅、九小场所等，开展隐患集中整治。",
        as_of=D(2027, 8, 1),
    )
    assert _dated(tasks) == [
        ("全区将开展消防安全宣传活动，解决群众消防意识不强等问题", D(2027, 10, 31)),
        ("同时，聚焦高层住宅、九小场所等，开展隐患集中整治", D(2027, 10, 31)),
    ]
    told = _tasks(
        "全区将于年底前完成老旧管网改造20公里。同时，群众反映的问题得到了及时解决。",
        as_of=D(2027, 8, 1),
    )
    assert [text for text, _ in _dated(told)] == ["全区将于年底前完成老旧管网改造20公里"]


def test_a_bodys_time_before_its_order_governs_the_clauses_after_it() -> None:
    """ "宁远县今年要全面启动…，集中力量打造…，创建…": the body's time, right before its order,
    dates each of its acts, as "各县于…前完成…，…" does."""
    tasks = _tasks(
        "根据方案，宁远县今年要全面启动美丽乡村建设，集中力量打造20个精品村，创建30个示范村。",
        as_of=D(2027, 3, 1),
    )
    assert _dated(tasks) == [
        ("宁远县今年要全面启动美丽乡村建设", D(2027, 12, 31)),
        ("集中力量打造20个精品村", D(2027, 12, 31)),
        ("创建30个示范村", D(2027, 12, 31)),
    ]


def test_the_documents_year_told_as_done_is_no_target() -> None:
    """ "2026年，该镇…着重谋划实施了10项重点工程，…进展顺利" written in December: the year
    told (了, no plan in the sentence); "2027年，全镇将实施…" is the next year's plan."""
    told = _tasks(
        "2026年，城关镇强化项目推进机制，着重谋划实施了8项重点工程，各项工程进展顺利。",
        as_of=D(2026, 12, 18),
    )
    assert _dated(told) == []
    planned = _tasks("2027年，全镇将实施8项重点工程。", as_of=D(2026, 12, 18))
    assert _dated(planned) == [("全镇将实施8项重点工程", D(2027, 12, 31))]


def test_figures_counted_up_to_a_month_just_over_are_no_target() -> None:
    """ "到七月底全省共开工2.1万户" in September: a cutoff for the figures after it (共, 累计,
    已), as "至7月底，…" is; "到7月底完成…" ahead stays."""
    told = _tasks(
        "会议指出，到七月底全省共开工2.1万户、竣工0.6万户，总体进展良好。", as_of=D(2026, 9, 3)
    )
    assert _dated(told) == []
    ahead = _tasks("到7月底完成全部改造任务。", as_of=D(2026, 3, 3))
    assert _dated(ahead) == [("到7月底完成全部改造任务", D(2026, 7, 31))]


def test_a_sentence_of_figures_up_to_a_cutoff_dates_nothing_else() -> None:
    """ "截至6月27日，全市完成6月底前…目标任务": a report up to a cutoff; the date of the target
    it says was met is no deadline, unless the sentence orders more ("…，要在6月底前完成…")."""
    told = _tasks(
        "截至6月27日，全市完成6月底前疫苗加强针“应接尽接”目标任务。", as_of=D(2026, 6, 28)
    )
    assert _dated(told) == []
    ordered = _tasks(
        "截至6月27日，全市已接种12万剂次，要在6月底前完成全部接种任务。", as_of=D(2026, 6, 28)
    )
    assert [due for _, due in _dated(ordered)] == [D(2026, 6, 30)]


def test_a_span_described_as_a_period_is_no_deadline() -> None:
    """ "从现在到2030年，随着…，将是…的高发期，…": what the span will be, not work due by its end;
    a sentence ordering work in it still dates that work."""
    told = _tasks(
        "从现在到2030年，随着库区水位抬升，将是地质灾害的高发期，监测点位进一步增多。",
        as_of=D(2026, 3, 1),
    )
    assert _dated(told) == []
    ordered = _tasks("从现在到2030年，各地要完成地质灾害隐患点搬迁。", as_of=D(2026, 3, 1))
    assert [due for _, due in _dated(ordered)] == [D(2030, 12, 31)]


def test_a_cutoffs_report_ends_with_its_segment() -> None:
    """ "截至8月15日，一号厂房进入装修阶段；二号厂房进入砌筑阶段，月底主体完工": the cutoff
    reports its own segment only; the later segments' dates are the schedule's."""
    tasks = _tasks(
        "截至8月15日，一号车间进入装修阶段；二号车间进入砌筑阶段，月底主体完工；职工宿舍月底"
        "主体结构完工。",
        as_of=D(2027, 8, 24),
    )
    assert [due for _, due in _dated(tasks)] == [D(2027, 8, 31)] * 2, _dated(tasks)


def test_a_day_this_year_that_an_event_took_place_on_is_past() -> None:
    """ "该项目2月19日开工" written in August: the day it started, not next February's start;
    with a plan word (计划) or a by-word (前) it is next year's."""
    assert _dated(_tasks("项目建设顺利，该项目2月19日开工。", as_of=D(2027, 8, 24))) == []
    for text in ("该项目计划3月1日开工。", "该项目3月1日前开工。"):
        assert [due for _, due in _dated(_tasks(text, as_of=D(2027, 8, 24)))] == [D(2028, 3, 1)], (
            text
        )


def test_a_completion_by_a_date_closes_work_asked_at_once() -> None:
    """ "要求各社区立即开展自检自查自改工作，并于7月11日全面完成整改": one task, the work and its
    completion; another act by the date stays its own task."""
    tasks = _tasks(
        "要求各社区立即开展自检自查自改工作，并于7月11日全面完成整改。", as_of=D(2027, 7, 1)
    )
    assert _dated(tasks) == [
        ("要求各社区立即开展自检自查自改工作，并于7月11日全面完成整改", D(2027, 7, 11))
    ]
    other = _tasks("要求各村立即开展排查，并于7月11日前报送排查表。", as_of=D(2027, 7, 1))
    assert ("并于7月11日前报送排查表", D(2027, 7, 11)) in _dated(other)


def test_figures_of_progress_are_no_subject_of_a_forecast() -> None:
    """ "…饮水安全工程，已完成…，开挖土方1.6万立方，累计完成投资370万元，预计11月底全面完成":
    the project named is the forecast's subject, not the figures before it."""
    tasks = _tasks(
        "城东饮水安全工程，已完成水源坝基础工程，开挖土方1.2万立方，累计完成投资280万元，预计"
        "11月底全面完成建设任务。",
        as_of=D(2027, 8, 1),
    )
    assert _dated(tasks) == [("城东饮水安全工程，预计11月底全面完成建设任务", D(2027, 11, 30))]


def test_targets_listed_after_a_lead_telling_who_set_them() -> None:
    """ "市委确定了“十五五”的奋斗目标：2028年全面建成…": 了 in the lead before the colon tells
    who set the targets, not work done; "财政收入的来源有了很大的改变：从…到…" is still told."""
    tasks = _tasks(
        "市委、市政府确定了“十五五”发展的奋斗目标：2028年全面建成国家创新型城市。",
        as_of=D(2026, 3, 10),
    )
    assert [due for _, due in _dated(tasks)] == [D(2028, 12, 31)]


def test_a_day_said_to_be_a_festival_is_no_deadline() -> None:
    """ "今年9月10日是我国第40个教师节": what the day is, not work due on it."""
    assert (
        _dated(_tasks("今年9月10日是我国第42个教师节，主题是“尊师重教”。", as_of=D(2026, 9, 1)))
        == []
    )
    kept = _tasks("各校要在9月10日前完成表彰材料报送。", as_of=D(2026, 9, 1))
    assert [due for _, due in _dated(kept)] == [D(2026, 9, 10)]


def test_a_share_of_the_years_plan_is_progress() -> None:
    """ "29个项目共完成投资18.81亿元，完成年度计划投资额102%": a share of the plan met, no target
    (as "完成全年…的45%" is none)."""
    told = _tasks(
        "产业项目方面，共完成投资18.8亿元，完成年度计划投资额102%。", as_of=D(2026, 11, 1)
    )
    assert _dated(told) == []


def test_dates_in_a_sentence_telling_a_meeting_held_are_told() -> None:
    """ "11月27日，镇里召开了民生工程年度推进会，对2026年度民生工程项目进行年终推进": the
    meeting told; an order in it ("要求各村年底前完成…") still dates its work."""
    told = _tasks(
        "11月27日，城关镇召开了民生工程年度推进会，对2026年度民生工程项目进行年终推进。",
        as_of=D(2026, 11, 28),
    )
    assert _dated(told) == []
    ordered = _tasks(
        "11月27日，城关镇召开了推进会，要求各村年底前完成全部项目。", as_of=D(2026, 11, 28)
    )
    assert _dated(ordered) == [("要求各村年底前完成全部项目", D(2026, 12, 31))]


def test_targets_proposed_for_a_year_after_a_preamble() -> None:
    """ "综合各方面因素，建议2027年全县经济社会发展的努力目标为：A；B；C": each target is the
    year's (建议 leads the year; the preamble is no subject)."""
    tasks = _tasks(
        "综合各方面因素，建议2027年全县经济社会发展的努力目标为：全县生产总值增长7%；固定资产投资"
        "增长10%以上；城镇调查失业率控制在5%以内。",
        as_of=D(2027, 1, 15),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2027, 12, 31)] * 3, dated
    assert not any(text.startswith("综合") for text, _ in dated), dated


def test_a_five_year_plans_last_years_end_with_it() -> None:
    """ "“十五”后两年" / "“十四五”最后一年": the plan's end."""
    from pipeline.deadlines import resolve

    for text, due in (
        ("科技部拟在“十五”后两年开展研究", D(2005, 12, 31)),
        ("“十四五”最后一年完成", D(2025, 12, 31)),
    ):
        assert [d.due for d in resolve(text, D(2004, 3, 1))] == [due], text


def test_an_events_year_in_the_title_is_no_plan_year() -> None:
    """ "关于组建2030年亚运会筹备委员会的批复": a series in it starts from the document's date,
    not in the event's year."""
    tasks = _titled(
        "筹委会原则上每半年召开一次例会。",
        title="关于组建2030年亚运会筹备委员会的批复",
        as_of=D(2026, 5, 20),
    )
    assert min(t.due for t in tasks if t.due) == D(2026, 6, 30)


def test_completing_the_years_plan_is_due_at_its_end() -> None:
    """ "确保完成年度投资计划", as "尽快完成全年目标任务" (a share of it, 完成年度计划的85%, is none)."""
    assert _dated(_tasks("全县上下大干快上，确保完成年度投资计划。", as_of=D(2026, 1, 10))) == [
        ("确保完成年度投资计划", D(2026, 12, 31))
    ]
    assert _dated(_tasks("已完成年度投资计划的85%。", as_of=D(2026, 10, 10))) == []


def test_a_year_word_before_this_body_and_its_plan() -> None:
    """ "今年，该县计划实施教育建设项目42个": 该县 plans as 我县 does."""
    tasks = _tasks("今年，该县计划实施教育建设项目30个，总投资约20亿元。", as_of=D(2026, 3, 24))
    assert [due for _, due in _dated(tasks)] == [D(2026, 12, 31)]


def test_a_forecast_in_a_cutoffs_report_is_dated() -> None:
    """ "截至10月30日，全区已完成改厕4万座，预计11月中旬完成全年任务": the forecast keeps its date."""
    tasks = _tasks(
        "截至10月30日，全区已完成农村改厕任务3.9万座，完成率98%，预计11月中旬完成全年任务。",
        as_of=D(2026, 11, 6),
    )
    assert [due for _, due in _dated(tasks)] == [D(2026, 11, 20)]


def test_a_case_clause_is_the_subject_of_the_dated_work_after_it() -> None:
    """ "…，10月份开展抽查，对因施工不到位导致的问题厕所，12月底前完成整改": the cases named are the
    later date's, not more of the work before."""
    tasks = _tasks(
        "要求9月底前完成县级自查，10月份开展抽查评估，对因施工不到位导致的问题厕所，12月底前完成整改。",
        as_of=D(2026, 9, 6),
    )
    assert ("对因施工不到位导致的问题厕所，12月底前完成整改", D(2026, 12, 31)) in _dated(tasks)
    assert ("10月份开展抽查评估", D(2026, 10, 31)) in _dated(tasks)


def test_work_told_done_on_the_documents_day_is_no_deadline() -> None:
    """ "我县于12月10日保质保量全面完成了…" dated 12月10日: done that day."""
    tasks = _tasks(
        "通过共同努力，我县于12月10日全面完成了今年改建户厕8000户的任务。", as_of=D(2026, 12, 10)
    )
    assert _dated(tasks) == []


def test_a_slogans_good_start_dates_nothing() -> None:
    assert _dated(_tasks("全力冲刺，努力实现2027年一季度“开门红”。", as_of=D(2027, 1, 5))) == []


def test_area_and_investment_figures_are_no_subject_of_a_forecast() -> None:
    tasks = _tasks(
        "乡卫生院迁建工程是我县重大实事工程，该工程总投资约2700万元，总占地面积为9300平方米，"
        "目前基建工作基本完工，预计到2028年3月，一期工程全面竣工。",
        as_of=D(2027, 10, 10),
    )
    [(text, due)] = _dated(tasks)
    assert due == D(2028, 3, 31) and "占地面积" not in text and "一期工程全面竣工" in text, text


def test_indicators_going_on_after_a_stated_list_are_the_years() -> None:
    """ "…主要预期目标是：A，B。CPI涨幅2%左右，单位GDP二氧化碳排放下降3%左右。": the next
    sentence of bare indicators goes on with the list (not after a lone 全年 target)."""
    tasks = _tasks(
        "今年经济社会发展主要预期目标是：地区生产总值增长5%左右，城镇新增就业20万人。"
        "居民消费价格涨幅2%左右，单位生产总值能耗下降2.5%左右。",
        as_of=D(2027, 1, 27),
    )
    assert ("居民消费价格涨幅2%左右，单位生产总值能耗下降2.5%左右", D(2027, 12, 31)) in _dated(
        tasks
    )
    lone = _tasks("全年新增就业20万人。居民消费价格涨幅2%左右。", as_of=D(2027, 1, 27))
    assert [text for text, _ in _dated(lone)] == ["全年新增就业20万人"]


def test_a_figure_aimed_at_for_the_whole_year() -> None:
    """ "力争全年信访总量比去年至少下降10%以上": 全年 after an aim with a figure to reach (as
    with 完成/实现); in a purpose (为力争全年增长8%，…) it is none."""
    tasks = _tasks("控增量、减存量，力争全年信访总量比去年下降10%以上。", as_of=D(2026, 3, 15))
    assert [due for _, due in _dated(tasks)] == [D(2026, 12, 31)]
    assert _dated(_tasks("为力争全年增长8%，各地要加快项目建设进度。", as_of=D(2026, 3, 15))) == []


def test_a_report_schedule_copied_one_cell_per_line_is_a_task_table(tmp_path: Path) -> None:
    """报表名称 / 表号 / 上报日期, one cell per line: each form is a task due on its date, named
    with its form number."""
    from pipeline.extract import extract
    from pipeline.ingest import ingest_file

    text = (
        "关于印发统计报表报送时间的通知\n各乡镇：\n现将报表目录及上报时间印发给你们。\n"
        "报表名称\n表号\n上报日期\n"
        "1、单位基本情况\n201-1表\n3月15号以前\n"
        "2、财务状况\nF203表\n3月15号以前\n"
        "3、能源消费量\nP205表\n2月20日前\n"
    )
    path = tmp_path / "s.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = ingest_file(path)
    dated = [(t.text, t.due) for t in extract(doc, D(2027, 1, 5)) if t.due]
    assert ("201-1表：1、单位基本情况", D(2027, 3, 15)) in dated, dated
    assert ("P205表：3、能源消费量", D(2027, 2, 20)) in dated, dated


def test_a_numbered_item_run_in_after_a_comma_is_a_segment_of_its_own() -> None:
    """ "…，于8月25日前报送…，3.示范项目由申报单位按申报指南要求，于8月31日前直接申报": the item
    run in after a comma takes its own date, with its own subject (按…要求 is no framing)."""
    tasks = _tasks(
        "1.请各区认真组织申报工作，于8月25日前将推荐名单报市住建局，"
        "2.示范项目由申报单位按申报指南要求，于8月31日前直接向省厅申报。",
        as_of=D(2027, 8, 1),
    )
    assert (
        "2.示范项目由申报单位按申报指南要求，于8月31日前直接向省厅申报",
        D(2027, 8, 31),
    ) in _dated(tasks)
    assert not any("示范项目" in text and due == D(2027, 8, 25) for text, due in _dated(tasks))
