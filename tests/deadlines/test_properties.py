"""Properties of resolve() over arbitrary text and document dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.deadlines import normalise, resolve

# Text drawn from the grammar's own alphabet, so that near-misses are common.
PIECES = [
    *"0123456789０１２３４５６７８９一二三四五六七八九十两〇零廿百.-—~至到起前后内內底末旬号日月年季度周",
    "月底前", "年底前", "上半年", "下半年", "个工作日内", "個工作日內", "个月内", "天内",
    "每月", "每年", "每季度末", "每周五", "春节前", "春節前", "元旦前", "国庆前",
    "“十一”前", "汛期前", "今冬明春",
    "十四五", "“十三五”末", "明年", "次年", "后年", "去年", "今年", "以来", "起施行", "尽快",
    "2021年", "二〇二一年", "2019年", "9999年", "2月30日", "13月", "0月", "，", "。", "\n",
]  # fmt: skip
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
    st.text(max_size=40),
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


@settings(max_examples=600, deadline=None)
@given(texts, dates)
def test_resolve_is_total_and_consistent(text: str, as_of: dt.date) -> None:
    found = resolve(text, as_of)
    assert found == resolve(text, as_of)  # deterministic
    last_end = 0
    for d in found:
        assert text[d.start : d.end] == d.expr  # spans into the original text
        assert d.start >= last_end and d.end > d.start  # text order, no overlap
        last_end = d.end
        assert d.due is None or isinstance(d.due, dt.date)
        if d.due is not None and not d.past:
            assert d.due >= as_of, d
        if d.recurring:
            assert d.occurrences and d.occurrences[0] == d.due
            assert list(d.occurrences) == sorted(set(d.occurrences))
        if d.kind == "none":
            assert d.due is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_normalise_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)
