"""What a message says: the notice of each claimed reminder (task, document, offices,
acknowledgement) and the message rendered for an office and channel. Pure: ``now`` and the
signing key are given; office names and addresses are looked up once per pass's composer,
not per reminder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pipeline import ack
from pipeline.config import Config, Webhook
from pipeline.desk.links import Links
from pipeline.ledger.base import ReminderRow
from pipeline.models import Message, Notice, Task
from pipeline.render import Renderer


def office_contacts(config: Config, office_ids: Iterable[str]) -> tuple[str, ...]:
    """ "name：email, …" per office, for a supervisor who has to chase it."""
    out = []
    for oid in office_ids:
        try:
            o = config.office(oid)
        except KeyError:
            continue
        out.append(f"{o.name}：{'、'.join(o.email) if o.email else '（未配置邮箱）'}")
    return tuple(out)


class Composer:
    """Notices and messages for one configuration."""

    def __init__(
        self, config: Config, renderer: Renderer, ack_key: str | None, links: Links | None
    ) -> None:
        self.config, self.renderer = config, renderer
        self._ack_key, self._links = ack_key, links
        self._names = {o.id: o.name for o in config.offices}
        self._hooks: dict[tuple[str, str], Webhook | None] = {}

    def hook(self, office_id: str, channel: str) -> Webhook | None:
        """The webhook a ``webhook:<name>`` channel of an office posts to."""
        key = (office_id, channel)
        if key not in self._hooks:
            self._hooks[key] = dict(self.config.office(office_id).channel_names()).get(channel)
        return self._hooks[key]

    def notice(
        self, row: ReminderRow, tasks: dict[str, Task], titles: dict[str, str], now: dt.datetime
    ) -> Notice:
        task = tasks[row.task_id]
        names = self._names
        # The responsible office as the task names it (for an escalation to the supervision
        # office that is the lead office, not the recipient), and the offices assisting it.
        leads = task.lead if row.office not in task.lead else (row.office,)
        # The supervision office's escalation copy: worded for the one who chases the lead.
        supervisor = (
            row.kind.startswith("overdue")
            and row.office == self.config.fallback_office
            and row.office not in task.lead
        )
        return Notice(
            reminder=row.reminder,
            task=task,
            document_title=titles.get(task.document, task.document),
            office_name="、".join(names.get(o, o) for o in leads),
            cc_names=tuple(names.get(o, o) for o in task.assist),
            ack_hint=ack.hint(
                self.config, task.id, row.office, row.fire_at, self._ack_key, supervisor=supervisor
            ),
            links=ack.message_links(
                self._links, task.id, row.office, row.id, now, supervisor=supervisor
            ),
            supervisor=supervisor,
            contacts=office_contacts(self.config, leads) if supervisor else (),
        )

    def render(
        self, office_id: str, channel: str, notices: list[Notice], now: dt.datetime
    ) -> Message:
        office = self.config.office(office_id)
        if channel.startswith("webhook:"):
            hook = self.hook(office_id, channel)
            assert hook is not None
            return self.renderer.render_webhook(hook.kind, office, notices, now, channel=channel)
        cc_ids = {o for n in notices for o in n.reminder.cc}
        cc = tuple(
            a
            for oid in sorted(cc_ids & self._names.keys())
            for a in self.config.office(oid).email
            if a not in office.email
        )
        return self.renderer.render_email(office, notices, now, to=office.email, cc=cc)
