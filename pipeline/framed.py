"""Dates framed so that they date no work: a question's ("不是说2023年改造开放吗？"), a
purpose's ("为实现一季度“开门红”打下坚实基础"), a span described as a period ("从现在到2009年，
随着…，将是…的高发期"), a time referred to (距年底仅剩40天, 年末消费旺季, a quoted campaign's
name), a month opening a scene ("4月，春风拂面，…"), and a season or festival naming the work
(``qualifier``: "5月15日前完成汛前隐患排查"). Pure, on normalised paragraph text; used by
``pipeline.mentions`` and the extractor."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline import vocab as vx
from pipeline.deadlines import cues
from pipeline.models import Deadline
from pipeline.sentences import clause_of, clause_text, sentence_of
from pipeline.unordered import PLANNED


def framed(ntext: str, d: Deadline) -> bool:
    """Whether ``d`` is a slogan's good start, asked about, a purpose's time, a span
    described, or a scene's month."""
    return (
        _scene(ntext, d)
        or _good_start(ntext, d)
        or _asked(ntext, d)
        or _purpose(ntext, d)
        or _described(ntext, d)
        or _reference(ntext, d)
    )


# "现在距年底仅剩40天", "距离今年投产的目标又进了一步": a time measured to; 12月份当月; a clause
# naming what is of a time ("其中6月份和12月份的党费，…"); "抢抓年末消费旺季":
# a season named; "“决战四季度、大干一百天”攻坚行动": a campaign's quoted name
_DISTANCE = ("距", "距离", "距離", "離")
_SEASON_NOUN = re.compile(r"[^，,。；;]{0,4}?(?:旺季|淡季|高峰期?)")
_QUOTED_NAME = re.compile(
    r"[^，,。；;“”]{0,16}”[^，,。；;]{0,4}?(?:攻坚|專項|专项)?(?:行动|活动|战役|行動|活動)"
)


_WITHIN_YEAR = frozenset(
    {"month_end", "day", "xun", "quarter", "half"}
)  # (not "经过“九五”期间的努力")
_LATER_DATE = re.compile(
    r"[0-9一二三四五六七八九十]{1,2}月(?:[0-9一二三四五六七八九十]{1,3}[日号])?"
)
_OF_NOUN = re.compile(r"[ \t]*的[^，,。；;]{1,10}")  # a clause naming what is of that time


_STARTING_POINT = re.compile(r"[^，,。；;]{0,30}?为(?:起点|契机|开端|标志|新起点)")


# "2018年-2019年供暖期", "2024—2025年度采暖季", "2026-2027赛季": a season two years name
_SEASON_OF_YEARS = re.compile(r"度?[ \t]*(?:(?:供暖|采暖|供热|取暖)[期季]|赛季|学年|雪季)")
_WON = ("争取", "申请", "获得", "拿", "申报")
_GRANT = re.compile(r"项目|资金|指标|补助|国债")
# "在“十二五”开局之年启动实施": a year early in a plan, not its end
_PLAN_EARLY = re.compile(
    r"[”\"」]?[ \t]*的?(?:开局|起步|开篇|首年|第一年|头一年|前[两二三四]年|中期)"
)


