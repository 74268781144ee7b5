"""From drafts to ``Task`` records: words, flags, stable identities; task-table rows.

Pure. A task's id is a hash of its document and its words with the deadline masked, so
editing a deadline moves the task's reminders instead of creating a new task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from pipeline import vocab as vx
from pipeline.models import Deadline, Document, TableRow, Task
from pipeline.owners import split_names
from pipeline.plans import plan_end
from pipeline.scope import Draft
from pipeline.sentences import Span
from pipeline.structure import Para
from pipeline.textnorm import normalise

SECTION_SEP = " › "
_SPACE_RE = re.compile(r"\s+")
_CJK = re.compile("[\u4e00-\u9fff]")
# A deadline cell naming only a year ("2025年", "2025年度", "全年", "本年度"): that year's end
_YEAR_CELL = re.compile(
    r"(?P<y>[0-9]{4})(?:年度?)?(?:全年)?内?|(?:(?:本|当)?年度|本年|当年|全年)内?"
)
_PUNCT_RE = re.compile(r"[\s，,。；;：:、！？!?“”\"'‘’（）()《》〈〉【】\[\]…—\-]")


@dataclass(frozen=True)
class PastMention:
    """A date a document gives for something already past when it was written."""

    line: int
    expr: str
    due: dt.date
    text: str


@dataclass(frozen=True)
class Placed:
    """A draft with its words and where it stands in the document."""

    draft: Draft
    words: str
    section: str
    line: int

    @property
    def recurs(self) -> bool:
        return self.draft.deadline is not None and self.draft.deadline.recurring is not None


def strength(text: str, draft: Draft) -> str:
    """The strongest commitment word (确保 > 务必 > … > 将) in the draft's words, else in
    its sentence ("力争10月底前完成A，11月底前完成B": B too is 力争)."""
    words = "".join(text[p.start : p.end] for p in draft.parts)
    return _strongest(words) or _strongest(normalise(draft.sentence))


def _strongest(text: str) -> str:
    """The strongest commitment word in ``text`` (vocab.STRENGTHS order), else ""."""
    found = {m.group() for m in vx.STRENGTH_WORD.finditer(text)}
    return next((w for w in vx.STRENGTHS if w in found), "")


def row_drafts(
    row: TableRow, as_of: dt.date, resolve: Callable[[str], list[Deadline]], past: list[PastMention]
) -> list[Placed]:
    """The tasks of one task-table row: its deadline cell (else its task text) dates it.
    A row whose every date was past when written is a report: it goes to ``past``."""
    lead, assist = split_names(normalise(row.lead)), split_names(normalise(row.assist))
    cell = row.deadline.strip()
    every = resolve(cell) if cell else resolve(row.task)
    if cell and not every and (year := _YEAR_CELL.fullmatch(normalise(cell))):
        every = [replace(d, expr=cell) for d in resolve(f"{year['y'] or ''}年底")]
    found = [d for d in every if d.invalid or d.due is None or d.recurring or d.due >= as_of]
    whole = [Span(0, len(row.task))]
    if every and not found:
        past.extend(PastMention(row.line, d.expr, d.due, row.task) for d in every if d.due)
        return []
    if not found:
        draft = Draft(None, whole, _row_strength(row.task), lead, assist, sentence=row.task)
        return [Placed(draft, row.task, row.section, row.line)]
    out = []
    for d in found:
        words = row.task if len(found) == 1 else f"{row.task}{_stage(cell, d, found)}"
        draft = Draft(
            None if d.invalid else d,
            whole,
            _row_strength(row.task),
            lead,
            assist,
            invalid=d.expr if d.invalid else "",
            sentence=row.task,
        )
        out.append(Placed(draft, words, row.section, row.line))
    return out


_CELL_STOP = re.compile(r"[；;，,。\n]")


def _stage(cell: str, d: Deadline, found: list[Deadline]) -> str:
    """How a row's task names one of several dates of its time cell: the stage written with
    it ("：3月底前完成设计"), else the date alone ("（3月底前）", also for "3月底前、6月底前")."""
    piece = next((p.strip() for p in _CELL_STOP.split(cell) if d.expr in p), "")
    rest = piece
    for other in found:
        rest = rest.replace(other.expr, "")
    return f"：{piece}" if rest.strip(" 、和及与") else f"（{d.expr}）"


def _row_strength(text: str) -> str:
    return _strongest(normalise(text))


def _fingerprint(text: str, expr: str | None) -> str:
    t = normalise(text)
    if expr:
        t = t.replace(normalise(expr), "〈D〉")
    return _PUNCT_RE.sub("", t)


def task_id(document_key: str, text: str, expr: str | None, extra: str = "") -> str:
    """Stable id: the document and the task's words with the deadline masked out, so
    editing a deadline moves the task's reminders instead of creating a new task."""
    raw = "\x00".join((document_key, _fingerprint(text, expr), extra))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _flags(d: Deadline | None, invalid: str) -> tuple[str, ...]:
    if invalid:
        return ("no-date", "invalid-date")
    if d is None:
        return ("no-date",)
    flags = [name for name in ("provisional", "ambiguous", "past") if getattr(d, name)]
    if d.recurring:
        flags.append("recurring")
    if d.due is None:
        flags.append("no-date")
    return tuple(flags)


