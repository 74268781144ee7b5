"""Dates already past when a document was written (pure): one before its date, and one
DEADLINES.md would roll to next year that is this year's: narrated ("县医院迁建项目于3月1日开工，
目前主体已封顶" in June), or early in a run of this year's milestones ("3月底前…；6月底前…；
9月底前…" in July). ``extract`` keeps them as reports (``parse --all`` flags them past)."""

from __future__ import annotations

import datetime as dt
import re

from pipeline import vocab as vx
from pipeline.deadlines.handlers import add_months, month_end
from pipeline.models import Deadline
from pipeline.narrated import URGED
from pipeline.sentences import clause_of, sentence_of
from pipeline.textnorm import parse_num

# A cutoff opening its clause ("截至5月8日，共转办信访件138件"): figures as of that day
_AS_OF = re.compile(r"[ \t]*(?:截至|截止到)[ \t]*")
# A rolled date (its month already past this year, so read as next year's) that its clause
# narrates: after 于 before an event's verb ("项目于3月1日开工"), or beside done words, with no
# plan, order or addressee before it
_FROM_JANUARY = re.compile(r"\s*(?:1|一|元)月?份?\s*(?:[—–\-~至到])")
_NARRATED_LEADS = ("于", "已于", "已在", "先后于", "分别于")
_FUTURE_BEFORE = re.compile(
    r"将|计划|拟|预计|力争|争取|确保|要|须|需|应|必须|定于|请|务必|要求|预期|有望|准备|打算|明年|下一步|下步"
    r"|明确|同意|决定|议定|研究"
)
_ADDRESSEES = re.compile(r"各|有关|相关")  # "各乡镇于1月20日完成摸底": an order, unless done (了)
_NARRATED_NEAR = re.compile(
    r"目前|当前|现已|已经|已[完建开竣实达基封投]|[^为]了|顺利|截至|发现的?问题"
)
# ... or what was handed over that day, named by it ("于8月4日向我区交办的问题清单")
_HANDED = re.compile(
    r"[^，,；;。将要]{0,10}?(?:交办|转办|交付|下达|反馈|通报|提出|印发|下发|移交|发现|批复)的"
)
# ... or a meeting held on that day whose spirit or outcome is carried out ("贯彻落实2月17日
# 全省…会议精神")
_HELD = re.compile(
    r"[^，,；;。]{0,30}?(?:(?:会议|会|讲话|批示)(?:精神|情况|要求|部署)|(?:提出|作出|印发|下发)的)"
)  # ... or what was said that day: "按照3月10日县委常委会提出的要求"


def already_past(
    ntext: str,
    d: Deadline,
    found: list[Deadline],
    as_of: dt.date,
    reported: dt.date | None = None,
    phase: Deadline | None = None,
) -> dt.date | None:
    """The day a date names when it was already past as written: one before the document's
    date, or one DEADLINES.md would roll to next year that is this year's (narrated, early
    in a sequence, or after the period a progress report covers, ``reported``: written then,
    it was ahead, or within a ``phase`` ending this year), placed back in this year."""
    if d.due is None or d.recurring:
        return None
    if d.due < as_of or (d.due == as_of and (_as_of_today(ntext, d) or _news_span(ntext, d))):
        return d.due  # ... and "截至5月8日，共转办信访件138件" on 5 May 8: figures as of today
    if reported is not None and d.basis == "rollover" and reported <= add_months(d.due, -12):
        return add_months(d.due, -12)  # "1-8月份进展情况…预计9月份开始接种" posted in November;
        # "1-7月份…进展情况" / "7月份，…目标任务是：…" on 1 August: the month reported
    if (
        narrated_past(ntext, d)
        or early_in_sequence(ntext, d, found, as_of)
        or _started_before_end(ntext, d, found, as_of)
        or _in_phase(d, phase, as_of)
        or _so_far(d, as_of)
        or _cut_off(ntext, d, as_of)
        or _period_figures(ntext, d, as_of)
    ):
        return add_months(d.due, -12)
    return None


_CUT_OFF_LAG = 100  # days after a cutoff in which figures up to it are reported
_COUNTED = re.compile(r"[^，,。；;]{0,8}?(?:共|累计|合计|总计|已)")