def _reference(ntext: str, d: Deadline) -> bool:
    if ntext.endswith(_DISTANCE, 0, d.start):
        return True
    if d.kind == "plan_period" and _PLAN_EARLY.match(ntext, d.end):
        return True
    if d.kind == "range" and _SEASON_OF_YEARS.match(ntext, d.end):
        return True  # "2018年-2019年供暖期已临近": a season's name
    won = d.expr.startswith("到") and ntext.endswith(_WON, 0, d.start)
    if won and _GRANT.search(ntext, d.end, clause_of(ntext, d)[1]):
        return True  # "积极争取到2024年…增发国债项目": 到 is what was won, not "by"
    if d.expr in ("当月", "当季", "当年") and ntext.endswith(
        ("月份", "月", "季度", "年"), 0, d.start
    ):
        return True  # "12月份当月工业用电量同比增长8%": 当月 restates the month just named
    if d.expr.rstrip().endswith(("底", "末")) and _SEASON_NOUN.match(ntext, d.end):
        return True
    lo, hi = clause_of(ntext, d)
    if ntext.endswith("以", 0, d.start) and _STARTING_POINT.match(ntext, d.end, hi):
        return True  # "以7月30日创建…动员会为起点": the day of an event work starts from
    if (
        d.kind in _WITHIN_YEAR
        and _OF_NOUN.fullmatch(ntext, d.end, hi)
        and not vx.ACTION.search(ntext, lo, hi)
        and _LATER_DATE.search(ntext, hi, sentence_of(ntext, d)[1]) is not None
    ):  # "其中6月份和12月份的党费，需要在6月10日和12月10日之前完成": its own dates after it (not
        return True  # "6月15日的培训会，请各乡镇分管领导准时参加")
    opened = ntext.rfind("“", lo, d.start) >= 0
    return opened and _QUOTED_NAME.match(ntext, d.end) is not None


# "4月，春风拂面，…又到了一年中播种希望的时节": a bare month opening a scene, no work in it
_BARE_MONTH = re.compile(r"[0-9一二三四五六七八九十]{1,2}月")


def _scene(ntext: str, d: Deadline) -> bool:
    lo, hi = sentence_of(ntext, d)
    return (
        d.kind == "month_end"
        and _BARE_MONTH.fullmatch(d.expr.strip()) is not None
        and not ntext[lo : d.start].strip()
        and ntext.startswith(("，", ","), d.end)
        and PLANNED.search(ntext, d.end, hi) is None
        and cues.ORDERED.search(ntext, d.end, hi) is None
        and vx.ACTION.search(ntext, d.end, hi) is None  # "8月，各乡镇制定…方案": a phase's work
    )


# "努力实现2025年一季度“开门红”": a slogan's good start, no work due by then
_SLOGAN = re.compile(r"开门红|开门稳|开好局")


def _good_start(ntext: str, d: Deadline) -> bool:
    if d.expr.rstrip().endswith(vx.STRICT_BY):
        return False
    if not _SLOGAN.search(ntext, d.end, clause_of(ntext, d)[1]):
        return False
    lo, hi = sentence_of(ntext, d)
    return _ORDER.search(ntext, lo, hi) is None  # "人社局要在2月10日前举办“…开门红”招聘会"


# "但从现在到2009年，随着三、四期工程蓄水，将是库区地质灾害的高发期，…": what the span will be
_WILL_BE = re.compile(
    r"[ \t]*(?:将|也|仍|还|都)?(?:是|为|处于|进入)[^，,。；;]{0,24}(?:期|阶段|时期)"
)
_AS = re.compile(r"[ \t]*随着")


def _described(ntext: str, d: Deadline) -> bool:
    hi = clause_of(ntext, d)[1]
    lo, end = sentence_of(ntext, d)
    if ntext[d.end : hi].strip(" \t，,") or _ORDER.search(ntext, lo, end):
        return False  # the time is not a clause of its own, or the sentence orders work
    while hi < end and _AS.match(ntext, hi + 1):  # skip "随着…," clauses
        stop = vx.CLAUSE_STOP.search(ntext, hi + 1)
        hi = stop.start() if stop else end
    return _WILL_BE.match(ntext, hi + 1) is not None and not _PHASE_NAMED.match(ntext, hi + 1)


# "7月26日至8月1日，为体检阶段；8月2日至20日，为政审阶段": a schedule naming its phases
_PHASE_NAMED = re.compile(r"[ \t]*[为為][^，,。；;的]{1,16}(?:阶段|階段)[ \t]*(?=[，,。；;]|$)")


# An order or an aim; unlike cues.ORDERED, not 须/需: a description says "监测手段需要改进"
_ORDER = re.compile(r"(?<![主重需])要(?!求)|务必|必须|请|力争|确保")


