"""Plan reminders: pure, from routed tasks, config and a working-day calendar.

Each lead office of a dated task gets, on each of its channels, one reminder per
``days_before`` (``before-30`` … ``before-0``, the deadline day itself) and then
``overdue-1`` … ``overdue-N`` every ``overdue_every_days`` after the deadline; each overdue
reminder also goes to the fallback (supervision) office on its own channels (its message
names the lead office; nobody is copied, so the lead office is not told twice). Assisting offices are copied on every reminder. With ``workdays_only``, a reminder before the deadline moves to the previous
working day and an overdue one to the next. Reminders before the day the task became
known (its document's date) are not planned: an office is not reminded of the past. Nor
is a task whose explicit date was already past when its document was written (flag
``past``): it is listed by ``parse`` and ``status`` for a person to judge, never escalated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet

from pipeline.config import Config, ReminderPolicy
from pipeline.models import Reminder, Task
from pipeline.workcal import WorkCalendar

OUTBOX_CHANNEL = "outbox"  # offices with neither email nor webhooks


def reminder_id(task_id: str, office: str, channel: str, kind: str, due: dt.date) -> str:
    """Stable id: planning again never duplicates a reminder. The deadline is part of it: a
    postponed deadline is reminded again from the start (its T-7 is a new message, not the
    old T-7 a receiver would drop as a repeat), and the old pending reminders are cancelled."""
    raw = "|".join((task_id, office, channel, kind, due.isoformat()))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


# One planned moment before the channels: (office, kind, fire_at, due, cc).
Moment = tuple[str, str, dt.datetime, dt.date, tuple[str, ...]]
KEPT_SCHEDULES = 20_000  # schedules remembered by one Offices (see `schedule`)


class Offices:
    """Per office, computed once per plan: policy, channels, and fire dates by deadline
    (a million reminders share a few hundred deadlines and twenty offices); and each task's
    schedule by what it depends on, so tasks sharing a deadline and owners share one."""

    def __init__(self, config: Config, cal: WorkCalendar) -> None:
        self.config, self.cal = config, cal
        self._policy: dict[str, ReminderPolicy] = {}
        self._channels: dict[str, list[str]] = {}
        self._dates: dict[tuple[str, dt.date], list[tuple[str, dt.date, dt.datetime]]] = {}
        self.schedules: dict[tuple[object, ...], list[Moment]] = {}
        self.steps: dict[tuple[object, ...], list[list[Moment]]] = {}

    def policy(self, office_id: str) -> ReminderPolicy:
        if office_id not in self._policy:
            self._policy[office_id] = self.config.policy_for(office_id)
        return self._policy[office_id]

    def channels(self, office_id: str) -> list[str]:
        if office_id not in self._channels:
            names = [n for n, _ in self.config.office(office_id).channel_names()]
            self._channels[office_id] = names or [OUTBOX_CHANNEL]
        return self._channels[office_id]

    def fire_dates(self, office_id: str, due: dt.date) -> list[tuple[str, dt.date, dt.datetime]]:
        """(kind, day, moment) of an office's reminders of one deadline, computed once."""
        key = (office_id, due)
        if key not in self._dates:
            policy = self.policy(office_id)
            at, tz = policy.send_time, self.config.tz
            self._dates[key] = [
                (kind, day, dt.datetime.combine(day, at, tzinfo=tz))
                for kind, day in fire_dates(due, policy, self.cal)
            ]
        return self._dates[key]


def fire_dates(
    due: dt.date, policy: ReminderPolicy, cal: WorkCalendar
) -> list[tuple[str, dt.date]]:
    """(kind, day) pairs of one task's reminders under one policy, in time order."""
    out: list[tuple[str, dt.date]] = []
    for days in policy.days_before:  # sorted, largest first
        day = due - dt.timedelta(days=days)
        if policy.workdays_only:
            day = cal.previous_workday(day)
        out.append((f"before-{days}", day))
    for n in range(1, policy.overdue_max + 1):
        day = due + dt.timedelta(days=n * policy.overdue_every_days)
        if policy.workdays_only:
            day = cal.next_workday(day)
        out.append((f"overdue-{n}", day))
    # Two kinds shifted onto one working day: keep the later-in-sequence one only.
    by_day: dict[dt.date, tuple[str, dt.date]] = {}
    for kind, day in out:
        by_day[day] = (kind, day)
    return sorted(by_day.values(), key=lambda kd: kd[1])


