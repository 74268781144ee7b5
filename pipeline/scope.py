"""How far a deadline reaches inside a sentence, and which words make each task.

Pure: a normalised paragraph text, one sentence span and the deadlines that date actions
in it (mentions already removed) in; drafts out, each a deadline and the spans of text
that make the task's words. The rules, in the order a reader applies them:

- A deadline at the head of a clause ("年底前，…", "力争10月底前完成…") governs the clauses
  after it in its segment (up to ；) until another deadline: each clause with a subject of
  its own is a task ("年底前，A竣工，B开馆" is two), a clause that continues the one before
  it (并…, 与…互联互通, 开展…) is added to that task. One that opens the sentence governs
  its later segments too, up to the first that holds a date of its own or states how
  things stand (a year, 目前, 已…) ("年底前，完成A；治理B；建成C" is three; "今年，要办好十件
  实事，包括：A；B" dates A and B).
- A deadline inside a clause ("豫一路等7条道路年内通车") governs that clause, and clauses
  that continue it with a connective (并…, 使…).
- A clause holding only a deadline at the end of a segment ("A、B和C，于9月底前"; "…，
  时间节点为9月底") governs the undated clauses before it.
- Under a head deadline, a clause giving the work's outcome or figures (届时…, 该项目总投资…)
  continues its task; one stating how things stand (目前…, 主体已封顶) or holding a time of its
  own that dates no action (截至11月底已开工…) is no task; another office's clause ends an
  actor's time ("…报区政府办公室，区政府办公室将…督办"), and a start ends any ("从25日开始，…").
- Dates side by side, shared out (分别) or held together by a quote each date their clause
  ("于6月底和12月底前报送半年和全年工作总结" is two tasks).
- A dated clause that starts with its deadline has no subject of its own: the undated
  clauses just before it in the segment are its context ("紫荆山路改造工程，9月底前完成
  管线迁改"), and later segments' head deadlines reuse the sentence's first context
  ("…途径延长县、宝塔区，3月15日前完成…；3月30日前完成…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.models import Deadline
from pipeline.sentences import (
    Span,
    aimed,
    clauses,
    context_of,
    dated_clauses,
    governing,
    plan_year_of,
    segments,
    sibling_plan,
)
from pipeline.timeonly import (
    after_subject,
    at_head,
    deadline_only,
    own_time,
    period_said,
    rest_of,
    thin,
)

# A later segment stating how things stand (a year, 目前, 已…) is no work of the head deadline
_STATUS = re.compile(r"(?:19|20)[0-9]{2}\s*年|目前|当前|现有|已经|已[有完建达实累]|去年|上年")
_LAST_YEAR = ("去年", "上年", "前年")
_DATED_NEXT = re.compile(
    r"[，,][ \t]*(?:要|须|并|于|在|要在|务必)?[ \t]*[0-9一二三四五六七八九十今明本年月]"
)
_AGAIN = ("还要", "也要", "并要", "同时要", "还将", "并将")
_SHARED = re.compile(r"分别|分別")  # "分别于12月20日和1月5日以前送交": each date a deadline
_QUOTED_STOP = re.compile(r"[，,；;]")
# A clause saying only that the work is finished ("全部完工", "全面建成"): its work is named before
_ORDERED_BY = r"(?:[^，,。；;]{0,8}?(?:要|须|必须|务必))?"  # its subject and 要: 各县市区要全面完成
_COMPLETION = re.compile(  # (a filing after it: 全面完成并备查)
    rf"{_ORDERED_BY}(?:全部|全面|基本|全线|整体)?(?:完成|完工|建成|竣工|投用|投入使用|通车|到位)(?:任务)?(?:并备案|并备查|并上报)?"
)
# ... and, after work asked at once ("立即开展自查，并于7月11日全面完成整改"), its completion
_WORK_DONE = re.compile(  # (or "并于5月20日前将问题整改完成")
    r"(?:全部|全面)(?:完成|到位)(?:整改|整治|工作)|(?:将|把)?(?:问题|隐患)?(?:全部|全面)?整改(?:完成|到位|完毕)"
)
# ... all of the work (a step after 、 without one is the list's next step, not all of it)
_WHOLE = re.compile(rf"{_ORDERED_BY}(?:全部|全面|全线|整体|剩余)")
_ENDING = re.compile(rf"{cues.SANCTION.pattern}|不得")  # what may follow a closing date


_JOINED = re.compile(r"[ \t]*(?:和|及|与|、|或)?[ \t]*")  # "6月底和12月底前", "3月底、6月底"


@dataclass
class Draft:
    """A dated task in the making: its deadline and the spans that make its words."""

    deadline: Deadline | None
    parts: list[Span] = field(default_factory=list)
    strength: str = ""
    lead: tuple[str, ...] = ()
    assist: tuple[str, ...] = ()
    invalid: str = ""  # a date no calendar has, as written, when that is all the clause has
    sentence: str = ""  # the sentence (or item) it comes from, as written
    back: int = 0  # "上述3个项目…" opening its paragraph: the paragraphs above it are the work


def _shared(text: str, clause: Span, own: list[Deadline]) -> bool:
    """Whether a clause shares its dates out: 分别 in it, dates written side by side
    ("于6月底和12月底前报送半年和全年工作总结", "3月底、6月底、9月底前报送"), or dates of
    clauses a quote holds together."""
    if _SHARED.search(text, clause.start, clause.end):
        return True
    return any(  # or a comma held inside quotes: "以“12月底封顶，争取6月30日交付”为要求"
        _JOINED.fullmatch(text, a.end, b.start) or _QUOTED_STOP.search(text, a.end, b.start)
        for a, b in zip(own, own[1:], strict=False)
    )


def _continues(text: str, clause: Span, *, after_head: bool) -> bool:
    words = text[clause.start : clause.end]
    if after_head and (
        vx.CONTINUES_WORK.match(words)  # 约605万, 届时…, 一律不得… (not 约谈)
        or vx.FIGURE_ITEM.fullmatch(words)
        and not vx.ACTION.search(words)  # 洽谈项目40个
    ):
        return True
    starts = vx.CONTINUATIONS if after_head else vx.CONNECTIVES
    return (
        words.startswith(starts)
        or vx.PURPOSE_AFTER.match(words) is not None
        or vx.FINISHED_ONLY.fullmatch(words) is not None
        or vx.INCLUDES.match(words) is not None
    )


@dataclass
class _Segment:
    """Walking one segment: what is pending, what governs, what the last task is."""

    pending: list[Span] = field(default_factory=list)
    head: Deadline | None = None
    head_context: list[Span] = field(default_factory=list)
    last: Draft | None = None
    by_actor: bool = False  # the head is an actor's time ("各单位要于…"), not the clause's
    closed: list[Span] = field(default_factory=list)  # the work a date saying only when closed
    paused: Deadline | None = None  # a head last year's figures broke off ("…，去年完成…，还要…")
    labelled: bool = False  # the last date a window's label's ("报名时间：…"): its steps follow


def sentence_drafts(
    text: str, sentence: Span, dated: list[Deadline], mentions: Sequence[Deadline] = ()
) -> list[Draft]:
    """The dated tasks of one sentence of a normalised paragraph ``text``; ``mentions`` date
    no action (a past date, an event): a later segment holding one, or stating how things
    stand (_STATUS), is not reached by the sentence's head deadline."""
    out: list[Draft] = []
    topic: list[Span] | None = None  # the sentence's first context, for later segments
    carry: tuple[Deadline, list[Span]] | None = None  # the sentence's head deadline
    starts = [d.start for d in dated] + [m.start for m in mentions]
    plan: Deadline | None = None  # "一是2021年计划投资…；二是计划投资…": the items' year
    for k, seg in enumerate(segments(text, sentence)):
        cls, subjects = dated_clauses(text, clauses(text, seg), dated)
        st = _Segment()
        reached = k > 0 and _reached(text, seg, starts)  # no date of its own, no status
        if reached and plan is not None and sibling_plan(text, seg):
            out.append(Draft(plan, [seg]))
            continue
        if k == 0:
            plan = plan_year_of(text, dated)
        if (inherited := _inherited(text, seg, carry, out) if reached else None) is None:
            dues = {d.due for d in dated if seg.start <= d.start < seg.end}  # (年内 under 今年:
            carry = carry if carry and dues == {carry[0].due} else None  # the head goes on)
        else:
            st.head, st.head_context, st.by_actor = inherited
        for i, clause in enumerate(cls):
            own = [d for d in dated if clause.start <= d.start < clause.end]
            found = _governing(text, clause, own, st)
            if not found:
                _undated(text, clause, st, out, mentions)
                continue
            d = found[0]
            if closed := _closing(text, sentence, cls[i:], own, d, st, out, starts):
                out.append(closed)
                st.closed = closed.parts[:-1]  # the subject of the dates after it in the segment
                st.pending, st.last = [], None
                continue
            only, head, context = _clause_context(
                text, clause, own, d, st, subjects.get(clause.start), topic
            )
            if topic is None and head:
                topic = context
            st.pending = []
            governs = (head or after_subject(text, d)) and not st.labelled
            st.head, st.head_context = (d, context if head else []) if governs else (None, [])
            st.by_actor = governs and not head
            if (
                k == 0
                and head
                and d.due is not None
                and (i == 0 or only or cues.lists_targets(text, d.end))
            ):
                # the sentence opens with it, a clause of its own or its targets listed: later segments
                carry = (d, [] if i else st.head_context)
            st.last = None
            parts = [*context, clause]  # one list: what continues the clause continues each date
            for g in [] if only else found:
                st.last = Draft(g, parts)
                out.append(st.last)
    return out


