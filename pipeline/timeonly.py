"""What a clause says besides its deadline: nothing but when ("年底前", "受理截止时间为9月9日"),
a deadline at its head or after its subject, or work named before it; whether a date dating
no action is an undated clause's own time, and whether a clause says only what a plan's period
is. Pure, on normalised paragraph text (``pipeline.scope`` decides from these how far a deadline
reaches)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.models import Deadline
from pipeline.sentences import Span, clauses, governing, nothing_after, segments, subject_only

# The start of a span from now, its end the deadline: "自即日起至2026年5月底，在全省开展…"
_NOW = r"(?:即日|今日|今天|现在|目前|本通知(?:印发|下发|发布)之日|发文之日)(?:起|开始)?"
_FROM_NOW = rf"(?:自|从)?{_NOW}[ \t]*(?:至|到)"
# ... with its 到 read into the date ("从现在起到2030年": the date is "到2030年")
_FROM_THEN = rf"(?:自|从){_NOW}[ \t]*"
_LEAD = (  # (the spans from now first: "从" alone is a lead too)
    rf"{_FROM_NOW}|{_FROM_THEN}|"
    + "|".join(map(re.escape, vx.DEADLINE_LEADS))
    + rf"|[\s:：,，]|{vx.SPEAKER}|{vx.DATELINE}"
)
_LEADS = re.compile(rf"^(?:{_LEAD})+")
# ... and item marks before a clause of time alone (not "一是2022年计划投资…": its item only)
_ITEM_LEADS = re.compile(rf"^(?:{_LEAD}|{vx.ITEM_MARKS})+")
_FROM_NOW_END = re.compile(f"(?:{_FROM_NOW}|{_FROM_THEN})$")
_FILLER = re.compile(r"[\s，,。；;：:、!！?？“”\"'‘’（）()《》【】…—\-]+")
_EMPTY_REST = {"", "前", "以前", "之前", "内", "为止", "完成", "前完成", "完成任务", "全部完成"}
_EMPTY_REST |= {
    "为时间节点",
    "为节点",
    "为限",
    "为截止时间",
    "为最后期限",
    "期间",
}  # 以3月15日为时间节点
# "建议今年适当时候，由国务院组织…", "经过“九五”期间的努力，使…": a time, its work after it
_EMPTY_REST |= {"适当时候", "建议适当时候", "适时", "的努力", "通过的努力", "经过的努力"}
_PREPOSITIONS = ("于", "在", "自", "从", "以")  # 以3月15日为时间节点


def rest_of(text: str, clause: Span, own: list[Deadline]) -> str:
    """The clause without its deadline expressions and the leads before them."""
    rest = text[clause.start : clause.end]
    for d in own:
        if d.kind == "none":
            continue  # 持续推进, 长期坚持: words of the task as much as of its time
        a, b = d.start - clause.start, d.end - clause.start
        rest = rest[:a] + " " * (b - a) + rest[b:]
    return _FILLER.sub("", _ITEM_LEADS.sub("", rest.strip()))


# A cutoff, no work of its own: "受理截止时间为9月9日", "9月30日后不再受理"
_CUTOFF = re.compile(
    rf"(?:受理|报送|申报|报名|提交|征集|申请|材料)?截止(?:时间|日期)?(?:为|是)?|{cues.CUTOFF_AFTER}"
)
CUTOFF_WORD = re.compile(rf"截止(?!目前)|{cues.NOT_TAKEN}|(?:整改|完成|办结)(?:期限|时限)|时间节点")


def deadline_only(text: str, clause: Span, own: list[Deadline]) -> bool:
    """Whether a clause says nothing but when ("年底前", "受理截止时间为9月9日")."""
    if own and vx.SPAN_NAMED.fullmatch(text, max(d.end for d in own), clause.end):  # 为自查整改期
        return not nothing_after(text, clause.end)  # its work after it, else a task of its own
    if own and (
        vx.VISITOR.match(text, clause.start, clause.end) or subject_only(text, clause, own)
    ):
        return True  # "市督查组将于4月中旬…督查" (a visit), "全县到2025年底，": the work's time
    rest = rest_of(text, clause, own)
    return rest in _EMPTY_REST or _CUTOFF.fullmatch(rest) is not None


def at_head(text: str, clause: Span, d: Deadline) -> bool:
    return not (before := text[clause.start : d.start]).strip() or bool(_LEADS.fullmatch(before))


def after_subject(text: str, d: Deadline) -> bool:
    """ "各省份于2019年11月底前完成…，…，并报送…": the subject's time, governing its acts."""
    return (
        d.expr.startswith(_PREPOSITIONS)
        or text.endswith(_PREPOSITIONS, 0, d.start)
        or _FROM_NOW_END.search(text, max(0, d.start - 16), d.start) is not None
        or (  # "郑州市今年要启动…，打造…，创建…": a body's time before its order
            _BODY_BEFORE.search(text, max(0, d.start - 16), d.start) is not None
            and _ORDER_AFTER.match(text, d.end) is not None
        )
    )


