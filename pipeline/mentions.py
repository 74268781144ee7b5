"""Dates that date no action: which expressions found in a paragraph are mentions, not
deadlines (pure). A date already past is a report (``extract`` keeps those; ``already_past``
also finds the ones DEADLINES.md would roll to next year that a sentence narrates or a run of
this year's milestones holds); here the rest: timestamps and metadata lines, event times
("6月13日，我县召开…", "…7月1日起施行"), policy windows, year words naming a topic, five-year
plans named, periods qualifying a noun or naming a report or a meeting, work already done,
holiday schedules (a series' own dates: ``pipeline.series``)."""

from __future__ import annotations

import datetime as dt
import re

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.framed import calendar_day, framed
from pipeline.models import Deadline
from pipeline.narrated import (
    HELD_AFTER,
    doc_day_event,
    page_time,
    told_done,
    told_not_ordered,
    unordered,
)
from pipeline.plans import plan_named, plan_span
from pipeline.sentences import clause_of, clause_text, sentence_of

_PERIODS = frozenset({"half", "quarter", "month_end", "xun", "year_end"})
_EVENT_AFTER = ("，", ",", "上午", "下午", "晚", "清晨", "早上", "中午", "起", "召开", "举行", " ")
_VERBS_OF_QI = ("起运", "起航", "起飞", "起吊")  # "12月10日起运新兵": a day's work, no start
_JOINED_DAY = re.compile(r"[和、及与](?:[0-9]{1,2}月)?[0-9]{1,2}[日号]")
_TIME_SPAN = re.compile(r"[ \t]*[—–\-~至到][ \t]*[0-9]{1,2}[:：][0-9]{2}")
# Year words alone name the year talked about ("今年我县承担的…"), dating only a target (_topic_year)
_AIM_LEADS = ("确保", "力争", "争取", "努力", "务必")
_TOPIC_YEARS = ("今年", "本年", "当年", "明年", "后年")
_REACHED = re.compile(r"了(?=[，,。；;！!？?\s]|$)")
# a clause naming things: "…的20余个项目" (its work ordered in the clause after it)
_ORDER_NEXT = re.compile(r"[，,][ \t]*(?:也|都|均|还)?(?:要|须|必须|务必|确保|力争|应)")
_NOUN_CLAUSE = re.compile(
    r"[^，,。；;]*的[0-9一二三四五六七八九十百余多]{1,6}[个项家座所条处]?(?:项目|工程|企业|村|户|单位)[ \t]*"
)
_YEAR_SEASON = re.compile(f"年(?:{lx.SEASON_NAMES})[季天]$")  # not 今年秋季前: a by-date
_WHOLE_YEARS = re.compile(r"^(?:[0-9]{4}年)?1月1日.*[至到—–~-].*12月31日$")
# not 对于/凡: a topic
_CONDITION = re.compile(r"[ \t]*(?:如果|若(?!干)|一旦|如有|如发现|如(?![期实下何此今]))")
_INCIDENT = re.compile(r"遇|发生|突发|一旦|出现|如有|事故|险情|接报|事件")
_LIMIT_WORDS = re.compile(r"期限|时限|截止|节点")
_LIMIT_LEAD = re.compile(r"(?:期限|时限|截止|节点)(?:日期|时间)?(?:为|是|[:：])?[ \t]*$")
_NOTICE = re.compile(r"公示(?:期|期间|时间)[为是：:（( \t]*$")
_AIMS_DONE = tuple(a + v for a in _AIM_LEADS for v in ("完成", "实现"))
_PURPOSES = tuple(p + v for p in ("为确保", "为了确保", "以确保") for v in ("", "完成", "实现"))


_SYSTEM = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:制度|机制|制(?=[，,。；;、和及与]|$))")
_DURING_OF = re.compile(  # (not "5月至6月期间全县的排查工作要全部完成")
    r"[ \t]*期间(?:新)?(?:签约|开工|竣工|投产|注册|登记|发生|申报|认定|引进|落地|建成|办理|购买|购置"
    r"|招用|录用|入职|毕业|参保|出生|参加|参与)[\u4e00-\u9fff]{0,4}的"
)


