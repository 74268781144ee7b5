"""The resolver's anchored scan finds exactly what a scan at every character finds.

``engine.Anchored`` tries the grammar only near its core words (a speed-up of the whole
extractor); these tests replace it with a plain ``search`` over every position and compare.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.deadlines import engine, resolve
from pipeline.deadlines.grammar import DEFAULT, Grammar
from tests.deadlines.labelled import load

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ALPHABET = st.sampled_from(
    list(
        "0123456789一二三四五六七八九十百〇两半年月日号底末前内旬上中下季度第每周星期个工作天明次后今本全"
        "春节国庆元旦五一“”十四五规划期间末至到—-，。；起以来截止尽快汛内蒙古 之去上前初终号时点分:"
    )
)


class _Everywhere:
    """The plain scan: the grammar tried at every character."""

    def __init__(self, g: Grammar, text: str) -> None:
        self.search = g.top.search


def _both(texts: list[str], as_of: dt.date, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    """Each text resolved as it is, and by the plain scan, which no core word lets in."""
    fast = [resolve(t, as_of) for t in texts]
    with monkeypatch.context() as m:
        m.setattr(engine, "Anchored", _Everywhere)
        m.setattr(engine, "DEFAULT", replace(DEFAULT, core=re.compile(".", re.S)))
        slow = [resolve(t, as_of) for t in texts]
    return fast, slow


def test_labelled_phrases(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = load()
    fast, slow = _both([r.phrase for r in rows], dt.date(2020, 7, 31), monkeypatch)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, max_size=120))
def test_random_text(text: str) -> None:
    with pytest.MonkeyPatch.context() as mp:
        fast, slow = _both([text], dt.date(2021, 5, 10), mp)
    assert fast == slow


# Forms the core words stand for (the narrowed ones, and 十五时期 that none stood for), each
# inside a sentence.
NARROWED = [
    "3年以内完成", "三年半内建成", "两年之内到位", "五年规划", "每个季度末前报送", "每半年报告",
    "每年度考核", "每年报送", "每月", "每周", "每个星期一", "国庆节前完成", "“十一”前", "十一前上报",
    "春节以前", "元旦之前", "“十四五”期间", "“十五”时期", "98年底前", "二〇二五年底前",
    "2025 年", "去年底前", "上年12月", "上一年度", "前年年底", "去年初以来", "去年上半年",
    "上年第三季度", "去年内", "今年底", "下一年", "明年", "过去一年", "前一年",
    "25日前", "25号以前", "25日17时前", "25日下午5点前", "25日17:00之前", "7日内", "7 日以内",
    "30天内", "三个月内", "半个月之内", "3 个月内", "两周内", "10个自然日内", "5个工作日内",
    "6月30日", "12月第二周", "第3-17号项目", "三个月来", "70周年", "十五时期",
    "98年3月底前", "九八年上半年", "98年第三季度", "98年末", "30年来", "今天下班前", "明日之前",
    "后天内", "今天的会议",
]  # fmt: skip


@pytest.mark.parametrize("phrase", NARROWED)
def test_the_narrowed_core_words_still_find_their_forms(
    phrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f"各单位{phrase}完成任务。", f"{phrase}，", phrase]
    for as_of in (dt.date(1998, 3, 1), dt.date(2021, 5, 10)):
        fast, slow = _both(texts, as_of, monkeypatch)
        assert fast == slow


def test_core_words_are_in_every_match_of_the_labelled_set() -> None:
    for row in load():
        for m in re.finditer(DEFAULT.top, row.phrase):
            if resolve(m.group(), row.doc_date):
                assert DEFAULT.core.search(m.group()), m.group()


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
def test_corpus_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.errors import IngestError
    from pipeline.ingest import discover, ingest_file

    files, _ = discover([CORPUS])
    texts: list[str] = []
    for f in files:
        try:
            texts.extend(b.text for d in ingest_file(f) for b in d.blocks)
        except IngestError:
            continue
    fast, slow = _both(texts, dt.date(2020, 6, 1), monkeypatch)
    assert len(texts) > 10_000
    assert [i for i, (a, b) in enumerate(zip(fast, slow, strict=True)) if a != b] == []


def test_a_configured_seasons_table_is_scanned_as_the_default_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seasons = {"秋收前": "10-31", "冬修前": "11-30", "汛期前": "05-31"}
    texts = ["秋收前完成", "要在冬修前，完成水利", "2025年秋收前完成", "秋收前后", "每年秋收前报送"]
    as_of = dt.date(2025, 3, 1)
    fast = [resolve(t, as_of, seasons=seasons) for t in texts]
    plain = engine.grammar_for
    with monkeypatch.context() as m:
        m.setattr(engine, "Anchored", _Everywhere)
        m.setattr(engine, "grammar_for", lambda s: replace(plain(s), core=re.compile(".", re.S)))
        slow = [resolve(t, as_of, seasons=seasons) for t in texts]
    assert fast == slow and all(fast[:4])
