"""Dates that date what a report narrates or counts, not work to do (pure): a date beside done
work ("专家组4月14日实地调查了…"), opening a sentence of acts done ("7月9日至17日，…进行了督查"),
naming what a report covers ("2021年6月份全县重点项目进度情况如下"), or the period a statistic
counts ("上半年，全市完成地区生产总值…，比上年同期增长28.6%"); also a page's own time
("发布时间：2020-08-03"), a purpose a document states, and (``pipeline.unordered``) what
can be done by then. ``mentions.mention`` asks them. Also the day of the meeting a document
records, which "会后一周内" counts from."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.models import Deadline
from pipeline.sentences import clause_of, clause_text, sentence_of
from pipeline.unordered import PLANNED, URGED, unordered


def narrated_report(ntext: str, d: Deadline) -> bool:
    """ "2018年12月31日之前已完成转制的企业", "专家组4月14日实地调查了…": done, not to do;
    "7月9日至17日，县委督查办…，对…进行了督查": a sentence it opens narrates done work."""
    if ntext[d.end : d.end + 3].lstrip().startswith(vx.DONE_AFTER):
        return True
    if vx.NOW_STATUS.fullmatch(clause_text(ntext, d)):
        return True  # "目前…供暖前各项准备工作已经进入收尾阶段": how things stand
    if ntext.endswith(_DONE_LEADS, 0, d.start):
        return True  # "预算案已于2月公布": done on that day
    if d.basis == "rollover" and (told_done(ntext, d) or _happened(ntext, d)):
        return True  # "春节前，区领导走访慰问了困难群众" written in March: this year's, done
    by = d.expr.rstrip().endswith(vx.BY_MARKERS) or ntext.endswith(vx.DATE_LEADS, 0, d.start)
    if by:
        return False
    if d.kind == "year_explicit" and told_done(ntext, d):
        return True  # "2016年，该镇…着重谋划实施了10项重点工程建设，…进展顺利": the year told
    lo, hi = clause_of(ntext, d)  # after a target's lead ("确定了…奋斗目标：2017年全面建成…")
    colon = max(ntext.rfind("：", lo, d.start), ntext.rfind(":", lo, d.start))
    if colon > 0 and _TARGETS_LEAD.search(ntext, lo, colon + 1):
        lo = colon + 1
    if vx.DONE_IN_CLAUSE.search(ntext, lo, hi):
        return True
    lo, hi = sentence_of(ntext, d)
    if _NARRATED_ACT.search(ntext, lo, d.start) and not PLANNED.search(ntext, lo, hi):
        return True  # "…召开了民生工程年度推进会，对2020年度民生工程项目进行年终推进"
    return not ntext[lo : d.start].strip(" \t，,") and (
        _NARRATED_ACT.search(ntext, d.end, hi) is not None
        and PLANNED.search(ntext, d.end, hi) is None
    )


_TARGETS_LEAD = re.compile(r"(?:目标|任务|规划|计划|要求)(?:是|为)?[:：]$")


def _happened(ntext: str, d: Deadline) -> bool:
    """ "该项目2月19日开工" written in August: a day this year that an event took place on."""
    lo, hi = sentence_of(ntext, d)
    by = d.expr.rstrip().endswith(vx.BY_MARKERS)
    event = d.kind == "day" and not by and vx.EVENT_VERB.match(ntext, d.end) is not None
    return event and not PLANNED.search(ntext, lo, hi)


def told_done(ntext: str, d: Deadline) -> bool:
    """Whether the sentence after ``d`` tells work done (完成了, 走访慰问了) and plans none."""
    lo, hi = sentence_of(ntext, d)
    return _PERFECTIVE.search(ntext, d.end, hi) is not None and not PLANNED.search(ntext, lo, hi)


# Work told as done: 完成了, 走访慰问了 (a rolled-over date in such a sentence is this year's)
_PERFECTIVE = re.compile(
    r"(?:完成|慰问|走访|建成|开展|召开|举行|组织|发放|解决|落实|实现|开工|竣工|启动|进行|签订"
    r"|实施|推进|安排|投入|新建|改造|引进|打造|部署|整治|成立|组建|设立|制定|建立)了"
)
_DONE_LEADS = ("已于", "已经于", "已在", "已经在", "业已于", "均已于", "已先后于")
# An act narrated as done: 进行了督查, 召开了, 听取和审议了
_NARRATED_ACT = re.compile(
    r"(?:进行|开展|召开|举行|组织|听取|审议|检查|督查|调研|视察|考察|部署|印发|出台)了"
    r"(?!解)(?![^，,。；;]{0,8}的)"  # not 检查了的企业, 召开了听证会的项目: what is qualified
)

_REPORTED = re.compile(
    r"[^，,；;。]{0,24}?(?:(?:情况|进度|动态|统计|排名|通报|一览表|汇总表|明细表?|台账)"
    r"(?:如下|一览表|汇总表?|统计表|通报|表)?|进展(?:如下|通报|情况))[:：]?[ \t]*$"
)
# "现将全区十月份…情况通报如下": who reports, before the period
_REPORT_LEAD = re.compile(r"(?:现将|现就|兹将)?(?:全[区县市镇乡]|我[区县市镇乡局])?")
# ... a noun chain only: an order or an act in it ("今年要重点检查…的情况", "9月底完成…统计",
# "6月底建立问题整改台账") makes it work; the report's own noun (推进情况, 完成情况) does not
_SENDS = re.compile(
    r"报送(?!情况)|上报(?!情况)|提交|报告|报至|反馈|填报|上传|要|将|须|应|需|请|拟|务必|开展|检查|组织|对"
    r"|完成(?!情况)|建立|明确|编制|制定|形成|梳理|核查|摸清|更新|汇总(?!表)"
)


def reported_period(ntext: str, d: Deadline) -> bool:
    """ "2021年6月份全县重点项目进度情况如下": a period (no "by" word, nothing before it in its
    clause) naming what a report covers, not a deadline; "6月份报送完成情况" is one."""
    expr = d.expr.strip()
    clause = clause_text(ntext, d).lstrip()
    if lead := _REPORT_LEAD.match(clause):
        clause = clause[lead.end() :]
    if expr.endswith(vx.STRICT_BY) or expr.startswith(lx.END_CUES) or not clause.startswith(expr):
        return False
    rest = clause[len(expr) :]
    return _REPORTED.fullmatch(rest) is not None and not _SENDS.search(rest)


# Results measured over a period, as statistics report them (the period is the one counted,
# not a deadline): 比上年同期增长28.6%, 同比下降, 增幅全省排第7位, 高出全省0.1个百分点
_RESULT = re.compile(
    r"(?:比|较)(?:上年|去年)同期|同比(?:增长|下降|提高|减少|增加|持平|上升)"
    r"|增幅[^，,；;。]{0,6}排|排(?:名)?(?:全[省市区县国])?(?:第|前)[0-9一二三四五六七八九十]+"
    r"|位居[^，,；;。]{0,6}第|(?:高出|低于|高于)全[省市国]"
)
# An amount counted, after a period already over when written ("上半年，全区实现地区生产总值
# 120亿元" in July): this year's result, not next year's target
_WHERE = re.compile(r"(?:全[国省市区县镇乡]|[我本][省市区县镇乡])?")
_REPORT_LAG = 100  # days after a period's end in which its figures are reported
_NEARLY_OVER = 31  # ... or before it, when what is done is counted
_DONE_AMOUNT = re.compile(r"(?:完成|实现|累计)[^，,。；;]{0,12}?[0-9][0-9.]*[ \t]*(?:亿|万|%)")
_AMOUNT = re.compile(r"[0-9][0-9.]*[ \t]*(?:亿|万|%|个百分点|倍)")
_AIMED = re.compile(
    r"力争|确保|争取|目标|预计|预期|计划|(?<![主重需])要|将|拟|[0-9%]\s*(?:以上|左右)"
)


def statistic(ntext: str, d: Deadline, as_of: dt.date | None = None) -> bool:
    """ "上半年，全市完成地区生产总值802.81亿元，比上年同期增长28.6%": the period a statistic
    counts, heading a sentence of measured results (or, for a period over when written, of
    amounts) with no aim in it; not a deadline."""
    if d.expr.rstrip().endswith(vx.STRICT_BY):
        return False
    lo, hi = sentence_of(ntext, d)
    if not _WHERE.fullmatch(ntext[lo : d.start].strip(" \t，,")):
        return False  # the period heads its sentence (after where: "全县12月份当月…同比增长8%")
    sentence = ntext[d.end : hi]
    measured = (
        _RESULT.search(sentence) is not None
        or (_just_over(d, as_of) and _AMOUNT.search(sentence) is not None)
        or (_nearly_over(d, as_of) and _DONE_AMOUNT.search(sentence) is not None)
    )
    return measured and _AIMED.search(sentence) is None


def _just_over(d: Deadline, as_of: dt.date | None) -> bool:
    """Whether ``d`` rolled over from a period of this year that ended within about a quarter
    before ``as_of`` (a report's period; a plan written in December for next year's first
    quarter rolls over from one that ended nine months before)."""
    if d.basis != "rollover" or d.due is None or as_of is None:
        return False
    ended = d.due.replace(year=d.due.year - 1, day=min(d.due.day, 28))
    return (as_of - ended).days <= _REPORT_LAG


def _nearly_over(d: Deadline, as_of: dt.date | None) -> bool:
    """Whether this year's period ``d`` ends within a month after ``as_of`` ("上半年，…完成投资
    12.8亿元" on 21 June: the figures so far)."""
    return (
        as_of is not None
        and d.basis == "document"
        and d.due is not None
        and 0 <= (d.due - as_of).days <= _NEARLY_OVER
    )


