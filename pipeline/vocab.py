"""Word lists of the extractor (structure, scopes, owner notes): data, kept apart from code.

All lists are matched against *normalised* text (``pipeline.textnorm``): simplified
characters, ASCII digits, so 責任單位 and 實現 match 责任单位 and 实现.

No list here decides whether a clause is a task: a clause governed by a future deadline is
one whatever its verb. The lists decide finer things: how far a deadline reaches, which
words around it are leads or labels, and when a clause continues the one before it.
"""

from __future__ import annotations

import re

# Sentence ends, and clause separators inside a sentence. A segment (a run of clauses a
# deadline at its head can govern) ends at a semicolon.
SENTENCE_END = "。！？!?"
CLAUSE_SEP = "，,；;"
# Where a clause ends: a sentence's or a clause's stop, or a line break.
CLAUSE_STOPS = SENTENCE_END + CLAUSE_SEP + "\n"
CLAUSE_STOP = re.compile(f"[{re.escape(CLAUSE_STOPS)}]")
SEGMENT_SEP = "；;"
OPENERS = "“（(《【「『〔"
CLOSERS = "”）)》】」』〕"
# Characters a paragraph may end with when it is complete (used by headings too).
FINAL_PUNCT = "。！？!?；;：:…”’」』）)"

# Commitment strength, strongest first: the first found in a clause (or earlier in
# its sentence) is the task's strength.
STRENGTHS = ("确保", "务必", "必须", "力争", "争取", "力求", "要", "将")
# ... found as words: not the 要 of 主要, 重要, 需要, 纲要 …, nor the 将 of 将来
STRENGTH_WORD = re.compile(
    "|".join(STRENGTHS[:-2]) + r"|(?<![主重需纲摘概只必])要(?![点素闻])|将(?!来)"
)

# Words that start a deadline phrase without being part of it ("力争10月底前完成…"), and
# labels that introduce one ("时间节点：9月底", "完成时限为10月底前").
DEADLINE_LEADS = (
    "力争", "确保", "争取", "力求", "计划", "预计", "原则上", "务必", "必须", "要求", "要", "须", "应", "请",
    "并", "同时", "均", "也", "都", "还", "建议", "分别", "再", "将于", "将在", "于", "在", "到", "至", "截至", "截止", "从", "自", "时间节点", "完成时限",
    "时间安排", "进度安排", "完成时间", "办结时限", "时限", "时间", "为", "是", "以",
    # labels of a 整改/分工 item's line ("整改目标：2025年底前，…"): no action of their own
    "整改时限", "整改期限", "完成期限", "时限要求", "整改目标", "工作目标", "目标任务", "目标",
)  # fmt: skip
# A line holding a deadline label ("完成时限：", "整改时限：", "时间节点：") and a deadline dates
# the item above it; it is never a heading
# The label of a time (完成时限, 整改期限, 时间节点, 办结时间 …; not a bare 时间, a meeting's)
TIME_LABEL = (
    r"(?:(?:整改|完成|办结|工作)?(?:时限|期限|时间节点|节点)|(?:整改|完成|办结)时间)(?:要求)?"
)
DEADLINE_LINE = re.compile(rf"\s*{TIME_LABEL}\s*[:：]")
# How the name of a body (an office, a town, a company) ends: 区住建局, 区发展和改革委员会, 城关镇
BODY_END = r"(?:局|委|办|室|中心|政府|街道|镇|乡|公司|部|院|所|队|会|处|站|厅|馆|集团|管委会|指挥部|办事处)"