# a body opening its clause right before the time, and an order right after it
_BODY_BEFORE = re.compile(
    r"(?:^|[，,。；;：:\s])[\u4e00-\u9fff]{0,10}(?:市|县|区|镇|乡|街道|局|委|办|政府|我们)$"
)
_ORDER_AFTER = re.compile(r"[ \t]*(?:要|将|须|需|应|必须|力争|确保|计划|拟|务必)(?!求)")


def thin(text: str, clause: Span, d: Deadline) -> bool:
    """ "请科技部等部门在2019年2月底前完成": the work is named before the clause."""
    return _FILLER.sub("", text[d.end : clause.end]) in _EMPTY_REST


def own_time(text: str, clause: Span, m: Deadline) -> bool:
    """Whether a date dating no action is its undated clause's own time ("2024年计划…，截至11月底
    已开工115个"), which ends a head's reach: not a plan's period ("“十三五”时期…", unless said
    what it is, which only skips its clause: "“十五五”时期是…期"), nor a year qualifying a noun
    ("当年项目开工率…", "2021年开工改造的1623个小区全部完工")."""
    if not clause.start <= m.start < clause.end or m.kind == "plan_period":
        return False
    if text.rfind("（", clause.start, m.start) > text.rfind("）", clause.start, m.start):
        return False  # an aside: "…支出（扣除2022年灾后恢复重建专项资金支出外）增长3%以上"
    if _FIGURES_SO_FAR.search(text, clause.start, clause.end):
        return True  # "截至2月底已完工的有12公里": figures up to then
    return m.expr != "当年" and "的" not in text[m.end : clause.end]


_FIGURES_SO_FAR = re.compile(r"截至|截止|已")


def period_said(text: str, clause: Span, mentions: Sequence[Deadline]) -> bool:
    """A clause saying what a plan's period is ("“十五五”时期是项目建设的黄金期"): no work, and
    the head reaches past it ("…，县发改委要做好项目储备")."""
    if _ALSO_IS.fullmatch(text, clause.start, clause.end):
        return True  # "…，也是转型升级的攻坚决胜期"
    return any(
        clause.start <= m.start < clause.end
        and m.kind == "plan_period"
        and text.startswith("是", m.end)
        for m in mentions
    )


_ALSO_IS = re.compile(
    r"[ \t]*(?:也|还|更|又|同时)是[^，,。；;]{0,24}(?:期|时期|阶段|之年|一年)[ \t]*"
)


def head_deadline(
    text: str, sentence: Span, dated: list[Deadline], *, alone: bool = False
) -> Deadline | None:
    """The deadline a sentence opens with ("2019年3月底前，…"), if it does; with ``alone``,
    only one standing in a clause of its own (not "5月底前开工…")."""
    segs = segments(text, sentence)
    cls = clauses(text, segs[0]) if segs else []
    if not cls:
        return None
    own = [d for d in dated if cls[0].start <= d.start < cls[0].end]
    found = governing(own)
    if found and found[0].due is not None and at_head(text, cls[0], found[0]):
        return None if alone and not deadline_only(text, cls[0], own) else found[0]
    return None
