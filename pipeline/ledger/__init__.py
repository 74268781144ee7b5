"""The ledger: documents, tasks, reminders and their delivery state, in SQLite or PostgreSQL.

ledger = open_ledger("sqlite:///var/ledger.db")  # or postgresql+psycopg://user@host/db
"""

from __future__ import annotations

from pipeline.ledger.base import (
    STATES,
    AttemptRow,
    DocumentRow,
    Ledger,
    ReminderRow,
    ReminderState,
    SyncStats,
)
from pipeline.ledger.sql import SQLLedger

__all__ = [
    "STATES",
    "AttemptRow",
    "DocumentRow",
    "Ledger",
    "ReminderRow",
    "ReminderState",
    "SQLLedger",
    "SyncStats",
    "open_ledger",
]


def open_ledger(url: str, *, busy_timeout: float | None = None) -> Ledger:
    """Open (creating and migrating as needed) the ledger at `url`.

    `sqlite:///path` (parent folders are created; `?busy_timeout=seconds` or the keyword sets
    how long a writer waits for the lock, default 10) or `postgresql+psycopg://…` (a
    `?options=-csearch_path%3Dschema` query selects a schema). Raises LedgerError.
    """
    return SQLLedger(url, busy_timeout=busy_timeout)
