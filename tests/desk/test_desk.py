"""The desk's domain: lights, the board, the dry-run timeline against real ticks, calendars,
and `pipeline extend` — on the seed with real files and a real SQLite ledger."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

from pipeline.config import load_config
from pipeline.desk import board
from pipeline.desk import simulate as sim
from pipeline.ledger import open_ledger
from pipeline.models import Reminder, Task
from pipeline.service import Service

from ..conftest import ROOT, MakeProject

TZ = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2020, 10, 24)


def _task(
    tid: str,
    due: dt.date | None,
    lead: tuple[str, ...] = ("fgw",),
    flags: tuple[str, ...] = (),
    document: str = "a.txt",
) -> Task:
    return Task(
        id=tid,
        document=document,
        text=f"任务{tid}",
        sentence=f"任务{tid}。",
        section="",
        line=1,
        expr=None,
        due=due,
        kind=None,
        strength="",
        flags=flags,
        lead=lead,
    )


@pytest.mark.parametrize(
    ("due", "flags", "done", "light"),
    [
        (TODAY - dt.timedelta(days=1), (), False, "red"),
        (TODAY, (), False, "yellow"),
        (TODAY + dt.timedelta(days=7), (), False, "yellow"),
        (TODAY + dt.timedelta(days=8), (), False, "green"),
        (TODAY - dt.timedelta(days=30), (), True, "grey"),
        (None, ("no-date",), False, "none"),
        (TODAY - dt.timedelta(days=90), ("past",), False, "none"),
    ],
)
def test_light(due: dt.date | None, flags: tuple[str, ...], done: bool, light: str) -> None:
    assert board.light(_task("t", due, flags=flags), TODAY, 7, done) == light


def test_board_counts_filters_and_groups() -> None:
    tasks = [
        _task("late", TODAY - dt.timedelta(days=2), lead=("fgw", "zjj")),
        _task("soon", TODAY + dt.timedelta(days=3), document="b.txt"),
        _task("fine", TODAY + dt.timedelta(days=40), lead=("zjj",)),
        _task("none", None),
    ]
    rows = board.rows_of(tasks, today=TODAY, warn_days=7, acked={("late", "zjj")}, done=set())
    assert {(r.task.id, r.office): r.light for r in rows} == {
        ("late", "fgw"): "red",
        ("late", "zjj"): "grey",
        ("soon", "fgw"): "yellow",
        ("fine", "zjj"): "green",
        ("none", "fgw"): "none",
    }
    b = board.build(rows)
    assert list(b.counts) == ["fgw", "zjj"]  # the office with a red light first
    assert b.counts["fgw"] == {"red": 1, "yellow": 1, "green": 0, "grey": 0, "none": 1}
    assert [r.task.id for r in b.by_office["fgw"]] == ["late", "soon", "none"]
    assert set(b.by_document) == {"a.txt", "b.txt"}
    only_red = board.build(rows, light_="red")
    assert [r.task.id for r in only_red.rows] == ["late"] and only_red.totals["green"] == 1
    assert [r.task.id for r in board.build(rows, document="b.txt").rows] == ["soon"]
    assert [r.light for r in board.build(rows, office="zjj").rows] == ["green", "grey"]
    assert board.lights_count(rows) == {"red": 1, "yellow": 1, "green": 1, "grey": 0, "none": 1}


def test_window_and_weekly_counts() -> None:
    def rem(day: int, office: str) -> Reminder:
        return Reminder(
            f"r{day}{office}",
            "t",
            office,
            "email",
            "before-1",
            dt.datetime(2020, 10, day, 9, 0, tzinfo=TZ),
            dt.date(2020, 11, 1),
        )

    rs = [rem(30, "fgw"), rem(19, "fgw"), rem(20, "zjj"), rem(31, "zjj")]
    kept = sim.window(rs, dt.date(2020, 10, 19), dt.date(2020, 10, 30), TZ)
    assert [r.id for r in kept] == ["r19fgw", "r20zjj", "r30fgw"]
    assert sim.counts(kept, TZ) == {"fgw": {"2020-W43": 1, "2020-W44": 1}, "zjj": {"2020-W43": 1}}


def _cli(
    config: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--config", str(config), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def _tick(config: Path, now: str) -> None:
    """One pass, as `pipeline tick --now` does it, in this process."""
    service = Service(load_config(config), worker="test-tick")
    try:
        service.tick(dt.datetime.fromisoformat(now).replace(tzinfo=TZ))
    finally:
        service.close()


def _key(r: dict[str, Any]) -> tuple[str, ...]:
    return (r["fire_at"], r["office"], r["channel"], r["kind"], r["task_id"], r["due"])


def test_simulate_matches_plan_and_what_tick_sends_day_by_day(make_project: MakeProject) -> None:
    config = make_project()
    proc = _cli(config, "simulate", "--from", "2020-08-01", "--to", "2021-01-31", "--json")
    assert proc.returncode == 0, proc.stderr
    timeline = json.loads(proc.stdout)
    for key in ("fire_at", "office", "channel", "kind", "task_id", "due"):
        assert all(key in r for r in timeline), key
    with open_ledger(load_config(config).store_url) as ledger:  # simulate wrote nothing
        assert ledger.documents() == [] and ledger.tasks() == [] and ledger.reminders() == []
    assert {r["day"][:7] for r in timeline} >= {"2020-10", "2020-11", "2020-12", "2021-01"}
    assert any(r["office"] == "ducha" and r["kind"].startswith("overdue") for r in timeline)

    # `plan` before any tick lists the same reminders.
    planned = json.loads(
        _cli(config, "plan", "--now", "2020-08-01T00:00", "--json", "--limit", "0").stdout
    )
    planned_keys = {
        (p["fire_at"], p["office"], p["channel"], p["kind"], p["task_id"], p["due"])
        for p in planned
        if p["fire_at"] < "2021-02-01"
    }
    assert planned_keys == {_key(r) for r in timeline}

    # A tick every day of the period at 09:30 sends exactly the timeline.
    service = Service(load_config(config), worker="day-by-day")
    try:
        day = dt.date(2020, 8, 1)
        while day <= dt.date(2021, 1, 31):
            report = service.tick(dt.datetime.combine(day, dt.time(9, 30), tzinfo=TZ))
            assert report.failed == 0 and report.missed == 0, (day, report.summary())
            day += dt.timedelta(days=1)
        sent = [
            r
            for r in service.ledger.reminders(states=("sent",))
            if r.fire_at.astimezone(TZ).date() >= dt.date(2020, 8, 1)
        ]
    finally:
        service.close()
    sent_keys = {
        (
            r.fire_at.astimezone(TZ).isoformat(),
            r.office,
            r.channel,
            r.kind,
            r.task_id,
            r.due.isoformat(),
        )
        for r in sent
    }
    assert len(sent_keys) == len(timeline) == len({_key(r) for r in timeline})
    assert sent_keys == {_key(r) for r in timeline}


def test_simulate_text_output_and_bad_range(make_project: MakeProject) -> None:
    config = make_project()
    proc = _cli(config, "simulate", "--from", "2020-10-01", "--to", "2020-10-31")
    assert proc.returncode == 0, proc.stderr
    assert "reminders per office and ISO week" in proc.stdout and "shangdu" in proc.stdout
    assert "六大片区控规调整" in proc.stdout
    bad = _cli(config, "simulate", "--from", "2020-10-31", "--to", "2020-10-01")
    assert bad.returncode == 2 and "before --from" in bad.stderr


def test_export_ics_round_trips_the_deadlines(make_project: MakeProject) -> None:
    config = make_project()
    _tick(config, "2020-10-23T09:30")
    with open_ledger(load_config(config).store_url) as ledger:
        tasks = {t.id: t for t in ledger.tasks() if "shangdu" in t.offices and t.due}
        done_id = next(iter(sorted(tasks)))
        ledger.acknowledge(done_id, "shangdu", dt.datetime(2020, 10, 23, 10, 0, tzinfo=TZ))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "--config",
            str(config),
            "export-ics",
            "--office",
            "shangdu",
            "--now",
            "2020-10-23T10:00",
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    cal = icalendar.Calendar.from_ical(proc.stdout)
    assert "商都历史文化区建设指挥部" in str(cal["X-WR-CALNAME"])
    events = {str(e["UID"]).removesuffix("@pipeline"): e for e in cal.walk("VEVENT")}
    assert set(events) == set(tasks) and len(events) >= 5
    policy = load_config(config).policy_for("shangdu")
    for tid, event in events.items():
        assert event.decoded("DTSTART") == tasks[tid].due
        assert event.decoded("DTEND") == tasks[tid].due + dt.timedelta(days=1)
        alarms = event.walk("VALARM")
        if tid == done_id:
            assert str(event["STATUS"]) == "CANCELLED" and alarms == []
            continue
        assert tasks[tid].text in str(event["SUMMARY"])
        triggers = sorted(a.decoded("TRIGGER") for a in alarms)
        assert triggers == sorted(dt.timedelta(days=-d, hours=9) for d in policy.days_before)
    again = icalendar.Calendar.from_ical(cal.to_ical())  # and it serialises back
    assert len(again.walk("VEVENT")) == len(events)
    bad = _cli(config, "export-ics", "--office", "nobody")
    assert bad.returncode == 2 and "unknown office id" in bad.stderr


def test_extend_moves_the_deadline_and_replans(make_project: MakeProject) -> None:
    config = make_project()
    _tick(config, "2020-10-23T09:30")
    with open_ledger(load_config(config).store_url) as ledger:
        task = next(t for t in ledger.tasks() if "六大片区控规调整" in t.text)
    proc = _cli(
        config,
        "extend",
        task.id[:8],
        "--to",
        "2020-11-30",
        "--reason",
        "审批延后",
        "--now",
        "2020-10-23T10:00",
    )
    assert proc.returncode == 0, proc.stderr
    assert "2020-10-31 → 2020-11-30" in proc.stdout and "re-planned" in proc.stdout
    with open_ledger(load_config(config).store_url) as ledger:
        moved = ledger.task(task.id)
        assert moved is not None and moved.due == dt.date(2020, 11, 30)
        pending = ledger.reminders(task_id=task.id, states=("pending",))
        assert pending and {r.due for r in pending} == {dt.date(2020, 11, 30)}
        (ext,) = ledger.extensions(task_id=task.id)
        assert (ext.old_due, ext.new_due, ext.reason, ext.state) == (
            dt.date(2020, 10, 31),
            dt.date(2020, 11, 30),
            "审批延后",
            "approved",
        )
    # Re-reading the unchanged document keeps the extension.
    _tick(config, "2020-10-26T09:30")
    with open_ledger(load_config(config).store_url) as ledger:
        assert ledger.task(task.id).due == dt.date(2020, 11, 30)  # type: ignore[union-attr]
    for args, needle in (
        (
            ("extend", task.id, "--to", "2020-10-01", "--reason", "x", "--now", "2020-10-23T10:00"),
            "past",
        ),
        (("extend", "ffffffffff", "--to", "2020-12-30", "--reason", "x"), "no task"),
        (
            (
                "extend",
                task.id,
                "--to",
                "2020-12-30",
                "--reason",
                "  ",
                "--now",
                "2020-10-23T10:00",
            ),
            "reason is required",
        ),
    ):
        bad = _cli(config, *args)
        assert bad.returncode == 2 and needle in bad.stderr and "Traceback" not in bad.stderr, (
            bad.stderr
        )


def test_hash_password_makes_an_argon2_hash_the_config_accepts(make_project: MakeProject) -> None:
    from argon2 import PasswordHasher

    config = make_project()
    proc = _cli(config, "hash-password", "--password", "correct horse battery")
    assert proc.returncode == 0, proc.stderr
    digest = proc.stdout.strip()
    assert digest.startswith("$argon2id$") and PasswordHasher().verify(
        digest, "correct horse battery"
    )
    short = _cli(config, "hash-password", "--password", "short")
    assert short.returncode == 2 and "8 characters" in short.stderr
