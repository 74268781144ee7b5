"""Classes of failure found in the held-out round twenty-four (working days and holidays,
work reports and yearly plans, sector notices), with examples written for these tests."""

from __future__ import annotations

import datetime as dt

from tests.test_extract_heldout import _dated, _tasks

D = dt.date


def test_each_phase_of_a_schedule_of_named_phases_is_a_task() -> None:
    """ "…：8月31日以前为动员部署阶段；9月1日至20日为入户核查、信息比对实施阶段；9月21日至
    10月10日为复核公示和汇总上报阶段。": each phase is due at its end, however long its name."""
    tasks = _tasks(
        "今年普查登记工作分三个阶段组织实施：8月31日以前为动员部署阶段；"
        "9月1日至20日为入户核查、信息比对实施阶段；9月21日至10月10日为复核公示和汇总上报阶段。",
        as_of=D(2027, 7, 5),
    )
    dated = _dated(tasks)
    assert [due for _, due in dated] == [D(2027, 8, 31), D(2027, 9, 20), D(2027, 10, 10)]
    assert "信息比对实施阶段" in dated[1][0]


def test_a_phase_named_after_its_time_is_no_description_of_the_period() -> None:
    """ "9月1日至20日，为入户登记阶段；…" names a phase of the work (due at its end); "从现在到
    2029年，…将是…的高发期" describes a period and dates no work."""
    phases = _tasks(
        "9月1日至20日，为入户登记阶段；9月21日至30日，为审核汇总阶段。",
        "从现在到2029年，随着城市更新推进，将是安全事故的易发期。",
        as_of=D(2027, 8, 25),
    )
    dated = _dated(phases)
    assert [due for _, due in dated] == [D(2027, 9, 20), D(2027, 9, 30)]
    assert "入户登记阶段" in dated[0][0] and "审核汇总阶段" in dated[1][0]
