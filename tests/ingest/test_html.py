"""HTML pages: the article body without page furniture, the page date, tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.ingest import ingest_file
from pipeline.ingest.html import find_body, parse_html
from pipeline.ingest.html_tree import parse_tree

Write = Callable[..., Path]

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>关于加快推进政务服务改革的通知_某区人民政府</title>
<style>.x { color: red }</style>
<script>var share = "分享到微信"; document.write("广告");</script>
</head>
<body>
<header><div class="logo">某区人民政府门户网站</div></header>
<nav><ul><li>首页</li><li>政务公开</li><li>政策文件</li></ul></nav>
<div class="breadcrumb">首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="wrap">
  <div class="sidebar"><p>热点专题</p><p>领导信箱</p></div>
  <div class="article">
    <h1>关于加快推进政务服务改革的通知</h1>
    <div class="info">发布时间：2023-04-12 09:30　来源：区政府办公室</div>
    <div class="toolbar">下载 打印 全屏 收藏 【字号：加大 还原 减小】</div>
    <div id="zoom">
      <p>各街道办事处，区政府各部门：</p>
      <p>　　为深化“放管服”改革，现就有关事项通知如下。</p>
      <h2>一、工作目标</h2>
      <p>　　2023年6月底前，政务服务事项全部实现“一网通办”；
      年底前，高频事项实现“跨省通办”。</p>
      <h3>（一）重点任务</h3>
      <table>
        <tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>完成时限</th></tr>
        <tr><td>1</td><td>建设统一受理平台</td><td rowspan="2">区政务服务中心</td><td>2023年6月底前</td></tr>
        <tr><td>2</td><td>推行告知承诺制</td><td>2023年9月底前</td></tr>
      </table>
      <p>区政府办公室<br>2023年4月10日</p>
    </div>
    <div class="share">分享到：<a>微信</a><a>微博</a></div>
  </div>
</div>
<footer><p>主办单位：某区人民政府办公室　版权所有</p></footer>
</body></html>
"""


def test_article_body_without_furniture(write: Write) -> None:
    [doc] = ingest_file(write("notice.html", PAGE))
    texts = [b.text for b in doc.blocks]
    assert doc.title == "关于加快推进政务服务改革的通知"
    assert doc.blocks[0].heading == 1 and texts[0] == doc.title
    assert texts[1].startswith("发布时间：2023-04-12")  # the date line above the body
    assert "各街道办事处，区政府各部门：" in texts
    assert (
        "2023年6月底前，政务服务事项全部实现“一网通办”；年底前，高频事项实现“跨省通办”。" in texts
    )
    joined = "\n".join(texts)
    for furniture in ("广告", "首页", "热点专题", "加大", "分享", "版权所有", "门户网站", "color"):
        assert furniture not in joined, furniture
    assert [(b.heading, b.text) for b in doc.blocks if b.heading > 1] == [
        (2, "一、工作目标"),
        (3, "（一）重点任务"),
    ]


def test_page_date_and_issuer_and_rows(write: Write) -> None:
    [doc] = ingest_file(write("notice.html", PAGE))
    # the page's own 发布时间 outranks the 成文日期 written in the text
    assert (doc.published, doc.date_basis) == (dt.date(2023, 4, 12), "page")
    assert any("2023-04-10" in w for w in doc.warnings)
    assert doc.issuer == "区政府办公室"
    assert [(r.task, r.lead, r.deadline) for r in doc.rows] == [
        ("建设统一受理平台", "区政务服务中心", "2023年6月底前"),
        ("推行告知承诺制", "区政务服务中心", "2023年9月底前"),
    ]
    assert (
        doc.rows[0].line
        == PAGE.split("\n").index(
            '        <tr><td>1</td><td>建设统一受理平台</td><td rowspan="2">区政务服务中心</td><td>2023年6月底前</td></tr>'
        )
        + 1
    )
    line_of = {b.text: b.line for b in doc.blocks}
    assert line_of["各街道办事处，区政府各部门："] == 19


GOV_CN = """<html><head>
<meta name="ArticleTitle" content="国务院关于某事的意见">
<meta name="PubDate" content="2019-02-15 17:00">
</head><body>
<table class="bd1"><tr><td><b>成文日期：</b></td><td>2019年01月27日</td>
<td><b>发文机关：</b></td><td>国务院</td></tr></table>
<div class="pages_content"><table><tbody><tr><td id="UCAP-CONTENT">
<p style="text-align:center">国务院关于某事的意见</p>
<p>国发〔2019〕5号</p>
<p>　　各省、自治区、直辖市人民政府：</p>
<p>　　2019年3月底前，国家卫生健康委推行全国统一的疾病分类编码。（国家卫生健康委负责）</p>
<p style="text-align:right">国务院&nbsp;&nbsp;&nbsp;</p>
<p style="text-align:right">2019年1月27日&nbsp;&nbsp;</p>
</td></tr></tbody></table></div>
</body></html>"""


def test_gov_cn_page_metadata(write: Write) -> None:
    [doc] = ingest_file(write("gov.htm", GOV_CN, encoding="gb18030"))
    assert doc.encoding == "gb18030"
    assert doc.title == "国务院关于某事的意见"
    assert (doc.published, doc.date_basis) == (dt.date(2019, 1, 27), "page")  # 成文日期 first
    assert doc.issuer == "国务院"
    texts = [b.text for b in doc.blocks]
    assert texts[:2] == ["国务院关于某事的意见", "成文日期： 2019年01月27日 发文机关： 国务院"]
    assert "2019年1月27日" in texts


def test_body_by_paragraph_text_without_known_container() -> None:
    root, _ = parse_tree(
        "<div id='menu'><p>首页</p><p>新闻</p></div>"
        "<div id='main'><p>第一段很长的中文内容，讲述工作安排。</p><p>第二段同样很长的中文内容。</p></div>"
    )
    assert find_body(root).attrs["id"] == "main"


def test_fragment_and_unclosed_tags() -> None:
    parsed = parse_html("<p>第一段<p>第二段<br>第三行<li>条目一<li>条目二</ul>")
    assert [b.text for b in parsed.blocks] == ["第一段", "第二段", "第三行", "条目一", "条目二"]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ('<meta name="publishdate" content="2022-05-06">', dt.date(2022, 5, 6)),
        ('<meta property="article:published_time" content="2022-05-07T08:00:00+08:00">', dt.date(2022, 5, 7)),
        ('<meta name="firstpublishedtime" content="2022-05-08-10:00:00">', dt.date(2022, 5, 8)),
    ],
)  # fmt: skip
def test_meta_dates(write: Write, meta: str, expected: dt.date) -> None:
    page = f"<html><head>{meta}</head><body><p>正文内容，已经足够长的中文文本用于测试正文识别。</p></body></html>"
    [doc] = ingest_file(write("m.html", page))
    assert (doc.published, doc.date_basis) == (expected, "page")


def test_as_of_beats_page_date(write: Write) -> None:
    [doc] = ingest_file(write("notice.html", PAGE), as_of=dt.date(2023, 5, 1))
    assert (doc.published, doc.date_basis) == (dt.date(2023, 5, 1), "as-of")