def doc_day_event(ntext: str, d: Deadline, clause: str) -> bool:
    """A bare day equal to the document's own dates the event the document reports ("5月15日
    清晨，区委主要领导带领…进行检查"; "（…会议通过）"), unless its sentence orders work and its
    clause tells no event ("请各单位于今日（3月20日）下班前报送名单")."""
    lo, hi = sentence_of(ntext, d)
    return vx.DOC_DAY_EVENT.search(clause) is not None or cues.ORDERED.search(ntext, lo, hi) is None


# A document's statement of purpose naming its work by a time: "为做好春节前后空气质量保障工作，
# 确保…，特制定本方案", "为做好国庆节前安全检查工作，现将有关事项通知如下": that work is set out
# after it (not "为确保在10月底前全面完成整改任务，现就…通知如下", the document's own target)
_LATER_BY = re.compile(
    r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月(?:份|底|末|[上中下]旬|[0-9]{1,2}日)?(?:前|以前|之前)"
)
_PURPOSE_FORMULA = re.compile(r"特制定|特制订|制定本|制订本|现将|现就|特作如下|提出如下|通知如下")


def purpose_statement(ntext: str, d: Deadline) -> bool:
    """Whether ``d`` qualifies the work a statement of purpose names (its clause opens with
    为做好…) in a sentence closed by the formula that introduces a document's contents."""
    hi = sentence_of(ntext, d)[1]
    clause, end = clause_of(ntext, d)
    if cues.PURPOSE_OPEN.match(ntext, clause) is None:
        return False
    # or the work it names before the sentence's own by-date ("为做好今冬明春供热工作，…，确保10月底前
    # 准备就绪")
    named = ntext.endswith("工作", clause, end) and _LATER_BY.search(ntext, end, hi) is not None
    return named or bool(_PURPOSE_FORMULA.search(ntext, d.end, hi))


