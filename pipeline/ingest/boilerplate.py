"""Web-page residue in captured text: data tables and one filter over paragraphs.

Government pages copied into text (the provincial CSVs, saved pages) keep toolbar, font-size
widget, breadcrumb, source/editor lines, share buttons, photo credits and related-link lists;
exports keep their own headers (PKULaw) and footers (Wikisource's licence notice).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.models import Block

# Paragraphs that are nothing but a widget or toolbar label.
EXACT = frozenset(
    str.split(
        """
    下载 打印 全屏 收藏 加大 还原 减小 】 【 > » › | × 首页 打印本页 关闭窗口 关闭本页 【打印】 【关闭】
    【打印本页】 【关闭窗口】 扫一扫在手机打开当前页 扫一扫在手机上查看当前页面 分享 分享: 分享： 分享到
    分享到: 分享到： 分享到微信 分享到微博 微信 微博 QQ空间 返回顶部 上一篇 下一篇 打印文章 关闭文章 字号
    【字体：大中小】 【字号：大中小】 【字体:大中小】 【字号:大中小】 【大中小】 [打印] [关闭]
    """
    )
)
_WIDGET_START = re.compile(r"^【?(?:字[号体]|字体大小)[:：]")
_CRUMB_START = re.compile(r"^(?:首页|您的位置|当前位置|您现在的位置)[:：]?")
_CRUMB_INLINE = re.compile(r"^(?:您的位置|当前位置|您现在的位置)[:：]|^首页\s*[>»›]")
_PATTERNS = [
    re.compile(r"^(?:信息|文章|稿件)?来源[:：][^，。；]{0,30}$"),
    re.compile(r"^(?:责任编辑|编辑|责编|校对|审核|审校|初审|复审|终审|撰稿|作者)[:：].{0,30}$"),
    re.compile(r"^[0-9a-f]{32}[:：]?$"),
    re.compile(r"^》》.{0,20}《《$"),
    re.compile(r"^.{0,40}(?:本报|新华社|通讯员|摄影)?记者.{0,12}摄[)）]?$"),
    re.compile(r"^(?:制图|摄影|供图|图片来源)[:：\s]+\S{1,12}$"),
    re.compile(r"^【法宝引证码】|^原文链接[:：]\s*https?://\S+$"),  # PKULaw export header
    re.compile(r"^原标题[:：].{0,60}$"),  # a reprint's original headline: the title again
    re.compile(r"^(?:浏览|访问|阅读)(?:次数|量)?[:：]\s*\d+$"),
    # a site's date widget: "今天是：2025年12月06日 星期六" (it dates the visit, not the page)
    re.compile(
        r"^(?:今天是|今日是|今天|今日)[:：]?\s*"
        r"(?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}).{0,12}$"
    ),
    re.compile(r"^(?:【[^】]{1,6}】\s*){2,}$"),
    # a reprinting site's copyright notice: "版权归原作者所有，如涉及…问题，请在30日内与本网联系"
    re.compile(r"^[\[(（【]?(?:免责声明|版权声明)[\])）】:：]"),
]
# A related-links list near the end: it and everything after it go.
# …and a wiki's licence footer ("本作品是中华人民共和国的法律、法规…属于公有领域").
_TAIL_MARKERS = re.compile(
    r"^(?:相关(?:报道|文档|附件|链接|新闻|阅读|稿件|文件|解读))\s*[:：>》]*$"
    r"|^本作品(?:是中华人民共和国|来自中华人民共和国|在全世界都属于公有领域)"
)
TAIL_WINDOW = 40


def is_boilerplate(text: str) -> bool:
    """A paragraph that is page furniture on its own."""
    if text in EXACT or text.replace(" ", "") in EXACT:
        return True
    return any(p.match(text) for p in _PATTERNS)


def strip_boilerplate(blocks: Sequence[Block]) -> list[Block]:
    """Drop page furniture; headings are never dropped."""
    out: list[Block] = []
    widget = crumb = after_sep = value_next = False
    tail_start = max(len(blocks) - TAIL_WINDOW, 0)
    for i, block in enumerate(blocks):
        text = block.text
        if block.heading:
            out.append(block)
            widget = crumb = value_next = False
            continue
        if i >= tail_start and _TAIL_MARKERS.match(text):
            break
        if widget:  # 【字号： / 加大 / 还原 / 减小 / 】
            widget = "】" not in text and len(text) <= 4
            if widget or "】" in text:
                continue
        if crumb:  # 首页 / > / 政府信息公开 / > / 政府工作报告
            if text in _SEPARATORS:
                after_sep = True
                continue
            if after_sep and len(text) <= 12:
                after_sep = False
                continue
            crumb = after_sep = False
        if value_next:  # "来源：" with its value on the next line
            value_next = False
            if len(text) <= 20:
                continue
        if _WIDGET_START.match(text):
            widget = "】" not in text
            continue
        if _CRUMB_INLINE.match(text) or (_CRUMB_START.match(text) and len(text) <= 8):
            crumb, after_sep = True, False
            continue
        if text.rstrip(":：") in ("来源", "信息来源"):
            value_next = True
            continue
        if not is_boilerplate(text):
            out.append(block)
    return out


_SEPARATORS = frozenset(">»›/")