def mention(ntext: str, d: Deadline, as_of: dt.date, *, schedule: bool = False) -> bool:
    """Whether a future date found in normalised paragraph text dates no action. In a
    ``schedule`` (a section of phases or steps) a future day is a step's, not an event's."""
    return (
        page_time(ntext, d)
        or ((not schedule or d.basis == "rollover") and _event_time(ntext, d, as_of))
        or _policy_window(ntext, d)
        or _topic_year(ntext, d)
        or plan_named(ntext, d)
        or plan_span(ntext, d)
        or _attribute(ntext, d)
        or calendar_day(ntext, d)
        or told_not_ordered(ntext, d, as_of)
        or meeting_name(ntext, d)
        or _forecast(ntext, d)
        or _named_in_list(ntext, d)
        or _slogan(ntext, d)
        or "有效期" in ntext[clause_of(ntext, d)[0] : d.start]  # 有效期至2029年12月31日
        or bool(_DURING_OF.match(ntext, d.end))  # "对9月至12月期间签约的项目…": which ones
        or bool(_NEGATED.match(ntext, d.end))
        or bool(_REACHED.match(ntext, d.end))  # "这马上都年底了": a time reached (not 了解)
        or framed(ntext, d)
    )


def _event_time(ntext: str, d: Deadline, as_of: dt.date) -> bool:
    """ "6月13日，我县召开…", "7月1日起施行": a bare day with no "by" word dates an event."""
    if d.kind != "day" or d.expr.rstrip().endswith(vx.BY_MARKERS):
        return False
    # 我局于今日下午组织召开…会议; "我县于12月10日…全面完成了…" on that day: done
    held = d.due == as_of and (HELD_AFTER.match(ntext, d.end) or told_done(ntext, d))
    if (ntext.endswith(vx.DATE_LEADS, 0, d.start) and not held) or _LIMIT_LEAD.search(
        ntext, 0, d.start
    ):
        return False  # "申报截止日期为4月30日，…": a limit's day, not an event's
    after = m.end() if (m := _TIME_SPAN.match(ntext, d.end)) else d.end  # 上午9:00—11:00，
    if joined := _JOINED_DAY.match(ntext, after):  # "6月30日和9月30日，县政府将分别…督查"
        after = joined.end()
    return d.due is not None and (
        d.due < as_of
        or (ntext.startswith(_EVENT_AFTER, after) and not ntext.startswith(_VERBS_OF_QI, after))
        or bool(vx.IN_FORCE.search(clause := clause_text(ntext, d)))
        or (d.due == as_of and doc_day_event(ntext, d, clause))
    )


def _aimed_at(ntext: str, d: Deadline, *, verb: bool = True) -> bool:
    """ "确保今年重点项目完成投资80亿元以上": an aim (not a purpose, 为确保…; nor a noun the
    period qualifies, 今年的防汛工作), with a target's verb in the period's clause when
    ``verb``."""
    return (
        ntext.endswith(_AIM_LEADS + _AIMS_DONE, 0, d.start)  # 确保完成今年投资计划
        and not ntext.endswith(_PURPOSES, 0, d.start)
        and not ntext.startswith("的", d.end)
        and (not verb or cues.TARGET_VERBS.search(ntext, d.end, clause_of(ntext, d)[1]) is not None)
    )


_LIST_AFTER = re.compile(
    r"(?:[^，,。；;:：]{0,20}?[0-9一二三四五六七八九十两几]+(?:件|项|个方面|大)|[，,][^，,。；;:：]{0,20}?以下)"
    r"[^，,。；;:：]{0,10}[:：]"  # ("明年，全县重点推进以下项目：")
)
_WITHIN_LATER = re.compile(r"[^；;。！？]*?(?:年内|年底前?|年末)")


_SUBJECT_ORDERED = re.compile(
    r"[^，,。；;的]{2,18}?(?:要|将|必须|务必|力争|确保)(?:全面|全部|基本)?"
    r"(?:完成|建成|实现|开工|竣工|投产|投用|达到|启动|开展|实施|新建|改造)"
)


_ADVERBS = ("还", "更", "也", "仍", "又", "并")


