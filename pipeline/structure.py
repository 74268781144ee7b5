"""Document structure: headings and their paths, and the body paragraphs under them.

Pure. Headings come from the format (Markdown, DOCX, HTML: ``Block.heading``) or from the
text: numbered outlines (一、 （一） 1. （1） ①), short lines without final punctuation, and
run-in headings ("高代王城遗址板块。以打造…"). A heading path is a tuple of heading texts.
Item numbers are cut off the body ("11.10月31日前…" is item 11 due on 10月31日); the title
of a run-in item stays with its paragraph as ``Para.title`` (the subject of its tasks).
Sentences and clauses are in ``pipeline.sentences``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pipeline import vocab as vx
from pipeline.deadlines import cues, resolve
from pipeline.models import Block
from pipeline.narrated import past_section
from pipeline.owners import notes_only, owner_only
from pipeline.textnorm import normalise

_ANY_DAY = dt.date(2020, 1, 1)  # for telling whether text holds a deadline at all
# The outline numbers of vocab.OUTLINE_LEVELS as one pattern: the first that matches wins,
# as in the table's order; group ``n`` holds the number of the n-th level.
_OUTLINE = re.compile(
    "|".join(f"(?P<o{i}>{p.pattern.lstrip('^')})" for i, (p, _) in enumerate(vx.OUTLINE_LEVELS))
)
_OUTLINE_LEVEL = {f"o{i}": level for i, (_, level) in enumerate(vx.OUTLINE_LEVELS)}
# a phase title with its dates in brackets: "宣传动员（3月5日至3月15日）", or months alone
# after 阶段: "宣传发动阶段（1月—2月）" (not "总体要求（2024—2026年）")
_PHASES = (  # also "第一阶段：动员部署（2027年1月1日—1月15日）"
    re.compile(
        r"((?:第[一二三四五六七八九十]{1,2}阶段[：:][ \t]*)?[^（(，,。；;：:]{2,12})"
        r"[（(]((?!截)[^（()）]{0,16}月[0-9]{1,2}[^（()）]{0,18})[）)]"
    ),
    re.compile(
        r"((?:第[一二三四五六七八九十]{1,2}阶段[：:][ \t]*)?[^（(，,。；;：:]{0,16}阶段|"
        r"第[一二三四五六七八九十]{1,2}阶段[：:][ \t]*[^（(，,。；;：:]{2,10})"
        r"[（(]((?!截)[^（()）]{0,16}月[^（()）]{0,14})[）)]"
    ),
)
# A heading naming the deadline of the items under it: "四、2027年3月底前需完成的任务"
_DUE_LIST = re.compile(
    r"(.{2,16}?(?:前|以前|之前|内))[ \t]*(?:需|要|应|须|必须)?(?:完成|落实|推进)?的?"
    r"(?:重点|主要)?(?:任务|工作|事项)(?:清单)?"
)
_TOLD = re.compile(r"了|一年来|已|(?:19|20)[0-9]{2}年")
_TOLD_LEAD = re.compile(r"了(?![解结])|一年来|已|以来")  # a paragraph telling what was done
_TARGETS_HEADING = re.compile(
    r"(?:19|20)[0-9]{2}年[^，,。；;：:]{0,24}?(?:主要|预期|发展|工作|奋斗)目标(?:任务)?"
)
# ... or a list of the year's tasks ("2025年县政府工作报告任务清单", "2025年重点工作任务分解")
_TASK_LIST = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2})年[^，,。；;：:]{0,24}?"
    r"(?:重点工作)?任务(?:清单|分解)(?:表)?"
)
_INNER_STOP = re.compile("[。！？；;]")
# A subject's short heading under a numbered one ("二、工作目标" / … / "地表水"): nested in it
# (a section title of its own, "今年工作", "下步打算", replaces it)
_SUBJECT = re.compile(
    r"(?!.*(?:工作|任务|目标|情况|回顾|打算|安排|要求|措施|举措|计划|年|阶段|步骤|总结|成效|问题|意见"
    r"|建议|附件|方面|部分|领域|时间|方式|内容|原则|思路|说明|现状|概况|基础))[\u4e00-\u9fff]{2,8}"
)
_OWNED_END = re.compile(r"[（(](?:责任|牵头|主责|配合)(?:单位|部门)[:：][^（）()]+[）)][ \t]*$")
# A label line over a status report's items ("整改完成情况：") or the plans after them
# ("下一步工作打算："): a heading, so the items know what they tell
_LABEL_HEADING = re.compile(
    r"[^，,。；;：:]{0,10}?(?:(?:完成|进展|落实|推进|开展|整改)情况|主要做法|工作成效|取得成效"
    r"|下一步[^，,。；;：:]{0,8})[ \t]*[:：]"
)
_TIME_LABELS = ("时间", "期间", "日期", "时限", "期限", "公示期")
_RUN_IN = {
    n: re.compile(rf"([^，,。；;：:！？]{{2,{n}}})[。：:]") for n in (vx.HEADING_MAX, vx.RUN_IN_MAX)
}


@dataclass(frozen=True)
class Para:
    """A body paragraph, its heading path, and whether it sits in a section about the past."""

    text: str
    line: int
    section: tuple[str, ...]
    past: bool
    title: str = ""  # the run-in title of this paragraph's item ("紫荆山路改造工程")
    numbered: bool = False  # an item of a numbered outline ("（一）…", "1.…")
    whole: bool = False  # an item of a dated lead's list ("一是…"): one task, however cut

    @property
    def told(self) -> bool:
        """Under a heading telling how work went ("整改完成情况"): a series there is a practice
        (the innermost heading naming that or the work ahead decides)."""
        for head in reversed(self.section):
            if vx.AHEAD_HEADING.search(head):
                return False
            if vx.TOLD_SECTION.fullmatch(head):
                return True
        return False


def has_deadline(text: str) -> bool:
    """Whether a short text names a deadline (then it is a task, never a heading)."""
    return bool(resolve(text, _ANY_DAY))


def has_action(text: str) -> bool:
    """Whether a clause names an action (only to list undated actions)."""
    return vx.ACTION.search(normalise(text)) is not None


def classify(text: str) -> tuple[str, int, str, str]:
    """("heading", level, heading, "") | ("run-in", level, heading, body) | ("body", 0, "", text).

    Numbered outlines get levels 10..50; an unnumbered heading level 0 (placed by its
    neighbours); an unnumbered run-in heading ("金岱科创板块。…") level -1 (its paragraph)."""
    t = text.strip()
    m = _OUTLINE.match(nt := normalise(t))
    if "阶段" in t and (inline := _inline_phase(t[m.end() :] if m else t)):
        return "run-in", _OUTLINE_LEVEL[m.lastgroup or ""] if m else -1, *inline
    if m is None and len(t) > vx.HEADING_MAX and _run_in(t, vx.RUN_IN_MAX) is None:
        return "body", 0, "", t  # most lines: too long for a heading, no run-in title
    if owner_only(t) is not None:
        return "body", 0, "", t
    if m is None and _LABEL_HEADING.fullmatch(t):
        return "heading", 0, t, ""
    labelled = vx.DEADLINE_LINE.match(nt) or vx.WORK_WINDOW.match(nt)
    if m is None and labelled and has_deadline(t):  # "时间节点：10月底前" under an item dates
        return "body", 0, "", t  # it, "报名时间：6月1日至15日" is a window to act in: no heading
    if m:
        level = _OUTLINE_LEVEL[m.lastgroup or ""]
        if (
            len(t) <= vx.HEADING_MAX
            and not t.endswith(tuple(vx.FINAL_PUNCT[:6]))
            # "1.新建…。（责任单位：…）" is an item, so is "9.…破损广告牌（责任单位：执法局）"
            and not (_INNER_STOP.search(t, 0, len(t) - 1) or _OWNED_END.search(t))
            and (
                not _dated_action(t[m.end() :])
                or _phase(t[m.end() :].strip())
                or _due_list(t[m.end() :].strip())
            )
        ):  # "（二）集中整治阶段（5月-8月）" on a line of its own heads its phase's work
            return "heading", level, t, ""
        head = _run_in(t[m.end() :], vx.HEADING_MAX)
        if head is not None and notes_only("。" + t[m.end() + len(head) :].lstrip("。")):
            head = None  # "4.完成…出让10宗。（责任单位：…，9月底前完成）": an item and its note
        if head is not None and not has_deadline(head) and not head.endswith(_TIME_LABELS):
            body = t[m.end() + len(head) :].lstrip("。：: ")
            return "run-in", level, head, body
        if head is not None and (phase := _phase(head)) and not has_deadline(phase[1]):
            # "宣传动员（3月5日至3月15日）。…": a phase whose dates govern its work
            body = phase[2] + "，" + t[m.end() + len(head) :].lstrip("。：: ")
            return "run-in", level, phase[1], body
        # the item number is not the task's words; its level closes the sections it follows
        return "body", level, "", t[m.end() :].lstrip()
    if len(t) <= vx.HEADING_MAX and (
        _phase(t)  # "第一阶段：动员部署（2027年1月1日—1月15日）" heads its phase's work
        or (not t.endswith(tuple(vx.FINAL_PUNCT)) and (not _dated_action(t) or _due_list(t)))
    ):
        return "heading", 0, t, ""
    head = _run_in(t, vx.RUN_IN_MAX)
    if (
        head is not None
        and not any(c in head for c in "，,、")
        and not head.endswith(_TIME_LABELS)  # "公示时间：…至…": the label reads the dates
        and not head.endswith(_SAYS)  # "条例第十七条规定：“…”": a quotation's lead
        and not has_action(head)
        and not has_deadline(t[: len(head) + 1])  # with its colon: "全年主要预期目标是：…"
    ):
        return "run-in", -1, head, t[len(head) :].lstrip("。：: ")
    return "body", 0, "", t


# A phase heading run into its numbered items with no stop between: "（二）自查阶段（6月上旬至
# 7月中旬）1、广泛收集意见；2、…"
_INLINE_PHASE = re.compile(
    r"[ \t]*([^（(，,。；;：:]{2,12}阶段[（(][^（()）]{2,30}[）)])"
    r"(?=[ \t]*(?:[0-9]{1,2}[、.．](?![0-9])|[（(][0-9一二三四五六七八九十]{1,2}[）)]|[①-⑳]|一是))"
)


def _inline_phase(text: str) -> tuple[str, str] | None:
    """(the phase's title, its dates opening its items) of a phase heading run into them."""
    m = _INLINE_PHASE.match(text)
    phase = _phase(m[1]) if m else None
    if m is None or phase is None or has_deadline(phase[1]):
        return None
    return phase[1], f"{phase[2]}，{text[m.end() :].lstrip()}"


def _title(head: str, level: int, current: tuple[str, ...]) -> str:
    """A body paragraph's item title: its run-in heading, or the phase whose work it is
    ("（一）动员部署阶段（7月10日-15日）" above it: 动员部署阶段 names its tasks)."""
    if level == -1:
        return _clean_heading(head)
    phase = _phase(current[-1]) if current else None
    return phase[1] if phase and phase[1].endswith("阶段") else ""


def _phase(head: str) -> re.Match[str] | None:
    return next((m for p in _PHASES if (m := p.fullmatch(head))), None)


def _due_list(head: str) -> str:
    """The deadline a heading sets for the items under it ("2027年3月底前需完成的任务"), or ""."""
    m = _DUE_LIST.fullmatch(head)
    return m[1] if m and has_deadline(m[1]) else ""


# A heading naming a time ("一、征集时间", "三、检查整改时间") above a line holding only dates
_TIME_HEADING = re.compile(r"[\u4e00-\u9fff]{0,8}(?:时间|时限|期限|日期)")
_DATE_LINE_MAX = 40
_CLOSED = re.compile(cues.NOT_TAKEN)


def _under(current: tuple[str, ...], body: str, numbered: bool = False) -> str:
    """A body paragraph as its heading makes it read: the work under a phase heading opens
    with the phase's dates; a line of dates alone under a time's heading ("一、征集时间" /
    "自即日起至12月6日。") takes the heading as its label; numbered items under a heading
    naming the year's targets or task list are that year's."""
    heading = current[-1]
    if dates := _phase_dates(heading):
        return f"{dates}，{body}"
    target = numbered and _TARGETS_HEADING.fullmatch(heading) and not _TOLD.search(body)
    if target and not has_deadline(body):  # "一、2023年…主要预期目标" over "1.地区生产总值…"
        return f"{heading}是：{body}"  # that year's target (not an item telling the past)
    listed = _listed(current, body, numbered)
    if listed != body:
        return listed
    return f"{heading}：{body}" if _times(heading, body) else body


def _listed(current: tuple[str, ...], body: str, numbered: bool) -> str:
    """A numbered item under a heading naming the year's task list, opened by that year."""
    listed = next((m for h in current if (m := _TASK_LIST.fullmatch(h))), None)
    if numbered and listed and not _TOLD.search(body) and not has_deadline(body):
        return f"{listed['y']}年内，{body}"  # "2025年县政府工作报告任务清单" over its items
    return body


def _times(heading: str, line: str) -> bool:
    """Whether ``line`` holds only the dates a heading naming a time announces."""
    return (
        _TIME_HEADING.fullmatch(normalise(heading)) is not None
        and not _CLOSED.search(line)  # "年检时间为…，逾期不予受理": a window closed, a deadline
        and len(line) <= _DATE_LINE_MAX
        and not has_action(line)
        and has_deadline(line)
    )


def phase_dates(section: tuple[str, ...]) -> str:
    """The dates of the innermost phase heading over a paragraph, or ""."""
    return next((dates for h in reversed(section) if (dates := _phase_dates(h))), "")


@lru_cache(maxsize=256)
def _phase_dates(heading: str) -> str:
    """The dates of a phase heading ("集中整治阶段（5月-8月）"), when its title has none, or
    the deadline a heading sets for its items ("2027年3月底前需完成的任务")."""
    m = _phase(heading)
    return m[2] if m and not has_deadline(m[1]) else _due_list(heading)


def _dated_action(text: str) -> bool:
    """A short line with a deadline and an action is an item, not a heading
    ("1、10月底前完成控规调整"; but "二、2021年上半年重点任务" is a heading)."""
    return has_action(text) and has_deadline(text)  # the word scan first: it is cheaper


_SAYS = ("规定", "指出", "强调", "表示", "认为", "提出", "说", "写道")


def _run_in(text: str, limit: int) -> str | None:
    """The heading at the start of a paragraph ("金岱科创板块。…"), if any."""
    m = _RUN_IN[limit].match(text)
    if m and len(text) > m.end() + 4 and m[1].count("（") <= m[1].count("）"):
        return m.group(1)  # (not cut inside a bracket: "…破损（责任单位：区执法局）")
    return None


def structure(blocks: Sequence[Block]) -> list[Para]:
    """Body paragraphs with their heading path; headings themselves are consumed. An
    unnumbered heading right below another nests under it; one after body text replaces the
    previous heading if that one also followed body text (siblings), else nests under it
    ("奋力冲刺 / 聚焦“四大领域” / [text] / 聚焦核心板块")."""
    # (level, heading, came after body text, numbered or a docx heading: not placed by neighbours)
    stack: list[tuple[int, str, bool, bool]] = []
    out: list[Para] = []
    prev_heading = False
    current: tuple[str, ...] = ()  # the headings of ``stack``, kept as it changes
    told: tuple[str, ...] | None = None  # where a lead told the past ("一年来，…做了以下工作：")

    for i, block in enumerate(blocks):
        text = block.text.strip()
        if not text:
            continue
        if block.heading:
            kind, level, head, body = "heading", block.heading * 10, text, ""
        elif i == 0 and len(blocks) > 1 and classify(text)[0] == "heading":
            continue  # the document title: not part of any section path
        else:
            kind, level, head, body = _read(blocks, i, text, current)
        if kind == "body" and level > 0 and stack and stack[-1][3] and stack[-1][0] >= level:
            # "（三）集中整改，8月底前完成。" after the heading "（二）…阶段（4月-7月）": a sibling
            while stack and stack[-1][3] and stack[-1][0] >= level:
                stack.pop()
            current = tuple(t for _, t, _, _ in stack)
        if kind == "body" or level == -1:  # level -1: a run-in heading for this paragraph only
            title = _title(head, level, current)
            section = (*current, title) if title and level == -1 else current
            body = _under(current, body, level > 0 and told != current) if current else body
            told = current if level == 0 and _TOLD_LEAD.search(body) else told
            past = past_section(section)
            out.append(Para(body, block.line, section, past, title, numbered=level > 0))
            prev_heading = False
            continue
        after_body = not prev_heading
        numbered = level != 0
        if level == 0:
            if not stack:
                level = 1
            elif after_body and stack[-1][2] and not (stack[-1][3] and _SUBJECT.fullmatch(head)):
                level = stack[-1][0]
            else:
                level = stack[-1][0] + 1
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, _clean_heading(head), after_body, numbered))
        current = tuple(t for _, t, _, _ in stack)
        if kind == "run-in":
            body = _listed(current, body, numbered)  # (a run-in item of the year's task list)
            out.append(Para(body, block.line, current, past_section(current), stack[-1][1]))
            prev_heading = False
        else:
            prev_heading = True
    return out


