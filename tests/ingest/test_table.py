"""Task tables: header detection over grids (pure), then real .xlsx and .csv files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from pipeline.errors import IngestError
from pipeline.ingest import ingest_file
from pipeline.ingest.table import cell_text, extract_task_table, find_header, role_of
from pipeline.models import TableRow

Write = Callable[..., Path]


def grid(*rows: list[str]) -> list[tuple[int, list[str]]]:
    return [(i + 1, list(r)) for i, r in enumerate(rows)]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("序号", "seq"), ("工作任务", "task"), ("重点任务", "task"), ("具体任务", "task"),
        ("工作内容", "task"), ("主要任务", "task"), ("任务", "task"), ("改革任务", "task"),
        ("责任单位", "lead"), ("牵头单位", "lead"), ("责任部门", "lead"), ("责 任 单 位", "lead"),
        ("责任单位（牵头）", "lead"), ("配合单位", "assist"), ("协办单位", "assist"),
        ("完成时限", "deadline"), ("时间节点", "deadline"), ("完成时间", "deadline"),
        ("时限要求", "deadline"), ("备注", "note"), ("类别", "section"),
        ("推进一网通办改革，确保年底前完成任务", None), ("", None), ("姓名", None),
    ],
)  # fmt: skip
def test_role_of(label: str, role: str | None) -> None:
    assert role_of(label) == role


@pytest.mark.parametrize(
    ("rows", "first", "index", "roles"),
    [
        # any order, any synonyms
        ([["完成时限", "牵头单位", "重点任务", "序号"]], 0, 0, {0: "deadline", 1: "lead", 2: "task", 3: "seq"}),
        # a title row above
        ([["2024年任务分解表"] * 3, ["工作内容", "责任部门", "时间节点"]], 1, 1, {0: "task", 1: "lead", 2: "deadline"}),
        # two rows: 责任单位 merged over 牵头单位 | 配合单位
        ([["工作任务", "责任单位", "责任单位", "完成时限"], ["工作任务", "牵头单位", "配合单位", "完成时限"]],
         0, 1, {0: "task", 1: "lead", 2: "assist", 3: "deadline"}),
        # a category task column before the detailed one
        ([["重点任务", "工作措施", "责任单位"]], 0, 0, {0: "section", 1: "task", 2: "lead"}),
        # a bare time column is the deadline beside an owner column
        ([["序号", "时间", "工作内容", "责任单位"]], 0, 0, {0: "seq", 1: "deadline", 2: "task", 3: "lead"}),
        # but not when a deadline column is named
        ([["日期", "工作任务", "完成时限", "牵头单位"]], 0, 0, {1: "task", 2: "deadline", 3: "lead"}),
    ],
)  # fmt: skip
def test_find_header(rows: list[list[str]], first: int, index: int, roles: dict[int, str]) -> None:
    header = find_header(grid(*rows))
    assert header is not None
    assert (header.first, header.index, header.roles) == (first, index, roles)


@pytest.mark.parametrize(
    "rows",
    [
        [["姓名", "电话"], ["张三", "123"]],
        [["工作任务", "备注"]],  # a task column alone is not enough
        [["时间", "内容", "地点"]],  # a meeting schedule: a bare time column needs an owner column
        [["说明"]] * 16 + [["工作任务", "责任单位"]],  # beyond the first 15 rows
        [],
    ],
)
def test_no_header(rows: list[list[str]]) -> None:
    assert find_header(grid(*rows)) is None


def test_extract_rows_groups_categories_and_repeats() -> None:
    table = extract_task_table(
        grid(
            ["序号", "类别", "工作任务", "责任单位", "完成时限"],
            ["一、产业发展", "一、产业发展", "一、产业发展", "一、产业发展", "一、产业发展"],
            ["1", "工业", "推进技改项目", "区工信局\n区发改委", "6月底前"],
            ["2", "", "培育专精特新企业", "区工信局", "年底前"],
            ["序号", "类别", "工作任务", "责任单位", "完成时限"],  # repeated on a new page
            ["二、民生保障", "", "", "", ""],
            ["3", "教育", "新建幼儿园2所", "区教育局", "2024年9月1日"],
            ["", "", "", "", ""],
            ["4", "", "", "区卫健委", ""],  # no task: skipped
        )
    )
    assert table is not None
    assert table.rows == [
        TableRow(3, "推进技改项目", "区工信局、区发改委", "", "6月底前", "一、产业发展 › 工业"),
        TableRow(4, "培育专精特新企业", "区工信局", "", "年底前", "一、产业发展 › 工业"),
        TableRow(7, "新建幼儿园2所", "区教育局", "", "2024年9月1日", "二、民生保障 › 教育"),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.datetime(2024, 6, 30), "2024年6月30日"),
        (dt.date(2024, 12, 1), "2024年12月1日"),
        (3.0, "3"),
        (2.5, "2.5"),
        (7, "7"),
        (None, ""),
        (True, "是"),
        ("年底前", "年底前"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_xlsx_merged_cells_two_row_header_and_dates(make_xlsx: Callable[[], Path]) -> None:
    [doc] = ingest_file(make_xlsx())
    assert doc.title == "2024年重点工作任务分解表"
    assert doc.rows == (
        TableRow(4, "推进“一网通办”改革", "区政务服务中心", "区大数据局", "2024年6月30日", "营商环境"),
        TableRow(5, "优化企业开办流程", "区市场监管局", "", "9月底前", "营商环境"),
        TableRow(7, "完成老旧小区改造30个", "区住建局、各街道办事处", "", "2024年12月31日", "二、城市建设 › 城市更新"),
        TableRow(8, "新建口袋公园5处", "区城管局", "区财政局", "2024", "二、城市建设 › 城市更新"),
    )  # fmt: skip
    assert "sheet '说明': no task-table header; skipped" in doc.warnings
    assert doc.sha256 and doc.key.endswith("tasks.xlsx")


def test_xlsx_several_sheets_name_the_section(write: Write) -> None:
    wb = openpyxl.Workbook()
    for i, name in enumerate(["经济发展", "社会事业"]):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["工作任务", "牵头单位", "完成时限"])
        ws.append([f"{name}任务", "区发改委", "年底前"])
    path = write("two.xlsx", b"")
    wb.save(path)
    [doc] = ingest_file(path)
    assert [(r.section, r.task) for r in doc.rows] == [
        ("经济发展", "经济发展任务"),
        ("社会事业", "社会事业任务"),
    ]
    assert [(b.heading, b.text) for b in doc.blocks] == [(1, "经济发展"), (1, "社会事业")]


def test_truncated_xlsx(make_xlsx: Callable[[], Path], write: Write) -> None:
    data = make_xlsx().read_bytes()
    path = write("cut.xlsx", data[: len(data) // 2])
    with pytest.raises(IngestError, match=r"cut\.xlsx: not a valid \.xlsx file"):
        ingest_file(path)


CSV_TASKS = '''2024年工作任务清单
序号,工作任务,牵头单位,配合单位,完成时限,备注
1,"推进一网通办,实现""掌上办""",区政务服务中心,区大数据局,6月底前,
2,老旧小区改造,区住建局,"各街道
区财政局",年底前,重点
'''


@pytest.mark.parametrize(
    ("codec", "encoding"), [("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig")]
)
def test_csv_task_table(write: Write, codec: str, encoding: str) -> None:
    """GB18030 here is synthetic: the UTF-8 text encoded by the test."""
    [doc] = ingest_file(write("tasks.csv", CSV_TASKS.replace("\n", "\r\n"), encoding=codec))
    assert doc.encoding == encoding
    assert doc.rows == (
        TableRow(3, "推进一网通办，实现“掌上办”", "区政务服务中心", "区大数据局", "6月底前"),
        TableRow(4, "老旧小区改造", "区住建局", "各街道、区财政局", "年底前", note="重点"),
    )
    assert doc.title == "2024年工作任务清单"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("province,source_type,publish_date\n北京市,x,2026-02-02\n", "no task-table header found"),
        ("province,reason\n", "only a header row"),
        ("\n\n", "empty file"),
    ],
)
def test_csv_without_tasks(write: Write, content: str, message: str) -> None:
    path = write("meta.csv", content)
    with pytest.raises(IngestError, match=message) as err:
        ingest_file(path)
    assert str(path) in str(err.value)


def test_a_time_cell_of_stages_names_each_stage_in_its_task() -> None:
    """ "3月底前完成设计；6月底前开工；12月底前竣工": each date is its stage's, and the task says
    which; a list of dates alone ("3月底前、6月底前") names only the date."""
    from pipeline.deadlines import resolve
    from pipeline.tasks import row_drafts

    as_of = dt.date(2026, 2, 20)
    staged = TableRow(
        2, "建设城东污水处理厂", "区水务局", "", "3月底前完成设计；6月底前开工；12月底前竣工"
    )
    listed = TableRow(3, "报送季度进展", "区民政局", "", "3月底前、6月底前")
    got = [
        (p.words, p.draft.deadline.due if p.draft.deadline else None)
        for row in (staged, listed)
        for p in row_drafts(row, as_of, lambda t: resolve(t, as_of), [])
    ]
    assert got == [
        ("建设城东污水处理厂：3月底前完成设计", dt.date(2026, 3, 31)),
        ("建设城东污水处理厂：6月底前开工", dt.date(2026, 6, 30)),
        ("建设城东污水处理厂：12月底前竣工", dt.date(2026, 12, 31)),
        ("报送季度进展（3月底前）", dt.date(2026, 3, 31)),
        ("报送季度进展（6月底前）", dt.date(2026, 6, 30)),
    ]


def test_a_csv_row_missing_its_last_cells_is_not_shifted(write: Write) -> None:
    # a short row in a spreadsheet or CSV leaves out trailing cells (unlike a text table's
    # merged cells written once): its cells keep their columns
    path = write(
        "short.csv",
        "工作任务,责任单位,完成时限\n完成道路改造,区住建局\n完成河道清淤,区水利局,6月底前\n",
    )
    [doc] = ingest_file(path)
    assert [(r.task, r.lead, r.deadline) for r in doc.rows] == [
        ("完成道路改造", "区住建局", ""),
        ("完成河道清淤", "区水利局", "6月底前"),
    ]
