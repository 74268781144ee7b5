"""What one tick did: the counts and messages ``pipeline tick`` prints and the daemon logs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from pipeline.ledger.base import SyncStats
from pipeline.models import Reminder


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
    paced: int = 0  # held back for a later pass by a robot's rate limit
    would_send: list[Reminder] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Configured documents this pass could not use (missing, unreadable, absent): their
    # tasks are kept; `pipeline tick` exits 1 while there are any.
    document_problems: list[str] = field(default_factory=list)
    # What the operator should fix but that does not stop a document: a date known to the
    # year only, rival dates. Said when the document is read (`pipeline check`: always).
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    read_elsewhere: bool = False  # another replica was reading the documents: left to it
    # time.monotonic() when the pass began, the moment its `now` stands for: a step that runs
    # later (after waiting for a lock) adds the time spent since (`Delivery.deliver_due`).
    started: float = field(default_factory=time.monotonic, repr=False, compare=False)

    def summary(self) -> str:
        p = self.planned
        plan_part = f"planned +{p.added} ~{p.moved} -{p.cancelled}" if p else "planned -"
        if p and p.deferred:
            plan_part += f" ({p.deferred} tasks stored when near)"
        if self.dry_run:
            return (
                f"dry run: {self.documents} documents ({self.changed} changed), {self.tasks} tasks, "
                f"{len(self.would_send)} reminders due now would be sent, {self.error_count} errors"
            )
        return (
            f"tick: {self.reading}, {self.tasks} tasks, "
            f"{plan_part}, {self.missed} missed, {self.claimed} due: {self.sent} sent, "
            f"{self.retried} to retry, {self.failed} failed in {self.messages} messages, "
            + (f"{self.paced} paced for later, " if self.paced else "")
            + f"{self.error_count} errors"
        )

    @property
    def reading(self) -> str:
        """What the pass read: "N documents (M changed)", or that another replica read them."""
        if self.read_elsewhere:
            return "documents read by another replica"
        return f"{self.documents} documents ({self.changed} changed)"

    @property
    def error_count(self) -> int:
        return len(self.errors) + len(self.document_problems)