def told_not_ordered(ntext: str, d: Deadline, as_of: dt.date) -> bool:
    """Whether ``d`` dates something told, not ordered: a narrated report, a period reported,
    a statistic, or the purpose a document states."""
    return (
        narrated_report(ntext, d)
        or reported_period(ntext, d)
        or statistic(ntext, d, as_of)
        or purpose_statement(ntext, d)
        or unordered(ntext, d)
        or _outturn(ntext, d)
        or _as_of_report(ntext, d)
    )


# "截至6月27日24时，全市完成6月底前…“应接尽接”目标任务": a sentence of figures up to a cutoff
_MET = re.compile(r"(?:完成|实现|达到|完成了)[^，,。；;]{0,4}$")
_CUTOFF_OPENS = re.compile(r"[ \t]*(?:截至|截止到|截止至|截止(?=[0-9一二三四五六七八九十今本目]))")


def _as_of_report(ntext: str, d: Deadline) -> bool:
    lo, hi = sentence_of(ntext, d)
    lo = max(lo, ntext.rfind("；", lo, d.start) + 1, ntext.rfind(";", lo, d.start) + 1)
    opens = _CUTOFF_OPENS.match(ntext, lo)  # (in its segment: "…；二号厂房…，月底主体完工")
    ordered = _ahead(ntext, lo, hi)  # 预计11月中旬完成
    c_lo, c_hi = clause_of(ntext, d)  # 完成6月底前…任务; 9月底前全部开工的项目已开工28个
    met = _MET.search(ntext, c_lo, d.start) is not None or "的" in ntext[d.end : c_hi]
    told = d.basis == "rollover" or (met and not ordered)  # (均于9月底前完成 in October)
    return opens is not None and d.start > opens.end() + 1 and told


