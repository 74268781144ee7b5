"""The desk's part of the ledger contract (answers, extensions, heartbeats), on SQLite and
PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.errors import LedgerError
from pipeline.ledger.base import DeskLedger, TickRow

from .test_contract import DUE, NOW, make_doc, make_rem, make_task


@pytest.fixture
def desk_ledger(ledger: DeskLedger) -> DeskLedger:
    ledger.save_document(
        make_doc(), [make_task("task-aaaa01", lead=("fgw", "zjj"), assist=("cgj",))], NOW
    )
    ledger.sync_reminders([make_rem("r-fgw"), make_rem("r-zjj", office="zjj")], NOW)
    return ledger


def test_a_link_answers_once_and_done_acknowledges_in_the_same_transaction(
    desk_ledger: DeskLedger,
) -> None:
    row = desk_ledger.record_answer(
        "task-aaaa01", "fgw", "done", "已完成", NOW, by="link", link_id="L1", acknowledge=("fgw",)
    )
    assert row is not None and (row.kind, row.office, row.link_id) == ("done", "fgw", "L1")
    assert desk_ledger.link_used("L1") and not desk_ledger.link_used("L2")
    assert ("task-aaaa01", "fgw") in desk_ledger.acknowledged()
    assert {r.id: r.state for r in desk_ledger.reminders()} == {
        "r-fgw": "cancelled",
        "r-zjj": "pending",
    }
    again = desk_ledger.record_answer(
        "task-aaaa01", "fgw", "done", "", NOW, by="link", link_id="L1", acknowledge=("fgw",)
    )
    assert again is None and len(desk_ledger.answers()) == 1
    note = desk_ledger.record_answer(
        "task-aaaa01", "zjj", "progress", "推进中", NOW, by="link", link_id="L2"
    )
    assert note is not None and "task-aaaa01" not in desk_ledger.done_tasks()
    assert [a.kind for a in desk_ledger.answers(task_id="task-aaaa01")] == ["done", "progress"]
    assert [a.office for a in desk_ledger.answers(office="zjj")] == ["zjj"]
    desk_ledger.record_answer(
        "task-aaaa01", "ducha", "done", "", NOW, by="supervisor", acknowledge=("*",)
    )
    assert "task-aaaa01" in desk_ledger.done_tasks()
    with pytest.raises(LedgerError, match="unknown task"):
        desk_ledger.record_answer("nope-nope-nope", "fgw", "done", "", NOW, by="link")


def test_an_approved_extension_is_the_deadline_and_a_refused_one_is_not(
    desk_ledger: DeskLedger,
) -> None:
    new = DUE + dt.timedelta(days=20)
    req = desk_ledger.extend(
        "task-aaaa01", "fgw", new, "审批延后", NOW, by="link", approved=False, link_id="E1"
    )
    assert req is not None and req.state == "requested" and req.old_due == DUE
    assert (
        desk_ledger.extend(
            "task-aaaa01", "fgw", new, "again", NOW, by="link", approved=False, link_id="E1"
        )
        is None
    )  # the same link twice
    assert desk_ledger.task("task-aaaa01").due == DUE  # type: ignore[union-attr]
    later = NOW + dt.timedelta(hours=1)
    approved = desk_ledger.decide_extension(req.id, True, later, by="operator", note="同意")
    assert (approved.state, approved.decided_by, approved.note) == ("approved", "operator", "同意")
    task = desk_ledger.task("task-aaaa01")
    assert task is not None and task.due == new and "extended" in task.flags
    assert desk_ledger.tasks()[0].due == new
    with pytest.raises(LedgerError, match="already approved"):
        desk_ledger.decide_extension(req.id, False, later, by="operator")
    refused = desk_ledger.extend(
        "task-aaaa01", "zjj", new + dt.timedelta(days=30), "再延", later, by="link", approved=False
    )
    assert refused is not None
    desk_ledger.decide_extension(refused.id, False, later, by="operator")
    assert desk_ledger.task("task-aaaa01").due == new  # type: ignore[union-attr]
    granted = desk_ledger.extend(
        "task-aaaa01",
        "fgw",
        new + dt.timedelta(days=5),
        "统筹",
        later,
        by="operator",
        approved=True,
    )
    assert granted is not None and granted.old_due == new
    assert desk_ledger.task("task-aaaa01").due == new + dt.timedelta(days=5)  # type: ignore[union-attr]
    assert [e.state for e in desk_ledger.extensions(task_id="task-aaaa01")] == [
        "approved",
        "refused",
        "approved",
    ]
    assert desk_ledger.extensions(states=("requested",)) == []
    with pytest.raises(LedgerError, match="no extension request"):
        desk_ledger.decide_extension(999, True, later, by="operator")


def test_heartbeats_keep_the_last_pass_per_worker(desk_ledger: DeskLedger) -> None:
    first = TickRow("host:1", "daemon", NOW, NOW + dt.timedelta(seconds=2), 2.0, True, "tick: …")
    desk_ledger.record_tick(first)
    later = NOW + dt.timedelta(minutes=1)
    desk_ledger.record_tick(TickRow("host:1", "daemon", later, later, 0.5, False, "failed"))
    desk_ledger.record_tick(TickRow("cron:2", "tick", NOW, NOW, 0.1, True, "ok"))
    ticks = desk_ledger.ticks()
    assert [(t.worker, t.ok, t.finished_at) for t in ticks] == [
        ("host:1", False, later),
        ("cron:2", True, NOW),
    ]
    counts = desk_ledger.reminder_counts()
    assert counts == {("pending", "email"): 2}


def test_one_link_submitted_twice_at_once_answers_once(
    desk_ledger: DeskLedger, ledger_url: str
) -> None:
    import threading

    from pipeline.ledger import open_ledger

    others = [open_ledger(ledger_url) for _ in range(4)]
    start = threading.Barrier(len(others))
    results: list[object] = []

    def submit(ledger: DeskLedger) -> None:
        start.wait()
        try:
            results.append(
                ledger.record_answer(
                    "task-aaaa01", "fgw", "progress", "同一链接", NOW, by="link", link_id="SAME"
                )
            )
        except Exception as exc:  # noqa: BLE001  (any error is reported as a failure)
            results.append(exc)

    threads = [threading.Thread(target=submit, args=(o,)) for o in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    for o in others:
        o.close()
    assert sum(r is not None for r in results) == 1, results
    assert all(r is None or hasattr(r, "link_id") for r in results), results
    assert len(desk_ledger.answers()) == 1
