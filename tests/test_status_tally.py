"""`status` counts tasks in one streamed pass and keeps only the most late rows: the kept
rows are exactly the first ones of a full sort (most late, then office, then task id)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pipeline.models import Task
from pipeline.status import _Tally

TODAY = dt.date(2026, 6, 1)


def task(i: int, late: int, leads: tuple[str, ...]) -> Task:
    return Task(
        id=f"t{i:03d}", document="d", text=f"任务{i}", sentence="", section="", line=i,
        expr="x", due=TODAY - dt.timedelta(days=late), kind="month_end", strength="",
        lead=leads,
    )  # fmt: skip


tasks = st.lists(
    st.tuples(
        st.integers(-5, 30),
        st.lists(st.sampled_from(["a", "ab", "b", "zjj"]), min_size=1, max_size=3, unique=True),
    ),
    max_size=40,
)


@given(rows=tasks, cap=st.integers(1, 12), acked=st.sets(st.integers(0, 39)))
def test_the_kept_overdue_rows_are_the_head_of_a_full_sort(
    rows: list[tuple[int, list[str]]], cap: int, acked: set[int]
) -> None:
    made = [task(i, late, tuple(leads)) for i, (late, leads) in enumerate(rows)]
    done = {(t.id, t.lead[0]) for i, t in enumerate(made) if i in acked}
    tally = _Tally(TODAY, done, cap)
    for t in made:
        tally.add(t)
    everything = sorted(
        (((TODAY - t.due).days, o, t.id) for t in made for o in t.lead  # type: ignore[operator]
         if t.due < TODAY and (t.id, o) not in done),  # type: ignore[operator]
        key=lambda x: (-x[0], x[1], x[2]),
    )  # fmt: skip
    kept = [((TODAY - t.due).days, o, t.id) for t, o in tally.overdue_tasks()]  # type: ignore[operator]
    assert kept == everything[:cap]
    assert tally.overdue_total == len(everything)
    assert sum(c["overdue"] for c in tally.per_office.values()) == len(everything)