# Connectives: a clause opening with one continues the task before it, with or without a head
# deadline ("…建立省级系统，并与全国系统互联互通"; a breakdown: "新建学校5所，其中小学3所")
CONNECTIVES = (
    "并", "和", "与", "及", "以", "同时", "一并", "并且", "从而", "进而", "以便", "使", "让", "确保",
    "或", "其中", "可以",
)  # fmt: skip
# A clause that starts with one of these continues the task before it instead of naming
# a new subject ("…建立省级系统，与全国系统互联互通"; "11月底前整个工程完工，并一次性通过验收";
# "争取在10月份竣工，使企业如期入驻"): connectives, prepositions, adverbs of manner and verbs.
CONTINUATIONS = (
    *CONNECTIVES,
    "力争", "争取", "努力", "要", "须", "应", "可", "对", "向", "在", "从", "由", "把", "将", "按", "按照",
    "根据", "依托", "结合", "围绕", "通过", "利用", "借助", "依据", "对标", "加快", "加强", "加大", "全面",
    "进一步", "切实", "认真", "严格", "大力", "着力", "持续", "统筹", "及时", "定期", "适时", "逐步",
    "不断", "积极", "扎实", "精心", "广泛", "周密", "有序", "分类", "分级", "必要", "完成", "实现", "推进", "推动", "开展",
    "建设", "建成", "建立", "健全", "完善", "落实", "启动", "形成", "提升", "提高", "强化", "优化",
    "实施", "组织", "做好", "抓好", "制定", "出台", "印发", "编制", "报送", "上报", "提交", "上传",
    "公开", "公布", "发布", "开工", "竣工", "投用", "投入", "新建", "改造", "新增", "打造", "构建",
    "探索", "研究", "培育", "引导", "鼓励", "支持", "保障", "采取", "采集", "整合", "梳理", "清理",
    "规范", "督促", "指导", "监督", "检查", "评估", "考核", "申报", "办理", "接入", "对接", "拓展",
    "经", "连同", "会同", "提出", "作出", "审查", "送交", "进行", "及时", "视", "报",
    "做到", "听取", "分析", "谋划", "列出", "部署", "随时", "也可", "不得", "严禁", "禁止", "杜绝",
    "主动", "自觉", "如实", "按时", "按期",
    "涉及", "共计", "总计", "合计", "总投资", "总面积",  # the size of the work before it (and 约+a number)
)  # fmt: skip
# No-date words of urgency (the rest of the grammar's no-date words name a manner, 常态化,
# 持续推进 …: under a head deadline the head dates their clause)
URGENT = ("尽快", "立即", "立刻", "马上")

