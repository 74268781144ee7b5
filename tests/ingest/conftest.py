"""Builders of real input files (docx, xlsx, text in several encodings) in tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write("name.txt", "text", encoding="utf-8") or write("name.bin", b"bytes")."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write


def build_docx(path: Path) -> Path:
    """Title, headings, body text with a soft break, a task table and an ordinary table."""
    d = docx.Document()
    d.core_properties.created = dt.datetime(2010, 1, 1, 12, 0)
    d.add_paragraph("关于印发2024年重点工作任务分解的通知", style="Title")
    d.add_paragraph("各街道办事处，区政府各部门：")
    d.add_heading("一、总体要求", level=1)
    d.add_paragraph("坚持稳中求进工作总基调，确保各项任务落地见效。")
    d.add_heading("（一）重点任务", level=2)
    table = d.add_table(rows=5, cols=5)
    head = table.rows[0].cells
    for i, text in enumerate(["类别", "工作任务", "责任单位", "责任单位", "完成时限"]):
        head[i].text = text
    head[2].merge(head[3])
    sub = table.rows[1].cells
    for i, text in enumerate(["类别", "工作任务", "牵头单位", "配合单位", "完成时限"]):
        sub[i].text = text
    data = [
        ["营商环境", "推进一网通办改革", "区政务服务中心", "区大数据局", "2024年6月底前"],
        ["", "优化企业开办流程", "区市场监管局", "", "9月底前"],
        ["城市建设", "完成老旧小区改造30个", "区住建局", "各街道", "年底前"],
    ]
    for r, values in enumerate(data, start=2):
        for c, text in enumerate(values):
            table.rows[r].cells[c].text = text
    table.cell(2, 0).merge(table.cell(3, 0))
    d.add_paragraph("附：联系人名单")
    other = d.add_table(rows=2, cols=2)
    other.cell(0, 0).text = "姓名"
    other.cell(0, 1).text = "电话"
    other.cell(1, 0).text = "张三"
    other.cell(1, 1).text = "12345"
    p = d.add_paragraph("管城回族区人民政府办公室")
    p.add_run().add_break()
    p.add_run("2024年3月1日")
    d.save(path)
    return path


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[[str], Path]:
    return lambda name="plan.docx": build_docx(tmp_path / name)


def build_xlsx(path: Path) -> Path:
    """A title row, a two-row header, a category merged over rows, an Excel date cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    ws.append(["2024年重点工作任务分解表"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "类别", "工作任务", "责任单位", None, "完成时限"])
    ws.append([None, None, None, "牵头单位", "配合单位", None])
    for col in "ABCF":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:E2")
    ws.append(
        [
            1,
            "营商环境",
            "推进“一网通办”改革",
            "区政务服务中心",
            "区大数据局",
            dt.datetime(2024, 6, 30),
        ]
    )
    ws.append([2, None, "优化企业开办\n流程", "区市场监管局", None, "9月底前"])
    ws.merge_cells("B4:B5")
    ws.append(["二、城市建设"])
    ws.merge_cells("A6:F6")
    ws.append(
        [
            3,
            "城市更新",
            "完成老旧小区改造30个",
            "区住建局\n各街道办事处",
            None,
            dt.date(2024, 12, 31),
        ]
    )
    ws.append([4, "城市更新", "新建口袋公园5处", "区城管局", "区财政局", 2024.0])
    ws.append([None, None, None, None, None, None])
    notes = wb.create_sheet("说明")
    notes.append(["本表由区政府办公室汇总。"])
    wb.save(path)
    return path


@pytest.fixture
def make_xlsx(tmp_path: Path) -> Callable[[str], Path]:
    return lambda name="tasks.xlsx": build_xlsx(tmp_path / name)