def _cut_off(ntext: str, d: Deadline, as_of: dt.date) -> bool:
    """ "至6月底，83个中心村完成规划编制" in July: figures up to a day just over (as 截至), not
    next June's target."""
    counted = _COUNTED.match(ntext, d.end) is not None  # "到七月底全省共开工21.39万户"
    if (
        d.basis != "rollover"
        or d.due is None
        or not (ntext.startswith(("，", ","), d.end) or counted)
    ):
        return False
    lo = clause_of(ntext, d)[0]
    ended = add_months(d.due, -12)
    return ntext[lo : d.start].strip() in ("至", "到") and 0 <= (as_of - ended).days <= _CUT_OFF_LAG


_FIGURE = re.compile(
    r"[0-9一二三四五六七八九十百]+(?:\.[0-9]+)?[ \t]*(?:个|批次|批|次|件|家|项|户|人次|人|亿元|万元|元|公里|亩|%)"
)


def _period_figures(ntext: str, d: Deadline, as_of: dt.date) -> bool:
    """ "第一季度，外出招商考察9次" and "1-12月份完成投资28.78亿元" a few weeks after that
    period: its figures, told, not next year's targets (a period heading a clause of figures
    with no plan's word, ended at most ``_CUT_OFF_LAG`` days before the document)."""
    if d.basis != "rollover" or d.due is None or d.kind not in _TOLD_PERIODS:
        return False
    lo, hi = clause_of(ntext, d)
    if (
        ntext[lo : d.start].strip()
        or not 0 <= (as_of - add_months(d.due, -12)).days <= _CUT_OFF_LAG
    ):
        return False
    if not ntext[d.end : hi].strip():  # "第一季度，" in a clause of its own: the next clause's
        stop = vx.CLAUSE_STOP.search(ntext, hi + 1)
        hi = stop.start() if stop else len(ntext)
    figures = _FIGURE.search(ntext, d.end, hi) is not None
    return figures and not _FUTURE_BEFORE.search(ntext, d.end, hi)


_TOLD_PERIODS = frozenset({"quarter", "half", "month_end", "range"})


def _so_far(d: Deadline, as_of: dt.date) -> bool:
    """ "1-6月份“六重清单”进展情况" in July: the months so far this year, a report's period
    (a range from January that ended at most two months before the document), not next
    year's first half ("1—3月，集中开展冬春整治" in November is next year's)."""
    return (
        d.kind == "range"
        and d.basis == "rollover"
        and d.due is not None
        and 0 < as_of.month - d.due.month <= 2
        and _FROM_JANUARY.match(d.expr) is not None
    )


def narrated_past(ntext: str, d: Deadline) -> bool:
    """ "县医院迁建项目于3月1日开工，目前主体已封顶" in a June report: a day already past this
    year, narrated (after 于 before an event's verb, or in a clause of done work) with no plan,
    order or addressee before it (各乡镇于1月20日完成…, 会议明确3月底完成…), is last spring's,
    not next year's: a report, not a task. "计划于3月1日开工" and "3月底前完成" in a December
    plan still roll to next year."""
    if d.basis != "rollover" or d.recurring or d.expr.rstrip().endswith(vx.STRICT_BY):
        return False
    if d.kind == "day" and _HELD.match(ntext, d.end):
        return True  # "要贯彻落实2月17日…会议精神": the meeting was held, whatever is ordered
    lo, hi = clause_of(ntext, d)
    before = ntext[lo : d.start]
    if _FUTURE_BEFORE.search(before):
        return False
    done = _NARRATED_NEAR.search(ntext, lo, hi) is not None
    if done:
        return "将" not in ntext[d.end : hi]
    if _ADDRESSEES.search(before):
        return False
    if before.endswith(_NARRATED_LEADS) or d.expr.startswith(_NARRATED_LEADS):
        if _HANDED.match(ntext, d.end, hi):
            return True  # "指挥部于8月4日向我区交办的问题清单": the handing over was
        return vx.EVENT_VERB.match(ntext, d.end) is not None and "将" not in ntext[d.end : hi]
    return False


_SEQUENCE_KINDS = frozenset({"month_end", "xun", "day", "quarter", "half"})


