"""The desk's operations over one Service: answers, extensions, board and task views,
simulation, calendars and health. The web app and the CLI both call these; the ledger
stays the single source of truth, and every change re-plans the reminders at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from pipeline import ack
from pipeline.desk import board as boards
from pipeline.desk import simulate as sim
from pipeline.desk.links import LinkClaim, LinkError, Links
from pipeline.errors import PipelineError
from pipeline.ledger.base import (
    AnswerRow,
    AttemptRow,
    DeskLedger,
    DocumentRow,
    ExtensionRow,
    ReminderRow,
    SyncStats,
    TickRow,
)
from pipeline.models import Reminder, Task
from pipeline.service import Service, TickReport

NOTE_MAX = 2000  # characters of a progress note, reason or comment


class DeskError(PipelineError):
    """A desk request that cannot be carried out; ``zh`` is the message for pages."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh


@dataclass(frozen=True)
class TaskView:
    task: Task
    document: DocumentRow | None
    reminders: tuple[ReminderRow, ...]
    attempts: dict[str, tuple[AttemptRow, ...]]
    answers: tuple[AnswerRow, ...]
    extensions: tuple[ExtensionRow, ...]
    done_offices: frozenset[str]
    light: str


def _text(value: str | None, what_en: str, what_zh: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise DeskError(f"{what_en} is required", f"请填写{what_zh}")
    if len(text) > NOTE_MAX:
        raise DeskError(
            f"{what_en} is longer than {NOTE_MAX} characters", f"{what_zh}不能超过{NOTE_MAX}字"
        )
    return text


class Desk:
    """The supervision desk bound to one Service (its config and ledger)."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.config = service.config
        self.ledger: DeskLedger = service.ledger  # type: ignore[assignment]
        self.links: Links | None = ack.links(self.config, ack.secret(self.config))

    def today(self, now: dt.datetime) -> dt.date:
        return now.astimezone(self.config.tz).date()

    def replan(self, now: dt.datetime, task_id: str) -> SyncStats:
        """Re-plan one task's reminders from the ledger's task, answers and extensions."""
        return self.service.replan(now, task_ids=[task_id])

    # --- signed links ----------------------------------------------------------------------

    def check_link(self, token: str, now: dt.datetime) -> tuple[LinkClaim, Task]:
        """The claim and task of a usable link (reads only). Raises LinkError."""
        if self.links is None:
            raise LinkError("answer links are not configured (ack.secret_env)", "unknown")
        claim = self.links.verify(token, now)
        if self.ledger.link_used(claim.link_id):
            raise LinkError("the link was already used", "used")
        task = self.ledger.task(claim.task_id)
        if task is None:
            raise LinkError(f"task {claim.task_id} is not in the ledger", "unknown")
        allowed = task.offices if claim.action != "supervise" else (self.config.fallback_office,)
        if claim.office not in allowed:
            raise LinkError(f"office {claim.office} does not answer for task {task.id}", "unknown")
        return claim, task

    def answer(self, token: str, form: dict[str, str], now: dt.datetime) -> tuple[LinkClaim, str]:
        """Record what a link's form says; (claim, what was done). Raises LinkError, DeskError."""
        claim, task = self.check_link(token, now)
        office, lid = claim.office, claim.link_id
        done = False
        if claim.action == "done":
            note = _text(form.get("note"), "note", "说明", required=False)
            row = self.ledger.record_answer(
                task.id, office, "done", note, now, by="link", link_id=lid, acknowledge=(office,)
            )
            what, done = "done", True
        elif claim.action == "progress":
            note = _text(form.get("note"), "progress note", "进度情况")
            row = self.ledger.record_answer(
                task.id, office, "progress", note, now, by="link", link_id=lid
            )
            what = "progress"
        elif claim.action == "extend":
            reason = _text(form.get("reason"), "reason", "延期理由")
            new_due = self._new_due(form.get("due"), task, now)
            ext = self.ledger.extend(
                task.id, office, new_due, reason, now, by="link", approved=False, link_id=lid
            )
            row = ext  # type: ignore[assignment]
            what = "extension requested"
        else:  # supervise: the supervision office registers done, or notes its chasing
            choice = form.get("choice", "")
            note = _text(form.get("note"), "note", "督办意见", required=choice != "done")
            if choice == "done":
                row = self.ledger.record_answer(
                    task.id,
                    office,
                    "done",
                    note,
                    now,
                    by="supervisor",
                    link_id=lid,
                    acknowledge=("*",),
                )
                what, done = "done for every office", True
            else:
                row = self.ledger.record_answer(
                    task.id, office, "note", note, now, by="supervisor", link_id=lid
                )
                what = "note"
        if row is None:
            raise LinkError("the link was already used", "used")
        if done:
            self.replan(now, task.id)
        return claim, what

    def _new_due(self, raw: str | None, task: Task, now: dt.datetime) -> dt.date:
        try:
            new_due = dt.date.fromisoformat((raw or "").strip())
        except ValueError:
            raise DeskError(
                f"{raw!r} is not a date (YYYY-MM-DD)", "请填写新的完成日期（年-月-日）"
            ) from None
        if new_due < self.today(now):
            raise DeskError(f"{new_due} is in the past", "新的完成日期不能早于今天")
        if task.due is not None and new_due <= task.due:
            raise DeskError(
                f"{new_due} is not after the deadline {task.due}", "新的完成日期应晚于原完成时限"
            )
        return new_due

    # --- operator actions ------------------------------------------------------------------

    def extend(
        self,
        task_id: str,
        new_due: dt.date | str,
        reason: str,
        now: dt.datetime,
        *,
        by: str = "operator",
    ) -> tuple[ExtensionRow, SyncStats]:
        """Grant a new deadline at once and re-plan. Raises DeskError, LedgerError."""
        task = self._task(task_id)
        reason = _text(reason, "reason", "延期理由")
        due = self._new_due(new_due if isinstance(new_due, str) else new_due.isoformat(), task, now)
        row = self.ledger.extend(
            task.id, task.lead[0] if task.lead else "", due, reason, now, by=by, approved=True
        )
        assert row is not None
        return row, self.replan(now, task.id)

    def decide(
        self,
        extension_id: int,
        approve: bool,
        now: dt.datetime,
        *,
        by: str = "operator",
        note: str = "",
    ) -> ExtensionRow:
        note = _text(note, "note", "意见", required=False)
        row = self.ledger.decide_extension(extension_id, approve, now, by=by, note=note)
        if approve:
            self.replan(now, row.task_id)
        return row

    def mark_done(
        self,
        task_id: str,
        office: str | None,
        now: dt.datetime,
        *,
        by: str = "operator",
        note: str = "",
    ) -> None:
        task = self._task(task_id)
        if office is not None and office not in task.offices:
            raise DeskError(
                f"{office} is not an office of task {task.id}", "该单位不是此任务的责任单位"
            )
        self.ledger.record_answer(
            task.id,
            office or self.config.fallback_office,
            "done",
            _text(note, "note", "说明", required=False),
            now,
            by=by,
            acknowledge=(office,) if office else ("*",),
        )
        self.replan(now, task.id)

    def _task(self, task_id: str) -> Task:
        task = self.ledger.task(task_id)
        if task is None:
            raise DeskError(f"no task {task_id!r} in the ledger", "没有这项任务")
        return task

    # --- views -----------------------------------------------------------------------------

    def rows(self, now: dt.datetime) -> list[boards.Row]:
        return boards.rows_of(
            self.ledger.tasks(),
            today=self.today(now),
            warn_days=self.config.web.warn_days,
            acked=self.ledger.acknowledged(),
            done=self.ledger.done_tasks(),
            answers=self.ledger.answers(),
            extensions=self.ledger.extensions(states=("requested",)),
        )

    def board(self, now: dt.datetime, **filters: Any) -> boards.Board:
        return boards.build(self.rows(now), **filters)

    def _with_planned(
        self, task: Task, rows: tuple[ReminderRow, ...], now: dt.datetime
    ) -> tuple[ReminderRow, ...]:
        """The stored rows, and the active task's planned reminders the ledger does not hold
        as waiting yet, in the state "planned": not stored, or stored cancelled while the task
        waits to come near (`delivery.store_ahead_days`; a pass stores them again then)."""
        if not self.ledger.tasks(ids=[task.id]):  # no longer active: nothing will be sent
            return rows
        planned = {r.id: r for r in self.service.planned([task])}
        shown = [
            dataclasses.replace(row, state="planned")
            if row.state == "cancelled" and row.id in planned
            else row
            for row in rows
        ]
        stored = {row.id for row in rows}
        shown += [ReminderRow.planned(r, now) for r in planned.values() if r.id not in stored]
        return tuple(sorted(shown, key=lambda r: (r.fire_at, r.id)))

    def task_view(self, task_id: str, now: dt.datetime) -> TaskView:
        task = self._task(task_id)
        reminders = self._with_planned(task, tuple(self.ledger.reminders(task_id=task.id)), now)
        attempts: dict[str, list[AttemptRow]] = {}
        for r in reminders:
            if r.attempts or r.state in ("sent", "failed"):
                attempts[r.id] = self.ledger.attempts(r.id)
        acked = {o for t, o in self.ledger.acknowledged() if t == task.id}
        done = task.id in self.ledger.done_tasks()
        docs = {d.key: d for d in self.ledger.documents()}
        return TaskView(
            task=task,
            document=docs.get(task.document),
            reminders=reminders,
            attempts={k: tuple(v) for k, v in attempts.items()},
            answers=tuple(self.ledger.answers(task_id=task.id)),
            extensions=tuple(self.ledger.extensions(task_id=task.id)),
            done_offices=frozenset(acked),
            light=boards.light(task, self.today(now), self.config.web.warn_days, done),
        )

    def titles(self) -> dict[str, str]:
        return {d.key: d.title for d in self.ledger.documents()}

    # --- simulation, calendars, health -----------------------------------------------------

    def simulate(
        self, now: dt.datetime, start: dt.date, end: dt.date
    ) -> tuple[list[Reminder], dict[str, Task]]:
        """Every reminder the plan sends from ``start`` to ``end``, documents read fresh and
        nothing written; acknowledged tasks and approved extensions count."""
        report = TickReport(dry_run=True)
        fresh = self.service.load_documents(now, report, write=False)
        changed = {doc.key for doc, _ in fresh}
        tasks = [t for t in self.ledger.tasks() if t.document not in changed]
        tasks += [t for _, ts in fresh for t in ts]
        published = {d.key: d.published for d, _ in fresh if d.published}
        reminders = self.service.planned(tasks, published=published)
        return sim.window(reminders, start, end, self.config.tz), {t.id: t for t in tasks}

    def calendar(self, office: str, now: dt.datetime) -> bytes:
        from pipeline.desk import ics  # icalendar is slow to import: only when needed

        try:
            self.config.office(office)
        except KeyError:
            raise DeskError(f"unknown office id {office!r}", "没有这个单位") from None
        return ics.office_calendar(
            self.config,
            office,
            self.ledger.tasks(),
            now=now,
            done=self.ledger.done_tasks(),
            acked=self.ledger.acknowledged(),
            titles=self.titles(),
            task_url=f"{self.config.web.public_url}/task/{{id}}",
        )

    def health(self, now: dt.datetime) -> dict[str, Any]:
        """Store reachable, last tick, daemon alive (a daemon pass within 3 tick intervals)."""
        try:
            ticks: list[TickRow] = self.ledger.ticks()
        except PipelineError as exc:
            return {
                "ok": False,
                "store": f"unreachable: {exc}",
                "last_tick": None,
                "daemon_alive": False,
            }
        last = ticks[0] if ticks else None
        horizon = dt.timedelta(seconds=3 * self.config.daemon.tick_seconds + 30)
        daemon = [t for t in ticks if t.source == "daemon"]
        alive = bool(daemon) and now - daemon[0].finished_at <= horizon
        return {
            "ok": True,
            "store": "reachable",
            "last_tick": last.finished_at.astimezone(self.config.tz).isoformat() if last else None,
            "last_tick_ok": last.ok if last else None,
            "last_tick_summary": last.summary if last else None,
            "daemon_alive": alive,
        }
