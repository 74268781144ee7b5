"""A paragraph leading a list with its deadline: "年底前，各乡镇要完成以下工作：" over the
numbered items after it, "今年经济社会发展的主要预期目标是：" over the paragraph of targets after
it. The lead's deadline and words open each undated item, and the lead is no task of its own
(alone it names no work: "各乡镇要完成以下工作："). Also the other lists a heading or lead
dates: a goals section's targets, a notice's problems to put right, a 实事 list referred back."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from pipeline.deadlines import cues, resolve
from pipeline.items import numbered_items
from pipeline.structure import Para, has_deadline
from pipeline.textnorm import normalise

# The words announcing a list at a paragraph's end: 以下工作, 如下任务, 下列3项重点工作,
# 主要目标是, 任务为, 抓好以下几项工作, 推进以下项目, 办好以下几件大事
_LIST_LEAD = re.compile(
    r"(?:(?:以下|如下|下列|下述)(?:[0-9一二三四五六七八九十几]+(?:[项个条件]|个?方面))?(?:重点|主要|重大|民生)?"
    r"(?:工作|任务|事项|目标|要求|方面|项目|工程|大事|实事)?|(?:目标|任务)(?:任务)?[ \t]?(?:是|为))[ \t]*[:：][ \t]*$"
)
# ... or a count of them: "为民兴办10件实事：", "实施十大工程：", "重点抓好五个方面工作："
_COUNTED = re.compile(
    r"(?:[0-9]+|[一二三四五六七八九十两]{1,3})(?:件|项|个方面|大)[^，,。；;：:了]{0,10}[ \t]*[:：][ \t]*$"
)
# ... not a report's ("增长的情况如下列：", "进展情况如下："): figures follow, no work
_REPORT = re.compile(r"(?:情况|进展|进度|数据|结果|名单|明细|统计)[ \t]*(?:如下|如下列)")
# ... nor a notice's requirements ("具体要求如下：", "现将有关事项通知如下：")
_NOTICE = re.compile(
    r"(?:(?:具体|有关|相关|主要)(?:要求|事项)?|通知)(?:通知)?(?:如下|是)[:：]?[ \t]*$"
)
_ORDINAL = re.compile(r"[ \t]*(?:[一二三四五六七八九]|十[一二三四五六七八九]?)是")
_YEAR_FIRST = re.compile(  # "2019年，…办10件实事：", "报告指出，2022年县政府将…"
    rf"(?:{cues.SAID})?[ \t]*(?:(?:19|20)[0-9]{{2}}[ \t]*年|今年|明年)(?:[ \t]*[，,])?"
)
# ... nor what it counts is no work to do: problems found, work done, proposals received
_NO_WORK = re.compile(r"问题|了|建议|提案|意见|成绩|成效|亮点|经验|做法|短板|不足")
# an item telling work done ("一是老旧小区改造已开工38个"): no work for the lead's date
_DONE_ITEM = re.compile(r"[ \t]*(?:[一二三四五六七八九十]+是)?[^，,。；;]{0,16}?已(?!于)")
_LEAD_MAX = 80  # a longer paragraph ending in a colon is a body of its own


def lead_lists(paras: Sequence[Para]) -> list[Para]:
    """Undated items after a dated lead ending in a colon, each opened by the lead: the
    numbered items following it in its section, or else the one paragraph after it."""
    out: list[Para] = []
    paras = [q for p in paras for q in _inline_items(p)]
    i = 0
    while i < len(paras):
        p = paras[i]
        if not p.text.rstrip().endswith(("：", ":")):  # (every lead ends in its colon)
            out.append(p)
            i += 1
            continue
        cut = _last_sentence(p.text)  # the lead may close a paragraph: "…。报告指出，2022年…：
        lead_only = _is_lead(p, p.text[cut:])
        items = _items(paras, i) if lead_only else []
        if not items:  # (a lead over headings, not items, names no work: "今年，重点要做好以下…：")
            kept = replace(p, text=p.text[:cut]) if lead_only else p  # the sentences before it
            out.extend([kept] if kept.text.strip() else [])
            i += 1
            continue
        if p.text[:cut].strip():
            out.append(replace(p, text=p.text[:cut]))  # the sentences before it stay
        lead = p.text[cut:].strip()
        for q in items:
            whole = q.numbered or _ORDINAL.match(q.text) is not None  # an item: one task
            own = has_deadline(q.text) or _DONE_ITEM.match(q.text) is not None  # its own date,
            out.append(q if own else replace(q, text=lead + q.text, whole=whole))  # or done
        i += 1 + len(items)
    return out


def _inline_items(p: Para) -> list[Para]:
    """A paragraph of a dated lead and its items numbered inline ("今年重点抓好三项工作：1.…
    2.…"), as the lead and one numbered paragraph per item; else the paragraph."""
    ntext = normalise(p.text)  # (its colons folded to ":")
    colon = ntext.find(":")
    if colon < 0 or p.text.rstrip().endswith(("：", ":")):
        return [p]
    items = numbered_items(ntext, colon + 1)
    lead = p.text[: colon + 1]
    if len(items) < 2 or not _is_lead(p, lead[_last_sentence(lead) :]):
        return [p]
    return [replace(p, text=lead)] + [
        replace(p, text=p.text[sp.start : sp.end], numbered=True) for sp in items
    ]


def _last_sentence(text: str) -> int:
    """Where the last sentence of a paragraph starts."""
    return max(text.rstrip().rfind(c) for c in "。！？!?") + 1


def _is_lead(p: Para, text: str) -> bool:
    text = normalise(text).strip()
    return (
        len(text) <= _LEAD_MAX
        and (_LIST_LEAD.search(text) is not None or _COUNTED.search(text) is not None)
        and _REPORT.search(text) is None
        and _NO_WORK.search(text) is None
        and _NOTICE.search(text) is None
        and not p.past
        and (has_deadline(text) or _YEAR_FIRST.match(text) is not None)
    )


def _items(paras: Sequence[Para], i: int) -> list[Para]:
    lead = paras[i]
    after = paras[i + 1 :]
    if not after or after[0].section != lead.section or after[0].past:
        return []
    ordinal = _ORDINAL.match(after[0].text) is not None  # "一是…", "二是…" paragraphs
    if not after[0].numbered and not ordinal:
        return [after[0]]
    items = []
    for q in after:
        if q.section != lead.section or not (_ORDINAL.match(q.text) if ordinal else q.numbered):
            break
        items.append(q)
    return items


# A list of problems found ("附件：存在问题", "存在问题：", "督查发现的问题如下：") in a notice whose
# body orders them put right by a date ("请各事涉部门对存在的问题立即进行整改，并于5月20日前将
# 问题整改完成"): each undated item is a problem to put right by that date, for its owner.
_PROBLEMS = re.compile(
    r"(?:附件[0-9一二三四五]?[ \t]*[:：]?)?[ \t]*(?:存在|发现|反馈|检查发现|督查发现|交办|主要)?的?"
    r"(?:问题|问题清单|问题台账|问题汇总|问题如下)(?:清单|台账|汇总)?(?:如下)?[ \t]*[:：]?[ \t]*"
)
_RECTIFY = re.compile(r"问题[^。；;]*?整改|整改[^。；;]*?问题")
_ORDERED = re.compile(r"请|要求|务必|必须|须|要|限|责令")
_ANY_DAY = dt.date(2000, 1, 1)


def problem_lists(paras: Sequence[Para]) -> list[Para]:
    """Undated items of a list of problems, each opened by the date the notice's body sets
    for putting its problems right ("5月20日前整改："); the rest unchanged."""
    if not any("整改" in p.text for p in paras):
        return list(paras)  # (most documents: no problems ordered put right)
    due = ""
    out: list[Para] = []
    listing: tuple[str, ...] | None = None  # the section of the list being read
    attached = False  # past the notice's body: in its attachment ("附件：存在问题")
    for p in paras:
        text = normalise(p.text).strip()
        attached = attached or text.startswith("附件") or any("附件" in h for h in p.section)
        if not due and not p.past and not attached:
            due = _rectify_by(text)
        if due and _PROBLEMS.fullmatch(text):  # (a label: "存在问题：")
            listing = p.section  # "存在问题：" over the items
            out.append(p)
            continue
        heading = bool(p.section) and _PROBLEMS.fullmatch(normalise(p.section[-1])) is not None
        listed = p.section == listing or (heading and attached)
        if due and p.numbered and listed and not has_deadline(text):
            p = replace(p, text=f"{due}整改：{p.text.lstrip()}")
        elif not p.numbered:
            listing = None
        out.append(p)
    return out


def _rectify_by(text: str) -> str:
    """The deadline a sentence ordering problems put right names ("并于5月20日前将问题整改完成"),
    or ""."""
    if "整改" not in text or "问题" not in text:
        return ""
    for sentence in re.split("[。！？]", text):
        m = _RECTIFY.search(sentence)  # ordered, not told ("上述问题已于4月底前整改到位")
        if m and _ORDERED.search(sentence) and not cues.TOLD_DONE.search(sentence, m.start()):
            found = [d for d in resolve(sentence, _ANY_DAY) if d.due and d.start >= m.start()]
            if found:
                return found[0].expr.strip()
    return ""


# A list's lead referring back to the year's undertakings named in the paragraph before it
# ("…会上确定2016年县委县政府为民兴办10件实事。" / "这十件实事是：1.…2.…")
_BACK_LEAD = re.compile(
    r"[ \t]*(?:这|上述|以上)[0-9一二三四五六七八九十两]*(?:件|项)(?:民生)?实事(?:分别|具体)?(?:是|为|包括)[ \t]*[:：]"
)


def back_leads(paras: Sequence[Para]) -> list[Para]:
    """Paragraphs with the sentence naming a year's undertakings moved to the lead after it
    that refers back to them, so the list reads as one: "会上确定2016年…办10件实事。这十件实事
    是：1.…"."""
    out: list[Para] = []
    for p in paras:
        prev = out[-1] if out else None
        lead = f"{p.title}：" if p.title and p.section[-1:] == (p.title,) else ""  # a run-in
        section = p.section[:-1] if lead else p.section  # title ("这十件实事是:1.…")
        if (
            prev is not None
            and prev.section == section
            and _BACK_LEAD.match(normalise(lead or p.text))
            and (text := prev.text.rstrip()).endswith("。")
            and "实事" in normalise(text[(cut := _last_sentence(text[:-1])) :])
        ):
            out[-1] = replace(prev, text=text[:cut])
            p = replace(
                p, text=text[cut:].lstrip() + lead + p.text.lstrip(), section=section, title=""
            )
        out.append(p)
    return [p for p in out if p.text.strip()]


# A goals section ("（二）发展目标") opening with its year ("到2023年，…凸显。") and its targets
# in dashed paragraphs after it ("——新型基础设施更加完善。5G网络全面部署，…"): that year's too
_GOALS = re.compile(  # the whole heading: "发展目标", "主要目标和重点任务", "近期目标"
    r"(?:近期|中期|远期|发展|主要|工作|总体|预期|具体)?目标(?:任务)?(?:[和与及、](?:主要|重点)?任务)?"
)
_TARGET_YEAR = re.compile(r"[ \t\u3000]*(到|至|)[ \t]*((?:19|20)[0-9]{2}年(?:底|末)?)[，,]")
_HOLDS = re.compile(r"现有|共有|已有|拥有|目前|现状|累计")
_DASHED = re.compile(r"[ \t\u3000]*(?:-{2}|—{1,2}|－{1,2}|●|·)")


@lru_cache(maxsize=256)  # the paragraphs of a section share its headings
def _under_goals(headings: tuple[str, ...]) -> bool:
    return any(_GOALS.fullmatch(h) for h in headings)


def target_years(paras: list[Para]) -> list[Para]:
    """Dashed targets under a goals section's year, led by that year; a year heading a
    paragraph there ("2018年，…") is the goals' target year."""
    out: list[Para] = []
    lead: tuple[tuple[str, ...], str] | None = None
    for p in paras:
        goals = _under_goals(p.section[-2:])  # (or a subject's heading under one)
        if goals and (m := _TARGET_YEAR.match(p.text)) and (m[1] or not p.past):
            lead = (p.section, f"{m[1] or '到'}{m[2]}")
            if not m[1] and not _HOLDS.search(p.text, 0, 40):  # (not "2027年，全县现有…")
                # "2018年，全县水质持续改善，…": the goals' year, a target as 到2018年
                p = replace(p, text=f"到{p.text.lstrip()}")
        elif lead and p.section[: len(lead[0])] != lead[0]:
            lead = None  # the section ended (a target's run-in title stays in it)
        elif lead and _DASHED.match(p.title or p.text) and not has_deadline(p.text):
            p = replace(p, text=f"{lead[1]}，{p.text.lstrip()}")
        out.append(p)
    return out