# A clause before a dated one that only frames it ("会议要求，5月底前…") is not its subject.
# After a deadline's work, a clause giving its outcome or its figures continues that task
# ("预计10月底前竣工，届时将新增床位500张", "…，该项目概算总投资3.2亿元"), never one of its own.
OUTCOME = re.compile(
    r"(?:届时|建成后|建成投用后|投用后|投入使用后|投产后|达产后|运营后)"
    r"|(?:该|此|本|其)?(?:项目|工程)?(?:概算|估算|计划|预计)?(?:总投资|占地|总建筑面积|建筑面积|全长|总长|用地面积)"
    r"|(?:该|此|本|其)(?:项目|工程)?(?:位于|选址)"
)
# ... as do an amount (约605万平方米, not 约谈) and a standing rule beside it, which has no date
# of its own ("2022年底前公布许可事项清单，清单之外一律不得实施行政许可": a prohibition early on)
CONTINUES_WORK = re.compile(
    rf"(?:{OUTCOME.pattern})|约(?:有|占|为)?[0-9一二三四五六七八九十百千万两几]"
    r"|[^，,。；;]{0,8}?(?:一律不得|一律不予|严禁|禁止|不得)"
    r"|达到[^，,。；;]{0,12}(?:条件|标准|要求)[ \t]*$"  # "…完成主体工程，达到通水条件": its result
    # ... or its going into service, with no subject ("年底前完成调试，正式运营")
    r"|[ \t]*并?(?:正式|全面|顺利|按期)?(?:交付|投入|竣工|建成)?(?:运营|运行|投用|投运|使用|通车|开业)[ \t]*$"
)
# ... as does one more figure of its target, with no verb ("…实现新增签约项目10个，洽谈项目40个，
# 储备项目120个的目标任务")
FIGURE_ITEM = re.compile(
    r"[ \t]*[\u4e00-\u9fff]{0,6}?(?:项目|企业)[0-9一二三四五六七八九十百千万两几.]+"
    r"(?:个|家|项)(?:以上)?(?:的[^，,。；;]{0,6})?[ \t]*"
)
# ... as does what the work includes ("…装修工程，包括园林绿化…"; not a list after 包括：)
INCLUDES = re.compile(r"[ \t]*包括(?![ \t]*[:：])")
# ... and, after a dated task, a clause saying only that the work's subject is finished: its
# end ("续建项目12月底完成建设任务，项目竣工等"), not work of its own
FINISHED_ONLY = re.compile(
    r"[ \t]*(?:项目|工程|该项目|该工程|全部项目|项目全部|工程全部)?(?:全面|全部|全线|整体)?"
    r"(?:竣工|完工|建成)(?:验收|投用|投入使用)?等?[ \t]*$"
)
# A clause stating how things stand ("目前主体结构已封顶", "已完成总工程量的80%") is no work;
# one that orders something after it is ("已经达到的要赶超先进水平").
_STATUS_TAIL = r"(?![^，,]*(?:要|须|应当|必须|力争|确保|争取|尚未|未|的))"  # 已开工的加快…
STATUS_CLAUSE = re.compile(  # matched at a clause's start, to its end
    r"(?:(?:目前|当前|现已|现正|截至目前|截止目前|去年|上年|前年)[，,]?"  # 目前正在加紧施工
    r"|[^，,]{0,12}?(?:已经|已(?![于在将])|于去年))"  # (已于去年开工)
    + _STATUS_TAIL  # 主体结构已封顶, 已完成管网铺设
)
# ... one with no subject of its own, left out of a later deadline's context (a subject with
# its status, "五小工程建设已完成主体验收", still names the work)
STATUS_OPEN = re.compile(
    r"(?:目前|当前|现已|现正|截至目前|截止目前|已经|已(?![于在将]))" + _STATUS_TAIL
)
# A clause opening with another office and its verb: the actor before it, and its time, no
# longer govern ("…报区政府办公室，区政府办公室将全程跟踪督办").
NEW_ACTOR = re.compile(  # not "按照县政府办要求…", "对照市政府要求…": a rule to follow
    r"(?!按照|依照|根据|依据|对照|参照|结合|按)[^，,；;。]{1,16}?"
    r"(?:办公室|政府|局|委员会|委|办|中心|街道|乡镇|镇|小组|督查室)"
    r"(?:将|要(?!求)|负责|应|须|会同|及时|定期|对(?!照))"
)
FRAMING = re.compile(
    r"^(?:会议|会上|会议强调|会议指出|会议要求|会议明确|他|她|其中|同时|此外|另外|下一步|后期|目前|当前"
    r"|据悉|据了解|截至目前|截止目前|一是|二是|三是|四是|五是|首先|其次|最后)$"
    r"|(?:要求|强调|指出|提出|明确|表示|认为|部署)$"
    r"|^综合(?:考虑|研判|分析)?(?:各方面|各种|多方面|国内外)?(?:因素|情况)$"  # 综合各方面因素，
)
# A sentence that refers back to the work described before it: its deadline dates that work.
ANAPHORA = re.compile(  # not a report's object: "将各项工作任务进展情况报送…" is its own work
    r"(?:(?:以上|上述|前述|该项|此项|这项)(?:工作|任务|事项|要求|措施|目标)"
    # 这些/各项/相关 only as a subject (a clause's start) or what is done (将/把/对 before it); not
    # a verb's object: "认真梳理各项工作任务" is work of its own
    r"|(?:(?<![^，,；;。：:\n])|(?<=[将把对要求])|(?<=确保))(?:这些|各项|相关)(?:工作|任务|事项|要求|措施|目标)"
    r"|(?:以上|上述|前述|这|这些|该)(?P<n>[0-9一二三四五六七八九十两几]{1,3})"
    r"(?:项|[个条处座所](?=(?:重点|民生)?(?:工作|任务|事项|项目|工程|实事|点位)))"
    r"|(?:以上|上述|前述)(?:重点|民生)?(?:项目|工程|实事|点位))"
    r"(?!(?:任务|事项)?(?:进展|进度|完成|落实|推进|开展|办理)?情况)"
)
# A clause in permission mood states a policy, not an obligation ("…期间，困难企业可组织…").
PERMISSION = re.compile(r"(?<![不认许])可(?![能持视控以行靠信])|可以(?!说)")
# A window's label before its dates, in their clause: "报名时间：", "集中办理时间：即日起至"
WINDOW_LABEL = re.compile(
    r"[^，,。；;:：]{1,10}(?:时间|日期)[ \t]*(?:为|是)?[ \t]*[:：][ \t]*(?:自|从)?(?:即日起)?至?[ \t]*$"
)
# the events whose window label ("活动时间：3月—5月") dates no work
EVENT_TIMES = ("活动", "比赛", "展览", "展出", "会议", "开放", "培训", "演出", "考试", "演练")
# Metadata labels: a date after one of these in its line is a timestamp (发布时间：) or an
# event's time (活动时间：, 座谈会时间：), not a deadline; not after a word of work (报送时间：,
# 集中办理时间：, 迁坟时间：, 截止日期： … read their dates)
WORK_BEFORE_TIME = (
    "报送", "上报", "提交", "完成", "办结", "截止", "反馈", "整改", "实施", "申报", "征集", "报名",
    "受理", "申请", "填报", "提报", "上传", "录入", "办理", "登记", "迁坟", "缴费", "缴纳", "清理",
    "确认", "采集", "认证", "审核", "核查", "兑付", "发放", "年报", "拆除", "搬迁", "领取", "补办",
    "整治", "排查", "清查", "治理", "摸排", "开展", "整顿", "普查", "年审", "验收", "检查", "督查",
    "巡查", "核实", "调查", "评估", "考核", "施工", "改造", "建设", "处置", "接种", "补种",
)  # fmt: skip
# A line labelling a window to act in: "报名时间：6月1日至15日" (no heading)
WORK_WINDOW = re.compile(
    rf"[^，,。；;：:]{{0,8}}?(?:{'|'.join(WORK_BEFORE_TIME)})(?:时间|日期)[ \t]*(?:为|是)?[ \t]*[:：]"
)
METADATA = re.compile(
    r"(?:发布|印发|成文|公开|更新|发文|撰稿|编辑)?"
    + "".join(f"(?<!{w})" for w in WORK_BEFORE_TIME)
    + r"(?:时间|日期)\s*[:：]|来源\s*[:：]|作者\s*[:：]"
    r"|浏览|点击|阅读次数|字号|责任编辑"
)
CLOCK = re.compile(r"^[ \t]*\d{1,2}:\d{2}")
# A period with no "by" word right before one of these qualifies a noun: "总结上半年工作",
# "下半年重点任务", "一季度经济运行", "12月栏目下的报表" name a period, not a deadline.
ATTRIBUTE_AFTER = re.compile(
    r"的?(?:效能|绩效|综合)?(?:工作|重点|任务|目标|数据|情况|报表|经济|形势|总结|计划|安排|要点|进展"
    r"|成绩|成效|考核|考评|排名|统计|报告|栏目|指标|工资|收入|预算|决算|以来|期间|同期|奖金|一次性|评比"
    r"|特点|特征)"
    r"|是(?!否)"  # ... or is the subject: "四季度是收官的关键季" (12月底是最后期限 has its 底)
)
# ... and after 底/末, which are "by" words too ("年底完成"), only a routine of that time
# ("纳入年底效能目标考核体系", "年末决算").
ROUTINE_AFTER = re.compile(  # not when a "by" word follows: 年底考核前完成整改 is a deadline
    r"的?(?:严格|统一|集中|进行)?(?:效能|绩效|目标|综合)*(?:考核|考评|评比|述职|决算)"  # 年终严格考核
    r"(?!前|之前|以前|验收|合格|[、和及])"
)
# Done, not to do: right after a date ("…之前已完成转制的企业"), or in the clause of a date
# with no "by" word ("专家组4月14日实地调查了…").
DONE_AFTER = ("已", "已经")
DONE_IN_CLAUSE = re.compile(r"[^为]了|已经|已完成|已建成|已达到")
# A holiday schedule: "国庆节：9月29日（星期日）上班", "春节：2月4日至10日放假调休".
HOLIDAY = re.compile(r"放假|调休|休假|补休|上班")
# Markers of a "by" date, in the expression or just before it.
BY_MARKERS = ("前", "内", "为止", "止", "底", "末")
# ... and words right before a date that make it a "by" date or an order's time
DATE_LEADS = ("于", "在", "到", "至", "截至", "截止", "确保", "力争", "争取", "务必", "请")
STRICT_BY = ("前", "内", "为止", "止")  # ... not 底/末, which also name a time ("3月底开工")

