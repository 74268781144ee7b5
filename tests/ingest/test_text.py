"""Plain text and Markdown files: encodings, line endings, front matter, structure."""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.ingest import ingest_file
from pipeline.models import Block

Write = Callable[..., Path]

DOC = """关于做好2024年重点工作的通知

各街道办事处：
　　一、加快项目建设。3月底前完成10个项目开工，年底前全部竣工。
　　二、优化营商环境。

区政府办公室
2024年1月16日
"""


def test_utf8(write: Write) -> None:
    [doc] = ingest_file(write("a.txt", DOC))
    assert doc.encoding == "utf-8"
    assert doc.title == "关于做好2024年重点工作的通知"
    assert [b.text for b in doc.blocks][
        2
    ] == "一、加快项目建设。3月底前完成10个项目开工，年底前全部竣工。"
    assert (doc.published, doc.date_basis) == (dt.date(2024, 1, 16), "text")
    assert doc.issuer == "区政府办公室"
    assert all(b.heading == 0 for b in doc.blocks)


def test_a_one_sentence_note_is_content_not_its_own_title(write: Write) -> None:
    from pipeline.extract import extract

    [doc] = ingest_file(write("note.txt", "各街道要在3月底前完成摸底排查，5月上旬前报送总结。\n"))
    assert doc.title == "note"  # a sentence is not a title: the file's name stands in
    tasks = extract(doc, dt.date(2026, 3, 1))
    assert [t.due for t in tasks] == [
        dt.date(2026, 3, 31),
        dt.date(2026, 5, 10),
    ]
    # a short first line without a sentence's end is still the title
    [titled] = ingest_file(write("t.txt", "春季防火工作安排\n各街道3月底前完成排查。\n"))
    assert titled.title == "春季防火工作安排"


def test_utf8_bom_crlf_keeps_line_numbers(write: Write) -> None:
    data = codecs.BOM_UTF8 + DOC.replace("\n", "\r\n").encode()
    [doc] = ingest_file(write("bom.txt", data))
    assert doc.encoding == "utf-8-sig"
    assert [(b.line, b.text[:4]) for b in doc.blocks][:3] == [
        (1, "关于做好"),
        (3, "各街道办"),
        (4, "一、加快"),
    ]
    assert not any("\r" in b.text or "\ufeff" in b.text for b in doc.blocks)


def test_cr_cr_lf_and_cr_only(write: Write) -> None:
    [doc] = ingest_file(write("crcrlf.txt", "第一章　总则\r\r\n第一条　为了规范管理。\r\r\n"))
    assert [b.text for b in doc.blocks] == ["第一章 总则", "第一条 为了规范管理。"]
    [doc] = ingest_file(write("cr.txt", "标题\r第一条　为了规范管理。\r"))
    assert [(b.line, b.text) for b in doc.blocks] == [(1, "标题"), (2, "第一条 为了规范管理。")]


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb18030_synthetic(write: Write, codec: str) -> None:
    """Synthetic: a UTF-8 string encoded as GBK/GB18030 (the corpus holds no real one)."""
    [doc] = ingest_file(write(f"{codec}.txt", DOC, encoding=codec))
    assert doc.encoding == "gb18030"
    assert doc.published == dt.date(2024, 1, 16)
    assert "3月底前完成10个项目开工" in doc.text


def test_utf16_with_bom(write: Write) -> None:
    [doc] = ingest_file(write("u16.txt", DOC, encoding="utf-16"))
    assert doc.encoding == "utf-16"
    assert doc.title.startswith("关于做好")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \n\r\n\t\n", "empty file"),
        ("nul.txt", "正文".encode() + b"\x00\x01\x02binary", "binary"),
        ("ctl.txt", bytes(range(1, 9)) * 50 + "正文".encode(), "binary"),
        ("bad.txt", b"\xfd\xfc\x80\x81\x82\xff\xfe" * 10, "not UTF-8 or GB18030"),
        ("bad16.txt", b"\xff\xfe" + bytes(range(128, 256)), "UTF-16"),
        ("latin.txt", "Café déjà vu, naïve résumé. ".encode("cp1252") * 5, "not UTF-8 or GB18030"),
        ("bom-bad.txt", codecs.BOM_UTF8 + b"ok \xff\xfe", "invalid UTF-8"),
        ("zip.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40, "binary"),
    ],
)
def test_bad_text_names_the_file(write: Write, name: str, content: bytes, reason: str) -> None:
    path = write(name, content)
    with pytest.raises(IngestError) as err:
        ingest_file(path)
    assert str(path) in str(err.value) and reason in str(err.value)


def test_size_guard(write: Write) -> None:
    path = write("big.txt", "正文。\n" * 1000)
    with pytest.raises(IngestError, match=r"big\.txt: file is .* MB, above the .* limit"):
        ingest_file(path, max_bytes=1000)
    assert ingest_file(path)


