"""Plans in text (pure): a five-year plan's period, or the years in a plan's name, is a
deadline only as a target ("到“十四五”末", "经过“九五”期间的努力", a head before targets), not
where the plan is named ("编制“十五五”规划", "三年行动方案（2024—2026年）"). ``mentions.mention``
asks them. Also the year a document's title plans for, and a plan's last year."""

from __future__ import annotations

import re

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.models import Deadline
from pipeline.sentences import clause_of, sentence_of
from pipeline.textnorm import normalise

_PLAN_NOUN = re.compile(
    r"(?:方案|规划|计划|纲要|行动|意见|要点|工程|战略|第[一二三四五六七八九十0-9]{1,2}[期轮])$"
)


def plan_span(ntext: str, d: Deadline) -> bool:
    """ "三年行动方案（2024—2026年）", a line "…2025—2026年度地膜回收工作实施方案": the years
    in a plan's name, not a deadline."""
    if d.kind != "range" or "月" in d.expr:
        return False
    if ntext[d.start - 1 : d.start] in ("（", "("):
        return _PLAN_NOUN.search(ntext, max(0, d.start - 5), d.start - 1) is not None
    return _NAME_LINE.fullmatch(ntext, d.end) is not None


# the rest of a line naming a plan for some 年度 ("度…回收工作实施方案"; not "年制定并实施工作方案")
_NAME_LINE = re.compile(r"度[^，,。；;！？\n]{0,40}(?:方案|规划|计划|纲要|要点|办法|细则)[。 \t]*")
# "“十五五”时期，重庆将迎来…，现代化新重庆建设进入积厚成势、整体跃升的关键阶段": the sentence
# ends saying what stage the period is
_STAGE = re.compile(r"[^，,。；;]{0,30}?(?:进入|处于|步入)[^，,。；;]{0,30}?(?:阶段|时期|关键期)")
_PLAN_EFFORT = re.compile(r"的(?:共同)?(?:努力|奋斗)")
_PLAN_GOAL = re.compile(r"[^，,。；;]{0,16}?(?:目标|任务)")
_GOAL_AIMS = tuple(
    a + v for a in ("努力", "确保", "力争", "全面", "圆满", "高质量") for v in ("实现", "完成")
)
_TOLD = re.compile(r"(?:缓解|改善|实现|完成|建成|提高|提升|覆盖)了")
_QUALIFIES = re.compile(r"[^，,。；;]{0,8}?的")  # "“十四五”时期建成的项目": a noun qualified
_CLOSE = re.compile(r"[”\"」』]?[^，,。；;]{0,4}?收官(?![^，,。；;]{0,16}?(?:之年|一年))")


_DRAFTING = re.compile(r"[ \t]*(?:规划|计划)?(?:纲要)?的?(?:编制|起草|编写|前期研究)")


