"""Classes of failure found in the tenth round (the corpus's dated tasks read by hand, then
new held-out pages), with examples written for these tests."""

from __future__ import annotations

import datetime as dt

from tests.test_extract_heldout import _dated, _tasks

D = dt.date


def test_a_lists_later_step_is_not_joined_to_the_step_before_it() -> None:
    """ "4月开工、10月主体完工、年底投入使用": each step of a 、-list is its own task; the last is
    not "all of" the one before it, as "…完成拆除的50%，12月底前全部完成" is."""
    tasks = _tasks("新建体育馆项目计划4月开工、10月主体完工、年底投入使用。", as_of=D(2026, 3, 1))
    assert _dated(tasks) == [
        ("新建体育馆项目计划4月开工", D(2026, 4, 30)),
        ("新建体育馆项目，10月主体完工", D(2026, 10, 31)),
        ("新建体育馆项目，年底投入使用", D(2026, 12, 31)),
    ]
    staged = _tasks("10月底前完成存量违建拆除的50%，12月底前全部完成。", as_of=D(2026, 3, 1))
    assert _dated(staged)[-1] == (
        "10月底前完成存量违建拆除的50%，12月底前全部完成",
        D(2026, 12, 31),
    )
