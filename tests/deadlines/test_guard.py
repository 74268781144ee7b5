"""The one-character guard changes no match: it only skips positions where none can start."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.grammar import DEFAULT
from pipeline.deadlines.guard import first_chars, guarded

TEXT = st.text(
    st.sampled_from(
        list(
            "0123456789一二三四五六七八九十〇两半年月日号底末前内旬上中下季度每周今明去本全春节国庆“”规划期至，。 汛"
        )
    ),
    max_size=80,
)
PATTERNS = [lx.CORE.replace("{SEASONS}", "汛期前|汛前"), cues.YEAR_MENTION_PATTERN]
PAIRS = [(re.compile(guarded(p)), re.compile(p)) for p in PATTERNS]


def test_the_guard_is_the_set_of_first_characters() -> None:
    assert first_chars("年底前|[上下]半年|(?:19|20)[0-9]{2}") == "12上下年"
    assert guarded("年底前|上半年") == "(?=[上年])(?:年底前|上半年)"
    # an empty match possible, or a class too wide to list: no guard, the pattern as it is
    assert first_chars("a?b?") is None and guarded("a?b?") == "a?b?"
    assert first_chars("[^，]+") is None


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_guarded_patterns_find_what_the_plain_ones_find(text: str) -> None:
    for fast, plain in PAIRS:
        assert fast.pattern != plain.pattern  # both patterns do get a guard
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_every_grammar_match_starts_with_one_of_its_start_characters(text: str) -> None:
    assert DEFAULT.starts
    for i in range(len(text)):
        if DEFAULT.top.match(text, i):
            assert text[i] in DEFAULT.starts
