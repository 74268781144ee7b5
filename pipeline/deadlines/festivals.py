"""The festival and season words of the deadline grammar (…前 dates them): official
holidays, days marked but not off work, solar terms, the seasons of a year. Part of
``lexicon.py``, kept apart for size; festivals' dates come from ``workcal.festival_date``."""

from __future__ import annotations

from pipeline.deadlines.guard import guarded

# 七一 (建党节, 1 July), 八一, 六一: days named by numbers, never after a numeral (二十七一)
NUMBER_DAYS = "[七八六](?<![0-9零〇一二两三四五六七八九十][七八六])一"  # the class first: cheap
HOLIDAYS = (
    "五一劳动节|劳动节|五一|元旦|元宵节|元宵|春节|除夕|清明节|清明|端午节|端午|中秋节|中秋|国庆节|国庆"
    "|农历新年|农历年底|农历年|新春佳节|新春|年关|腊月底"  # all before 春节: 年关前结清工资 is by 除夕
    "|(?<![0-9〇零一二两三四五六七八九十百千万几多数近今明去上下本当该同往前后每历全跨新半周青少老小大])年(?=前(?![夕年后]))"
)  # 年前 alone (确保工资年前发放) is before 春节 too; 三年前, 今年前三季度 are not
# days marked but not off work (only "…前" dates them): 小年 and 腊八 (the twelfth lunar month),
# 重阳, 五四, 植树节; 大年三十 / 年三十 are 除夕
FESTIVAL_WORDS = (
    f"{HOLIDAYS}|建党节|建军节|儿童节|妇女节|三八节|教师节|{NUMBER_DAYS}"
    "|小年|大年三十|年三十|腊八节|腊八|重阳节|重阳|五四青年节|青年节|五四|植树节"
)
QUOTED_ELEVEN = r"[“\"「『]十一[”\"」』]"
# solar terms dating "…前" as festivals do (the same list as workcal.SOLAR_TERMS)
TERM_WORDS = "立春|惊蛰|春分|谷雨|立夏|小满|芒种|夏至|小暑|大暑|立秋|处暑|白露|秋分|寒露|霜降|立冬|冬至|小寒|大寒"
# The grammar's core words for festivals (lexicon.CORE), each behind a look-ahead of the
# characters it can start with: a long alternation of words is tried at every character
# of every text, and one class test fails faster than forty words
FESTIVAL_CORE = "|".join(
    guarded(p)
    for p in (
        rf"(?:{FESTIVAL_WORDS}|十一)[”\"」』]?节?[以之]?前",  # 建党节前, “两节”前
        rf"(?:{HOLIDAYS}|十一)节?(?:假期|长假|放假|后|过后)",
        rf"(?:{TERM_WORDS})[以之]?前",
    )
)

SEASON_NAMES = "秋冬|冬春|春|夏|秋|冬"  # of a year: 今年夏季, 2027年秋冬季 (longest first)
# after a season written alone (2026年春, 今春): what makes it a time by which work is done
SEASON_NEXT = "(?:末|底)?(?:前|以前|之前|[，,]|完成|建成|实现|竣工|投用|投入|全面|基本)"
