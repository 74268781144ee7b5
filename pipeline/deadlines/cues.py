"""Words around a deadline expression that change what it means: data for ``context.py``.

Kept apart from the grammar rows (``lexicon.py``): these do not match expressions, they
judge the text beside one (a year mentioned earlier, a lead word, a book title, an anchor).
"""

from __future__ import annotations

import re

from pipeline.deadlines.guard import guarded
from pipeline.deadlines.lexicon import NUM, SP, YEAR_WORDS_RE, YEARNUM

# A date followed by one of these is the start of something, not a deadline
# (but 2027年初步建成 is a target: 初步 is "initially").
START_CUE = re.compile(  # (起运, 起航, 起飞, 起吊 are verbs: "12月10日起运新兵")
    "以来|以后|之后|后|起(?![运航飞吊])|开始|至今|伊始|初(?!步)|到现在|至现在|到目前|至目前"
)
# ... unless what follows is no longer accepted: "9月30日后不再受理" names the last day
NOT_TAKEN = r"(?:不再|不予|停止|将不再)(?:受理|接收|接受|办理|补报|报名|收取|审核|申报|报送)"
CUTOFF_AFTER = rf"(?:以后|之后|后)[ \t]*(?:将|则|一律|均|概|即)?{NOT_TAKEN}"
CUTOFF = re.compile(CUTOFF_AFTER)
# What lateness costs, after a cutoff in its sentence: "逾期不予受理", "逾期视为自动放弃"
LATE_AFTER = re.compile(r"\s*(?:逾期|过期|超期)")
# ... and any clause stating what lateness costs ("市科技局将对…不予受理")
SANCTION = re.compile(rf"\s*(?:逾期|过期|超期)|[^，,。；;]*{NOT_TAKEN}")
# A relative period right after one of these is a past span (过去五年内), not a deadline.
PAST_SPAN_CUES = ("过去", "最近", "近", "以往", "这", "前", "头", "最初")
# A relative period counted from an event named just before it is flagged ambiguous.
EVENT_CUES = ("之日", "起", "后", "收到", "接到", "受理", "届满", "结束", "发生", "申请")
# ... or when the clause before it ends after an event ("转制为企业后，五年内免征…")
EVENT_ENDS = ("后", "以后", "之后", "起", "之日")
# A start for recurring obligations in the same sentence: "2020年起，每年2月底前……"
RECUR_START = re.compile(  # ... or a quarter: "从2023年第二季度起" starts in April
    rf"(?P<y>{YEARNUM})年(?:(?P<m>{NUM})月(?:(?P<d>{NUM})[日号])?|第?(?P<q>[一二三四1-4])季度)?"
    r"(?:起|开始|以后)"
)