def _read(
    blocks: Sequence[Block], i: int, text: str, current: tuple[str, ...]
) -> tuple[str, int, str, str]:
    """A line's kind, outline level, heading and body (``classify``), in its neighbours'
    light: some headings read as body text."""
    kind, level, head, body = classify(text)
    if kind != "heading":
        return kind, level, head, body
    if _labelled_below(blocks, i):
        return "body", 0, head, _unnumbered(text)  # an item with its labels
    if not level and current and _times(current[-1], text):
        return "body", level, head, text  # "一、管控时限" / "2021年2月10日0时至2月20日24时"
    if _phase_dates(_clean_heading(text)) and _bare(blocks, i, level):
        return "body", 0, head, _unnumbered(text)  # a phase with no work under it
    return kind, level, head, body


def _bare(blocks: Sequence[Block], i: int, level: int) -> bool:
    """Whether a numbered heading has no body under it: the next line is numbered at its level
    or above ("（一）宣传动员阶段（1月31日前）" / "（二）自主整改阶段（2月15日前）"), or the
    document ends."""
    j = next((j for j in range(i + 1, len(blocks)) if blocks[j].text.strip()), None)
    if j is None:
        return True
    below = classify(blocks[j].text.strip())[1]
    return level > 0 and not blocks[j].heading and 0 < below <= level


def _labelled_below(blocks: Sequence[Block], i: int) -> bool:
    """A short line followed by a deadline label line, or an owner line and then one ("6.建立
    …制度" / "责任单位：区工商联" / "完成时限：2027年4月底前"), is an item those lines close,
    not a heading (an owner line alone may stand under a section's heading)."""
    below = [b.text.strip() for b in blocks[i + 1 : i + 3] if not b.heading]
    labelled = [vx.DEADLINE_LINE.match(normalise(t)) is not None for t in below]
    if labelled[:1] == [True]:
        return has_deadline(below[0])
    return labelled[1:2] == [True] and owner_only(below[0]) is not None and has_deadline(below[1])


def _unnumbered(text: str) -> str:
    m = _OUTLINE.match(normalise(text))
    return text[m.end() :].lstrip() if m else text


def _clean_heading(text: str) -> str:
    t = text.strip().rstrip("。：:")
    if m := _OUTLINE.match(normalise(t)):
        t = t[m.end() :]
    return t.strip()
