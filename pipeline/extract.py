"""Extract tasks from a document: every action a future deadline governs, with its owners.

Pure: a function of the document, its date and the resolver's settings. Routing to
configured offices is the next stage (``route``); here owners are kept as written.

A clause is a task because a deadline governs it, whatever its verb; which clauses a
deadline governs is ``pipeline.scope``'s business. Here, per paragraph:
- deadlines that date no action are set aside: dates before the document (reports of the
  past, kept in ``Extraction.past``), relative periods counted from another event, and the
  mentions of ``pipeline.mentions`` (event times, timestamps, policy windows …);
- a sentence that refers back ("以上工作要在2019年2月底前完成", "该项工作于…完成") dates
  the sentences before it in its paragraph: one task holding their words; one that counts
  them ("这3项工程预计10月底前全部完成") makes each a task, and opening its paragraph
  ("上述3个项目力争11月底前全部竣工") dates that many paragraphs above it;
- an owner note closing an item ("（6月底完成，牵头考核单位：…）") dates and owns the item;
- a line holding only a deadline label and a deadline ("完成时限：2024年12月底") dates each
  undated paragraph just above it that names an action, in its own words;
- the run-in title of a numbered item is the subject of its tasks.
Undated actions are listed only when asked (``undated=True``, ``parse --all``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from pipeline import vocab as vx
from pipeline.deadlines import resolve
from pipeline.deadlines.grammar import grammar_for
from pipeline.drafts import (
    apply_notes,
    carried,
    closed_before,
    count_of,
    counted_item,
    dated_once,
    invalid_dates,
    list_year,
    listed_drafts,
    one_item,
    opening_dates,
    referred,
    same_time,
    settled,
    undated_actions,
)
from pipeline.framed import qualifier
from pipeline.leads import back_leads, lead_lists, problem_lists, target_years
from pipeline.mentions import case_limit, mention, noun_period
from pipeline.models import Deadline, Document, Task
from pipeline.narrated import AFTER_MEETING, meeting_day, phase_length, stands
from pipeline.owners import blank_notes, find_notes, owner_only
from pipeline.plans import plan_end, plan_year
from pipeline.reported import already_past, report_period_end
from pipeline.scope import Draft, sentence_drafts
from pipeline.sentences import Span, governing, holding, sentences
from pipeline.series import by_series
from pipeline.structure import Para, has_action, phase_dates, structure
from pipeline.tasks import (
    SECTION_SEP,
    PastMention,
    Placed,
    finish,
    row_drafts,
    strength,
    task_words,
    titled,
)
from pipeline.textnorm import normalise
from pipeline.timeonly import deadline_only
from pipeline.workcal import WorkCalendar

_RELATIVE = frozenset({"relative_days", "relative_months", "workdays"})
_NO: tuple[bool, Deadline | None] = (False, None)  # no deadline line
_OWNER_LINE_MAX = 60  # an owner line with its time is short
_ITEM_PARAS = 4  # at most this many paragraphs above a deadline line make its item
_BACK_PARAS = 12  # ... and above a summary that counts them ("上述5个项目…")
# Words beside a deadline line's date saying the work starts now or goes on after it
_ONGOING = re.compile(r"立行立改|立即整改|即知即改|长期坚持|持续推进|持续整改|常态化推进")
_ANCHORED = re.compile(
    r"本.{1,6}(?:印发|下发|发布|公布|出台|实施|施行|生效)|(?:收到|接到)本[通函意]|会议?(?:结束)?[以之]?后|^请.*(?:收到|接到)通知"
    r"|^[在于自](?:通知|通报)(?:印发|下发)"
)


@dataclass(frozen=True)
class Resolver:
    """Settings passed to the deadline resolver."""

    calendar: WorkCalendar | None = None
    seasons: Mapping[str, str] | None = None

    def __call__(
        self, text: str, as_of: dt.date, plan_year: int | None = None, plan_end: int | None = None
    ) -> list[Deadline]:
        return resolve(
            text,
            as_of,
            calendar=self.calendar,
            seasons=self.seasons,
            plan_year=plan_year,
            plan_end=plan_end,
        )


@dataclass
class Extraction:
    """A document's tasks, and the dates it gives for things already past."""

    tasks: list[Task] = field(default_factory=list)
    past: list[PastMention] = field(default_factory=list)


def extract(doc: Document, as_of: dt.date, resolver: Resolver | None = None) -> list[Task]:
    """All dated tasks of a document, deadlines resolved against ``as_of``."""
    return analyse(doc, as_of, resolver).tasks


