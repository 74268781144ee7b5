"""Property-based and hostile-input tests of the extractor (with the resolver inside)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract
from pipeline.models import Block, Document

AS_OF = dt.date(2020, 7, 31)
# An alphabet dense in what the grammar reacts to, so random text exercises it.
ALPHABET = st.sampled_from(list("0123456789０１２３一二三四五六七八九十百〇两年月日号底末前内旬上中下半季度第每周个工作天明次后今本全春节国庆元旦五一十三四五确保力争要完成实现推进，。；：、（）“”责任单位牵头配合负责区局委由至—-\n "))
TEXT = st.text(ALPHABET, max_size=200)
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


def _doc(text: str) -> Document:
    blocks = tuple(Block(p, i + 1) for i, p in enumerate(text.split("\n")))
    return Document(key="h.txt", path="h.txt", title="", blocks=blocks, published=None,
                    date_basis="as-of", sha256="")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, as_of=DATES)
def test_any_text_gives_valid_deterministic_tasks(text: str, as_of: dt.date) -> None:
    tasks = extract(_doc(text), as_of)
    again = extract(_doc(text), as_of)
    assert tasks == again, "deterministic"
    assert len({t.id for t in tasks}) == len(tasks), "ids are unique within a document"
    for t in tasks:
        assert t.text.strip()
        if t.due is not None:
            assert isinstance(t.due, dt.date)
            assert t.due >= as_of or "past" in t.flags, (t.expr, t.due, as_of)
            assert t.expr


def test_absurd_dates_never_become_tasks_with_a_date() -> None:
    text = "13月底前完成甲项工作。2月30日前完成乙项工作。0月底前完成丙项工作。32日内完成丁项。"
    tasks = extract(_doc("标题\n" + text), AS_OF)
    by = {t.text: t for t in tasks}
    for text, expr in (("13月底前完成甲项工作", "13月"), ("2月30日前完成乙项工作", "2月30日"),
                       ("0月底前完成丙项工作", "0月")):
        assert by[text].due is None, text  # never a wrong date …
        assert "invalid-date" in by[text].flags and by[text].expr == expr  # … and reported
    # "32日内" is a valid period (32 days), not an impossible date.
    assert by["32日内完成丁项"].due == dt.date(2020, 9, 1) and "invalid-date" not in by["32日内完成丁项"].flags


def test_a_past_explicit_deadline_is_reported_not_moved() -> None:
    tasks = extract(_doc("标题\n2019年3月底前完成机构改革。"), AS_OF)
    (t,) = tasks
    assert t.due == dt.date(2019, 3, 31) and "past" in t.flags


def test_huge_paragraph_is_handled() -> None:
    text = "年底前完成改造，" * 5000 + "。"
    tasks = extract(_doc("标题\n" + text), AS_OF)
    assert len(tasks) == 5000 and len({t.id for t in tasks}) == 5000
    assert {t.due for t in tasks} == {dt.date(2020, 12, 31)}
