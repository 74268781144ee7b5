"""What `pipeline status` tells an operator, from ledger rows (pure).

Besides the counts per office: the overdue tasks themselves (office, task, due, days late,
the last reminder sent), the missed reminders, the documents the last pass could not use,
the last tick and the last successful one, and whether a daemon holds the store now (a
daemon pass within three ``daemon.tick_seconds`` and 30 s, as /healthz says).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from pipeline.ledger.base import ReminderRow, TickRow
from pipeline.ledger.problems import ProblemRow
from pipeline.ledger.views import TaskFacts


def _iso(value: dt.datetime | None, tz: dt.tzinfo) -> str | None:
    return value.astimezone(tz).isoformat(timespec="seconds") if value else None


def overdue_rows(
    pairs: Iterable[tuple[TaskFacts, str]],
    today: dt.date,
    last: Mapping[tuple[str, str], ReminderRow],
    names: Mapping[str, str],
    tz: dt.tzinfo,
) -> list[dict[str, Any]]:
    """One row per overdue (task, lead office), in the order given, with the last reminder
    sent to that office (``last``: by (task id, office))."""
    rows: list[dict[str, Any]] = []
    for t, office in pairs:
        assert t.due is not None
        latest = last.get((t.id, office))
        rows.append(
            {
                "office": office,
                "office_name": names.get(office, office),
                "task_id": t.id,
                "task": t.text,
                "due": t.due.isoformat(),
                "days_late": (today - t.due).days,
                "last_reminder": (
                    {
                        "kind": latest.kind,
                        "sent_at": _iso(latest.sent_at, tz),
                        "channel": latest.channel,
                    }
                    if latest
                    else None
                ),
            }
        )
    return rows


def missed(
    rows: Iterable[ReminderRow], texts: Mapping[str, str], tz: dt.tzinfo
) -> list[dict[str, Any]]:
    return [
        {
            "reminder": r.id,
            "task_id": r.task_id,
            "task": texts.get(r.task_id),
            "office": r.office,
            "channel": r.channel,
            "kind": r.kind,
            "fire_at": _iso(r.fire_at, tz),
        }
        for r in rows  # in the order given (status: the newest first)
    ]


def problems(rows: Iterable[ProblemRow], tz: dt.tzinfo) -> list[dict[str, Any]]:
    return [
        {
            "path": p.path,
            "kind": p.kind,
            "document": p.key or None,
            "detail": p.detail,
            "since": _iso(p.since, tz),
        }
        for p in rows
    ]


def ticks(
    rows: list[TickRow], now: dt.datetime, tick_seconds: float, tz: dt.tzinfo
) -> dict[str, Any]:
    """The last pass, the last successful one, and whether a daemon holds the store now."""
    rows = sorted(rows, key=lambda t: t.finished_at, reverse=True)
    last = rows[0] if rows else None
    ok = next((t for t in rows if t.ok), None)
    horizon = dt.timedelta(seconds=3 * tick_seconds + 30)
    daemons = [t for t in rows if t.source == "daemon" and now - t.finished_at <= horizon]
    return {
        "last_tick": _iso(last.finished_at, tz) if last else None,
        "last_tick_ok": last.ok if last else None,
        "last_tick_summary": last.summary if last else None,
        "last_successful_tick": _iso(ok.finished_at, tz) if ok else None,
        "daemon_running": bool(daemons),
        "daemon_worker": daemons[0].worker if daemons else None,
    }