def analyse(
    doc: Document, as_of: dt.date, resolver: Resolver | None = None, *, undated: bool = False
) -> Extraction:
    """Tasks (with undated actions when asked) and past mentions of a document."""
    title = normalise(doc.title).strip()
    rules = bool(vx.RULES_TITLE.search(title))
    job = _Job(
        as_of, resolver or Resolver(), plan_year(title), plan_end(title), undated, rules, title
    )
    job.opening = [normalise(b.text) for b in doc.blocks[:6]]
    job.reported = report_period_end([title, *job.opening], as_of)
    placed: list[Placed] = []
    above: list[Para] = []  # the undated paragraphs just above, for a deadline line below them
    core = grammar_for(job.resolver.seasons).core
    paras = back_leads(target_years(structure(doc.blocks)))
    for para in lead_lists(problem_lists(paras)):
        ntext = normalise(para.text)
        if para.past or ntext.strip() == title:  # the title printed again
            continue
        # The candidate path: without a deadline's core word a paragraph costs this one scan
        listed = job.year_list(para, ntext)
        found = job.paragraph(para, listed) if undated or listed or core.search(ntext) else []
        if above and above[-1].section != para.section:
            above = []
        if found and found[0].draft.back:  # "上述3个项目力争11月底前全部竣工": the 3 above
            found = job.items_back(above, found) or found
        # one dated only by a recurring clause ("（2）每半年…一次") is an item a line may close
        dated = any(p.draft.deadline and not p.draft.deadline.recurring for p in found)
        # a deadline line, even one with words of its own ("整改时限：立行立改，1月底前完成")
        line, when = job.deadline_line(ntext, para.line)
        if line:  # "完成时限：2024年12月底前" dates the item above it; a past one closes it
            owned = [para] if owner_only(para.text) else []  # its owners own that item
            item = job.item_above([*above[-_ITEM_PARAS:], *owned], when) if when else []
            if when and not item and para.title:  # "二、消防通道被占用。完成时限：6月底前。"
                item = [titled(para, when)]  # the item is its title
            elif when and not item:  # "报名时间：6月1日至15日" with no item above: its own
                item = found
            lines = {p.line for p in item}
            placed = [p for p in placed if p.line not in lines or p.recurs] + item
            above = []
            continue
        above = [] if dated else [*above[-(_BACK_PARAS - 1) :], para]
        owners = owner_only(para.text) if not found and placed else None
        if owners and any(has_action(p.text) for p in above[:-1]):
            owners = None  # an undated item lies between: it is that item's (for a deadline line)
        if owners:  # a line holding only "责任单位：…" belongs to the item above it
            for p in placed:
                if p.line == placed[-1].line and not p.draft.lead:
                    p.draft.lead, p.draft.assist = owners
            continue
        placed.extend(found)
    for row in doc.rows:
        placed.extend(row_drafts(row, as_of, job.resolve, job.past))
    return Extraction(finish(doc, placed), job.past)


