"""Planning is pure: working-day shifts, holidays, overdue escalation, stable ids."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.models import Task
from pipeline.plan import fire_dates, plan, plan_task, reminder_id
from pipeline.workcal import WorkCalendar

CONFIG = load_config(Path(__file__).resolve().parents[1] / "config.yaml")
CAL = WorkCalendar()
TZ = CONFIG.tz


def _task(due: dt.date | None, lead=("zrgh",), assist=(), tid="task1") -> Task:
    return Task(
        id=tid,
        document="doc",
        text="完成六大片区控规调整",
        sentence="",
        section="",
        line=1,
        expr="10月底前",
        due=due,
        kind="month_end",
        strength="力争",
        lead=lead,
        assist=assist,
    )


def test_seed_deadline_schedule_moves_weekends_to_previous_workday() -> None:
    # 2020-10-31 is a Saturday: the day-0 reminder goes out on Friday 10-30.
    kinds = dict(fire_dates(dt.date(2020, 10, 31), CONFIG.reminders, CAL))
    assert kinds["before-0"] == dt.date(2020, 10, 30)
    assert kinds["before-7"] == dt.date(2020, 10, 23)  # Friday
    assert kinds["before-14"] == dt.date(2020, 10, 16)  # Saturday 10-17 → Friday
    assert kinds["before-30"] == dt.date(2020, 9, 30)  # Thursday 10-01 is 国庆 → 09-30
    assert kinds["overdue-1"] == dt.date(2020, 11, 3)
    # before-1 (Fri 10-30) and before-0 (Sat → Fri 10-30) land on one day: only one is kept.
    assert "before-1" not in kinds


def test_holiday_and_makeup_day() -> None:
    # 2020-10-10 (Saturday) was an official make-up working day (调休): no shift.
    kinds = dict(fire_dates(dt.date(2020, 10, 17), CONFIG.reminders, CAL))
    assert kinds["before-7"] == dt.date(2020, 10, 10)
    # 2020-10-08 is a holiday (国庆/中秋): before-9 would move to 09-30; test via a policy.
    policy = CONFIG.reminders.model_copy(update={"days_before": (9,)})
    assert dict(fire_dates(dt.date(2020, 10, 17), policy, CAL))["before-9"] == dt.date(2020, 9, 30)


def test_calendar_days_when_workdays_only_is_off() -> None:
    policy = CONFIG.reminders.model_copy(update={"workdays_only": False})
    kinds = dict(fire_dates(dt.date(2020, 10, 31), policy, CAL))
    assert kinds["before-0"] == dt.date(2020, 10, 31)
    assert kinds["before-1"] == dt.date(2020, 10, 30)


def test_overdue_escalation_reaches_the_supervision_office() -> None:
    rs = plan_task(
        _task(dt.date(2020, 10, 31), assist=("zjj",)), CONFIG, CAL, known_since=dt.date(2020, 7, 31)
    )
    lead = [r for r in rs if r.office == "zrgh"]
    overdue = [r for r in lead if r.kind.startswith("overdue")]
    assert [r.kind for r in overdue] == [
        f"overdue-{n}" for n in range(1, CONFIG.reminders.overdue_max + 1)
    ]
    assert all(r.cc == ("zjj",) for r in lead)
    # The supervision office gets each overdue escalation itself (nobody copied).
    sup = [r for r in rs if r.office == "ducha"]
    assert [(r.kind, r.fire_at, r.cc) for r in sup] == [(r.kind, r.fire_at, ()) for r in overdue]
    assert all(r.fire_at.tzinfo is not None and r.fire_at.hour == 9 for r in rs)
    assert all(CAL.is_workday(r.fire_at.date()) for r in rs)
    # Two lead offices: still one escalation per kind; none when the lead is the supervisor.
    both = plan_task(
        _task(dt.date(2020, 10, 31), lead=("zrgh", "zjj")),
        CONFIG,
        CAL,
        known_since=dt.date(2020, 7, 31),
    )
    assert len([r for r in both if r.office == "ducha"]) == CONFIG.reminders.overdue_max
    own = plan_task(
        _task(dt.date(2020, 10, 31), lead=("ducha",)), CONFIG, CAL, known_since=dt.date(2020, 7, 31)
    )
    assert {r.office for r in own} == {"ducha"} and len({r.id for r in own}) == len(own)


def test_per_office_policy() -> None:
    rs = plan_task(
        _task(dt.date(2020, 10, 31), lead=("shangdu",)),
        CONFIG,
        CAL,
        known_since=dt.date(2020, 7, 31),
    )
    days = [r.fire_at.date() for r in rs if r.kind.startswith("overdue")]
    assert days[0] == dt.date(2020, 11, 2)  # every 2 days for this office


def test_nothing_before_the_task_was_known_and_nothing_when_done() -> None:
    rs = plan_task(_task(dt.date(2020, 10, 31)), CONFIG, CAL, known_since=dt.date(2020, 10, 20))
    assert {r.kind for r in rs if r.kind.startswith("before")} == {
        "before-7",
        "before-3",
        "before-0",
    }
    assert (
        plan_task(
            _task(dt.date(2020, 10, 31)),
            CONFIG,
            CAL,
            known_since=dt.date(2020, 7, 31),
            acked={"zrgh"},
        )
        == []
    )  # the lead acknowledged: no escalation either
    assert (
        plan(
            [_task(dt.date(2020, 10, 31))],
            CONFIG,
            CAL,
            known_since={},
            acked=[("task1", "zrgh"), ("other", "zjj")],
        )
        == []
    )
    assert plan([_task(dt.date(2020, 10, 31))], CONFIG, CAL, known_since={}, done={"task1"}) == []


def test_undated_tasks_get_reminders_only_with_a_horizon() -> None:
    assert plan_task(_task(None), CONFIG, CAL, known_since=dt.date(2020, 7, 31)) == []
    cfg = CONFIG.model_copy(update={"undated_horizon_days": 30})
    rs = plan_task(_task(None), cfg, CAL, known_since=dt.date(2020, 7, 31))
    assert [(r.kind, r.due) for r in rs] == [("undated", dt.date(2020, 8, 30))]


def test_ids_are_stable_and_a_moved_deadline_gets_new_ones() -> None:
    a = plan([_task(dt.date(2020, 10, 31))], CONFIG, CAL, known_since={"doc": dt.date(2020, 7, 31)})
    b = plan([_task(dt.date(2020, 10, 31))], CONFIG, CAL, known_since={"doc": dt.date(2020, 7, 31)})
    assert a == b and len({r.id for r in a}) == len(a)
    moved = plan(
        [_task(dt.date(2020, 11, 30))], CONFIG, CAL, known_since={"doc": dt.date(2020, 7, 31)}
    )
    assert not {r.id for r in a} & {r.id for r in moved}, "a new deadline is reminded afresh"
    assert all(r.due == dt.date(2020, 11, 30) for r in moved)
    d = dt.date(2020, 10, 31)
    assert reminder_id("t", "o", "email", "before-7", d) != reminder_id(
        "t", "o", "email", "before-3", d
    )


def test_every_channel_of_the_office_and_outbox_when_none() -> None:
    data = CONFIG.model_dump(by_alias=True, exclude={"base_dir"})
    zrgh = next(o for o in data["offices"] if o["id"] == "zrgh")
    zrgh["webhooks"] = [{"kind": "generic", "url": "http://127.0.0.1:9/hook"}]
    zrgh["email"] = []
    from pipeline.config import parse_config

    cfg = parse_config(data)
    rs = plan_task(_task(dt.date(2020, 10, 31)), cfg, CAL, known_since=dt.date(2020, 7, 31))
    assert {r.channel for r in rs if r.office == "zrgh"} == {"webhook:generic"}
    assert {r.channel for r in rs if r.office == "ducha"} == {"email"}  # escalations
    zrgh["webhooks"] = []
    rs = plan_task(
        _task(dt.date(2020, 10, 31)), parse_config(data), CAL, known_since=dt.date(2020, 7, 31)
    )
    assert {r.channel for r in rs if r.office == "zrgh"} == {"outbox"}


@pytest.mark.parametrize("lead", [("zrgh", "zjj")])
def test_each_lead_office_gets_its_own_reminders(lead: tuple[str, ...]) -> None:
    rs = plan_task(
        replace(_task(dt.date(2020, 10, 31)), lead=lead),
        CONFIG,
        CAL,
        known_since=dt.date(2020, 7, 31),
    )
    assert {r.office for r in rs if not r.kind.startswith("overdue")} == set(lead)


def test_a_deadline_already_past_when_written_is_not_escalated() -> None:
    past = replace(_task(dt.date(2019, 3, 31)), flags=("past",))
    assert plan_task(past, CONFIG, CAL, known_since=dt.date(2020, 7, 31)) == []
    # The same date without the flag (e.g. a document dated before it) is planned.
    assert plan_task(_task(dt.date(2019, 3, 31)), CONFIG, CAL, known_since=dt.date(2019, 1, 2))


def _varied_tasks(n: int) -> list[Task]:
    """Tasks sharing deadlines and owners in every combination, some undated or past."""
    offices = [o.id for o in CONFIG.offices]
    out = []
    for i in range(n):
        due = dt.date(2026, 7 + i % 6, 1) + dt.timedelta(days=(i * 7) % 28) if i % 9 else None
        lead = (offices[1 + i % 5],) if i % 4 else (offices[1 + i % 5], offices[2 + i % 3])
        assist = (offices[3 + i % 2],) if i % 3 == 0 else ()
        task = _task(due, lead=lead, assist=assist, tid=f"t{i:03d}")
        out.append(replace(task, flags=("past",)) if i % 17 == 5 else task)
    return out


@pytest.mark.parametrize("horizon", [None, 30])
def test_ordered_gives_each_task_s_plan_in_time_and_id_order(horizon: int | None) -> None:
    from pipeline.plan import Offices, ordered

    config = CONFIG.model_copy(update={"undated_horizon_days": horizon})
    tasks = _varied_tasks(120)
    known = {"doc": dt.date(2026, 6, 1)}
    acked = [("t004", tasks[4].lead[0]), ("t010", tasks[10].lead[0])]
    done = ["t007"]
    whole = plan(tasks, config, CAL, known_since=known, acked=acked, done=done)
    offices = Offices(config, CAL)
    streams = {
        task.id: list(stream)
        for part in (tasks[:50], tasks[50:])  # two batches sharing one Offices
        for task, stream in ordered(
            part, config, CAL, known_since=known, acked=acked, done=done, offices=offices
        )
    }
    assert "t007" not in streams and len(streams) == len(tasks) - 1
    for tid, got in streams.items():
        want = sorted((r for r in whole if r.task_id == tid), key=lambda r: (r.fire_at, r.id))
        assert got == want, tid
    assert sum(map(len, streams.values())) == len(whole) > 1000


def test_tasks_with_one_deadline_and_owners_share_one_schedule() -> None:
    from pipeline.plan import Offices, schedule

    offices = Offices(CONFIG, CAL)
    due = dt.date(2026, 12, 31)
    a, b = _task(due, tid="a"), _task(due, tid="b")
    since = dt.date(2026, 6, 1)
    first = schedule(a, CONFIG, CAL, known_since=since, offices=offices)
    assert schedule(b, CONFIG, CAL, known_since=since, offices=offices) is first
    other = schedule(a, CONFIG, CAL, known_since=since, acked={"zrgh"}, offices=offices)
    assert other is not first and other == []  # the lead office answered: nothing left
    assert plan_task(b, CONFIG, CAL, known_since=since, offices=offices) == [
        replace(r, id=reminder_id("b", r.office, r.channel, r.kind, r.due), task_id="b")
        for r in plan_task(a, CONFIG, CAL, known_since=since, offices=offices)
    ]
