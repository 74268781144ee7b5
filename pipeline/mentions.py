"""Dates that date no action: which expressions found in a paragraph are mentions, not
deadlines (pure). A date already past is a report (``extract`` keeps those; ``already_past``
also finds the ones DEADLINES.md would roll to next year that a sentence narrates or a run of
this year's milestones holds); here the rest: timestamps and metadata lines, event times
("6月13日，我县召开…", "…7月1日起施行"), policy windows, year words naming a topic, five-year
plans named, periods qualifying a noun or naming a report or a meeting, work already done,
holiday schedules, a bracket spelling out a series."""

from __future__ import annotations

import datetime as dt
import re
from itertools import repeat

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.models import Deadline

_PERIODS = frozenset({"half", "quarter", "month_end", "xun", "year_end"})
_LEADS_BEFORE = ("于", "在", "到", "至", "截至", "截止", "确保", "力争", "争取", "务必", "请")
_EVENT_AFTER = ("，", ",", "上午", "下午", "晚", "起", "召开", "举行", " ")
# Year words alone name the year talked about ("今年我县承担的…"), dating only a target (_topic_year)
_TOPIC_YEARS = ("今年", "本年", "当年", "明年", "后年")
_WHOLE_YEARS = re.compile(r"^(?:[0-9]{4}年)?1月1日.*[至到—–~-].*12月31日$")
_CLAUSE_STOPS = vx.SENTENCE_END + vx.CLAUSE_SEP + "\n"
_CLAUSE_STOP = re.compile(f"[{re.escape(_CLAUSE_STOPS)}]")
_INCIDENT = re.compile(r"遇|发生|突发|一旦|出现|如有|事故|险情|接报|事件")
_LIMIT_WORDS = re.compile(r"期限|时限|截止|节点")
_NOTICE = re.compile(r"公示(?:期|期间|时间)[为是：:（( \t]*$")
_PLAN_NOUN = re.compile(r"(?:方案|规划|计划|纲要|行动|意见|要点|工程|战略)$")
_WEEKDAY_NOTE = re.compile(r"[（(](?:星期|周|礼拜)[一二三四五六日天][）)]")
# a "by" word soon after the note, in its clause: （星期二）前, （周五）上午下班前, （星期一）12时前
_BY_AFTER_NOTE = re.compile(
    r"(?:上午|下午|中午|晚上|早上|下班|[0-9]{1,2}[:：时点]|[0-9]{1,2}分|[ \t])*(?:前|以前|之前|为止)(?![往进面方])"
)


# A rolled date (its month already past this year, so read as next year's) that its clause
# narrates: after 于 before an event's verb ("项目于3月1日开工"), or beside done words, with no
# plan, order or addressee before it
_NARRATED_LEADS = ("于", "已于", "已在", "先后于", "分别于")
_FUTURE_BEFORE = re.compile(
    r"将|计划|拟|预计|力争|争取|确保|要|须|需|应|必须|定于|请|务必|要求|预期|有望|准备|打算|明年|下一步|下步"
    r"|各|有关|相关|明确|同意|决定|议定|研究"
)
_EVENT_VERB = re.compile(
    r"(?:正式|顺利|成功|全面|已)?(?:开工|动工|完工|竣工|完成|召开|举行|开馆|开园|开业|通车|投用|投入使用"
    r"|投产|启动|签约|揭牌|挂牌|建成|通过|印发|出台|开始|进场|封顶)"
)
_NARRATED_NEAR = re.compile(
    r"目前|当前|现已|已经|已[完建开竣实达基封投]|[^为]了|顺利|截至|发现的?问题"
)
# ... or a meeting held on that day whose spirit or outcome is carried out ("贯彻落实2月17日
# 全省…会议精神")
_HELD = re.compile(r"[^，,；;。]{0,30}?(?:会议|会|讲话|批示)(?:精神|情况|要求|部署)")
_STRICT_BY = ("前", "内", "为止", "止")


