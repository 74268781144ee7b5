"""What the text around an expression says about it: pure lookups over one normalised text.

Built once per ``resolve`` call: the spans of book titles (《…》), the year a document's
title plans for; the years mentioned in each sentence when first asked for. The engine asks
it which year a period without one belongs to, whether a bare year is a target, whether a
relative period counts from this document or is a duration.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.years import YearSpec
from pipeline.textnorm import parse_num, parse_year

_HEAD_SKIP = ' \t　，,、：:“"「『'  # (a quote opening: "“2018年我县…的主要预期目标是：…")
_STOPS = re.compile("[" + re.escape(cues.YEAR_SCOPE_STOPS) + "]")
# 全年 before the year's targets ("完成全年目标任务"); not a share of them (完成全年目标的45%)
_YEARS_WORK = re.compile(r"(?:的)?(?:各项)?(?:[\u4e00-\u9fff]{0,4}?)(?:目标|任务|计划)")
_SHARE = re.compile(r"[^，,。；;]{0,8}?的?[0-9一二三四五六七八九十百半]+(?:成|%|％|分之)")
_DONE = re.compile("已|累计")
_TARGETS_COLON = re.compile(r"(?:目标|任务)(?:任务)?[ \t]*(?:是|为)?[ \t]*[:：][ \t]*$")
_TOLD_SO = re.compile(r"已有|已经|已于|已全部|了(?![解结])")  # (not 已开工项目, a noun)
_SUCCESS = re.compile(r"[ \t]*成功(?:创建|创成|争创|申创)")
_AIMING = re.compile(r"力争|确保|争取|努力|计划|目标")
_AIM_REACHED = ("力争实现", "确保实现", "努力实现", "争取实现", "力求实现")
_AIM_NAMED = re.compile(r"[^，,。；;]{1,30}?的?(?:目标|愿景)")
_FORECAST = re.compile(r"预计|有望")
_TOLD_CLAUSE = re.compile(
    r"了(?![解结])|存在[^，,。；;]{0,12}问题"
)  # 工作：", "…仍存在三个方面问题："
_TOLD = re.compile(r"实际|最终|才|已|了(?![解结])")
# ... or an order after it, a place's or said ("2022年江苏要出台…", "会议提到，2022年…要…"; not
# 主要, 需要, 要求, 要素; not 将: "2027年高考将于6月7日开始", "2027年经济形势将更加复杂" foretell)
_ORDERED = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:都|也|还|仍)?(?:(?<![主重需只不想必])要(?![求素点])|须|务必|确保|力争)"
)
_SPEAKER = re.compile(cues.SAID + r"[ \t]*")
_PLAN_SAYS = re.compile(  # 《方案》计划，; or news heard: 据了解，, 记者从县发改局了解到，
    r"[ \t]*(?:[^，,。；;]{0,12}(?:计划|规划|方案|意见)(?:提出|明确)?|据(?:悉|了解|介绍)|[^，,。；;]{0,16}了解到)"
    r"[ \t]*[，,：:][ \t]*"
)
_PROPOSERS = ("建议", "明确", "确定", "提出")  # before a year whose targets are listed
# the start of a span up to its end's year: "2025年11月15日至"
_SPAN_TO = re.compile(r"[^，,。；;]{2,14}?[至到—–~\-][ \t]*")
# a case clause a past year stands in: "对去年调查不到位、…的养殖场" (its 的 after the year)
_IN_CASE = re.compile(r"(?:^|[，,；;。：:])[ \t]*对[^，,；;。]{0,20}$")
_COMMA_TARGETS = re.compile(r"[，,][ \t]*[\u4e00-\u9fff]{0,16}?目标(?:任务)?(?:是|为)[ \t]*[:：]")
_FIGURE_AIM = re.compile(r"(?:下降|降低|减少|增长|提高|提升|控制在)[^，,。；;]{0,10}?[0-9]")
# a body and its plan after a year heading its sentence: "2004年发展改革委将会同水利部…"
_BODY_PLANS = re.compile(
    r"[\u4e00-\u9fff（）()]{0,14}?(?:局|委|办|厅|部|中心|政府|我们|[我全][国省市区县镇乡])"
    r"(?:都|也|还|仍)?(?:将|要(?![求素])|计划|拟|力争|争取|确保)"
)


@dataclass
class TextContext:
    text: str  # normalised
    as_of: dt.date
    plan_year: int | None = None  # the year the document's title plans for
    titles: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def build(cls, text: str, as_of: dt.date, plan_year: int | None = None) -> TextContext:
        cx = cls(text, as_of, plan_year)
        cx.titles = (
            [m.span() for m in cues.BOOK_TITLE.finditer(text)]
            if "《" in text or "关于" in text
            else []
        )
        return cx

    # Found when first asked for: most texts resolve without them.
    _stops: list[int] | None = None
    _mentions: list[tuple[int, int, int]] | None = None

    @property
    def stops(self) -> list[int]:
        """Sentence ends, ascending."""
        if self._stops is None:
            self._stops = [m.start() for m in _STOPS.finditer(self.text)]
        return self._stops

    @property
    def mentions(self) -> list[tuple[int, int, int]]:
        """The years mentioned outside book titles: (position, year, month)."""
        if self._mentions is None:
            self._mentions = []
            for m in cues.YEAR_MENTION.finditer(self.text):
                if self.in_title(m.start()):
                    continue
                year = parse_year(m["y"]) if m["y"] else self.as_of.year + lx.YEAR_WORDS[m["w"]]
                # 13: the year's end ("2024年年底"), placed apart in years.place
                month = (parse_num(m["m"]) or 0) if m["m"] else 13 if m["end"] else 0
                if year and 0 <= month <= 13:
                    self._mentions.append((m.start(), year, month))
        return self._mentions

    def in_title(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.titles)

    def _sentence_end(self, pos: int) -> int:
        i = bisect_right(self.stops, pos)
        return self.stops[i] if i < len(self.stops) else len(self.text)

    def _sentence_start(self, pos: int) -> int:
        i = bisect_right(self.stops, pos - 1)
        return self.stops[i - 1] + 1 if i else 0

    def year_for(self, pos: int, end: int = -1) -> YearSpec:
        """The year a period at ``pos`` written without one takes from its context: the
        latest year mentioned before it in its sentence (or at the head of the text), else
        the title's plan year when that is not before the document's own year."""
        lo = self._sentence_start(pos)
        before = [
            m
            for m in self.mentions
            if m[0] < pos
            and (m[0] >= lo or self._at_head(m[0]))
            and not self._purposed(m[0])
            and not self._qualifies(m[0], m[1])
        ]
        if before and self._foretold(before[-1][0], lo, pos):
            before = []  # "工程去年10月份开工，预计年底交房": the forecast's year is not the past one
        if len(before) > 1 and _SPAN_TO.fullmatch(self.text, before[-2][0], before[-1][0]):
            before.pop()  # "2025年11月15日至2026年3月15日，…于11月10日前": from the span's start
        if before:
            _, year, month = before[-1]
            return ("context", (year, month))
        if end > pos and (same := self._named_later(pos, end)) is not None:
            return ("context", (same, 0))
        if self.plan_year is not None and self.plan_year >= self.as_of.year:
            return ("title", self.plan_year)
        return None

    def _qualifies(self, mention: int, year: int) -> bool:
        """Whether a past year at ``mention`` qualifies a noun ("促进去年签约项目早开工，…力争
        年内…"): the projects of that year, no time of the sentence's later periods."""
        m = cues.YEAR_MENTION.match(self.text, mention)
        if year < self.as_of.year and _IN_CASE.search(self.text, max(0, mention - 24), mention):
            return True  # "对去年调查不到位的…要采取强制措施，确保在5月15日前…": the cases
        return (  # (not told: "去年签约项目中，已有12个在10月份开工建设")
            year < self.as_of.year
            and m is not None
            and bool(cues.PROJECTS_NAMED.match(self.text, m.end()))
            and not _TOLD_SO.search(self.text, m.end(), self._sentence_end(mention))
        )

    def _foretold(self, mention: int, lo: int, pos: int) -> bool:
        """Whether a period at ``pos`` is foretold after a past year at ``mention`` told of
        something else ("工程去年10月份开工，预计年底交房"); not after a year heading the
        sentence ("2026年，全县预计完成…，12月份当月…"), nor in a sentence telling the past
        ("去年预计11月底完成，实际12月中旬才完成")."""
        year = next(m[1] for m in self.mentions if m[0] == mention)
        if year >= self.as_of.year or not _FORECAST.search(self.text, mention, pos):
            return False
        m = cues.YEAR_MENTION.match(self.text, mention)
        heads = m is not None and mention == lo and self.text.startswith(("，", ","), m.end())
        return not heads and not _TOLD.search(self.text, lo, self._sentence_end(pos))

    def _purposed(self, pos: int) -> bool:
        """Whether a year at ``pos`` names the work of a purpose ("为切实做好2022年老旧小区改造
        计划申报工作，…如下：1、…于5月20日前…"): no year for the dates after it."""
        lo = max(self.text.rfind(c, 0, pos) for c in lx.CLAUSE_STOPS + "：:") + 1
        return cues.PURPOSE_OPEN.match(self.text, lo, pos) is not None

    def _named_later(self, pos: int, end: int) -> int | None:
        """The year of the same period named again, with its year, later in the sentence
        ("填报第四季度报表时…，统计周期为2017年第四季度")."""
        period = self.text[pos:end]
        hi = next((s for s in self.stops if s >= end), len(self.text))
        for m in self.mentions:
            if end <= m[0] < hi and self.text.startswith(period, self._mention_end(m[0])):
                return m[1]
        return None

    def _mention_end(self, pos: int) -> int:
        m = cues.YEAR_PREFIX_ONLY.match(self.text, pos)
        return m.end() if m else pos

    def _at_head(self, pos: int) -> bool:
        return not self.text[:pos].strip(_HEAD_SKIP)

    def target(self, start: int, end: int, *, bare_year: bool) -> bool:
        """Whether a bare year (2027年) or a weak year word (年度, 全年) at [start, end)
        names a time target: after a lead word or before an achievement; a bare year also
        at the head of its sentence before a comma ("2019年，在全国启动…")."""
        plan = _YEARS_WORK.match(self.text, end)
        if not bare_year and plan and _SHARE.match(self.text, plan.end()):
            return False  # "完成年度计划投资额102%": a share of the year's plan, progress
        if not bare_year:  # also an aim's: "确保全年目标任务圆满完成" (not 为确保…, a purpose)
            stated = cues.lists_targets(self.text, end)
            return bool(cues.ACHIEVE_VERBS.match(self.text, end)) or stated or self._aim(start, end)
        raw = self.text[max(0, start - 6) : start]
        if raw.endswith("将") and raw[:-1].endswith(("要", "须", "应", "请", "并", "需", "均")):
            return False  # "要将2023年…确定的任务纳入考核": 将 takes an object, no plan
        before = raw.rstrip(" \t在于到")
        if before.endswith(("比", "较", "现将", "特将", "兹将")):  # 比1980年增加: a base year;
            return False  # 现将2021年…印发给你们: "hereby", no plan
        if before.endswith(cues.TARGET_LEADS) or cues.TARGET_VERBS.match(self.text, end):
            return True
        if _SUCCESS.match(self.text, end) and _AIMING.search(
            self.text, self._sentence_start(start), start
        ):
            return True  # "力争2027年成功创建省级…，2029年成功创建国家级…": each an aim's year
        if before.endswith(_AIM_REACHED) and _AIM_NAMED.match(self.text, end):
            return True  # "力争实现2020年成功创建全国文明城市的目标": the year of an aim named
        lead = self.text[self._sentence_start(start) : start]  # (after a speaker: "会议提到，")
        seg = lead[
            max(lead.rfind("；"), lead.rfind(";")) + 1 :
        ]  # (a segment's head: "…；2020年，…")
        at_head = not seg.strip(_HEAD_SKIP) or _PLAN_SAYS.fullmatch(lead) is not None
        if at_head and (_BODY_PLANS.match(self.text, end) or _ORDERED.match(self.text, end)):
            return True  # "2004年发展改革委将会同水利部…研究": the body's plan for the year
        if _TARGETS_COLON.search(lead) and self.text.startswith(("，", ","), end):
            return True  # "…的工作目标是：2027年，新建基站500个；…": the targets' year
        if _SPEAKER.fullmatch(lead) and _ORDERED.match(self.text, end):
            return True  # an order said (not "会议明确，2021年临澧县将积极对接…")
        listed = cues.STATED_TARGET.match(self.text, end)  # the year's targets listed: after a
        proposed = self.text.endswith(_PROPOSERS, 0, start)  # colon anywhere ("【延庆区】延庆
        if listed and (
            listed["colon"] or (at_head or proposed) and cues.lists_targets(self.text, end)
        ):
            return True  # 2024年…目标是："), a figure at a sentence's head (not "北京市2024年…是…")
        if at_head and _COMMA_TARGETS.match(self.text, end):
            return True  # "2018年，全县招商引资目标任务是：…": the year's targets listed
        if self.text.startswith(("，", ","), end):  # "2019年，在全国启动…"
            stop = min(
                (i for c in lx.CLAUSE_STOPS if (i := self.text.find(c, end + 1)) > 0),
                default=len(self.text),
            )
            told = _TOLD_CLAUSE.search(self.text, end + 1, stop) is not None  # "…做了四个方面
            return (
                at_head
                and not told
                and cues.TARGET_VERBS.search(self.text, end + 1, stop) is not None
            )
        return False

    def _aim(self, start: int, end: int) -> bool:
        """全年 right after an aim, a completion later in its clause, in no purpose ("为加快…，
        确保全年…完成"); not 年度, which qualifies a noun there ("确保年度重点任务…完成")."""
        before = self.text[max(0, start - 4) : start]
        if self.text[start:end] in ("全年", "年度") and _YEARS_WORK.match(self.text, end):
            # "尽快完成全年目标任务": the year's targets, due at its end (not 已完成…, 完成全年…的45%)
            aimed = self.text[start:end] == "全年" or any(
                a in self.text[max(0, start - 8) : start] for a in cues.AIM_LEADS + ("要",)
            )  # 年度 after 完成 only under an aim: "确保完成年度投资计划" (not a report's)
            if aimed and before.endswith(("完成", "实现")) and not _DONE.search(before):
                purpose = self.text.startswith(("为", "为了"), self._sentence_start(start))
                return not purpose and not _SHARE.match(self.text, end)
        if self.text[start:end] != "全年" or not before.endswith(cues.AIM_LEADS):
            return False
        if before.endswith(cues.PURPOSE_LEADS) or self.text.startswith(
            ("为", "为了"), self._sentence_start(start)
        ):
            return False
        stop = min(
            (i for c in lx.CLAUSE_STOPS if (i := self.text.find(c, end)) > 0),
            default=len(self.text),
        )
        return (  # or a figure aimed at: "力争全年信访总量比去年至少下降10%以上"; or a target's
            cues.COMPLETION.search(self.text, end, stop) is not None  # verb: 力争全年新签…
            or cues.TARGET_VERBS.match(self.text, end) is not None
            or _FIGURE_AIM.search(self.text, end, stop) is not None
        )

    def doc_anchor(self, start: int) -> int | None:
        """Where "本意见印发之日起" starts when it stands right before ``start``."""
        lo = max(0, start - 24)
        m = cues.DOC_ANCHOR.search(self.text, lo, start)
        return m.start() if m else None

    def duration(self, start: int) -> bool:
        """Whether the clause before ``start`` makes a relative period a duration target."""
        lo = max(self.text.rfind(c, 0, start) for c in lx.CLAUSE_STOPS) + 1
        clause = self.text[lo:start]
        return any(cue in clause for cue in cues.DURATION_CUES)