FRONT = """---
date: 2021-03-15
title: 2021年工作要点
issuer: 某区人民政府
---
# 2021年工作要点

正文第一段，3月底前完成。
"""


def test_front_matter(write: Write) -> None:
    [doc] = ingest_file(write("plan.md", FRONT), as_of=dt.date(2024, 1, 1))
    assert (doc.published, doc.date_basis) == (dt.date(2021, 3, 15), "front-matter")
    assert (doc.title, doc.issuer) == ("2021年工作要点", "某区人民政府")
    assert doc.blocks[0] == Block("2021年工作要点", 6, 1)
    assert doc.blocks[1].line == 8
    [txt] = ingest_file(write("plan.txt", FRONT))
    assert txt.date_basis == "front-matter" and txt.blocks[0] == Block("# 2021年工作要点", 6, 0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "---\ndate: 2021-03-15\ntitle: [unclosed\n---\n正文。\n",
            "line 3: invalid YAML front matter",
        ),
        (
            "---\ndate: 2021-03-15\n正文。\n",
            "line 1: front matter opened with '---' is never closed",
        ),
        ("---\ndate: 三月\n---\n正文。\n", "key 'date' must be YYYY-MM-DD"),
    ],
)
def test_bad_front_matter(write: Write, text: str, message: str) -> None:
    path = write("fm.md", text)
    with pytest.raises(IngestError, match=message) as err:
        ingest_file(path)
    assert str(path) in str(err.value)


def test_rule_line_is_not_front_matter(write: Write) -> None:
    [doc] = ingest_file(write("rule.txt", "---\n某某通知\n---\n正文。\n"))
    assert [b.text for b in doc.blocks] == ["---", "某某通知", "---", "正文。"]


MARKDOWN = """# 2024年工作方案

## 一、总体要求

坚持稳中求进，确保各项任务
落地见效。

二级标题
--------

- 第一项任务，3月底前完成。
- 第二项任务，**6月底前**完成。
1. 有序的第一项。

> 引用的一段话。

```
code block is skipped
```

| 序号 | 工作任务 | 责任单位 | 完成时限 |
|---|---|---|---|
| 1 | 推进[一网通办](http://x) | 区政务服务中心 | 2024年6月底前 |
| 2 | 老旧小区改造 | 区住建局 | 年底前 |

| 姓名 | 电话 |
|---|---|
| 张三 | 123 |
"""


def test_markdown_structure(write: Write) -> None:
    [doc] = ingest_file(write("plan.md", MARKDOWN))
    got = [(b.heading, b.text) for b in doc.blocks]
    assert got[:4] == [
        (1, "2024年工作方案"),
        (2, "一、总体要求"),
        (0, "坚持稳中求进，确保各项任务落地见效。"),
        (2, "二级标题"),
    ]
    assert (0, "第二项任务，6月底前完成。") in got
    assert (0, "1. 有序的第一项。") in got
    assert (0, "引用的一段话。") in got
    assert not any("code block" in t for _, t in got)
    assert (0, "姓名 电话") in got and (0, "张三 123") in got
    assert [(r.task, r.lead, r.deadline, r.section) for r in doc.rows] == [
        ("推进一网通办", "区政务服务中心", "2024年6月底前", "二级标题"),
        ("老旧小区改造", "区住建局", "年底前", "二级标题"),
    ]
    assert doc.rows[0].line == 23


@pytest.mark.parametrize(
    ("plain", "marked"),
    [
        (
            "10月底前完成控规调整，\n11月底前完成方案设计。",
            "10月底前完成**控规调整**，\n11月底前完成[方案设计](http://x.cn)。",
        ),
        ("年底前完成验收。", "年底前完成`验收`。"),
        ("年底前完成验收", "年底前完成&#39564;收"),
    ],
)
def test_markdown_paragraphs_with_and_without_inline_markup_read_alike(
    plain: str, marked: str
) -> None:
    # A plain paragraph is one text node, a marked one several (emphasis, links, code,
    # entities). Either way it reads as its text, soft-wrapped lines joined, on its first line.
    from pipeline.ingest.text import parse_text

    head = "# 通知\n\n一、重点任务\n\n"
    a = parse_text(head + plain + "\n", markdown=True).blocks
    b = parse_text(head + marked + "\n", markdown=True).blocks
    assert [(x.text, x.line) for x in a] == [(x.text, x.line) for x in b]
    assert a[-1].line == 5 and "\n" not in a[-1].text


def test_a_hard_break_still_splits_a_plain_markdown_paragraph() -> None:
    from pipeline.ingest.text import parse_text

    blocks = parse_text("10月底前完成调整。  \n11月底前完成设计。\n", markdown=True).blocks
    assert [(b.text, b.line) for b in blocks] == [
        ("10月底前完成调整。", 1),
        ("11月底前完成设计。", 2),
    ]


