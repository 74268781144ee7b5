"""The one-character guard changes no match: it only skips positions where none can start."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.deadlines import cues
from pipeline.deadlines import lexicon as lx
from pipeline.deadlines.grammar import DEFAULT, ByStart
from pipeline.deadlines.guard import first_chars, guarded

# Every character a core word or a grammar match can start with, and some text between.
STARTS = sorted(set(first_chars(lx.CORE.replace("{SEASONS}", "汛期前")) or "") | DEFAULT.starts)
TEXT = st.text(
    st.sampled_from(STARTS + list("年月日号底末前内旬季度周节期规划至，。 汛长期工作")), max_size=80
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
def test_the_guarded_grammar_matches_where_the_plain_one_does(text: str) -> None:
    plain = re.compile(DEFAULT.plain_top)
    assert DEFAULT.starts and DEFAULT.top.pattern != plain.pattern
    for i in range(len(text)):
        got, want = DEFAULT.top.match(text, i), plain.match(text, i)
        assert (got and got.span()) == (want and want.span()), (text, i)
        if want:
            assert text[i] in DEFAULT.starts


def test_conditionals_and_case_folding_get_no_guard_unless_it_is_known() -> None:
    assert first_chars("(?P<p>x)?(?(p)b|(?!))") == "x"  # the grammar's form
    assert first_chars("(a)?(?(1)b|c)") is None  # could start with c
    assert first_chars("(?i)abc") is None and guarded("(?i)abc") == "(?i)abc"
    assert first_chars("(?i:a)b") is None


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_the_grammar_for_a_start_character_matches_as_the_whole_one(text: str) -> None:
    plain = re.compile(DEFAULT.plain_top)
    table = DEFAULT.by_start
    assert isinstance(table, ByStart) and set(table.branches) == DEFAULT.starts
    assert len(set(table.branches.values())) > 1  # it does drop branches
    for i in range(len(text)):
        want = plain.match(text, i)
        part = table[text[i]]
        got = part.match(text, i) if part else None
        assert (got and (got.span(), got.lastgroup)) == (want and (want.span(), want.lastgroup))
        if want:  # the same groups hold the same text (a dropped branch's groups: none)
            assert got is not None
            assert {k: v for k, v in want.groupdict().items() if v is not None} == {
                k: v for k, v in got.groupdict().items() if v is not None
            }