def already_past(ntext: str, d: Deadline, found: list[Deadline], as_of: dt.date) -> dt.date | None:
    """The day a date names when it was already past as written: one before the document's
    date, or one DEADLINES.md would roll to next year that is this year's (narrated, or
    early in a sequence), placed back in this year."""
    if d.due is None or d.recurring:
        return None
    if d.due < as_of:
        return d.due
    if narrated_past(ntext, d) or early_in_sequence(ntext, d, found, as_of):
        return d.due.replace(
            year=d.due.year - 1, day=min(d.due.day, 28 if d.due.month == 2 else 31)
        )
    return None


def narrated_past(ntext: str, d: Deadline) -> bool:
    """ "县医院迁建项目于3月1日开工，目前主体已封顶" in a June report: a day already past this
    year, narrated (after 于 before an event's verb, or in a clause of done work) with no plan,
    order or addressee before it (各乡镇于1月20日完成…, 会议明确3月底完成…), is last spring's,
    not next year's: a report, not a task. "计划于3月1日开工" and "3月底前完成" in a December
    plan still roll to next year."""
    if d.basis != "rollover" or d.recurring or d.expr.rstrip().endswith(_STRICT_BY):
        return False
    if d.kind == "day" and _HELD.match(ntext, d.end):
        return True  # "要贯彻落实2月17日…会议精神": the meeting was held, whatever is ordered
    lo = max(map(ntext.rfind, _CLAUSE_STOPS, repeat(0), repeat(d.start))) + 1
    stop = _CLAUSE_STOP.search(ntext, d.end)
    hi = stop.start() if stop else len(ntext)
    before = ntext[lo : d.start]
    if _FUTURE_BEFORE.search(before):
        return False
    done = _NARRATED_NEAR.search(ntext, lo, hi) is not None
    if before.endswith(_NARRATED_LEADS) or d.expr.startswith(_NARRATED_LEADS):
        event = _EVENT_VERB.match(ntext, d.end) is not None
        return (event or done) and "将" not in ntext[d.end : hi]
    return done


_SEQUENCE_KINDS = frozenset({"month_end", "xun", "day", "quarter", "half"})


def early_in_sequence(ntext: str, d: Deadline, found: list[Deadline], as_of: dt.date) -> bool:
    """ "3月底前新建成2家；6月底前新建成2家；9月底前完成7家" in a July plan: months already
    over in a run of at least three in one sentence, their months rising, that ends at least
    two months after the document's in this year, are this year's (milestones past), not next
    year's: the run is one year's. ("计划4月底前建成投用。…10月底前完成主体" in September, a
    November plan's "2月…；6月…；12月…" still put the early ones next year.)"""
    if d.basis != "rollover" or d.recurring or d.kind not in _SEQUENCE_KINDS:
        return False
    lo, hi = sentence_of(ntext, d)
    run = [
        x
        for x in found
        if lo <= x.start < hi and x.kind in _SEQUENCE_KINDS and not x.recurring and x.due
    ]
    months = [x.due.month for x in run if x.due is not None]
    last = run[-1] if run else None
    return (
        len(run) >= 3
        and all(a < b for a, b in zip(months, months[1:], strict=False))
        and last is not None
        and last.due is not None
        and last.basis == "document"
        and last.due.year == as_of.year
        and last.due.month >= as_of.month + 2
    )


def sentence_of(ntext: str, d: Deadline) -> tuple[int, int]:
    """The bounds of the sentence holding ``d`` (cut at 。！？ and the like)."""
    lo = max(ntext.rfind(c, 0, d.start) for c in vx.SENTENCE_END) + 1
    hi = min((i for c in vx.SENTENCE_END if (i := ntext.find(c, d.end)) >= 0), default=len(ntext))
    return lo, hi


