"""`delivery.store_ahead_days`: a task's reminders are stored once its first one is near.

A first pass over a large plan stores only what is near; each later pass stores the tasks
that came near (or fell due while nothing ran); `plan`, `tick --dry-run` and the desk
compute the others, so nothing an office would be sent is lost or changed by waiting.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from pipeline.config import load_config
from pipeline.service import Service
from pipeline.upcoming import dry_run

from .conftest import MakeProject
from .test_cli import run

TZ = ZoneInfo("Asia/Shanghai")
QUIET = dt.datetime(2026, 3, 2, 1, 0, tzinfo=TZ)  # the documents' day, before the send hour
NEAR, FAR = "区住建局完成甲项目验收", "区城管局完成乙项目验收"


def _project(make_project: MakeProject, ahead: int | None = 30, store: str = "") -> Path:
    def changes(data: dict[str, Any]) -> None:
        data["delivery"]["store_ahead_days"] = ahead
        data["store"] = store or data["store"]

    config = make_project(changes, seed=False)
    docs = config.parent / "docs"
    (docs / "a.txt").write_text(
        f"关于重点工作的通知\n\n4月10日前，{NEAR}。\n12月底前，{FAR}。\n", encoding="utf-8"
    )
    (docs / "a.txt.meta.yaml").write_text("date: 2026-03-02\n", encoding="utf-8")
    return config


def _service(config: Path) -> Service:
    return Service(load_config(config), worker="t", rnd=random.Random(1))


def _task_id(service: Service, words: str) -> str:
    return next(t.id for t in service.ledger.tasks() if words in t.text)


@pytest.fixture
def ticked(make_project: MakeProject) -> Iterator[tuple[Service, str]]:
    """A service after its first tick (at QUIET: the near task stored, the far one waiting),
    and the far task's id."""
    service = _service(_project(make_project))
    try:
        service.tick(QUIET)
        yield service, _task_id(service, FAR)
    finally:
        service.close()


def test_a_far_task_is_stored_when_its_first_reminder_comes_near(
    make_project: MakeProject,
) -> None:
    service = _service(_project(make_project))
    try:
        first = service.tick(QUIET)
        near, far = _task_id(service, NEAR), _task_id(service, FAR)
        assert first.planned is not None and first.planned.deferred == 1
        assert service.ledger.reminders(task_id=near) != []
        assert service.ledger.reminders(task_id=far) == []
        whole = {r.id: r.fire_at for r in service.planned() if r.task_id == far}
        moment = min(whole.values())
        assert [(t.id, at) for t, at in service.ledger.iter_deferred()] == [(far, moment)]

        just_before = moment - dt.timedelta(days=30, minutes=1)
        assert service.tick(just_before).planned.added == 0  # type: ignore[union-attr]
        assert service.ledger.reminders(task_id=far) == []
        came_near = service.tick(moment - dt.timedelta(days=30))
        assert came_near.planned is not None and came_near.planned.added == len(whole)
        stored = {r.id: r.fire_at for r in service.ledger.reminders(task_id=far)}
        assert stored == whole  # the very reminders a plan made at once would hold
        assert service.ledger.count_deferred() == 0
    finally:
        service.close()


def test_a_pause_longer_than_the_horizon_loses_nothing(ticked: tuple[Service, str]) -> None:
    service, far = ticked
    moment = dt.datetime(2026, 12, 1, 9, 0, tzinfo=TZ)  # T-30 of 12-31, a Tuesday
    assert dict((t.id, at) for t, at in service.ledger.iter_deferred())[far] == moment
    # Nothing ran from March to the morning of the far task's first reminder.
    back = service.tick(moment + dt.timedelta(minutes=30))
    rows = {r.kind: r for r in service.ledger.reminders(task_id=far)}
    assert rows["before-30"].state == "sent" and back.sent >= 1
    assert {r.state for k, r in rows.items() if k != "before-30"} == {"pending"}
    # The near task's reminders fell due long before the catch-up window: missed, kept.
    near = service.ledger.reminders(task_id=_task_id(service, NEAR))
    assert near and {r.state for r in near if r.fire_at < moment - dt.timedelta(days=3)} == {
        "missed"
    }


