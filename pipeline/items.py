"""Items numbered inline in a paragraph after a list's lead ("这十件实事是：1.新修…。2.引入…，
建成…。3.…"), as spans of its text. Pure."""

from __future__ import annotations

import re

from pipeline.sentences import Span

# An item numbered inline after a list's lead ("：1.新修…。2.引入…"), after a stop or the colon
_INLINE_NUMBER = re.compile(  # (not a decimal, but "2.6月底前…" is item 2)
    r"(?<=[：:。；;])[ \t]*(?:[0-9]{1,2}[.．、](?:(?=[0-9]{1,2}月)|(?![0-9]))|[（(][0-9]{1,2}[）)])"
)


def numbered_items(ntext: str, body: int) -> list[Span]:
    """The items numbered 1, 2, 3… in turn after ``body``, each without its number and its
    closing stop; [] unless the numbering starts at 1 and runs on."""
    marks: list[re.Match[str]] = []
    for m in _INLINE_NUMBER.finditer(ntext, max(body - 1, 0)):
        if int(re.sub("[^0-9]", "", m.group())) != len(marks) + 1:
            break
        marks.append(m)
    if not marks:
        return []
    ends = [m.start() for m in marks[1:]] + [len(ntext)]
    spans = [Span(m.end(), _trim(ntext, m.end(), e)) for m, e in zip(marks, ends, strict=True)]
    return [sp for sp in spans if sp.end > sp.start]


def _trim(ntext: str, start: int, end: int) -> int:
    while end > start and ntext[end - 1] in "。；;，, \t\n":
        end -= 1
    return end
