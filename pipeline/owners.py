"""Owner notes written in running text: who leads and who assists, as written.

Shapes handled (the label vocabulary is in ``lexicon``):
- a parenthetical holding an owner label, parsed part by part:
  （责任单位：区住建局、区城管局） （牵头单位：区发改委；配合单位：区财政局）
  （海关总署、财政部负责，排在第一位的部门为牵头部门） （区发改委牵头，区财政局配合）
  （6月底完成，牵头考核单位：市政务服务局，配合单位：各旗县区） — the "6月底完成" part is
  kept as ``when``: the note's own deadline for the item it closes;
- a bare label: 责任单位：区住建局 (often a line of its own below an item);
- 由区发改委牵头 / 由区住建局负责 inside a sentence;
- a sentence of owners after an item (区民政局负责。 区政务服务中心牵头，区司法局配合，9月底前完成。);
- a bracket after an item's stop holding only its time (…整合重组。（2027年6月底前）): a note
  with no owner, its ``when`` the item's deadline.
Pure: text in, notes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline import vocab as vx
from pipeline.textnorm import normalise

_LABELS = "|".join(sorted(vx.LEAD_LABELS + vx.ASSIST_LABELS, key=len, reverse=True))
_LABEL_SET = frozenset(vx.LEAD_LABELS + vx.ASSIST_LABELS)
_LABEL_PART = re.compile(rf"^(?P<label>{_LABELS})\s*[:：]\s*(?P<names>.+)$")
_PAREN = re.compile(r"[（(](?P<body>[^（）()]{2,160})[）)]")
_PAREN_HINT = re.compile(rf"(?:{_LABELS})\s*[:：；;]|负责|牵头|配合|指导")
_BARE = re.compile(rf"(?P<label>{_LABELS})\s*[:：]\s*(?P<names>[^；;，,。\n（(）)]+)")
_ANY_HINT = re.compile(rf"{_LABELS}|负责|牵头|配合|指导")  # nothing else can hold a note
_STOP_BRACKET = re.compile("[。；;][（(]")  # ... but a bracket of time after a stop, no owner
# A time label beside a bare owner label is the item's deadline: "责任单位：区财政局。完成时间：
# 2027年3月。", "完成时限：6月底前；牵头单位：区住建局"
_TIME_AFTER = re.compile(rf"[。；;，,\s]*{vx.TIME_LABEL}\s*[:：]\s*(?P<when>[^；;，,。\n（(）)]+)")
_TIME_BEFORE = re.compile(
    rf"{vx.TIME_LABEL}\s*[:：]\s*(?P<when>[^；;，,。\n（(）)]+)[。；;，,\s]*$"
)
_EACH = re.compile(
    r"各[\u4e00-\u9fff]{0,8}?(?:镇街|街道|乡镇|镇|乡|街|区|县|市|单位|部门|园区|村|社区)"
)
_MORE_NAMES = re.compile(r"[，,](?P<names>[^；;，,。\n（(）)]+)(?=[；;，,。\n（(）)]|$)")
_BY = re.compile(r"由(?P<names>[^，,。；;由（）()]{2,30}?)(?P<label>牵头|负责)")
# A sentence of owners after an item: "区民政局负责。", "区政务服务中心牵头，区司法局配合，
# 2027年9月底前完成。" (its only other words a time: a task's sentence has its verb)
_OWNER_SENTENCE = re.compile(
    r"(?<=[。；;])[ \t]*(?P<body>[^。；;（）()\n]{2,60}?(?:负责|牵头|配合)[^。；;（）()\n]{0,24}?)"
    r"(?=[。；;]|$)"
)
_BODY = re.compile(rf"{vx.BODY_END}$")
_WHEN_ONLY = re.compile(
    r"(?:于|在|力争|确保|争取)?[^，,]{1,14}?(?:前|底|末|内|年|月|旬|季度|日)(?:前)?(?:完成|前完成)?"
)
# A bracket after an item's stop holding only its time: "完成国企整合重组。（2027年6月底前）"
# (not a span of years, the period a plan covers: "（2024—2026年）")
_DATE_PAREN = re.compile(r"[。；;][（(](?P<body>[^（）()]{2,20})[）)]")
_DATEISH = re.compile(r"[0-9〇一二三四五六七八九十]\s*[年月]|年[底内末]|季度|[上下]半年")
_YEAR_SPAN = re.compile(r"(?:19|20)[0-9]{2}\s*年?\s*[—–\-~至到]")
_PARTS = re.compile(r"[，,；;]")
_NAME_SPLIT = re.compile(r"等和|以及|[、，,；;/]|\s+")
_NAME_TRIM = re.compile(r"^(?:由|请)|(?:等|按职责分工|分别|各自|共同)+$")


@dataclass(frozen=True)
class OwnerNote:
    start: int
    end: int
    lead: tuple[str, ...] = ()
    assist: tuple[str, ...] = ()
    when: str = ""  # a deadline written inside the note, e.g. "6月底完成"
    inline: bool = False  # 由…牵头: covers its own sentence, not the text before it


def split_names(s: str) -> tuple[str, ...]:
    names = (_NAME_TRIM.sub("", n.strip(" ：:（）()。")) for n in _NAME_SPLIT.split(s))
    return tuple(n for n in names if len(n) >= 2 and n not in ("相关", "有关"))


def names_only(part: str) -> tuple[str, ...]:
    """The names of a part that is a list of bodies and nothing else ("区住建局", "各镇街")."""
    names = split_names(part)
    if _DATEISH.search(part) or not all(_BODY.search(n) or _EACH.fullmatch(n) for n in names):
        return ()
    return names


def _parse_paren(body: str) -> tuple[tuple[str, ...], tuple[str, ...], str] | None:
    lead: tuple[str, ...] = ()
    assist: tuple[str, ...] = ()
    when: list[str] = []
    owned = False
    label = ""  # a label cut from its names by a slip of punctuation: "责任单位；区住建局"
    role = ""  # the last label's role: names after a comma go on its list
    for part in (p.strip() for p in _PARTS.split(body)):
        if label:
            part, label = f"{label}：{part}", ""
        elif part in _LABEL_SET:
            label = part
            continue
        m = _LABEL_PART.match(part)
        if m:
            role = "assist" if m.group("label") in vx.ASSIST_LABELS else "lead"
        # after a label, names alone past a comma are its list: "责任单位：区民政局，区住建局"
        names = split_names(m.group("names")) if m else names_only(part) if role else ()
        if m or names:
            if role == "assist":
                assist += names
            else:
                lead += names
            owned = True
        elif part.endswith(("负责", "指导")) and len(part) > 2:
            role, names = "", split_names(part[:-2])
            # "排在第一位的部门为牵头部门": the first is the lead, the rest assist.
            lead, assist = lead + names[:1], assist + names[1:]
            owned = True
        elif part.endswith("牵头") and len(part) > 2:
            lead += split_names(part[: -len("牵头")])
            owned = True
        elif part.endswith("配合") and len(part) > 2:
            assist += split_names(part[: -len("配合")])
            owned = True
        elif part and "部门为牵头" not in part and "下同" not in part:
            when.append(part)
    return (lead, assist, "，".join(when)) if owned else None


def find_notes(text: str) -> list[OwnerNote]:
    """Owner notes in text, in order, not overlapping; names in simplified characters."""
    text = normalise(text)
    if not _ANY_HINT.search(text) and not _STOP_BRACKET.search(text):
        return []  # most paragraphs stop here
    dates = [
        m
        for m in _DATE_PAREN.finditer(text)
        if _DATEISH.search(m["body"]) and not _YEAR_SPAN.search(m["body"])
    ]
    found = _Found()
    for m in dates:  # a time of its own closing an item: a note with no owner
        found.add(OwnerNote(m.start("body") - 1, m.end(), (), (), m["body"].strip()))
    for m in _PAREN.finditer(text):
        parsed = _parse_paren(m["body"]) if _PAREN_HINT.search(m["body"]) else None
        if parsed and (parsed[0] or parsed[1]):
            found.add(OwnerNote(m.start(), m.end(), *parsed))
    for m in _BARE.finditer(text):
        if found.free(m.start(), m.end()) and (note := _bare(text, m, found)):
            found.add(note)
    for m in _BY.finditer(text):
        if found.free(m.start(), m.end()) and (names := split_names(m["names"])):
            found.add(OwnerNote(m.start(), m.end(), names, (), "", inline=True))
    for m in _OWNER_SENTENCE.finditer(text):
        parsed = _parse_paren(m["body"]) if found.free(m.start("body"), m.end()) else None
        if (
            parsed
            and (parsed[0] or parsed[1])
            and all(_BODY.search(n) for n in (*parsed[0], *parsed[1]))
            and _owners_and_time(parsed[2])
        ):  # 区民政局负责 (not 主要领导要亲自负责, 各单位要明确专人负责)
            found.add(OwnerNote(m.start("body"), m.end(), *parsed))
    found.notes.sort(key=lambda n: n.start)
    return _merge_adjacent(found.notes)


@dataclass
class _Found:
    """The notes found so far; a later shape takes only text no earlier one took."""

    notes: list[OwnerNote] = field(default_factory=list)

    def free(self, a: int, b: int) -> bool:
        return not any(n.start < b and a < n.end for n in self.notes)

    def add(self, note: OwnerNote) -> None:
        self.notes.append(note)


def _bare(text: str, m: re.Match[str], found: _Found) -> OwnerNote | None:
    """A bare label's note, with a time label right beside it as its ``when``."""
    names = split_names(m["names"])
    if not names:
        return None
    start, end, when = m.start(), m.end(), ""
    while (more := _MORE_NAMES.match(text, end)) and (extra := names_only(more["names"])):
        names, end = names + extra, more.end()  # 责任单位：区民政局，区住建局
    if (after := _TIME_AFTER.match(text, end)) and found.free(end, after.end()):
        end, when = after.end(), after["when"]
    elif (before := _TIME_BEFORE.search(text, max(0, start - 40), start)) and found.free(
        before.start(), start
    ):
        start, when = before.start(), before["when"]
    if m["label"] in vx.ASSIST_LABELS:
        return OwnerNote(start, end, (), names, when)
    return OwnerNote(start, end, names, (), when)


