"""Acknowledgement: how an office answers a reminder.

With ``ack.secret_env`` set, every message carries signed, expiring links to the desk
(``web.public_url``), one per action — 办结 / 报告进度 / 申请延期 for the office it is
addressed to, 督办处理 for the supervision office's escalation copy (see
``pipeline.desk.links``). Without a key, offices reply to the supervision office, which
runs ``pipeline done TASK_ID``.
"""

from __future__ import annotations

import datetime as dt
import os

from pipeline.config import Config
from pipeline.desk.links import ACTION_NAMES, LinkError, Links

AckError = LinkError  # the old name, kept for callers

OFFICE_ACTIONS = ("done", "progress", "extend")
SUPERVISOR_ACTIONS = ("supervise",)


def secret(config: Config) -> str | None:
    env = config.ack.secret_env
    return os.environ.get(env) if env else None


def links(config: Config, key: str | None) -> Links | None:
    """The link maker, or None when no signing key is configured."""
    if not key:
        return None
    return Links(key, config.web.public_url, config.ack.ttl_days)


def message_links(
    maker: Links | None,
    task_id: str,
    office: str,
    reminder_id: str,
    sent_at: dt.datetime,
    *,
    supervisor: bool = False,
) -> tuple[tuple[str, str], ...]:
    """(label, url) pairs a message carries for one task and its recipient."""
    if maker is None:
        return ()
    actions = SUPERVISOR_ACTIONS if supervisor else OFFICE_ACTIONS
    return tuple(
        (ACTION_NAMES[a], maker.url(maker.token(task_id, office, a, reminder_id, sent_at)))
        for a in actions
    )


def hint(
    config: Config,
    task_id: str,
    office: str,
    sent_at: dt.datetime,
    key: str | None,
    *,
    supervisor: bool = False,
) -> str:
    """The acknowledgement line a message carries (the links themselves come separately)."""
    if key:
        days = config.ack.ttl_days
        if supervisor:
            return f"登记办结或记录督办意见请点击下方链接（{days}天内有效，限用一次）。"
        return f"办结、报告进度或申请延期请点击下方链接（{days}天内有效，每个链接限用一次）。"
    if supervisor:
        return f"责任单位办结后，请执行 pipeline done {task_id} 登记办结。"
    return f"办结后请回复本通知告知督查室，督查室将登记办结（任务编号 {task_id}）。"
