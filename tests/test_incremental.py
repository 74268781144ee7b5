"""Incremental ticks: a pass re-plans what changed — a document, an acknowledgement, an
extension, the reminder policy — and its stored reminders always equal a full re-plan."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline.readahead as reader_module
from pipeline.config import load_config
from pipeline.desk.desk import Desk
from pipeline.service import Service

from .conftest import MakeProject

TZ = ZoneInfo("Asia/Shanghai")
PUBLISHED = dt.date(2026, 3, 2)
# Before the send hour on the documents' day: nothing is due, nothing is missed.
QUIET = dt.datetime(2026, 3, 2, 1, 0, tzinfo=TZ)
OFFICES = ["区住建局", "区城管局", "区发改委", "区卫健委"]
FORMS = ["{m}月底前", "{m}月上旬", "{m}月{d}日前", "年底前"]
MINUTE = dt.timedelta(minutes=1)


def sentence(i: int, form: int, month: int, owner: int) -> str:
    when = FORMS[form].format(m=month, d=10)
    return f"{when}，{OFFICES[owner]}完成第{i}项重点工作验收。"


def write_doc(folder: Path, name: str, lines: list[str]) -> None:
    (folder / name).write_text("关于重点工作的通知\n\n" + "\n".join(lines) + "\n", "utf-8")
    (folder / f"{name}.meta.yaml").write_text(f"date: {PUBLISHED.isoformat()}\n", "utf-8")


Plan = tuple[dict[str, tuple[dt.datetime, dt.date]], dict[str, dt.datetime]]


def stored_plan(service: Service) -> Plan:
    """Pending reminders as stored (id → (fire_at, due)), and the deferred tasks (id → the
    moment of their first reminder), whose reminders are not stored yet."""
    pending = service.ledger.reminders(states=("pending",))
    deferred = {t.id: at for t, at in service.ledger.iter_deferred()}
    return {r.id: (r.fire_at, r.due) for r in pending}, deferred


def full_plan(service: Service, now: dt.datetime = QUIET) -> Plan:
    """What a full re-plan of every active task gives at ``now``, minus what was already
    settled: the reminders of tasks whose first fires within `store_ahead_days` are stored,
    the other tasks deferred."""
    settled = {r.id for r in service.ledger.reminders(states=("sent", "failed", "missed"))}
    planned = service.planned()
    first: dict[str, dt.datetime] = {}
    for r in planned:
        first[r.task_id] = min(first.get(r.task_id, r.fire_at), r.fire_at)
    until = service.store_until(now)
    late = {t: at for t, at in first.items() if until is not None and at > until}
    stored = {
        r.id: (r.fire_at, r.due) for r in planned if r.id not in settled and r.task_id not in late
    }
    return stored, late


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    config = make_project(seed=False)
    docs = config.parent / "docs"
    write_doc(docs, "a.txt", [sentence(i, i % 4, 4 + i % 8, i % 4) for i in range(6)])
    write_doc(docs, "b.txt", [sentence(i, (i + 1) % 4, 5 + i % 7, (i + 1) % 4) for i in range(6)])
    return config


def _service(config: Path) -> Service:
    return Service(load_config(config), worker="t", rnd=random.Random(1))


def test_an_unchanged_document_is_not_parsed_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _service(project)
    first = service.tick(QUIET)
    assert first.changed == 2 and first.planned.added > 0
    reads: list[str] = []
    real = reader_module.ingest_file
    monkeypatch.setattr(
        reader_module, "ingest_file", lambda p, **kw: reads.append(str(p)) or real(p, **kw)
    )
    idle = service.tick(QUIET)
    assert reads == [] and idle.changed == 0 and idle.documents == 2
    assert idle.tasks == first.tasks
    assert (idle.planned.added, idle.planned.moved, idle.planned.cancelled) == (0, 0, 0)
    assert first.planned.deferred > 0 and idle.planned.deferred == 0
    # An edit is seen (its hash changed) and only that file is read and re-planned.
    write_doc(project.parent / "docs", "b.txt", [sentence(1, 0, 9, 1)])
    edited = service.tick(QUIET)
    assert [Path(p).name for p in reads] == ["b.txt"]
    assert edited.changed == 1 and edited.tasks == 6 + 1
    assert stored_plan(service) == full_plan(service)


def test_editing_one_document_leaves_the_others_reminders_untouched(project: Path) -> None:
    service = _service(project)
    service.tick(QUIET)
    a_tasks = {t.id for t in service.ledger.tasks() if t.document.endswith("a.txt")}
    before = {r.id: r.updated_at for r in service.ledger.reminders() if r.task_id in a_tasks}
    write_doc(project.parent / "docs", "b.txt", [sentence(9, 2, 11, 3)])
    later = QUIET + dt.timedelta(minutes=5)
    report = service.tick(later)
    assert report.changed == 1
    after = {r.id: r.updated_at for r in service.ledger.reminders() if r.task_id in a_tasks}
    assert after == before  # not even rewritten
    assert stored_plan(service) == full_plan(service, later)


def test_a_policy_change_re_plans_every_document(project: Path) -> None:
    service = _service(project)
    service.tick(QUIET)
    kinds = {r.kind for r in service.ledger.reminders(states=("pending",))}
    assert "before-30" in kinds
    data = yaml.safe_load(project.read_text("utf-8"))
    data["reminders"]["days_before"] = [5, 0]
    project.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    service = _service(project)
    report = service.tick(QUIET)
    assert report.changed == 2  # the config hash is part of every document's stamp
    kinds = {r.kind for r in service.ledger.reminders(states=("pending",))}
    assert "before-30" not in kinds
    assert {"before-5", "before-0"} <= {r.kind for r in service.planned()}
    assert stored_plan(service) == full_plan(service)


def test_an_extension_re_plans_that_task_only(project: Path) -> None:
    data = yaml.safe_load(project.read_text("utf-8"))
    data.setdefault("delivery", {})["store_ahead_days"] = None  # every reminder stored at once
    project.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    service = _service(project)
    service.tick(QUIET)
    task = service.ledger.tasks()[0]
    others = {r.id for r in service.ledger.reminders(states=("pending",)) if r.task_id != task.id}
    assert task.due is not None
    _, stats = Desk(service).extend(task.id, task.due + dt.timedelta(days=20), "施工期延长", QUIET)
    assert stats.added > 0 and stats.cancelled > 0
    pending = {r.id for r in service.ledger.reminders(states=("pending",))}
    assert others <= pending
    assert stored_plan(service) == full_plan(service)


# --- the property: any sequence of changes, then a tick, equals a full re-plan ---------------

Change = tuple[str, int, int]  # (what, which, value)
changes = st.lists(
    st.tuples(
        st.sampled_from(["edit", "drop-line", "ack", "remove-doc", "policy", "later"]),
        st.integers(0, 5),
        st.integers(0, 11),
    ),
    min_size=1,
    max_size=5,
)


def apply(change: Change, config: Path, service: Service, when: dt.datetime) -> Service:
    what, which, value = change
    docs = config.parent / "docs"
    name = "a.txt" if which % 2 == 0 else "b.txt"
    if what == "edit":
        write_doc(
            docs,
            name,
            [sentence(i, (i + value) % 4, 1 + (i + value) % 12, i % 4) for i in range(4)],
        )
    elif what == "drop-line" and (docs / name).exists():
        lines = (docs / name).read_text("utf-8").splitlines()[2:]
        write_doc(docs, name, lines[: max(1, len(lines) - 1 - value % 2)])
    elif what == "ack":
        tasks = service.ledger.tasks()
        if tasks:
            task = tasks[value % len(tasks)]
            service.ledger.acknowledge(task.id, task.lead[0] if value % 2 else None, when)
    elif what == "remove-doc" and (docs / name).exists():
        (docs / name).unlink()
        (docs / f"{name}.meta.yaml").unlink()
        write_doc(docs, f"new{value}.txt", [sentence(value, value % 4, 1 + value, value % 4)])
    elif what == "later":  # time passes: deferred tasks come near and are stored
        return service
    elif what == "policy":
        data: dict[str, Any] = yaml.safe_load(config.read_text("utf-8"))
        data["reminders"]["days_before"] = sorted({value + 1, 3, 0}, reverse=True)
        data["reminders"]["overdue_every_days"] = 1 + value % 3
        config.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        service.close()
        return _service(config)
    return service


def assert_ledger_is_the_plan(service: Service, when: dt.datetime, change: Change) -> None:
    """Stored reminders equal a full re-plan's; a deferred task is looked at again no later
    than its first reminder minus the horizon (an acknowledgement, which the ledger applies
    without planning, can only make its first reminder later or remove it)."""
    (stored, deferred), (want, late) = stored_plan(service), full_plan(service, when)
    assert stored == want, change
    assert late.keys() <= deferred.keys(), change
    assert all(deferred[t] <= at for t, at in late.items()), change
    planned_tasks = {r.task_id for r in service.planned()}
    assert not (deferred.keys() - late.keys()) & planned_tasks, change


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=changes)
def test_incremental_ticks_equal_a_full_re_plan(
    make_project: MakeProject, steps: list[Change]
) -> None:
    config = make_project(seed=False)
    docs = config.parent / "docs"
    for f in docs.iterdir():
        f.unlink()
    db = config.parent / "var" / "ledger.db"
    if db.exists():
        db.unlink()
    write_doc(docs, "a.txt", [sentence(i, i % 4, 4 + i % 8, i % 4) for i in range(6)])
    write_doc(docs, "b.txt", [sentence(i, (i + 1) % 4, 5 + i % 7, (i + 1) % 4) for i in range(6)])
    service = _service(config)
    try:
        when = QUIET
        service.tick(when)
        for change in steps:
            when += dt.timedelta(days=7 * change[2]) if change[0] == "later" else MINUTE
            service = apply(change, config, service, when)
            service.tick(when)
            assert_ledger_is_the_plan(service, when, change)
    finally:
        service.close()


def _upcoming(service: Service) -> list[tuple[str, dt.datetime, str | None]]:
    from pipeline.report import TickReport
    from pipeline.upcoming import upcoming

    ahead = upcoming(service, QUIET, TickReport(dry_run=True), start=QUIET)
    rows = [(r.id, r.fire_at, text) for r, text in ahead.rows]
    assert ahead.later == len(stored_plan(service)[1]) > 0
    assert {str(at.tzinfo) for _, at, _ in rows} <= {"Asia/Shanghai"}  # one time zone
    return rows


def test_plan_shows_an_edit_before_the_tick_stores_it(project: Path) -> None:
    service = _service(project)
    service.tick(QUIET)
    write_doc(project.parent / "docs", "b.txt", [sentence(1, 0, 9, 1), sentence(2, 2, 7, 2)])
    before_tick = _upcoming(service)  # b.txt planned in memory, a.txt read from the ledger
    assert any("第2项" in (text or "") for _, _, text in before_tick)
    fire = [at for _, at, _ in before_tick]
    assert fire == sorted(fire)
    service.tick(QUIET)
    assert _upcoming(service) == before_tick
    full = sorted((r.fire_at, r.id) for r in service.planned() if r.fire_at >= QUIET)
    assert [(at, i) for i, at, _ in before_tick] == full  # stored and deferred, merged
    assert len(before_tick) > _upcoming_total(service)  # the deferred tasks' are not counted


def _upcoming_total(service: Service) -> int:
    from pipeline.report import TickReport
    from pipeline.upcoming import upcoming

    return upcoming(service, QUIET, TickReport(dry_run=True), start=QUIET).total