def _clause_context(
    text: str,
    clause: Span,
    own: list[Deadline],
    d: Deadline,
    st: _Segment,
    subject: Span | None,
    topic: list[Span] | None,
) -> tuple[bool, bool, list[Span]]:
    """Whether a dated clause says only when, whether its date heads it, and the clauses that
    name its subject: the undated ones just before it, the subject cut off before a 、-list's
    first date ("区住建局3月底前…、5月底前…"), or the sentence's first context."""
    only = deadline_only(text, clause, own)
    head = only or at_head(text, clause, d)
    # "集中办理时间：即日起至…，…可携带…，到…确认": a window labelled, its steps one task
    st.labelled = vx.WINDOW_LABEL.match(text, clause.start, d.start) is not None
    if head or thin(text, clause, d) or aimed(text, clause, st.pending):
        context = context_of(text, st.pending)
    else:
        context = []
    if head and subject is not None and (not context or only):
        context = [*context, subject]
    if only and vx.SPAN_NAMED.fullmatch(text, own[-1].end, clause.end):  # "8月19日至31日为集中
        return only, head, [*context, clause]  # 清理阶段，由…组织清理": the phase's name, its work
    if head and not context and (st.closed or topic):  # "各乡镇要…，10月底前完成，11月中旬迎接…"
        context = list(st.closed or topic or [])
    return only, head, context


