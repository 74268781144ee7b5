"""Document structure: headings and their paths, paragraphs, sentences and clauses.

Pure. Headings come from the format (Markdown, DOCX, HTML: ``Block.heading``) or from the
text: numbered outlines (一、 （一） 1. （1）), short lines without final punctuation, and
run-in headings ("高代王城遗址板块。以打造…"). A heading path is a tuple of heading texts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import lexicon as lx
from pipeline.deadlines import resolve
from pipeline.models import Block
from pipeline.owners import owner_only

_ANY_DAY = dt.date(2020, 1, 1)  # for telling whether text holds a deadline at all
_ACTION_RE = re.compile("|".join(map(re.escape, sorted(lx.ACTIONS, key=len, reverse=True))))


@dataclass(frozen=True)
class Para:
    """A body paragraph, its heading path, and whether it sits in a section about the past."""

    text: str
    line: int
    section: tuple[str, ...]
    past: bool


def has_deadline(text: str) -> bool:
    """Whether a short text names a deadline (then it is a task, never a heading)."""
    return bool(resolve(text, _ANY_DAY))


def has_action(text: str) -> bool:
    return _ACTION_RE.search(text) is not None


def classify(text: str) -> tuple[str, int, str, str]:
    """("heading", level, heading, "") | ("run-in", level, heading, body) | ("body", 0, "", text).

    Numbered outlines get levels 10..50; an unnumbered heading gets level 0 (placed by
    its neighbours); an unnumbered run-in heading ("金岱科创板块。…") gets level -1
    and covers its own paragraph only.
    """
    t = text.strip()
    if owner_only(t) is not None:
        return "body", 0, "", t
    for pattern, level in lx.OUTLINE_LEVELS:
        m = pattern.match(t)
        if not m:
            continue
        if len(t) <= lx.HEADING_MAX and not t.endswith(tuple(lx.FINAL_PUNCT[:6])):
            return "heading", level, t, ""
        head = _run_in(t[m.end() :], lx.HEADING_MAX)
        if head is not None and not has_deadline(head):
            body = t[m.end() + len(head) :].lstrip("。：: ")
            return "run-in", level, head, body
        return "body", 0, "", t[m.end() :].lstrip()  # the item number is not the task's words
    if len(t) <= lx.HEADING_MAX and not t.endswith(tuple(lx.FINAL_PUNCT)):
        return "heading", 0, t, ""
    head = _run_in(t, lx.RUN_IN_MAX)
    if head is not None and not any(c in head for c in "，,、") and not has_action(head) \
            and not has_deadline(head):
        return "run-in", -1, head, t[len(head) :].lstrip("。：: ")
    return "body", 0, "", t


def _run_in(text: str, limit: int) -> str | None:
    """The heading at the start of a paragraph ("金岱科创板块。…"), if any."""
    m = re.match(r"^([^，,。；;：:！？]{2,%d})[。：:]" % limit, text)
    if m and len(text) > m.end() + 4:
        return m.group(1)
    return None


def structure(blocks: Sequence[Block]) -> list[Para]:
    """Body paragraphs with their heading path; headings themselves are consumed.

    An unnumbered heading right below another heading nests under it; one that follows
    body text replaces the previous heading if that one also followed body text (they
    are siblings), else nests under it ("奋力冲刺 / 聚焦“四大领域” / [text] / 聚焦核心板块").
    """
    stack: list[tuple[int, str, bool]] = []  # (level, heading, came after body text)
    out: list[Para] = []
    prev_heading = False

    def path(*extra: str) -> tuple[str, ...]:
        return tuple(t for _, t, _ in stack) + extra

    for i, block in enumerate(blocks):
        text = block.text.strip()
        if not text:
            continue
        if block.heading:
            kind, level, head, body = "heading", block.heading * 10, text, ""
        else:
            kind, level, head, body = classify(text)
            if i == 0 and kind == "heading" and len(blocks) > 1:
                continue  # the document title: not part of any section path
        if kind == "body" or level == -1:  # level -1: a run-in heading for this paragraph only
            section = path(_clean_heading(head)) if level == -1 else path()
            out.append(Para(body, block.line, section, _past_section(section)))
            prev_heading = False
            continue
        after_body = not prev_heading
        if level == 0:
            if not stack:
                level = 1
            elif after_body and stack[-1][2]:
                level = stack[-1][0]
            else:
                level = stack[-1][0] + 1
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, _clean_heading(head), after_body))
        if kind == "run-in":
            out.append(Para(body, block.line, path(), _past_section(path())))
            prev_heading = False
        else:
            prev_heading = True
    return out


def _clean_heading(text: str) -> str:
    t = text.strip().rstrip("。：:")
    for pattern, _ in lx.OUTLINE_LEVELS:
        t = pattern.sub("", t, count=1)
    return t.strip()


def _past_section(section: tuple[str, ...]) -> bool:
    return bool(section) and any(m in section[-1] or (len(section) > 1 and m in section[-2])
                                 for m in lx.PAST_SECTION_MARKERS)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences (ending at 。！？, quotes and brackets respected)."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "“（(《【「":
            depth += 1
        elif ch in "”）)》】」" and depth:
            depth -= 1
        elif ch in lx.SENTENCE_END and depth == 0:
            spans.append((start, i + 1))
            start = i + 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of clauses inside ``text[start:end]``, split at ，；."""
    out: list[tuple[int, int]] = []
    depth = 0
    s = start
    for i in range(start, end):
        ch = text[i]
        if ch in "“（(《【「":
            depth += 1
        elif ch in "”）)》】」" and depth:
            depth -= 1
        elif (ch in lx.CLAUSE_SEP or ch in lx.SENTENCE_END) and depth == 0:
            out.append((s, i))
            s = i + 1
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]