@dataclass
class _Job:
    as_of: dt.date
    resolver: Resolver
    plan: int | None
    plan_end: int | None  # the last year of a plan for several years (2024—2026年)
    undated: bool
    rules: bool  # the document states rules (办法, 条例 …), not a plan
    title: str = ""  # normalised
    past: list[PastMention] = field(default_factory=list)
    meeting: dt.date | None = None  # the day of the meeting the document records or calls
    opening: list[str] = field(default_factory=list)  # its first paragraphs, which hold it
    reported: dt.date | None = None  # the end of the period a progress report covers

    def resolve(self, text: str) -> list[Deadline]:
        found = self.resolver(text, self.as_of, self.plan, self.plan_end)
        if not any(AFTER_MEETING.search(d.expr) for d in found):
            return found
        if opening := self.opening:  # the meeting's day, looked for once a document needs it
            self.opening = []
            self.meeting = meeting_day(opening, self.resolve)
        return [self._from_meeting(d) if AFTER_MEETING.search(d.expr) else d for d in found]

    def _from_meeting(self, d: Deadline) -> Deadline:
        """ "会后一周内" counted from the meeting's day, when known, not the minutes'."""
        again = (
            self.resolver(d.expr, self.meeting, self.plan, self.plan_end) if self.meeting else []
        )
        return replace(d, due=again[0].due) if again else d

    def deadline_line(self, ntext: str, line: int) -> tuple[bool, Deadline | None]:
        """Whether a line holds only a deadline label and a deadline ("完成时限：2024年12月底",
        "整改时限：6月底前"), and that deadline when it is still ahead; a past one is kept as a
        report (the line still closes the item above it)."""
        label = vx.DEADLINE_LINE.match(ntext)
        # an owner line with its time: "责任单位：区商务局。完成时间：6月。", "完成时限：6月底前；
        # 牵头单位：区政务服务中心"
        short = label is not None or len(ntext) <= _OWNER_LINE_MAX
        notes = find_notes(ntext) if short and owner_only(ntext) else []
        if when_noted := next((n.when for n in notes if n.when), ""):
            rest = when_noted
        elif label is None:
            return _NO
        else:
            rest = ntext[label.end() :]
        if _ONGOING.search(rest) and _ONGOING.sub("", rest).strip(" ，,。；;"):
            rest = _ONGOING.sub("", rest)  # "立行立改，2027年1月底前完成": the date closes it
        found = self.resolve(rest)
        if not found or not deadline_only(rest, Span(0, len(rest)), found):
            return _NO
        d = governing(found)[0]
        if d.due is not None and d.due < self.as_of and not d.recurring:
            self.past.append(PastMention(line, d.expr, d.due, ntext))
            return True, None
        return True, d if d.due is not None else None

    def item_above(self, above: list[Para], when: Deadline) -> list[Placed]:
        """Each paragraph above a deadline line that names an action is a task it dates, in
        its own words; an owner line among them owns the paragraphs before it, back to the
        previous owner line ("整改措施：…。责任单位：…。整改措施：…。责任单位：…。完成时限：…")."""
        out: list[Placed] = []
        mine: list[Placed] = []
        for para in above:
            if owners := owner_only(para.text):
                for p in mine:
                    p.draft.lead, p.draft.assist = owners
                mine = []
            elif has_action(para.text):
                draft = Draft(when, [Span(0, len(para.text))], sentence=para.text)
                draft.strength = strength(normalise(para.text), draft)
                words = task_words(para.text, draft.parts, para.title)
                mine.append(Placed(draft, words, SECTION_SEP.join(para.section), para.line))
                out.append(mine[-1])
        return out

    def items_back(self, above: list[Para], summary: list[Placed]) -> list[Placed]:
        """The paragraphs a counted summary opening its paragraph refers to ("上述3个项目力争
        11月底前全部竣工" after three items), each a task of the summary's deadline in its own
        words, when exactly that many undated paragraphs (back to the last dated one; not
        reports, outcomes or work already done) lie above it."""
        n = summary[0].draft.back
        items = [p for p in above if counted_item(p.text) and not owner_only(p.text)]
        if len(items) != n:
            return []
        out = []
        for first in summary:
            placed = self.item_above(items, first.draft.deadline) if first.draft.deadline else []
            for p in placed:
                p.draft.sentence = f"{p.draft.sentence}……{first.draft.sentence}"
                p.draft.strength = first.draft.strength
            out.extend(placed)
        return out

    def year_list(self, para: Para, ntext: str) -> tuple[Deadline, int] | None:
        """The year-end deadline of a list of the year's undertakings this paragraph is an
        item of or leads (``drafts.list_year``), with where its items start."""
        found = list_year(ntext, para.section, self.as_of, self.title, para.title)
        if found is None:
            return None
        name, year, body = found
        (d,) = self.resolve(f"{year}年底")
        return replace(d, expr=name, start=0, end=0), body

    def paragraph(self, para: Para, listed: tuple[Deadline, int] | None = None) -> list[Placed]:
        """The tasks of one paragraph, placed. A paragraph with no deadline costs the
        resolver's scan and nothing more, unless undated actions are asked for."""
        text = para.text
        notes = find_notes(text)
        clean = blank_notes(text, notes)
        ntext = normalise(clean)
        found = self.resolve(clean)
        found = [d for d in found if not phase_length(d, para.title, found)]  # the phase's dates
        dated = [
            d
            for d in found
            if self._dates_action(ntext, d, para, found) and not by_series(ntext, d, found)
        ]
        if not dated and not self.undated and not listed and not any(n.when for n in notes):
            return []
        drafts = self._sentences(ntext, clean, dated, [d for d in found if d not in dated])
        if listed:  # the list's items without a date of their own are due at its year's end
            drafts.extend(listed_drafts(ntext, *listed, taken=drafts))
        drafts.extend(invalid_dates(ntext, dated, drafts))
        for expr, due in apply_notes(ntext, notes, drafts, self.resolve, self.as_of):  # reports
            self.past.append(PastMention(para.line, expr, due, para.text))
        if self.undated:  # an action a note's deadline dated is no undated action as well
            drafts = dated_once(drafts)
        drafts = one_item(drafts) if para.whole else drafts
        section = SECTION_SEP.join(para.section)
        out = []
        for d in drafts:
            d.sentence = d.sentence or clean[d.parts[0].start : d.parts[-1].end]
            d.strength = strength(ntext, d)
            out.append(Placed(d, task_words(clean, d.parts, para.title), section, para.line))
        return out

    def _sentences(
        self, ntext: str, clean: str, dated: list[Deadline], others: list[Deadline]
    ) -> list[Draft]:
        """Drafts sentence by sentence; only sentences holding a deadline are analysed,
        others only when a paragraph-head deadline reaches them or undated actions count.
        ``others`` are the dates that date no action (a report, an event, a plan named)."""
        drafts: list[Draft] = []
        last_dated = 0
        sents = sentences(ntext)
        # a deadline opening the paragraph in a clause of its own (or a label's windows) dates
        # the sentences after it
        carry = opening_dates(ntext, sents, dated)
        dated_in = holding(sents, dated)
        mentions = tuple(others)  # dates that date no action: each stops a head's reach
        # no undated action holds a date: "整改目标：6月底前，…", "截至8月底，已完成…"
        covered = [Span(d.start, d.end) for d in (*others, *dated)]
        also: Deadline | None = None  # the one date of the sentence before
        for i, sent in enumerate(sents):
            # "即日起至10月底，我区将开展…。同时，聚焦…，开展集中整治攻坚": the same time
            along = also is not None and i not in dated_in and same_time(ntext, sent, also)
            if i not in dated_in and not carry and not self.undated and not along:
                continue  # nothing dates this sentence, and its actions are not asked for
            mine = i in dated_in and not (i == 0 and len(carry) > 1)  # a label's windows: no task
            found = settled(ntext, sentence_drafts(ntext, sent, dated, mentions) if mine else [])
            before = sents[i - 1] if i else Span(sent.start, sent.start)
            if not found and i in dated_in and last_dated <= before.start:
                found = closed_before(ntext, before, sent, dated)  # "截止时间：…。"
            if found or i == 0:
                carry = carry if i == 0 else []
            elif carry and stands(ntext, sent.start, sent.end):
                carry = []  # "…。目前，项目已全部竣工。": how it stands ends the head's reach
            elif carry:  # "2019年3月底前，A推行…。B印发…。": the head dates B too
                found = carried(ntext, carry, sent)
            elif along and also is not None:
                found = [Draft(also, [sent])]
            also = found[0].deadline if found and len({d.deadline for d in found}) == 1 else None
            also = also if also is not None and also.due and not also.recurring else None
            for d in found:
                d.sentence = clean[sent.start : sent.end]
            ref = vx.ANAPHORA.search(ntext, sent.start, sent.end) if found else None
            n = count_of(ref) if ref is not None else 0
            if ref is not None and ref["n"] and not n:
                ref = None  # "只这一项每年就减少…": one thing, no summary of work
            if ref is not None and last_dated < sent.start:
                found = referred(ntext, clean, Span(last_dated, sent.start), found, n)
            elif ref is not None and i == 0:
                for d in found:
                    d.back = n
            if found:
                last_dated = sent.end
            drafts.extend(found)
            covered.extend(p for d in found for p in d.parts)
            if self.undated:
                drafts.extend(undated_actions(ntext, sent, covered))
        return drafts

    def phase(self, section: tuple[str, ...]) -> Deadline | None:
        """The end of the phase a paragraph's headings place it in ("前期准备（3月27日前）")."""
        found = self.resolve(dates) if (dates := phase_dates(section)) else []
        return found[-1] if found else None

    def _dates_action(self, ntext: str, d: Deadline, para: Para, found: list[Deadline]) -> bool:
        """Whether a found expression is a deadline for an action (not a mention)."""
        if d.recurring:  # not in a section telling how work went: a practice kept
            return not noun_period(ntext, d) and not para.told
        if d.invalid:
            return True
        if d.due is None:
            return d.kind == "none"
        if d.kind in _RELATIVE and (
            d.ambiguous or not _ANCHORED.search(d.expr) and (self.rules or case_limit(ntext, d))
        ):
            return False  # 自收到申请之日起7个工作日内, 14个工作日内完成审批: each case's limit
        phase = self.phase(para.section) if d.basis == "rollover" else None
        if past := already_past(ntext, d, found, self.as_of, self.reported, phase):
            self.past.append(PastMention(para.line, d.expr, past, para.text))
            return False
        schedule = any(vx.SCHEDULE.search(h) for h in (para.title, *para.section[-2:]))
        return not mention(ntext, d, self.as_of, schedule=schedule) and not qualifier(
            ntext, d, found
        )