def plan_named(ntext: str, d: Deadline) -> bool:
    """ "“十五五”时期是…的关键时期", "编制“十五五”…方案": a five-year plan named, not its
    end as a deadline; that takes 末/期末, a cue (到“十四五”末), a head before targets, the
    period's efforts ("经过“九五”期间的努力") or its goals aimed at ("努力实现“九五”期间…目标")."""
    if d.kind != "plan_period":
        return False
    if d.expr.rstrip().endswith(("末", "末期", "前", "内", "为止")):
        return False
    told = _TOLD.search(ntext, d.end, sentence_of(ntext, d)[1]) is not None  # …有效缓解了…
    if told and "后" in d.expr:
        return True  # "“十四五”后两年，全县累计新建…，极大改善了…": told
    if "前" in d.expr and not told and not ntext.endswith("关于", 0, d.start):
        return False  # "“七五”前两年的投资规模要…": its first years, a time
    if ntext.startswith(("，是", ",是", "基础上", "的基础上"), d.end) or _stage(ntext, d):
        return True  # "“十五五”时期，是…的关键时期", "在“十五五”基础上再奋斗五年": named
    if _DRAFTING.match(ntext, d.end):
        return True  # "在“十五五”规划编制中…", "做好“十五五”规划编制工作": before it starts
    if _PLAN_EFFORT.match(ntext, d.end) or _plan_goal(ntext, d):
        return False  # "经过“九五”期间的努力，使…", "努力实现“九五”期间…工作目标": by its end
    if ntext.endswith(("到", "至", "截至", "在"), 0, d.start) or _CLOSE.match(ntext, d.end):
        return False  # 到“十四五”末; 做好“十四五”规划收官工作: its close (not 收官(和…)之年)
    verb = cues.TARGET_VERBS.match(ntext, d.end)
    if (
        verb
        and not told
        and not _QUALIFIES.match(ntext, verb.end())
        and not ntext.endswith("为", 0, d.start)
    ):
        return False  # "“十四五”时期完成506公里农村公路改造": the period's target (为…: a purpose)
    after = ntext[d.end : d.end + 2]
    head = not ntext[: d.start].rstrip().endswith(tuple(vx.CLAUSE_STOPS)) and d.start > 0
    return not (after.startswith(("，", ",")) and not head and _targets(ntext, d.end + 1))


def _stage(ntext: str, d: Deadline) -> bool:
    hi = sentence_of(ntext, d)[1]
    last = max(ntext.rfind("，", d.end, hi), ntext.rfind(",", d.end, hi))
    return last >= 0 and _STAGE.fullmatch(ntext, last + 1, hi) is not None


def _plan_goal(ntext: str, d: Deadline) -> bool:
    """ "努力实现“九五”期间…工作目标", "确保完成“十二五”规划重点建设任务": the plan's goals as a
    target; not a purpose (为完成…) nor what a year is (是全面完成…的关键一年)."""
    if not ntext.endswith(_GOAL_AIMS, 0, d.start) or not _PLAN_GOAL.match(ntext, d.end):
        return False
    lo, hi = clause_of(ntext, d)
    words = ntext[lo:hi]
    return not (
        words.startswith(("为", "是")) or "是" in ntext[lo : d.start] or words.endswith("年")
    )


def _targets(ntext: str, start: int) -> bool:
    stop = min((i for c in "，,。；;" if (i := ntext.find(c, start)) >= 0), default=len(ntext))
    return cues.TARGET_VERBS.search(ntext, start, stop) is not None


# The year a title plans for, and a plan's span of years ("…三年行动方案（2024—2026年）")
_PLAN_YEAR = re.compile(  # not an event's year: "2008年北京奥运会"
    r"(?<![0-9—–~\-至到])((?:19|20)[0-9]{2})\s*年"
    r"(?!以来|[至到—–~-]|[^，。]{0,4}(?:奥运会|冬奥会|残奥会|世博会|亚运会|运动会|博览会|峰会))"
)
_SOLICIT = re.compile(r"征集|征求")
_DATE_ONLY = re.compile(r"(?:19|20)[0-9]{2}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日.{0,12}")
_PLAN_SPAN = re.compile(r"((?:19|20)[0-9]{2})\s*年?\s*[—–\-~至到]{1,2}\s*((?:19|20)[0-9]{2})\s*年")


def plan_year(title: str) -> int | None:
    """The one year a document's title plans for ("…2022年数字政府建设考评办法"), if any; none
    in a call for proposals (征集2024年民生实事项目建议: its own dates are this year's)."""
    if _SOLICIT.search(title) or _DATE_ONLY.fullmatch(title := normalise(title).strip()):
        return None  # a page's clock line taken for its title ("2025年11月11日") plans nothing
    years = {int(y) for y in _PLAN_YEAR.findall(title)}
    return years.pop() if len(years) == 1 else None


def plan_end(title: str) -> int | None:
    """The last year of a plan for several years ("…三年行动方案（2024—2026年）"), if any."""
    m = _PLAN_SPAN.search(normalise(title))
    return int(m[2]) if m and int(m[2]) > int(m[1]) else None
