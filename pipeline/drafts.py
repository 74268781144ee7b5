"""Drafts beside a deadline's own reach (pure): the work a summary refers back to, the items
of a list of a year's undertakings, a clause whose only date does not exist, and the actions
no deadline governs (parse --all)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.items import numbered_items
from pipeline.models import Deadline
from pipeline.owners import OwnerNote
from pipeline.scope import Draft
from pipeline.sentences import (
    Span,
    clause_of,
    clauses,
    governing,
    same_sentence,
    segments,
    sentences,
)
from pipeline.structure import has_action
from pipeline.textnorm import normalise, parse_num
from pipeline.timeonly import CUTOFF_WORD, deadline_only, head_deadline

# A list of a year's undertakings, named in a heading or leading its paragraph
# ("一、2021年县政府为民办实事项目", "20.2026年10件民生实事：加大…，提高…"; 今年/明年 too): each
# item is due at that year's end. Not a review of them (完成情况, 总结 …), nor a list a meeting
# takes up or approves (a heading "二、关于2027年民生实事项目" in minutes, "…（草案）").
_LIST_NAME = (
    r"(?:为民办实事|民生实事|实事项目|[0-9一二两三四五六七八九十]+(?:件|项|大)(?:民生)?实事)"
)
_YEAR_LIST = re.compile(
    rf"(?:(?P<y>(?:19|20)[0-9]{{2}})\s*年度?|(?P<w>今年|本年|明年))[^，。；：:]{{0,16}}?{_LIST_NAME}"
)
_LEAD_MAX = 48  # a leading list name, its number and colon fit in this many characters
# ... or the sentences before a colon name the year and its list with words between them
_YEAR_THEN_LIST = re.compile(
    rf"(?:(?P<y>(?:19|20)[0-9]{{2}})\s*年度?|(?P<w>今年|本年|明年))[^。；：:]{{0,120}}?{_LIST_NAME}"
)
_COLON = re.compile("[：:]")
_WIDE_MAX = 260
_LIST_LEAD = re.compile(r"(?:[0-9]{1,3}[.、．]\s*)?(?P<name>[^，。；：:]{0,40}?)[：:]")
# ... or a lead naming the list without its year ("这10件实事分别为：一是…；二是…"), when the
# document's title names the year's list ("…确定今年为民十件实事")
_YEARLESS_LEAD = re.compile(
    rf"[^，。；：:]{{0,12}}?(?:实事|{_LIST_NAME})(?:项目)?[”\"」』]?(?:分别为|分别是|包括|为|是)?"
)
_ALL_DONE = re.compile(r"均已|已全部|已经全部")  # not 全部完成: "年底前全部完成" is a target
_REVIEW = re.compile(r"情况|总结|回顾|成效|进展|评议|满意度|征集|完成|兑现|建议|草案|审议")


def list_year(
    ntext: str, section: tuple[str, ...], as_of: dt.date, title: str = "", run_in: str = ""
) -> tuple[str, int, int] | None:
    """The list of a year's undertakings (this year's or the next) a paragraph is an item of
    (a heading names it) or leads ("20.2026年10件民生实事：A，B，C"; "这10件实事分别为：…",
    also as the paragraph's run-in title, under a document title naming the year's list):
    its name, its year, and where the items start (-1: the whole paragraph is one item)."""
    if "实事" not in ntext[:_WIDE_MAX] and not any("实事" in normalise(h) for h in section[-2:]):
        return None  # every list this finds names 实事: most paragraphs stop here
    lead = _LIST_LEAD.match(ntext)
    named = [(lead["name"], lead.end())] if lead else []
    if title and lead and _YEARLESS_LEAD.fullmatch(lead["name"]):
        named.append((title, lead.end()))  # (a lead's items before a heading's whole item)
    elif (
        title
        and (heads := [normalise(h) for h in (run_in, *section[-1:]) if h])
        and any(
            _YEARLESS_LEAD.fullmatch(h)
            for h in heads  # its run-in title, or the heading over it
        )
    ):  # ("這“十件民生實事”分別是：" read as a heading)
        named.append((title, 0))
    colon = _COLON.search(ntext, 0, _WIDE_MAX)  # "报告指出，2022年县政府将…，重点抓好10件民生
    if colon is not None and "实事" in ntext[: colon.start()]:  # 实事：(1)…(2)…"; "2024年，…将干好
        named.append((ntext[: colon.start()], colon.end()))  # “十件民生实事”。这…分别是：A；B"
    named += [(h, -1) for h in section[-2:] if not h.startswith("关于")]  # an agenda item
    for name, body in named:
        found = _named_list(name)
        if found is None:
            continue
        text, year, word = found
        year = year or as_of.year + (word == "明年")
        if 0 <= year - as_of.year <= 1:
            return text, year, body
    return None


@lru_cache(maxsize=512)  # the paragraphs of a section share its headings
def _named_list(name: str) -> tuple[str, int, str] | None:
    m = _YEAR_LIST.search(normalise(name)) or _YEAR_THEN_LIST.search(normalise(name))
    if m is None or _REVIEW.search(name):
        return None
    return m.group(), int(m["y"] or 0), m["w"] or ""


def listed_drafts(
    ntext: str, when: Deadline, body: int, *, taken: Sequence[Draft] = ()
) -> list[Draft]:
    """An item of a year's list: each sentence naming an action is a task; a paragraph
    leading the list ("…民生实事：A，B，C"; "…分别为：一是A；二是B") has one item per clause
    (per segment, when ； parts them) after the colon. Items overlapping ``taken`` (dated by
    a date of their own) are left to it."""
    if body >= 0 and len(numbered := numbered_items(ntext, body)) >= 2:
        spans = numbered  # "这十件实事是：1.新修…。2.引入…，建成…。": one task an item
    elif body >= 0:
        parts = segments if any(c in ntext[body:] for c in "；;") else clauses
        cut = [c for s in sentences(ntext) for c in parts(ntext, s) if c.end > body]
        spans = [Span(max(c.start, body), c.end) for c in cut]
    else:
        spans, numbered = sentences(ntext), []
    if _ALL_DONE.search(ntext, max(body, 0)):
        return []  # "…，目前均已完成": a report of the list, not its promises
    held = [q for d in taken if d.deadline for q in d.parts]
    return [
        Draft(when, [sp])
        for sp in spans
        if (sp in numbered or has_action(ntext[sp.start : sp.end]))
        and counted_item(ntext[sp.start : sp.end])  # not "已完成8个", "目前均已完成"
        and not vx.STATUS_CLAUSE.match(ntext, sp.start, sp.end)
        and not any(q.start < sp.end and sp.start < q.end for q in held)
    ]


# Not an item a summary counts: a report of the period, or an item already done or its outcome
# ("今年以来，新开工项目32个", "公交站亭50个，已全部完工", "项目建成后可新增学位1800个")
_NOT_ITEM = re.compile(
    r"以来|本报讯|累计|同比|全部完工|已完工|已竣工|已全部|已投入使用|已投用|已建成投"
    r"|(?:^|[，,])(?:该|此|其)?(?:项目|工程)?(?:建成|投用|投产|竣工)后"
)


def count_of(ref: re.Match[str]) -> int:
    """The number of items a reference back counts ("这5项" → 5; "这一项" counts nothing)."""
    n = parse_num(ref.group("n") or "") or 0
    return n if n >= 2 else 0


def counted_item(text: str) -> bool:
    """Whether a stretch of text can be one of the items a summary counts."""
    return _NOT_ITEM.search(text) is None


def referred(ntext: str, clean: str, before: Span, found: list[Draft], n: int) -> list[Draft]:
    """ "以上工作要在…完成": the sentences before are the work, one task holding their words;
    with a count ("城东学校…；人民公园…；老旧小区…。这3项工程预计10月底前全部完成"), each of
    the last n items (sentences or segments, not reports, outcomes or work already done) is a
    task of its own."""
    items = [
        seg
        for sent in sentences(ntext[: before.end])
        if sent.start >= before.start
        for seg in segments(ntext, sent)
        if counted_item(ntext[seg.start : seg.end])
    ]
    if n and len(items) >= n:
        return [
            Draft(d.deadline, [seg], sentence=f"{clean[seg.start : seg.end]}……{d.sentence}")
            for d in found
            for seg in items[-n:]
        ]
    for d in found:
        d.parts.insert(0, before)
    return found


def invalid_dates(ntext: str, dated: list[Deadline], drafts: list[Draft]) -> list[Draft]:
    """A clause whose only date does not exist (13月底前): listed for a person to correct."""
    out = []
    for d in dated:
        if d.invalid and not any(p.start <= d.start < p.end for x in drafts for p in x.parts):
            lo = max(ntext.rfind(c, 0, d.start) for c in vx.SENTENCE_END + vx.CLAUSE_SEP) + 1
            hi = min(
                (i for c in vx.SENTENCE_END + vx.CLAUSE_SEP if (i := ntext.find(c, d.end)) >= 0),
                default=len(ntext),
            )
            out.append(Draft(None, [Span(lo, hi)], invalid=d.expr))
    return out


def undated_actions(ntext: str, sent: Span, covered: list[Span]) -> list[Draft]:
    """Actions of a sentence no deadline governs (parse --all); consecutive ones merged."""
    if any(m in ntext[sent.start : sent.end] for m in vx.PAST_MARKERS):
        return []
    out: list[Draft] = []
    for seg in segments(ntext, sent):
        run: Draft | None = None
        for c in clauses(ntext, seg):
            overlaps = any(p.start < c.end and c.start < p.end for p in covered)
            if overlaps or not has_action(ntext[c.start : c.end]):
                run = None
                continue
            if run is None:
                run = Draft(None, [c])
                out.append(run)
            else:
                run.parts.append(c)
    return out


def dated_once(drafts: list[Draft]) -> list[Draft]:
    """The drafts without the undated ones overlapping a dated one (an action a note's
    deadline dated is no undated action as well)."""
    spans = [p for d in drafts if d.deadline is not None for p in d.parts]
    return [
        d
        for d in drafts
        if d.deadline is not None
        or not any(p.start < q.end and q.start < p.end for p in d.parts for q in spans)
    ]


def closed_before(text: str, before: Span, sentence: Span, dated: list[Deadline]) -> list[Draft]:
    """A sentence saying nothing but when ("截止时间：2026年4月10日。", "2026年9月30日后不再
    受理。") dates the work of the undated sentence ``before`` it, when that is work (else it
    is a task itself: its paragraph's title, or someone, hands in by then)."""
    if not CUTOFF_WORD.search(text, sentence.start, sentence.end):
        return []  # "年底前全部完成。", "（2021—2035年）": no cutoff, nothing before it to date
    found: Deadline | None = None
    for seg in segments(text, sentence):
        for clause in clauses(text, seg):
            own = [d for d in dated if clause.start <= d.start < clause.end]
            if not own and (
                cues.LATE_AFTER.match(text, clause.start)
                or vx.NOT_WORK.match(text, clause.start, clause.end)
            ):
                continue  # "…截止日期为4月30日，逾期不予受理。", "…，以邮戳日期为准。"
            if not own or not deadline_only(text, clause, own):
                return []
            found = found or governing(own)[0]
    if found is None or found.due is None:
        return []
    words = text[before.start : before.end]
    if not words.strip() or any(p.match(words) for p in (vx.NOT_WORK, vx.SANCTION, vx.STATUS_OPEN)):
        return [Draft(found, [sentence])]  # the cutoff alone: someone hands in by then
    return [Draft(found, [before, sentence])]


def settled(ntext: str, found: list[Draft]) -> list[Draft]:
    """A sentence's drafts as tasks: one per recurring deadline (``one_series``), and none of
    those an earlier clause's visit dates ("市政务公开办将于6月下旬对各县市区开展测评，请各单位
    高度重视，…，务必在6月1日前完成整改": the means of the work the later date closes)."""
    found = one_series(found)
    own = [d.parts[0].start for d in found if d.deadline is not None and not _visit(ntext, d)]
    if not own:
        return found
    return [d for d in found if not (_visit(ntext, d) and d.parts[0].start < max(own))]


def _visit(ntext: str, d: Draft) -> bool:
    """Whether a draft is dated by another body's visit (its deadline's clause names one)."""
    return (
        d.deadline is not None
        and vx.VISITOR.match(ntext, *clause_of(ntext, d.deadline)) is not None
    )


def one_series(found: list[Draft]) -> list[Draft]:
    """A sentence's drafts with those one recurring deadline governs made one ("每月至少开展一次
    调研，协调解决…问题，推动…": one monthly task, not a series per clause: the same reminders
    twice); others as they are."""
    out: list[Draft] = []
    first: dict[int, Draft] = {}  # by the recurring deadline's identity
    for d in found:
        recurring = d.deadline is not None and d.deadline.recurring
        if not recurring or (head := first.setdefault(id(d.deadline), d)) is d:
            out.append(d)
        else:
            head.parts.extend(p for p in d.parts if p not in head.parts)
    return out


# A time label ("时间：", "实施时间：", "整改时限：") and, between the dates of its windows, a
# short name for each ("夏季麦收期间（…）")
_WINDOWS_LABEL = re.compile(r"\s*[^，,。；;：:]{0,6}?(?:时间|时限|期限|日期|时段|节点)\s*[:：]")
_WINDOW_NAME = re.compile(r"[^，,。；;：:]{0,12}")


def one_item(drafts: list[Draft]) -> list[Draft]:
    """The drafts of an item of a dated lead's list ("2019年，…办10件实事：五是实施…工程，完成
    …40个，电梯加装245部"): the clauses the lead's date governs are one task."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and d.deadline is not None and d.deadline == prev.deadline:
            prev.parts.extend(d.parts)
        else:
            out.append(d)
    return out


def opening_dates(ntext: str, sents: list[Span], dated: list[Deadline]) -> list[Deadline]:
    """The deadlines a paragraph's first sentence gives its later undated sentences: one that
    opens it in a clause of its own ("2019年3月底前，A推行…。B印发…。"), or each window of a
    first sentence that is only a time label and its dates ("时间：夏季麦收期间（6月5日—6月30
    日）、秋季秋收期间（10月1日—10月31日）。各村要加强巡查…": the work is done in each)."""
    if not sents or not dated:
        return []
    if (head := head_deadline(ntext, sents[0], dated, alone=True)) is not None:
        return [head]
    first = sents[0]
    label = _WINDOWS_LABEL.match(ntext, first.start)
    own = [d for d in dated if first.start <= d.start < first.end]
    if label is None or not own or len(sents) < 2:
        return []
    if len(own) == 1 and not deadline_only(ntext, first, own):
        return []  # "征集时间：…止。请…提交建议。": a window to act in is a task of its own
    pos = label.end()
    for d in own:
        if not _WINDOW_NAME.fullmatch(ntext, pos, d.start):
            return []
        pos = d.end
    return own if not ntext[pos : first.end].strip(" ）)、，,。；;") else []


def carried(ntext: str, carry: list[Deadline], sent: Span) -> list[Draft]:
    """The drafts a sentence takes from the dates its paragraph opened with: each window of a
    label ("时间：夏季麦收前（5月30日—6月4日）、秋季秋收前（…）。") with its name before the work
    ("夏季麦收前（5月30日—6月4日）" and the sentence); a head date alone with the sentence."""
    if len(carry) < 2:
        return [Draft(c, [sent]) for c in carry]
    out = []
    for c in carry:
        start = max(ntext.rfind(ch, 0, c.start) for ch in "、：:，,") + 1
        end = c.end + (ntext[c.end : c.end + 1] in ")）")
        out.append(Draft(c, [Span(start, end), sent]))
    return out


def apply_notes(
    ntext: str,
    notes: list[OwnerNote],
    drafts: list[Draft],
    resolve: Callable[[str], list[Deadline]],
    as_of: dt.date,
) -> list[tuple[str, dt.date]]:
    """A note owns the tasks before it (back to the previous note), 由X牵头 its sentence;
    a deadline written in a note dates the item it closes. Returns the notes' deadlines
    already past (reports, not tasks), as (expression, date)."""
    past: list[tuple[str, dt.date]] = []
    prev_end = 0
    for note in notes:
        if note.inline:
            mine = [d for d in drafts if same_sentence(ntext, d.parts[0].start, note.start)]
        else:
            mine = [d for d in drafts if prev_end <= d.parts[-1].start < note.start]
            found = resolve(note.when) if note.when else []
            when = [w for w in found if w.due and w.due >= as_of]
            past += [(w.expr, w.due) for w in found if w.due and w.due < as_of and not w.recurring]
            if (
                when
                and ntext[prev_end : note.start].strip(" ，,。；;：:、（）()")
                and not any(d.deadline and d.deadline.due == when[-1].due for d in mine)
            ):  # (a note with nothing before it in its paragraph closes no item here)
                item = Draft(when[-1], [Span(prev_end, note.start)])
                drafts.append(item)
                mine.append(item)
            prev_end = note.end
        for d in mine:
            if not d.lead and not d.assist:
                d.lead, d.assist = note.lead, note.assist
    return past


# A sentence of figures only: "CPI涨幅2%左右，单位GDP二氧化碳排放下降3%左右。"
_INDICATORS = re.compile(
    r"(?:[^，,。；;]{2,30}?(?:增长|下降|降低|提高|涨幅|控制在|达到|保持)[^，,。；;]{0,12}?"
    r"(?:[0-9.]+%|左右|以上|以内|同步|稳定)[ \t]*[，,；;]?[ \t]*)+[。]?"
)
_TARGETS_ON = re.compile(r"实现|达到|显著增强|明显增强|明显提升|显著提升|全覆盖|基本形成|全面建成")
_NOT_STATED = re.compile(
    rf"{cues.TOLD_DONE.pattern}|要|须|应|可能|能够|逐步|(?:19|20)[0-9]{{2}}年|[0-9一二三四五六七八九十]年[内间]"
)
# A sentence opening with 同时 that orders or starts work is done by the time of the one before
_ALSO = re.compile(
    r"[ \t]*同时[，,](?!.*了)(?=.*(?:要|须|应|务必|力争|确保|开展|实施|启动|推进|组织))"
)
# ... not another body's own plan ("同时，县纪委监委将组织开展专项督查")
_BODY_WILL = re.compile(rf"[^，,；;。]{{1,16}}?(?:{vx.BODY_END}|小组)[^，,；;。]{{0,4}}将")


def same_time(ntext: str, sent: Span, also: Deadline) -> bool:
    """Whether a sentence is done by the one date of the sentence before: it opens with 同时
    and orders work (not another body's: "同时，县纪委将…督查"), or it goes on with the
    indicators a stated list of targets began ("…目标是：A；B。CPI涨幅2%左右，…下降3%左右。")."""
    if cues.lists_targets(ntext, also.end) and _INDICATORS.fullmatch(ntext, sent.start, sent.end):
        return True
    if also.expr.lstrip().startswith(("到", "至")) and also.kind == "year_explicit":
        # "到2027年，有效解决…问题。全面实现…统管。…一体化率达到83.5%": the year's targets
        stated = _TARGETS_ON.search(ntext, sent.start, sent.end)
        other = _NOT_STATED.search(ntext, sent.start, sent.end)  # an order, a comment, a year
        return stated is not None and other is None
    m = _ALSO.match(ntext[sent.start : sent.end])
    return m is not None and not _BODY_WILL.match(ntext, sent.start + m.end(), sent.end)