# "今年全市计划改造旧管网50公里，实际改造109公里，超额完成改造任务": the plan told with its outturn
_ACTUAL = re.compile(
    r"实际(?:完成|改造|建成|新建|投资|开工|实施|发放|培训)?[^，,。；;]{0,6}?[0-9]|已超额完成|超额完成了"
)


# ... and, in a sentence that orders and plans nothing, "超额完成年度任务", "完成年度目标的115%"
_MET_SHARE = re.compile(
    r"(?<![和并地以])超额完成|完成(?:年度|全年)(?:目标|任务|计划)的?[0-9]+(?:\.[0-9]+)?%"
)


def _ahead(ntext: str, lo: int, hi: int) -> bool:
    """Whether text orders or plans work (要, 力争, 计划, 预计 …), not only tells it."""
    return URGED.search(ntext, lo, hi) is not None or PLANNED.search(ntext, lo, hi) is not None


def _outturn(ntext: str, d: Deadline) -> bool:
    lo, hi = sentence_of(ntext, d)
    if _MET_SHARE.search(ntext, d.end, hi) and not _ahead(ntext, lo, hi):
        return True
    return _ACTUAL.search(ntext, d.end, hi) is not None and not PLANNED.search(ntext, lo, d.start)


def page_time(ntext: str, d: Deadline) -> bool:
    """2020-04-14 00:00:00, 发布时间：2020-08-03: when a page was published."""
    line_start = ntext.rfind("\n", 0, d.start) + 1
    label = vx.METADATA.search(ntext, max(line_start, d.start - 16), d.start)
    if label is not None and label.group().startswith(("时间", "日期")):  # no 发布/印发 before
        # a "by" date (活动时间：7月31日前) or a phase's time before its work ("时间：5月30日—6月4日。
        # 各村要…") is no page's time
        by = d.expr.rstrip().endswith(vx.BY_MARKERS)  # nor a window closed ("…，逾期不予受理")
        lo, hi = sentence_of(ntext, d)  # nor one its sentence orders work in ("…，各村要…")
        closes = d.kind == "range" and _NOT_TAKEN.search(ntext, lo, hi)
        ordered = cues.ORDERED.search(ntext, d.end, hi) is not None
        return (
            not by
            and not closes
            and not ordered
            and not (d.kind != "day" and ntext[hi:].strip("。；; \n"))
        )
    # "新华社北京3月5日电", "济南时报11月16日讯": a dateline
    dateline = _DATELINE_END.match(ntext, d.end) is not None or (  # "记者9月30日从…获悉"
        ntext.endswith(("记者", "記者"), 0, d.start) and _HEARD_FROM.match(ntext, d.end) is not None
    )
    return bool(vx.CLOCK.match(ntext, d.end)) or label is not None or dateline