def mention(ntext: str, d: Deadline, as_of: dt.date, *, schedule: bool = False) -> bool:
    """Whether a future date found in normalised paragraph text dates no action. In a
    ``schedule`` (a section of phases or steps) a future day is a step's, not an event's."""
    return (
        _timestamp(ntext, d)
        or ((not schedule or d.basis == "rollover") and _event_time(ntext, d, as_of))
        or _policy_window(ntext, d)
        or _topic_year(ntext, d)
        or _plan_named(ntext, d)
        or _plan_span(ntext, d)
        or _attribute(ntext, d)
        or _report(ntext, d)
        or _calendar(ntext, d)
        or _reported_period(ntext, d)
        or meeting_name(ntext, d)
        or _forecast(ntext, d)
    )


def _timestamp(ntext: str, d: Deadline) -> bool:
    """2020-04-14 00:00:00, 发布时间：2020-08-03: when a page was published."""
    line_start = ntext.rfind("\n", 0, d.start) + 1
    return bool(vx.CLOCK.match(ntext, d.end)) or bool(
        vx.METADATA.search(ntext, max(line_start, d.start - 16), d.start)
    )


def _event_time(ntext: str, d: Deadline, as_of: dt.date) -> bool:
    """ "6月13日，我县召开…", "7月1日起施行": a bare day with no "by" word dates an event."""
    if d.kind != "day" or d.expr.rstrip().endswith(vx.BY_MARKERS):
        return False
    if ntext.endswith(_LEADS_BEFORE, 0, d.start):
        return False
    return d.due is not None and (
        d.due <= as_of
        or ntext.startswith(_EVENT_AFTER, d.end)
        or bool(vx.IN_FORCE.search(_clause(ntext, d)))
    )


def _topic_year(ntext: str, d: Deadline) -> bool:
    """ "今年我县承担的…": a year word naming the topic, not a target ("今年，我们将…" is one)."""
    expr = ntext[d.start : d.end]
    if expr not in _TOPIC_YEARS:
        return False
    after = ntext[d.end : d.end + 20].lstrip("，, ")
    after = after[m.end() :] if (m := vx.PLANNER.match(after)) else after
    going_on = after.startswith("继续") and not after.startswith("继续保持")  # a state, not work
    verb = cues.TARGET_VERBS.match(after)
    if verb is not None and after.startswith("的", verb.end()):
        return True  # "今年实施的民生工程进展顺利": the verb qualifies a noun
    return not (verb or going_on)


def _clause(ntext: str, d: Deadline) -> str:
    lo = max(map(ntext.rfind, _CLAUSE_STOPS, repeat(0), repeat(d.start))) + 1
    hi = _CLAUSE_STOP.search(ntext, d.end)
    return ntext[lo : hi.start() if hi else len(ntext)]


def _report(ntext: str, d: Deadline) -> bool:
    """ "2018年12月31日之前已完成转制的企业", "专家组4月14日实地调查了…": done, not to do."""
    if ntext[d.end : d.end + 3].lstrip().startswith(vx.DONE_AFTER):
        return True
    by = d.expr.rstrip().endswith(vx.BY_MARKERS) or ntext.endswith(_LEADS_BEFORE, 0, d.start)
    return not by and bool(vx.DONE_IN_CLAUSE.search(_clause(ntext, d)))


_REPORTED = re.compile(
    r"[^，,；;。]{0,24}?(?:(?:情况|进度|动态|统计|排名|通报|一览表|汇总表|明细表?|台账)"
    r"(?:如下|一览表|汇总表?|统计表|通报|表)?|进展(?:如下|通报|情况))[:：]?[ \t]*$"
)
# ... a noun chain only: an order or an act in it ("今年要重点检查…的情况", "9月底完成…统计",
# "6月底建立问题整改台账") makes it work; the report's own noun (推进情况, 完成情况) does not
_SENDS = re.compile(
    r"报送|上报|提交|报告|报至|反馈|填报|上传|要|将|须|应|需|请|拟|务必|开展|检查|组织|对"
    r"|完成(?!情况)|建立|明确|编制|制定|形成|梳理|核查|摸清|更新|汇总(?!表)"
)


