"""Dates that date what a report narrates or counts, not work to do (pure): a date beside done
work ("专家组4月14日实地调查了…"), opening a sentence of acts done ("7月9日至17日，…进行了督查"),
naming what a report covers ("2021年6月份全县重点项目进度情况如下"), or the period a statistic
counts ("上半年，全市完成地区生产总值…，比上年同期增长28.6%"); also a page's own time
("发布时间：2020-08-03"), a purpose a document states, and what can be done by then.
``mentions.mention`` asks them. Also the day of the meeting a document records, which
"会后一周内" counts from."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.models import Deadline
from pipeline.sentences import clause_of, clause_text, sentence_of


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
    if _NARRATED_ACT.search(ntext, lo, d.start) and not _PLANNED.search(ntext, lo, hi):
        return True  # "…召开了民生工程年度推进会，对2020年度民生工程项目进行年终推进"
    return not ntext[lo : d.start].strip(" \t，,") and (
        _NARRATED_ACT.search(ntext, d.end, hi) is not None
        and _PLANNED.search(ntext, d.end, hi) is None
    )


_TARGETS_LEAD = re.compile(r"(?:目标|任务|规划|计划|要求)(?:是|为)?[:：]$")


def _happened(ntext: str, d: Deadline) -> bool:
    """ "该项目2月19日开工" written in August: a day this year that an event took place on."""
    lo, hi = sentence_of(ntext, d)
    by = d.expr.rstrip().endswith(vx.BY_MARKERS)
    event = d.kind == "day" and not by and vx.EVENT_VERB.match(ntext, d.end) is not None
    return event and not _PLANNED.search(ntext, lo, hi)


def told_done(ntext: str, d: Deadline) -> bool:
    """Whether the sentence after ``d`` tells work done (完成了, 走访慰问了) and plans none."""
    lo, hi = sentence_of(ntext, d)
    return _PERFECTIVE.search(ntext, d.end, hi) is not None and not _PLANNED.search(ntext, lo, hi)


# Work told as done: 完成了, 走访慰问了 (a rolled-over date in such a sentence is this year's)
_PERFECTIVE = re.compile(
    r"(?:完成|慰问|走访|建成|开展|召开|举行|组织|发放|解决|落实|实现|开工|竣工|启动|进行|签订"
    r"|实施|推进|安排|投入|新建|改造|引进|打造|部署|整治)了"
)
_DONE_LEADS = ("已于", "已经于", "已在", "已经在", "业已于", "均已于", "已先后于")
_PLANNED = re.compile(
    r"力争|确保|争取|预计|预期|(?<![按度年])计划|(?<![主重需])要(?!求)|(?<![现特兹])将|拟|请"
)
# An act narrated as done: 进行了督查, 召开了, 听取和审议了
_NARRATED_ACT = re.compile(
    r"(?:进行|开展|召开|举行|组织|听取|审议|检查|督查|调研|视察|考察|部署|印发|出台)了"
    r"(?!解)(?![^，,。；;]{0,8}的)"  # not 检查了的企业, 召开了听证会的项目: what is qualified
)


# An order or an urging anywhere in a sentence ("目前…已完成改造，要加快推进…"; not 正在加快)
URGED = re.compile(cues.ORDERED.pattern + r"|应当|力争|确保|(?<!正在)加快|抓紧|尽快")
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
_REPORT_LAG = 100  # days after a period's end in which its figures are reported
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
    if ntext[lo : d.start].strip(" \t，,"):
        return False  # the period heads its sentence
    sentence = ntext[d.end : hi]
    measured = _RESULT.search(sentence) is not None or (
        _just_over(d, as_of) and _AMOUNT.search(sentence) is not None
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


def doc_day_event(ntext: str, d: Deadline, clause: str) -> bool:
    """A bare day equal to the document's own dates the event the document reports ("5月15日
    清晨，区委主要领导带领…进行检查"; "（…会议通过）"), unless its sentence orders work and its
    clause tells no event ("请各单位于今日（3月20日）下班前报送名单")."""
    lo, hi = sentence_of(ntext, d)
    return vx.DOC_DAY_EVENT.search(clause) is not None or cues.ORDERED.search(ntext, lo, hi) is None


# A document's statement of purpose naming its work by a time: "为做好春节前后空气质量保障工作，
# 确保…，特制定本方案", "为做好国庆节前安全检查工作，现将有关事项通知如下": that work is set out
# after it (not "为确保在10月底前全面完成整改任务，现就…通知如下", the document's own target)
_PURPOSE_OPEN = re.compile(r"[ \t]*(?:为了|为)(?:切实|进一步|全力|扎实)?(?:做好|抓好|开展好|加强)")
_LATER_BY = re.compile(
    r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月(?:份|底|末|[上中下]旬|[0-9]{1,2}日)?(?:前|以前|之前)"
)
_PURPOSE_FORMULA = re.compile(r"特制定|特制订|制定本|制订本|现将|现就|特作如下|提出如下|通知如下")


def purpose_statement(ntext: str, d: Deadline) -> bool:
    """Whether ``d`` qualifies the work a statement of purpose names (its clause opens with
    为做好…) in a sentence closed by the formula that introduces a document's contents."""
    hi = sentence_of(ntext, d)[1]
    clause, end = clause_of(ntext, d)
    if _PURPOSE_OPEN.match(ntext, clause) is None:
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
    return URGED.search(ntext, lo, hi) is not None or _PLANNED.search(ntext, lo, hi) is not None


