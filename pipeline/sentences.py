"""Sentences, segments and clauses of a paragraph, as spans of its text.

A sentence ends at 。！？; a segment (what a deadline at its head can govern) at ；; a
clause at ，；. Quotes and brackets hold their punctuation in ("“一网通办、一网统管”"), but
real pages leave some open or close “ with a plain ", so an opener left open for longer
than ``_UNCLOSED`` characters is given up at the next cut. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from pipeline import vocab as vx
from pipeline.models import Deadline

_UNCLOSED = 80  # characters after which an unclosed quote or bracket stops hiding cuts
_SPACES = " \t\u3000\n"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of text: [start, end) without the separator that ends it."""

    start: int
    end: int
    sep: str = ""  # the character that ended it ("，", "；", "。" …), "" at the end


_MARKS: dict[str, re.Pattern[str]] = {}


def _marks(cuts: str) -> re.Pattern[str]:
    """A pattern finding the characters the cutter reacts to: brackets, quotes, cuts."""
    if cuts not in _MARKS:
        _MARKS[cuts] = re.compile("[" + re.escape(vx.OPENERS + vx.CLOSERS + '"' + cuts) + "]")
    return _MARKS[cuts]


_QUOTED_ON = set("的之，,、；;。）)”’") | {""}  # after “…。” the sentence goes on: “…。”的要求
_THOUSANDS = re.compile(r"[0-9][，,][0-9]{3}(?![0-9])")


def _cut(text: str, start: int, end: int, cuts: str) -> list[Span]:
    spans: list[Span] = []
    stack: list[int] = []  # positions of open quotes and brackets
    start, end = _speech(text, start, end)
    s = start
    for m in _marks(cuts).finditer(text, start, end):
        i, ch = m.start(), m.group()
        if ch in cuts:
            if stack and i - stack[0] > _UNCLOSED:
                stack.clear()
            if ch in "，," and _THOUSANDS.match(text, i - 1):
                continue  # "1，200人": a thousands separator, no clause stop
            if not stack:
                _add(spans, text, s, i, ch)
                s = i + 1
        elif ch == '"' and not (stack and text[stack[-1]] in '“"'):
            stack.append(i)
        elif ch in vx.CLOSERS or ch == '"':
            if stack:
                stack.pop()
            if not stack and text[i - 1 : i] in cuts and text[i + 1 : i + 2] not in _QUOTED_ON:
                _add(spans, text, s, i + 1, text[i - 1])  # “…处理。”请…: the quote ended it
                s = i + 1
        elif not _quoted_sentences(text, i):
            stack.append(i)
    if s < end:
        _add(spans, text, s, end, "")
    return spans


def _quoted_sentences(text: str, i: int) -> bool:
    """Whether the opener at ``i`` quotes whole sentences (“…；…30%。”自治区…说): speech, cut
    inside like unquoted text, not a name holding its punctuation."""
    if text[i] != "“":
        return False
    close = text.find("”", i + 1)
    return close > i + 1 and text[close - 1] in "。！？!?" and "“" not in text[i + 1 : close]


def _speech(text: str, start: int, end: int) -> tuple[int, int]:
    """A span that is one quotation from end to end (a speech: “8月底前完成…，9月1日进场施工，
    春节前完成…。”) is cut inside it, as if unquoted."""
    a, b = start, end
    while a < b and text[a] in _SPACES:
        a += 1
    while b > a and text[b - 1] in _SPACES:
        b -= 1
    if b - a > 2 and text[a] == "“" and text[b - 1] == "”" and "“" not in text[a + 1 : b - 1]:
        return a + 1, b - 1
    return start, end


def _add(spans: list[Span], text: str, a: int, b: int, sep: str) -> None:
    """Append [a, b) without the spaces around it, unless nothing is left."""
    while a < b and text[a] in _SPACES:
        a += 1
    while b > a and text[b - 1] in _SPACES:
        b -= 1
    if a < b:
        spans.append(Span(a, b, sep))


# A colon before a year heading the list after it ("…的主要目标是：到2020年，A；B；C") ends a
# sentence: the year opens the next one, whose segments it governs
_YEAR_LIST = re.compile(r"[:：](?=[ \t]*(?:到|至|在)?[ \t]*(?:19|20)[0-9]{2}年(?:底|末)?前?[，,])")


_FORECAST = re.compile(r"预测|预计|趋势|估计|展望")


