"""Word lists the extractor uses: data, kept apart from the parsing code."""

from __future__ import annotations

import re

# Sentence ends, and clause separators inside a sentence.
SENTENCE_END = "。！？!?"
CLAUSE_SEP = "，,；;"
# Characters a paragraph may end with when it is complete (used by headings too).
FINAL_PUNCT = "。！？!?；;：:…”’」』）)"

# Commitment strength, strongest first: the first found in a clause (or earlier in
# its sentence) is the task's strength.
STRENGTHS = ("确保", "务必", "必须", "力争", "争取", "力求", "要", "将")

# Words that start a deadline phrase without being part of it ("力争10月底前完成…").
DEADLINE_LEADS = ("力争", "确保", "争取", "力求", "计划", "预计", "要", "并", "同时", "到", "在", "于", "截至", "截止")

# A clause is a task only when it names an action. Kept generous: missing a task is
# worse than listing a clause an operator can ignore.
ACTIONS = (
    "完成", "实现", "推进", "推动", "开展", "建设", "建成", "加快", "落实", "启动", "开工", "竣工",
    "通车", "上线", "新增", "提升", "提高", "改造", "打造", "制定", "出台", "印发", "建立", "健全",
    "组织", "做好", "抓好", "开馆", "回迁", "发放", "整治", "治理", "提交", "报送", "上报", "部署",
    "办理", "加大", "强化", "优化", "实施", "达到", "覆盖", "增加", "减少", "降低", "压减", "清理",
    "排查", "验收", "投用", "投运", "运行", "开放", "迁建", "拆除", "征收", "签约", "招商", "引进",
    "培育", "扩大", "深化", "修订", "编制", "审批", "核查", "检查", "督导", "整改", "销号", "划定",
    "谋划", "设立", "成立", "配备", "组建", "搭建", "完善", "规范", "保障", "保持", "控制", "防范",
    "化解", "解决", "补齐", "构建", "创建", "申报", "评估", "考核", "公布", "公开", "发布", "推广",
    "试点", "建立健全", "贯彻", "执行", "坚持", "加强", "持续", "巩固", "拓展", "促进", "支持",
    "扩充", "监测", "监控", "研究", "制订", "开通", "接入", "对接", "汇总", "统计", "更新", "修缮",
)

# Reporting, not tasking: a sentence with one of these is about the past or the meeting.
PAST_MARKERS = (
    "以来", "本报讯", "记者", "通讯员", "制图", "文/图", "会议召开", "取得了", "取得积极", "取得显著",
    "取得扎实", "成效显著", "已完成", "已经完成", "已建成", "同比增长", "同比下降", "累计完成",
    "圆满完成了", "过去一年", "过去五年",
)
# A paragraph opening with one of these is a news lead, reported speech about the meeting.
NEWS_LEADS = ("本报讯", "新华社", "记者", "据悉", "日前", "近日")
# Headings that open a section of reporting (回顾成绩, 主要成效…): skip the section.
PAST_SECTION_MARKERS = ("回顾", "成绩", "成效", "工作回顾", "主要做法", "过去一年", "过去五年")

# Numbered outline headings and their levels.
OUTLINE_LEVELS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^第[一二三四五六七八九十]+[章部分节]"), 10),
    (re.compile(r"^[一二三四五六七八九十]+[、．.]"), 20),
    (re.compile(r"^[（(][一二三四五六七八九十]+[)）]"), 30),
    (re.compile(r"^\d{1,2}[.．、](?!\d)"), 40),
    (re.compile(r"^[（(]\d{1,2}[)）]"), 50),
)
# Longest heading text (characters) for a line without final punctuation.
HEADING_MAX = 40
# Longest run-in heading: "高代王城遗址板块。以打造…".
RUN_IN_MAX = 12

# Owner labels (see pipeline.owners for the shapes of owner notes).
LEAD_LABELS = ("责任单位", "牵头单位", "责任部门", "主责单位", "牵头部门", "牵头考核单位", "责任领导单位")
ASSIST_LABELS = ("配合单位", "协办单位", "配合部门", "协同单位", "参与单位")
