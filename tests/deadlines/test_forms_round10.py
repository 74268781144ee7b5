"""Forms found in the tenth round (new pages labelled by others) that the resolver read wrong,
and the near misses beside them (examples written for these tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.deadlines import resolve

D = dt.date


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # a moment at midnight with no 前 is that day's: the heating starts as the 15th begins
        ("10月15日0时具备开栓条件的供热区域全部开栓供热", D(2026, 10, 15)),
        # ... and by that moment, 前, is the day before's end (DEADLINES.md)
        ("10月15日0时前完成管网注水", D(2026, 10, 14)),
        ("5月1日零时前报送统计表", D(2026, 4, 30)),
    ],
)
def test_midnight_is_the_day_before_only_with_a_by_word(text: str, due: dt.date) -> None:
    found = resolve(text, D(2026, 3, 10))
    assert found and found[0].due == due, (text, found)


@pytest.mark.parametrize(
    "text",
    ["申报截止时间为11月15日0时", "禁放时间为即日起至11月15日0时止"],
)
def test_a_cutoff_at_midnight_is_the_day_before(text: str) -> None:
    """A cutoff's midnight (截止…0时, 至…0时止) ends the day before, as 0时前 does."""
    found = resolve(text, D(2026, 10, 20))
    assert found and found[-1].due == D(2026, 11, 14), (text, found)
