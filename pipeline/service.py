"""One tick of the pipeline, the composition root: ingest → plan → claim → render → send → record.

The daemon and ``pipeline tick`` both call :meth:`Service.tick`. Time is an argument;
per-item failures land in the report, never abort the tick.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from pipeline import ack, lifecycle, logsafe
from pipeline.channels import OutboxChannel, SmtpChannel, WebhookChannel
from pipeline.channels.base import Channel
from pipeline.config import Config
from pipeline.errors import IngestError, LedgerError, PipelineError, TemplateError
from pipeline.analysis import build_calendar, document_tasks
from pipeline.ingest import discover, ingest_file
from pipeline.ingest.api import document_key
from pipeline.ledger import open_ledger
from pipeline.ledger.base import Ledger, ReminderRow, SyncStats, TickRow
from pipeline.models import Document, Message, Notice, Outcome, Reminder, Task
from pipeline.plan import OUTBOX_CHANNEL, plan
from pipeline.render import Renderer
from pipeline.route import Router
from pipeline.templates import SHIPPED

log = logging.getLogger("pipeline")


@dataclass
class TickReport:
    """What one tick did; ``summary()`` is the one line cron prints."""

    documents: int = 0
    changed: int = 0
    tasks: int = 0
    planned: SyncStats | None = None
    missed: int = 0
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    messages: int = 0
    would_send: list[Reminder] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Configured documents this pass could not use (missing, unreadable, absent): their
    # tasks are kept; `pipeline tick` exits 1 while there are any.
    document_problems: list[str] = field(default_factory=list)
    # What the operator should fix but that does not stop a document: a date known to the
    # year only, rival dates. Said on every pass while it holds.
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        p = self.planned
        plan_part = f"planned +{p.added} ~{p.moved} -{p.cancelled}" if p else "planned -"
        if self.dry_run:
            return (
                f"dry run: {self.documents} documents ({self.changed} changed), {self.tasks} tasks, "
                f"{len(self.would_send)} reminders due now would be sent, {self.error_count} errors"
            )
        return (
            f"tick: {self.documents} documents ({self.changed} changed), {self.tasks} tasks, "
            f"{plan_part}, {self.missed} missed, {self.claimed} due: {self.sent} sent, "
            f"{self.retried} to retry, {self.failed} failed in {self.messages} messages, "
            f"{self.error_count} errors"
        )

    @property
    def error_count(self) -> int:
        return len(self.errors) + len(self.document_problems)


def config_fingerprint(config: Config) -> str:
    """Hash of everything that changes how a document becomes tasks."""
    data = config.model_dump(
        mode="json",
        include={"offices", "routing", "fallback_office", "seasons", "calendar", "timezone"},
    )
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


def office_contacts(config: Config, office_ids: Iterable[str]) -> tuple[str, ...]:
    """ "name：email, …" per office, for a supervisor who has to chase it."""
    out = []
    for oid in office_ids:
        try:
            o = config.office(oid)
        except KeyError:
            continue
        out.append(f"{o.name}：{'、'.join(o.email) if o.email else '（未配置邮箱）'}")
    return tuple(out)


def retry_delay(
    attempts: int, config: Config, retry_after: float | None, rnd: random.Random
) -> float:
    """Exponential backoff with ±20 % jitter, capped; a peer's Retry-After wins if longer."""
    d = config.delivery
    base = min(d.backoff_max_seconds, d.backoff_seconds * (2 ** max(0, attempts - 1)))
    delay = base * rnd.uniform(0.8, 1.2)
    return max(delay, retry_after or 0.0)


