"""Answer links and the supervisor's wording in every message format."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from pipeline.config import Office
from pipeline.render import Renderer

from .conftest import NOW, MakeNotice

LINKS = (
    ("办结", "https://desk.example/a/T1"),
    ("报告进度", "https://desk.example/a/T2"),
    ("申请延期", "https://desk.example/a/T3"),
)
SUPERVISE = (("督办处理", "https://desk.example/a/S1"),)
DUCHA = Office(id="ducha", name="区政府督查室", email=("ducha@example.cn",))


@pytest.mark.parametrize("kind", ["email", "generic", "dingtalk", "wecom", "feishu"])
def test_every_format_carries_the_links(
    kind: str, renderer: Renderer, office: Office, make_notice: MakeNotice
) -> None:
    notice = dataclasses.replace(make_notice(), links=LINKS)
    if kind == "email":
        msg = renderer.render_email(office, [notice], NOW, to=office.email)
        bodies = [msg.text, msg.html]
    else:
        msg = renderer.render_webhook(kind, office, [notice], NOW, channel=f"webhook:{kind}")
        bodies = [json.dumps(msg.payload, ensure_ascii=False)]
    for body in bodies:
        for label, url in LINKS:
            assert url in body and label in body, (kind, label)


@pytest.mark.parametrize("kind", ["email", "generic", "dingtalk", "wecom", "feishu"])
def test_the_escalation_copy_is_worded_for_the_supervisor(
    kind: str, renderer: Renderer, make_notice: MakeNotice
) -> None:
    base = make_notice(due=dt.date(2020, 10, 21), kind="overdue-1")
    notice = dataclasses.replace(
        base,
        links=SUPERVISE,
        supervisor=True,
        contacts=("市发展改革委：fgw@example.cn",),
        reminder=dataclasses.replace(base.reminder, office="ducha"),
    )
    if kind == "email":
        msg = renderer.render_email(DUCHA, [notice], NOW, to=DUCHA.email)
        body = msg.text
        assert msg.subject.startswith("【逾期督办】市发展改革委：")
        assert "自2020年10月22日（星期四）起逾期" in msg.html and "fgw@example.cn" in msg.html
    else:
        msg = renderer.render_webhook(kind, DUCHA, [notice], NOW, channel=f"webhook:{kind}")
        body = json.dumps(msg.payload, ensure_ascii=False)
    assert "https://desk.example/a/S1" in body
    assert "fgw@example.cn" in body
    assert "向督查室反馈" not in body and "请抓紧办理并反馈" not in body
    if kind != "generic":
        assert "自2020年10月22日" in body  # since when