def test_a_dry_run_sees_a_due_reminder_that_is_not_stored_yet(ticked: tuple[Service, str]) -> None:
    service, far = ticked
    report = dry_run(service, dt.datetime(2026, 12, 1, 9, 30, tzinfo=TZ))
    assert [(r.task_id, r.kind) for r in report.would_send if r.task_id == far] == [
        (far, "before-30")
    ]
    assert service.ledger.reminders(task_id=far) == []  # a dry run writes nothing


def test_an_acknowledged_far_task_is_never_stored(ticked: tuple[Service, str]) -> None:
    service, far = ticked
    service.ledger.acknowledge(far, None, QUIET)
    assert service.ledger.count_deferred() == 0  # done: no longer waiting to be stored
    service.tick(dt.datetime(2026, 12, 1, 9, 30, tzinfo=TZ))
    assert service.ledger.reminders(task_id=far) == []
    assert service.ledger.count_deferred() == 0


def test_null_stores_every_reminder_at_once(make_project: MakeProject) -> None:
    service = _service(_project(make_project, ahead=None))
    try:
        report = service.tick(QUIET)
        assert report.planned is not None and report.planned.deferred == 0
        assert service.ledger.count_deferred() == 0
        stored = {r.id for r in service.ledger.reminders(states=("pending",))}
        assert stored == {r.id for r in service.planned()}
    finally:
        service.close()


@pytest.mark.parametrize("ahead", [30, 0])
def test_plan_lists_stored_and_deferred_reminders_in_one_time_order(
    make_project: MakeProject, ahead: int
) -> None:
    config = _project(make_project, ahead)
    service = _service(config)
    try:
        service.tick(QUIET)
        whole = sorted((r.fire_at, r.id) for r in service.planned() if r.fire_at >= QUIET)
        deferred = service.ledger.count_deferred()
    finally:
        service.close()
    assert deferred == (1 if ahead else 2)
    now = ["--now", QUIET.isoformat()]
    listed = run("--config", str(config), "plan", "--json", "--limit", "0", *now)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert [(dt.datetime.fromisoformat(r["fire_at"]), r["id"]) for r in rows] == whole
    text = run("--config", str(config), "plan", *now)
    assert f"the reminders of {deferred} tasks whose first one is further away" in text.stdout


def test_the_desk_shows_a_far_task_s_reminders_before_they_are_stored(
    ticked: tuple[Service, str],
) -> None:
    from pipeline.desk.desk import Desk

    service, far = ticked
    view = Desk(service).task_view(far, QUIET)
    planned = sorted((r.fire_at, r.id) for r in service.planned() if r.task_id == far)
    assert [(r.fire_at, r.id) for r in view.reminders] == planned
    assert {r.state for r in view.reminders} == {"planned"}
    service.tick(dt.datetime(2026, 11, 2, 1, 0, tzinfo=TZ))  # within 30 days: stored
    stored = Desk(service).task_view(far, QUIET).reminders
    assert [(r.fire_at, r.id) for r in stored] == planned
    assert {r.state for r in stored} == {"pending"}


def test_the_daemon_s_delivery_pass_stores_what_came_near(make_project: MakeProject) -> None:
    from pipeline.heartbeat import describe

    service = _service(_project(make_project))
    try:
        service.reload_pass(QUIET)
        far = _task_id(service, FAR)
        # Only delivery passes ran since March (reload finds nothing changed anyway).
        report = service.deliver_pass(dt.datetime(2026, 12, 1, 9, 30, tzinfo=TZ))
        sent = {r.kind for r in service.ledger.reminders(states=("sent",), task_id=far)}
        assert sent == {"before-30"}
        assert report.planned is not None and report.planned.added > 0
        line = describe(report, ingest=False, deliver=True)
        assert line.startswith(f"stored {report.planned.added} reminders that came near")
    finally:
        service.close()


