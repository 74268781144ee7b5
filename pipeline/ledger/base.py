"""The ledger interface: rows it returns and the `Ledger` protocol.

Reminder states::

    pending ──claim_due──▶ claimed ──record──▶ sent | failed
       ▲                      │
       └──── record(retry) ───┘   (also: release, or an expired lease re-claimed)
    pending ──▶ cancelled   (task done, deactivated or no longer planned)
    pending ──▶ missed      (fell due before the catch-up window)
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, Self

if TYPE_CHECKING:
    from pipeline.ledger.views import TaskFacts
from pipeline.models import Document, Outcome, Reminder, Task

ReminderState = Literal["pending", "claimed", "sent", "failed", "cancelled", "missed"]
STATES: tuple[str, ...] = ("pending", "claimed", "sent", "failed", "cancelled", "missed")


@dataclass(frozen=True)
class ReminderRow:
    """A stored reminder with its delivery state (datetimes are aware UTC)."""

    id: str
    task_id: str
    office: str
    channel: str
    kind: str
    fire_at: dt.datetime
    due: dt.date
    cc: tuple[str, ...]
    state: str
    attempts: int  # failed attempts so far (retry and failed outcomes)
    next_attempt_at: dt.datetime | None
    claimed_by: str | None
    lease_until: dt.datetime | None
    last_error: str | None
    sent_at: dt.datetime | None
    updated_at: dt.datetime

    @classmethod
    def planned(cls, r: Reminder, now: dt.datetime) -> ReminderRow:
        """A planned reminder the ledger does not hold yet, as a row in the state "planned"
        (for display: the desk shows such rows beside the stored ones)."""
        return cls(
            *(r.id, r.task_id, r.office, r.channel, r.kind, r.fire_at, r.due, r.cc),
            state="planned",
            attempts=0,
            next_attempt_at=None,
            claimed_by=None,
            lease_until=None,
            last_error=None,
            sent_at=None,
            updated_at=now,
        )

    @property
    def reminder(self) -> Reminder:
        """The planned `Reminder` this row stores."""
        return Reminder(
            id=self.id,
            task_id=self.task_id,
            office=self.office,
            channel=self.channel,
            kind=self.kind,
            fire_at=self.fire_at,
            due=self.due,
            cc=self.cc,
        )


@dataclass(frozen=True)
class AttemptRow:
    """One delivery attempt of one reminder."""

    reminder_id: str
    at: dt.datetime
    worker: str
    status: str  # sent | retry | failed
    detail: str


@dataclass(frozen=True)
class DocumentRow:
    """A stored document (without its text)."""

    key: str
    path: str
    title: str
    sha256: str
    published: dt.date | None
    date_basis: str
    ingested_at: dt.datetime


@dataclass(frozen=True)
class SyncStats:
    """What `Ledger.sync_reminders` changed.

    added: new reminders, and cancelled ones revived; moved: pending ones whose fire_at, due
    or cc changed; cancelled: pending ones no longer planned (and new ones of a done office);
    unchanged: everything else in the plan; deferred: tasks whose reminders are not stored
    yet (their first one is beyond `delivery.store_ahead_days`).
    """

    added: int = 0
    moved: int = 0
    cancelled: int = 0
    unchanged: int = 0
    deferred: int = 0

    def __add__(self, other: SyncStats) -> SyncStats:
        return SyncStats(
            self.added + other.added,
            self.moved + other.moved,
            self.cancelled + other.cancelled,
            self.unchanged + other.unchanged,
            self.deferred + other.deferred,
        )


class Ledger(Protocol):
    """Source of truth of the reminder system. Every method raises `LedgerError`."""

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    # documents and tasks
    def document_sha(self, key: str) -> str | None: ...

    def save_document(self, doc: Document, tasks: Sequence[Task], now: dt.datetime) -> None: ...

    def save_documents(
        self, items: Sequence[tuple[Document, Sequence[Task]]], now: dt.datetime
    ) -> None:
        """`save_document` of each, in one transaction."""
        ...

    def retire_document(self, key: str, now: dt.datetime) -> int: ...

    def documents(self) -> list[DocumentRow]: ...

    def tasks(
        self,
        *,
        include_inactive: bool = False,
        documents: Collection[str] | None = None,
        ids: Collection[str] | None = None,
    ) -> list[Task]: ...

    def count_tasks(self) -> int: ...

    def task_counts(self) -> dict[str, int]: ...

    def task(self, task_id: str) -> Task | None: ...

    # acknowledgements
    def acknowledge(
        self, task_id: str, office: str | None, now: dt.datetime, by: str = "cli"
    ) -> int: ...

    def acknowledged(self, task_ids: Collection[str] | None = None) -> set[tuple[str, str]]: ...

    def done_tasks(self, task_ids: Collection[str] | None = None) -> set[str]: ...

    # reminders
    def sync_reminders(
        self,
        plan: Sequence[Reminder],
        now: dt.datetime,
        *,
        scope: Collection[str] | None = None,
        deferred: Mapping[str, dt.datetime] | None = None,
    ) -> SyncStats: ...

    def planning(self) -> contextlib.AbstractContextManager[None]:
        """Held while a re-plan reads, plans and writes (`pipeline.ledger.planlock`)."""
        ...

    def reloading(self) -> contextlib.AbstractContextManager[bool]:
        """Tried by a pass before it reads and stores the changed documents: yields True when
        held, False at once when another replica is reading them (one at a time, no waiting)."""
        ...

    def deferred_until(self, until: dt.datetime, *, limit: int) -> list[str]:
        """Active tasks whose reminders are not stored and whose first fires by ``until``."""
        ...

    def iter_deferred(self, *, batch: int = ...) -> Iterator[tuple[Task, dt.datetime]]:
        """Active tasks whose reminders are not stored, with their first moment, by it."""
        ...

    def count_deferred(self) -> int: ...

    def claim_due(
        self, now: dt.datetime, worker: str, lease_seconds: float, limit: int
    ) -> list[ReminderRow]: ...

    def mark_missed(self, older_than: dt.datetime, now: dt.datetime) -> list[ReminderRow]: ...

    def record(
        self,
        reminder_id: str,
        worker: str,
        outcome: Outcome,
        now: dt.datetime,
        *,
        next_attempt_at: dt.datetime | None = None,
    ) -> bool: ...

    def record_many(
        self,
        items: Sequence[tuple[str, Outcome, dt.datetime | None]],
        worker: str,
        now: dt.datetime,
    ) -> list[bool]: ...

    def defer(
        self, reminder_ids: Sequence[str], worker: str, until: dt.datetime, now: dt.datetime
    ) -> int: ...

    def release(self, worker: str) -> int: ...

    def reminders(
        self, *, states: Iterable[str] | None = None, task_id: str | None = None
    ) -> list[ReminderRow]: ...

    def attempts(self, reminder_id: str | None = None) -> list[AttemptRow]: ...

    # bounded views for status and plan (pipeline.ledger.views)
    def iter_task_facts(self, *, batch: int = ...) -> Iterator[TaskFacts]: ...

    def reminders_page(
        self,
        states: Iterable[str],
        *,
        limit: int | None,
        newest_first: bool = False,
        retried_only: bool = False,
    ) -> tuple[list[ReminderRow], int]: ...

    def last_sent(self, task_ids: Collection[str]) -> dict[tuple[str, str], ReminderRow]: ...

    def task_texts(self, task_ids: Collection[str]) -> dict[str, str]: ...

    def iter_reminders(
        self,
        states: Iterable[str],
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        page: int = ...,
    ) -> Iterator[ReminderRow]: ...

    def count_reminders(
        self,
        states: Iterable[str],
        *,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        task_ids: Collection[str] | None = None,
    ) -> int: ...

    def settled(self, task_ids: Collection[str]) -> set[str]: ...


# --- the desk ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    """One answer about a task: from an office's link, the supervision office or an operator."""

    id: int
    task_id: str
    office: str
    kind: str  # done | progress | extend | note
    text: str
    proposed_due: dt.date | None
    at: dt.datetime
    by: str
    link_id: str | None