# Reporting, not tasking: used only to list undated actions (parse --all).
PAST_MARKERS = (
    "以来", "本报讯", "通讯员", "制图", "文/图", "会议召开", "取得了", "取得积极", "取得显著",
    "取得扎实", "成效显著", "已完成", "已经完成", "已建成", "同比增长", "同比下降", "累计完成",
    "圆满完成了", "过去一年", "过去五年", "截至目前", "截止目前",
)  # fmt: skip
# Headings that open a section of reporting (回顾成绩, 主要成效…): skip the section.
PAST_SECTION_MARKERS = (
    "回顾", "成绩", "成效", "成就", "年工作总结", "主要做法", "过去一年", "过去五年",
)  # fmt: skip
# A heading telling how work went ("整改完成情况", "一、工作落实情况"): a series under it is a
# practice kept, not an order; the innermost heading naming either that or the work ahead
# decides (AHEAD_HEADING: "下一步工作计划", "按时报送整改落实情况", "“十五五”时期主要目标任务"; not
# targets reported on, "主要目标任务完成情况", nor a lesson, "正确处理…目标和步骤之间的关系")
TOLD_SECTION = re.compile(r"[^，,。；;]*(?:完成|进展|落实|推进|开展|整改)情况")
AHEAD_HEADING = re.compile(
    r"下一步|计划|打算|安排|展望|思路|报送|上报|提交|按时|(?:目标|任务)[ \t]*$"
)

