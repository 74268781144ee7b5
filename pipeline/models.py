"""Plain frozen dataclasses passed between the stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Block:
    """A paragraph or heading of running text."""

    text: str
    line: int = 0  # 1-based line in the source file (0 when unknown)
    heading: int = 0  # 0 for body text, 1.. for heading levels


@dataclass(frozen=True)
class TableRow:
    """One row of a task table (任务分解表 / 责任清单), cells as written."""

    line: int  # 1-based row number in the sheet or file
    task: str
    lead: str = ""  # 责任单位 / 牵头单位
    assist: str = ""  # 配合单位
    deadline: str = ""  # 完成时限 / 时间节点; Excel dates rendered as YYYY年M月D日
    section: str = ""  # sheet name, category column or merged group heading
    note: str = ""


@dataclass(frozen=True)
class Document:
    """An ingested document: its text as blocks, any task-table rows, and its date."""

    key: str  # stable identity: path relative to the config folder, else absolute
    path: str
    title: str
    blocks: tuple[Block, ...]
    published: dt.date | None
    date_basis: str  # sidecar | front-matter | page | table | text | as-of | none
    sha256: str
    encoding: str = "utf-8"
    rows: tuple[TableRow, ...] = ()
    issuer: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Deadline:
    """One deadline expression found in text, resolved against a document date."""

    expr: str  # as written in the text
    due: dt.date | None  # last day the work may be done; None for 尽快/长期坚持
    kind: str  # month_end, day, xun, year_end, half, quarter, relative, workdays, ...
    basis: str = "document"  # explicit | document | rollover | relative | inferred | none
    start: int = 0  # span of expr in the text given to resolve()
    end: int = 0
    provisional: bool = False  # working-day count beyond the official calendar
    ambiguous: bool = False
    past: bool = False  # an explicit date before the document date
    recurring: str | None = None  # week | month | quarter | half | year
    occurrences: tuple[dt.date, ...] = ()  # recurring: one due date per period
    invalid: bool = False  # a date no calendar has (13月底前, 2月30日前): due is None


@dataclass(frozen=True)
class Task:
    """A clause with an action, its deadline (if any) and its owners."""

    id: str
    document: str  # Document.key
    text: str
    sentence: str
    section: str  # heading path joined with " › "
    line: int
    expr: str | None
    due: dt.date | None
    kind: str | None
    strength: str  # 确保 / 力争 / 要 / ... or ""
    basis: str | None = None
    flags: tuple[str, ...] = ()  # provisional, ambiguous, past, recurring, no-date
    named_lead: tuple[str, ...] = ()  # owner names written in the document
    named_assist: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()  # office ids, filled by route
    assist: tuple[str, ...] = ()
    owner_basis: str = ""  # explicit | subject | issuer | rule | fallback
    unknown_owners: tuple[str, ...] = ()

    @property
    def offices(self) -> tuple[str, ...]:
        return self.lead + tuple(o for o in self.assist if o not in self.lead)


@dataclass(frozen=True, slots=True)
class Reminder:
    """One planned notification of one task to one office over one channel (slots: `plan`
    and a `plan --limit 0` hold hundreds of thousands)."""

    id: str
    task_id: str
    office: str
    channel: str  # "email" or "webhook:<name>"
    kind: str  # before-30 ... before-0, overdue-1 ...
    fire_at: dt.datetime  # timezone-aware
    due: dt.date
    cc: tuple[str, ...] = ()  # office ids copied (assisting; supervision office when overdue)


@dataclass(frozen=True)
class Notice:
    """Everything a template needs about one reminder."""

    reminder: Reminder
    task: Task
    document_title: str
    office_name: str
    cc_names: tuple[str, ...] = ()
    ack_hint: str = ""  # how to acknowledge: command line or signed link
    links: tuple[tuple[str, str], ...] = ()  # (label, url): signed answer links for the recipient
    supervisor: bool = False  # an escalation copy for the supervision office
    contacts: tuple[str, ...] = ()  # how to reach the responsible offices (escalation copies)


@dataclass(frozen=True)
class Message:
    """A rendered message ready for a channel."""

    key: str  # idempotency key (Message-ID / Idempotency-Key)
    office: str
    channel: str
    subject: str
    text: str
    html: str = ""
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    payload: dict[str, Any] | None = None  # webhook JSON body
    reminder_ids: tuple[str, ...] = field(default=())
    created: dt.datetime | None = None  # the tick's time: the email Date header


OutcomeStatus = Literal["sent", "retry", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery attempt."""

    status: OutcomeStatus
    detail: str = ""
    retry_after: float | None = None  # seconds, when the receiver asked
