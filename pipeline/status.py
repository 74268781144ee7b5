"""`pipeline status` as data, and `pipeline done` (an operator's acknowledgement): tasks by state per office, deliveries that failed or retry,
missed reminders, unknown owners, overdue tasks, document problems, the last ticks. Tasks are
streamed and counted in one pass, lists cut by the database; the CLI only prints what this
returns."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import defaultdict
from typing import Any

from pipeline import status_report as report
from pipeline.config import Config
from pipeline.errors import LedgerError, PipelineError
from pipeline.ledger import open_ledger
from pipeline.ledger.base import TickRow
from pipeline.ledger.problems import ProblemRow
from pipeline.ledger.views import TaskFacts
from pipeline.models import Task

DUE_SOON_DAYS = 14  # "due soon": the deadline is at most this many days away
STATES = ("overdue", "due soon", "on track", "undated", "past", "done")


def task_state(task: Task | TaskFacts, today: dt.date, done: bool) -> str:
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


def collect(config: Config, moment: dt.datetime, limit: int = 50) -> dict[str, Any]:
    """Everything `pipeline status` shows, as of ``moment`` (JSON-ready). Lists hold at most
    ``limit`` rows (0: all), the most urgent first, beside their totals. Tasks are streamed
    from the ledger and counted in one pass: memory does not grow with the ledger."""
    today = moment.astimezone(config.tz).date()
    cap = limit or None
    ledger = open_ledger(config.store_url)
    try:
        acked = ledger.acknowledged()
        tally = _Tally(today, acked, cap)
        for task in ledger.iter_task_facts():
            tally.add(task)
        failed, failed_total = ledger.reminders_page(("failed",), limit=cap, newest_first=True)
        retrying, retrying_total = ledger.reminders_page(("pending",), limit=cap, retried_only=True)
        missed, missed_total = ledger.reminders_page(("missed",), limit=cap, newest_first=True)
        overdue_tasks = tally.overdue_tasks()
        last = ledger.last_sent({t.id for t, _ in overdue_tasks})
        shown = {r.task_id for r in failed + retrying + missed}
        texts = ledger.task_texts(shown)
        attempts = {r.id: ledger.attempts(r.id) for r in failed + retrying}
        problem_rows: list[ProblemRow] = getattr(ledger, "document_problems", list)()
        tick_rows: list[TickRow] = getattr(ledger, "ticks", list)()
    finally:
        ledger.close()
    names = {o.id: o.name for o in config.offices}

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
        "offices": {o: {"name": names.get(o, o), **c} for o, c in sorted(tally.per_office.items())},
        "failed": [delivery(r) for r in failed],
        "failed_total": failed_total,
        "retrying": [delivery(r) for r in retrying],
        "retrying_total": retrying_total,
        "missed": missed_total,
        "unknown_owners": {n: ids for n, ids in sorted(tally.unknown.items())},
        "overdue": report.overdue_rows(overdue_tasks, today, last, names, config.tz),
        "overdue_total": tally.overdue_total,
        "missed_reminders": report.missed(missed, texts, config.tz),
        "document_problems": report.problems(problem_rows, config.tz),
        **report.ticks(tick_rows, moment, config.daemon.tick_seconds, config.tz),
    }


_Late = tuple[int, tuple[int, ...], tuple[int, ...], TaskFacts]


class _Tally:
    """One pass over the tasks: counts per office and state, unknown owners, and the most
    late (task, office) pairs (at most ``cap``; None: all)."""

    UNKNOWN_IDS = 20  # task ids listed per unknown owner name

    def __init__(self, today: dt.date, acked: set[tuple[str, str]], cap: int | None) -> None:
        self.today, self.acked, self.cap = today, acked, cap
        self.per_office: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATES, 0))
        self.unknown: dict[str, list[str]] = defaultdict(list)
        self.overdue_total = 0
        self._late: list[_Late] = []  # a heap, least late on top

    def add(self, t: TaskFacts) -> None:
        done = bool(t.offices) and all((t.id, o) in self.acked for o in t.offices)
        for office in t.lead:
            state = task_state(t, self.today, done or (t.id, office) in self.acked)
            self.per_office[office][state] += 1
            if state == "overdue":
                self._overdue(t, office)
        for name in t.unknown_owners:
            if len(self.unknown[name]) < self.UNKNOWN_IDS:
                self.unknown[name].append(t.id)

    def _overdue(self, t: TaskFacts, office: str) -> None:
        assert t.due is not None
        self.overdue_total += 1
        # Most late first, then office and task id: the heap keeps the cap best by that order.
        item: _Late = ((self.today - t.due).days, _neg(office), _neg(t.id), t)
        if self.cap is None or len(self._late) < self.cap:
            heapq.heappush(self._late, item)
        elif item[:3] > self._late[0][:3]:
            heapq.heapreplace(self._late, item)

    def overdue_tasks(self) -> list[tuple[TaskFacts, str]]:
        """(task, office), most late first."""
        ordered = sorted(self._late, key=lambda x: x[:3], reverse=True)
        return [(t, _unneg(o)) for _, o, _, t in ordered]


def _neg(text: str) -> tuple[int, ...]:
    """A key that sorts ``text`` in reverse (for ascending names inside a max-order heap)."""
    return tuple(-ord(c) for c in text) + (1,)


def _unneg(key: tuple[int, ...]) -> str:
    return "".join(chr(-c) for c in key[:-1])


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
