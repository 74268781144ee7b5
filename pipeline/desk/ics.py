"""iCalendar feeds: one all-day event per dated task of an office, with alarms (pure).

Alarms sit at the office's reminder offsets (``days_before`` at ``send_at``), so a calendar
rings when a reminder would go out. Made with the icalendar library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

import icalendar

from pipeline.config import Config
from pipeline.models import Task

PRODID = "-//pipeline//supervision desk//ZH"


def _alarm(days: int, send_time: dt.time, text: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    # Relative to the event's start (00:00 of the deadline day): N days before, at send_at.
    alarm.add("trigger", dt.timedelta(days=-days, hours=send_time.hour, minutes=send_time.minute))
    return alarm


def office_calendar(
    config: Config,
    office_id: str,
    tasks: Iterable[Task],
    *,
    now: dt.datetime,
    done: AbstractSet[str] = frozenset(),
    acked: AbstractSet[tuple[str, str]] = frozenset(),
    titles: Mapping[str, str] | None = None,
    task_url: str | None = None,
) -> bytes:
    """The .ics bytes of an office's tasks (lead or assisting); ``task_url`` is a format
    string with ``{id}`` for the desk's task page."""
    office = config.office(office_id)
    policy = config.policy_for(office_id)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{office.name} 工作时限")
    cal.add("x-wr-timezone", config.timezone)
    stamp = now.astimezone(dt.UTC)
    for task in tasks:
        if task.due is None or "past" in task.flags or office_id not in task.offices:
            continue
        finished = task.id in done or (task.id, office_id) in acked
        role = "牵头" if office_id in task.lead else "配合"
        event = icalendar.Event()
        event.add("uid", f"{task.id}@pipeline")
        event.add("dtstamp", stamp)
        event.add("dtstart", task.due)
        event.add("dtend", task.due + dt.timedelta(days=1))
        event.add("summary", f"{'【已办结】' if finished else '【时限】'}{task.text}")
        doc = (titles or {}).get(task.document, task.document)
        lines = [f"{role}：{office.name}", f"文件：{doc}"]
        if task.section:
            lines.append(f"章节：{task.section}")
        lines.append(f"原文：{task.sentence or task.text}")
        if task.strength:
            lines.append(f"时限要求：{task.strength}")
        event.add("description", "\n".join(lines))
        event.add("categories", ["督查时限"])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CANCELLED" if finished else "CONFIRMED")
        if task_url:
            event.add("url", task_url.format(id=task.id))
        if not finished:
            for days in policy.days_before:
                event.add_component(
                    _alarm(
                        days,
                        policy.send_time,
                        f"{task.text}（还有{days}天）" if days else f"{task.text}（今天到期）",
                    )
                )
        cal.add_component(event)
    return bytes(cal.to_ical())
