"""Dates that belong to a recurring obligation in their sentence rather than dating work of
their own: the series' end ("每季度末报送进展，至2024年底"), a bracket spelling out its days
("每季度末（分别在6月、9月和12月底）报送"), a week or month counted from each occurrence ("每周五对
下周工作进行提前部署"). Pure, on normalised paragraph text; one of the extractor's checks."""

from __future__ import annotations

import re

from pipeline import vocab as vx
from pipeline.deadlines import lexicon as lx
from pipeline.models import Deadline
from pipeline.sentences import clause_of, sentence_of


def by_series(ntext: str, d: Deadline, found: list[Deadline]) -> bool:
    """A date that belongs to a recurring obligation in its sentence rather than dating
    work of its own: the series' end, a bracket spelling out its days, or a week or month
    counted from each occurrence."""
    return series_end(ntext, d, found) or gloss(ntext, d, found) or in_cadence(ntext, d, found)


def series_end(ntext: str, d: Deadline, found: list[Deadline]) -> bool:
    """ "每季度末报送进展，至2024年底": the end of a recurring obligation in its sentence, not
    a task of its own."""
    if d.recurring or not ntext.endswith(lx.END_CUES, 0, d.start):
        return False
    lo, hi = sentence_of(ntext, d)
    return any(o.recurring and lo <= o.start < hi for o in found)


_SHUT = re.compile(r"[）)]")
_GLOSS_REACH = 24  # a spelled-out bracket is short
_SPELLED = re.compile(
    r"[分别在于即为和及与、，,\s0-9〇零一二三四五六七八九十月日号底末中上下旬份前]+"
)


def gloss(ntext: str, d: Deadline, found: list[Deadline]) -> bool:
    """ "每季度末（分别在6月、9月和12月底）报送": a bracket spelling out a recurring
    deadline's days repeats it, no task of its own."""
    if d.recurring:
        return False
    lo = max(0, d.start - _GLOSS_REACH)
    opens = max(ntext.rfind("（", lo, d.start), ntext.rfind("(", lo, d.start))
    if opens < 0 or any(c in ntext[opens : d.start] for c in "）)"):
        return False
    shut = _SHUT.search(ntext, d.end)
    if shut is None or not _SPELLED.fullmatch(ntext, opens + 1, shut.start()):
        return False  # "（首次报送时间为7月20日前）": a date of its own
    return any(e.recurring and not ntext[e.end : opens].strip() for e in found)


# A period in a list of periods qualifying a noun ("将半年、前三季度、全年的自查情况报送")


_CADENCE_RELATIVE = ("本", "下", "这", "当")
_BARE_CYCLE = re.compile(r"(?:本|下|这|当)个?(?:周|星期|月)(?:内|以内)?")


def in_cadence(ntext: str, d: Deadline, found: list[Deadline]) -> bool:
    """ "每周五对下周工作进行提前部署": a week or month (no "by" word) after a recurring
    obligation in its clause, or a bare 本周/下周/本月 after one in its sentence, counts from
    each occurrence, not from the document ("每周五报送进展，本周五报送首期" keeps its first
    Friday)."""
    if d.recurring or d.kind not in ("week", "month_rel"):
        return False
    if _BARE_CYCLE.fullmatch(ntext, d.start, d.end):  # "每周一…，并在本周内落实": its sentence
        lo = sentence_of(ntext, d)[0]
    elif d.expr.startswith(_CADENCE_RELATIVE) and not d.expr.rstrip().endswith(vx.BY_MARKERS):
        lo = clause_of(ntext, d)[0]
    else:
        return False
    return any(e.recurring and lo <= e.start < d.start for e in found)
