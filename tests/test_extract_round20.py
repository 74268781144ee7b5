"""Classes of failure left by the reviews of rounds eighteen and nineteen, and found in the
twentieth round, with examples written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.extract import extract
from pipeline.ingest import ingest_file
from tests.test_extract_heldout import _dated, _tasks

D = dt.date


def _file_dated(tmp_path: Path, text: str, as_of: dt.date) -> list[tuple[str, dt.date | None]]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = ingest_file(path, as_of=as_of)
    return [(t.text, t.due) for t in extract(doc, as_of) if t.due is not None]


def test_a_bare_time_column_beside_an_owner_column_is_the_deadline(tmp_path: Path) -> None:
    """ "序号 | 时间 | 工作内容 | 责任单位": the time column dates each row's work."""
    text = (
        "关于印发老旧小区改造工作安排的通知\n"
        "| 序号 | 时间 | 工作内容 | 责任单位 |\n"
        "| --- | --- | --- | --- |\n"
        "| 1 | 4月底前 | 完成辖区老旧小区摸底调查 | 区住建局 |\n"
        "| 2 | 6月15日前 | 制定改造方案报区政府审定 | 区住建局 |\n"
        "| 3 | 7月—10月 | 组织项目施工 | 各街道办事处 |\n"
    )
    assert _file_dated(tmp_path, text, D(2027, 3, 10)) == [
        ("完成辖区老旧小区摸底调查", D(2027, 4, 30)),
        ("制定改造方案报区政府审定", D(2027, 6, 15)),
        ("组织项目施工", D(2027, 10, 31)),
    ]


def test_a_lead_naming_projects_or_big_things_dates_its_items() -> None:
    """ "2027年，区政府将重点推进以下项目：" and "今年要办好以下几件大事：" lead their items."""
    projects = _tasks(
        "2027年，区政府将重点推进以下项目：",
        "一是新建城东污水处理厂，日处理规模2万吨；",
        "二是改造城区燃气管网30公里。",
        as_of=D(2027, 2, 20),
    )
    assert [due for _, due in _dated(projects)] == [D(2027, 12, 31)] * 2
    assert any("城东污水处理厂" in t for t, _ in _dated(projects))
    things = _tasks(
        "今年要集中力量办好以下几件大事：",
        "（一）完成老城区雨污分流改造。",
        "（二）新增公办幼儿园学位600个。",
        as_of=D(2027, 2, 20),
    )
    dated = _dated(things)
    assert [due for _, due in dated] == [D(2027, 12, 31)] * 2
    assert any("雨污分流" in t for t, _ in dated) and any("学位600个" in t for t, _ in dated)
    # what the lead counts as done is no list of work
    done = _tasks(
        "2026年，区政府完成了以下项目：", "一是新建城东污水处理厂。", as_of=D(2027, 2, 20)
    )
    assert _dated(done) == []


def test_a_lead_telling_the_past_under_a_targets_heading_ends_its_targets() -> None:
    """ "二、2027年工作目标" then "一年来，我们主要做了以下工作：" and numbered items: what
    was done, not this year's targets; without that lead, the items are the year's."""
    told = _tasks(
        "二、2027年工作目标",
        "一年来，我们主要做了以下工作：",
        "1.完成城区道路改造12条。",
        "2.新建学校3所。",
        as_of=D(2027, 1, 20),
    )
    assert _dated(told) == []
    targets = _tasks(
        "二、2027年工作目标", "1.完成城区道路改造12条。", "2.新建学校3所。", as_of=D(2027, 1, 20)
    )
    assert [due for _, due in _dated(targets)] == [D(2027, 12, 31)] * 2