def _topic_year(ntext: str, d: Deadline) -> bool:
    """ "今年我县承担的…": a year word naming the topic, not a target ("今年，我们将…" is one)."""
    expr = ntext[d.start : d.end]
    season = d.kind == "season" and _YEAR_SEASON.search(expr) is not None  # 今年夏季, 1984年春季
    if (expr not in _TOPIC_YEARS and not season) or _aimed_at(ntext, d, verb=False):
        return False
    if _stated_target(ntext, d.end):
        return False  # "确保今年重点项目完成投资80亿元以上", "今年的目标是完成…": a target
    if told_done(ntext, d):
        return True  # "今年，该县实施了农村公路改造项目15个": told
    if cues.PROJECTS_NAMED.match(ntext, d.end) and not _PROJECT_TARGET.search(
        clause_text(ntext, d)
    ):
        return True  # "对去年开工项目和今年新签约项目，…": those projects
    if _LIST_AFTER.match(ntext, d.end) and not cues.TOLD_DONE.search(
        ntext, d.end, sentence_of(ntext, d)[1]
    ):
        return False  # "今年县政府重点抓好三项工作：1.…": the year of the list it leads
    if ntext.startswith(("，", ","), d.end) and _WITHIN_LATER.match(ntext, d.end):
        return False  # "今年，…水库将在年内开工建设；…": the year's plan, its items this year's
    after = ntext[d.end : d.end + 20].lstrip("，, ")
    if after.startswith(("适当时候", "适时", "择机")):
        return False  # "建议今年适当时候，由国务院组织…检查": some time this year
    after = after[m.end() :] if (m := vx.PLANNER.match(after)) else after
    after = after[1:] if after[:1] in _ADVERBS and after[1:2] in ("将", "要") else after  # 还将
    going_on = after.startswith("继续") and not after.startswith("继续保持")  # a state, not work
    verb = cues.TARGET_VERBS.match(after)
    if verb is not None and after.startswith("的", verb.end()):
        return True  # "今年实施的民生工程进展顺利": the verb qualifies a noun
    hi = clause_of(ntext, d)[1]
    if verb is None and _SUBJECT_ORDERED.match(after):  # "今年天顶湖项目一期要完成主体结构",
        return False  # "今年，经开区将实现…": a subject's target
    counted = verb is None or verb.group().strip() == "争取"  # not "今年要完成…的造林任务，还要…"
    if counted and _NOUN_CLAUSE.fullmatch(ntext, d.end, hi) and _ORDER_NEXT.match(ntext, hi):
        return True  # "今年争取…已下达投资计划的20余个项目，也要确保…": the subject named
    return not (verb or going_on)


def _attribute(ntext: str, d: Deadline) -> bool:
    """ "总结上半年工作", "12月栏目下的报表", "纳入年底效能目标考核": a period qualifying a noun.
    After 底/末, which are "by" words too ("年底完成"), only a routine of that time counts (after
    终 too: "年终严格考核")."""
    expr = d.expr.rstrip()
    if d.kind not in _PERIODS:
        return False
    if _aimed_at(ntext, d) or (
        expr in ("全年", "今年", "本年") and ntext.endswith(("完成", "实现"), 0, d.start)
    ):  # "确保今年重点项目完成投资80亿元以上", "完成全年目标任务", "确保完成今年投资计划"
        return False  # that period's work
    if expr.endswith(("底", "末")):  # a lead before it makes it a deadline: 确保6月底考核合格
        lead = ntext.endswith(vx.DATE_LEADS, 0, d.start)
        return not lead and bool(vx.ROUTINE_AFTER.match(ntext, d.end))
    if expr.endswith("终") and vx.ROUTINE_AFTER.match(ntext, d.end):  # 年终严格考核
        return not ntext.endswith(vx.DATE_LEADS, 0, d.start)
    if (m := _PROJECTS_OF.match(ntext, d.end)) and not expr.endswith(vx.STRICT_BY):
        stop = vx.CLAUSE_STOP.search(ntext, m.end())
        rest = ntext[m.end() : stop.start() if stop else len(ntext)]
        if _PROJECT_TARGET.search(rest) is None:  # "调度2026年一季度开工项目": those projects
            return True
    if expr.endswith(vx.BY_MARKERS) or cues.TARGET_VERBS.match(ntext, d.end):  # 今年计划再建…
        return False
    m = vx.ATTRIBUTE_AFTER.match(ntext, d.end)
    if m is not None and m.group() == "是" and _LIMIT_WORDS.search(clause_text(ntext, d)):
        return False  # "10月是完成整改的最后期限": the subject states the limit
    return m is not None and not _stated_target(ntext, d.end)