# Numbered outline headings and their levels. An item number may run into a date
# ("11.10月31日前…", "1、10月底前"), so a digit after "." is allowed when a month follows.
OUTLINE_LEVELS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^第[一二三四五六七八九十百]+[章部分节条]"), 10),
    (re.compile(r"^[一二三四五六七八九十]+[、.]"), 20),
    (re.compile(r"^[（(][一二三四五六七八九十]+[)）]"), 30),
    (re.compile(r"^\d{1,3}(?:[、]|\.(?!\d)|\.(?=\d{1,2}\s?月))\s?"), 40),
    (re.compile(r"^[（(]\d{1,3}[)）]"), 50),
    (re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"), 60),
)
# Longest heading text (characters) for a line without final punctuation.
HEADING_MAX = 40
# Longest run-in heading: "高代王城遗址板块。以打造…".
RUN_IN_MAX = 12

# Owner labels (see pipeline.owners for the shapes of owner notes).
LEAD_LABELS = (
    "责任单位", "牵头单位", "责任部门", "主责单位", "牵头部门", "牵头考核单位", "责任领导单位",
    "责任主体", "主办单位", "承办单位", "牵头领导", "负责单位",
    "整改责任单位", "整改责任部门", "整改实施主体", "整改主体", "实施主体", "责任处室", "责任科室",
)  # fmt: skip
ASSIST_LABELS = ("配合单位", "协办单位", "配合部门", "协同单位", "参与单位", "协助单位")

# The words an action needs to be listed without a date (parse --all).
ACTIONS = (
    "完成", "实现", "推进", "推动", "开展", "建设", "建成", "加快", "落实", "启动", "开工", "竣工",
    "通车", "上线", "新增", "提升", "提高", "改造", "打造", "制定", "出台", "印发", "建立", "健全",
    "组织", "做好", "抓好", "开馆", "回迁", "发放", "整治", "治理", "提交", "报送", "上报", "部署",
    "办理", "加大", "强化", "优化", "实施", "达到", "覆盖", "增加", "减少", "降低", "压减", "清理",
    "排查", "验收", "投用", "投运", "运行", "开放", "迁建", "拆除", "征收", "签约", "招商", "引进",
    "培育", "扩大", "深化", "修订", "编制", "审批", "核查", "检查", "督导", "整改", "销号", "划定",
    "谋划", "设立", "成立", "配备", "组建", "搭建", "完善", "规范", "保障", "保持", "控制", "防范",
    "化解", "解决", "补齐", "构建", "创建", "申报", "评估", "考核", "公布", "公开", "发布", "推广",
    "试点", "贯彻", "执行", "坚持", "加强", "持续", "巩固", "拓展", "促进", "支持", "新建", "施工",
    "扩充", "监测", "监控", "研究", "制订", "开通", "接入", "对接", "汇总", "统计", "更新", "修缮",
    "完工", "开始", "投入使用", "具备条件", "填报", "上传", "征用", "交付", "开园", "入驻",
)  # fmt: skip
ACTION = re.compile("|".join(map(re.escape, sorted(ACTIONS, key=len, reverse=True))))

