"""A pass shares its channels: one SMTP connection for every office's email, one HTTP
client (connection pool) for every office's robot, and outcomes recorded in batches."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from pipeline import delivery
from pipeline.config import load_config
from pipeline.service import Service

from .conftest import CountingHandler, MakeProject, SmtpSink
from .faults.conftest import NOW, one_reminder_per_task, write_document

OFFICES = ["区住建局", "区城管局", "区发改委", "区卫健委"]


def _document(config: Path) -> None:
    lines = [f"3月10日前，{name}完成第{i}号片区道路整修工作。" for i, name in enumerate(OFFICES)]
    write_document(config.parent / "docs", "plan.txt", lines)


def test_one_smtp_connection_serves_every_office(
    make_project: MakeProject, smtp_sink: SmtpSink
) -> None:
    def changes(data: dict[str, Any]) -> None:
        one_reminder_per_task(data)
        data["smtp"].update(host="127.0.0.1", port=smtp_sink.port, timeout=5)

    config = make_project(changes, seed=False)
    _document(config)
    service = Service(load_config(config), worker="t", rnd=random.Random(1))
    try:
        report = service.tick(NOW)
    finally:
        service.close()
    assert report.sent == len(OFFICES) and report.messages == len(OFFICES)
    assert len({m["To"] for m in smtp_sink.messages}) == len(OFFICES)
    assert len(smtp_sink.peers) == 1, "one connection for all offices"


@pytest.mark.parametrize("concurrency", [1, 3])
def test_every_robot_posts_through_one_client(
    make_project: MakeProject,
    counting_server: tuple[str, type[CountingHandler]],
    concurrency: int,
) -> None:
    url, handler = counting_server

    def changes(data: dict[str, Any]) -> None:
        one_reminder_per_task(data)
        data["delivery"]["concurrency"] = concurrency
        for o in data["offices"]:
            o["email"] = []
            o["webhooks"] = [{"kind": "generic", "url": url}]

    config = make_project(changes, seed=False)
    _document(config)
    service = Service(load_config(config), worker="t", rnd=random.Random(1))
    try:
        first = service.tick(NOW)
        assert first.sent == len(OFFICES) and handler.requests == len(OFFICES)
        # The offices' robots share the client's keep-alive connections: one when messages
        # go one at a time, at most one per message on the wire at once.
        assert 1 <= handler.connections <= concurrency
    finally:
        service.close()


def test_outcomes_are_recorded_in_batches_and_all_of_them(
    make_project: MakeProject, smtp_sink: SmtpSink, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "RECORD_SECONDS", 3600.0)  # batches by count only here

    def changes(data: dict[str, Any]) -> None:
        one_reminder_per_task(data)
        data["smtp"].update(host="127.0.0.1", port=smtp_sink.port, timeout=5)
        data["delivery"].update(digest=False, record_batch=3)

    config = make_project(changes, seed=False)
    lines = [f"3月10日前，区住建局完成第{i}号片区道路整修工作。" for i in range(7)]
    write_document(config.parent / "docs", "plan.txt", lines)
    service = Service(load_config(config), worker="t", rnd=random.Random(1))
    transactions: list[int] = []
    real = service.ledger.record_many

    def spy(items: Any, worker: str, now: Any) -> list[bool]:
        transactions.append(len(items))
        return real(items, worker, now)

    service.ledger.record_many = spy  # type: ignore[method-assign]
    try:
        report = service.tick(NOW)
        states = {r.state for r in service.ledger.reminders()}
    finally:
        service.close()
    assert report.sent == 7 and len(smtp_sink.messages) == 7
    assert transactions == [3, 3, 1], "three per transaction, the rest at the end of the pass"
    assert states == {"sent"}


def test_a_template_edited_between_passes_is_used_by_the_next_one(
    make_project: MakeProject, smtp_sink: SmtpSink
) -> None:
    # Templates are not re-checked on every render, only once a pass: an edit made while the
    # daemon runs still takes effect on its next pass, without a restart.
    def changes(data: dict[str, Any]) -> None:
        one_reminder_per_task(data)
        data["smtp"].update(host="127.0.0.1", port=smtp_sink.port, timeout=5)
        data["templates"] = "my_templates"

    config = make_project(changes, seed=False)
    subject = config.parent / "my_templates" / "email_subject.txt.j2"
    subject.parent.mkdir()
    subject.write_text("第一版：{{ office.name }}", encoding="utf-8")
    write_document(
        config.parent / "docs",
        "plan.txt",
        [
            "3月10日前，区住建局完成第1号片区道路整修工作。",
            "3月11日前，区住建局完成第2号片区道路整修工作。",
        ],
    )
    service = Service(load_config(config), worker="t", rnd=random.Random(1))
    try:
        assert service.tick(NOW).sent == 1
        subject.write_text("第二版：{{ office.name }}", encoding="utf-8")
        assert service.tick(NOW + dt.timedelta(days=1)).sent == 1
    finally:
        service.close()
    subjects = [str(m["Subject"]) for m in smtp_sink.messages]
    assert subjects[0].startswith("第一版") and subjects[1].startswith("第二版"), subjects