# "截至7月底，已完成…": the state on a date, this year's; a status date is never rolled.
STATUS_CUES = ("截至", "截止", "截止到", "截至到")
# A year written earlier in the same sentence dates the periods after it that have none
# ("2020年起，每年2月底前…，3月底前…"; "2017年…年报和第四季度报表"); 以来/至今 make it a start
# of something else, not the year the sentence is about.
YEAR_MENTION_PATTERN = (  # a range's last year is none ("方案（2024—2026年），4月底前报送")
    rf"(?:(?<![—–~\-－])(?<![0-9年][至到])(?P<y>{YEARNUM}){SP}年(?!{SP}[—–~\-－至到]{SP}{YEARNUM})"
    rf"|(?P<w>{YEAR_WORDS_RE}))(?!以来|至今|来|初|度|的?(?:新开工|续建|新建|重点)?项目)"  # 2022年项目: a batch
    rf"(?:{SP}(?P<m>{NUM}){SP}月)?(?P<end>年?(?:底|末))?"  # 2017年年底 is a year's end too
)
YEAR_MENTION = re.compile(guarded(YEAR_MENTION_PATTERN))
YEAR_PREFIX_ONLY = re.compile(rf"(?:{YEARNUM}{SP}年|{YEAR_WORDS_RE}){SP}")
YEAR_SCOPE_STOPS = "。！？!?\n"
# Book titles (《……2021年……》) name documents; nothing inside one is a deadline.
BOOK_TITLE = re.compile(
    r"《[^《》\n]{0,120}》"
    r"|关于[^，。；;！？\n《》]{2,60}的(?:通知|意见|方案|实施方案|决定|办法|规定|批复|复函|函|报告|通报|规划|计划)"
)
# A bare year (2027年) or a weak year word (年度, 全年, 2017年度) is a time target only
# after a lead word or before a word of achievement ("力争2028年建成", "2027年完成改造",
# "本年度完成"); otherwise it is a topic or an attribute ("2017年度文明城市创建").
TARGET_LEADS = (
    "力争",
    "确保",
    "争取",
    "力求",
    "计划",
    "预计",
    "拟",
    "将",
    "要",
    "须",
    "必须",
    "务必",
    "努力",
)
_TARGET_VERB_WORDS = (
    r"完成|建成|实现|基本|全面|初步|开工|竣工|完工|投产|投用|投入|达到|达|启动|建设|新建|新增|新改扩?建|改扩建"
    r"|新(?:发展|培育|改造|种植|引进|认定|创建|打造|开工|签约?|造林)"
    r"|交付|通车|上线|全部|确保|力争|争取|(?<![主重需只不想必])要(?![素点])|将|实施|推进|推广|覆盖(?!率|面)|提高|提升|降低|减少|增加|超过"
    r"|突破|形成|建立|出台|制定|印发|落实|开展|消除|退出|淘汰|取消|清零|脱贫|解决|改造|开通|运行"
    r"|巩固|深化|健全|完善|推开|铺开|通过(?![^，,。；;]{0,12}?(?:方式|途径|渠道|形式|手段|平台))"  # 2024年通过验收
)
# ... and a plan's verb: "2021年计划投资2500万元", "今年拟再建27公里" (not 计划执行情况, 计划草案,
# 计划新开工的项目; not 预计, an estimate: "1982年预计达到3亿吨")
TARGET_VERBS = re.compile(
    r"[ \t]?(?:内|前|底|末)?"
    rf"(?:{_TARGET_VERB_WORDS}"
    rf"|(?:计划|拟)(?!要求)(?:再|新|全年|年内)?(?:{_TARGET_VERB_WORDS}|投资|申报|打造|组织|举办|建)(?![的情])"
    r"|为[^，,。；;]{1,10}?阶段)"  # 2021年为集中攻坚阶段: a phase's year
)
# A period's targets stated after it: "今年经济社会发展主要预期目标是：地区生产总值增长6%左右，…",
# "2026年的工作任务为：…" (a colon, then the list), "今年的目标是完成…" (a target's verb)
STATED_TARGET = re.compile(
    r"的?(?:[\u4e00-\u9fff]{0,12}?(?:主要|预期|工作|总体|发展|努力|奋斗)|[\u4e00-\u9fff]{0,16}?的"
    r"(?:主要|预期|工作|总体|发展|努力|奋斗)?)?"
    r"(?:目标|任务)(?:任务)?[ \t]?(?:建议|拟|确定|初步)?(?:是|为)[ \t]?(?P<colon>[:：])?[ \t]?"
)
# ... a figure aimed at, when no colon introduces them ("…主要预期目标是地区生产总值增长7.5%以上")
_FIGURE_NEXT = re.compile(
    r"[^，,。；;]{0,16}?(?:增长|下降|降低|提高|控制在|达到)[^，,。；;]{0,8}?[0-9]"
)


def lists_targets(text: str, pos: int) -> bool:
    """Whether a list of targets is stated right after ``pos`` ("（今年）主要预期目标为：A；B",
    "…目标是地区生产总值增长7.5%以上，…"): the period before it is theirs, in its later
    segments too."""
    m = STATED_TARGET.match(text, pos)
    return m is not None and (
        m["colon"] is not None or _FIGURE_NEXT.match(text, m.end()) is not None
    )


