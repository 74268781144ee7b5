"""Files of many documents: JSON Lines, CSV tables of texts, MySQL INSERT dumps."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.ingest import ingest_file
from pipeline.ingest.sqldump import unescape

Write = Callable[..., Path]

REPORT = "政府工作报告\n\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n\n各位代表：\n年底前完成改革任务。"
RESOLUTION = "第十三届全国人民代表大会第二次会议听取和审议了国务院总理李克强所作的\n政府工作报告\n。会议充分肯定国务院过去一年的工作。"


def jsonl(*records: dict[str, object]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def test_jsonl_documents(write: Write, tmp_path: Path) -> None:
    path = write(
        "reports.jsonl",
        jsonl(
            {"title": "2017年政府工作报告", "url": "u1", "content": REPORT, "year": 2017},
            {"title": "关于政府工作报告的决议", "url": "u2", "content": RESOLUTION, "year": None},
            {"title": "2025年政府工作报告", "content": "各位代表：\n现在报告工作。", "year": 2025},
            {"title": "空", "content": "", "year": 2020},
        ),
    )
    docs = ingest_file(path, base_dir=tmp_path)
    assert [d.key for d in docs] == ["reports.jsonl#1", "reports.jsonl#2", "reports.jsonl#3"]
    report, resolution, bare = docs
    assert (report.title, report.published, report.date_basis) == (
        "2017年政府工作报告",
        dt.date(2017, 3, 5),
        "text",
    )
    assert (resolution.published, resolution.date_basis) == (dt.date(2019, 1, 1), "year-only")
    assert "所作的政府工作报告。会议充分肯定" in resolution.blocks[0].text
    assert (bare.published, bare.date_basis) == (dt.date(2025, 1, 1), "year-only")
    assert any("year only" in w for w in bare.warnings)
    data = path.read_bytes()
    assert report.sha256 == hashlib.sha256(data + b"#1").hexdigest()
    assert len({d.sha256 for d in docs}) == 3


def test_jsonl_ids_and_text_fields(write: Write) -> None:
    path = write("x.jsonl", jsonl({"id": "gw-7", "text": "正文。", "date": "2021-06-01"}))
    [doc] = ingest_file(path)
    assert doc.key.endswith("x.jsonl#gw-7")
    assert (doc.published, doc.date_basis) == (dt.date(2021, 6, 1), "table")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"title": "a", "content": "正文"}\n{"title": "b", "content": "正\n',
            "line 2: invalid JSON",
        ),
        ('{"title": "a", "content": "正文"}\n[1, 2]\n', "line 2: expected a JSON object"),
        ('{"title": "a", "body_html": "正文"}\n', "no record has a text field"),
        ("\n\n", "empty file"),
    ],
)
def test_bad_jsonl(write: Write, content: str, message: str) -> None:
    path = write("bad.jsonl", content)
    with pytest.raises(IngestError, match=message) as err:
        ingest_file(path)
    assert str(path) in str(err.value)


PROVINCIAL = (
    "province,year,title,source_url,publish_date,full_text\n"
    '北京市,2026,2026年北京市政府工作报告,https://x,2026-02-02,"下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n'
    "2026年北京市政府工作报告\n——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n来源：北京日报\n"
    '时间：2026-02-02\n各位代表：\n一、2025年工作回顾\n年底前完成改革任务。\n相关报道："\n'
    '天津市,2026,2026年天津市政府工作报告,https://y,2026-02-03,"各位代表：\n现在报告工作。"\n'
)


def test_csv_of_documents(write: Write, tmp_path: Path) -> None:
    """Like the corpus's provincial CSVs: UTF-8 with BOM, one report per row, web residue."""
    path = write("reports.csv", codecs.BOM_UTF8 + PROVINCIAL.replace("\n", "\r\n").encode())
    docs = ingest_file(path, base_dir=tmp_path)
    assert [d.key for d in docs] == ["reports.csv#1", "reports.csv#2"]
    beijing = docs[0]
    assert beijing.title == "2026年北京市政府工作报告"
    assert (beijing.published, beijing.date_basis) == (dt.date(2026, 2, 2), "table")
    assert any("2026-01-25" in w for w in beijing.warnings)  # the dateline disagrees
    texts = [b.text for b in beijing.blocks]
    assert texts == [
        "2026年北京市政府工作报告",
        "——2026年1月25日在北京市第十六届人民代表大会第四次会议上",
        "时间：2026-02-02",
        "各位代表：",
        "一、2025年工作回顾",
        "年底前完成改革任务。",
    ]
    assert beijing.encoding == "utf-8-sig"


