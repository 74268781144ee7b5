"""Resolve Chinese deadline expressions (10月底前, 5个工作日内, 春节前, 每季度末 ...) to dates.

``resolve(text, as_of)`` returns one ``Deadline`` per expression, in text order, following
``DEADLINES.md``. The grammar is data (``lexicon.py``), compiled once (``grammar.py``);
``handlers.py`` turns matched groups into dates and ``engine.py`` applies the year rules.

Kinds (``Deadline.kind``):
    month_end        X月底前, X月, X月份, X月末
    day              X月X日, X月X号, 2021-06-30
    xun              X月上旬 / 中旬 / 下旬 / 中下旬
    month_rel        月底前 (document month), 本月X日, 下月底, 下个月
    year_end         年底前, 年内, 全年, 年度, 今年, 明年底, 2025年底前
    year_explicit    到2025年, 2025年前 (a bare year with a deadline cue)
    half             上半年, 年中, 下半年
    quarter          一季度, 第三季度末, 前三季度, 最后一个季度, Q3前
    relative_days    N日内, N天内, N周内
    relative_months  N个月内, 半个月内, N个季度内, N年内, 半年内
    workdays         N个工作日内 (mainland working days)
    holiday          元旦前, 春节前, 清明节前, 端午前, 中秋前, 五一前, 国庆前, "十一"前
    season           汛期前, 供暖季前, 开学前 (config), 今冬明春, 今年夏季, 今春, 2027年春
    plan_period      "十四五"期间, 十三五末
    range            9月至10月, 7月1日—9月30日, 2023—2025年 (the end of the range)
    recurring        每月X日前, 每月底, 每季度末, 每半年, 每年X月, 每周五
    none             尽快, 立即, 长期坚持, 持续推进, 常态化 (no date)

Basis: explicit (a written year) | document (the document's year) | rollover (next year,
the period having ended) | relative (counted from the document date) | none.
"""

from __future__ import annotations

from pipeline.deadlines.engine import resolve
from pipeline.models import Deadline
from pipeline.textnorm import normalise

__all__ = ["Deadline", "normalise", "resolve"]