_NOT_TAKEN = re.compile(cues.NOT_TAKEN)
_HEARD_FROM = re.compile(r"[ \t]*(?:从|從|在)[^，,。；;]{1,40}?(?:获悉|獲悉|了解到|瞭解到|得知)")
_DATELINE_END = re.compile(r"[电讯](?:[ \t]|[（(](?:记者|通讯员))")
# A relative period counted from a meeting ("会后一周内"), and the words after a day that show
# it is a meeting's ("6月3日，区长主持召开…", "定于6月20日召开…")
AFTER_MEETING = re.compile(r"会议?(?:结束)?[以之]?后")
HELD_AFTER = re.compile(r"[^。；;]{0,30}?(?:召开|举行|主持)")


def meeting_day(
    paragraphs: Sequence[str], resolve: Callable[[str], list[Deadline]]
) -> dt.date | None:
    """The day of the meeting a document records or calls, from its first (normalised)
    paragraphs: the first day a 召开/举行/主持 follows in its sentence."""
    for text in paragraphs:
        for d in resolve(text):
            if d.kind == "day" and d.due and HELD_AFTER.match(text, d.end):
                return d.due
    return None


def phase_length(d: Deadline, title: str, found: list[Deadline]) -> bool:
    """ "（一）集中攻坚阶段（2023年8月至11月）。…用3个月左右时间开展集中攻坚": a count of time in
    a phase whose dates open its paragraph is the phase's length, not counted from the
    document; the phase's dates date its work."""
    return (
        title.endswith("阶段")
        and d.expr.lstrip().startswith(("用", "再用"))
        and any(x is not d and x.start == 0 and x.due is not None for x in found)
    )


def stands(ntext: str, start: int, end: int) -> bool:
    """ "目前，项目已全部竣工，并已完成县级验收。": a sentence telling how things stand, or
    work done ("7月以来，…进行了全面的细查", "县委县政府高度重视，实行…"), with no order or
    plan in it ("目前…已完成改造，要加快推进…" has one)."""
    if URGED.search(ntext, start, end):
        return False
    if vx.STATUS_CLAUSE.match(ntext, start, end):
        return True
    news = _NEWS_OPEN.match(ntext, start, end)  # (负责人 there is a person, no assignment)
    told = news or _TELLS.search(ntext, start, end) or _SINCE.match(ntext, start, end)
    return (
        told is not None
        and not PLANNED.search(ntext, start, end)
        and (news is not None or not _ASSIGNED.search(ntext, start, end))
    )  # not "县应急局进行了前期调研，县财政局负责资金保障"


# A sentence telling what was done or how it was taken: 完成了, 进行了, 高度重视; 7月以来
_TELLS = re.compile(rf"(?:{_PERFECTIVE.pattern})(?![解结])|{_NARRATED_ACT.pattern}|高度重视")
_SINCE = re.compile(r"[ \t]*[^，,。；;]{1,12}以来[ \t]*[，,]")  # (not "排查以来发现的问题")
_NEWS_OPEN = re.compile(
    r"[ \t]*(?:近日|日前|前不久|昨日|昨天|连日来|最近)[ \t]*[，,]"
)  # 近日，督查组来到…
_ASSIGNED = re.compile(r"负责|牵头|配合")


@lru_cache(maxsize=1024)  # the paragraphs of a section share its path
def past_section(section: tuple[str, ...]) -> bool:
    """Whether a paragraph's heading path places it in a review of the past (工作总结, 回顾 …),
    not in a target's title or a section naming the work ahead."""
    for head in reversed(section[-2:]):  # the innermost heading naming either decides
        if vx.AHEAD_HEADING.search(head):
            return False
        if not _TARGET_TITLE.search(head) and any(m in head for m in vx.PAST_SECTION_MARKERS):
            return True
    return False


# a target's title, which defers to the heading above it ("赋能中小企业成效明显" under 发展目标,
# "能源转型成效明显" under "2025年工作总结和“十四五”发展成就"; a heading naming the work ahead as
# well, vocab.AHEAD_HEADING, is no review)
_TARGET_TITLE = re.compile(r"成效(?:明显|显著|突出|凸显|更加)")