def _outturn(ntext: str, d: Deadline) -> bool:
    lo, hi = sentence_of(ntext, d)
    if _MET_SHARE.search(ntext, d.end, hi) and not _ahead(ntext, lo, hi):
        return True
    return _ACTUAL.search(ntext, d.end, hi) is not None and not _PLANNED.search(ntext, lo, d.start)


def unordered(ntext: str, d: Deadline) -> bool:
    """Whether ``d`` dates what can be done by then, a term's definition, a practice, or
    what a policy grants or whom it covers."""
    return _possible(ntext, d) or _defined(ntext, d) or _practised(ntext, d) or _granted(ntext, d)


# A period a relief runs for ("对其自用房产五年内免征房产税", "…年底前…可免缴国有资本收益"); a
# distance that makes a criterion ("距法定退休年龄五年以内的人员"); a case a clause opening with
# 对 and closing with 的 names ("对汛前无法整改到位的，要…": those cases, not a deadline)
_RELIEF = re.compile(
    r"(?:[^，,。；;]{0,12}?可以?|[ \t]*)(?:继续)?(?:免征|免缴|免收|暂免|减半征收|减按|减免|免于)"
)
_CASE = re.compile(r"对[^，,。；;]{0,30}的$")
_RELIEF_LEADS = ("于", "在", "应", "需", "须", "要")
_DISTANCE = re.compile(r"距[^，,。；;]{0,16}?(?:年龄|退休|届满|到期|期满)[^，,。；;]{0,4}$")
# ... and the years an incentive runs for the cases named before it ("对新认定的高新技术企业，
# 三年内给予奖励", "对…成效明显的市，在两年之内对其…实行“直通车”机制"): no deadline
_CASE_BEFORE = re.compile(r"对[^。；;]{1,60}?的[^，,。；;]{0,24}[，,]?[ \t]*[在于]?[ \t]*$")
_GRANTS = re.compile(r"给予|实行|享受|奖励|补贴|补助|扶持|倾斜|优先|减免|免征")


def _granted(ntext: str, d: Deadline) -> bool:
    lo, hi = clause_of(ntext, d)
    relief = _RELIEF.match(ntext, d.end)
    led = ntext[lo : d.start].rstrip().endswith(_RELIEF_LEADS)  # "各国有企业应于6月30日前减免…"
    if relief and ("可" in relief[0] or not led) and not URGED.search(ntext, lo, d.start):
        return True  # not "各区国有企业要在6月底前减免…房租": an order to grant it
    if _DISTANCE.search(ntext, lo, d.start):
        return True
    if d.kind.startswith("relative") and _CASE_BEFORE.search(
        ntext, sentence_of(ntext, d)[0], d.start
    ):
        if _GRANTS.search(ntext, d.end, hi) and not URGED.search(ntext, lo, hi):
            return True
    return _CASE.fullmatch(ntext, lo, hi) is not None


