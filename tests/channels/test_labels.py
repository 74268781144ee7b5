"""Issue 10 item 5: a reminder's label states what is true when it is sent."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.config import Office
from pipeline.render import Renderer

from .conftest import TZ, MakeNotice

DUE = dt.date(2020, 10, 31)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 30), TZ)


@pytest.mark.parametrize(
    ("kind", "sent_on", "label", "wrong"),
    [
        (
            "before-7",
            DUE - dt.timedelta(days=8),
            "【提前8天提醒】",
            "【提前7天提醒】",
        ),  # moved before a weekend
        (
            "before-0",
            DUE + dt.timedelta(days=2),
            "【逾期督办】",
            "【到期当日提醒】",
        ),  # a late catch-up
        ("before-3", DUE - dt.timedelta(days=3), "【提前3天提醒】", "【逾期督办】"),  # on time
        ("before-0", DUE, "【到期当日提醒】", "【逾期督办】"),
    ],
)
def test_label_matches_the_days_left_when_sent(
    renderer: Renderer,
    office: Office,
    make_notice: MakeNotice,
    kind: str,
    sent_on: dt.date,
    label: str,
    wrong: str,
) -> None:
    notice = make_notice(kind=kind, due=DUE)
    mail = renderer.render_email(office, [notice], _at(sent_on), to=office.email, cc=())
    hook = renderer.render_webhook("dingtalk", office, [notice], _at(sent_on), channel="webhook:x")
    for text in (mail.text, str(hook.payload)):
        assert label in text
        assert wrong not in text