def _stated_target(ntext: str, end: int) -> bool:
    """ "今年的目标是完成…", "明年的主要任务为：建成…", "今年全县主要预期目标是：地区生产总值
    增长6%左右，…": the period's targets stated after it (a list after a colon, else a verb)."""
    m = cues.STATED_TARGET.match(ntext, end)
    return m is not None and (
        cues.lists_targets(ntext, end) or bool(cues.TARGET_VERBS.match(ntext, m.end()))
    )


def _policy_window(ntext: str, d: Deadline) -> bool:
    """ "2019年1月1日至12月31日，困难企业可组织…": a period a policy applies in; so is a
    span of whole calendar years written day by day ("2019年1月1日至2020年12月31日，…")."""
    if vx.SERVICE_SPAN.search(ntext, max(0, d.start - 30), d.start):
        return True  # "法定供热期为每年的11月10日至次年的3月20日": a season's span, any part
    if d.kind != "range":
        return False
    if _WHOLE_YEARS.match(ntext[d.start : d.end]) or _NOTICE.search(ntext, d.start - 8, d.start):
        return True  # 公示期间（9月29日至10月9日）: the public's window to object
    label = vx.WINDOW_LABEL.search(ntext, clause_of(ntext, d)[0], d.start)
    if label is not None and not _EVENT_LABEL.search(label.group()):
        return False  # "报名时间：9月1日至15日，符合条件的人员可…报名": a window to act in
    return bool(vx.PERMISSION.search(ntext, *sentence_of(ntext, d)))


_EVENT_LABEL = re.compile("|".join(vx.EVENT_TIMES))


_PERIOD_LIST = re.compile(
    r"(?:[、和及与][^，,。；;、的]{0,4}?(?:年|年度|季度|半年|月|月份|旬))+的"
)  # each item a period ("于6月底前及时上报…的问题" is no list)
# ... in a quoted slogan of short phrases ("“年初公布、年中检查、年底兑现”的原则")
_QUOTE_OPEN, _QUOTE_SHUT = '“「"', '”」"'
# ... or negated: "年底前无法完成年度任务的8项工作" names the work that will miss it
_NEGATED = re.compile(
    r"[ \t]*(?:无法|未能|不能|难以|没有|未)(?:按期|如期|按时)?(?:完成|实现|到位|办结|开工|竣工|投产)"
)


_PROJECTS_OF = re.compile(r"(?:新开工|开工|竣工|建成|投产|续建|观摩)的?项目")
# ... not when the clause counts or targets them ("确保上半年新开工项目达到30个以上")
_PROJECT_TARGET = re.compile(r"[0-9一二三四五六七八九十百]+个|达到|不少于|以上|全部|投入使用|完成")


def _named_in_list(ntext: str, d: Deadline) -> bool:
    return d.kind in _PERIODS and bool(_PERIOD_LIST.match(ntext, d.end))


def _slogan(ntext: str, d: Deadline) -> bool:
    """ "遵循“年初公布、年中检查、年底兑现、接受监督”的原则": a period in a quoted motto
    ("按照“6月底前开工、9月底前主体完工、年底前投入使用”的要求" is a schedule: 前)."""
    if d.expr.rstrip().endswith(vx.STRICT_BY):
        return False
    lo = max(ntext.rfind(c, max(0, d.start - 16), d.start) for c in _QUOTE_OPEN)
    if lo < 0:
        return _repeated(ntext, d)
    hi = min((i for c in _QUOTE_SHUT if (i := ntext.find(c, d.end, d.end + 24)) >= 0), default=-1)
    return hi > 0 and ntext.count("、", lo, hi) >= 2 and not vx.CLAUSE_STOP.search(ntext, lo, hi)


def _repeated(ntext: str, d: Deadline) -> bool:
    """ "保证项目能够当年实施、当年完成、当年见效": what a candidate must be able to do (能够 or 可,
    then one period before a verb, 3+ times joined by 、): no deadline (力争当年开工… is one)."""
    lo, hi = clause_of(ntext, d)
    expr = d.expr.strip()
    items = [x.strip() for x in ntext[lo:hi].split("、")]
    return (
        len(items) >= 3
        and all(expr in x and len(x) - x.index(expr) - len(expr) <= 2 for x in items)
        and _ABLE.search(items[0][: items[0].index(expr)]) is not None
    )


