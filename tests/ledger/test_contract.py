"""The ledger contract, run against a SQLite file and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from pipeline.errors import LedgerError
from pipeline.ledger import Ledger, SyncStats, open_ledger
from pipeline.ledger.migrations import MIGRATIONS
from pipeline.models import Block, Document, Outcome, Reminder, Task

UTC = dt.UTC
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
DUE = dt.date(2024, 6, 30)


def make_doc(key: str = "plans/a.md", sha: str = "sha-1") -> Document:
    return Document(
        key=key,
        path=f"/srv/{key}",
        title="关于推进重点工作的实施方案",
        blocks=(Block("一、总体要求", line=1, heading=1),),
        published=dt.date(2024, 5, 6),
        date_basis="sidecar",
        sha256=sha,
    )


def make_task(
    tid: str,
    *,
    document: str = "plans/a.md",
    due: dt.date | None = DUE,
    lead: tuple[str, ...] = ("fgw",),
    assist: tuple[str, ...] = (),
    line: int = 1,
) -> Task:
    return Task(
        id=tid,
        document=document,
        text=f"完成任务{tid}",
        sentence=f"6月底前完成任务{tid}。",
        section="二、重点任务 › (一)",
        line=line,
        expr="6月底前" if due else None,
        due=due,
        kind="month_end" if due else None,
        strength="确保",
        basis="document",
        flags=("provisional",) if due else ("no-date",),
        named_lead=("市发展改革委",),
        named_assist=("市财政局",) if assist else (),
        lead=lead,
        assist=assist,
        owner_basis="explicit",
        unknown_owners=("某工作专班",),
    )


def make_rem(
    rid: str,
    *,
    task_id: str = "task-aaaa01",
    office: str = "fgw",
    fire_at: dt.datetime = NOW,
    due: dt.date = DUE,
    cc: tuple[str, ...] = (),
    kind: str = "before-7",
) -> Reminder:
    return Reminder(rid, task_id, office, "email", kind, fire_at, due, cc)


def states(ledger: Ledger) -> dict[str, str]:
    return {r.id: r.state for r in ledger.reminders()}


# schema


def test_migrations_recorded_and_idempotent(ledger_url: str) -> None:
    open_ledger(ledger_url).close()
    with open_ledger(ledger_url) as again:  # up to date: nothing to do
        again.sync_reminders([make_rem("r1")], NOW)
    engine = sa.create_engine(ledger_url)
    try:
        with engine.connect() as conn:
            versions = conn.execute(sa.text("SELECT version FROM schema_version")).scalars()
            assert list(versions) == list(range(1, len(MIGRATIONS) + 1))
            names = set(sa.inspect(conn).get_table_names())
        assert {"documents", "tasks", "reminders", "attempts", "acks"} <= names
    finally:
        engine.dispose()


def test_newer_schema_is_refused(ledger_url: str) -> None:
    open_ledger(ledger_url).close()
    engine = sa.create_engine(ledger_url)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO schema_version (version) VALUES (999)"))
    engine.dispose()
    with pytest.raises(LedgerError, match="newer than this program"):
        open_ledger(ledger_url)


# documents and tasks


def test_save_document_round_trips_exact_tasks(ledger: Ledger) -> None:
    tasks = [make_task("task-aaaa01", assist=("czj",), line=3), make_task("task-bbbb02", due=None)]
    assert ledger.document_sha("plans/a.md") is None
    ledger.save_document(make_doc(), tasks, NOW)
    assert ledger.document_sha("plans/a.md") == "sha-1"
    assert ledger.tasks() == [tasks[1], tasks[0]]  # by document, then line
    assert ledger.task("task-aaaa01") == tasks[0]
    [row] = ledger.documents()
    assert (row.key, row.title, row.published, row.date_basis) == (
        "plans/a.md",
        "关于推进重点工作的实施方案",
        dt.date(2024, 5, 6),
        "sidecar",
    )
    assert row.ingested_at == NOW and row.ingested_at.tzinfo == UTC


def test_save_documents_is_one_transaction(ledger: Ledger) -> None:
    a, b = make_doc("plans/a.md"), make_doc("plans/b.md")
    ledger.save_documents(
        [(a, [make_task("task-aaaa01")]), (b, [make_task("task-bbbb01", document=b.key)])], NOW
    )
    assert {t.id: t.document for t in ledger.tasks()} == {
        "task-aaaa01": "plans/a.md",
        "task-bbbb01": "plans/b.md",
    }
    # One bad document in a batch: none of the batch is written.
    c = make_doc("plans/c.md")
    broken = dataclasses.replace(make_doc("plans/d.md"), published="not a date")  # type: ignore[arg-type]
    with pytest.raises(LedgerError):
        ledger.save_documents([(c, [make_task("task-cccc01", document=c.key)]), (broken, [])], NOW)
    assert {d.key for d in ledger.documents()} == {"plans/a.md", "plans/b.md"}
    assert ledger.task("task-cccc01") is None


def test_save_document_upserts_and_deactivates(ledger: Ledger) -> None:
    one, two = make_task("task-aaaa01"), make_task("task-bbbb02", line=2)
    ledger.save_document(make_doc(), [one, two], NOW)
    ledger.save_document(
        make_doc("plans/b.md"), [make_task("task-cccc03", document="plans/b.md")], NOW
    )
    ledger.sync_reminders([make_rem("r1"), make_rem("r2", task_id="task-bbbb02")], NOW)

    moved = make_task("task-aaaa01", due=dt.date(2024, 7, 31))
    later = NOW + dt.timedelta(hours=1)
    ledger.save_document(make_doc(sha="sha-2"), [moved], later)

    assert ledger.document_sha("plans/a.md") == "sha-2"
    assert [t.id for t in ledger.tasks()] == ["task-aaaa01", "task-cccc03"]
    assert ledger.task("task-aaaa01") == moved
    assert {t.id for t in ledger.tasks(include_inactive=True)} == {
        "task-aaaa01",
        "task-bbbb02",
        "task-cccc03",
    }
    assert states(ledger) == {"r1": "pending", "r2": "cancelled"}
    assert len(ledger.documents()) == 2


def test_reactivated_task_gets_its_reminders_back(ledger: Ledger) -> None:
    one, two = make_task("task-aaaa01"), make_task("task-bbbb02")
    ledger.save_document(make_doc(), [one, two], NOW)
    plan = [make_rem("r1"), make_rem("r2", task_id="task-bbbb02")]
    ledger.sync_reminders(plan, NOW)
    ledger.save_document(make_doc(), [one], NOW)
    # While the task is inactive, planning it again does not revive its reminder.
    assert ledger.sync_reminders(plan, NOW) == SyncStats(added=0, moved=0, cancelled=0, unchanged=2)
    ledger.save_document(make_doc(), [one, two], NOW)
    assert ledger.sync_reminders(plan, NOW) == SyncStats(added=1, moved=0, cancelled=0, unchanged=1)
    assert states(ledger) == {"r1": "pending", "r2": "pending"}


def test_task_lookup_by_prefix(ledger: Ledger) -> None:
    tasks = [make_task("abcdef123"), make_task("abcdef456"), make_task("zyx_%w9")]
    ledger.save_document(make_doc(), tasks, NOW)
    assert ledger.task("abcdef12") == tasks[0]
    assert ledger.task("zyx_%w") == tasks[2]  # LIKE wildcards are literal
    assert ledger.task("zyx_%") is None  # shorter than 6 characters: exact ids only
    assert ledger.task("nothing-here") is None
    with pytest.raises(LedgerError, match="ambiguous.*abcdef123, abcdef456"):
        ledger.task("abcdef")


# acknowledgements


def test_acknowledge_one_office_then_all(ledger: Ledger) -> None:
    ledger.save_document(make_doc(), [make_task("task-aaaa01", assist=("czj", "sfj"))], NOW)
    plan = [make_rem(f"r-{o}", office=o) for o in ("fgw", "czj", "sfj")]
    ledger.sync_reminders(plan, NOW)

    assert ledger.acknowledge("task-aaaa01", "czj", NOW, by="mail") == 1
    assert ledger.acknowledged() == {("task-aaaa01", "czj")}
    assert ledger.done_tasks() == set()
    assert states(ledger) == {"r-fgw": "pending", "r-czj": "cancelled", "r-sfj": "pending"}

    assert ledger.acknowledge("task-aaa", None, NOW) == 2  # a prefix works too
    assert ledger.done_tasks() == {"task-aaaa01"}
    assert set(states(ledger).values()) == {"cancelled"}
    # An acknowledged office is not reminded again, even by a new kind of reminder.
    again = [*plan, make_rem("r-new", office="fgw", kind="overdue-1")]
    assert ledger.sync_reminders(again, NOW).added == 0
    assert set(states(ledger).values()) == {"cancelled"}


def test_acknowledge_rejects_unknown_task_and_office(ledger: Ledger) -> None:
    ledger.save_document(make_doc(), [make_task("task-aaaa01")], NOW)
    with pytest.raises(LedgerError, match="unknown task"):
        ledger.acknowledge("task-zzzz99", None, NOW)
    with pytest.raises(LedgerError, match="not an owner"):
        ledger.acknowledge("task-aaaa01", "nobody", NOW)
    assert ledger.acknowledged() == set()


# sync


def test_sync_adds_moves_cancels_and_keeps(ledger: Ledger) -> None:
    plan = [make_rem("r1"), make_rem("r2"), make_rem("r3")]
    assert ledger.sync_reminders(plan, NOW) == SyncStats(added=3, moved=0, cancelled=0, unchanged=0)
    [r1] = ledger.reminders(states=["pending"], task_id="task-aaaa01")[:1]
    assert (r1.state, r1.attempts, r1.next_attempt_at) == ("pending", 0, NOW)

    later = NOW + dt.timedelta(days=2)
    plan2 = [
        make_rem("r1"),
        make_rem("r2", fire_at=later, due=dt.date(2024, 7, 2)),
        make_rem("r4", cc=("czj",)),
    ]
    stats = ledger.sync_reminders(plan2, NOW)
    assert stats == SyncStats(added=1, moved=1, cancelled=1, unchanged=1)
    rows = {r.id: r for r in ledger.reminders()}
    assert rows["r2"].fire_at == later and rows["r2"].next_attempt_at == later
    assert rows["r2"].due == dt.date(2024, 7, 2)
    assert rows["r3"].state == "cancelled"
    assert rows["r4"].cc == ("czj",)
    assert rows["r4"].reminder == plan2[2]

    plan3 = [make_rem("r1"), plan2[1], make_rem("r4", cc=("czj", "sfj"))]
    assert ledger.sync_reminders(plan3, NOW) == SyncStats(0, 1, 0, 2)
    assert ledger.sync_reminders(plan3, NOW) == SyncStats(0, 0, 0, 3)


def test_deferred_tasks_are_marked_found_by_moment_and_cleared(ledger: Ledger) -> None:
    tasks = [make_task(f"task-dddd0{i}", line=i) for i in range(1, 5)]
    ledger.save_document(make_doc(), tasks, NOW)
    ids = [t.id for t in tasks]
    soon, later = NOW + dt.timedelta(days=40), NOW + dt.timedelta(days=90)
    marks = {ids[0]: later, ids[1]: soon, ids[2]: soon.astimezone(SHANGHAI)}
    stored = make_rem("r1", task_id=ids[3])
    stats = ledger.sync_reminders([stored], NOW, scope=ids, deferred=marks)
    assert (stats.added, stats.deferred) == (1, 3)
    assert ledger.count_deferred() == 3
    # By moment, then id; times come back as the same instants.
    assert [(t.id, at) for t, at in ledger.iter_deferred(batch=2)] == [
        (ids[1], soon),
        (ids[2], soon),
        (ids[0], later),
    ]
    assert ledger.deferred_until(soon, limit=10) == [ids[1], ids[2]]
    assert ledger.deferred_until(soon, limit=1) == [ids[1]]
    assert ledger.deferred_until(NOW, limit=10) == []
    # Planned again with ids[1] stored now: its mark is cleared, the others' kept or moved.
    ledger.sync_reminders([], NOW, scope=ids[:2], deferred={ids[0]: soon})
    assert [t.id for t, _ in ledger.iter_deferred()] == [ids[0], ids[2]]
    assert ledger.deferred_until(soon, limit=10) == [ids[0], ids[2]]
    # Without ``deferred`` the marks are left as they are; a retired task is not listed.
    ledger.sync_reminders([], NOW, scope=ids)
    assert ledger.count_deferred() == 2
    ledger.retire_document("plans/a.md", NOW)
    assert ledger.count_deferred() == 0 and ledger.deferred_until(later, limit=10) == []
    assert list(ledger.iter_deferred()) == []


def test_deferred_tasks_are_read_in_one_snapshot(ledger_url: str) -> None:
    """`plan` pages through the waiting tasks while a pass may re-plan them: a task moved
    to a later moment after its page was read is not read again, nor one added."""
    with open_ledger(ledger_url) as reader, open_ledger(ledger_url) as writer:
        tasks = [make_task(f"task-eeee0{i}", line=i) for i in range(1, 5)]
        writer.save_document(make_doc(), tasks, NOW)
        ids = [t.id for t in tasks]
        marks = {t: NOW + dt.timedelta(days=40 + i) for i, t in enumerate(ids)}
        writer.sync_reminders([], NOW, scope=ids, deferred=marks)
        pages = reader.iter_deferred(batch=1)
        first, _ = next(pages)
        assert first.id == ids[0]
        later = NOW + dt.timedelta(days=400)
        writer.sync_reminders([], NOW, scope=[ids[0]], deferred={ids[0]: later})
        writer.save_document(
            make_doc("plans/b.md"), [make_task("task-ffff01", document="plans/b.md")], NOW
        )
        writer.sync_reminders([], NOW, scope=["task-ffff01"], deferred={"task-ffff01": NOW})
        rest = [t.id for t, _ in pages]
        assert rest == ids[1:]  # as the ledger stood when the listing began
        assert [t.id for t, _ in reader.iter_deferred()] == ["task-ffff01", *ids[1:], ids[0]]


def test_a_deferred_task_s_stored_reminders_are_cancelled(ledger: Ledger) -> None:
    ledger.save_document(make_doc(), [make_task("task-aaaa01")], NOW)
    ledger.sync_reminders([make_rem("r1"), make_rem("r2", kind="before-1")], NOW)
    # The deadline moved far away: nothing is planned to be stored, the task waits.
    far = NOW + dt.timedelta(days=200)
    stats = ledger.sync_reminders([], NOW, scope=["task-aaaa01"], deferred={"task-aaaa01": far})
    assert (stats.cancelled, stats.deferred) == (2, 1)
    assert set(states(ledger).values()) == {"cancelled"}
    assert [(t.id, at) for t, at in ledger.iter_deferred()] == [("task-aaaa01", far)]


def test_cancelled_reminder_comes_back_when_planned_again(ledger: Ledger) -> None:
    ledger.save_document(make_doc(), [make_task("task-aaaa01")], NOW)
    both = [make_rem("r1"), make_rem("r2", kind="before-1")]
    orphan = make_rem("r3", task_id="task-unsaved")
    ledger.sync_reminders([*both, orphan], NOW)
    ledger.sync_reminders([], NOW)  # e.g. the deadline moved beyond the planning horizon
    assert set(states(ledger).values()) == {"cancelled"}
    # Back in the plan: revived for an active task, not for one the ledger does not know.
    assert ledger.sync_reminders([*both, orphan], NOW) == SyncStats(2, 0, 0, 1)
    assert states(ledger) == {"r1": "pending", "r2": "pending", "r3": "cancelled"}


def test_moving_a_retried_reminder_keeps_its_backoff(ledger: Ledger) -> None:
    ledger.sync_reminders([make_rem("r1")], NOW)
    ledger.claim_due(NOW, "w1", 60, limit=1)
    backoff = NOW + dt.timedelta(hours=2)
    ledger.record("r1", "w1", Outcome("retry", "503"), NOW, next_attempt_at=backoff)
    ledger.sync_reminders([make_rem("r1", fire_at=NOW + dt.timedelta(hours=1))], NOW)
    assert ledger.reminders()[0].next_attempt_at == backoff
    ledger.sync_reminders([make_rem("r1", fire_at=NOW + dt.timedelta(hours=3))], NOW)
    assert ledger.reminders()[0].next_attempt_at == NOW + dt.timedelta(hours=3)


def test_sync_leaves_settled_reminders_alone(ledger: Ledger) -> None:
    plan = [make_rem(f"r{i}") for i in range(4)]
    ledger.sync_reminders(plan, NOW)
    claimed = ledger.claim_due(NOW, "w1", 60, limit=4)
    assert len(claimed) == 4
    ledger.record("r0", "w1", Outcome("sent"), NOW)
    ledger.record("r1", "w1", Outcome("failed", "550 no such user"), NOW)
    before = {r.id: r for r in ledger.reminders()}

    moved = [make_rem(f"r{i}", fire_at=NOW + dt.timedelta(days=1)) for i in range(4)]
    assert ledger.sync_reminders(moved, NOW) == SyncStats(0, 0, 0, 4)
    assert ledger.sync_reminders([], NOW) == SyncStats(0, 0, 0, 0)
    assert {r.id: r for r in ledger.reminders()} == before


def test_sync_ten_thousand_reminders_in_bulk(ledger: Ledger) -> None:
    plan = [
        make_rem(f"r{i:05d}", task_id=f"task-{i // 10:04d}", fire_at=NOW + dt.timedelta(minutes=i))
        for i in range(10_000)
    ]
    started = time.perf_counter()
    assert ledger.sync_reminders(plan, NOW).added == 10_000
    assert ledger.sync_reminders(plan, NOW).unchanged == 10_000
    shifted = [
        make_rem(r.id, task_id=r.task_id, fire_at=r.fire_at + dt.timedelta(days=1)) for r in plan
    ]
    assert ledger.sync_reminders(shifted[:5_000], NOW) == SyncStats(0, 5_000, 5_000, 0)
    assert time.perf_counter() - started < 10


# claiming and outcomes


def test_claim_respects_next_attempt_and_order(ledger: Ledger) -> None:
    hour = dt.timedelta(hours=1)
    plan = [
        make_rem("late", fire_at=NOW + hour),
        make_rem("b", fire_at=NOW - hour),
        make_rem("a", fire_at=NOW - 2 * hour),
        make_rem("c", fire_at=NOW),
    ]
    ledger.sync_reminders(plan, NOW)
    first = ledger.claim_due(NOW, "w1", 300, limit=2)
    assert [r.id for r in first] == ["a", "b"]
    assert all(r.state == "claimed" and r.claimed_by == "w1" for r in first)
    assert first[0].lease_until == NOW + dt.timedelta(seconds=300)
    assert [r.id for r in ledger.claim_due(NOW, "w2", 300, limit=10)] == ["c"]
    assert ledger.claim_due(NOW, "w3", 300, limit=10) == []
    assert ledger.claim_due(NOW, "w3", 300, limit=0) == []
    # An hour later the first leases have expired too: they come back first.
    assert [r.id for r in ledger.claim_due(NOW + hour, "w3", 300, limit=10)] == [
        "a",
        "b",
        "c",
        "late",
    ]


def test_claim_takes_over_an_expired_lease(ledger: Ledger) -> None:
    ledger.sync_reminders([make_rem("r1")], NOW)
    assert len(ledger.claim_due(NOW, "crashed", 60, limit=5)) == 1
    assert ledger.claim_due(NOW + dt.timedelta(seconds=60), "w2", 60, limit=5) == []
    [row] = ledger.claim_due(NOW + dt.timedelta(seconds=61), "w2", 60, limit=5)
    assert (row.claimed_by, row.attempts) == ("w2", 0)
    # The crashed sender's late outcome no longer counts.
    assert ledger.record("r1", "crashed", Outcome("sent"), NOW) is False
    assert ledger.reminders()[0].state == "claimed"
    assert len(ledger.attempts("r1")) == 1


def test_record_sent_retry_failed(ledger: Ledger) -> None:
    ledger.sync_reminders([make_rem("ok"), make_rem("flaky"), make_rem("bad")], NOW)
    ledger.claim_due(NOW, "w1", 60, limit=10)
    later = NOW + dt.timedelta(minutes=5)
    assert ledger.record("ok", "w1", Outcome("sent", "250 OK"), NOW)
    assert ledger.record("flaky", "w1", Outcome("retry", "timeout"), NOW, next_attempt_at=later)
    assert ledger.record("bad", "w1", Outcome("failed", "550 unknown"), NOW)

    rows = {r.id: r for r in ledger.reminders()}
    assert (rows["ok"].state, rows["ok"].sent_at, rows["ok"].attempts) == ("sent", NOW, 0)
    flaky = rows["flaky"]
    assert (flaky.state, flaky.attempts, flaky.last_error) == ("pending", 1, "timeout")
    assert (flaky.next_attempt_at, flaky.claimed_by, flaky.lease_until) == (later, None, None)
    assert (rows["bad"].state, rows["bad"].attempts, rows["bad"].last_error) == (
        "failed",
        1,
        "550 unknown",
    )
    assert ledger.claim_due(NOW, "w1", 60, limit=10) == []
    [again] = ledger.claim_due(later, "w1", 60, limit=10)
    assert again.id == "flaky"
    attempts = ledger.attempts()
    assert [(a.reminder_id, a.status, a.detail) for a in attempts] == [
        ("ok", "sent", "250 OK"),
        ("flaky", "retry", "timeout"),
        ("bad", "failed", "550 unknown"),
    ]
    assert attempts[0].at == NOW and attempts[0].worker == "w1"
    assert [a.status for a in ledger.attempts("flaky")] == ["retry"]


@pytest.mark.parametrize("returning", [True, False], ids=["update-returning", "row-by-row"])
def test_record_many_stores_each_outcome_and_says_which_claims_were_held(
    ledger: Ledger, returning: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One UPDATE per set of equal outcomes where the database returns the ids it changed;
    # a database without UPDATE … RETURNING gets one UPDATE per reminder, same result.
    dialect = ledger._engine.dialect  # type: ignore[attr-defined]  # noqa: SLF001
    monkeypatch.setattr(dialect, "update_returning", returning and dialect.update_returning)
    first = NOW - dt.timedelta(minutes=1)  # claimed first, by another worker
    ids = ["s1", "s2", "s3", "retry1", "retry2", "bad"]
    ledger.sync_reminders([make_rem("stolen", fire_at=first)] + [make_rem(i) for i in ids], NOW)
    [taken] = ledger.claim_due(NOW, "w2", 60, limit=1)
    assert taken.id == "stolen"
    assert len(ledger.claim_due(NOW, "w1", 60, limit=10)) == len(ids)
    later, later2 = NOW + dt.timedelta(minutes=5), NOW + dt.timedelta(minutes=7)
    items = [
        ("s1", Outcome("sent", "250 a"), None),
        ("retry1", Outcome("retry", "timeout"), later),
        ("s2", Outcome("sent", "250 b"), None),
        ("stolen", Outcome("sent"), None),
        ("retry2", Outcome("retry", "timeout"), later2),
        ("bad", Outcome("failed", "550 unknown"), None),
        ("s3", Outcome("sent", "250 c"), None),
    ]
    assert ledger.record_many(items, "w1", NOW) == [True, True, True, False, True, True, True]
    rows = {r.id: r for r in ledger.reminders()}
    assert (rows["stolen"].state, rows["stolen"].claimed_by) == ("claimed", "w2")
    for i in ("s1", "s2", "s3"):
        assert (rows[i].state, rows[i].sent_at, rows[i].attempts) == ("sent", NOW, 0)
    for i, at in (("retry1", later), ("retry2", later2)):
        r = rows[i]
        assert (r.state, r.attempts, r.last_error, r.claimed_by) == ("pending", 1, "timeout", None)
        assert r.next_attempt_at == at
    assert (rows["bad"].state, rows["bad"].attempts, rows["bad"].last_error) == (
        "failed",
        1,
        "550 unknown",
    )
    details = [(a.reminder_id, a.status, a.detail) for a in ledger.attempts()]
    assert sorted(details) == sorted((i, o.status, o.detail) for i, o, _ in items)


def test_record_rejects_bad_calls(ledger: Ledger) -> None:
    ledger.sync_reminders([make_rem("r1")], NOW)
    ledger.claim_due(NOW, "w1", 60, limit=1)
    with pytest.raises(LedgerError, match="next_attempt_at"):
        ledger.record("r1", "w1", Outcome("retry"), NOW)
    with pytest.raises(LedgerError) as info:
        ledger.record("no-such-reminder", "w1", Outcome("sent"), NOW)
    assert isinstance(info.value.__cause__, sa.exc.SQLAlchemyError)
    assert ledger.attempts() == []
    assert ledger.record("r1", "other", Outcome("sent"), NOW) is False
    assert ledger.reminders()[0].state == "claimed"


def test_release_returns_claims(ledger: Ledger) -> None:
    ledger.sync_reminders([make_rem(f"r{i}") for i in range(3)], NOW)
    ledger.claim_due(NOW, "w1", 600, limit=2)
    ledger.claim_due(NOW, "w2", 600, limit=2)
    assert ledger.release("w1") == 2
    assert ledger.release("w1") == 0
    assert sorted(states(ledger).values()) == ["claimed", "pending", "pending"]
    assert [r.id for r in ledger.claim_due(NOW, "w3", 600, limit=5)] == ["r0", "r1"]


def test_mark_missed(ledger: Ledger) -> None:
    day = dt.timedelta(days=1)
    plan = [
        make_rem("old", fire_at=NOW - 3 * day),
        make_rem("recent", fire_at=NOW - day / 2),
        make_rem("old-sent", fire_at=NOW - 4 * day),
    ]
    plan.append(make_rem("old-retrying", fire_at=NOW - 3.5 * day))
    ledger.sync_reminders(plan, NOW)
    ledger.claim_due(NOW, "w1", 60, limit=2)
    ledger.record("old-sent", "w1", Outcome("sent"), NOW)
    ledger.record("old-retrying", "w1", Outcome("retry", "503"), NOW, next_attempt_at=NOW + day)
    missed = ledger.mark_missed(NOW - day, NOW)
    assert [(r.id, r.state, r.updated_at) for r in missed] == [("old", "missed", NOW)]
    assert ledger.mark_missed(NOW - day, NOW) == []
    # A reminder waiting for its retry was due in time: it is not missed.
    assert states(ledger) == {
        "old-sent": "sent",
        "old": "missed",
        "recent": "pending",
        "old-retrying": "pending",
    }


# time


def test_datetimes_round_trip_aware_utc(ledger: Ledger) -> None:
    local = dt.datetime(2024, 6, 28, 9, 0, tzinfo=SHANGHAI)
    ledger.sync_reminders([make_rem("r1", fire_at=local)], NOW.astimezone(SHANGHAI))
    [row] = ledger.reminders()
    assert row.fire_at == local and row.fire_at.tzinfo == UTC
    assert row.fire_at.hour == 1 and row.updated_at == NOW
    assert ledger.claim_due(local - dt.timedelta(microseconds=1), "w", 1, limit=1) == []
    [claimed] = ledger.claim_due(local, "w", 0.5, limit=1)
    assert claimed.lease_until == local + dt.timedelta(seconds=0.5)
    assert claimed.lease_until.tzinfo == UTC


def test_naive_datetimes_are_refused(ledger: Ledger) -> None:
    with pytest.raises(LedgerError, match="timezone-aware"):
        ledger.sync_reminders([make_rem("r1", fire_at=dt.datetime(2024, 6, 1))], NOW)
    with pytest.raises(LedgerError, match="timezone-aware"):
        ledger.claim_due(dt.datetime(2024, 6, 1), "w", 1, limit=1)
    assert ledger.reminders() == []
