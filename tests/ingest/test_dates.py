"""Document-date inference: pure functions, tested by tables."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.ingest.dates import (
    DateHint,
    choose_date,
    hint_from_value,
    infer_issuer,
    infer_text_date,
    npc_session_year,
    parse_date,
    parse_year,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-01-30", D(2019, 1, 30)),
        ("发布时间：2019-01-30 10:00", D(2019, 1, 30)),
        ("2019/1/5", D(2019, 1, 5)),
        ("2019.01.05", D(2019, 1, 5)),
        ("2019年1月16日", D(2019, 1, 16)),
        ("2019 年 1 月 16 日", D(2019, 1, 16)),
        ("2019年01月27日", D(2019, 1, 27)),
        ("二〇一九年一月十六日", D(2019, 1, 16)),
        ("二〇〇五年六月十一日", D(2005, 6, 11)),
        ("二○二○年十二月三十一日", D(2020, 12, 31)),
        ("二〇二一年十月二十日", D(2021, 10, 20)),
        ("2019年2月30日", None),
        ("2019年13月1日", None),
        ("1900年1月1日", None),
        ("2019年底前完成", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2019, 2019), ("2019", 2019), ("2019年", 2019), (2019.0, 2019), (None, None), ("19", None)],
)
def test_parse_year(value: object, expected: int | None) -> None:
    assert parse_year(value) == expected


def test_hint_from_value_keeps_precision() -> None:
    assert hint_from_value(dt.datetime(2020, 7, 31, 9), "table", "x") == DateHint(
        "table", D(2020, 7, 31), "x"
    )
    year = hint_from_value(2025, "table", "year column")
    assert year is not None and year.year_only and year.date == D(2025, 1, 1)
    assert hint_from_value("n/a", "table", "x") is None


def _paras(*texts: str) -> list[tuple[int, str]]:
    return [(i + 1, t) for i, t in enumerate(texts)]


BODY = "各地区要按照本意见要求，抓好贯彻落实。"


@pytest.mark.parametrize(
    ("paras", "date", "source", "year_only"),
    [
        # 成文日期 at the end, after the issuer
        (_paras("国务院关于某事的意见", BODY, "国务院", "2019年1月16日"), D(2019, 1, 16), "成文日期", False),
        (_paras("标题", BODY, "国务院办公厅 2019年1月16日"), D(2019, 1, 16), "成文日期", False),
        (_paras("标题", BODY, "国务院办公厅", "二〇〇五年六月十一日"), D(2005, 6, 11), "成文日期", False),
        # the dateline of a work report, dash or no dash
        (_paras("政府工作报告", "——2017年3月5日在第十二届全国人民代表大会第五次会议上", BODY), D(2017, 3, 5), "dateline", False),
        (_paras("政府工作报告", "――2026年1月27日在青海省第十四届人民代表大会第四次会议上", BODY), D(2026, 1, 27), "dateline", False),
        (_paras("报告", "2026年2月3日在四川省第十四届人民代表大会第五次会议上", BODY), D(2026, 2, 3), "dateline", False),
        # an adoption note
        (_paras("决议", "（2023年3月13日第十四届全国人民代表大会第一次会议通过）", BODY), D(2023, 3, 13), "dateline", False),
        # a 成文日期 near the top (PKULaw exports)
        (_paras("标题", "包府办发〔2022〕43号", "包头市人民政府办公室", "2022年4月14日", *[BODY] * 20), D(2022, 4, 14), "date line", False),
        # only a 发文字号: the year
        (_paras("国务院办公厅关于某事的通知", "国办发〔2019〕4号", BODY), D(2019, 1, 1), "发文字号", True),
        # an NPC session: the year
        (_paras("第十三届全国人民代表大会第二次会议听取和审议了政府工作报告。"), D(2019, 1, 1), "NPC session", True),
        # a year in the title: weak
        (_paras("1998年政府工作报告", BODY), D(1998, 1, 1), "year in the title", True),
        # labelled date lines of pages copied as text, the strongest label winning
        (_paras("标题", "发布日期：2020-08-03", BODY), D(2020, 8, 3), "发布日期", False),
        (_paras("标题", "时间:2024-06-18 15:36来源:紫阳县人民政府办公室", BODY), D(2024, 6, 18), "日期", False),
        (_paras("标题", "2020-04-14 00:00:00 来源：佛坪县人民政府 作者：镇政府", BODY), D(2020, 4, 14), "来源行", False),
        (_paras("标题", "來源：中工網 2021-11-05 14:41", BODY), D(2021, 11, 5), "来源行", False),
        (_paras("标题", "日期：2021年3月2日", BODY), D(2021, 3, 2), "日期", False),
        (_paras("标题", "印发日期：2021年3月1日 发布时间：2021年3月5日", BODY), D(2021, 3, 1), "印发日期", False),
        (_paras("标题", "公开日期: | 2022年09月15日 |", "成文日期: | 2022年09月14日 |", BODY), D(2022, 9, 14), "成文日期", False),
        # a timestamp in another format: dateparser reads it
        (_paras("标题", "26.06.2015  20:01", BODY), D(2015, 6, 26), "date line", False),
        (_paras("标题", "Aug 3, 2020", BODY), D(2020, 8, 3), "date line", False),
    ],
)  # fmt: skip
def test_infer_text_date(
    paras: list[tuple[int, str]], date: dt.date, source: str, year_only: bool
) -> None:
    hint = infer_text_date(paras)
    assert hint is not None
    assert (hint.basis, hint.date, hint.year_only) == ("text", date, year_only)
    assert hint.source.startswith(source)


@pytest.mark.parametrize(
    "paras",
    [
        _paras("本报讯 近日，会议召开。", BODY),
        _paras("今年以来，2019年1月16日召开会议，部署工作。"),  # a date inside a sentence
        [],
    ],
)
def test_no_text_date(paras: list[tuple[int, str]]) -> None:
    assert infer_text_date(paras) is None


def test_title_year_is_weak() -> None:
    hint = infer_text_date(_paras("1998年政府工作报告", BODY))
    assert hint is not None and hint.weak


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("第十四届全国人民代表大会第三次会议关于政府工作报告的决议", 2025),
        ("第十三届全国人民代表大会第三次会议", 2020),
        ("第一届全国人民代表大会第二次会议", 1955),
        ("第二届全国人民代表大会第三次会议", 1962),
        ("第五届全国人民代表大会第五次会议", 1982),
        ("全国人民代表大会", None),
    ],
)
def test_npc_session_year(text: str, year: int | None) -> None:
    assert npc_session_year(text) == year


@pytest.mark.parametrize(
    ("paras", "issuer"),
    [
        (_paras("标题", BODY, "国务院办公厅", "2019年1月16日"), "国务院办公厅"),
        (_paras("标题", BODY, "国务院办公厅 2019年1月16日"), "国务院办公厅"),
        (_paras("标题", BODY, "2019年1月16日"), None),
        (_paras("标题", "请认真贯彻执行。", "2019年1月16日"), None),
    ],
)
def test_infer_issuer(paras: list[tuple[int, str]], issuer: str | None) -> None:
    assert infer_issuer(paras) == issuer


def H(basis: str, date: dt.date, **kw: object) -> DateHint:
    return DateHint(basis, date, f"{basis} source", **kw)  # type: ignore[arg-type]


AS_OF = D(2024, 5, 1)


@pytest.mark.parametrize(
    ("hints", "as_of", "published", "basis"),
    [
        ([H("text", D(2019, 1, 1)), H("sidecar", D(2020, 7, 31))], AS_OF, D(2020, 7, 31), "sidecar"),
        ([H("front-matter", D(2021, 2, 2)), H("page", D(2019, 1, 1))], AS_OF, D(2021, 2, 2), "front-matter"),
        ([H("page", D(2019, 1, 1)), H("text", D(2018, 1, 1))], AS_OF, AS_OF, "as-of"),
        ([H("page", D(2019, 1, 1)), H("text", D(2018, 1, 1))], None, D(2019, 1, 1), "page"),
        ([H("text", D(2018, 3, 1)), H("table", D(2019, 1, 2))], None, D(2019, 1, 2), "table"),
        ([H("page", D(2013, 12, 24), weak=True), H("text", D(2024, 3, 1))], None, D(2024, 3, 1), "text"),
        ([H("page", D(2013, 12, 24), weak=True)], None, D(2013, 12, 24), "page"),
        # a year-only table date gives way to a full text date of the same year
        ([H("table", D(2017, 1, 1), year_only=True), H("text", D(2017, 3, 5))], None, D(2017, 3, 5), "text"),
        ([H("table", D(2017, 1, 1), year_only=True), H("text", D(2016, 3, 5))], None, D(2017, 1, 1), "year-only"),
        ([], None, None, "none"),
        ([], AS_OF, AS_OF, "as-of"),
    ],
)  # fmt: skip
def test_choose_date(
    hints: list[DateHint], as_of: dt.date | None, published: dt.date | None, basis: str
) -> None:
    choice = choose_date(hints, as_of)
    assert (choice.published, choice.basis) == (published, basis)


def test_choose_date_warnings() -> None:
    year_only = choose_date([H("table", D(2017, 1, 1), year_only=True)])
    assert any("year only" in w for w in year_only.warnings)
    rival = choose_date([H("table", D(2026, 2, 2)), H("text", D(2026, 1, 25))])
    assert any("2026-01-25" in w and "differs" in w for w in rival.warnings)
    overridden = choose_date([H("page", D(2019, 1, 1))], AS_OF)
    assert any("page date 2019-01-01" in w for w in overridden.warnings)
    assert choose_date([H("sidecar", D(2020, 1, 1)), H("text", D(2019, 1, 1))]).warnings == ()


def test_a_year_alone_is_reported_not_taken_for_new_year() -> None:
    """ "2026年第四季度重点工作安排" dates nothing but its year: the choice says so."""
    hint = infer_text_date(_paras("2026年第四季度重点工作安排", BODY))
    assert hint is not None and hint.year_only
    choice = choose_date([hint])
    assert choice.basis == "year-only" and choice.published == D(2026, 1, 1)
    assert any("year only" in w and "sidecar" in w for w in choice.warnings)
    page = choose_date([hint, DateHint("page", D(2026, 9, 28), "发布日期 label")])
    assert (page.published, page.basis) == (D(2026, 9, 28), "page"), "a full date of that year wins"
