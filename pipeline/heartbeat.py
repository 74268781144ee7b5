"""What the daemon logs after each pass (pure): one line per pass that did something, and
a heartbeat at least once an hour while nothing happens, so a quiet log still shows the
daemon is alive. A reload pass and a delivery pass each say only what they did: a delivery
pass does not read documents, so it no longer prints "0 documents … 0 tasks". A warning
an hour while every reload found another replica reading the documents (``stalled``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.service import TickReport

IDLE_EVERY = dt.timedelta(hours=1)
# Reload passes that all found another replica reading the documents for this long: warn.
STALLED = dt.timedelta(hours=1)


def describe(r: TickReport, *, ingest: bool, deliver: bool) -> str:
    """The line for one pass, naming only what the pass did."""
    parts = []
    if ingest:
        p = r.planned
        planned = f"planned +{p.added} ~{p.moved} -{p.cancelled}" if p else "planned -"
        parts.append(f"reload: {r.reading}, {r.tasks} active tasks, {planned}")
    if deliver:
        near = r.planned.added if r.planned and not ingest else 0
        parts.append(
            (f"stored {near} reminders that came near, " if near else "")
            + f"deliver: {r.missed} missed, {r.claimed} due: {r.sent} sent, "
            f"{r.retried} to retry, {r.failed} failed in {r.messages} messages"
        )
    return "; ".join(parts) + f", {r.error_count} errors"


def busy(r: TickReport, *, ingest: bool) -> bool:
    """Did the pass do something worth a line of its own?"""
    p = r.planned
    planned = bool(p and (p.added or p.moved or p.cancelled))
    return bool((ingest and r.changed) or planned or r.claimed or r.missed or r.error_count)


@dataclass
class Heartbeat:
    """Which passes are logged: every busy one, the first of each kind, and an idle one every
    ``every`` (so an idle daemon still writes a line an hour)."""

    every: dt.timedelta = IDLE_EVERY
    last: dt.datetime | None = None
    kinds: set[tuple[bool, bool]] = field(default_factory=set)  # the kinds of pass seen
    left_since: dt.datetime | None = None  # reload passes left the reading to another since
    left_warned: dt.datetime | None = None

    def line(self, r: TickReport, now: dt.datetime, *, ingest: bool, deliver: bool) -> str | None:
        text = describe(r, ingest=ingest, deliver=deliver)
        first = (ingest, deliver) not in self.kinds
        self.kinds.add((ingest, deliver))
        if busy(r, ingest=ingest) or first or self.last is None:
            self.last = now
            return text
        if now - self.last >= self.every:
            since, self.last = self.last, now
            return f"alive, nothing to do since {since:%Y-%m-%d %H:%M}: {text}"
        return None

    def stalled(self, r: TickReport, now: dt.datetime) -> str | None:
        """A warning, at most one an hour, while every reload pass for ``STALLED`` found
        another replica reading the documents: a replica stuck holding the reload lock keeps
        every document change from being read, and nothing else would say so."""
        if not r.read_elsewhere:
            self.left_since = self.left_warned = None
            return None
        since = self.left_since = self.left_since or now
        if now - since < STALLED or (self.left_warned and now - self.left_warned < STALLED):
            return None
        self.left_warned = now
        return (
            f"every reload since {since:%Y-%m-%d %H:%M} found another replica reading the "
            "documents: if none is, one holding the reload lock is stuck (PostgreSQL: its "
            "advisory lock in pg_locks; SQLite: the process holding <database>.reload-lock), "
            "and changed documents are not read until it lets go"
        )
