"""The grammar's rows for recurring obligations (每月10日前, 每季度末, 每年3月底前, 每周五):
part of the late rows of ``lexicon.py``, kept apart for size. Every row starts with 每, 各, 按
or 逐, which no other late row does, so their place among the late rows does not matter.
"""

from __future__ import annotations

from pipeline.deadlines.lexicon import DASH, NUM, SP, TIME, Row

_REPORTS = (
    r"(?=(?:向[^，,。；;]{1,12})?(?:报送|上报|报告|通报|调度|提交|汇总|公示|公开|报区|报市|报县))"
)

EVERY_ROWS: tuple[Row, ...] = (
    Row(
        "every_month_after",
        rf"每个?月(?:结束|终了)后(?P<d>{NUM})[日天](?:内|以内|之内)",
        "every",
        {"unit": "month"},
    ),
    # 每月25日至30日报送, 每月20日—25日, 每月25日至月底: a window each month, closed on its last day
    Row(
        "every_month_window",
        rf"每个?月的?{NUM}[日号]?{SP}(?:至|到|{DASH}|~){SP}(?:(?P<d>{NUM})[日号]|月?(?:底|末))"
        r"(?:前|以前|之前)?",
        "every",
        {"unit": "month"},
    ),
    Row(
        "every_month_day",
        rf"每个?月的?(?P<d>{NUM})[日号](?:{TIME})?(?:前|以前|之前)?",  # 每月5日17时前
        "every",
        {"unit": "month"},
    ),
    Row(  # 每月前5个工作日内, 每月最后一个工作日前: that working day of each month
        "every_month_workday",
        rf"每个?月的?(?:前(?P<wn>{NUM})个工作日(?:内|以内|之内)?|第(?P<wf>一)个工作日(?:前|以前|之前)?"
        r"|(?P<wl>最后一)个工作日(?:前|以前|之前)?)",
        "every",
        {"unit": "month"},
    ),
    Row("every_month_end", r"每个?月(?:底|末)(?:前|以前|之前)?", "every", {"unit": "month"}),
    # 每月上旬报送: by each month's 10th (月初 too), 中旬 its 20th, 下旬 its end
    Row(
        "every_month_xun",
        r"每个?月的?(?P<x>上中旬|中下旬|上旬|中旬|下旬|初(?!步))(?:前|以前|之前)?",
        "every",
        {"unit": "month"},
    ),
    Row("every_month", r"每个?月", "every", {"unit": "month", "bare": True}),
    Row(
        "every_quarter_day",
        rf"每一?个?季度的?(?:第[一1]个?月|首月)的?(?P<d>{NUM})[日号](?:前|以前|之前)?",
        "every",
        {"unit": "quarter", "first_month": True},
    ),
    # 每季度末月25日前, 每季度最后一个月的30日前: that day of March, June, September, December
    Row(
        "every_quarter_last_day",
        rf"每一?个?季度的?(?:末月|最后一个?月的?)(?P<d>{NUM})[日号](?:前|以前|之前)?",
        "every",
        {"unit": "quarter"},
    ),
    # 每季度结束后10日内: the 10th of each quarter's following month (每月… before 每月 above)
    Row(
        "every_quarter_after",
        rf"每一?个?季度(?:结束|终了)后(?P<d>{NUM})[日天](?:内|以内|之内)",
        "every",
        {"unit": "quarter", "first_month": True},
    ),
    # 每季 is 每季度 ("每季评选优秀个人"; 每季节 is no quarter, "每月每季都在…" an idiom)
    Row(
        "every_quarter",
        r"每一?个?季(?:度|(?!节))(?:末|底)?(?:前|以前|之前)?",
        "every",
        {"unit": "quarter"},
        not_after="月",
    ),
    # 各季度末前报送: each quarter's end, as 每季度末 (各季度 alone is no obligation)
    Row("every_quarter_each", r"各个?季度(?:末|底)(?:前|以前|之前)?", "every", {"unit": "quarter"}),
    Row("every_half", r"每半年(?:末|底)?(?:前|以前|之前)?", "every", {"unit": "half"}),
    # 每年3月至12月, 每年的6—9月: a window each year, closed on its last month's end
    Row(
        "every_year_window",
        rf"每年的?{NUM}月?份?{SP}(?:至|到|{DASH}|~){SP}(?P<m>{NUM})月份?(?:底|末)?(?:前|以前|之前)?",
        "every",
        {"unit": "year"},
    ),
    # 每年3月1日至3月31日, 每年10月1日至次年4月30日: a window of days each year, closed on its
    # last day
    Row(
        "every_year_day_window",
        rf"每年的?{NUM}月{NUM}[日号]{SP}(?:至|到|{DASH}|~){SP}(?:次年的?)?(?P<m>{NUM})月(?P<d>{NUM})[日号]"
        r"(?:前|以前|之前)?",
        "every",
        {"unit": "year"},
    ),
    Row(
        "every_year",
        rf"每年的?(?:(?P<m>{NUM})月(?:(?P<d>{NUM})[日号]|(?P<x>上中旬|中下旬|[上中下]旬)|份|底|末)?"
        r"|第?(?P<q>[一二三四1-4])季度(?:末|底)?|(?P<first>年?初(?!步))|年底|年末|底|末)(?:前|以前|之前)?",
        "every",
        {"unit": "year"},
    ),
    Row("every_year_bare", r"每年度?", "every", {"unit": "year", "bare": True}),
    # 每两周, 每隔一周: every other week, from the first such day (a Sunday when none is named)
    Row(
        "every_fortnight",
        r"每(?:两|2|隔一)个?(?:周|星期|礼拜)(?:的?(?:周|星期|礼拜)(?=[一二三四五六日天1-7]))?"
        r"(?P<w>[一二三四五六日天1-7](?![次个天小遍批期轮半])|末)?"
        rf"(?:{TIME})?(?:前|以前|之前)?",
        "every",
        {"unit": "week", "step": 2, "bare": True},
    ),
    # 每半月, 每半个月: the 15th and the last day of each month
    Row("every_half_month", r"每半个?月", "every", {"unit": "half_month", "bare": True}),
    Row(
        "every_week",
        r"每个?(?:周|星期|礼拜)(?P<w>[一二三四五六日天1-7](?![次个天小遍批期轮半])|末)"
        rf"(?:{TIME})?(?:前|以前|之前)?",  # 每周五上午下班前
        "every",
        {"unit": "week"},
    ),
    Row("every_week_bare", r"每个?(?:周|星期|礼拜)", "every", {"unit": "week", "bare": True}),
    # 按月报送, 逐月调度, 按季度通报, 按半年报送: as 每月, 每季度, 每半年, only before a verb of
    # reporting (按月预缴税款 says how, 逐月回升 is a trend, 按月、按季的进度表 a kind)
    Row("every_month_by", rf"(?:按|逐)个?月度?{_REPORTS}", "every", {"unit": "month"}),
    Row("every_quarter_by", rf"(?:按|逐)季度?{_REPORTS}", "every", {"unit": "quarter"}),
    Row("every_half_by", rf"按半年度?{_REPORTS}", "every", {"unit": "half"}),
    # 半年报送一次: each half's end, as 每半年 (only before a report done once)
    Row(
        "every_half_once",
        r"(?<![上下前后头每])半年(?=(?:报送|反馈|通报|调度|报告|上报|总结)一次)",
        "every",
        {"unit": "half"},
    ),
    # 每旬报送: by the 10th, the 20th and the last day of each month
    Row("every_xun", r"每旬", "every", {"unit": "xun", "bare": True}),
)
