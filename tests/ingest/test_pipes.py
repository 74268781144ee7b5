"""Tables pasted into plain text as pipe-separated lines: read as task rows, end to end
through ingest and extraction (real files in tmp_path)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.ingest import ingest_file
from pipeline.ingest.pipes import pipe_cells

Write = Callable[..., Path]
AS_OF = dt.date(2026, 3, 2)


def _dated(path: Path) -> list[tuple[str, dt.date | None]]:
    [doc] = ingest_file(path)
    return [(t.text, t.due) for t in extract(doc, AS_OF) if t.due is not None]


def test_a_headed_pipe_table_is_a_task_table(write: Write) -> None:
    text = (
        "防汛体系建设任务清单\n"
        "| 序号 | 工作任务 | 责任单位 | 完成时限 |\n"
        "|---|---|---|---|\n"
        "| 1 | 明确防汛联络员 | 区应急管理局 | 4月底前 |\n"
        "| 2 | 完成河道清淤 | 区农业农村和水利局 | 2026年5月 |\n"
    )
    [doc] = ingest_file(write("a.txt", text))
    assert [(r.task, r.lead, r.deadline) for r in doc.rows] == [
        ("明确防汛联络员", "区应急管理局", "4月底前"),
        ("完成河道清淤", "区农业农村和水利局", "2026年5月"),
    ]
    assert not any("|" in b.text for b in doc.blocks)
    assert _dated(write("a.txt", text)) == [
        ("明确防汛联络员", dt.date(2026, 4, 30)),
        ("完成河道清淤", dt.date(2026, 5, 31)),
    ]


def test_headerless_rows_take_work_office_and_date_from_their_last_cells(write: Write) -> None:
    text = (
        "任务清单（节选）\n"
        "(2)应急站承担防汛统筹协调工作，明确专人负责。 | 1.明确防汛工作职责和防汛联络员; | 应消站 | 4月 |\n"
        "| 明确全科网格员防汛职责 | 综治办 | 2026年6月底前 |\n"
    )
    [doc] = ingest_file(write("b.txt", text))
    assert [(r.task, r.lead, r.deadline) for r in doc.rows] == [
        ("明确防汛工作职责和防汛联络员", "应消站", "4月"),
        ("明确全科网格员防汛职责", "综治办", "2026年6月底前"),
    ]
    assert _dated(write("b.txt", text)) == [
        ("明确防汛工作职责和防汛联络员", dt.date(2026, 4, 30)),
        ("明确全科网格员防汛职责", dt.date(2026, 6, 30)),
    ]


def test_a_row_with_no_date_cell_stays_text_cell_by_cell(write: Write) -> None:
    text = "工作安排\n2.工作机制 | (5)汛前，乡镇健全完善应急指挥机制 | 1.制定应急指挥机制，\n"
    [doc] = ingest_file(write("c.txt", text))
    assert doc.rows == ()
    assert _dated(write("c.txt", text)) == [
        ("工作机制：乡镇健全完善应急指挥机制", dt.date(2026, 5, 31))
    ]


def test_what_is_no_pipe_row() -> None:
    assert pipe_cells("甲|乙") is None  # two cells: prose with a stray bar
    assert pipe_cells("| :--- | --- | ---: |") == []  # a Markdown rule line
    assert pipe_cells("｜任务｜单位｜时限｜") == ["任务", "单位", "时限"]  # full-width bars


@pytest.mark.parametrize(
    "text",
    [
        "通报\n有效性 | 有效 | 公开日期: | 2026年03月02日 |\n索引号 | 123 | 发布机构 | 区政府办 |\n",
        # a label with no colon is metadata too: "发布时间" is no office
        "答复\n信息索引号 | 发布时间 | 2026-03-02 | |||\n发布机构 | 县人民政府 | 文号 | |||\n",
        # a mirror's pinyin inside a traditional label: still the page's date
        "答復\n| 公開目錄 | 政協(xié)提案辦理結果 | 發(fā)布日期 | 2026-03-02 |\n李委員：\n",
    ],
)
def test_a_metadata_row_is_no_task(write: Write, text: str) -> None:
    [doc] = ingest_file(write("d.txt", text))
    assert doc.rows == ()
    assert _dated(write("d.txt", text)) == []


def test_rows_written_with_merged_cells_once_align_to_the_last_columns(write: Write) -> None:
    # a page's rowspans flattened: a short row's cells are the last columns, the first taken
    # from the row above; a long row's extra first cell is a group's name
    text = (
        "防汛体系建设三张清单\n"
        "建设任务 | 工作事项 | 任务清单 | 责任清单 | 时限清单\n"
        "一、体系建设 | 组织机构 | 明确工作职责 | 1.明确防汛第一责任人 | 党政办 | 4月\n"
        "2.明确防汛联络员 | 应消站 | 5月\n"
        "3.建立应急工作组 | 综治办 | 6月\n"
    )
    [doc] = ingest_file(write("s.txt", text))
    assert [(r.task, r.lead, r.deadline) for r in doc.rows] == [
        ("1.明确防汛第一责任人", "党政办", "4月"),
        ("2.明确防汛联络员", "应消站", "5月"),
        ("3.建立应急工作组", "综治办", "6月"),
    ]


def test_a_pipe_tables_unnamed_column_beside_named_ones_is_the_task(write: Write) -> None:
    """ "整治行业 名称 | 时间安排 | 责任单位": the one column no role names is the work; its
    责任单位 cells are the offices (also after a salutation and a transmittal sentence, whose
    book title gives the plan's year: a month already past is no task)."""
    text = (
        "各村、各有关单位：\n"
        "现将《某镇2026年度安全生产专项整治工作计划》印发给你们，请遵照执行。\n"
        "一、专项整治安排表\n"
        "专项整治行业名称 | 时间安排 | 责任单位 |\n"
        "烟花爆竹 | 1月份 | 安监站 |\n"
        "危险化学品 | 4月份 | 应急站 |\n"
        "养老机构 | 5月份 | 民政所 |\n"
    )
    [doc] = ingest_file(write("a.txt", text))
    assert doc.title == "某镇2026年度安全生产专项整治工作计划"
    # (a short cell under a column named by no task word opens with that name: say what)
    assert [(r.task, r.lead, r.deadline) for r in doc.rows] == [
        ("专项整治行业：烟花爆竹", "安监站", "1月份"),
        ("专项整治行业：危险化学品", "应急站", "4月份"),
        ("专项整治行业：养老机构", "民政所", "5月份"),
    ]
    assert _dated(write("a.txt", text)) == [
        ("专项整治行业：危险化学品", dt.date(2026, 4, 30)),
        ("专项整治行业：养老机构", dt.date(2026, 5, 31)),
    ]


def test_a_numbered_row_with_its_date_before_its_work(write: Write) -> None:
    """ "三 | 7月10日—7月14日 | 小学入学网上信息登记。 |": a schedule copied with each step's
    number, then its dates, then its work (and an office after it)."""
    text = (
        "2026年小学招生工作日程\n"
        "一 | 4月10日前 | 制定小学招生入学工作实施办法。 | 县教育局 |\n"
        "二 | 4月20日—4月24日 | 小学入学网上信息登记。 | 各学校 |\n"
    )
    [doc] = ingest_file(write("a.txt", text))
    assert [(r.task, r.lead, r.deadline) for r in doc.rows] == [
        ("制定小学招生入学工作实施办法", "县教育局", "4月10日前"),
        ("小学入学网上信息登记", "各学校", "4月20日—4月24日"),
    ]
    assert [due for _, due in _dated(write("a.txt", text))] == [
        dt.date(2026, 4, 10),
        dt.date(2026, 4, 24),
    ]