def test_the_desk_shows_reminders_cancelled_while_a_task_waits_as_planned(
    make_project: MakeProject,
) -> None:
    """A stored task deferred again (its document edited under the new setting) keeps its
    rows, cancelled until it comes near and they are revived: the desk says "planned"."""
    from pipeline.desk.desk import Desk

    config = _project(make_project, ahead=None)
    service = _service(config)
    service.tick(QUIET)
    far = _task_id(service, FAR)
    service.close()
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["delivery"]["store_ahead_days"] = 30
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    doc = config.parent / "docs" / "a.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n以上工作按时报送。\n", encoding="utf-8")
    service = _service(config)
    try:
        service.tick(QUIET + dt.timedelta(hours=1))
        assert {r.state for r in service.ledger.reminders(task_id=far)} == {"cancelled"}
        view = Desk(service).task_view(far, QUIET)
        planned = sorted((r.fire_at, r.id) for r in service.planned() if r.task_id == far)
        assert [(r.fire_at, r.id) for r in view.reminders] == planned
        assert {r.state for r in view.reminders} == {"planned"}
        service.tick(dt.datetime(2026, 12, 1, 9, 30, tzinfo=TZ))  # came near: revived, sent
        states = {r.kind: r.state for r in service.ledger.reminders(task_id=far)}
        assert states["before-30"] == "sent" and states["before-7"] == "pending"
    finally:
        service.close()


def test_the_desk_shows_nothing_planned_for_a_task_no_longer_in_its_document(
    make_project: MakeProject,
) -> None:
    from pipeline.desk.desk import Desk

    config = _project(make_project)
    service = _service(config)
    try:
        service.tick(QUIET)
        far = _task_id(service, FAR)
        (config.parent / "docs" / "a.txt").write_text(
            f"关于重点工作的通知\n\n4月10日前，{NEAR}。\n", encoding="utf-8"
        )
        service.tick(QUIET + dt.timedelta(hours=1))
        assert far not in {t.id for t in service.ledger.tasks()}  # inactive now
        assert Desk(service).task_view(far, QUIET).reminders == ()
    finally:
        service.close()


def test_plan_counts_what_fell_due_while_a_task_waited_to_be_stored(
    ticked: tuple[Service, str],
) -> None:
    from pipeline.report import TickReport
    from pipeline.upcoming import upcoming

    service, far = ticked
    now = dt.datetime(2026, 12, 2, 10, 0, tzinfo=TZ)  # nothing ran since March
    today = dt.datetime(2026, 12, 2, tzinfo=TZ)
    ahead = upcoming(service, now, TickReport(dry_run=True), start=today)
    stored_before = service.ledger.count_reminders(("pending",), until=today)
    # The far task's T-30 (12-01 09:00) fell due yesterday, unsent, not stored yet.
    assert ahead.earlier == stored_before + 1
    listed = list(ahead.rows)
    assert all(r.fire_at >= today for r, _ in listed)
    report = service.tick(now)
    assert {r.kind for r in service.ledger.reminders(states=("sent",), task_id=far)} == {
        "before-30"
    }
    assert report.sent >= 1