# ... or after an aim with a completion later in the clause ("确保全年目标任务圆满完成"), not a
# purpose's aim ("为确保全年目标任务完成，…")
AIM_LEADS = ("确保", "力争", "争取", "保证", "务必")
# Who said it, before what was said ("会议提到，", "报告指出，")
SAID = r"[^，,。；;]{0,12}(?:提到|指出|强调|要求|明确|提出|表示)[ \t]*[，,：:]"
# Work told as done in a stretch of text: 已…, …了 (not 了解, 了结)
TOLD_DONE = re.compile(r"已|了(?![解结])")
# A year word naming the projects of its year, not a time ("去年签约项目", "今年新签约项目")
PROJECTS_NAMED = re.compile(
    r"[ \t]*(?:新)?(?:签约|开工|新开工|续建|竣工|建成|投产|谋划|储备|招引|引进|落地)的?(?:项目|工程|企业)"
)
# A clause opening with a purpose's work ("为切实做好…", "为了进一步加强…")
PURPOSE_OPEN = re.compile(
    r"[ \t]*(?:为了|为)(?:切实|进一步|全面|认真|扎实|全力)?(?:做好|抓好|开展好|推进|落实|完成|加强)"
)
PURPOSE_LEADS = ("为确保", "以确保", "为了确保", "为力争", "为保证")
COMPLETION = re.compile(r"完成|实现|达到|达标|收官|落实到位|建成")
# 年度 / 全年 / 2017年度 name a target only before a word of achievement ("全年新增就业",
# "本年度完成"); before anything else they qualify a noun ("年度建设任务", "年度工作总结").
_ACHIEVE = (
    r"完成|实现|建成|达到|达|基本|全面|全部|确保|力争|争取|新增|开工|竣工|完工|投产|上线|通车|交付"
    # a verb before a count and a target's word: 年度实施10所以上, 全年改造老旧小区30个左右
    # (not 年度实施方案, nor a year's result: "全年改造老旧小区30个，新建公园5处")
    r"|(?:实施|改造|新建|培训|建设|治理|整治)"
    r"(?=[^，,。；;]{0,12}?[0-9一二三四五六七八九十百]+[个所户座家条处人次辆套亩吨万公平]"
    r"[^，,。；;]{0,3}?(?:以上|左右))"
)
# ... also after who plans and a plan's word: "全年街道计划完成清淤13条河道", "全年全区新增…"
# (not 预计, an estimate)
ACHIEVE_VERBS = re.compile(
    r"[ \t]?(?:我们|我[省市区县镇乡]|全[省市区县镇乡]|街道|社区)?"
    # after a plan's word a verb of work before its count: "全年计划新建改造燃气管网120公里",
    # "全年计划投资50亿元" (not 年度计划实施方案, 全年计划投资执行情况)
    r"(?:(?:计划|拟)(?:实施|改造|新建|培训|建设|治理|整治|投资|新开工|开工)"
    r"(?=[^，,。；;方执情]{0,14}?[0-9一二三四五六七八九十百]+)"
    rf"|(?:计划|拟|要|将)?(?:{_ACHIEVE}))(?!情况|进度|率)"  # 全年完成情况 names a report
)
# A relative period counted from this very document, included in the expression:
# "本意见印发之日起30日内", "本方案印发后15个工作日内".
_THIS_DOC = "意见|通知|通报|通告|公告|函|方案|实施方案|工作方案|行动方案|办法|规定|决定|计划|细则|文件|决议|纲要|规划"
DOC_ANCHOR = re.compile(  # ... or its receipt: "收到本通报之日起15日内" (not 收到通知: each case)
    rf"(?:自|从|在|于)?(?:本(?:{_THIS_DOC})(?:印发|下发|发布|公布|出台|实施|施行|生效)"
    rf"|(?:收到|接到)本(?:{_THIS_DOC}))(?:之日)?(?:起|后|以后|之后)?[ \t]?$"
    # ... or the meeting a report or minutes record, held on the document's date: "会后一周内"
    # (not a fair's or games' end: 农博会后, 省运会后, 展会后)
    r"|(?:本次|此次)?(?<![博运展交商庙洽])(?:会议|会)(?:结束)?(?:后|以后|之后)[ \t]?$"
    # ... or an order's own notice: "请各单位于收到通知后3日内反馈" (请 makes it this one)
    r"|请[^，,。；;]{0,12}?(?:于|在|自)?(?:收到|接到)通知(?:之日)?(?:起|后|以后|之后)[ \t]?$"
    # ... or a notice's own issue without 本: "各单位要在通报下发后15日内…", "自公告发布之日起
    # 十五日内" (a notice names itself)
    r"|(?:在|于|自)(?:通知|通报|公告|通告|文件)(?:印发|下发|发布|公布|张贴)(?:之日)?(?:起|后|以后|之后)[ \t]?$"
)