class Service:
    """The pipeline bound to one config and one ledger."""

    def __init__(
        self,
        config: Config,
        ledger: Ledger | None = None,
        *,
        worker: str | None = None,
        channel_factory: Callable[[str, str], Channel] | None = None,
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
        self._fingerprint = config_fingerprint(config)
        self._ack_key = ack.secret(config)  # read from the environment once
        self._links = ack.links(config, self._ack_key)
        self._channel_factory = channel_factory or self._make_channel
        self._rnd = rnd or random.Random()
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
        today = now.astimezone(self.config.tz).date()
        seen: set[str] = set()
        unreadable: dict[str, str] = {}
        out = []
        for path in files:
            try:
                docs = ingest_file(path, base_dir=self.config.base_dir)
            except IngestError as exc:
                unreadable[os.path.abspath(path)] = str(exc)
                continue
            base_key = document_key(path, self.config.base_dir)
            for doc in docs:
                key = lifecycle.stored_key(doc.key, base_key, doc.path, doc.sha256, rows, seen)
                if key != doc.key:
                    if key in stored and stored[key].path != doc.path:
                        where = logsafe.one_line(doc.path)
                        log.info("%s was renamed or moved: now %s", key, where)
                    doc = replace(doc, key=key)
                report.documents += 1
                seen.add(doc.key)
                where = logsafe.one_line(doc.path)
                report.warnings.extend(f"{where}: {w}" for w in doc.warnings)
                stamp = f"{doc.sha256}:{self._fingerprint}"
                before = stored.get(doc.key)
                if before and before.sha256 == stamp and before.path == doc.path:
                    continue
                published = doc.published
                if published is None:
                    # The day it was first seen, kept across edits so its deadlines stay put.
                    published = before.published if before and before.published else today
                    doc = replace(doc, published=published, date_basis="first-seen")
                    report.errors.append(
                        f"{doc.path}: no document date found; using {published} (first seen)"
                    )
                tasks = document_tasks(doc, self.config, published, self.calendar, self.router)
                report.changed += 1
                out.append((doc, tasks))
                if write:
                    self.ledger.save_document(replace(doc, sha256=stamp), tasks, now)
                    log.info("ingested %s: %d tasks", logsafe.one_line(doc.key), len(tasks))
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
        return out

    # ------------------------------------------------------------ plan

    def planned(
        self, tasks: Iterable[Task] | None = None, *, published: Mapping[str, dt.date] | None = None
    ) -> list[Reminder]:
        """The full reminder plan of ``tasks`` (default: the ledger's active tasks);
        ``published`` adds document dates not stored yet."""
        tasks = list(tasks) if tasks is not None else self.ledger.tasks()
        known = {d.key: d.published for d in self.ledger.documents() if d.published}
        known.update(published or {})
        return plan(
            tasks,
            self.config,
            self.calendar,
            known_since=known,
            acked=self.ledger.acknowledged(),
            done=self.ledger.done_tasks(),
        )

    # ------------------------------------------------------------ tick

    def tick(
        self,
        now: dt.datetime,
        *,
        dry_run: bool = False,
        ingest: bool = True,
        deliver: bool = True,
        stop: threading.Event | None = None,
    ) -> TickReport:
        """Ingest changed documents and re-plan (``ingest``), then send what is due (``deliver``)."""
        report = TickReport(dry_run=dry_run)
        if dry_run:
            return self._dry_run(now, report)
        started = time.monotonic()
        try:
            self._tick(now, report, ingest=ingest, deliver=deliver, stop=stop)
        except PipelineError as exc:
            self._heartbeat(now, started, False, f"failed: {exc}")
            raise
        self._heartbeat(now, started, True, report.summary())
        return report

    def _heartbeat(self, now: dt.datetime, started: float, ok: bool, summary: str) -> None:
        """Record the pass for /healthz and /metrics; a failure here never fails the pass."""
        seconds = time.monotonic() - started
        row = TickRow(
            self.worker,
            self.source,
            now,
            now + dt.timedelta(seconds=seconds),
            seconds,
            ok,
            summary[:500],
        )
        record = getattr(self.ledger, "record_tick", None)  # a DeskLedger's
        if record is None:
            return
        try:
            record(row)
        except PipelineError as exc:
            log.debug("tick heartbeat not recorded: %s", exc)

    def _tick(
        self,
        now: dt.datetime,
        report: TickReport,
        *,
        ingest: bool,
        deliver: bool,
        stop: threading.Event | None,
    ) -> None:
        if ingest:
            self.load_documents(now, report)
            tasks = self.ledger.tasks()
            report.tasks = len(tasks)
            report.planned = self.ledger.sync_reminders(self.planned(tasks), now)
        if deliver:
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
            self.deliver_due(now, report, stop=stop)

    def preview(self, now: dt.datetime, report: TickReport) -> tuple[list[Reminder], list[Task]]:
        """Every planned reminder not yet settled, and the tasks, computed without writing."""
        fresh = self.load_documents(now, report, write=False)
        changed = {doc.key for doc, _ in fresh}
        tasks = [t for t in self.ledger.tasks() if t.document not in changed]
        tasks += [t for _, ts in fresh for t in ts]
        report.tasks = len(tasks)
        settled = {r.id for r in self.ledger.reminders(states=("sent", "failed", "missed"))}
        reminders = self.planned(
            tasks, published={d.key: d.published for d, _ in fresh if d.published}
        )
        return [r for r in reminders if r.id not in settled], tasks

    def _dry_run(self, now: dt.datetime, report: TickReport) -> TickReport:
        reminders, _ = self.preview(now, report)
        window = dt.timedelta(hours=self.config.delivery.catch_up_hours)
        report.would_send = [r for r in reminders if now - window <= r.fire_at <= now]
        return report

    def deliver_due(
        self, now: dt.datetime, report: TickReport, *, stop: threading.Event | None = None
    ) -> None:
        d = self.config.delivery
        claimed = self.ledger.claim_due(now, self.worker, d.lease_seconds, d.batch)
        report.claimed = len(claimed)
        if not claimed:
            return
        tasks = {t.id: t for t in self.ledger.tasks(include_inactive=True)}
        titles = {doc.key: doc.title for doc in self.ledger.documents()}
        groups: dict[tuple[str, str], list[ReminderRow]] = defaultdict(list)
        for row in claimed:
            groups[(row.office, row.channel)].append(row)
        channels: dict[tuple[str, str], Channel] = {}
        # Claims are leases: stop taking new groups well before they expire, so another
        # replica never takes over reminders this one is still sending.
        budget_end = time.monotonic() + d.lease_seconds / 2
        try:
            for (office, channel), rows in groups.items():
                if (stop is not None and stop.is_set()) or time.monotonic() > budget_end:
                    released = self.ledger.release(self.worker)
                    if released and not (stop is not None and stop.is_set()):
                        log.warning(
                            "released %d reminders for the next pass: half the %gs lease "
                            "is used up",
                            released,
                            d.lease_seconds,
                        )
                    break
                self._deliver_group(office, channel, rows, tasks, titles, channels, now, report)
        except LedgerError:
            # The database failed mid-batch: hand the unsent claims back now rather than
            # when their lease ends (if the database still refuses, the lease does it).
            with contextlib.suppress(LedgerError):
                self.ledger.release(self.worker)
            raise
        finally:
            for ch in channels.values():
                ch.close()

    def _deliver_group(
        self,
        office_id: str,
        channel_name: str,
        rows: list[ReminderRow],
        tasks: dict[str, Task],
        titles: dict[str, str],
        channels: dict[tuple[str, str], Channel],
        now: dt.datetime,
        report: TickReport,
    ) -> None:
        # One task reminded twice in one batch (after downtime): only the latest is sent, and
        # the earlier ones it covers are recorded with its outcome once that is known (not as
        # sent beforehand: if the message fails, nothing of the task reached the office).
        latest: dict[str, ReminderRow] = {}
        covered: dict[str, list[ReminderRow]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: r.fire_at):
            previous = latest.get(row.task_id)
            if previous is not None:
                covered[row.id] = [*covered.pop(previous.id, []), previous]
            latest[row.task_id] = row
        by_id = {r.id: r for r in latest.values()}

        def settle(rid: str, outcome: Outcome, retry_at: dt.datetime | None = None) -> None:
            row = by_id[rid]
            self._record(row, outcome, now, report, retry_at=retry_at)
            for earlier in covered.get(rid, []):
                detail = f"covered by later reminder {row.kind}"
                detail += f": {outcome.detail}" if outcome.status != "sent" else ""
                self._record(
                    earlier, replace(outcome, detail=detail), now, report, retry_at=retry_at
                )

        notices = [
            self._notice(r, tasks, titles, now) for r in latest.values() if r.task_id in tasks
        ]
        orphans = [r for r in latest.values() if r.task_id not in tasks]
        for r in orphans:
            settle(r.id, Outcome("failed", "task no longer exists"))
        if not notices:
            return
        queue = [notices] if self.config.delivery.digest else [[n] for n in notices]
        while queue:
            batch = queue.pop(0)
            try:
                message = self._render(office_id, channel_name, batch, now)
            except TemplateError as exc:
                # An operator can fix a template: retry later rather than fail for good.
                for n in batch:
                    settle(n.reminder.id, Outcome("retry", f"template: {exc}"))
                report.errors.append(f"{office_id}/{channel_name}: {exc}")
                continue
            shown = [n for n in batch if n.reminder.id in message.reminder_ids]
            if not shown:  # not even one item fits one robot message: one message each
                queue[:0] = [[n] for n in batch]
                continue
            rest = [n for n in batch if n.reminder.id not in message.reminder_ids]
            if rest:  # a robot message had to leave items out: they go in the next one
                queue.insert(0, rest)
            key = (office_id, channel_name)
            if key not in channels:
                channels[key] = self._channel_factory(office_id, channel_name)
            outcome = channels[key].send(message)
            report.messages += 1
            log.info(
                "%s %s → %s/%s: %s %s",
                outcome.status,
                message.key,
                office_id,
                channel_name,
                len(shown),
                outcome.detail,
            )
            # One retry time per message (not per reminder, each with its own jitter): the
            # reminders of a digest come due together again, so the retry is the same
            # message under the same key and a receiver can drop it if the first got through.
            retry_at = None
            if outcome.status == "retry":
                tries = max(by_id[n.reminder.id].attempts for n in shown) + 1
                delay = retry_delay(tries, self.config, outcome.retry_after, self._rnd)
                retry_at = now + dt.timedelta(seconds=delay)
            for n in shown:
                settle(n.reminder.id, outcome, retry_at)
            if outcome.status != "sent" and channel_name.startswith("webhook"):
                channels.pop(key).close()

    def _record(
        self,
        row: ReminderRow,
        outcome: Outcome,
        now: dt.datetime,
        report: TickReport,
        *,
        retry_at: dt.datetime | None = None,
    ) -> None:
        reminder_id, attempts = row.id, row.attempts
        next_at = None
        if outcome.status == "retry":
            if attempts + 1 >= self.config.delivery.max_attempts:
                outcome = Outcome(
                    "failed", f"gave up after {attempts + 1} attempts: {outcome.detail}"
                )
            elif retry_at is not None:
                next_at = retry_at
            else:
                delay = retry_delay(attempts + 1, self.config, outcome.retry_after, self._rnd)
                next_at = now + dt.timedelta(seconds=delay)
        if not self.ledger.record(reminder_id, self.worker, outcome, now, next_attempt_at=next_at):
            report.errors.append(
                f"{reminder_id}: claim lost to another worker; outcome kept as attempt"
            )
            return
        if outcome.status == "sent":
            report.sent += 1
        elif outcome.status == "retry":
            report.retried += 1
        else:
            report.failed += 1

    # ------------------------------------------------------------ render and channels

    def _notice(
        self, row: ReminderRow, tasks: dict[str, Task], titles: dict[str, str], now: dt.datetime
    ) -> Notice:
        task = tasks[row.task_id]
        reminder = row.reminder
        names = {o.id: o.name for o in self.config.offices}
        # The responsible office as the task names it (for an escalation to the supervision
        # office that is the lead office, not the recipient), and the offices assisting it.
        leads = task.lead if row.office not in task.lead else (row.office,)
        # The supervision office's escalation copy: worded for the one who chases the lead.
        supervisor = (
            row.kind.startswith("overdue")
            and row.office == self.config.fallback_office
            and row.office not in task.lead
        )
        return Notice(
            reminder=reminder,
            task=task,
            document_title=titles.get(task.document, task.document),
            office_name="、".join(names.get(o, o) for o in leads),
            cc_names=tuple(names.get(o, o) for o in task.assist),
            ack_hint=ack.hint(
                self.config, task.id, row.office, row.fire_at, self._ack_key, supervisor=supervisor
            ),
            links=ack.message_links(
                self._links, task.id, row.office, row.id, now, supervisor=supervisor
            ),
            supervisor=supervisor,
            contacts=office_contacts(self.config, leads) if supervisor else (),
        )

    def _render(
        self, office_id: str, channel: str, notices: list[Notice], now: dt.datetime
    ) -> Message:
        office = self.config.office(office_id)
        if channel.startswith("webhook:"):
            hook = dict(office.channel_names())[channel]
            assert hook is not None
            return self.renderer.render_webhook(hook.kind, office, notices, now, channel=channel)
        cc_ids = {o for n in notices for o in n.reminder.cc}
        cc = tuple(
            a
            for oid in sorted(cc_ids)
            if oid in {o.id for o in self.config.offices}
            for a in self.config.office(oid).email
            if a not in office.email
        )
        return self.renderer.render_email(office, notices, now, to=office.email, cc=cc)

    def _make_channel(self, office_id: str, channel: str) -> Channel:
        outbox = self.config.resolve_path(self.config.outbox)
        if channel == OUTBOX_CHANNEL or (channel == "email" and not self.config.smtp.host):
            return OutboxChannel(outbox, from_=self.config.smtp.from_)
        if channel == "email":
            env = self.config.smtp.password_env
            return SmtpChannel(self.config.smtp, os.environ.get(env) if env else None)
        hook = dict(self.config.office(office_id).channel_names())[channel]
        assert hook is not None
        secret = os.environ.get(hook.secret_env) if hook.secret_env else None
        return WebhookChannel(hook, secret, self.config.http)

    def close(self) -> None:
        self.ledger.close()