def sentences(text: str) -> list[Span]:
    """Sentences of ``text`` (ending at 。！？, quotes and brackets respected)."""
    out = _cut(text, 0, len(text), vx.SENTENCE_END + "\n")
    if "：" not in text and ":" not in text:
        return out
    cut: list[Span] = []
    for span in out:
        pos = span.start
        for m in _YEAR_LIST.finditer(text, span.start, span.end):
            if _FORECAST.search(text, span.start, m.start()):
                continue  # "据…预测，…趋势是：到2035年，…": a forecast's list, not targets
            _add(cut, text, pos, m.start() + 1, m.group())
            pos = m.end()
        _add(cut, text, pos, span.end, span.sep)
    return cut


# A sentence's segments and clauses are asked for by each stage that reads it (its head
# deadline, its drafts): cut once.


@lru_cache(maxsize=256)
def segments(text: str, sentence: Span) -> tuple[Span, ...]:
    """The ；-separated segments of a sentence; a numbered item run in after a comma
    ("…，3.科技支撑…项目由申报单位…申报") starts one too."""
    out: list[Span] = []
    for seg in _cut(text, sentence.start, sentence.end, vx.SEGMENT_SEP):
        pos = seg.start
        for m in _RUN_IN_ITEM.finditer(text, seg.start, seg.end):
            if text[pos : m.start()].strip():
                out.append(Span(pos, m.start(), "；"))
            pos = m.start() + 1
        out.append(Span(pos, seg.end, seg.sep))
    return tuple(out)


_BY_RULE = re.compile(r"[^，,]{2,}(?:按|按照|根据|依照)[^，,]*要求$")  # after a subject
_RUN_IN_ITEM = re.compile(r"[，,](?=[ \t]*[0-9]{1,2}[.．、](?![0-9]))")


@lru_cache(maxsize=1024)
def clauses(text: str, segment: Span) -> tuple[Span, ...]:
    """The ，-separated clauses of a segment."""
    return tuple(_cut(text, segment.start, segment.end, vx.CLAUSE_SEP))


def sentence_of(ntext: str, d: Deadline) -> tuple[int, int]:
    """The bounds of the sentence holding ``d`` (cut at 。！？ and the like)."""
    return _sentence_bounds(ntext, d.start, d.end)


@lru_cache(maxsize=512)  # the checks of one date ask for its sentence several times
def _sentence_bounds(ntext: str, start: int, end: int) -> tuple[int, int]:
    lo = max(ntext.rfind(c, 0, start) for c in vx.SENTENCE_END) + 1
    hi = min((i for c in vx.SENTENCE_END if (i := ntext.find(c, end)) >= 0), default=len(ntext))
    return lo, hi


def clause_of(ntext: str, d: Deadline) -> tuple[int, int]:
    """The bounds of the clause holding ``d`` (cut at ，；。 and the like, and line breaks)."""
    return _clause_bounds(ntext, d.start, d.end)


@lru_cache(maxsize=512)  # ... and its clause
def _clause_bounds(ntext: str, start: int, end: int) -> tuple[int, int]:
    lo = max(map(ntext.rfind, vx.CLAUSE_STOPS, repeat(0), repeat(start))) + 1
    hi = vx.CLAUSE_STOP.search(ntext, end)
    return lo, hi.start() if hi else len(ntext)


def clause_text(ntext: str, d: Deadline) -> str:
    """The text of the clause holding ``d``."""
    lo, hi = clause_of(ntext, d)
    return ntext[lo:hi]


def holding(sents: list[Span], dated: list[Deadline]) -> set[int]:
    """The indices of the sentences a deadline starts in."""
    ends = [s.end for s in sents]
    out = set()
    for d in dated:
        i = bisect_right(ends, d.start)
        if i < len(sents) and sents[i].start <= d.start:
            out.add(i)
    return out


def same_sentence(text: str, a: int, b: int) -> bool:
    """Whether no sentence ends between offsets a and b."""
    lo, hi = sorted((a, b))
    return not any(ch in vx.SENTENCE_END for ch in text[lo:hi])


_HELD = re.compile("[" + re.escape(vx.OPENERS + vx.CLOSERS) + '"]')
_LEAD_WORDS = "(?:" + "|".join(map(re.escape, vx.DEADLINE_LEADS)) + r"|[\s:：,，])"
_TRAILING_LEAD = re.compile(_LEAD_WORDS + "$")
_WORDS = re.compile(r"[\w%]")  # a character of words, not punctuation
_NOT_NAMED = re.compile(r"可以|能够|提前|推迟|尽量|已|正在|^[^\w]*$")
_ONLY_LEADS = re.compile(_LEAD_WORDS + "*")