# "年内可以完成或者见诸实效": what can be done by then (a criterion, a forecast), not an order;
# "确保年内能够完成" is a target
_CAN = re.compile(
    r"[ \t]*(?:可以|能够|能夠|可望|有望|可(?=实现|节约|节省|减少|降低|增加|新增|提高|形成|带动|创造|增收|产生)"
    r"|可(?=申请|申报|办理|享受|领取))"  # ... or a permission: "11月30日前可申请社保补贴"
)  # 每年可实现经济效益4200多万元: a benefit foreseen
# ... and so is work a series can finish or reach ("每年可完成…"); after a date, "11月底可完成主体
# 工程建设" and "年底前可实现全线贯通" are a schedule's steps, as 预计 is
_CAN_REACH = re.compile(r"[ \t]*可(?:实现|完成|建成|投产|达到?|投入|投用|通车|竣工|完工|交付|贯通)")
_CAN_BEFORE = re.compile(
    r"(?:可以|能够|能夠|可望|有望|一般能)[ \t]*[在于]?[ \t]*$"
)  # 一般能够在当年完成
_AIM_BEFORE = re.compile(r"确保|力争|争取|要|须|务必|必须|保证")


def _possible(ntext: str, d: Deadline) -> bool:
    lo, hi = clause_of(ntext, d)
    reach = _CAN_REACH.match(ntext, d.end) is not None
    by = d.expr.rstrip().endswith(("前", "以前", "之前")) and "的" not in ntext[d.end : hi]
    if reach and by:  # "城南路网年底前可实现全线贯通": a step (not "年底前可以竣工的项目有12个",
        return False  # nor 能够/可以: a criterion, a window)
    can = _CAN.match(ntext, d.end) or _CAN_BEFORE.search(ntext, lo, d.start)
    return (bool(can) or (reach and bool(d.recurring))) and not _AIM_BEFORE.search(
        ntext, lo, d.start
    )


def page_time(ntext: str, d: Deadline) -> bool:
    """2020-04-14 00:00:00, 发布时间：2020-08-03: when a page was published."""
    line_start = ntext.rfind("\n", 0, d.start) + 1
    label = vx.METADATA.search(ntext, max(line_start, d.start - 16), d.start)
    if label is not None and label.group().startswith(("时间", "日期")):  # no 发布/印发 before
        # a "by" date (活动时间：7月31日前) or a phase's time before its work ("时间：5月30日—6月4日。
        # 各村要…") is no page's time
        by = d.expr.rstrip().endswith(vx.BY_MARKERS)
        return not by and not (
            d.kind != "day" and ntext[sentence_of(ntext, d)[1] :].strip("。；; \n")
        )
    # "新华社北京3月5日电", "济南时报11月16日讯": a dateline
    dateline = _DATELINE_END.match(ntext, d.end) is not None
    return bool(vx.CLOCK.match(ntext, d.end)) or label is not None or dateline


_DATELINE_END = re.compile(r"[电讯](?:[ \t]|[（(](?:记者|通讯员))")
# "工资、薪金所得，是指个人…取得的工资、薪金、奖金、年终加薪…": a term's definition names no work,
# nor does a reference moment or an age limit
_DEFINES = re.compile(r"是指|系指")


def _defined(ntext: str, d: Deadline) -> bool:
    lo, (a, b) = sentence_of(ntext, d)[0], clause_of(ntext, d)
    if _DEFINES.search(ntext, lo, d.start) or _REFERENCE.search(ntext, a, b):
        return True  # also a census's reference moment: "普查标准时点是2020年11月1日零时"
    return _AGE.match(ntext, d.end) is not None  # "征集年龄为12月31日前年满18周岁": a criterion


_REFERENCE = re.compile(r"标准时点")
_AGE = re.compile(r"[ \t，,]*(?:年满|满[0-9一二三四五六七八九十]{1,3}周?岁|出生)")


def _practised(ntext: str, d: Deadline) -> bool:
    """ "自九月份以来，每周都组织…召开调度会议": a series kept since a time, told, not ordered;
    so is one a meeting told it set out ("会议…明确了每月目标报送要求")."""
    if not d.recurring:
        return False
    if _SET_OUT.search(ntext, clause_of(ntext, d)[0], d.start) or ntext.endswith(
        "一般", 0, d.start
    ):
        return True  # ... or a standing custom: "国务院全体会议一般每半年召开一次"
    lo = sentence_of(ntext, d)[0]
    since = ntext.rfind("以来", lo, d.start)
    hi = clause_of(ntext, d)[1]
    return since >= 0 and _PLANNED.search(ntext, since, hi) is None


_SET_OUT = re.compile(r"(?:明确|提出|制定|规定|部署|强调)了")


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
    """ "目前，项目已全部竣工，并已完成县级验收。": a sentence telling how things stand, with
    no order in it ("目前…已完成改造，要加快推进…" has one)."""
    return vx.STATUS_CLAUSE.match(ntext, start, end) is not None and not URGED.search(
        ntext, start, end
    )