def _governing(text: str, clause: Span, own: list[Deadline], st: _Segment) -> list[Deadline]:
    """A clause's own governing dates; a manner alone under a head deadline leaves it to the
    head ("到2019年底，…实现…全覆盖、常态化": the state that year reaches)."""
    found = governing(own, shared=_shared(text, clause, own))
    if (
        st.head
        and found
        and all(g.kind == "none" and g.expr.strip() not in vx.URGENT for g in found)
    ):
        return []
    return found


def _inherited(
    text: str, seg: Span, carry: tuple[Deadline, list[Span]] | None, out: list[Draft]
) -> tuple[Deadline | None, list[Span], bool] | None:
    """What a later segment with no date of its own takes from before it: the sentence's
    head ("年底前，完成A；治理B；建成C": B and C too), or the date of the work it is sent with
    ("…前报送方案；同时，一并上报名单")."""
    if carry is not None:
        return carry[0], carry[1], False
    if out and vx.TOGETHER.match(text, seg.start):
        return out[-1].deadline, [], True
    return None


def _reached(text: str, seg: Span, starts: list[int]) -> bool:
    """Whether a later segment may take a date from before it: it has none of its own (nor
    a date dating no action) and states no how-things-stand."""
    words = _ASIDE.sub(lambda m: " " * len(m.group()), text[seg.start : seg.end])
    return not any(
        seg.start <= p < seg.end and words[p - seg.start] != " " for p in starts
    ) and not _STATUS.search(words)  # (not in an aside: "…支出（扣除2022年…外）增长3%以上")


