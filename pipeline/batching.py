"""Claimed reminders grouped into what one message covers, and the time budget of a pass.

A group is one office and channel; in it, a task reminded twice in one batch (after
downtime) is sent once, its latest reminder, and the earlier ones are recorded with its
outcome. The budget is half the claims' lease: past it (or when the daemon stops), the
unsent claims are handed back for the next pass.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.config import Config
from pipeline.ledger.base import ReminderRow


@dataclass
class Group:
    """The claimed reminders of one office and channel, one per task: a task reminded twice
    in one batch (after downtime) is sent once, its latest reminder; the earlier ones it
    covers are recorded with its outcome once that is known."""

    office: str
    channel: str
    latest: dict[str, ReminderRow] = field(default_factory=dict)  # by reminder id
    covered: dict[str, list[ReminderRow]] = field(default_factory=dict)


def groups_of(claimed: Iterable[ReminderRow]) -> list[Group]:
    by_key: dict[tuple[str, str], list[ReminderRow]] = defaultdict(list)
    for row in claimed:
        by_key[(row.office, row.channel)].append(row)
    out = []
    for (office, channel), rows in by_key.items():
        latest: dict[str, ReminderRow] = {}
        covered: dict[str, list[ReminderRow]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: r.fire_at):
            previous = latest.get(row.task_id)
            if previous is not None:
                covered[row.id] = [*covered.pop(previous.id, []), previous]
            latest[row.task_id] = row
        out.append(Group(office, channel, {r.id: r for r in latest.values()}, dict(covered)))
    return out


class OutOfBudget(Exception):
    """Half the lease is used up, or the daemon is stopping: hand the rest back."""


@dataclass
class Budget:
    end: float  # time.monotonic() by which the last message must have started
    stop: threading.Event | None = None

    def check(self) -> None:
        if (self.stop is not None and self.stop.is_set()) or time.monotonic() > self.end:
            raise OutOfBudget


def retry_delay(
    attempts: int, config: Config, retry_after: float | None, rnd: random.Random
) -> float:
    """Exponential backoff with ±20 % jitter, capped; a peer's Retry-After wins if longer."""
    d = config.delivery
    base = min(d.backoff_max_seconds, d.backoff_seconds * (2 ** max(0, attempts - 1)))
    delay = base * rnd.uniform(0.8, 1.2)
    return max(delay, retry_after or 0.0)