def test_markdown_items_quotes_and_inline_forms_read_as_their_text() -> None:
    from pipeline.ingest.text import parse_text

    text = (
        "# 标题\n\n"
        "3) 区住建局&amp;区城管局负责，\\*年底前*完成改造![图](x.png)<b>。</b>\n"
        "4) 国庆前完成验收。\n\n"
        "- 第一项\n\n  - 嵌套的一项，6月底前完成。\n\n"
        "> 1. 引用里的第一项，\n>    9月底前完成。\n"
    )
    blocks = parse_text(text, markdown=True).blocks
    assert [(b.text, b.line) for b in blocks] == [
        ("标题", 1),
        ("3) 区住建局&区城管局负责，*年底前*完成改造。", 3),
        ("4) 国庆前完成验收。", 4),
        ("第一项", 6),
        ("嵌套的一项，6月底前完成。", 8),
        ("1. 引用里的第一项，9月底前完成。", 10),
    ]


def test_markdown_line_numbers_count_lines_not_bytes() -> None:
    # The parser's source map is in bytes of UTF-8; a Chinese character is three of them.
    from pipeline.ingest.text import parse_text

    text = "通知通知通知\n\n" * 5 + "一、重点任务。\n\n二、年底前完成。\n"
    blocks = parse_text(text, markdown=True).blocks
    assert [(b.text, b.line) for b in blocks][-2:] == [
        ("一、重点任务。", 11),
        ("二、年底前完成。", 13),
    ]


@pytest.mark.parametrize(
    "nest",
    [
        ">" * 70_000,  # the parser's tree would overflow the stack when freed: a crash
        "- " * 30_000,
        "1. " * 30_000,
        "**" * 50_000 + "年底前完成改造。" + "**" * 50_000,  # quadratic: minutes
        "*甲 " * 20_000 + "年底前完成改造。" + " 乙*" * 20_000,
        ">" * 300,  # below the cut-off, deep enough for Python's recursion limit
    ],
)
def test_markdown_nested_beyond_reason_is_read_as_plain_lines(
    nest: str, write: Write, tmp_path: Path
) -> None:
    # In a child process: a crash of the parser must fail this test, not end the run.
    import subprocess
    import sys

    path = write("deep.md", f"# 通知\n\n{nest}年底前完成改造。\n")
    code = (
        "import sys\nfrom pipeline.ingest import ingest_file\n"
        f"[doc] = ingest_file({str(path)!r})\n"
        "print(sum('年底前完成改造。' in b.text for b in doc.blocks))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert int(done.stdout) >= 1


def test_markdown_ordered_items_keep_their_numbers_as_written() -> None:
    from pipeline.ingest.text import parse_text

    text = (
        "1. 甲\n1. 乙\n\n10. 十\n\n01) 零一\n\n1. > 引用的任务10月底前完成\n\n> 3. 引用里的第三项\n"
    )
    assert [b.text for b in parse_text(text, markdown=True).blocks] == [
        "1. 甲",
        "1. 乙",
        "10. 十",
        "01) 零一",
        "1. 引用的任务10月底前完成",
        "3. 引用里的第三项",
    ]


def test_raw_html_in_a_markdown_table_cell_is_left_out_of_its_text() -> None:
    from pipeline.ingest.text import parse_text

    text = "| 工作任务 | 责任单位 | 完成时限 |\n|---|---|---|\n| 老旧小区<br>改造 | 区住建局 | 年底前 |\n"
    rows = parse_text(text, markdown=True).rows
    assert [(r.task, r.lead, r.deadline) for r in rows] == [("老旧小区改造", "区住建局", "年底前")]


def test_a_reprinting_sites_copyright_notice_is_no_text(tmp_path: Path) -> None:
    """ "[免责声明] …版权归原作者所有，…请在30日内与本网联系": page furniture, not a 30-day task."""
    path = tmp_path / "n.txt"
    path.write_text(
        "关于做好供热工作的通知\n各单位要于12月1日前完成管网检修。\n"
        "[免责声明] 本文来源于网络转载，仅供学习交流使用。版权归原作者所有，如涉及作品内容、版权"
        "和其它问题，请在30日内与本网联系。\n",
        encoding="utf-8",
    )
    [doc] = ingest_file(path)
    assert [b.text for b in doc.blocks if "版权" in b.text] == []


def test_a_short_line_left_inside_an_open_bracket_continues(write: Write) -> None:
    """A forum repost broken at odd places: "…其他设区市（含" is cut inside its bracket, no
    heading; the lines rejoin into one sentence."""
    text = "黑臭水体整治情况通报\n按照要求，到2027年底，\n省会城市黑臭水体基本消除，其他设区市（含\n定州、\n辛集）消除比例达到60%。\n"
    [doc] = ingest_file(write("w.txt", text))
    assert [b.text for b in doc.blocks[1:]] == [
        "按照要求，到2027年底，省会城市黑臭水体基本消除，其他设区市（含定州、辛集）消除比例达到60%。"
    ]