SQL = r"""-- MySQL dump
SET NAMES utf8mb4;
/* a comment with insert into x values (1); inside */
CREATE TABLE `ge_policy_raw` (`id` int, `content` longtext);
insert into ge_policy_raw (id, crawl_url, title, release_office, release_number, wiritten_time, content, html) values (1, 'http://www.gov.cn/zhengce/content/2019-02/15/content_1.htm', '国务院关于推行“双随机、一公开”监管的意见', '国务院', '国发〔2019〕5号', '2019-03-15 15:09:45', '<tbody><tr><td id="UCAP-CONTENT"><p>国务院关于推行监管的意见</p><p>国发〔2019〕5号</p><p>　　2019年3月底前，市场监管总局建立抽查事项清单。（市场监管总局负责）</p><p>It''s a \'quoted\' \\ path</p><p>国务院</p><p>2019年1月27日</p></td></tr></tbody>', '<table><tr><td><b>成文日期：</b></td><td>2019年01月27日</td><td><b>发文机关：</b></td><td>国务院</td></tr></table>');
INSERT INTO `ge_policy_raw` (`id`, `title`, `content`) VALUES (2, '国务院办公厅关于某事的通知', '<p>国办发〔2018〕9号</p><p>各省人民政府：</p><p>正文。</p>'), (3, '无正文', NULL);
"""


def test_sql_dump(write: Write, tmp_path: Path) -> None:
    docs = ingest_file(write("policy.sql", SQL), base_dir=tmp_path)
    assert [d.key for d in docs] == ["policy.sql#1", "policy.sql#2"]
    first, second = docs
    assert first.title == "国务院关于推行“双随机、一公开”监管的意见"
    assert (first.published, first.date_basis, first.issuer) == (
        dt.date(2019, 1, 27),
        "page",
        "国务院",
    )
    texts = [b.text for b in first.blocks]
    assert "2019年3月底前，市场监管总局建立抽查事项清单。（市场监管总局负责）" in texts
    assert "It's a 'quoted' \\ path" in texts
    assert [b.line for b in first.blocks] == list(range(1, len(texts) + 1))
    # no page, no 成文日期: the 发文字号 gives the year only
    assert (second.published, second.date_basis) == (dt.date(2018, 1, 1), "year-only")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "insert into t (id, content) values (1, 'unterminated\n",
            "line 1: unterminated string literal",
        ),
        ("CREATE TABLE t (id int);\n", "no INSERT statements"),
        ("insert into t values (1, 'x');\n", "line 1: INSERT without a column list"),
        ("insert into t (id, content) values (1);\n", "1 values for 2 columns"),
        ("insert into t (id, title) values (1, 'x');\n", "no inserted row has a text column"),
    ],
)
def test_bad_sql(write: Write, content: str, message: str) -> None:
    path = write("bad.sql", content)
    with pytest.raises(IngestError, match=message) as err:
        ingest_file(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    ("body", "value"),
    [
        (r"It\'s", "It's"),
        ("It''s", "It's"),
        (r"a\\b", "a\\b"),
        (r"a\nb", "a\nb"),
        (r"50\%", r"50\%"),
    ],
)
def test_unescape(body: str, value: str) -> None:
    assert unescape(body) == value
