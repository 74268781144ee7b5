"""Paged reads for `plan` and `status`: every row once, in order, whatever the page size,
including thousands of reminders sharing one fire time (09:00 of a deadline day)."""

from __future__ import annotations

import datetime as dt

from pipeline.ledger.base import Ledger
from pipeline.models import Reminder

T0 = dt.datetime(2026, 6, 1, 1, 0, tzinfo=dt.UTC)


def test_paging_through_ties_gives_every_row_once_in_order(ledger: Ledger) -> None:
    plan = [
        Reminder(f"r{i:04d}", f"t{i % 7}", "fgw", "email", "before-0",
                 T0 + dt.timedelta(days=i % 3), (T0 + dt.timedelta(days=i % 3)).date())
        for i in range(257)
    ]  # fmt: skip
    ledger.sync_reminders(plan, T0)
    rows = list(ledger.iter_reminders(("pending",), page=10))
    assert [r.id for r in rows] == [r.id for r in sorted(plan, key=lambda r: (r.fire_at, r.id))]
    since = T0 + dt.timedelta(days=1)
    later = list(ledger.iter_reminders(("pending",), since=since, page=7))
    assert len(later) == ledger.count_reminders(("pending",), since=since) == 171
    assert all(r.fire_at >= since for r in later)
