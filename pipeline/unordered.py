"""Dates that date no order (pure): what can be done by then ("11月30日前可申请补贴"), a
term's definition, a practice kept or set out, what a policy grants or whom it covers.
``narrated.told_not_ordered`` asks them."""

from __future__ import annotations

import re

from pipeline.deadlines import cues
from pipeline.models import Deadline
from pipeline.sentences import clause_of, sentence_of

# Words of a plan or an order in a sentence (not 按计划, 主要, 现将): no report, no practice told
PLANNED = re.compile(
    r"力争|确保|争取|预计|预期|(?<![按度年])计划|(?<![主重需])要(?!求)|(?<![现特兹])将|拟|请"
)
# An order or an urging anywhere in a sentence ("目前…已完成改造，要加快推进…"; not 正在加快)
URGED = re.compile(cues.ORDERED.pattern + r"|应当|力争|确保|(?<!正在)加快|抓紧|尽快")


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
_FORESEEN = re.compile(r"预计|计划|有望|可望")  # 工程有望年内建成通车: a schedule's forecast
_CAN_FINISH = re.compile(
    r"[ \t]*(?:可以|能够|可望|有望)?[ \t]*(?:全面|全部|基本|圆满|顺利)?(?:建成|完成|竣工|完工|投用|投入使用|投产|投运|通车|交付|开工|实现|达到)"
)
_AIM_BEFORE = re.compile(r"确保|力争|争取|要|须|务必|必须|保证")


def _possible(ntext: str, d: Deadline) -> bool:
    lo, hi = clause_of(ntext, d)
    reach = _CAN_REACH.match(ntext, d.end) is not None
    by = d.expr.rstrip().endswith(("前", "以前", "之前")) and "的" not in ntext[d.end : hi]
    if reach and by:  # "城南路网年底前可实现全线贯通": a step (not "年底前可以竣工的项目有12个",
        return False  # nor 能够/可以: a criterion, a window)
    can = _CAN.match(ntext, d.end) or _CAN_BEFORE.search(ntext, lo, d.start)
    finish = _CAN_FINISH.match(ntext, d.end) if can and not d.recurring else None
    if (
        finish is not None
        and _FORESEEN.search(ntext, lo, d.start)
        and not ntext.startswith("的", finish.end())  # not "预计年底前可以竣工的项目有12个"
    ):
        return False  # "预计8月份可以建成并投入使用": a project's schedule
    return (bool(can) or (reach and bool(d.recurring))) and not _AIM_BEFORE.search(
        ntext, lo, d.start
    )


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
    return since >= 0 and PLANNED.search(ntext, since, hi) is None


_SET_OUT = re.compile(r"(?:明确|提出|制定|规定|部署|强调)了")
