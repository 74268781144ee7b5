"""One tick of the pipeline, the composition root: ingest → plan → claim → render → send → record.

The daemon and ``pipeline tick`` both call :meth:`Service.tick`. Time is an argument;
per-item failures land in the report, never abort the tick.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass, replace
from typing import Any

from pipeline import lifecycle, logsafe
from pipeline.analysis import build_calendar, document_tasks
from pipeline.config import Config
from pipeline.delivery import Delivery
from pipeline.errors import PipelineError
from pipeline.ingest import discover
from pipeline.ingest.api import document_key
from pipeline.ledger import open_ledger
from pipeline.ledger.base import DocumentRow, Ledger, SyncStats, TickRow
from pipeline.ledger.batch import DocumentBatch
from pipeline.models import Document, Reminder, Task
from pipeline.plan import plan
from pipeline.readahead import Read, read_ahead, read_one, unchanged
from pipeline.render import Renderer
from pipeline.report import TickReport
from pipeline.route import Router
from pipeline.templates import SHIPPED
from pipeline.workcal import WorkCalendar

log = logging.getLogger("pipeline")
# One step of a pass: it reads and writes the ledger and adds to the report.
Step = Callable[[dt.datetime, TickReport], None]


@dataclass(frozen=True)
class Preview:
    """Documents changed since the last pass, read and planned without writing."""

    reminders: list[Reminder]  # their reminders not settled yet, by fire time
    tasks: list[Task]  # their tasks as read now
    replaced: frozenset[str]  # task ids whose stored reminders these stand in for


# Tasks re-planned in one ledger transaction: bounds a first tick's memory.
PLAN_BATCH_TASKS = 5000


class Service:
    """The pipeline bound to one config and one ledger."""

    def __init__(
        self,
        config: Config,
        ledger: Ledger | None = None,
        *,
        worker: str | None = None,
        rnd: random.Random | None = None,
    ) -> None:
        self.config = config
        logsafe.register_config(config)
        self.ledger = ledger or open_ledger(config.store_url)
        self.worker = worker or f"{os.uname().nodename}:{os.getpid()}"
        self.calendar = build_calendar(config)
        self.router = Router(config)
        self.renderer = Renderer(
            config.template_folder(),
            {k: config.resolve_path(v) for k, v in config.template_overrides.items()},
            tz=config.tz,
            shipped=SHIPPED,
        )
        self._fingerprint = config.plan_fingerprint()
        rnd = rnd or random.Random()
        self.delivery = Delivery(config, self.ledger, self.worker, self.renderer, rnd)
        self.source = "tick"  # "daemon" when the daemon runs it (shown by /healthz)
        self.renderer.check()  # a template that does not compile stops here, not per message

    # ------------------------------------------------------------ ingest

    def load_documents(
        self, now: dt.datetime, report: TickReport, *, write: bool = True
    ) -> list[tuple[Document, list[Task]]]:
        """Ingest the configured documents that changed since they were stored; store them
        when ``write``, and retire stored documents that are gone (``pipeline.lifecycle``)."""
        configured = lifecycle.entries(self.config.documents, self.config.resolve_path)
        files, skipped = discover(e.path for e in configured)
        for path, why in skipped:
            log.debug("skipped %s: %s", logsafe.one_line(str(path)), why)
        rows = self.ledger.documents()
        stored = {row.key: row for row in rows}
        by_path: dict[str, list[DocumentRow]] = {}
        for row in rows:
            by_path.setdefault(row.path, []).append(row)
        seen: set[str] = set()
        unreadable: dict[str, str] = {}
        out, saving = [], DocumentBatch(self.ledger, now)
        same = {path: unchanged(path, by_path, self._fingerprint) for path in files}
        # files changed (or new) are read ahead, on several cores when they are many
        pending = [p for p in files if same[p] is None]
        with closing(read_ahead(pending, *self._reader)) as reads:
            for path in files:
                if (key := same[path]) is not None and key not in seen:
                    report.documents += 1
                    seen.add(key)
                    continue
                got = next(reads) if key is None else read_one(path, *self._reader)
                assert os.fspath(got.path) == os.fspath(path), "read ahead out of order"
                if got.error is not None:
                    unreadable[os.path.abspath(path)] = str(got.error)
                    continue
                base_key = document_key(path, self.config.base_dir)
                for doc in got.documents:
                    key = lifecycle.stored_key(doc.key, base_key, doc.path, doc.sha256, rows, seen)
                    if key != doc.key:
                        if key in stored and stored[key].path != doc.path:
                            where = logsafe.one_line(doc.path)
                            log.info("%s was renamed or moved: now %s", key, where)
                        doc = replace(doc, key=key)
                    report.documents += 1
                    seen.add(doc.key)
                    if (taken := self._changed(doc, got, stored.get(doc.key), now, report)) is None:
                        continue
                    out.append(taken)
                    if write:
                        saving.add(replace(taken[0], sha256=self._stamp(taken[0])), taken[1])
        saving.flush()
        self._absent(rows, seen, unreadable, configured, now, report, write=write)
        return out

    @property
    def _reader(self) -> tuple[Config, WorkCalendar, Router]:
        return self.config, self.calendar, self.router

    def _changed(
        self, doc: Document, got: Read, before: DocumentRow | None, now: dt.datetime, r: TickReport
    ) -> tuple[Document, list[Task]] | None:
        """A document read this pass, with its date and tasks; None when stored as it is."""
        r.warnings.extend(f"{logsafe.one_line(doc.path)}: {w}" for w in doc.warnings)
        if before and before.sha256 == self._stamp(doc) and before.path == doc.path:
            return None
        if (published := doc.published) is None:
            # The day it was first seen, kept across edits so its deadlines stay put.
            published = (before and before.published) or now.astimezone(self.config.tz).date()
            doc = replace(doc, published=published, date_basis="first-seen")
            r.errors.append(f"{doc.path}: no document date found; using {published} (first seen)")
        tasks = got.tasks_for(doc, published)
        if tasks is None:  # renamed, or dated only now
            tasks = document_tasks(doc, self.config, published, self.calendar, self.router)
        r.changed += 1
        return doc, tasks

    def _stamp(self, doc: Document) -> str:
        """What a stored document's hash column holds: its content's and the plan's."""
        return f"{doc.sha256}:{self._fingerprint}"

    def _absent(
        self,
        rows: list[DocumentRow],
        seen: set[str],
        unreadable: dict[str, str],
        configured: list[lifecycle.Entry],
        now: dt.datetime,
        report: TickReport,
        *,
        write: bool,
    ) -> None:
        """Stored documents not read this pass: kept as problems, or retired (lifecycle)."""
        problems_of = getattr(self.ledger, "document_problems", None)
        fate = lifecycle.decide(
            rows,
            seen,
            unreadable,
            configured,
            problems_of() if problems_of else (),
            now,
            dt.timedelta(hours=self.config.delivery.catch_up_hours),
        )
        report.document_problems = [logsafe.one_line(p.detail) for p in fate.problems]
        if write:
            for key, why in fate.retire:
                retired = self.ledger.retire_document(key, now)
                report.changed += 1
                log.warning("%s %s: %d tasks retired", logsafe.one_line(key), why, retired)
            record = getattr(self.ledger, "set_document_problems", None)
            if record is not None:
                record(fate.problems)
        for problem in report.document_problems:
            log.error("document problem: %s", problem)

    # ------------------------------------------------------------ plan

    def planned(
        self,
        tasks: Iterable[Task] | None = None,
        *,
        published: Mapping[str, dt.date] | None = None,
        until: dt.datetime | None = None,
        deferred: dict[str, dt.datetime] | None = None,
    ) -> list[Reminder]:
        """The plan of ``tasks`` (default: the ledger's active ones); ``published``: document
        dates not stored yet; ``until``, ``deferred``: as in `pipeline.plan.plan`."""
        tasks = list(tasks) if tasks is not None else self.ledger.tasks()
        inputs = self.plan_inputs(tasks, published)
        return plan(tasks, self.config, self.calendar, until=until, deferred=deferred, **inputs)

    def plan_inputs(
        self, tasks: list[Task], published: Mapping[str, dt.date] | None = None
    ) -> dict[str, Any]:
        """What planning ``tasks`` needs from the ledger: document dates, answers."""
        known = {d.key: d.published for d in self.ledger.documents() if d.published}
        known.update(published or {})
        ids = [t.id for t in tasks]
        acked, done = self.ledger.acknowledged(ids), self.ledger.done_tasks(ids)
        return {"known_since": known, "acked": acked, "done": done}

    def replan(
        self,
        now: dt.datetime,
        *,
        documents: Iterable[str] = (),
        task_ids: Iterable[str] | None = None,
    ) -> SyncStats:
        """Plan again the active tasks of ``documents`` (or ``task_ids``) and bring their stored
        reminders in line, about ``PLAN_BATCH_TASKS`` tasks at a time (bounded memory)."""
        if task_ids is not None:
            return self._sync(functools.partial(self.ledger.tasks, ids=list(task_ids)), now)
        counts = self.ledger.task_counts()
        total, size = SyncStats(), 0
        batch: list[str] = []
        for key in documents:
            batch.append(key)
            size += counts.get(key, 0)
            if size >= PLAN_BATCH_TASKS:
                total += self._sync(functools.partial(self.ledger.tasks, documents=batch), now)
                batch, size = [], 0
        if batch:
            total += self._sync(functools.partial(self.ledger.tasks, documents=batch), now)
        return total

    def store_until(self, now: dt.datetime) -> dt.datetime | None:
        """Reminders of tasks whose first one fires by then are stored; None: all are."""
        days = self.config.delivery.store_ahead_days
        return None if days is None else now + dt.timedelta(days=days)

    def _sync(self, read: Callable[[], list[Task]], now: dt.datetime) -> SyncStats:
        """Read, plan and write under the ledger's planning lock (`ledger/planlock.py`)."""
        with self.ledger.planning():
            tasks, later = read(), dict[str, dt.datetime]()
            planned = self.planned(tasks, until=self.store_until(now), deferred=later)
            return self.ledger.sync_reminders(
                planned, now, scope=[t.id for t in tasks], deferred=later
            )

    def store_near(self, now: dt.datetime, *, due_only: bool = False) -> SyncStats:
        """Store deferred tasks whose first reminder came near (or fell due); each batch is
        chosen again under the planning lock, so no replica plans another's batch again."""
        until = now if due_only else self.store_until(now) or dt.datetime.max.replace(tzinfo=dt.UTC)
        total, seen, batch = SyncStats(), set[str](), PLAN_BATCH_TASKS
        while self.ledger.deferred_until(until, limit=1):  # an idle pass takes no lock
            with self.ledger.planning():
                if not (ids := self.ledger.deferred_until(until, limit=batch)):
                    break
                if seen.issuperset(ids):  # planning left them deferred: never loop on them
                    log.error("%d tasks stay deferred after re-planning: %s", len(ids), ids[:5])
                    break
                seen.update(ids)
                total += self.replan(now, task_ids=ids)
        return total

    # ------------------------------------------------------------ tick

    def tick(self, now: dt.datetime, *, stop: threading.Event | None = None) -> TickReport:
        """One whole pass (cron's `tick`): the reload steps, then the delivery steps."""
        steps = (self.reload, self.come_due, self.catch_up, self._sender(stop), self.come_near)
        return self._pass(now, steps)

    def reload_pass(self, now: dt.datetime) -> TickReport:
        """The daemon's reload job: ingest changed documents and re-plan."""
        return self._pass(now, (self.reload,))

    def deliver_pass(self, now: dt.datetime, stop: threading.Event | None = None) -> TickReport:
        """The daemon's delivery job: mark what fell out of the window missed, send what is due,
        then store what came near (a cluster coming near never delays the morning's sends)."""
        return self._pass(now, (self.come_due, self.catch_up, self._sender(stop), self.come_near))

    def _sender(self, stop: threading.Event | None) -> Step:
        return lambda now, report: self.deliver_due(now, report, stop=stop)

    def _pass(self, now: dt.datetime, steps: Iterable[Step]) -> TickReport:
        """Run ``steps`` in order on one report; record the pass for /healthz either way."""
        report = TickReport()
        try:
            for step in steps:
                step(now, report)
        except PipelineError as exc:
            self._heartbeat(now, report.started, False, f"failed: {exc}")
            raise
        self._heartbeat(now, report.started, True, report.summary())
        return report

    def _heartbeat(self, now: dt.datetime, started: float, ok: bool, summary: str) -> None:
        """Record the pass for /healthz and /metrics; a failure here never fails the pass."""
        seconds = time.monotonic() - started
        end = now + dt.timedelta(seconds=seconds)
        row = TickRow(self.worker, self.source, now, end, seconds, ok, summary[:500])
        record = getattr(self.ledger, "record_tick", None)  # a DeskLedger's
        if record is None:
            return
        try:
            record(row)
        except PipelineError as exc:
            log.debug("tick heartbeat not recorded: %s", exc)

    def reload(self, now: dt.datetime, report: TickReport) -> None:
        """Step: ingest changed documents and re-plan their tasks only (an unchanged file costs
        its hash); one replica at a time: while another reads them, this pass leaves them to it."""
        with self.ledger.reloading() as mine:
            report.read_elsewhere = not mine
            if mine:
                fresh = self.load_documents(now, report)
                report.planned = self.replan(now, documents=[doc.key for doc, _ in fresh])
        report.tasks = self.ledger.count_tasks()

    def come_near(self, now: dt.datetime, report: TickReport, *, due_only: bool = False) -> None:
        """Step: store the reminders of tasks whose first one came near (`store_near`)."""
        near = self.store_near(now, due_only=due_only)
        report.planned = near if report.planned is None else report.planned + near

    def come_due(self, now: dt.datetime, report: TickReport) -> None:
        """Step: store tasks whose first reminder fell due while no pass stored them (after
        a pause), before what is missed is marked and what is due is sent."""
        self.come_near(now, report, due_only=True)

    def catch_up(self, now: dt.datetime, report: TickReport) -> None:
        """Step: reminders that fell due before the catch-up window are marked missed."""
        window = dt.timedelta(hours=self.config.delivery.catch_up_hours)
        missed = self.ledger.mark_missed(now - window, now)
        report.missed = len(missed)
        for row in missed:
            log.debug(
                "missed %s of task %s for %s (fell due %s)",
                row.kind,
                row.task_id,
                row.office,
                row.fire_at.isoformat(),
            )
        if missed:
            log.warning(
                "%d reminders fell due before the %g-hour catch-up window and were "
                "marked missed (oldest %s, newest %s); `pipeline status` counts them",
                len(missed),
                self.config.delivery.catch_up_hours,
                min(r.fire_at for r in missed).date(),
                max(r.fire_at for r in missed).date(),
            )

    def preview(self, now: dt.datetime, report: TickReport) -> Preview:
        """Documents changed since the last pass, read and planned in memory (nothing is
        written); the stored reminders stand for everything else (``pipeline.upcoming``)."""
        fresh = self.load_documents(now, report, write=False)
        keys = [doc.key for doc, _ in fresh]
        tasks = [t for _, ts in fresh for t in ts]
        stored = self.ledger.tasks(documents=keys, include_inactive=True) if keys else []
        ids = [t.id for t in tasks]
        reminders = self.planned(
            tasks, published={d.key: d.published for d, _ in fresh if d.published}
        )
        settled = self.ledger.settled(ids) if ids else set()
        counts = self.ledger.task_counts() if keys else {}
        report.tasks = self.ledger.count_tasks() - sum(counts.get(k, 0) for k in keys) + len(tasks)
        return Preview(
            [r for r in reminders if r.id not in settled],
            tasks,
            frozenset(t.id for t in stored) | frozenset(ids),
        )

    def deliver_due(
        self, now: dt.datetime, report: TickReport, *, stop: threading.Event | None = None
    ) -> None:
        self.delivery.deliver_due(now, report, stop)

    def release_claims(self) -> int:
        """Hand this worker's unsent claims back (the daemon, when it stops)."""
        return self.ledger.release(self.worker)

    def close(self) -> None:
        self.delivery.close()
        self.ledger.close()
