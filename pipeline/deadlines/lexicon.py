"""The deadline grammar as data: fragments, rows and word lists.

Each ``Row`` is one form of expression: a regular-expression fragment with named groups,
the handler that turns the groups into a date (``handlers.py``), fixed parameters for it,
and whether a year prefix (2021年, 明年 ...) may stand before it. Rows are tried in table
order at each position, so a longer form comes before a shorter one it starts with.
All patterns see *normalised* text (see ``normalise.py``): ASCII digits, simplified chars.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.deadlines.festivals import (
    FESTIVAL_CORE,
    FESTIVAL_WORDS,
    HOLIDAYS,
    QUOTED_ELEVEN,
    SEASON_NAMES,
    SEASON_NEXT,
    TERM_WORDS,
)

# Fragments -----------------------------------------------------------------------------
NUMERALS = "零〇一二两三四五六七八九十廿卅百"
NUM = rf"(?:[0-9]{{1,3}}|[{NUMERALS}]{{1,5}})"  # 二百二十五
# a month's number (not 两: 两月内 is two months); 元月 is January (not after an amount: 300元月底前 is not)
_NOT_LIANG = NUMERALS.replace("两", "")  # (a class, not a look-ahead: months are tried often)
MONTH = rf"(?:[0-9]{{1,3}}|[{_NOT_LIANG}]{{1,4}}|(?<![0-9{NUMERALS}千万亿])元(?=月))"
YEARNUM = r"(?:(?:19|20|21)[0-9]{2}|[一二][〇零一二三四五六七八九]{3})"
DASH = r"(?:—{1,2}|–|―{1,2}|-{1,2}|~|－)"
# a single space may stand inside a written date: "3 月 15 日前", "2018年 12月", "8 月底"
SP = r"[ \t]?"
# 一 for a dash only between dates in digits ("5月30日一6月4日": a lost dash in copied text)
SEP_WORD = rf"(?:至|到|{DASH}|一(?=[0-9]{{1,2}}{SP}月))"
# words after a date that make it "the date by which"; they do not change the date
_IN = r"内(?![蒙部容外需地涵河陆控资销环侧在])"  # not 内蒙古, 内部, 内容 ...
SUFFIX = rf"(?:及(?:其)?(?:以前|之前)|(?:结束|终了)(?:以前|之前|前)|以前|之前|前|以内|之内|{_IN}|为止|止)"
# a clock time or a part of the day after a day: "6月30日24时前", "6月30日17:00前", "1月11日下午前"
_DAYPART = r"(?:上午|下午|中午|晚上|早上|傍晚|凌晨|晚|早)"
TIME = (
    rf"(?:{_DAYPART}?{SP}(?:{NUM}[时点](?:{NUM}分)?|[0-9]{{1,2}}[:：][0-9]{{2}})"
    rf"|(?:{_DAYPART}?{SP}下班|{_DAYPART})(?=前|以前|之前))"
)
# a range separator after a first date: "7月1日起至9月30日", "9月至10月", "11月18日（星期四）8:00—"
WEEKDAY_NOTE = r"[ \t\u3000]*[（(](?:星期|周|礼拜)[一二三四五六日天1-7][）)]"
RANGE_SEP = rf"(?:{WEEKDAY_NOTE})?(?:[ \t\u3000]*{TIME})?[ \t\u3000]*(?:起|开始)?[ \t\u3000]*{SEP_WORD}[ \t\u3000]*"

# A year before a period. Relative words are offsets from the document's year;
# 次年/翌年 inside a range are relative to the range's first year instead.
YEAR_WORDS: dict[str, int] = {
    "今年": 0,
    "本年": 0,
    "当年": 0,
    "明年": 1,
    "次年": 1,
    "翌年": 1,
    "来年": 1,
    "下一年": 1,
    "下年": 1,
    "后年": 2,
    "大后年": 3,
    "去年": -1,
    "上年": -1,
    "上一年": -1,
    "前年": -2,
}
FOLLOWING_YEAR = frozenset({"次年", "翌年"})
# 前年 is not the 前年 of 提前年底, nor 来年 that of 以来年均
_NOT_BEFORE = {"前年": "[提当]", "来年": "以"}  # not 当前年度
YEAR_WORDS_RE = "|".join(
    f"(?<!{_NOT_BEFORE[w]}){w}" if w in _NOT_BEFORE else w
    for w in sorted(YEAR_WORDS, key=len, reverse=True)
)
# 98年/零七年 only before a month, half, quarter, year's end; 民國 114年 (2025) after 民国, or bare before those
_Y2_NEXT = rf"(?={SP}(?:{NUM}{SP}月|[上下前后]半年|第?[一二三四1-4]季度|底|末))"
_ROC_NEXT = rf"(?={SP}(?:{NUM}{SP}月|[上下前后]半年|第?[一二三四1-4]季|首季|底|末|度|{_IN}))"
PREFIX = (
    rf"(?:(?P<yn>{YEARNUM})(?:{SP}年{SP}|(?<=[0-9])(?=(?:1[0-2]|0?[1-9])月))|(?P<y2>[0-9]{{2}}|[〇零一二三四五六七八九]{{2}})年{_Y2_NEXT}"
    rf"|民国{SP}(?P<roc>[0-9]{{2,3}}){SP}年{SP}|(?P<roc3>1[0-4][0-9])年{_ROC_NEXT}"
    rf"|(?P<yr>{YEAR_WORDS_RE})(?:度(?={SP}(?:{NUM}{SP}月|第?[一二三四1-4]季度|[上下前后]半年)))?)"
    r"(?:的(?=[0-9一二三四五六七八九十]{1,2}月|[上下]半年|第?[一二三四]季度))?"  # 今年的6月30日前
)
# after a year prefix (which ends in 年): 2025年底, 明年末, 今年内, 2019年度, 2027年初
# (年初 only after a year: on its own it is mostly narrative, 年初以来; not 初步, 初期 …)
YEAR_TAIL = rf"(?:底|末|尾|{_IN}|终|度末|度|年?初(?![步期次级心衷稿审始创见]))"
YEAR_START_MONTH = 1  # 2027年初: by the end of January, as X月初 is by the 10th

# Characters that may not stand right before a match that begins with a number.
NUMBER_CHARS = "0123456789." + NUMERALS + "千万亿"
# Clause boundaries, for the event look-back and the recurring-horizon search.
CLAUSE_STOPS = "，,。；;！!？?\n"
SENTENCE_STOPS = "。；;！!？?\n"
# An explicit end for recurring obligations: "每季度末报送……至2022年底".
END_CUES = ("截止到", "截至", "截止", "至", "到", "止")
XUN = {"上旬": 10, "中旬": 20, "上中旬": 20, "中上旬": 20, "下旬": 31, "中下旬": 31, "中": 15}
XUN.update({"上半月": 15, "下半月": 31})
# X月中前, 本月中，: the 15th (中 alone only before 前, finishing or a clause's end: not "during")
_MID = "中(?=前|以前|之前|完成|办结|报送|上报|[，,。；;]|$)"
XUN_WORDS = rf"上中旬|中上旬|中下旬|上旬|中旬|下旬|上半月|下半月|{_MID}"
# after a weekday: not a count (本周5天, 周一次), but a clock time may follow (本周四17时前)
_NOT_COUNT = r"(?![次个天小遍批期轮半]|[0-9]+(?![0-9]|[时点:：]))"
# 今天前, 明日前, 后天之前, 今晚8点前: days counted from the document date
DAY_WORDS = {w + p: n for w, n in (("今", 0), ("明", 1)) for p in "天日晚早晨"}
DAY_WORDS.update({"后天": 2, "大后天": 3, "当天": 0, "当日": 0, "次日": 1, "翌日": 1, "后日": 2})
EARLY_DAY = 10  # X月初 / 月初: the first ten days, like 上旬
HALVES = {"上半年": 6, "前半年": 6, "头半年": 6, "年中": 6, "下半年": 12, "后半年": 12}
WEEKDAYS = {c: i for i, cs in enumerate("一1 二2 三3 四4 五5 六6 日天7末".split()) for c in cs}
# Five-year plans: number -> last year (一五 1953-57, 二五 1958-62, 三五 1966-70, then every
# five years: 十四五 2021-25). Unquoted only from 十一五 on, or with 期间/时期/末/规划 after it.
PLAN_END = {1: 1957, 2: 1962, **{n: 1970 + 5 * (n - 3) for n in range(3, 20)}}
PLAN_TAILS = "规划期末|规划期内|规划期间|规划末期|末期|期末|期间|时期|期内|最?后[一两三]年|前[一两二三四]年|末"
PLAN_FOLLOWERS = ("规划", "计划", "发展规划")
NO_DATE = "尽快|(?<![能法不])(?:立即|立刻|马上)|长期坚持|持续推进|常态化|常抓不懈|久久为功|长期(?!以来|来|以往)"
# Every expression of the grammar holds one of these (a test checks it on the corpus, the labelled
# set and random text): a paragraph without any is skipped at once; {SEASONS}: the configured terms.
# Each is as narrow as its rows: counts of time only before 内 or after 用 (三年内, 用3年时间), a bare
# day only before 前/内 (25日前) or in a span (28日至29日), four-digit years, 今天 … only before 前/内/
# a time, 每 only before a period, a festival before 前; no past year word (去年底 holds 年底).
_CORE_NUM = "[0-9〇零一二两三四五六七八九十廿卅百半]{1,5}"
CORE = (
    rf"{_CORE_NUM}{SP}(?:月|个?{SP}(?:个?月|年半?|天|日|周|星期|礼拜|自然日|日历日|小时|季度)(?:的?时间)?[以之]?[内后]"
    rf"|个?{SP}[日号](?=[^\n]{{0,16}}[前内]))|[于在]{_CORE_NUM}{SP}[日号]"
    rf"|[0-9]{{1,2}}{SP}[日号]{SP}[至到—–~\-]{SP}[0-9]{{1,2}}{SP}[日号]"
    rf"|[0-9〇零一二三四五六七八九]{{4}}{SP}年"
    rf"|用{_CORE_NUM}个?(?:[年月周天日]|星期)|整改[期时]限(?:为|是|:)?{SP}[0-9一二三四五六七八九十]"
    rf"|[年月][底末尾内中终度初]|[年今明](?:{SEASON_NAMES})(?!节)"
    r"|[正冬腊]月|季度|第[一二三四1-4]季|最后一季|(?<![A-Za-z])[Qq][1-4](?![0-9])|[一二三四1-4本当这下上次]季[末底]|当前[年月季]|首季|半年|限期|[上中下]旬|岁末|全年|元月|今明两年|明后两年|世纪中叶|今冬明春|工作[日天]"
    r"|(?:19|20|21)[0-9]{2}(?:[./-]|[01][0-9][0-3][0-9][以之]?前)|[0-9][·・][0-9]|[0-9][./-][0-9]{1,2}[以之]?前"
    r"|[今明后当本次翌来下]年|下一年|(?:[今明][天日晚早晨]|后天)(?:下班|[上下中]午|晚上|[0-9一二三四五六七八九十]{1,3}[:：时点]|[以之]?[前内])|[于在](?:今|明|后|当)[天日]|[于在][次翌]日|[本当这下次]个?月"
    r"|[本这下上]个?(?:周|星期|礼拜)|每(?:一|两|2|隔一|半)?个?(?:月|季度?|半年|年|周|星期|礼拜)|每旬|[按逐]个?[月季]|按半年"
    r"|(?:周|星期|礼拜)[一二三四五六日天1-7末]"
    rf"|{FESTIVAL_CORE}|节[”\"」』]?[以之]?前"  # 建党节前, “两节”前
    r"|[一二三四五六七八九十]五(?:[”\"」』]|规划|计划|末|期|时期)|[一二三四五六七八九]五"
    r"|[“\"「『](?:十[一二三四五六七八九]?|[一二三四五六七八九])五|" + NO_DATE + r"|{SEASONS}"
)


@dataclass(frozen=True)
class Row:
    """One form of deadline expression."""

    name: str
    pattern: str
    handler: str
    params: dict[str, Any] = field(default_factory=dict)
    not_after: str = ""  # characters that may not precede the match (when unprefixed)


# Standalone forms tried before the prefixed periods (they start with a year or a cue).
EARLY_ROWS: tuple[Row, ...] = (
    Row(
        "iso_date",
        r"(?P<y>(?:19|20|21)[0-9]{2})(?:(?P<s>[./-])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})"
        r"|(?P<m8>0[1-9]|1[0-2])(?P<d8>[0-3][0-9])(?=[以之]?前))(?![0-9])",  # 20260320前
        "iso_date",
    ),
    Row(
        "year_range",
        rf"(?P<y1>{YEARNUM})年?{SEP_WORD}(?P<y2>{YEARNUM})年(?:底|末)?{SUFFIX}?"
        rf"(?!{NUM}月|[上下]半年|第|[一二三四1-4]季度|年[底末中内度])",  # 2023年至2025年6月: not here
        "year_range",
    ),
    Row("cue", rf"(?:截止到|截至|截止|到|至)(?={YEARNUM}{SP}年)", "cue"),
)

# Periods that may carry a year prefix; each gets an optional SUFFIX group ``sfx``.
PERIOD_ROWS: tuple[Row, ...] = (
    Row("month_range", rf"(?P<m1>{NUM}){SEP_WORD}(?P<m2>{NUM})月份?(?:底|末)?", "month_range"),
    # "1月3至2月10", "1月3日—2月10日" written without 日 on the first day
    Row(
        "md_range",
        rf"(?P<m1>{NUM}){SP}月{SP}(?P<d1>{NUM}){SP}{SEP_WORD}{SP}(?P<m2>{NUM}){SP}月{SP}"
        rf"(?P<d2>{NUM})(?![0-9月]){SP}[日号]?",
        "md_range",
    ),
    # "4月12-19日", "4月12日至19日", "4月15、16日" in one month (3月3日、10日 are two dates; "4月1日至15
    # 开展": 日 left out, no count; "二月十三到十五开展": both, only before a clause's end or a verb)
    Row(
        "day_range",
        rf"(?P<m>{MONTH}){SP}月{SP}(?P<d1>{NUM}){SP}(?P<j>[日号])?{SP}(?:{SEP_WORD}|(?(j)(?!)|(?:、{NUM})*、)){SP}(?P<d2>{NUM}){SP}"
        rf"(?:[日号]|(?(j)(?![0-9零〇一二三四五六七八九十个家项年月天日号周时点分%％万千百亿元人名次所座条处件吨亩台米])|(?=[，,。；;、）)]|开展|进行|举办|召开|组织|集中|期间|为)))",
        "day_range",
    ),
    # ... with its 日 left out before a "by" word or a clause's end ("6月15前", "时限：6月30")
    Row(
        "day",
        rf"(?P<m>{MONTH}){SP}月份?{SP}(?P<d>{NUM})"
        rf"(?:{SP}[日号](?:{TIME})?|(?![0-9])(?=前|以前|之前|为止|止|完成|办结|截止|[，,。；;）)]|\n|$))",
        "day",
    ),
    # 12月第二周, 1月最后一周: the Sunday that ends that week of the month; 10月第一个星期一,
    # 8月的最后一个周五: that weekday; 11月第二周周三: that week's Wednesday
    Row(
        "month_week",
        rf"(?P<m>{MONTH}){SP}月份?的?{SP}(?:第(?P<n>[一二三四五1-5])|(?P<last>最后一))个?(?:周|星期|礼拜)"
        rf"(?:(?P<w>[一二三四五六日天1-7](?![0-9个次天]))"
        rf"|{SP}的?(?:周|星期|礼拜)(?P<wk>[一二三四五六日天1-7](?![0-9个次天])))?",
        "month_week",
    ),
    # 5月的最后一个工作日: its last working day (with 调休)
    Row("month_workday", rf"(?P<m>{MONTH}){SP}月份?的?最后一个工作日", "month_workday"),
    Row("xun", rf"(?P<m>{MONTH}){SP}月份?{SP}(?P<x>{XUN_WORDS})", "xun"),
    # "“6·30”前": a milestone day written with a middle dot
    Row(
        "dot_day",
        r"[“\"「]?(?P<m>[0-9]{1,2})[·・](?P<d>[0-9]{1,2})[”\"」]?(?=前|以前|之前|节点|完成)",
        "day",
    ),
    # "12.20前", "3-31前", "6/30前": month and day written with a full stop, a dash or a slash, only
    # before a "by" word (12.5 is a number anywhere else)
    Row(
        "dotted_day",
        r"(?<![0-9.．第/-])(?P<m>1[0-2]|0?[1-9])[./-](?P<d>[0-3]?[0-9])(?![0-9])"
        r"(?=(?:以|之)?前(?![期置提言沿列面夕景途]))",  # not "3.1前期准备"
        "day",
    ),
    # X月初: the first ten days, like 上旬 ("5月初前完成")
    Row("early", rf"(?P<m>{MONTH}){SP}月份?初", "early"),
    # 上一月, 前9月 (the first nine months) are no month; "12月月底前" is December's end written
    # twice; "一月一对账一销号", "一月一次" say how often, not which month
    Row(
        "month",
        rf"(?!(?<!年)一月[以之]?内)(?P<m>{MONTH}){SP}月份?(?:月?(?:底|末|尾))?(?!一[^日号0-9〇零一二三四五六七八九十])",
        "month_end",
        not_after="上前秋春花",  # 金秋九月, 阳春三月, 烟花三月: a season's words
    ),
    Row("quarters", r"前(?P<q>[一二两三1-3])个?季度(?:末|底)?", "quarter"),
    Row(
        "quarter",
        # 统一季度, 唯一, 逐一 are words, not the first quarter (计划一季度 is a date)
        # 第一个季度 only as a "by" date (第二个季度的开始 is a time)
        r"(?:第(?P<q0>[一二三四1-4])个(?=季度(?:末|底|前|内|以前|之前))|第?(?P<q>(?<![统唯逐])一|[二三四1-4]|首|最后一个?))"
        r"季度(?:末|底)?",
        "quarter",
        not_after="每本下上这当",
    ),
    # "2027年第二季", "明年首季": a quarter written without 度 (Hong Kong, Macao, Taiwan)
    Row(
        "quarter_short",
        r"(?:第(?P<q0>[一二三四1-4])|(?P<q>首|最后一|(?<![统唯逐这同本上下])[一二三四1-4](?=季[末底])))季(?![度节赛播“\"「])(?:末|底)?",
        "quarter",
    ),
    Row(
        "half",
        r"(?P<h>上半年|下半年|前半年|头半年|后半年|(?<![壮青老少成中往近多历常同去当每周])年中(?![央国期心华共的]))",  # not 年中央, 年中心
        "half",
        not_after=NUMBER_CHARS + "近多几每提",
    ),
    Row(
        "year_word",
        r"(?:年底|年末|年尾|年内|年度末|年终(?!身|奖|加薪|分红)|岁末(?!年初)|全年|年度)",  # not 青年终身, 年终奖, 岁末年初 (a season)
        "year_end",
        not_after=NUMBER_CHARS + "每各跨该历往上去近多几半干数个税同",
    ),
    # 国庆节后第一个工作日, 春节后一周内 (from the last day off); 春节放假前 (the day before the
    # first day off), 国庆假期结束前 (its last)
    Row(
        "holiday_after",
        rf"(?P<f>{HOLIDAYS}|十一)节?(?:假期|长假)?(?:结束)?(?:后|过后)(?:(?:的?第一个工作日|上班(?:后的?)?第一天)(?:前|以前|之前|内)?"
        rf"|(?P<n>{NUM})个?(?P<u>工作日|日|天|周|星期)(?:以内|之内|内))",
        "holiday_break",
        {"after": True},
    ),
    Row(
        "holiday_break",
        rf"(?P<f>{HOLIDAYS}|十一)节?(?:假期|长假|放假)(?P<e>结束)?(?:前(?!夕)|以前|之前)",
        "holiday_break",
    ),
    Row(
        "festival",
        # not 前夕: "春节前夕，亲临考察" is the time of an event, not a "by" date
        rf"(?P<f>[“\"「『](?:{FESTIVAL_WORDS}|两节)[”\"」』]|{FESTIVAL_WORDS}|{TERM_WORDS}|{QUOTED_ELEVEN}|(?<![双光])十一|两节)"
        rf"(?:[、和及与]?(?P<f2>{FESTIVAL_WORDS}))?(?:双节|两节|节)?(?:前(?!夕)|以前|之前)",  # 元旦春节(双节)前
        "festival",
    ),
    Row("season", r"(?:今[春夏秋冬]季?)?(?P<s>{SEASONS})", "season", not_after="季"),  # 今秋开学前
    # a season of a year: "今年夏季", "2027年秋冬季" (alone it names work's kind: 做好冬季供暖)
    Row(
        "year_season",
        rf"(?<=年)(?P<ss>{SEASON_NAMES})(?:季|天|(?={SEASON_NEXT}))(?![节学])(?:末|底)?",
        "year_season",
    ),
)

# 内 after a count of days or months; after 限期 it may be left out ("限期一个月完成整改")
_WITHIN = "(?(lim)(?:内|以内|之内)?|(?:内|以内|之内))"
# Standalone forms tried after the prefixed periods.
LATE_ROWS: tuple[Row, ...] = (
    Row("workdays", rf"(?P<n>{NUM})个?工作[日天](?:内|以内|之内)", "workdays"),  # 工作天: Taiwan's
    Row(
        "rel_days",
        rf"(?P<lim>限期)?(?P<n>{NUM})个?(?:自然日|日历日|日|天){_WITHIN}",
        "relative",
        {"unit": "day"},
    ),
    # 48小时内: the days the hours reach into (a limit after an event is flagged, as for days)
    Row("rel_hours", rf"(?P<n>{NUM})个?小时(?:内|以内|之内)", "relative", {"unit": "hour"}),
    Row(
        "rel_weeks",
        rf"(?P<n>{NUM})个?(?:周|星期|礼拜)(?:内|以内|之内)",
        "relative",
        {"unit": "week"},
    ),
    Row(
        "rel_months",
        rf"(?P<lim>限期)?(?:(?P<n>{NUM})个(?P<and_half>半)?|(?P<n2>[两一])|(?P<half>半)个?)月(?:的?时间)?{_WITHIN}",
        "relative",
        {"unit": "month"},
    ),
    Row(
        "rel_years",
        rf"(?:(?P<n>{NUM})年(?:(?P<and_half>半)|零?(?P<mm>{NUM})个月)?|(?P<half>半)年)(?:的?时间)?(?:内(?![乱讧])|以内|之内)",  # not 十年内乱
        "relative",
        {"unit": "year"},
    ),
    Row(
        "month_rel",
        rf"(?P<r>本|当前|当|这个|下{{2,3}}个?|下[一1]?个?|次)月份?(?:的(?=[0-9一二三四五六七八九十上中下]|月[底末])月?)?(?:(?P<d>{NUM})(?:[日号]?(?:{SEP_WORD}(?P<d2>{NUM}))?[日号]|(?![0-9])(?=前|以前|之前))"
        rf"|(?P<x>{XUN_WORDS})|底|末|尾|份|初)?"
        rf"{SUFFIX}?",
        "month_rel",
    ),
    Row(
        "month_bare",
        rf"月(?:(?:底|末|尾|初|(?P<x>上中旬|中下旬|上旬|中旬|下旬)|{_MID}){SUFFIX}?|{_IN}|以内|之内)",
        "month_rel",
        not_after=NUMBER_CHARS + "每个上年岁本当这下次该同其数几多半正腊跨逐按把",  # 个把月内
    ),
    # 下旬前 with no month: the month named last in its paragraph, else the document's
    Row(
        "xun_bare",
        r"(?P<x>上中旬|中下旬|上旬|中旬|下旬)(?:前|以前|之前)",
        "xun_bare",
        not_after="月本当这次每",
    ),
    Row(
        "plan",
        rf"(?P<q>[“\"「『])?(?P<n>十[一二三四五六七八九]?|[一二三四五六七八九])五[”\"」』]?"
        rf"(?:{SP}(?P<t>{PLAN_TAILS}))?{SUFFIX}?",
        "plan",
        not_after=NUMBER_CHARS + "第",
    ),
    Row("winter_spring", r"今冬明春", "winter_spring"),
    Row("this_and_next", rf"(?P<w>今明|明后)两年(?:底|末)?{SUFFIX}?", "this_and_next"),
    # 到本世纪中叶: the long-range target year of national plans (2050); 下(个)世纪中叶 in
    # documents of the 1900s
    Row("mid_century", r"(?P<r>本|下个?)世纪中叶", "mid_century"),
    Row(
        "quarter_rel",
        rf"(?P<r>本|当前|当|这个?|下{{2,3}}个?|下[一1]?个?|上一?个?|次)季(?:度|(?=末|底))(?:末|底)?{SUFFIX}?",
        "quarter_rel",
        not_after="每",
    ),
    # 季度末前 with no number or 本: the end of the document's quarter (not 该/同/去年季度末;
    # a bare 季末 is not read: 采暖季末, 旅游季末 name other seasons)
    Row(
        "quarter_bare",
        rf"季度(?:末|底){SUFFIX}?",
        "quarter_rel",
        not_after=NUMBER_CHARS + "每各本当这个上下次首第该同去今明",
    ),
    # 本周五前, 下周内, 下下周, 这个星期: a week counted from the document's week; a range
    # ends on its second day ("本周三至周五", "本周日到下周日")
    Row(
        "week_rel",
        rf"(?P<r>本|这一?|下{{1,3}}一?|上一?)个?(?:周|星期|礼拜)(?:的?(?:周|星期|礼拜)(?=[一二三四五六日天1-7]))?"  # 下周周六
        rf"(?P<w>[一二三四五六日天1-7]{_NOT_COUNT}|末)?"
        rf"(?:(?:至|到|{DASH})(?P<r2>下{{1,3}})?个?(?:周|星期|礼拜)?(?P<w2>[一二三四五六日天1-7]{_NOT_COUNT}|末))?"
        rf"(?:{TIME})?{SUFFIX}?",
        "week_rel",
        not_after="每",
    ),
    # 周五前, 星期三以前: the next such weekday on or after the document date
    Row(
        "weekday",
        rf"(?:周|星期|礼拜)(?P<w>[一二三四五六日天1-7]{_NOT_COUNT}|末)(?:{TIME})?(?:前|以前|之前)"
        rf"|(?<=[于在])(?:周|星期|礼拜)(?P<wo>[一二三四五六日天1-7]{_NOT_COUNT})(?:(?:至|到|{DASH}|~)(?:周|星期|礼拜)(?P<wo2>[一二三四五六日天1-7]))?(?:{TIME})?(?![起以来的后])",
        "weekday",
        not_after="每本这下上个",
    ),
    # 今天前, 明日之前, 后天内: counted from the document date
    Row(
        "day_word",
        # 今天18:00前; 于明日 with no 前 only in an order (请于明日报送; not 将于明天草签)
        rf"(?P<w>[今明][天日晚早晨]|大后天|后天)(?:{TIME}|下班)?(?:前|以前|之前|内)"
        r"|(?<=[于在])(?P<w2>今天|今日|明天|明日|后天|当天|当日|次日|翌日|后日)(?![起以来的]|头条)",
        "day_word",
    ),
    # 25日前 with no month: this month when still ahead, else next month
    Row(
        "day_of_month",
        rf"(?P<d>(?!两){NUM}){SP}[日号](?:{TIME})?(?:前|以前|之前)"
        rf"|(?<=[于在])(?P<do>(?!两){NUM}){SP}[日号](?:{TIME})?(?![起以来的后内])",  # 请于15日报送: in an order
        "day_of_month",
        not_after=NUMBER_CHARS + "月每提周期拜",
    ),
    Row("nodate", rf"(?:{NO_DATE})", "nodate", not_after="中"),
)