_ASIDE = re.compile(r"[（(][^（()）]{0,40}[）)]")


def _closing(
    text: str,
    sentence: Span,
    rest: list[Span],
    own: list[Deadline],
    d: Deadline,
    st: _Segment,
    out: list[Draft],
    starts: list[int],
) -> Draft | None:
    """A segment's last clause (``rest[0]``; only what lateness costs, 逾期…, may follow) saying
    only when closes the clauses pending before it ("A、B和C，于9月底前"); with none pending, it
    (or one saying the work is finished) closes the staged task before it: all of that work
    (after 、 only when it says when alone or names all of it: "…完成50%、6月底前全部完成").
    Before a clause with a date of its own, saying only when still closes what is pending
    ("…进入主体施工，预计在明年4月完成，明年秋季开学投入使用")."""
    ends = all(_ENDING.match(text, c.start) for c in rest[1:])  # or a prohibition: 不得随意调整
    later = len(rest) > 1 and any(rest[1].start <= p < rest[1].end for p in starts)
    words = rest_of(text, clause := rest[0], own)
    at_once = bool(out) and out[-1].deadline is not None and out[-1].deadline.due is None
    done = at_once and _WORK_DONE.fullmatch(words) is not None  # (a report of it may follow)
    if not (ends or later or done):
        return None
    only = deadline_only(text, clause, own)
    if only and st.pending:
        return Draft(d, [*st.pending, clause])
    completes = _COMPLETION.fullmatch(words) or done
    if not (ends or done) or st.pending or not (only or completes):
        return None
    if text[clause.start - 1 : clause.start] == "、" and not (only or _WHOLE.match(words)):
        return None  # "4月开工、10月主体完工、年底投入使用": a list's next step, not all of it
    earlier = _staged(out, sentence, d)
    if earlier is not None and not ends:  # "…，整改情况报区政府督查室": the report by then too
        st.head, st.head_context, st.by_actor = d, [], True
    return Draft(d, [*earlier.parts, clause]) if earlier is not None else None


def _staged(out: list[Draft], sentence: Span, d: Deadline) -> Draft | None:
    """The sentence's last task before a closing "9月底前全部完成", of another date or 尽快."""
    last = out[-1] if out else None
    if last is None or last.deadline is None or not last.parts:
        return None
    if last.parts[0].start < sentence.start or last.deadline.due == d.due:
        return None
    if last.deadline.due is None:  # 尽快落实…，本月内全面完成: the date completes the work asked
        return out.pop() if last.deadline.kind == "none" else None
    return last  # "6月底前完成拆除的50%，9月底前全部完成"


_LATER = re.compile(r"[ \t]*(?:后[一两二三四五]年|此后)")  # a later time: "…，后三年再适当增加"
_NOW = re.compile(r"[ \t]*(?:截至|截止|截止到)?目前[ \t]*")  # "…，截至目前，109个项目在推进中"