# A relative period after one of these in its clause is a duration target, not a deadline:
# "办理时限压缩至5个工作日以内".
DURATION_CUES = (
    "时限",
    "期限",
    "压缩",
    "缩短",
    "控制在",
    "不超过",
    "不得超过",
    "提速至",
    "减少至",
    "降至",
    "平均",
    "短短",  # 在短短三年时间内使国民经济得到恢复: how soon it was done, a narrative's
)

# A bare 每年/每月 is a rate, not an obligation, after 平均/每人 ... or before an amount
# or a verb of change (每月1000元, 平均每年递增4%, 每年惠及3700万人).
RATE_BEFORE = ("平均", "人均", "每人", "每户", "年均", "月均")
RATE_AFTER = re.compile(
    r"(?:仍|都|可|只|均|平均|约|大约)?"
    r"(?:[0-9一二三四五六七八九十百千万两几]|递增|增长|增加|减少|下降|提高|降低|超过|惠及|有|出产|减轻|多)"
)
# ... or before a count in the same clause (每月召开三次, 力争每年新增200家企业, 每年安排140亿元):
# a frequency or a quota. A verb of up to six characters may stand between; the count is of
# things or events, not of time (每月前5个工作日内). A single event (每年开展一次, 每年发布一份)
# is the obligation itself, one per period, and stays recurring.
_CLAUSE_CHARS = '，,。；;：:、！!？?（）()“”"\n \t\u3000'
_COUNT_NUM = "0-9一二两三四五六七八九十百千几数"
RATE_COUNT = re.compile(
    rf"[^{_CLAUSE_CHARS}{_COUNT_NUM}第]{{0,6}}?"
    rf"(?P<n>[0-9]+(?:\.[0-9]+)?|[{_COUNT_NUM}]+)[万亿]?"
    r"(?P<u>个(?![月工季星小周])|家|名|件|项|批|次|回|遍|轮|场|期|届|份|所|座|条|户|人|位|元"
    r"|吨|台|辆|套|艘|架|公里|千米|亩|公顷|篇|部|种|类|处|宗|笔|万|亿)"
)
SINGLE_EVENT = frozenset("次回遍轮场期届份")
# ... or an average in its clause (每年新增投资平均达300亿元, 每年投入资金平均达1.2亿元)
RATE_AVERAGE = re.compile(
    rf"[^{_CLAUSE_CHARS}]{{0,10}}?(?:平均|年均|均)(?:达到|达|为|约|在|超过)?[{_COUNT_NUM}]"
)
# A relative period before a verb of handling a case is that case's time limit, not a date
# counted from the document ("环评报告书14个工作日内完成审批", "15日内予以答复"); in a list of
# such periods ("报告书14个工作日内、报告表7个工作日内完成审批") the verb closes the list.
PER_CASE = re.compile(
    r"(?:[^，,。；;\n]*内)?[ \t]?(?:完成|予以|作出|给予)?(?:审批|办结|受理|答复|批复|核发|出具)"
)
# ... unless its sentence addresses an order ("请…", "…要在…", "本次…"): then it is a deadline.
ORDER_WORDS = ("请", "要在", "要于", "须在", "须于", "务必", "必须", "本次", "此次")
# a word ordering work anywhere in a clause or a sentence (not 主要, 重要, 需要求, 无须, 申请)
ORDERED = re.compile(r"(?<![申邀提呈])请|(?<![主重需])要(?!求)|(?<![无必])[须需]|务必|必须")
# a lead before a financial year (2026/27年度) that makes it a deadline
LEADS_BEFORE_FISCAL = ("于", "在", "至", "到")
# a time label right before a date ("完成时限：2027年", "时间节点为2026年"): the date is a limit
LIMIT_LABEL = re.compile(
    r"(?:(?:完成|办结|整改|实施|报送)(?:时限|期限|时间)|时限|期限|节点)(?:为|是|[:：])[ \t]*$"
)
# A schedule's lead before the clause just before a date: "计划4月底完成设计，5月开始施工"
LED_CLAUSE = re.compile(r"(?:计划|预计)[^，,。；;]{1,30}[，,][ \t]*$")
