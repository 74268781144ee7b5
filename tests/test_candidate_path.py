"""The candidate path: a paragraph without any of the grammar's core words is never analysed.

These tests analyse the same documents again with that filter off (every paragraph analysed
in full) and require the same tasks and past mentions: the filter may only save time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.deadlines.grammar import Grammar, grammar_for
from pipeline.extract import Extraction, analyse
from pipeline.models import Block, Document
from tests.deadlines.labelled import load

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
PHRASES = sorted({r.phrase for r in load()})
ALPHABET = st.sampled_from(
    list("0123456789一二三四五六七八九十百〇两年月日号底末前内旬上中下半季度第每周个天明次后今本全")
    + list("去春节国庆元旦五一“”规划期间以之起来至到—，。；：、（）完成实现推进确保力争要区局委 ")
)
PIECES = st.one_of(
    st.sampled_from(PHRASES),
    st.text(ALPHABET, max_size=30),
    st.sampled_from(
        [
            "（责任单位：区发改委、区财政局）",
            "（6月底完成，牵头单位：区住建局）",
            "由区住建局牵头",
            "以上工作要在",
            "前完成",
            "。",
            "，",
            "；",
            "1.",
            "（一）",
            "二、重点任务",
            "责任单位：区教育局",
            "\n",
        ]
    ),
)
DOCS = st.lists(PIECES, max_size=14).map("".join)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


def _doc(text: str) -> Document:
    blocks = tuple(Block(p, i + 1) for i, p in enumerate(text.split("\n")))
    return Document("c.txt", "c.txt", "关于2025年重点工作的通知", blocks, None, "as-of", "")


def _every_paragraph(seasons: Any) -> Grammar:
    """The grammar with a core that every character is: no paragraph is left out."""
    return replace(grammar_for(seasons), core=re.compile(".", re.S))


def _both(doc: Document, as_of: dt.date, mp: pytest.MonkeyPatch) -> tuple[Extraction, Extraction]:
    fast = analyse(doc, as_of)
    with mp.context() as m:
        m.setattr(extract, "grammar_for", _every_paragraph)
        full = analyse(doc, as_of)
    return fast, full


def _same(a: Extraction, b: Extraction) -> bool:
    return a.tasks == b.tasks and a.past == b.past


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DOCS, as_of=DATES)
def test_the_filter_drops_no_paragraph_with_a_task(text: str, as_of: dt.date) -> None:
    with pytest.MonkeyPatch.context() as mp:
        fast, full = _both(_doc(text), as_of, mp)
    assert _same(fast, full)


def test_the_filter_is_tested_on_dated_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document with a task keeps it behind the filter; a narrower filter is seen to drop it."""
    doc = _doc("二、重点任务\n2026年6月底前完成改造。（责任单位：区住建局）\n其他工作。")
    fast, full = _both(doc, dt.date(2025, 1, 1), monkeypatch)
    assert fast.tasks and _same(fast, full)
    monkeypatch.setattr(
        extract, "grammar_for", lambda s: replace(grammar_for(s), core=re.compile("季度"))
    )
    assert not _same(analyse(doc, dt.date(2025, 1, 1)), full)


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
def test_the_filter_drops_no_paragraph_with_a_task_in_the_corpus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pipeline.errors import IngestError
    from pipeline.ingest import discover, ingest_file

    files, _ = discover([CORPUS])
    docs: list[Document] = []
    for f in files:
        try:
            docs.extend(ingest_file(f))
        except IngestError:
            continue
    assert len(docs) > 100
    differ = []
    for doc in docs:
        fast, full = _both(doc, doc.published or dt.date(2020, 1, 1), monkeypatch)
        if not _same(fast, full):
            differ.append(doc.key)
    assert differ == []


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.sampled_from(list("甲乙丙，。！？；“”（）\n ")), max_size=60),
    at=st.lists(st.integers(0, 60), max_size=6),
)
def test_the_sentences_a_deadline_starts_in_are_the_ones_analysed(text: str, at: list[int]) -> None:
    from pipeline.models import Deadline
    from pipeline.sentences import holding, sentences

    sents = sentences(text)
    dated = [Deadline("x", None, "none", start=x, end=x + 1) for x in at]
    naive = {i for i, s in enumerate(sents) if any(s.start <= d.start < s.end for d in dated)}
    assert holding(sents, dated) == naive
