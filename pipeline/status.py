"""`pipeline status` as data, and `pipeline done` (an operator's acknowledgement): tasks by state per office, deliveries that failed or retry,
missed reminders, unknown owners, overdue tasks, document problems, the last ticks. Reads the
ledger once; the CLI only prints what this returns."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from pipeline import status_report as report
from pipeline.config import Config
from pipeline.errors import LedgerError, PipelineError
from pipeline.ledger import open_ledger
from pipeline.ledger.base import TickRow
from pipeline.ledger.problems import ProblemRow
from pipeline.models import Task

DUE_SOON_DAYS = 14  # "due soon": the deadline is at most this many days away
STATES = ("overdue", "due soon", "on track", "undated", "past", "done")


def task_state(task: Task, today: dt.date, done: bool) -> str:
    """A task's state; "past": its date was already past when its document was written."""
    if done:
        return "done"
    if task.due is None:
        return "undated"
    if "past" in task.flags:
        return "past"
    if task.due < today:
        return "overdue"
    if (task.due - today).days <= DUE_SOON_DAYS:
        return "due soon"
    return "on track"


def collect(config: Config, moment: dt.datetime) -> dict[str, Any]:
    """Everything `pipeline status` shows, as of ``moment`` (JSON-ready)."""
    today = moment.astimezone(config.tz).date()
    ledger = open_ledger(config.store_url)
    try:
        tasks = ledger.tasks()
        done = ledger.done_tasks()
        acked = ledger.acknowledged()
        failed = ledger.reminders(states=("failed",))
        pending = [r for r in ledger.reminders(states=("pending",)) if r.attempts > 0]
        missed = ledger.reminders(states=("missed",))
        sent = ledger.reminders(states=("sent",))
        attempts = {r.id: ledger.attempts(r.id) for r in failed + pending}
        problem_rows: list[ProblemRow] = getattr(ledger, "document_problems", list)()
        tick_rows: list[TickRow] = getattr(ledger, "ticks", list)()
    finally:
        ledger.close()
    per_office: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATES, 0))
    unknown: dict[str, list[str]] = defaultdict(list)
    for t in tasks:
        for office in t.lead:
            per_office[office][task_state(t, today, t.id in done or (t.id, office) in acked)] += 1
        for name in t.unknown_owners:
            unknown[name].append(t.id)
    names = {o.id: o.name for o in config.offices}
    texts = {t.id: t.text for t in tasks}

    def delivery(r: Any) -> dict[str, Any]:
        return {
            "reminder": r.id,
            "task_id": r.task_id,
            "task": texts.get(r.task_id),
            "office": r.office,
            "channel": r.channel,
            "kind": r.kind,
            "attempts": r.attempts,
            "error": r.last_error,
            "next_attempt_at": r.next_attempt_at.isoformat() if r.state == "pending" else None,
            "history": [
                {"at": a.at.isoformat(), "status": a.status, "detail": a.detail}
                for a in attempts.get(r.id, [])
            ],
        }

    return {
        "as_of": today.isoformat(),
        "offices": {o: {"name": names.get(o, o), **c} for o, c in sorted(per_office.items())},
        "failed": [delivery(r) for r in failed],
        "retrying": [delivery(r) for r in pending],
        "missed": len(missed),
        "unknown_owners": {n: ids for n, ids in sorted(unknown.items())},
        "overdue": report.overdue(tasks, today, done, acked, sent, names, config.tz),
        "missed_reminders": report.missed(missed, texts, config.tz),
        "document_problems": report.problems(problem_rows, config.tz),
        **report.ticks(tick_rows, moment, config.daemon.tick_seconds, config.tz),
    }


class DoneRefused(PipelineError):
    """`done` cannot apply: an unknown or ambiguous task, or an office not its own."""

    def __init__(self, message: str, param: str) -> None:
        super().__init__(message)
        self.param = param


def mark_done(
    config: Config, task_id: str, office: str | None, moment: dt.datetime
) -> tuple[Task, int]:
    """Acknowledge a task (by id or unique prefix) for one office or all; its reminders stop.
    Returns the task and how many reminders were cancelled; raises DoneRefused."""
    ledger = open_ledger(config.store_url)
    try:
        try:
            task = ledger.task(task_id)
        except LedgerError as exc:  # an ambiguous prefix
            raise DoneRefused(str(exc), "TASK_ID") from None
        if task is None:
            raise DoneRefused(
                f"no task {task_id!r} in the ledger (run `pipeline tick` to ingest documents)",
                "TASK_ID",
            )
        if office is not None and office not in task.offices:
            raise DoneRefused(
                f"{office!r} is not an office of task {task.id} ({', '.join(task.offices)})",
                "--office",
            )
        return task, ledger.acknowledge(task.id, office, moment)
    finally:
        ledger.close()