def test_a_plan_is_never_written_over_a_newer_one(make_project: MakeProject) -> None:
    """A desk extension (another thread, another service on the ledger) granted while a pass
    stores the task that came near: the pass's plan, made from the old deadline, is written
    first, and the extension's re-plan, which waits for the planning lock, last."""
    import threading

    from pipeline.desk.desk import Desk

    config = _project(make_project)
    daemon, web = _service(config), _service(config)
    try:
        daemon.tick(QUIET)
        far = _task_id(daemon, FAR)
        new_due = dt.date(2027, 6, 30)
        now = dt.datetime(2026, 11, 2, 10, 0, tzinfo=TZ)  # T-30 of 12-31 is now near
        desk = threading.Thread(target=lambda: Desk(web).extend(far, new_due, "延期", now))
        real = daemon.planned

        def planned_while_the_desk_extends(*args: Any, **kwargs: Any) -> Any:
            if not desk.is_alive() and desk.ident is None:  # the first store_near batch
                desk.start()
                desk.join(timeout=2)  # without the lock it finishes here, before we write
            return real(*args, **kwargs)

        daemon.planned = planned_while_the_desk_extends  # type: ignore[method-assign]
        daemon.deliver_pass(now)
        desk.join(timeout=30)
        assert not desk.is_alive()
        task = daemon.ledger.task(far)
        assert task is not None and task.due == new_due
        pending = daemon.ledger.reminders(task_id=far, states=("pending",))
        assert {r.due for r in pending} <= {new_due}  # nothing for the old deadline
        # The new deadline's first reminder (06-01 09:00) is far: the task waits for it.
        waiting = {t.id: at for t, at in daemon.ledger.iter_deferred()}
        assert waiting[far] == dt.datetime(2027, 5, 31, 9, 0, tzinfo=TZ)
    finally:
        daemon.close()
        web.close()


@pytest.mark.parametrize("pass_name", ["tick", "deliver_pass"])
def test_a_pass_sends_before_it_stores_what_came_near(
    make_project: MakeProject, pass_name: str
) -> None:
    """What fell due is stored before the sends (it is sent, or marked missed); what only
    came near is stored after them, so a year-end cluster coming near at 09:00 does not hold
    up that morning's 09:00 reminders."""
    service = _service(_project(make_project))
    try:
        service.tick(QUIET)
        steps: list[str] = []
        store, send = service.store_near, service.deliver_due

        def store_near(now: dt.datetime, *, due_only: bool = False) -> Any:
            steps.append("store due" if due_only else "store near")
            return store(now, due_only=due_only)

        def deliver_due(*args: Any, **kwargs: Any) -> None:
            steps.append("send")
            send(*args, **kwargs)

        service.store_near = store_near  # type: ignore[method-assign]
        service.deliver_due = deliver_due  # type: ignore[method-assign]
        getattr(service, pass_name)(dt.datetime(2026, 3, 11, 9, 30, tzinfo=TZ))
        assert steps == ["store due", "send", "store near"]
    finally:
        service.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_replica_that_waited_for_another_s_batch_does_not_plan_it_again(
    make_project: MakeProject, request: pytest.FixtureRequest, backend: str
) -> None:
    """Two replicas see the same task come near; the second waits for the planning lock
    while the first stores it, then finds it stored: it plans nothing."""
    import threading

    store = str(request.getfixturevalue("pg_url")) if backend == "postgresql" else ""
    config = _project(make_project, store=store)
    first, second = _service(config), _service(config)
    try:
        first.tick(QUIET)
        far = _task_id(first, FAR)
        near = dt.datetime(2026, 11, 2, 10, 0, tzinfo=TZ)  # T-30 of 12-31 has come
        looked = threading.Event()
        seen, plans = second.ledger.deferred_until, []
        planned = second.planned

        def deferred_until(*args: Any, **kwargs: Any) -> Any:
            found = seen(*args, **kwargs)
            looked.set()
            return found

        def counting(*args: Any, **kwargs: Any) -> Any:
            plans.append(args)
            return planned(*args, **kwargs)

        second.ledger.deferred_until = deferred_until  # type: ignore[method-assign]
        second.planned = counting  # type: ignore[method-assign]
        result: list[Any] = []
        with first.ledger.planning():  # the first replica is storing
            other = threading.Thread(
                target=lambda: result.append(second.store_near(near)), daemon=True
            )
            other.start()
            assert looked.wait(10)  # the second saw the task waiting, and now waits
            stored = first.store_near(near)
        other.join(30)
        assert not other.is_alive()
        assert stored.added > 0 and first.ledger.count_deferred() == 0
        assert plans == [] and result[0].added == 0
        assert first.ledger.reminders(task_id=far) != []
    finally:
        first.close()
        second.close()