def _schedule_key(task: Task, known_since: dt.date, acked: AbstractSet[str]) -> tuple[object, ...]:
    """Everything a task's schedule depends on besides the config."""
    past = "past" in task.flags
    return (task.due, task.lead, task.assist, past, known_since, tuple(sorted(acked)))


def schedule(
    task: Task,
    config: Config,
    cal: WorkCalendar,
    *,
    known_since: dt.date,
    acked: AbstractSet[str] = frozenset(),
    offices: Offices | None = None,
) -> list[Moment]:
    """The moments of one task's reminders, one per office and kind, before the channels;
    ``acked``: the offices that acknowledged it. Shared by tasks with the same deadline,
    owners and answers: never change the list."""
    offices = offices or Offices(config, cal)
    key = _schedule_key(task, known_since, acked)
    found = offices.schedules.get(key)
    if found is None:
        if len(offices.schedules) >= KEPT_SCHEDULES:
            offices.schedules.clear()
            offices.steps.clear()
        found = offices.schedules[key] = _schedule(task, config, known_since, acked, offices)
    return found


def _schedule(
    task: Task, config: Config, known_since: dt.date, acked: AbstractSet[str], offices: Offices
) -> list[Moment]:
    if "past" in task.flags:
        return []
    undated = task.due is None
    if task.due is not None:
        due = task.due
    elif config.undated_horizon_days is not None:
        due = known_since + dt.timedelta(days=config.undated_horizon_days)
    else:
        return []
    out: list[Moment] = []
    escalations: dict[str, dt.datetime] = {}  # overdue kind -> when the supervision office hears
    for office_id in task.lead:
        if office_id in acked:
            continue
        if undated:
            at = dt.datetime.combine(due, offices.policy(office_id).send_time, tzinfo=config.tz)
            moments = [("undated", due, at)]
        else:
            moments = offices.fire_dates(office_id, due)
        cc = tuple(o for o in task.assist if o != office_id)
        for kind, day, fire_at in moments:
            if day < known_since:
                continue
            out.append((office_id, kind, fire_at, due, cc))
            if kind.startswith("overdue"):
                escalations.setdefault(kind, fire_at)
    # Overdue escalation reaches the supervision office on its own channels (an email copy
    # would miss offices with robots alone), once per task.
    fallback = config.fallback_office
    if fallback not in task.lead and fallback not in acked:
        out.extend((fallback, kind, fire_at, due, ()) for kind, fire_at in escalations.items())
    return out


def plan_task(
    task: Task,
    config: Config,
    cal: WorkCalendar,
    *,
    known_since: dt.date,
    acked: AbstractSet[str] = frozenset(),
    offices: Offices | None = None,
) -> list[Reminder]:
    """All reminders of one task; ``acked``: the offices that acknowledged it."""
    offices = offices or Offices(config, cal)
    moments = schedule(task, config, cal, known_since=known_since, acked=acked, offices=offices)
    return _on_channels(task.id, offices, moments)


def _on_channels(task_id: str, offices: Offices, moments: list[Moment]) -> list[Reminder]:
    return [
        Reminder(
            id=reminder_id(task_id, office_id, channel, kind, due),
            task_id=task_id,
            office=office_id,
            channel=channel,
            kind=kind,
            fire_at=fire_at,
            due=due,
            cc=cc,
        )
        for office_id, kind, fire_at, due, cc in moments
        for channel in offices.channels(office_id)
    ]