# "为实现一季度“开门红”打下坚实的基础", "为决战首季开门红，全力冲刺": the time of a purpose (not
# 为确保…于6月前完成…, an aim with its by-date)
_PURPOSE_LEAD = re.compile(r"[ \t]*(?:为了?|為了?)(?!确保|確保|保证|保證|民)[^，,。；;]{0,8}$")


def _purpose(ntext: str, d: Deadline) -> bool:
    lo = clause_of(ntext, d)[0]
    by = d.expr.rstrip().endswith(vx.STRICT_BY)
    return not by and _PURPOSE_LEAD.fullmatch(ntext, lo, d.start) is not None


def _asked(ntext: str, d: Deadline) -> bool:
    """ "不是说2023年改造开放吗？": a question (a citizen's, on a forum) asks, orders nothing."""
    lo, hi = sentence_of(ntext, d)
    asks = ntext[hi : hi + 1] in ("？", "?") or ntext[d.end : hi].rstrip().endswith(("吗", "呢"))
    ordered = _ORDER.search(ntext, lo, hi) is not None and not _STRONG.search(ntext, lo, hi)
    return asks and not ordered and _ASKING.search(ntext, lo, hi) is not None  # (a lost "?")


_STRONG = re.compile(r"吗|呢|为什么|什么时候|何时|难道|啥|请问")  # ("是否…，请于…前报…?" orders)
_ASKING = re.compile(r"吗|呢|什么|啥|何时|哪|是否|能否|可否|怎么|为何|为什么|难道|多少")


_WEEKDAY_NOTE = re.compile(r"[（(](?:星期|周|礼拜)[一二三四五六日天][）)]")
# a "by" word soon after the note, in its clause: （星期二）前, （周五）上午下班前, （星期一）12时前
_BY_AFTER_NOTE = re.compile(
    r"(?:上午|下午|中午|晚上|早上|下班|[0-9]{1,2}(?:[:：][0-9]{2}|[时点](?:[0-9]{1,2}分|半)?)|[ \t])*"
    r"(?:前|以前|之前|为止)(?![往进面方])"  # "（星期五）17:30前", "下午4点半前"
)


_DAY_IS = re.compile(  # "9月10日是…教师节", "6月25日是全国土地日" (not 截止日, 最后一日)
    r"[ \t]*是[^，,。；;]{0,16}(?:节(?!点)|纪念日|宣传日|活动日"
    r"|(?:全国|世界|国际|中国)[^，,。；;]{1,10}日(?=[，,。；;]|$))"
)


_LIMIT_TO = ("延至", "延长至", "顺延至", "截至", "截止", "截止到")


def calendar_day(ntext: str, d: Deadline) -> bool:
    """ "9月29日（星期日）上班", "2月4日至10日放假调休": a holiday schedule, not a task; a
    weekday noted after a day dates an event unless a "by" word follows ("6月18日（星期二）
    下班前报送" is a deadline)."""
    note = _WEEKDAY_NOTE.match(ntext, d.end)
    if note is not None and not _BY_AFTER_NOTE.match(ntext, note.end()):
        return not ntext.endswith(
            _LIMIT_TO, 0, d.start
        )  # not "申报期限进一步延至2月28日（星期五）"
    lo, hi = sentence_of(ntext, d)
    festival = _DAY_IS.match(ntext, d.end) is not None and not cues.ORDERED.search(ntext, lo, hi)
    return bool(vx.HOLIDAY.search(clause_text(ntext, d))) or festival


_OBJECT_VERB = re.compile(r"(?:完成|开展|做好|抓好|进行|组织|落实|加强|部署|实施)$")


def qualifier(ntext: str, d: Deadline, found: Sequence[Deadline]) -> bool:
    """ "要在5月15日前完成汛前隐患排查": a season or festival inside the object of a verb names
    the work (the pre-flood inspection) when its clause has a date of its own."""
    if d.kind not in ("season", "holiday") or not _OBJECT_VERB.search(ntext, 0, d.start):
        return False
    lo, hi = clause_of(ntext, d)
    return any(
        o is not d and lo <= o.start < hi and o.kind not in ("season", "holiday") for o in found
    )