def _owners_and_time(rest: str) -> bool:
    """Whether what an owner sentence holds besides its owners is at most one time."""
    return not rest or ("，" not in rest and _WHEN_ONLY.fullmatch(rest) is not None)


def _merge_adjacent(notes: list[OwnerNote]) -> list[OwnerNote]:
    """牵头单位：…；配合单位：… written as two bare labels are one note."""
    out: list[OwnerNote] = []
    for note in notes:
        prev = out[-1] if out else None
        if (
            prev
            and not prev.inline
            and not note.inline
            and note.start - prev.end <= 2
            and not (prev.lead and note.lead)
        ):
            out[-1] = OwnerNote(
                prev.start,
                note.end,
                prev.lead + note.lead,
                prev.assist + note.assist,
                prev.when or note.when,
            )
        else:
            out.append(note)
    return out


_FILLER = re.compile(r"[\s，,。；;：:、！？!?“”\"'‘’（）()《》〈〉【】\[\]…—\-]")


def notes_only(text: str) -> bool:
    """Whether a text holds nothing but notes: owners, or a time in a bracket after a stop."""
    notes = find_notes(text)
    rest = text
    for n in reversed(notes):
        rest = rest[: n.start] + rest[n.end :]
    return bool(notes) and not _FILLER.sub("", rest)


_SITE_FOOTER = re.compile(r"(?i)copyright|版权所有|ICP备|技术支持|网站|电子报|©")


def owner_only(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(lead, assist) of a paragraph that holds nothing but owner notes, else None (nor a
    site's footer: "主办单位：XX电子报 2020 COPYRIGHT" names who runs the web page)."""
    notes = find_notes(text)
    if not notes or _SITE_FOOTER.search(text):
        return None
    rest = text
    for n in reversed(notes):
        rest = rest[: n.start] + rest[n.end :]
    lead = tuple(x for n in notes for x in n.lead)
    assist = tuple(x for n in notes for x in n.assist)
    if _FILLER.sub("", rest) or not (lead or assist):
        return None
    return lead, assist


def blank_notes(text: str, notes: list[OwnerNote]) -> str:
    """The text with owner notes blanked out (same length, so offsets stay valid)."""
    for n in notes:
        text = text[: n.start] + " " * (n.end - n.start) + text[n.end :]
    return text
