"""Delivery of one pass's due reminders, in named parts: grouping claimed reminders by
office and channel (``pipeline.batching``), sending their messages within the lease
(``Delivery.send``: the budget is checked before every message, a robot's rate limit paces
it), and recording the outcomes (``Delivery.record``, ``Delivery.flush``).

Claims are leases: when half the lease is used up (or the daemon is stopping) before a
message, the unsent claims are released for the next pass, so another replica never takes
over reminders this one is still sending.

Channels are shared within a pass: one SMTP connection serves every office (the server is
the same), and every webhook posts through one HTTP client (connection pool) built once per
process. Messages go out in lanes (``pipeline.lanes``), up to ``delivery.concurrency`` at
once: the SMTP connection is one lane, each robot (webhook URL) one, whichever offices share
it; within a lane one message at a time, in order (so a robot's pacing holds), and groups
take turns so that different lanes are busy together. Outcomes are recorded in batches, one
transaction per ``delivery.record_batch`` outcomes or ``RECORD_SECONDS``, and always before
claims are released and at the end of the pass (after every message on the wire was
answered): a reminder is recorded sent only after its send succeeded. A crash loses at most the
records of the last unflushed batch; those reminders stay claimed and go out again once
their lease ends (at most one repeat each, never a loss). ``record_batch: 1`` records each
send before the next.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import random
import threading
import time
from collections import deque
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from pipeline import ack
from pipeline.batching import Budget, Group, OutOfBudget, groups_of, retry_delay
from pipeline.channels.base import Channel
from pipeline.compose import Composer
from pipeline.config import Config
from pipeline.errors import LedgerError, TemplateError
from pipeline.lanes import Lanes
from pipeline.ledger.base import Ledger, ReminderRow
from pipeline.models import Message, Notice, Outcome, Task
from pipeline.pacing import Pacer
from pipeline.plan import OUTBOX_CHANNEL
from pipeline.render import Renderer
from pipeline.report import TickReport

log = logging.getLogger("pipeline")
RECORD_SECONDS = 1.0
PACE_SLEEP_MAX = 2.0  # a robot's rate-limit wait up to this long is waited out in the pass
SHARED = "*"  # the office key of channels every office shares (email, outbox)


def in_turn(steps: Iterable[Iterator[None]]) -> None:
    """Advance each iterator by one step in turn (round robin) until all are done."""
    turn = deque(steps)
    while turn:
        it = turn.popleft()
        if next(it, StopIteration) is not StopIteration:
            turn.append(it)


class Delivery:
    """Sends one pass's claimed reminders and records what became of each."""

    def __init__(
        self, config: Config, ledger: Ledger, worker: str, renderer: Renderer, rnd: random.Random
    ) -> None:
        self.config, self.ledger, self.worker = config, ledger, worker
        self.renderer, self._rnd = renderer, rnd
        key = ack.secret(config)  # read from the environment once
        self.compose = Composer(config, renderer, key, ack.links(config, key))
        self._lanes: Lanes[Outcome] = Lanes(1)
        self._http: Any = None  # one httpx.Client for every webhook, built on first use
        self.pacer = Pacer()  # robots' rate limits, across this process's passes
        self._outcomes: list[tuple[ReminderRow, Outcome, dt.datetime | None]] = []
        self._flushed = time.monotonic()
        self._clock_base = 0.0

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def deliver_due(
        self, now: dt.datetime, report: TickReport, stop: threading.Event | None = None
    ) -> None:
        d = self.config.delivery
        # The robots' clock: the pass's time (``--now`` in a rehearsal) plus time spent in it.
        self._clock_base = now.timestamp() - report.started
        # A lease counted from when it claims: a pass that waited (for the planning lock
        # behind another replica) must not take a lease that runs out while it still sends.
        # What is due is still judged at `now`, so a rehearsal claims nothing early.
        waited = max(0.0, time.monotonic() - report.started)
        claimed = self.ledger.claim_due(now, self.worker, d.lease_seconds + waited, d.batch)
        report.claimed = len(claimed)
        if not claimed:
            return
        self.renderer.refresh()  # templates edited since the last pass take effect now
        ids = {r.task_id for r in claimed}
        tasks = {t.id: t for t in self.ledger.tasks(include_inactive=True, ids=ids)}
        titles = {doc.key: doc.title for doc in self.ledger.documents()}
        budget = Budget(time.monotonic() + d.lease_seconds / 2, stop)
        channels: dict[tuple[str, str], Channel] = {}
        self._lanes = lanes = Lanes[Outcome](d.concurrency)
        try:
            try:
                in_turn(
                    self.send(group, tasks, titles, channels, now, report, budget)
                    for group in groups_of(claimed)
                )
                lanes.drain()
                self.flush(now, report)
            except OutOfBudget:
                lanes.drain()  # what is on the wire finishes and is recorded with the rest
                self.flush(now, report)  # what was sent is recorded before the rest is released
                self._release(stopping=stop is not None and stop.is_set())
        except LedgerError:
            # The database failed mid-batch: hand the unsent claims back now rather than
            # when their lease ends (if the database still refuses, the lease does it); not
            # while a message is still on the wire.
            lanes.close()
            with contextlib.suppress(LedgerError):
                self.ledger.release(self.worker)
            raise
        finally:
            lanes.close()
            for ch in channels.values():
                ch.close()

    def _release(self, *, stopping: bool) -> None:
        released = self.ledger.release(self.worker)
        if released and not stopping:
            log.warning(
                "released %d reminders for the next pass: half the %gs lease is used up",
                released,
                self.config.delivery.lease_seconds,
            )

    def settle(
        self,
        group: Group,
        rid: str,
        outcome: Outcome,
        now: dt.datetime,
        report: TickReport,
        retry_at: dt.datetime | None = None,
    ) -> None:
        """Record ``outcome`` for a reminder and for the earlier ones it covers."""
        row = group.latest[rid]
        self.record(row, outcome, now, report, retry_at=retry_at)
        for earlier in group.covered.get(rid, []):
            detail = f"covered by later reminder {row.kind}"
            detail += f": {outcome.detail}" if outcome.status != "sent" else ""
            self.record(earlier, replace(outcome, detail=detail), now, report, retry_at=retry_at)

    def send(
        self,
        group: Group,
        tasks: dict[str, Task],
        titles: dict[str, str],
        channels: dict[tuple[str, str], Channel],
        now: dt.datetime,
        report: TickReport,
        budget: Budget,
    ) -> Iterator[None]:
        """Send one group's messages (a digest, or one per reminder), each after a budget
        check; it pauses after handing each message to its lane (``deliver_due`` takes the
        groups' messages in turn, so that different lanes are busy together)."""
        rows = list(group.latest.values())
        for r in rows:
            if r.task_id not in tasks:
                self.settle(group, r.id, Outcome("failed", "task no longer exists"), now, report)
        notices = [self.compose.notice(r, tasks, titles, now) for r in rows if r.task_id in tasks]
        if not notices:
            return
        queue = [notices] if self.config.delivery.digest else [[n] for n in notices]
        while queue:
            batch = queue.pop(0)
            budget.check()  # before every message, not only between groups
            message = self._message(group, batch, now, report)
            if message is None:
                continue
            shown = [n for n in batch if n.reminder.id in message.reminder_ids]
            if not shown:  # not even one item fits one robot message: one message each
                queue[:0] = [[n] for n in batch]
                continue
            rest = [n for n in batch if n.reminder.id not in message.reminder_ids]
            if rest:  # a robot message had to leave items out: they go in the next one
                queue.insert(0, rest)
            wait = self._pace(group, budget)
            if wait > 0:  # the robot's rate limit: the rest of this group goes out later
                waiting = [n for b in [shown, *queue] for n in b]
                self.defer(group, waiting, now, wait, report)
                return
            self._transmit(group, message, shown, channels, now, report, budget)
            yield

    def _robot(self, group: Group) -> tuple[str, str] | None:
        """(URL, kind) of the group's robot, for pacing; None for email and the outbox."""
        if not group.channel.startswith("webhook:"):
            return None
        hook = self.compose.hook(group.office, group.channel)
        return (hook.url, hook.kind) if hook is not None else None

    def _pace(self, group: Group, budget: Budget) -> float:
        """Seconds the group's robot still needs before its next message: a short wait is
        waited out here (within the budget), a longer one returned for a later pass."""
        robot = self._robot(group)
        if robot is None:
            return 0.0
        wait = self.pacer.wait(*robot, self._clock())
        if 0 < wait <= PACE_SLEEP_MAX and time.monotonic() + wait < budget.end:
            if budget.stop is not None:
                budget.stop.wait(wait)
            else:
                time.sleep(wait)
            budget.check()
            wait = self.pacer.wait(*robot, self._clock())
        if wait <= 0:
            self.pacer.sent(*robot, self._clock())
        return wait

    def _clock(self) -> float:
        return self._clock_base + time.monotonic()

    def defer(
        self, group: Group, notices: list[Notice], now: dt.datetime, wait: float, report: TickReport
    ) -> None:
        """Hand these reminders (and those they cover) back, to go out ``wait`` s from now."""
        until = now + dt.timedelta(seconds=wait)
        ids = [n.reminder.id for n in notices]
        ids += [r.id for rid in ids for r in group.covered.get(rid, [])]
        report.paced += self.ledger.defer(ids, self.worker, until, now)
        where = f"{group.office}/{group.channel}"
        log.info("%s: the robot's rate limit holds %d reminders until %s", where, len(ids), until)

    def _message(
        self, group: Group, batch: list[Notice], now: dt.datetime, report: TickReport
    ) -> Message | None:
        try:
            return self.compose.render(group.office, group.channel, batch, now)
        except TemplateError as exc:
            # An operator can fix a template: retry later rather than fail for good.
            for n in batch:
                self.settle(group, n.reminder.id, Outcome("retry", f"template: {exc}"), now, report)
            report.errors.append(f"{group.office}/{group.channel}: {exc}")
            return None

    def _transmit(
        self,
        group: Group,
        message: Message,
        shown: list[Notice],
        channels: dict[tuple[str, str], Channel],
        now: dt.datetime,
        report: TickReport,
        budget: Budget,
    ) -> None:
        """Hand the message to its lane; its outcome is settled here once it is answered."""
        key = self._channel_key(group.office, group.channel)
        if key not in channels:
            channels[key] = self.make_channel(group.office, group.channel)
        channel = channels[key]

        def then(outcome: Outcome) -> None:
            self._sent(group, message, shown, outcome, now, report)

        # The budget is checked again when the lane is free, just before the send.
        self._lanes.submit(
            self._lane(group, key), lambda: channel.send(message), then, ready=budget.check
        )

    def _lane(self, group: Group, key: tuple[str, str]) -> Hashable:
        """A robot (a webhook URL) is one lane, whichever offices share it."""
        robot = self._robot(group)
        return robot[0] if robot is not None else key

    def _sent(
        self,
        group: Group,
        message: Message,
        shown: list[Notice],
        outcome: Outcome,
        now: dt.datetime,
        report: TickReport,
    ) -> None:
        report.messages += 1
        log.info(
            "%s %s → %s/%s: %s %s",
            outcome.status,
            message.key,
            group.office,
            group.channel,
            len(shown),
            outcome.detail,
        )
        # One retry time per message (not per reminder, each with its own jitter): the
        # reminders of a digest come due together again, so the retry is the same message
        # under the same key and a receiver can drop it if the first got through.
        retry_at = None
        if outcome.status == "retry":
            tries = max(group.latest[n.reminder.id].attempts for n in shown) + 1
            delay = retry_delay(tries, self.config, outcome.retry_after, self._rnd)
            retry_at = now + dt.timedelta(seconds=delay)
        for n in shown:
            self.settle(group, n.reminder.id, outcome, now, report, retry_at)

    def record(
        self,
        row: ReminderRow,
        outcome: Outcome,
        now: dt.datetime,
        report: TickReport,
        *,
        retry_at: dt.datetime | None = None,
    ) -> None:
        """Store one outcome; a retry past ``max_attempts`` becomes a failure."""
        next_at = None
        if outcome.status == "retry":
            if row.attempts + 1 >= self.config.delivery.max_attempts:
                outcome = Outcome(
                    "failed", f"gave up after {row.attempts + 1} attempts: {outcome.detail}"
                )
            elif retry_at is not None:
                next_at = retry_at
            else:
                delay = retry_delay(row.attempts + 1, self.config, outcome.retry_after, self._rnd)
                next_at = now + dt.timedelta(seconds=delay)
        self._outcomes.append((row, outcome, next_at))
        if (
            len(self._outcomes) >= self.config.delivery.record_batch
            or time.monotonic() - self._flushed >= RECORD_SECONDS
        ):
            self.flush(now, report)

    def flush(self, now: dt.datetime, report: TickReport) -> None:
        """Record the buffered outcomes in one transaction."""
        items, self._outcomes = self._outcomes, []
        self._flushed = time.monotonic()
        if not items:
            return
        held = self.ledger.record_many(
            [(row.id, outcome, next_at) for row, outcome, next_at in items], self.worker, now
        )
        for (row, outcome, _), mine in zip(items, held, strict=True):
            if not mine:
                report.errors.append(
                    f"{row.id}: claim lost to another worker; outcome kept as attempt"
                )
            elif outcome.status == "sent":
                report.sent += 1
            elif outcome.status == "retry":
                report.retried += 1
            else:
                report.failed += 1

    def _channel_key(self, office_id: str, channel: str) -> tuple[str, str]:
        """Email and the outbox are one channel for every office (one SMTP connection);
        a webhook is its office's own."""
        if channel == OUTBOX_CHANNEL or channel == "email":
            return (SHARED, channel)
        return (office_id, channel)

    def make_channel(self, office_id: str, channel: str) -> Channel:
        from pipeline.channels import OutboxChannel, SmtpChannel, WebhookChannel  # when due

        outbox = self.config.resolve_path(self.config.outbox)
        if channel == OUTBOX_CHANNEL or (channel == "email" and not self.config.smtp.host):
            return OutboxChannel(outbox, from_=self.config.smtp.from_)
        if channel == "email":
            env = self.config.smtp.password_env
            return SmtpChannel(self.config.smtp, os.environ.get(env) if env else None)
        hook = self.compose.hook(office_id, channel)
        assert hook is not None
        secret = os.environ.get(hook.secret_env) if hook.secret_env else None
        return WebhookChannel(hook, secret, self.config.http, client=self._client())

    def _client(self) -> Any:
        """The process's one HTTP client (a connection pool shared by every robot); the SSL
        context is built once, not per office."""
        if self._http is None:
            from pipeline.channels.webhook import new_client

            self._http = new_client(self.config.http)
        return self._http