# A document of one campaign (专项行动, 集中整治, 百日攻坚 …): its reports recur while it runs
_CAMPAIGN_TITLE = re.compile(r"专项|集中|行动|活动|百日|攻坚|大排查|大检查|整治")


def within_campaign(title: str, placed: list[Placed]) -> None:
    """A campaign's recurring reports ("于4月20日至5月20日集中开展…；每周三前报送周报表")
    stop when it ends: at the latest end of the document's spans (its phases), not the
    year's end. The first occurrence always stays."""
    if not _CAMPAIGN_TITLE.search(title) or plan_end(title):
        return  # (a plan of several years runs its reports to its last year)
    ends = [
        dl.due
        for p in placed
        if (dl := p.draft.deadline) and dl.kind == "range" and not dl.recurring and dl.due
    ]
    if not ends:
        return
    end = max(ends)
    for p in placed:
        dl = p.draft.deadline
        if dl and dl.recurring and len(dl.occurrences) > 1 and dl.occurrences[-1] > end:
            kept = tuple(d for d in dl.occurrences if d <= end) or dl.occurrences[:1]
            p.draft.deadline = replace(dl, occurrences=kept)


def finish(doc: Document, placed: list[Placed]) -> list[Task]:
    """Tasks from placed drafts: one per due date (a recurring deadline has several)."""
    within_campaign(normalise(doc.title), placed)
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    for p in placed:
        d, dl = p.draft, p.draft.deadline
        if dl is not None and dl.invalid:  # 13月底前: listed for a person, never dated
            d.invalid, dl = dl.expr.strip(), None
        expr = dl.expr.strip() if dl else (d.invalid or None)
        dues: tuple[dt.date | None, ...] = (dl.occurrences or (dl.due,)) if dl else (None,)
        words = printable(p.words)
        text = _SPACE_RE.sub("", words) if _is_cjk(words) else words.strip()
        for due in dues:
            extra = due.isoformat() if dl is not None and dl.recurring and due else ""
            base = task_id(doc.key, text, expr, extra)
            n = seen.get(base, 0)
            seen[base] = n + 1
            tid = base if n == 0 else task_id(doc.key, text, expr, f"{extra}#{n}")
            tasks.append(
                Task(
                    id=tid,
                    document=doc.key,
                    text=text,
                    sentence=printable(d.sentence).strip(),
                    section=p.section,
                    line=p.line,
                    expr=expr,
                    due=due,
                    kind=dl.kind if dl else None,
                    basis=dl.basis if dl else None,
                    strength=d.strength,
                    flags=_flags(dl, d.invalid),
                    named_lead=d.lead,
                    named_assist=d.assist,
                )
            )
    return tasks


def printable(text: str) -> str:
    """``text`` without control and format characters (a right-to-left override, zero-width
    joiners, escape codes): they could reorder or hide what a reminder says."""
    if text.isprintable():  # the common case, checked at C speed
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\n")


def _is_cjk(text: str) -> bool:
    return len(_CJK.findall(text)) > len(text) // 2


_BARE_VERB = re.compile(r"(?:组织|负责|抓好)?(?:实施|落实|推进|完成|执行)")


def task_words(clean: str, parts: list[Span], title: str) -> str:
    """The task's words: its spans of the paragraph, joined, the item's title first."""
    pieces: list[str] = []
    end = -1
    for p in sorted(parts, key=lambda s: s.start):
        if p.start < end:
            continue
        gap = clean[end : p.start] if end >= 0 else ""
        if pieces and pieces[-1].endswith(("。", "！", "？", "；", ";")):
            pass  # a sentence before it ends in its own stop: no "。，"
        elif pieces and gap.strip(" ，,、"):
            pieces.append("，")
        elif pieces:
            pieces.append(gap.strip(" ") or "，")
        piece = clean[p.start : p.end].strip()
        if pieces and _BARE_VERB.fullmatch(piece):
            pieces.pop()  # "…30所，由县教育局牵头实施": the note is the owner, 实施 no more work
            piece = ""
        pieces.append(piece)
        end = p.end
    words = re.sub(r"\s{2,}", " ", "".join(pieces)).strip(" ，,；;。")
    words = words.lstrip("”’」』").rstrip("“‘「『")  # a quote closed before the task, opened after
    if words.startswith("“") and "”" not in words:
        words = words[1:]  # a speech's opening quote, its close in a later task
    if title and not normalise(words).startswith(normalise(title)):
        words = f"{title}：{words}"
    return words


def titled(para: Para, when: Deadline) -> Placed:
    """An item whose only words are its title, dated by the deadline line it holds."""
    draft = Draft(when, [Span(0, len(para.text))], sentence=f"{para.title}。{para.text}")
    return Placed(draft, para.title, SECTION_SEP.join(para.section), para.line)
