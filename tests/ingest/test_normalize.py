"""Character normalisation, paragraph rejoining and boilerplate removal (pure)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.ingest import ingest_file
from pipeline.ingest.boilerplate import strip_boilerplate
from pipeline.ingest.normalize import build_blocks, normalize_text, rejoin
from pipeline.models import Block


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("　　第一条　为了规范管理", "第一条 为了规范管理"),  # U+3000 indentation and gap
        ("２０１９年３月底前完成ＡＢＣ", "2019年3月底前完成ABC"),  # full-width digits and letters
        ("增长５．４％", "增长5.4%"),
        ("“一网通办”，确保；完成：", "“一网通办”，确保；完成："),  # Chinese punctuation stays
        ("（一）指导思想。", "（一）指导思想。"),
        ("本报讯 近日,管城回族区(扩大)会议召开", "本报讯 近日，管城回族区（扩大）会议召开"),
        ("办法(试行):第一条", "办法（试行）：第一条"),
        ('实现"掌上办",推行"one"', '实现“掌上办”，推行"one"'),
        ("增长6.7%,名列前茅", "增长6.7%，名列前茅"),
        ("2,000元 10:30 (a) b", "2,000元 10:30 (a) b"),  # ASCII between digits/Latin stays
        ("\u200b政府\u00a0工作\ufeff报告", "政府 工作报告"),  # invisible characters, NBSP
        ("国 家 粮 食 应 急 预 案 的 函", "国家粮食应急预案的函"),  # letter-spaced title
        ("目 录", "目 录"),  # two characters may be two table cells
        ("上海市市长 龚 正", "上海市市长 龚 正"),
        ("⼀⼆", "一二"),  # Kangxi radicals from PDF extraction
        ("a\tb\x07c", "a bc"),
        # pinyin a mirror site wrote after characters goes; Latin words in brackets stay
        ("欠薪案件在春節(jié)前動態(tài)清零", "欠薪案件在春節前動態清零"),
        ("农(nóng)民工工资(pinyin)", "农民工工资(pinyin)"),
        ("凉州zhōu区清{pinyin:qīng}水小学", "凉州区清水小学"),
        ("Beijing北京、café咖啡", "Beijing北京、café咖啡"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def blocks(*texts: str | tuple[str, int]) -> list[Block]:
    out = []
    for i, t in enumerate(texts):
        text, heading = (t, 0) if isinstance(t, str) else t
        out.append(Block(text, 2 * i + 1, heading))
    return out


LONG_BROKEN = "下半年，管城区将持续提升政务服务水平。重点要抓好改革，年底前85%的政务服务事"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # broken mid-word after a long unpunctuated paragraph
        (("标题", LONG_BROKEN, "项要实现“一网通办”，新增事项150项。"),
         ["标题", LONG_BROKEN + "项要实现“一网通办”，新增事项150项。"]),
        # a short heading-like line stays; so does the paragraph before it
        (("标题", "本报讯 近日，管城回族区会议召开。会议落实全会精神，记者 柴琳琳 文/图", "奋力冲刺", "正文。"),
         ["标题", "本报讯 近日，管城回族区会议召开。会议落实全会精神，记者 柴琳琳 文/图", "奋力冲刺", "正文。"]),
        # ends with a comma: continues whatever its length
        (("标题", "支持群团组织依法参与社会治理，", "发展专业社会工作。"),
         ["标题", "支持群团组织依法参与社会治理，发展专业社会工作。"]),
        # the next line cannot start a paragraph
        (("标题", "政府工作报告", "。会议充分肯定国务院的工作。"), ["标题", "政府工作报告。会议充分肯定国务院的工作。"]),
        # a fragment completed by the line after it
        (("标题", "第十四届全国人民代表大会第三次会议听取和审议了国务院总理李强所作的", "政府工作报告", "。会议号召。"),
         ["标题", "第十四届全国人民代表大会第三次会议听取和审议了国务院总理李强所作的政府工作报告。会议号召。"]),
        # sentence-final punctuation ends the paragraph
        (("标题", "这是完整的一段话，而且相当长，超过了三十个字符的门槛，到此结束。", "下一段。"),
         ["标题", "这是完整的一段话，而且相当长，超过了三十个字符的门槛，到此结束。", "下一段。"]),
        # the first paragraph (the title) never continues
        (("管城回族区十六届人民政府第四次全体会议召开 以更强的干劲推动经济社会平稳运行向好发展", "本报讯 近日，会议召开。"),
         ["管城回族区十六届人民政府第四次全体会议召开 以更强的干劲推动经济社会平稳运行向好发展", "本报讯 近日，会议召开。"]),
        # a long document title repeated (PKULaw), a numbered heading, an outline after
        (("【法宝引证码】", "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和行动计划的通知",
          "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和行动计划的通知"),
         ["【法宝引证码】", "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和行动计划的通知",
          "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和行动计划的通知"]),
        (("标题", "二、坚持以习近平新时代中国特色社会主义思想为指导全面贯彻新发展理念", "正文在这里。"),
         ["标题", "二、坚持以习近平新时代中国特色社会主义思想为指导全面贯彻新发展理念", "正文在这里。"]),
        (("标题", "这一段很长但是没有句号结尾而且下一段是一个编号标题所以不能合并在一起", "（三）营造良好环境。"),
         ["标题", "这一段很长但是没有句号结尾而且下一段是一个编号标题所以不能合并在一起", "（三）营造良好环境。"]),
        # a URL never continues
        (("标题", "原文链接：https://www.pkulaw.com/lar/ea5258e56c60aba96802bb670d6bf530bdfb.html", "正文。"),
         ["标题", "原文链接：https://www.pkulaw.com/lar/ea5258e56c60aba96802bb670d6bf530bdfb.html", "正文。"]),
        # Latin words broken across lines get a space
        (("标题", "This paragraph is long enough and it is broken in the middle of its", "sentence here."),
         ["标题", "This paragraph is long enough and it is broken in the middle of its sentence here."]),
        # a bulleted summary line ends before the next bullet, punctuated or not
        (("标题", "●目前全区还有一百二十户未完成搬迁入住工作，将确保6月底前全部入住", "●“十四五”期间，全区计划搬迁三千户；目前，两千套住房已全部建成"),
         ["标题", "●目前全区还有一百二十户未完成搬迁入住工作，将确保6月底前全部入住", "●“十四五”期间，全区计划搬迁三千户；目前，两千套住房已全部建成"]),
        # formatted headings are never joined
        (("标题", ("一个很长很长的标题文字，它没有句号，而且超过三十个字符的长度限制呢", 2), "正文。"),
         ["标题", "一个很长很长的标题文字，它没有句号，而且超过三十个字符的长度限制呢", "正文。"]),
    ],
)  # fmt: skip
def test_rejoin(texts: tuple[str, ...], expected: list[str]) -> None:
    assert [b.text for b in rejoin(blocks(*texts))] == expected


def test_rejoin_keeps_first_line_and_heading() -> None:
    out = rejoin(blocks("标题", LONG_BROKEN, "项要实现。"))
    assert out[1] == Block(LONG_BROKEN + "项要实现。", 3, 0)


WIDGET = ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ([*WIDGET, "2026年北京市政府工作报告", "来源：北京日报", "时间：2026-02-02", "正文。"],
         ["2026年北京市政府工作报告", "时间：2026-02-02", "正文。"]),
        (["您的位置:", "首页", ">", "云南要闻", "2026年政府工作报告", "【字体：", "大", "中", "小", "】", "正文。"],
         ["2026年政府工作报告", "正文。"]),
        (["首页", ">", "政府信息公开", ">", "政府工作报告", "陕西省2026年政府工作报告", "来源：", "陕西省人民政府", "分享:", "正文。"],
         ["陕西省2026年政府工作报告", "正文。"]),
        (["正文。", "殷勇同志作政府工作报告。本报记者 戴冰摄", "责任编辑：张三", "扫一扫在手机打开当前页", "结尾。"],
         ["正文。", "结尾。"]),
        (["正文。", "结尾。", "相关报道：", "某某热议政府工作报告", "解读：某某"], ["正文。", "结尾。"]),
        (["正文。", "》》点击图片进入专题《《", "收藏", "|", "分享到:", "×", "相关文档："], ["正文。"]),
        (["【法宝引证码】 CLI.12.5115678", "原文链接：https://www.pkulaw.com/lar/ea52.html", "标题"], ["标题"]),
        (["结尾。", "本作品是中华人民共和国的", "法律", "、", "Public domain"], ["结尾。"]),
        # a site's date widget dates the visit, not the page (nor the title's year)
        (["今天是：2025年12月06日 星期六", "关于征求意见的通知", "今天是个好日子。"],
         ["关于征求意见的通知", "今天是个好日子。"]),
        # words that are only furniture on their own line stay inside sentences
        (["请下载打印后填写。", "来源：国家统计局2023年统计年鉴，数据经过整理，仅供参考使用，不作为正式统计口径。"],
         ["请下载打印后填写。", "来源：国家统计局2023年统计年鉴，数据经过整理，仅供参考使用，不作为正式统计口径。"]),
    ],
)  # fmt: skip
def test_strip_boilerplate(texts: list[str], expected: list[str]) -> None:
    assert [b.text for b in strip_boilerplate(blocks(*texts))] == expected


def test_build_blocks_normalises_strips_and_joins() -> None:
    raw = [Block("　　下载", 1), Block("标题", 2), Block("", 3), Block("　　" + LONG_BROKEN, 4)]
    raw.append(Block("项要实现。", 6))
    assert build_blocks(raw) == [Block("标题", 2), Block(LONG_BROKEN + "项要实现。", 4)]
    assert build_blocks(raw, join=False)[-1] == Block("项要实现。", 6)


def test_a_list_of_labelled_fields_is_never_joined(write: Callable[..., Path]) -> None:
    # a rectification list whose lines happen to be of one width (so it looks hard-wrapped):
    # "问题2：…", "问题（3）：…" (a label with its number) start afresh, as "整改措施：…" does
    text = (
        "整改清单\n问题1：部分小区消防通道被占用。\n整改措施：开展专项清理，设置警示标识。\n"
        "责任单位：区消防救援大队、各街道\n整改时限：2026年4月30日前\n问题2：河道垃圾清理不及时。\n"
        "整改措施：建立日常巡查制度。\n责任单位：区水利局\n整改时限：立行立改，长期坚持\n"
        "问题（3）：路灯损坏未修复\n"
    )
    [doc] = ingest_file(write("z.txt", text))
    texts = [b.text for b in doc.blocks]
    assert "整改时限：2026年4月30日前" in texts and "问题2：河道垃圾清理不及时。" in texts
    assert "整改时限：立行立改，长期坚持" in texts and "问题（3）：路灯损坏未修复" in texts