# Who plans, between a year word and its verb ("今年，我们将…", "今年我省继续…").
PLANNER = re.compile(
    r"(?:我们|[我该][国省市区县镇乡]|全[国省市区县镇乡]|各地区?|各级政府|各部门|各单位|政府|国务院)"
    r"(?:都|也|还|仍)?"
)
# A bare day in a clause about a law or rule taking effect dates that, not a task
# ("《行政许可法》今年7月1日将正式施行").
IN_FORCE = re.compile("施行|生效")
# A heading of phases or steps: a future day under it dates a step ("第一阶段。2月20日，…").
SCHEDULE = re.compile(r"(?<!现)阶段(?!性)|步骤|时间安排|进度安排|时间节点|时间及")
# A clause that is no work: contact details and the words that introduce a list of terms
# ("联系电话：…", "具体通知如下：").
# A clause giving only a share or a change ("占年度计划的84%", "同比增长12%"), a figure, or an
# option left open ("22个三类县可进行探索"): no work
IDLE_CLAUSE = re.compile(
    r"(?:约|仅|分别)?占(?:到|比)?[^，,；;。]{0,14}?[0-9.]+[ \t]*[%％]|(?:同比|环比)(?:增长|下降|增加|减少|提高)"
    r"|[^，,。；;]{0,16}?(?:也可|可以|可|鼓励|允许)(?:先行|自行|结合实际)?(?:进行|开展)?(?:探索|试点|先行先试)"
    # a benefit: "受益人口11.54万人", "年可减少地下水开采210万m³"
    r"|(?:受益|惠及)(?:人口|群众|农户|人数|户数|面积)?[^，,。；;]{0,6}?[0-9一二三四五六七八九十百千万两.]"
    r"|(?:每年|年)可(?:实现|减少|节约|节省|降低|增加|新增|增收|带动|产生|提高)"
    r"|\S?[ \t]*$"  # a clause of one character: a page cut off mid-word ("…基本协调，环")
    # what the year is ("今年将召开…，是…具有重要意义的一年"): a description
    r"|(?:这|也|又|更|还|既|正|将)?是[^，,。；;]{0,40}?(?:一年|之年|关键期|时期|节点)$"
)
NOT_WORK = re.compile(  # matched at a clause's start
    r"(?:联系人|联系电话|联系方式|电话|手机|传真|邮箱|电子邮箱|邮件|地址)[:：]"
    r"|(?:具体|现[将就][^，,。；;]{0,16}?|有关事项|有关要求)?(?:通知|安排|要求)如下[:：]?$"
    r"|以[^，,。；;]{0,10}为准"  # 以寄出邮戳日期为准: how the date is counted
    r"|(?:(?:时间|任务)(?:紧迫|紧急|紧|艰巨|繁重|重)、?){1,2}[，,。；;！!]?$"  # "…，时间紧任务重。": no work
    r"|(?:具体)?分[两二三四五六七八九十]个?(?:阶段|步骤|批次?)(?:进行|实施|推进)?[:：]?$"  # 分三个阶段：
    r"|[^，,。；;]{0,60}?(?:获悉|了解到|得知|据悉|据了解)[:：]?$"  # 记者从…推进会上了解到: a source
    r"|(?:其中|此外|另外|同时|首先|其次|最后)[:：]?$"  # a connector alone: no work of its own
)
# A sanction for missing the date, no work; it ends a deadline's reach ("…于12月15日前报送，
# 对未按期报送的，予以通报批评": the 通报 is no task of the office reporting). At a clause's start.
SANCTION = re.compile(  # … the sanction itself right after: not "对未按要求…的项目进行清理"
    r"(?:对|凡)?(?:逾期|超期|未按时|未按期|未如期|未按要求|不按时|不按期|迟报|漏报|瞒报)"
    r"(?:[^，,。；;的]{0,12}?的(?:单位|部门|个人)?[，,]?[ \t]*(?:将|要|一律|均|则)?[ \t]*"
    r"(?:予以|追究|约谈|通报|问责|扣|不予|取消|视为|视同|严肃|从严|按))"
    r"|(?:逾期|超期|过期)(?:将|则)?(?:不予|不再|视为|视同|作废|不候)"  # 逾期不予受理
    r"|过时不候"
)

