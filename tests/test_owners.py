"""Owner notes as documents write them."""

from __future__ import annotations

import pytest

from pipeline.owners import find_notes, owner_only, split_names


@pytest.mark.parametrize(
    ("text", "lead", "assist", "when"),
    [
        (
            "（海关总署、财政部、税务总局负责，排在第一位的部门为牵头部门，下同）",
            ("海关总署",),
            ("财政部", "税务总局"),
            "",
        ),
        ("（责任单位：区住建局、区城管局）", ("区住建局", "区城管局"), (), ""),
        # a label cut from its names by a slip of punctuation
        ("（责任单位；区住建局、区农业农村局）", ("区住建局", "区农业农村局"), (), ""),
        ("整改实施主体：区住建局", ("区住建局",), (), ""),
        ("整改责任单位：区水务局", ("区水务局",), (), ""),
        (
            "（牵头单位：区发改委；配合单位：区财政局、区自然资源和规划局）",
            ("区发改委",),
            ("区财政局", "区自然资源和规划局"),
            "",
        ),
        ("（区发改委牵头，区财政局配合）", ("区发改委",), ("区财政局",), ""),
        # a list written with commas: each body after a label stays on that label's list
        ("（责任单位：各镇街，区住建局）", ("各镇街", "区住建局"), (), ""),
        (
            "（牵头单位：区住建局，区民政局；配合单位：区应急局，各街道，6月底前完成）",
            ("区住建局", "区民政局"),
            ("区应急局", "各街道"),
            "6月底前完成",
        ),
        ("责任单位：区民政局，区住建局", ("区民政局", "区住建局"), (), ""),
        (
            "（6月底完成，牵头考核单位：市政务服务局，配合单位：各旗县区）",
            ("市政务服务局",),
            ("各旗县区",),
            "6月底完成",
        ),
        ("（工业和信息化部等负责）", ("工业和信息化部",), (), ""),
        (
            "（商务部、供销合作总社等和各有关省级人民政府按职责分工负责）",
            ("商务部",),
            ("供销合作总社", "各有关省级人民政府"),
            "",
        ),
        ("责任单位：区住建局", ("区住建局",), (), ""),
        ("由区发改委牵头", ("区发改委",), (), ""),
    ],
)
def test_note_shapes(text: str, lead: tuple, assist: tuple, when: str) -> None:
    (note,) = find_notes(text)
    assert (note.lead, note.assist, note.when) == (lead, assist, when)
    assert (note.start, note.end) == (0, len(text))


def test_a_sentence_after_a_labels_names_is_not_more_names() -> None:
    (note,) = find_notes("责任单位：区民政局，各街道要加强配合。")
    assert (note.lead, note.end) == (("区民政局",), len("责任单位：区民政局"))


def test_parentheticals_without_owners_are_not_notes() -> None:
    assert find_notes("完成考核（0.5分）（详见附件2）。") == []
    assert find_notes("（2020年底前完成）") == []


def test_owner_only_lines() -> None:
    assert owner_only("牵头单位：区发改委；配合单位：区财政局") == (("区发改委",), ("区财政局",))
    assert owner_only("责任单位：区发改委。年底前完成。") is None
    assert owner_only("年底前完成") is None


def test_names_keep_和_inside_office_names() -> None:
    assert split_names("区自然资源和规划局、区住建局等") == ("区自然资源和规划局", "区住建局")


def test_a_sentence_of_owners_after_an_item_is_a_note() -> None:
    text = "建设智慧社区20个。区民政局负责。"
    (note,) = find_notes(text)
    assert (note.lead, note.when, text[note.start : note.end]) == (
        ("区民政局",),
        "",
        "区民政局负责",
    )
    text = "深化放管服改革。区政务服务中心牵头，区司法局配合，2027年9月底前完成。"
    (note,) = find_notes(text)
    assert (note.lead, note.assist, note.when) == (
        ("区政务服务中心",),
        ("区司法局",),
        "2027年9月底前完成",
    )
    (note,) = find_notes("建立重大项目储备库。区发展和改革委员会负责。")  # 委员会 is a body
    assert note.lead == ("区发展和改革委员会",)
    # a task's own sentence has its verb: no note
    assert find_notes("开展排查。区住建局负责抓好落实，年底前完成改造。") == []
    assert find_notes("开展排查。区住建局负责，年底前完成老旧小区改造。") == []


def test_a_bracket_holding_only_a_time_after_an_item_is_its_time() -> None:
    text = "完成区属国企整合重组。（2027年6月底前）"
    (note,) = find_notes(text)
    assert (note.lead, note.assist, note.when) == ((), (), "2027年6月底前")
    assert text[note.start : note.end] == "（2027年6月底前）"
    # not the years a plan covers, nor a bracket inside a sentence, nor an owner line
    assert find_notes("贯彻落实规划。（2024—2026年）") == []
    assert find_notes("完成考核（2020年底前完成）。") == []
    assert owner_only("（2027年6月底前）") is None
