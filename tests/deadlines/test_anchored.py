"""The resolver's anchored scan finds exactly what a scan at every character finds.

``engine.Anchored`` tries the grammar only near its core words (a speed-up of the whole
extractor); these tests replace it with a plain ``search`` over every position and compare.
"""

from __future__ import annotations

import datetime as dt
import re
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
        "春节国庆元旦五一“”十四五规划期间末至到—-，。；起以来截止尽快汛内蒙古 "
    )
)


class _Everywhere:
    """The plain scan: the grammar tried at every character."""

    def __init__(self, g: Grammar, text: str) -> None:
        self.search = g.top.search


def _both(texts: list[str], as_of: dt.date, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    fast = [resolve(t, as_of) for t in texts]
    with monkeypatch.context() as m:
        m.setattr(engine, "Anchored", _Everywhere)
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