@dataclass(frozen=True)
class ExtensionRow:
    """A deadline extension: requested by an office, or granted by an operator."""

    id: int
    task_id: str
    office: str
    old_due: dt.date | None
    new_due: dt.date
    reason: str
    state: str  # requested | approved | refused
    requested_at: dt.datetime
    requested_by: str
    decided_at: dt.datetime | None
    decided_by: str | None
    note: str


@dataclass(frozen=True)
class TickRow:
    """The last pass of one worker (daemon or cron tick)."""

    worker: str
    source: str
    started_at: dt.datetime
    finished_at: dt.datetime
    seconds: float
    ok: bool
    summary: str


class DeskLedger(Ledger, Protocol):
    """The `Ledger` with what the desk records. Every method raises `LedgerError`."""

    def record_answer(
        self,
        task_id: str,
        office: str,
        kind: str,
        text: str,
        now: dt.datetime,
        *,
        by: str,
        link_id: str | None = None,
        proposed_due: dt.date | None = None,
        acknowledge: Sequence[str] = (),
    ) -> AnswerRow | None: ...

    def answers(
        self, *, task_id: str | None = None, office: str | None = None
    ) -> list[AnswerRow]: ...

    def link_used(self, link_id: str) -> bool: ...

    def extend(
        self,
        task_id: str,
        office: str,
        new_due: dt.date,
        reason: str,
        now: dt.datetime,
        *,
        by: str,
        approved: bool,
        link_id: str | None = None,
    ) -> ExtensionRow | None: ...

    def decide_extension(
        self, extension_id: int, approve: bool, now: dt.datetime, *, by: str, note: str = ""
    ) -> ExtensionRow: ...

    def extensions(
        self, *, task_id: str | None = None, states: Iterable[str] | None = None
    ) -> list[ExtensionRow]: ...

    def record_tick(self, row: TickRow) -> None: ...

    def ticks(self) -> list[TickRow]: ...

    def reminder_counts(self) -> dict[tuple[str, str], int]: ...