def _how_it_stands(text: str, clause: Span, st: _Segment) -> bool:
    """A clause telling how things stand under a head ("目前已完成主体": no work); last year's
    figures break the head off until work is ordered again ("…，去年完成80公里，还要…")."""
    if st.head is not None and vx.STATUS_CLAUSE.match(text, clause.start, clause.end):
        st.last = None  # "年底前，A竣工，目前已完成主体": how things stand, not work
        if text.startswith(_LAST_YEAR, clause.start) or _NOW.fullmatch(
            text, clause.start, clause.end
        ):
            st.head, st.paused = None, st.head  # "…，去年完成造林4.2万亩，森林覆盖率达到38%"
        return True
    if st.head is None and st.paused is not None and text.startswith(_AGAIN, clause.start):
        st.head, st.paused = st.paused, None  # "…，还要改造危桥20座": the head again
    return False


def _undated(
    text: str, clause: Span, st: _Segment, out: list[Draft], mentions: Sequence[Deadline]
) -> None:
    """An undated clause: continues the last task, is governed by a head deadline (not when
    it has a time of its own, a date dating no action, or states how things stand), or waits;
    contact details and the words introducing a list are no work at all."""
    if vx.NOT_WORK.match(text, clause.start, clause.end):
        return
    if st.labelled and st.last is not None:
        return st.last.parts.append(clause)
    if vx.STARTS.fullmatch(text, clause.start, clause.end) or _LATER.match(text, clause.start):
        st.head, st.last = None, None  # "从25日开始，陆续启动…", "后三年再…": work from then
    if vx.SANCTION.match(text, clause.start):  # its sanction may be the next clause
        st.head, st.last = None, None  # "逾期未报的，予以通报": what follows is the sanction
        return
    if _how_it_stands(text, clause, st):
        return
    if period_said(text, clause, mentions):
        st.last = None  # "…，“十五五”时期是…黄金期，县发改委要…": no work; the head reaches on
        return
    if vx.MEANS_CLAUSE.fullmatch(text, clause.start, clause.end) or (
        st.last is not None
        and vx.CASE_CLAUSE.fullmatch(text, clause.start, clause.end)
        and _DATED_NEXT.match(text, clause.end)  # "…，对…的问题厕所，12月底前完成整改"
    ):
        st.pending.append(clause)  # "…，经硬件安装、人才引进等，预计在2020年下半年运行": the means
        st.last = None  # of the work after it, not more of the work before it
        return
    if st.by_actor and vx.NEW_ACTOR.match(text, clause.start, clause.end):
        st.head = None  # "各单位要于…报区政府办公室，区政府办公室将…督办": another's work
    if st.head is not None and any(
        clause.start <= m.start < clause.end
        and m.past
        and m.kind != "plan_period"
        and "的" not in text[m.end : clause.end]  # not "对2023年12月31日前已登记的问题…"
        for m in mentions
    ):
        st.head, st.last = None, None  # "…，组织施工人员连续奋战至2024年2月7日": told, not work
        return
    last = st.last.parts[-1] if st.last is not None else None
    open_pp = last is not None and (  # or states of one target: "A趋于完善，B更加精细"
        vx.PP_TAIL.search(text, last.start, last.end)
        or all(vx.STATE_END.search(text, s.start, s.end) for s in (last, clause))
    )
    if st.last is not None and (
        open_pp or _continues(text, clause, after_head=st.head is not None)
    ):
        st.last.parts.append(clause)  # after "…结合实际情况，" the verb is this clause's
    elif st.head is not None and any(own_time(text, clause, m) for m in mentions):
        st.head, st.last = None, None  # and what follows it is that time's, not the head's
    elif st.head is not None and vx.IDLE_CLAUSE.match(text, clause.start, clause.end):
        st.last = None  # "…，占年度计划的84%": a figure; "…可进行探索": an option; no work
    elif st.head is not None and vx.STANCE.match(text, clause.start, clause.end):
        st.head_context, st.last = [*st.head_context, clause], None  # the work's context only
    elif st.head is not None:
        st.last = Draft(st.head, [*st.head_context, clause])
        out.append(st.last)
    else:
        st.pending.append(clause)
        st.last = None