def _reported_period(ntext: str, d: Deadline) -> bool:
    """ "2021年6月份全县重点项目进度情况如下": a period (no "by" word, nothing before it in its
    clause) naming what a report covers, not a deadline; "6月份报送完成情况" is one."""
    expr = d.expr.strip()
    clause = _clause(ntext, d).lstrip()
    if expr.endswith(_STRICT_BY) or expr.startswith(lx.END_CUES) or not clause.startswith(expr):
        return False
    rest = clause[len(expr) :]
    return _REPORTED.fullmatch(rest) is not None and not _SENDS.search(rest)


def _calendar(ntext: str, d: Deadline) -> bool:
    """ "9月29日（星期日）上班", "2月4日至10日放假调休": a holiday schedule, not a task; a
    weekday noted after a day dates an event unless a "by" word follows ("6月18日（星期二）
    下班前报送" is a deadline)."""
    note = _WEEKDAY_NOTE.match(ntext, d.end)
    if note is not None and not _BY_AFTER_NOTE.match(ntext, note.end()):
        return True
    return bool(vx.HOLIDAY.search(_clause(ntext, d)))


def _attribute(ntext: str, d: Deadline) -> bool:
    """ "总结上半年工作", "12月栏目下的报表", "纳入年底效能目标考核": a period qualifying a noun.
    After 底/末, which are "by" words too ("年底完成"), only a routine of that time counts."""
    expr = d.expr.rstrip()
    if d.kind not in _PERIODS:
        return False
    if expr.endswith(("底", "末")):  # a lead before it makes it a deadline: 确保6月底考核合格
        lead = ntext.endswith(_LEADS_BEFORE, 0, d.start)
        return not lead and bool(vx.ROUTINE_AFTER.match(ntext, d.end))
    if expr.endswith(vx.BY_MARKERS) or cues.TARGET_VERBS.match(ntext, d.end):  # 今年计划再建…
        return False
    m = vx.ATTRIBUTE_AFTER.match(ntext, d.end)
    if m is not None and m.group() == "是" and _LIMIT_WORDS.search(_clause(ntext, d)):
        return False  # "10月是完成整改的最后期限": the subject states the limit
    return m is not None


def _plan_span(ntext: str, d: Deadline) -> bool:
    """ "三年行动方案（2024—2026年）": the years in a plan's name, not a deadline."""
    return (
        d.kind == "range"
        and "月" not in d.expr
        and ntext[d.start - 1 : d.start] in ("（", "(")
        and _PLAN_NOUN.search(ntext, max(0, d.start - 5), d.start - 1) is not None
    )


def _plan_named(ntext: str, d: Deadline) -> bool:
    """ "“十五五”时期是…的关键时期", "编制“十五五”…方案": a five-year plan named, not its
    end as a deadline; that takes 末/期末, a cue (到“十四五”末), or a head before targets."""
    if d.kind != "plan_period":
        return False
    if d.expr.rstrip().endswith(("末", "末期", "前", "内", "为止")):
        return False
    if ntext.endswith(("到", "至", "截至", "在"), 0, d.start):
        return False
    after = ntext[d.end : d.end + 2]
    head = not ntext[: d.start].rstrip().endswith(tuple(vx.CLAUSE_SEP)) and d.start > 0
    return not (after.startswith(("，", ",")) and not head and _targets(ntext, d.end + 1))


def _targets(ntext: str, start: int) -> bool:
    stop = min((i for c in "，,。；;" if (i := ntext.find(c, start)) >= 0), default=len(ntext))
    return cues.TARGET_VERBS.search(ntext, start, stop) is not None


def _policy_window(ntext: str, d: Deadline) -> bool:
    """ "2019年1月1日至12月31日，困难企业可组织…": a period a policy applies in; so is a
    span of whole calendar years written day by day ("2019年1月1日至2020年12月31日，…")."""
    if d.kind != "range":
        return False
    if _WHOLE_YEARS.match(ntext[d.start : d.end]) or _NOTICE.search(
        ntext, max(0, d.start - 8), d.start
    ):
        return True  # 公示期间（9月29日至10月9日）: the public's window to object
    lo, hi = sentence_of(ntext, d)
    return bool(vx.PERMISSION.search(ntext, lo, hi))