def _in_phase(d: Deadline, phase: Deadline | None, as_of: dt.date) -> bool:
    """A date under the heading of a phase under way, ending this year ("一、前期准备（3月27日
    前）" over "1月20日前，镇设立…" in March), lies within the phase, so this year when that was
    lately: a milestone past, not next January's. Not under a phase ending months ahead ("三、
    总结验收（12月31日前）" over "1月15日前…" in March), nor before a phase's first month
    ("（10月—12月）" over "1月底前…"), nor long before the document (a January step under a
    phase ending 20 December, in November): those are next year's."""
    if d.basis != "rollover" or d.due is None or phase is None or phase.due is None:
        return False
    back = add_months(d.due, -12)
    first = _FIRST_MONTH.match(phase.expr) if phase.kind == "range" else None
    return (
        not phase.recurring
        and phase.basis == "document"
        and phase.due.year == as_of.year
        and back <= phase.due
        and (as_of - back).days <= _PHASE_LAG
        and (phase.due - as_of).days <= _PHASE_LAG
        and (first is None or back.month >= (parse_num(first[1]) or 1))
    )


_PHASE_LAG = 100  # days: a step of a phase under way was done lately
_FIRST_MONTH = re.compile(r"[ \t]*([0-9一二三四五六七八九十]{1,3})月")


_STARTED = re.compile(r"[ \t]*(?:前|以来)?[ \t]*(?:开工|开始|启动|动工|进场|开建|开钻)")


def _started_before_end(ntext: str, d: Deadline, found: list[Deadline], as_of: dt.date) -> bool:
    """ "工程自5月中旬开工，9月底完工" in September: the start of work ending this year is this
    year's, not next May's."""
    if d.basis != "rollover" or d.due is None or not _STARTED.match(ntext, d.end):
        return False
    hi = sentence_of(ntext, d)[1]
    return any(
        d.end < x.start < hi
        and x.basis == "document"
        and x.due
        and x.due >= as_of
        and x.due.year == as_of.year
        for x in found
    )


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


# A progress report's period in its title or first paragraphs: "2022年1-4月为民办实事项目进展情况
# 通报", "对…1-8月份进展情况进行跟踪督查", "上半年重点工作完成情况"
_REPORT_PERIOD = re.compile(
    r"[^，,。；;]{0,30}?"
    r"(?P<p>(?<![0-9十])(?:1|一)[ \t]*(?:月份?)?[ \t]*[—–\-~至到][ \t]*(?P<m>1[0-2]|[2-9]|[二三四五六七八九十]|十[一二])[ \t]*月份?"
    r"|(?P<h>上半年|前三季度))"
    r"[^，,。；;]{0,24}?(?:进展|进度|完成|推进|落实|实施|运行)情况"
)


def report_period_end(opening: list[str], as_of: dt.date) -> dt.date | None:
    """The last day of the period a progress report on this year covers, when that period
    ended before the document's date; its plans were written after it."""
    for text in opening:
        m = _REPORT_PERIOD.search(text)
        years = re.findall(r"((?:19|20)[0-9]{2})年", text[m.start() : m.start("p")]) if m else []
        if m is None or (years and int(years[-1]) != as_of.year):  # the year nearest the period
            continue
        month = (6 if m["h"] == "上半年" else 9) if m["h"] else parse_num(m["m"])
        if month is None:
            continue
        end = month_end(as_of.year, month)
        return end if end < as_of else None
    return None


def _as_of_today(ntext: str, d: Deadline) -> bool:
    """ "截至5月8日，共转办信访件138件" on 8 May: figures as of today, a cutoff opening its
    clause (not "缴费期截至12月20日，请各乡镇今日务必完成…": a limit)."""
    return _AS_OF.fullmatch(ntext, clause_of(ntext, d)[0], d.start) is not None


def _news_span(ntext: str, d: Deadline) -> bool:
    """ "…消息（记者）：3月20日至21日，延吉市成立督查组对…进行督查" on 21 March: a span ending on
    the document's day that opens its sentence with no order in it is the time of what it reports."""
    if d.kind != "range":
        return False
    lo, hi = sentence_of(ntext, d)
    before = ntext[lo : d.start].strip()
    return (not before or before.endswith(("：", ":"))) and not URGED.search(ntext, d.end, hi)