def dated_clauses(
    text: str, cls: Sequence[Span], dated: list[Deadline]
) -> tuple[list[Span], dict[int, Span]]:
    """Clauses holding different dates each with its own work, cut at the 、 before each later
    date ("6月底前完成方案编制、9月底前完成招标"), not dates side by side ("3月、6月底前报送");
    and the subject before the first date, for the parts cut off ("区住建局3月底前…、5月底前…")."""
    out: list[Span] = []
    subjects: dict[int, Span] = {}
    named: Span | None = None  # the subject before the last clause's date ("其他房屋于…前…")
    for clause in cls:
        own = [d for d in dated if clause.start <= d.start < clause.end and d.due is not None]
        if _HELD.search(text, clause.start, clause.end):
            own = []  # "按照“6月底前开工、9月底前完工”的要求推进…": the quote is one requirement
        if own and named is not None and _ONLY_LEADS.fullmatch(text, clause.start, own[0].start):
            subjects[clause.start] = named  # "…，到2023年底前基本完成整治": the same subject's
        named = _subject_before(text, clause, own[0]) if own else None
        start = clause.start
        cuts = [
            b.start - 1
            for a, b in zip(own, own[1:], strict=False)
            if text[b.start - 1] == "、"
            and a.due != b.due
            and len(_WORDS.findall(text, a.end, b.start - 1)) >= 2
        ]
        subject = subject_only(text, clause, own) if own and not cuts else None
        if subject is not None:  # "全县到2025年底，建成…": the head's subject
            subjects[clause.start] = subject
        if cuts:
            end = own[0].start
            while (lead := _TRAILING_LEAD.search(text, clause.start, end)) is not None:
                end = lead.start()  # "各镇街要在": the subject without its 要在
            subject = Span(clause.start, end) if _WORDS.search(text, clause.start, end) else None
        for cut in cuts:
            out.append(Span(start, cut, "、"))
            start = cut + 1
            if subject is not None:
                subjects[start] = subject
        out.append(clause if start == clause.start else Span(start, clause.end, clause.sep))
    return out, subjects


def _subject_before(text: str, clause: Span, d: Deadline) -> Span | None:
    """A short subject before a clause's date with no action in it ("其他房屋于"), or None."""
    end = d.start
    while (lead := _TRAILING_LEAD.search(text, clause.start, end)) is not None:
        end = lead.start()
    words = text[clause.start : end]
    if not (2 <= len(words.strip()) <= 12) or vx.ACTION.search(words) or _NOT_NAMED.search(words):
        return None  # (no work, and no manner: "可以提前在今年完成")
    return Span(clause.start, end)


def _rank(d: Deadline) -> tuple[int, int]:
    bound = d.expr.rstrip().endswith(vx.BY_MARKERS)
    return (0 if bound else 1, 0 if d.due is not None or d.recurring else 1)


def governing(own: list[Deadline], *, shared: bool = False) -> list[Deadline]:
    """The expressions that govern a clause: a "by" date over a bare one, a date over none;
    several "by" dates with different days each date the clause ("6月底前开工、12月底前完工"),
    so do several bare ones ("A明年7月份建成、B明年11月份建成") and any dates the clause
    shares out (``shared``: "分别于12月20日和1月5日以前送交")."""
    if not own:
        return []
    best = min(own, key=_rank)
    bound = [d for d in own if _rank(d) == (0, 0)]
    if len({d.due for d in bound}) > 1:
        return bound
    if (shared or not bound) and len({d.due for d in own if d.due is not None}) > 1:
        return [d for d in own if d.due is not None]
    return [best]


# A place or a body as a clause's subject ("嘉定区", "全县", "各乡镇", "区住建局")
_SUBJECT = re.compile(
    r"[\u4e00-\u9fff（）()]{0,8}(?:区|县|市|镇|乡|街道|村|社区|局|委|办|中心|部门|单位|政府|各地)"
)


def subject_only(text: str, clause: Span, own: list[Deadline]) -> Span | None:
    """The subject of a clause holding only a subject and its time ("嘉定区到2025年底，…",
    "全县到2025年底，建成…"): the time heads the work after it, for that subject."""
    if not own or _WORDS.search(text, own[-1].end, clause.end):
        return None
    end = own[0].start - (text[own[0].start - 1 : own[0].start] in ("到", "至"))
    # (with another lead before the time, "各部门于…前，", it governs as it is)
    if end <= clause.start or not _SUBJECT.fullmatch(text, clause.start, end):
        return None
    return Span(clause.start, end)