# A start, no work of its own; the clauses after it are work from then, undated ("以10月23日为
# 时点，完成冷态调试，从25日开始，陆续启动试供热": not the 23rd's). A whole clause.
STARTS = re.compile(r"[ \t]*(?:从|從|自)[^，,。；;]{1,12}?(?:开始|開始|起)[ \t]*")
# Who orders, before the time it sets ("最后，市指挥部办公室要求2021年12月15日前，各委托工程要…"): a lead
SPEAKER = r"(?:会议|[^，,。；;]{0,10}?(?:办公室|指挥部|政府|局|委|办|领导|书记|县长|区长|市长))(?:明确|强调|要求|提出)"
# A news dateline before the first sentence: "济南时报11月16日讯（记者…）", "本报讯（通讯员…）"
DATELINE = (
    r"[^，,。；;（(]{0,10}?(?:[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}日)?"
    r"(?<=[日报])(?:电|讯)(?:[ \t]*[（(][^）)]{0,30}[）)])?"
)
# A span named, no work of its own: "4月8日至20日为自查整改期" (the work follows it)
SPAN_NAMED = re.compile(r"[ \t]*为[^，,。；;]{0,12}(?:期|阶段|时段)[ \t]*")
# A purpose after the work, part of its task: "…，为区政府完善决策提供对策建议"
PURPOSE_AFTER = re.compile(  # ... or what the work is to solve: "…活动，解决…等问题"
    r"为[^，,。；;]{1,24}?(?:提供|创造|奠定|打下|营造|增加|新增)"
    r"|(?:着力|切实|有效|重点)?解决[^，,。；;]{1,40}问题[ \t]*[。；;]?$"
)
# A segment sent with the work before it: "…于3月20日前报送方案；同时，一并上报名单"
TOGETHER = re.compile(r"[ \t]*(?:同时[，,]?[ \t]*)?(?:一并|同步|并一并)")
# A clause ending in a state reached ("机制趋于完善", "满意度明显提升"): a target's outcome
STATE_END = re.compile(
    r"(?:趋于|更加|更为|进一步|明显|显著|大幅|稳步|持续|不断|逐步|基本|初步|加快|有效|得到)[^，,。；;]{0,2}"
    r"(?:完善|规范|精细|提升|提高|增强|优化|健全|落实|改善|成熟|定型|巩固|扩大|降低|下降"
    r"|建立|形成|推广|普及|遏制|控制|防控|管护|保护|协调|保障|解决|修复)[ \t]*$"  # 政策体系基本建立，…得到遏制
)
# A clause giving only the means of the work after it ("经硬件安装、人才引进、配套设施建设等，预计…")
MEANS_CLAUSE = re.compile(r"(?:经|经过)[^，,。；;]{1,40}等")
# A clause naming the cases the work after it is for: "…，对因施工不到位导致的问题厕所，12月底前完成整改"
CASE_CLAUSE = re.compile(
    r"[ \t]*对(?![^，,。；;]*(?:进行|开展|实施|审查|作用|凸显|加强|推进|提升|完善|并))"
    r"[^，,。；;]{2,40}的[^，,。；;的]{1,4}"
)
# A clause ending in a preposition's phrase, its verb still to come: "各县领导小组结合实际情况，"
# (not when a verb or an order follows the phrase in the clause: "结合实际推动…", "按照要求将…")
PP_TAIL = re.compile(
    r"(?:结合|根据|按照|依据|围绕|针对|对照|参照|依照)[^，,；;。动要将]{1,12}$"
    r"|(?<=[，,；;。：:\s])在[^，,；;。]{1,30}(?:基础上|前提下)$"  # "…，在…整治行动基础上，用…开展"
    # "建成以政府网为龙头，整体协同…的矩阵体系": the frame's object still to come
    r"|以[^，,；;。]{1,24}为(?:龙头|核心|重点|主体|主线|引领|抓手|依托|支撑|骨干|载体|纽带|导向|牵引|中心|主导)$"
    # "将…完成情况4月8日、7月8日…前，经…审定后报送…": the object and its dates, the verb to come
    r"|(?<![^，,；;。：:\s])[^，,；;。将]{0,12}将[^，,；;。]{2,60}?(?:前|以前|之前)$"
)
# Another body's visit ("市督查组将于4月中旬对各区进行实地督查"): its time, no work of the
# addressees; it dates the work after it ("…，请各单位做好迎检准备")
VISITOR = re.compile(
    r"^[^，,。；;]{0,16}?(?:(?:督查|检查|考核|巡视|巡察|调研|评估|验收|暗访|督导|核查|审计)(?:工作)?组"
    r"(?=[^，,。；;]*(?:将|拟|定于|计划|预计|来|赴|进驻))(?![^，,。；;]*(?:完成|办结|报送|提交))"
    r"|(?:复检|复查|检查|督查|暗访|巡视|巡察)(?:时间|日期)"
    r"|[省市]\S{0,10}?(?:办|局|委|组)(?:将|拟|定于)[^，,。；;]*对各[^，,。；;]*(?:测评|检查|督查|考核|评估|验收)"
    r"|(?:省|市|国家|上)级[^，,。；;]{0,4}?(?:抽查|检查|评估|验收|考核|督查|暗访|巡视|巡察))[^，,。；;请须要]*$"
)  # … or its window: "省级文明城市复检时间提前至本月15日至20日"
# A day equal to the document's own is its event's day when its clause tells one ("（2021年3月
# 11日第十三届全国人民代表大会第四次会议通过）"); in an order, else, work set for that day
DOC_DAY_EVENT = re.compile(
    r"通过|发布|印发|召开|举行|举办|签署|签发|施行|公布|主持|出席|讲话|会议|带领|率队|视察|调研|走访"
)
# Marks numbering items inside a paragraph: "①5月底前，完成…", "一是…", "(5)汛前，乡镇…"
ITEM_MARKS = r"[①-⑳⑴-⒇⒈-⒛]|[一二三四五六七八九十]是|[（(][0-9一二三四五六七八九十]{1,2}[）)]"
# A stance rather than work done by a date ("2023年，我镇将坚持把…作为…，立足…定位，发挥…
# 优势"), at a clause's start after at most a short subject: no task, the context of the work
# after it ("要围绕…，抓紧制定…")
STANCE = re.compile(  # ... or a field framing it ("在文旅、装备制造等产业上，招引…")
    r"[ \t]*(?:在|从|就)[^，,。；;]{1,24}(?:产业|行业|领域|方面|层面)上?$"
    r"|[^，,。；;]{0,6}?(?:将|要|需要|必须)?(?:始终|继续|进一步|持续)?"
    r"(?:坚持|立足|发挥|秉持|坚定|树牢|坚守)"
    r"(?![^，,。；;]*(?:完成|建成|召开|开展|实现|达到|竣工|投用|出台|制定|组织|建立|推进|推广|总结"
    r"|落实|实施|启动|整治|排查|检查|改造|报送|上报|提交|清理|验收))"
)
# A service's or a season's span stated ("供热时间为：…至…", "法定供热期为每年的11月10日至次年的
# 3月20日", "森林防火期为…"): a window, no task, its dates anywhere after the label in the clause
SERVICE_SPAN = re.compile(
    r"(?:供热|供暖|采暖|禁渔|休渔|防火)(?:期|期间|时间)(?:为|是|[:：])[^，,。；;]*$"
)  # searched in the 30 characters before a date: the label and nothing but its clause between
# A status told now, in one clause ("目前供暖前各项准备工作已经进入收尾阶段"): no work, whatever
# its dates (not "目前，该项目已完成立项，3月底开工建设": the date is another clause's)
NOW_STATUS = re.compile(r"[ \t]*(?:目前|当前|现在|截至目前)[^，,。；;]*?(?:已经|已)[^，,。；;]*")
# Rules (办法, 条例 …) state procedures: their "N个工作日内" count from each case's event.
RULES_TITLE = re.compile(
    r"(?:办法|条例|规定|细则|规则|规程|守则|章程|准则)(?:[（(]试行[）)])?》?(?:的通知)?$"
)
# An event taking place on a day ("项目于3月1日正式开工", "该项目2月19日开工"): done, when past
EVENT_VERB = re.compile(
    r"[ \t]*(?:正式|顺利|成功|全面|已)?(?:开工|动工|完工|竣工|完成|召开|举行|开馆|开园|开业|通车|投用|投入使用"
    r"|投产|启动|签约|揭牌|挂牌|建成|通过|印发|出台|开始|进场|封顶)"
)
