"""Extract tasks from a document: sections, sentences, clauses, deadlines, named owners.

Pure: a function of the document, its date and the resolver's settings. Routing to
configured offices is the next stage (``route``); here owners are kept as written.

Rules, in short:
- The heading path of a paragraph (see ``pipeline.structure``) is the task's section.
- A sentence ends at 。！？; clauses are split at ，；. A deadline at the head of a clause
  governs that clause and the following ones until the sentence ends or another
  deadline appears ("年底前，A竣工，B开馆" is two tasks, both due at year end). A deadline
  inside a clause ("力争豫一路等7条道路年内通车") governs only that clause.
- Sentences about the past or the meeting itself (今年以来……取得成效) are not tasks.
- A clause that names an action but has no deadline is listed with no date; consecutive
  undated clauses of one sentence part are merged into one task.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline import lexicon as lx
from pipeline.deadlines import normalise, resolve
from pipeline.models import Deadline, Document, TableRow, Task
from pipeline.owners import OwnerNote, find_notes, owner_only, split_names
from pipeline.structure import Para, clauses, has_action, sentences, structure
from pipeline.workcal import WorkCalendar

SECTION_SEP = " › "
_LEAD_RE = re.compile("^(?:" + "|".join(map(re.escape, lx.DEADLINE_LEADS)) + ")+")
_TAIL_RE = re.compile(r"^(?:之前|以前|前|内|为止|底前)?[，,：:\s]*$")
_SPACE_RE = re.compile(r"\s+")
_PAST_RE = re.compile("|".join(map(re.escape, lx.PAST_MARKERS)))
_PUNCT_RE = re.compile(r"[\s，,。；;：:、！？!?“”\"'‘’（）()《》〈〉【】\[\]…—\-]")


@dataclass(frozen=True)
class Resolver:
    """Settings passed to the deadline resolver."""

    calendar: WorkCalendar | None = None
    seasons: Mapping[str, str] | None = None

    def __call__(self, text: str, as_of: dt.date) -> list[Deadline]:
        return resolve(text, as_of, calendar=self.calendar, seasons=self.seasons)


@dataclass
class _Draft:
    text: str
    sentence: str
    section: str
    line: int
    deadline: Deadline | None
    strength: str
    lead: tuple[str, ...] = ()
    assist: tuple[str, ...] = ()
    invalid: str = ""  # a date that cannot exist ("13月底前", "2月30日前"), as written


def extract(doc: Document, as_of: dt.date, resolver: Resolver | None = None) -> list[Task]:
    """All tasks of a document, deadlines resolved against ``as_of``."""
    resolver = resolver or Resolver()
    drafts: list[_Draft] = []
    for para in structure(doc.blocks):
        if para.past or para.text.lstrip().startswith(lx.NEWS_LEADS):
            continue
        found = _paragraph_tasks(para, as_of, resolver)
        owners = owner_only(para.text)
        if owners and not found and drafts:
            # A line holding only "责任单位：…" belongs to the item above it.
            for d in drafts:
                if d.line == drafts[-1].line and not d.lead:
                    d.lead, d.assist = owners
            continue
        drafts.extend(found)
    for row in doc.rows:
        drafts.extend(_row_tasks(row, as_of, resolver))
    return _finish(doc, drafts)


def _strength(text: str) -> str:
    best = ""
    for word in lx.STRENGTHS:
        if word in text and (not best or lx.STRENGTHS.index(word) < lx.STRENGTHS.index(best)):
            best = word
    return best


def _is_past(sentence: str) -> bool:
    return _PAST_RE.search(sentence) is not None


def _paragraph_tasks(para: Para, as_of: dt.date, resolver: Resolver) -> list[_Draft]:
    text = para.text
    notes = find_notes(text)
    # Blank owner notes out (same length) so offsets stay valid.
    clean = text
    for n in notes:
        clean = clean[: n.start] + " " * (n.end - n.start) + clean[n.end :]
    deadlines = resolver(clean, as_of)
    section = SECTION_SEP.join(para.section)
    drafts: list[tuple[int, _Draft]] = []
    for s_start, s_end in sentences(clean):
        sentence = clean[s_start:s_end].strip()
        if not sentence or _is_past(sentence):
            continue
        drafts.extend(_sentence_tasks(clean, s_start, s_end, sentence, deadlines, section, para.line))
    _apply_notes(text, clean, notes, drafts, as_of, resolver)
    return [d for _, d in drafts]


def _sentence_tasks(clean: str, s_start: int, s_end: int, sentence: str, deadlines: list[Deadline],
                    section: str, line: int) -> list[tuple[int, _Draft]]:
    in_sentence = [d for d in deadlines if s_start <= d.start < s_end]
    governing: Deadline | None = None
    strength = ""
    undated: _Draft | None = None
    out: list[tuple[int, _Draft]] = []
    for c_start, c_end in clauses(clean, s_start, s_end):
        raw = clean[c_start:c_end]
        clause = raw.strip()
        own = [d for d in in_sentence if c_start <= d.start < c_end]
        pos = c_start + len(raw) - len(raw.lstrip())  # where the words start (notes are blanked)
        strength = _strength(clause) or strength
        if own and _at_head(raw, own[0].start - c_start):
            governing = own[0]
        if own and _deadline_only(clause, own):
            undated = None
            continue
        if not has_action(clause):
            continue
        deadline = own[-1] if own else governing
        if deadline is None and (bad := impossible_date(clause)):
            # Reported for a person to correct, never given a date.
            out.append((pos, _Draft(clause, sentence, section, line, None, strength, invalid=bad)))
            undated = None
            continue
        if deadline is None:
            if undated is not None and clean[c_start - 1] in "，,":
                undated.text += "，" + clause
                continue
            undated = _Draft(clause, sentence, section, line, None, strength)
            out.append((pos, undated))
            continue
        undated = None
        out.append((pos, _Draft(clause, sentence, section, line, deadline, strength)))
    return out


def _apply_notes(text: str, clean: str, notes: list[OwnerNote], drafts: list[tuple[int, _Draft]],
                 as_of: dt.date, resolver: Resolver) -> None:
    """A note covers the tasks before it (back to the previous note); 由X牵头 its sentence.
    A deadline written inside the note dates the covered tasks that have none."""
    prev_end = 0
    for note in notes:
        when = resolver(note.when, as_of) if note.when else []
        for pos, d in drafts:
            covered = _same_sentence(clean, pos, note.start) if note.inline else prev_end <= pos < note.start
            if not covered:
                continue
            if not d.lead and not d.assist:
                d.lead, d.assist = note.lead, note.assist
            if d.deadline is None and when:
                d.deadline = when[-1]
        if not note.inline:
            prev_end = note.end


def _same_sentence(text: str, a: int, b: int) -> bool:
    lo, hi = sorted((a, b))
    return not any(ch in lx.SENTENCE_END for ch in text[lo:hi])


def _at_head(raw: str, offset: int) -> bool:
    prefix = raw[:offset].strip()
    return not prefix or bool(_LEAD_RE.fullmatch(prefix))


def _deadline_only(clause: str, own: list[Deadline]) -> bool:
    rest = clause
    for d in own:
        rest = rest.replace(d.expr.strip(), "")
    rest = _LEAD_RE.sub("", rest.strip())
    return bool(_TAIL_RE.match(rest))


def _row_tasks(row: TableRow, as_of: dt.date, resolver: Resolver) -> list[_Draft]:
    lead = split_names(row.lead)
    assist = split_names(row.assist)
    cell = row.deadline.strip()
    found = resolver(cell, as_of) if cell else resolver(row.task, as_of)
    if not found:
        return [_Draft(row.task, row.task, row.section, row.line, None, _strength(row.task), lead, assist)]
    out = []
    for d in found:
        text = row.task if len(found) == 1 else f"{row.task}（{d.expr}）"
        out.append(_Draft(text, row.task, row.section, row.line, d, _strength(row.task), lead, assist))
    return out


# ---------------------------------------------------------------- identities


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


_MONTH_DAY = re.compile(r"(?<![\d.])(\d{1,2})月(?:(\d{1,2})[日号])?")


def impossible_date(text: str) -> str | None:
    """A month/day written in ``text`` that no calendar has (13月, 2月30日), if any."""
    norm = normalise(text)
    for m in _MONTH_DAY.finditer(norm):
        month, day = int(m[1]), int(m[2]) if m[2] else 1
        try:
            dt.date(2000, month, day)  # a leap year: 2月29日 exists
        except ValueError:
            return text[m.start() : m.end()]
    return None


def _flags(d: Deadline | None) -> tuple[str, ...]:
    if d is None:
        return ("no-date",)
    flags = [name for name in ("provisional", "ambiguous", "past") if getattr(d, name)]
    if d.recurring:
        flags.append("recurring")
    if d.due is None:
        flags.append("no-date")
    return tuple(flags)


def _finish(doc: Document, drafts: list[_Draft]) -> list[Task]:
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    for d in drafts:
        dl = d.deadline
        dues: tuple[dt.date | None, ...] = (dl.occurrences or (dl.due,)) if dl else (None,)
        for due in dues:
            extra = due.isoformat() if dl is not None and dl.recurring and due else ""
            base = task_id(doc.key, d.text, dl.expr if dl else None, extra)
            n = seen.get(base, 0)
            seen[base] = n + 1
            tid = base if n == 0 else task_id(doc.key, d.text, dl.expr if dl else None, f"{extra}#{n}")
            tasks.append(
                Task(
                    id=tid,
                    document=doc.key,
                    text=_SPACE_RE.sub("", d.text) if _is_cjk(d.text) else d.text.strip(),
                    sentence=d.sentence.strip(),
                    section=d.section,
                    line=d.line,
                    expr=dl.expr.strip() if dl else (d.invalid or None),
                    due=due,
                    kind=dl.kind if dl else None,
                    basis=dl.basis if dl else None,
                    strength=d.strength,
                    flags=_flags(dl) + (("invalid-date",) if d.invalid else ()),
                    named_lead=d.lead,
                    named_assist=d.assist,
                )
            )
    return tasks


def _is_cjk(text: str) -> bool:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") > len(text) // 2
