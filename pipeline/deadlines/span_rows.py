"""The grammar's rows for the spans a plan gives its work: a financial year (2026/27年度,
Hong Kong's, April to March), days counted from a period's end (一季度终了后15日内), months
written with dots (2026.03-2026.06), the time it spends (用3年时间, 两个季度内) and a
rectification's days (整改期限为30天), a season of this year or the next (今春, 明夏), a
quarter written Q3, two months running (七八月份) and a month with its 月 left out (2025年10底
前): part of the early, the period and the late rows of ``lexicon.py``, kept apart for size.
The early ones come before the periods they start with (一季度, 2025年度); the late ones start
with what no other row of their table starts with (用, 整改期限, 今春), or come after those
that do (今冬明春 before 今冬), so their place among them does not matter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.handlers import (
    SEASON_ENDS,
    Ctx,
    Hit,
    Values,
    add_months,
    count_of,
    month_end,
)
from pipeline.deadlines.lexicon import (
    DASH,
    NUM,
    NUMBER_CHARS,
    NUMERALS,
    SEASON_NEXT,
    SP,
    YEAR_WORDS_RE,
    YEARNUM,
    Row,
)
from pipeline.textnorm import parse_num, parse_year

# 一季度终了后15日内, 自年度终了之日起5个月内, 2025年度结束后3个月内, 上半年结束之日起两个月内:
# counted from the end of the period named (statutory filings: 汇算清缴, 季报, 年报)
EARLY_SPAN_ROWS: tuple[Row, ...] = (
    Row(
        "period_after",
        rf"(?:(?:(?P<yn>{YEARNUM}){SP}年|(?P<yr>{YEAR_WORDS_RE}))度?(?=结束|终了|期满|届满)"  # 2025年(度)
        rf"|(?:(?P<yn2>{YEARNUM}){SP}年|(?P<yr2>{YEAR_WORDS_RE}))?"
        r"(?:第?(?P<q>[一二三四1-4])季度|(?P<h>[上下])半年度?|年度|(?P<qb>季度)|(?P<mb>月度|月份)))"
        rf"(?:结束|终了|期满|届满)(?:之日)?(?:后|起)的?{SP}(?P<n>{NUM})个?{SP}"
        r"(?P<u>工作日|自然日|日|天|月)(?:内|以内|之内)",
        "period_after",
        not_after="每各",
    ),
    # "实施期限：2026.03-2026.06": months written with dots, joined by a dash (a single one
    # could be an amount: 2026.5万元)
    Row(
        "iso_month_range",
        rf"(?P<y1>(?:19|20|21)[0-9]{{2}})\.(?P<m1>[0-9]{{1,2}}){SP}(?:{DASH}|至|到){SP}"
        r"(?P<y2>(?:19|20|21)[0-9]{2})\.(?P<m2>[0-9]{1,2})(?![0-9.])",
        "iso_month_range",
    ),
)

# 2026/27年度, 2026-27财政年度 (not 2026-2027年度: a range of years) ; 内/前 make it a
# deadline, as do a lead before it or a target after it (else it names a budget: 2026-27年度
# 财政预算案)
FISCAL_ROWS: tuple[Row, ...] = (
    Row(
        "fiscal_year",
        rf"(?P<y1>(?:19|20)[0-9]{{2}}){SP}[/\-–—至]{SP}(?P<y2>[0-9]{{2}})(?![0-9]){SP}(?:财政)?年度"
        r"(?P<sfx>内|以内|之内|前|以前|之前|结束前|完结前)?",
        "fiscal_year",
    ),
)

_SPENT = (
    "(?:左右)?(?:的)?时间(?=(?:基本|全面|初步|逐步)?(?:完成|实现|解决|建成|消除|达到|形成|建立))"
)
# 力争用3年时间基本完成: as 3年内; years up to five, before what is done (not 提出用三年的时间，
# 用三年时间集中力量进行…, 用13年时间基本实现…); months always (用3个月时间开展专项整治)
SPENT_ROWS: tuple[Row, ...] = (
    # "3月22日至27日为集中接种时间，28日至29日为补种时间": days of the month named before them
    Row(
        "day_span",
        rf"(?P<ds>(?!两){NUM}){SP}[日号]?{SP}[至到—–~\-]{SP}(?P<de>(?!两){NUM}){SP}[日号](?![起以来的后内])",
        "day_span",
        not_after=NUMBER_CHARS + "月每提周期拜",
    ),
    # "整改期限为30天": a rectification's days, counted from the notice, with no 内
    Row(
        "rectify_days",
        rf"整改(?:期限|时限)(?:为|是|:)?{SP}(?P<n>{NUM})个?(?:天|日|自然日)(?![0-9前])",
        "relative",
        {"unit": "day"},
    ),
    Row("spent_years", rf"用(?P<n>[1-5一二两三四五])年{_SPENT}", "relative", {"unit": "year"}),
    Row("spent_months", rf"用(?P<n>{NUM})个月(?:左右)?(?:的)?时间", "relative", {"unit": "month"}),
    Row("spent_half", r"用(?P<half>半)年(?:左右)?(?:的)?时间", "relative", {"unit": "year"}),
    # 利用一周时间查漏补缺, 用10天时间完成排查
    Row(
        "spent_weeks",
        rf"用(?P<n>{NUM})个?(?:周|星期)(?:左右)?(?:的)?时间",
        "relative",
        {"unit": "week"},
    ),
    Row("spent_days", rf"用(?P<n>{NUM})(?:天|日)(?:左右)?(?:的)?时间", "relative", {"unit": "day"}),
    # "两个季度内完成整改": three months a quarter, as 6个月内
    Row(
        "rel_quarters",
        rf"(?P<n>{NUM})个?季度(?:内|以内|之内)",
        "relative",
        {"unit": "quarter"},
        not_after=NUMBER_CHARS + "前第",
    ),
    # "今春完成造林", "明夏建成": a season of this year or the next, only before a by-word, a
    # target or a comma, as 2026年春 (今冬明春 is read before it)
    Row(
        "this_season",
        rf"(?P<w>[今明])(?P<ss>春|夏|秋|冬)(?!明春|前|以前|之前)(?={SEASON_NEXT})",
        "this_season",
    ),
    # "3个月后组织验收", "一周后组织复查": the day the work is set for, only before a verb of
    # checking or reporting (not "两年后，全市…", a narrative's time)
    Row(
        "rel_after",
        rf"(?:(?P<n>{NUM})个?|(?P<half>半)个(?=月))(?:(?P<d>天|日)|(?P<w>周|星期)|(?P<m>月)|(?P<q>季度)|(?P<y>年))"
        r"(?:以后|之后|后)"
        r"(?=[，,]?(?:再)?(?:组织|开展|进行|报送|上报|提交|复查|复核|验收|评估|召开|回访|核查))",
        "after",
    ),
)

# Period rows (a year may lead), tried before those of ``lexicon.py``: "Q3前", "2026年Q3", a
# quarter written as in business reports; "七八月份", "三四月", two months running written
# without a sign between (not the number 78)
PERIOD_FIRST_ROWS: tuple[Row, ...] = (
    Row("quarter_q", r"(?<![A-Za-z])[Qq](?P<q>[1-4])(?![0-9])(?:末|底)?", "quarter"),
    # "2025年10底前": 月 left out after a year, before 底 and a "by" word or a verb of finishing
    Row(
        "month_no_yue",
        r"(?<=年)(?P<m>1[0-2]|0?[1-9])底(?=前|以前|之前|完成|全部|全面)",
        "month_end",
    ),
    Row(
        "month_pair",
        rf"(?<![{NUMERALS}])(?P<m1>[一二三四五六七八九])(?P<m2>[二三四五六七八九十])月份?(?:底|末)?",
        "month_pair",
    ),
)


# Their handlers ---------------------------------------------------------------------
def _period_ends(v: Values, year: int) -> list[dt.date]:
    """The ends of the periods a ``period_after`` match names, in ``year`` (those of a
    quarter, a half or a month named by no number: every one of them)."""
    if v.get("q"):
        q = parse_num(v["q"] or "") or 1
        return [month_end(year, 3 * q)]
    if v.get("h"):
        return [month_end(year, 6 if v["h"] == "上" else 12)]
    if v.get("qb"):
        return [month_end(year, m) for m in (3, 6, 9, 12)]
    if v.get("mb"):
        return [month_end(year, m) for m in range(1, 13)]
    return [dt.date(year, 12, 31)]


def h_period_after(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """一季度终了后15日内, 自年度终了之日起5个月内: counted from the end of the period. A
    period with a year (2025年度, 上一年度) is that year's; one without, the first whose
    count has not run out on the document date (a standing rule read for its next date:
    flagged ambiguous when no quarter or half is named)."""
    n = count_of(v.get("n") or "")
    if not n:
        return None
    unit = v.get("u") or "日"

    def due(end: dt.date) -> tuple[dt.date, bool]:
        if unit == "工作日":
            return ctx.calendar.add_workdays(end, n)
        if unit == "月":  # from a month's end to a month's end (年度终了后4个月内: 30 April)
            later = add_months(end, n)
            return month_end(later.year, later.month), False
        return end + dt.timedelta(days=n), False

    yn, yr = v.get("yn") or v.get("yn2"), v.get("yr") or v.get("yr2")
    if yn or yr:
        year = parse_year(yn) if yn else ctx.as_of.year + lx.YEAR_WORDS[yr or ""]
        if year is None:
            return None
        day, provisional = due(_period_ends(v, year)[-1])
        return Hit(day, "period_after", "explicit", provisional)
    named = bool(v.get("q") or v.get("h"))
    for year in (ctx.as_of.year - 1, ctx.as_of.year, ctx.as_of.year + 1):
        for end in _period_ends(v, year):
            day, provisional = due(end)
            if day >= ctx.as_of:
                basis = "document" if year <= ctx.as_of.year else "rollover"
                return Hit(day, "period_after", basis, provisional, ambiguous=not named)
    return None


def h_this_season(v: Values, _: dict[str, Any], ctx: Ctx) -> Hit | None:
    """今春 → 31 May of the document's year, 明夏 → 31 August of the next; 今冬 → the end of
    February after it (in January or February, the winter under way: this February)."""
    season = v.get("ss") or ""
    add, mm, dd = SEASON_ENDS[season]
    year = ctx.as_of.year + (1 if v.get("w") == "明" else 0)
    if season == "冬" and v.get("w") == "今" and ctx.as_of.month <= 2:
        year -= 1
    due = dt.date(year + add, mm, dd) if dd else month_end(year + add, mm)
    return Hit(due, "season", "document")
