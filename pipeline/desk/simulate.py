"""The dry-run timeline: which reminders go out between two days (pure)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from pipeline.models import Reminder, Task


def window(
    reminders: Iterable[Reminder], start: dt.date, end: dt.date, tz: ZoneInfo
) -> list[Reminder]:
    """Reminders firing on a local day from ``start`` to ``end`` inclusive, in time order."""
    kept = [r for r in reminders if start <= r.fire_at.astimezone(tz).date() <= end]
    return sorted(kept, key=lambda r: (r.fire_at, r.office, r.task_id, r.channel, r.kind))


def week_of(day: dt.date) -> str:
    """ISO week label, e.g. 2020-W44."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def counts(reminders: Iterable[Reminder], tz: ZoneInfo) -> dict[str, dict[str, int]]:
    """Reminders per office and ISO week."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for r in reminders:
        out[r.office][week_of(r.fire_at.astimezone(tz).date())] += 1
    return {o: dict(sorted(c.items())) for o, c in sorted(out.items())}


def as_json(r: Reminder, tasks: Mapping[str, Task], tz: ZoneInfo) -> dict[str, Any]:
    t = tasks.get(r.task_id)
    return {
        "fire_at": r.fire_at.astimezone(tz).isoformat(),
        "day": r.fire_at.astimezone(tz).date().isoformat(),
        "office": r.office,
        "channel": r.channel,
        "kind": r.kind,
        "task_id": r.task_id,
        "due": r.due.isoformat(),
        "cc": list(r.cc),
        "reminder_id": r.id,
        "task": t.text if t else None,
        "document": t.document if t else None,
    }