def _schedules(
    tasks: Iterable[Task],
    config: Config,
    offices: Offices,
    known_since: Mapping[str, dt.date],
    acked: Iterable[tuple[str, str]],
    done: Iterable[str],
) -> Iterator[tuple[Task, tuple[object, ...], list[Moment]]]:
    """(task, its schedule's key, its schedule) of every task not done."""
    by_task: dict[str, set[str]] = defaultdict(set)
    for task_id, office in acked:
        by_task[task_id].add(office)
    done_ids = set(done)
    for task in tasks:
        if task.id in done_ids:
            continue
        since = known_since.get(task.document) or task.due or dt.date.min
        acked_by = by_task.get(task.id, set())
        moments = schedule(
            task, config, offices.cal, known_since=since, acked=acked_by, offices=offices
        )
        yield task, _schedule_key(task, since, acked_by), moments


def plan(
    tasks: Iterable[Task],
    config: Config,
    cal: WorkCalendar,
    *,
    known_since: Mapping[str, dt.date],
    acked: Iterable[tuple[str, str]] = (),
    done: Iterable[str] = (),
    until: dt.datetime | None = None,
    deferred: dict[str, dt.datetime] | None = None,
) -> list[Reminder]:
    """Reminders of every task not done, ordered by time.

    ``known_since`` maps a document key to the day its tasks became known. With ``until``, a
    task whose first reminder fires after it is left out whole, and ``deferred`` (when given)
    maps its id to that first moment: the ledger stores a task's reminders once the first is
    near (``delivery.store_ahead_days``).
    """
    offices = Offices(config, cal)
    out: list[Reminder] = []
    for task, _, moments in _schedules(tasks, config, offices, known_since, acked, done):
        if until is not None and moments:
            first = min(m[2] for m in moments)
            if first > until:
                if deferred is not None:
                    deferred[task.id] = first
                continue
        out.extend(_on_channels(task.id, offices, moments))
    out.sort(key=lambda r: (r.fire_at, r.office, r.task_id, r.channel))
    return out


def ordered(
    tasks: Iterable[Task],
    config: Config,
    cal: WorkCalendar,
    *,
    known_since: Mapping[str, dt.date],
    acked: Iterable[tuple[str, str]] = (),
    done: Iterable[str] = (),
    offices: Offices | None = None,
) -> Iterator[tuple[Task, Iterator[Reminder]]]:
    """`plan`, a task at a time and lazily: each task not done with an iterator of its
    reminders in (fire_at, id) order, made one send moment at a time (`plan --limit 0` merges
    tens of thousands of these, sharing one deadline, without holding their reminders;
    pass one ``offices`` to calls for batches of one plan so their tasks share schedules)."""
    offices = offices or Offices(config, cal)
    for task, key, moments in _schedules(tasks, config, offices, known_since, acked, done):
        if (steps := offices.steps.get(key)) is None:
            by_time = sorted(moments, key=lambda m: m[2])
            steps = [list(g) for _, g in itertools.groupby(by_time, key=lambda m: m[2])]
            offices.steps[key] = steps
        yield task, Walk(task.id, offices, steps)


class Walk:
    """One task's reminders in (fire_at, id) order, made one send moment at a time. Small
    (`plan --limit 0` holds one for each of tens of thousands of waiting tasks): the task's
    id, its shared schedule in steps, and what is left of the current step."""

    __slots__ = ("task_id", "offices", "steps", "step", "left")

    def __init__(self, task_id: str, offices: Offices, steps: list[list[Moment]]) -> None:
        self.task_id, self.offices, self.steps = task_id, offices, steps
        self.step = 0
        self.left: list[Reminder] = []  # the current step's reminders, the next one last

    def __iter__(self) -> Walk:
        return self

    def __next__(self) -> Reminder:
        while not self.left:
            if self.step >= len(self.steps):
                raise StopIteration
            moments = self.steps[self.step]
            self.step += 1
            made = _on_channels(self.task_id, self.offices, moments)
            self.left = sorted(made, key=lambda r: r.id, reverse=True)
        return self.left.pop()