def series_end(ntext: str, d: Deadline, found: list[Deadline]) -> bool:
    """ "每季度末报送进展，至2024年底": the end of a recurring obligation in its sentence, not
    a task of its own."""
    if d.recurring or not ntext.endswith(lx.END_CUES, 0, d.start):
        return False
    lo, hi = sentence_of(ntext, d)
    return any(o.recurring and lo <= o.start < hi for o in found)


_SHUT = re.compile(r"[）)]")
_GLOSS_REACH = 24  # a spelled-out bracket is short
_SPELLED = re.compile(
    r"[分别在于即为和及与、，,\s0-9〇零一二三四五六七八九十月日号底末中上下旬份前]+"
)


def gloss(ntext: str, d: Deadline, found: list[Deadline]) -> bool:
    """ "每季度末（分别在6月、9月和12月底）报送": a bracket spelling out a recurring
    deadline's days repeats it, no task of its own."""
    if d.recurring:
        return False
    lo = max(0, d.start - _GLOSS_REACH)
    opens = max(ntext.rfind("（", lo, d.start), ntext.rfind("(", lo, d.start))
    if opens < 0 or any(c in ntext[opens : d.start] for c in "）)"):
        return False
    shut = _SHUT.search(ntext, d.end)
    if shut is None or not _SPELLED.fullmatch(ntext, opens + 1, shut.start()):
        return False  # "（首次报送时间为7月20日前）": a date of its own
    return any(e.recurring and not ntext[e.end : opens].strip() for e in found)


_WEATHER = re.compile(r"预报|气象|有雨|降雨|降雪|降温|寒潮|台风|大风|暴雨")


def _forecast(ntext: str, d: Deadline) -> bool:
    """ "据气象预报，11月2日本地区有雨": the weather's day, no deadline ("赶在11月2日雨前完成
    秋收" has its "by" word)."""
    if d.expr.rstrip().endswith(vx.BY_MARKERS) or ntext.startswith(("雨前", "前"), d.end):
        return False
    return _WEATHER.search(_clause(ntext, d)) is not None


_CONVENED = re.compile(r"召开|举行|召集")  # 参加9月底前…举办的培训 is work at a time
_MEETING = re.compile(
    r"[^，,；;。]{0,24}?(?:会议|例会|座谈会|推进会|调度会|联席会|工作会|大会|会(?=上|[，,。；;]|$))"
)


def meeting_name(ntext: str, d: Deadline) -> bool:
    """ "召开2021年第三季度行政工作例会", "召开兰考县2018年春节前保障农民工工资支付工作会议": a
    period in a meeting's name, after the verb convening it, dates nothing."""
    lo = max(map(ntext.rfind, _CLAUSE_STOPS, repeat(0), repeat(d.start))) + 1
    return _CONVENED.search(ntext, lo, d.start) is not None and bool(_MEETING.match(ntext, d.end))


def case_limit(ntext: str, d: Deadline) -> bool:
    """ "报告书14个工作日内完成审批", "48小时内放行": a relative period before a verb of
    handling, or any count of hours, is each case's handling limit; not one in a sentence
    addressing an order ("请区住建局30日内出具意见", "要在…办结本次…"), unless a count of hours
    follows an incident word ("遇突发险情须在2小时内书面报告")."""
    hours = "小时" in d.expr
    if not (hours or cues.PER_CASE.match(ntext, d.end)):
        return False
    if hours and _INCIDENT.search(_clause(ntext, d)):
        return True  # "遇突发险情须在2小时内书面报告": each incident's, even in an order
    lo, hi = sentence_of(ntext, d)
    return not any(w in ntext[lo:hi] for w in cues.ORDER_WORDS)
