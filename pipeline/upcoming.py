"""What comes next, for `plan` and `tick --dry-run`, without re-planning what did not change.

Incremental ticks keep the stored pending reminders equal to a full re-plan of the stored
tasks, so those are read from the ledger, in fire-time order, a page at a time; only the
documents changed since the last pass are planned here, in memory, and the stored reminders
of their tasks left out. Tasks whose first reminder is further away than
`delivery.store_ahead_days` have none stored yet: they are planned here a batch at a time, in
the order of their first reminder, and merged in. Memory does not grow with the ledger.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pipeline.ledger.base import Ledger, ReminderRow
from pipeline.models import Reminder
from pipeline.plan import Offices, ordered
from pipeline.report import TickReport

if TYPE_CHECKING:
    from pipeline.service import Service

WAITING = ("pending", "claimed")  # planned and not settled yet
TEXT_BATCH = 500
TEXTS_KEPT = 20_000  # task words kept while paging (bounds the memory)


@dataclass
class Upcoming:
    rows: Iterator[tuple[Reminder, str | None]]  # (reminder, its task's words), by fire time
    total: int  # how many ``rows`` gives, not counting the reminders of ``later`` tasks
    earlier: int  # waiting reminders that fell due before ``start``: due and unsent
    later: int = 0  # tasks whose reminders are planned here, not stored yet (see above)


def upcoming(
    service: Service,
    now: dt.datetime,
    report: TickReport,
    *,
    start: dt.datetime,
    until: dt.datetime | None = None,
) -> Upcoming:
    """The waiting reminders with ``start <= fire_at < until``; consume ``rows`` before the
    service's ledger closes."""
    preview = service.preview(now, report)
    ledger = service.ledger
    replaced = preview.replaced

    def count(since: dt.datetime | None, before: dt.datetime | None) -> int:
        stored = ledger.count_reminders(WAITING, since=since, until=before)
        if replaced:
            stored -= ledger.count_reminders(WAITING, since=since, until=before, task_ids=replaced)
        return stored

    fresh = sorted(
        (
            r
            for r in preview.reminders
            if r.fire_at >= start and (until is None or r.fire_at < until)
        ),
        key=lambda r: (r.fire_at, r.id),
    )
    texts = {t.id: t.text for t in preview.tasks}
    stored = (
        row
        for row in ledger.iter_reminders(WAITING, since=start, until=until)
        if row.task_id not in replaced
    )
    rows = heapq.merge(
        _with_texts(ledger, stored, service.config.tz),
        ((r, texts.get(r.task_id)) for r in fresh),
        _deferred(service, replaced, start, until),
        key=lambda pair: (pair[0].fire_at, pair[0].id),
    )
    earlier = count(None, start) + sum(1 for r in preview.reminders if r.fire_at < start)
    earlier += _deferred_before(service, replaced, start)
    later = ledger.count_deferred()
    return Upcoming(rows, count(start, until) + len(fresh), earlier, later)


def dry_run(service: Service, now: dt.datetime) -> TickReport:
    """What a tick would send now (`tick --dry-run`), computed without writing anything."""
    report = TickReport(dry_run=True)
    window = dt.timedelta(hours=service.config.delivery.catch_up_hours)
    due = upcoming(service, now, report, start=now - window, until=now + dt.timedelta.resolution)
    report.would_send = [r for r, _ in due.rows]
    return report


def _deferred_before(service: Service, replaced: frozenset[str], start: dt.datetime) -> int:
    """Reminders of tasks not stored yet that fell due before ``start`` (no pass has run
    since they came near: the next one stores them, and sends those in the catch-up window)."""
    fell = itertools.takewhile(lambda pair: pair[1] < start, service.ledger.iter_deferred())
    tasks = (t for t, _ in fell if t.id not in replaced)
    count = 0
    while batch := list(itertools.islice(tasks, TEXT_BATCH)):  # a long pause: many, in batches
        count += sum(1 for r in service.planned(batch) if r.fire_at < start)
    return count


def _deferred(
    service: Service,
    replaced: frozenset[str],
    start: dt.datetime,
    until: dt.datetime | None,
) -> Iterator[tuple[Reminder, str | None]]:
    """The reminders of the tasks not stored yet, by (fire_at, id). Tasks come in the order
    of their first reminder, so what fires before the next task's first is final; each task's
    reminders are made one send moment at a time (`pipeline.plan.ordered`), so memory holds
    a step per task, not a plan (a year-end cluster shares one deadline)."""
    heap: list[tuple[dt.datetime, str, int, Reminder, str, Iterator[Reminder]]] = []
    order = itertools.count()  # never compare reminders or iterators

    def push(stream: Iterator[Reminder], text: str) -> None:
        for r in stream:  # the next reminder in [start, until), if any
            if r.fire_at < start:
                continue
            if until is None or r.fire_at < until:
                heapq.heappush(heap, (r.fire_at, r.id, next(order), r, text, stream))
            return

    offices = Offices(service.config, service.calendar)  # shared schedules across batches
    pairs = ((t, at) for t, at in service.ledger.iter_deferred() if t.id not in replaced)
    bound: dt.datetime | None = start  # no task still to read fires before it
    while bound is not None:
        batch = list(itertools.islice(pairs, TEXT_BATCH))
        tasks = [t for t, _ in batch]
        inputs = service.plan_inputs(tasks)
        for task, stream in ordered(
            tasks, service.config, service.calendar, offices=offices, **inputs
        ):
            push(stream, task.text)
        bound = batch[-1][1] if len(batch) == TEXT_BATCH else None
        if bound is not None and until is not None and bound >= until:
            bound = None  # the tasks still to read fire after the window
        while heap and (bound is None or heap[0][0] < bound):
            *_, r, text, stream = heapq.heappop(heap)
            yield r, text
            push(stream, text)


def _with_texts(
    ledger: Ledger, rows: Iterable[ReminderRow], tz: dt.tzinfo
) -> Iterator[tuple[Reminder, str | None]]:
    """Each row as a Reminder (its time in ``tz``, as planned ones have it) with its task's
    words, looked up a batch at a time."""
    it = iter(rows)
    known: dict[str, str] = {}  # a task has several reminders: its words are read once
    while batch := list(itertools.islice(it, TEXT_BATCH)):
        if len(known) > TEXTS_KEPT:
            known.clear()
        known.update(ledger.task_texts({r.task_id for r in batch} - known.keys()))
        for row in batch:
            yield replace(row.reminder, fire_at=row.fire_at.astimezone(tz)), known.get(row.task_id)
