"""Word documents built with python-docx: order, headings, task tables, failures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from pipeline.errors import IngestError
from pipeline.ingest import ingest_file
from pipeline.models import Block, TableRow

Write = Callable[..., Path]


def test_docx_blocks_in_body_order(make_docx: Callable[[], Path]) -> None:
    [doc] = ingest_file(make_docx())
    assert [(b.heading, b.text) for b in doc.blocks] == [
        (1, "关于印发2024年重点工作任务分解的通知"),
        (0, "各街道办事处，区政府各部门："),
        (1, "一、总体要求"),
        (0, "坚持稳中求进工作总基调，确保各项任务落地见效。"),
        (2, "（一）重点任务"),
        (0, "附：联系人名单"),
        (0, "姓名 电话"),  # an ordinary table: one block per row
        (0, "张三 12345"),
        (0, "管城回族区人民政府办公室"),  # a soft line break splits the paragraph
        (0, "2024年3月1日"),
    ]
    # line = paragraph index, a table row counting as one
    assert [b.line for b in doc.blocks] == [1, 2, 3, 4, 5, 11, 12, 13, 14, 14]
    assert doc.title == "关于印发2024年重点工作任务分解的通知"


def test_docx_task_table(make_docx: Callable[[], Path]) -> None:
    [doc] = ingest_file(make_docx())
    assert doc.rows == (
        TableRow(8, "推进一网通办改革", "区政务服务中心", "区大数据局", "2024年6月底前", "（一）重点任务 › 营商环境"),
        TableRow(9, "优化企业开办流程", "区市场监管局", "", "9月底前", "（一）重点任务 › 营商环境"),
        TableRow(10, "完成老旧小区改造30个", "区住建局", "各街道", "年底前", "（一）重点任务 › 城市建设"),
    )  # fmt: skip


def test_docx_dates(make_docx: Callable[[], Path], write: Write) -> None:
    [doc] = ingest_file(make_docx())
    # the 成文日期 in the text beats the file's creation date (a template's, often)
    assert (doc.published, doc.date_basis) == (dt.date(2024, 3, 1), "text")
    assert doc.issuer == "管城回族区人民政府办公室"
    d = docx.Document()
    d.core_properties.created = dt.datetime(2022, 3, 4, 20, 0)  # UTC: 5 March in Shanghai
    d.add_paragraph("会议纪要")
    d.add_paragraph("会议研究了有关工作。")
    path = write("plain.docx", b"")
    d.save(path)
    [plain] = ingest_file(path)
    assert (plain.published, plain.date_basis) == (dt.date(2022, 3, 5), "page")


def test_docx_outline_level_style(write: Write) -> None:
    d = docx.Document()
    style = d.styles.add_style("公文一级标题", 1)
    p_pr = style.element.get_or_add_pPr()
    outline = p_pr.makeelement(p_pr.tag.replace("pPr", "outlineLvl"), {})
    outline.set(p_pr.tag.replace("pPr", "val"), "0")
    p_pr.append(outline)
    d.add_paragraph("一、总体要求", style="公文一级标题")
    d.add_paragraph("正文。")
    path = write("outline.docx", b"")
    d.save(path)
    [doc] = ingest_file(path)
    assert doc.blocks[0] == Block("一、总体要求", 1, 1)


def test_truncated_docx(make_docx: Callable[[], Path], write: Write) -> None:
    data = make_docx().read_bytes()
    path = write("cut.docx", data[: len(data) // 2])
    with pytest.raises(IngestError, match=r"cut\.docx: not a valid \.docx file") as err:
        ingest_file(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize("content", [b"just some text", b"PK\x03\x04garbage", "正文".encode()])
def test_not_a_docx(write: Write, content: bytes) -> None:
    path = write("fake.docx", content)
    with pytest.raises(IngestError) as err:
        ingest_file(path)
    assert str(path) in str(err.value)
