"""Property-based and hostile-input tests of the extractor (with the resolver inside)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import analyse, extract
from pipeline.models import Block, Document

AS_OF = dt.date(2020, 7, 31)
# An alphabet dense in what the grammar reacts to, so random text exercises it.
ALPHABET = st.sampled_from(
    list(
        "0123456789０１２３一二三四五六七八九十百〇两年月日号底末前内旬上中下半季度第每周个工作天明次后今本全春节国庆元旦五一十三四五确保力争要完成实现推进，。；：、（）“”责任单位牵头配合负责区局委由至—-\n "
    )
)
TEXT = st.text(ALPHABET, max_size=200)
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


def _doc(text: str) -> Document:
    blocks = tuple(Block(p, i + 1) for i, p in enumerate(text.split("\n")))
    return Document(
        key="h.txt",
        path="h.txt",
        title="",
        blocks=blocks,
        published=None,
        date_basis="as-of",
        sha256="",
    )


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
    for text, expr in (
        ("13月底前完成甲项工作", "13月底前"),
        ("2月30日前完成乙项工作", "2月30日前"),
        ("0月底前完成丙项工作", "0月底前"),
    ):
        assert by[text].due is None, text  # never a wrong date …
        assert "invalid-date" in by[text].flags and by[text].expr == expr  # … and reported
    # "32日内" is a valid period (32 days), not an impossible date.
    assert (
        by["32日内完成丁项"].due == dt.date(2020, 9, 1)
        and "invalid-date" not in by["32日内完成丁项"].flags
    )


def test_a_past_explicit_deadline_is_reported_not_moved() -> None:
    found = analyse(_doc("标题\n2019年3月底前完成机构改革。"), AS_OF)
    assert found.tasks == [], "a date already past when written reports, it does not task"
    (p,) = found.past
    assert (p.due, p.expr, p.line) == (dt.date(2019, 3, 31), "2019年3月底前", 2)


def test_huge_paragraph_is_handled() -> None:
    text = "年底前完成改造，" * 5000 + "。"
    tasks = extract(_doc("标题\n" + text), AS_OF)
    assert len(tasks) == 5000 and len({t.id for t in tasks}) == 5000
    assert {t.due for t in tasks} == {dt.date(2020, 12, 31)}


# No clause a future deadline governs is dropped, whatever its words ----------------------
# Characters for made-up subjects, verbs and objects: common words of district documents,
# none of which the deadline grammar or the scope rules react to (no numerals, no 年月日,
# no 前/内/后/起/至/可, no 工作/任务/目标… that would make a period an attribute).
WORDS = "城乡道路桥梁公园学校医院广场河湖水电气网站馆街社村镇厂林绿化修缮铺设装运营服平台系统中心项工程设施规划施验收交付清理整治登核实培训宣传监测障东西南北新旧老小大高低快慢红黄蓝白黑"
WORD = st.text(st.sampled_from(WORDS), min_size=2, max_size=6)
DEADLINES = [
    "10月底前",
    "11月15日前",
    "年底前",
    "下半年",
    "四季度",
    "12月上旬",
    "2022年3月底前",
    "明年6月底前",
    "30日内",
    "15个工作日内",
    "10月31日前",
    "12月中旬",
]


def _expected(expr: str) -> dt.date:
    from pipeline.deadlines import resolve

    (d,) = resolve(expr, AS_OF)
    assert d.due is not None
    return d.due


def _covered(tasks: list, words: str, due: dt.date) -> bool:
    return any(words in t.text and t.due == due for t in tasks)


@settings(max_examples=200, deadline=None)
@given(
    deadline=st.sampled_from(DEADLINES),
    a=st.tuples(WORD, WORD, WORD),
    b=st.tuples(WORD, WORD, WORD),
    lead=st.sampled_from(["", "力争", "确保", "要", "于"]),
)
def test_no_clause_governed_by_a_future_deadline_is_dropped(
    deadline: str, a: tuple[str, str, str], b: tuple[str, str, str], lead: str
) -> None:
    due = _expected(deadline)
    first, second = "".join(a), "".join(b)
    shapes = [
        f"{deadline}，{first}，{second}。",  # a head deadline governs both clauses
        f"{first}{lead}{deadline}{second}。",  # an inline deadline governs its clause
        f"{first}，{lead}{deadline}{second}。",  # a subject clause before a head deadline
        f"{first}、{second}，于{deadline}完成。",  # a deadline at the end governs the list
    ]
    for text in shapes:
        tasks = extract(_doc("标题\n" + text), AS_OF)
        assert _covered(tasks, first, due), (text, [(t.text, t.due) for t in tasks])
        assert _covered(tasks, second, due), (text, [(t.text, t.due) for t in tasks])