# After a clause naming a span ("6-12月为排查整治阶段"): another span named ("8月26日至9月4日为
# 复查复审和审批定兵阶段", "…为体检、政治考核实施阶段"), or the sentence's end
_NAMED_NEXT = re.compile(
    r"[，,、；;：: \t]*(?:[^，,、；;。：:]{0,24}?(?:为[^，,；;。]{0,14}(?:期|时段|阶段)|阶段)[ \t]*(?=[，,、；;。]|$)"
    r"|[。！？!?]|$)"
)


def nothing_after(text: str, end: int) -> bool:
    """Whether no work follows a clause naming a span: the next clause names a span too, or
    the sentence ends ("…，6-12月为排查整治阶段，2021年为集中攻坚阶段。")."""
    return _NAMED_NEXT.match(text, end) is not None


# An item opening with a plan's word: "一是2021年计划投资…；二是计划投资…" (the first's year)
_ENUMERATOR = re.compile(r"[ \t]*(?:[一二三四五六七八九十]+是|其次|再次|此外|另外)?[，,：: \t]*")
_PLAN_ITEM = re.compile(r"[ \t]*(?:计划|拟)(?!要求)")
_YEARS = frozenset({"year_explicit", "year_end"})


def plan_year_of(text: str, dated: list[Deadline]) -> Deadline | None:
    """The year of a plan a sentence's first segment states ("2021年计划投资…"), if any."""
    return next((d for d in dated if d.kind in _YEARS and _PLAN_ITEM.match(text, d.end)), None)


def sibling_plan(text: str, seg: Span) -> bool:
    """Whether a segment is an enumerated plan item ("二是计划投资…")."""
    head = _ENUMERATOR.match(text, seg.start, seg.end)
    return _PLAN_ITEM.match(text, head.end() if head else seg.start, seg.end) is not None


_CONTEXT_CHARS = 40  # at most this much context before a head deadline
# A dated clause opening with an aim or a partner has its actor in the clauses before it when
# they open with an office and its verb ("区住建局要督促…，确保…12月25日前完工", "区城管局负责牵头，
# 会同各街道于3月底前…"), not when they are other work ("提速…道路建设，力争…7条道路年内通车")
_AIMS = ("确保", "以确保", "保证", "力争", "争取", "务必", "会同", "联合", "协同")


_FIGURES = re.compile(
    r"[ \t]*(?:(?:累计|共|已)?(?:完成|开挖|硬化|浇筑|铺设|投入|到位)"
    r"|(?:该|本|项目|工程)?(?:总投资|总占地面积|占地面积|建筑面积|总面积))[^，,。；;]{0,16}?[0-9]"
)


_OWN_STANDING = re.compile(r"其他|其余|剩余|正在|尚未|还有")


def context_of(text: str, pending: list[Span]) -> list[Span]:
    """The undated clauses just before a head deadline that name its subject."""
    out: list[Span] = []
    used = 0
    for sp in reversed(pending):
        words = text[sp.start : sp.end]
        figures = _FIGURES.match(words) is not None and "的" not in words  # not "…的X项目"
        framing = vx.FRAMING.search(words) and not _BY_RULE.search(words)  # 按…要求: a means
        if vx.STATUS_OPEN.match(words):  # ... and the clauses after it go on with its report
            if not any(_OWN_STANDING.search(text, o.start, o.end) for o in out):
                out, used = [], 0  # ("…工程，已完成管道敷设，路基路面铺设，预计8月底前竣工"; not
            continue  # "…已完成5座，其他桥梁维修工作正在进行，预计…": the others)
        if framing or figures:
            continue  # (figures of progress: "开挖土方1.6万立方", "累计完成投资370万元")
        used += len(words)
        if out and used > _CONTEXT_CHARS:
            break
        out.insert(0, sp)
    return out


def aimed(text: str, clause: Span, pending: list[Span]) -> bool:
    """A dated clause opening with an aim after an office's clause (_AIMS)."""
    return (
        bool(pending)
        and text.startswith(_AIMS, clause.start)
        and vx.NEW_ACTOR.match(text, pending[0].start, pending[0].end) is not None
    )
