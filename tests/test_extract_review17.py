"""Near misses a second review found in the rules of the sixteenth round and the first
review's fixes (the reviewer's own sentences): each must stay as a careful reader reads it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_extract_heldout import _dated, _tasks

D = dt.date


@pytest.mark.parametrize(
    ("text", "as_of", "due"),
    [
        # a day named "…日" that is a deadline or a key day keeps its date
        ("5月20日是本项目开标日。", D(2025, 3, 1), D(2025, 5, 20)),
        ("4月30日是年报提交日，逾期将被列入经营异常名录。", D(2025, 3, 1), D(2025, 4, 30)),
        # an order to over-fulfil is a target
        ("今年要新发展设施农业2万亩，力争超额完成年度任务。", D(2025, 3, 1), D(2025, 12, 31)),
        ("今年一季度要完成年度目标的30%。", D(2025, 3, 1), D(2025, 3, 31)),
        # a slogan's word with an order and a by-date keeps it
        ("人社局要在2月10日前举办“春风行动·开门红”专场招聘会。", D(2025, 1, 5), D(2025, 2, 10)),
        # 了解, 为了 and a later status are no perfective for a plan's period
        (
            "我县“十四五”期间新建学校12所，各乡镇要深入了解适龄儿童入学需求。",
            D(2024, 3, 1),
            D(2025, 12, 31),
        ),
    ],
)
def test_a_date_the_narrowed_rules_keep(text: str, as_of: dt.date, due: dt.date) -> None:
    dated = _dated(_tasks(text, as_of=as_of))
    assert due in [d for _, d in dated], dated


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        # a cutoff's report: a day already past this year is not next year's
        ("截至10月15日，全县32个项目均于9月底前完成主体施工。", D(2025, 10, 20)),
        ("截至10月15日，全县已实现6月底前危房清零目标，计划明年继续巩固提升。", D(2025, 10, 20)),
        (
            "截至9月底，全县完成年度计划投资45亿元，按计划10月底前全部开工的项目已开工28个。",
            D(2025, 10, 20),
        ),
        # a citizen's question, with 要 or 必须 in it
        ("小区加装电梯不是说要在6月底前完工吗？", D(2025, 3, 1)),
        ("为什么老旧小区改造必须在10月底前完成？", D(2025, 3, 1)),
        # told: the year's plan met, a plan's last years told, a county's work told
        ("今年全县共实施重点项目86个，完成年度投资计划，项目建设取得明显成效。", D(2025, 12, 25)),
        ("“十四五”后两年，全县累计新建农村公路120公里，极大改善了群众出行条件。", D(2025, 12, 20)),
        ("今年，该县实施了农村公路改造项目15个，群众出行更加便捷。", D(2025, 12, 20)),
    ],
)
def test_a_report_the_narrowed_rules_leave_undated(text: str, as_of: dt.date) -> None:
    dated = _dated(_tasks(text, as_of=as_of))
    # nothing dated but what the sentence plans for next year ("计划明年继续巩固提升")
    assert all("明年" in text and due == D(as_of.year + 1, 12, 31) for _, due in dated), dated


def test_a_lead_of_items_to_do_dates_them() -> None:
    tasks = _tasks(
        "请各乡镇于5月31日前做好以下事项：",
        "一、全面排查辖区内危旧房屋。",
        "二、建立危房改造工作台账。",
        as_of=D(2025, 3, 1),
    )
    texts = [text for text, due in _dated(tasks) if due == D(2025, 5, 31)]
    assert any("危旧房屋" in t for t in texts) and any("工作台账" in t for t in texts), texts


def test_at_the_same_time_the_addressees_orders_take_the_date() -> None:
    tasks = _tasks(
        "各乡镇要于3月15日前完成自查。同时，各乡镇要建立问题整改台账。", as_of=D(2025, 3, 1)
    )
    assert [due for _, due in _dated(tasks)] == [D(2025, 3, 15)] * 2


def test_work_ordered_again_after_last_years_figures() -> None:
    tasks = _tasks(
        "今年要新建农村公路100公里，去年完成80公里，还要改造危桥20座。", as_of=D(2025, 3, 1)
    )
    texts = [text for text, _ in _dated(tasks)]
    assert any("改造危桥20座" in t for t in texts) and not any("去年" in t for t in texts), texts


def test_a_case_clause_before_undated_work_stays_in_its_task() -> None:
    tasks = _tasks(
        "4月底前，完成全县危房排查鉴定，对鉴定为C级、D级的危房，及时落实改造措施。",
        as_of=D(2025, 3, 1),
    )
    assert any("对鉴定为C级、D级的危房" in text for text, _ in _dated(tasks)), _dated(tasks)


def test_a_subjects_area_before_its_order_stays_its_subject() -> None:
    tasks = _tasks("新建教学楼建筑面积1.2万平方米，要确保8月底前交付使用。", as_of=D(2025, 3, 10))
    assert any("新建教学楼" in text for text, _ in _dated(tasks)), _dated(tasks)