_ABLE = re.compile(r"(?:能够|能|可以|可)在?(?:(?:19|20)[0-9]{2}年)?$")  # 能够在2024年当年实施…
_WEATHER = re.compile(
    r"预报|有雨|有雪|降雨|降雪|降温|寒潮来袭|台风过境|暴雨|降水|气温|较常年偏[多少高低]"
)
_ORDERED = re.compile(r"请|要|须|应|务必|完成|报送|上报|修复|做好")


def _forecast(ntext: str, d: Deadline) -> bool:
    """ "据气象预报，11月2日本地区有雨": the weather's day, no deadline ("赶在11月2日雨前完成
    秋收" has its "by" word)."""
    if d.expr.rstrip().endswith(vx.BY_MARKERS) or ntext.startswith(("雨前", "前"), d.end):
        return False
    clause = clause_text(ntext, d)  # "请县气象局于4月30日报送…预测报告" is an order
    return _WEATHER.search(clause) is not None and _ORDERED.search(clause) is None


_CONVENED = re.compile(r"召开|举行|召集")  # 参加9月底前…举办的培训 is work at a time
_MEETING = re.compile(
    r"[^，,；;。]{0,24}?(?:会议|例会|座谈会|推进会|调度会|联席会|工作会|大会|会(?=上|[，,。；;]|$))"
)


def meeting_name(ntext: str, d: Deadline) -> bool:
    """ "召开2021年第三季度行政工作例会", "召开兰考县2018年春节前保障农民工工资支付工作会议": a
    period in a meeting's name, after the verb convening it, dates nothing."""
    lo = clause_of(ntext, d)[0]
    return _CONVENED.search(ntext, lo, d.start) is not None and bool(_MEETING.match(ntext, d.end))


# 的 after a recurring period (or its verb), no date of it: "每季度的形象进度", "每月收缴的党费"
# (not "每月的25日前"); a shorter series it bounds ("每年的3月至12月每月巡查": 每月 is the work)
_NOUNED = re.compile(
    r"[\u4e00-\u9fff]{0,3}?的(?![0-9〇零一二三四五六七八九十首末最第前]|月|季)"
    r"|[ \t，,]*(?:内|期间)?[ \t，,]*每[一个两]?(?:月|周|星期|旬|天|日)"
    r"|亮(?!出)"  # "每月亮点", "列入每月亮晒的进度": a showcase named
)


def noun_period(ntext: str, d: Deadline) -> bool:
    """A recurring period qualifying a noun, bounding a shorter series, or told, not ordered."""
    return (
        bool(_NOUNED.match(ntext, d.end) or _SEASON_NAMED.match(ntext, d.end))
        or bool(_SYSTEM.match(ntext, d.end))  # "建立…每周报送制", "每月通报制度": a system named
        or _policy_window(ntext, d)
        or unordered(ntext, d)
    )


# "每年10月1日至次年4月30日为森林特别防护期": a season a rule names, no work
_SEASON_NAMED = re.compile(
    r"(?:[ \t]*[至到—–\-~][^，,。；;]{1,12}?)?[ \t]*[为為][^，,。；;]{0,14}?(?:期|期间|期間|阶段|階段|时段|時段)[ \t]*(?:[。；;]|$)"
)


def case_limit(ntext: str, d: Deadline) -> bool:
    """ "报告书14个工作日内完成审批", "48小时内放行": a relative period before a verb of
    handling, or any count of hours, is each case's handling limit; not one in a sentence
    addressing an order ("请区住建局30日内出具意见", "要在…办结本次…"), unless a count of hours
    follows an incident word ("遇突发险情须在2小时内书面报告")."""
    hours = "小时" in d.expr
    lo, hi = sentence_of(ntext, d)
    if _CONDITION.match(ntext, lo):
        return True  # "如发现不属于本单位承办的，要…在3个工作日内报…": each case's
    if not (hours or cues.PER_CASE.match(ntext, d.end)):
        return False
    if hours and _INCIDENT.search(clause_text(ntext, d)):
        return True  # "遇突发险情须在2小时内书面报告": each incident's, even in an order
    return not any(w in ntext[lo:hi] for w in cues.ORDER_WORDS)
