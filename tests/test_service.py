"""End to end through Service: the seed, a real SMTP server and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import random
import time
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request

from pipeline.config import load_config
from pipeline.delivery import retry_delay
from pipeline.report import TickReport
from pipeline.service import Service

from .conftest import MakeProject, SmtpSink, office

TZ = ZoneInfo("Asia/Shanghai")
T_MINUS_7 = dt.datetime(2020, 10, 23, 9, 30, tzinfo=TZ)  # 10-24 is a Saturday: T-7 moves to Friday
SECRET = "s3cret-for-tests"


@pytest.fixture
def wired(
    make_project: MakeProject,
    smtp_sink: SmtpSink,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    monkeypatch.setenv("PIPELINE_TEST_HOOK_SECRET", SECRET)

    def changes(data: dict[str, Any]) -> None:
        data["smtp"].update(host="127.0.0.1", port=smtp_sink.port, timeout=5)
        office(data, "shangdu")["webhooks"] = [
            {
                "kind": "generic",
                "url": httpserver.url_for("/hook"),
                "secret_env": "PIPELINE_TEST_HOOK_SECRET",
            }
        ]

    return make_project(changes)


def _service(config_path: Path) -> Service:
    return Service(load_config(config_path), worker="test-worker", rnd=random.Random(7))


def _hook_requests(httpserver: HTTPServer) -> list[Request]:
    return [req for req, _ in httpserver.log if req.path == "/hook"]


def test_t_minus_7_reaches_the_office_by_email_and_webhook(
    wired: Path, smtp_sink: SmtpSink, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_json({"ok": True})
    service = _service(wired)
    report = service.tick(T_MINUS_7)
    assert report.errors == []
    assert (report.sent, report.failed, report.retried) == (2, 0, 0), report.summary()

    assert len(smtp_sink.messages) == 1
    mail = smtp_sink.messages[0]
    assert mail["To"] == "shangdu@gcq.example.gov.cn"
    assert "zrgh@gcq.example.gov.cn" in mail["Cc"] and "zjj@gcq.example.gov.cn" in mail["Cc"]
    body = mail.get_body(("plain",)).get_content()
    for needle in (
        "六大片区控规调整",
        "2020年10月31日（星期六）",
        "还有8天",
        "力争",
        "商都历史文化区建设指挥部",
    ):
        assert needle in body, needle
    assert "力争10月底前完成六大片区控规调整" in body  # the source sentence
    html = mail.get_body(("html",)).get_content()
    assert "六大片区控规调整" in html
    sent = {r.channel: r.id for r in service.ledger.reminders(states=("sent",))}
    assert (
        mail["Message-ID"] == f"<{sent['email']}@pipeline>"
    )  # deterministic, from the reminder id

    (req,) = _hook_requests(httpserver)
    body_bytes = req.get_data()
    expected = "sha256=" + hmac.new(SECRET.encode(), body_bytes, hashlib.sha256).hexdigest()
    assert req.headers["X-Signature"] == expected
    assert req.headers["Idempotency-Key"] == sent["webhook:generic"]
    payload = json.loads(body_bytes)
    assert "六大片区控规调整" in json.dumps(payload, ensure_ascii=False)

    # The same moment again: nothing more is sent.
    again = _service(wired).tick(T_MINUS_7)
    assert (again.claimed, again.sent) == (0, 0)
    assert len(smtp_sink.messages) == 1 and len(_hook_requests(httpserver)) == 1


def test_done_stops_later_reminders(
    wired: Path, smtp_sink: SmtpSink, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_json({"ok": True})
    service = _service(wired)
    service.tick(T_MINUS_7)
    task = next(t for t in service.ledger.tasks() if "六大片区控规调整" in t.text)
    cancelled = service.ledger.acknowledge(task.id, None, T_MINUS_7)
    assert cancelled > 0
    sent_before = len(smtp_sink.messages)
    # T-3 (10-28) and the deadline day pass: nothing more for this task.
    for day in (28, 30):
        _service(wired).tick(dt.datetime(2020, 10, day, 9, 5, tzinfo=TZ))
    later = [m.get_body(("plain",)).get_content() for m in smtp_sink.messages[sent_before:]]
    assert later, "other tasks are still reminded"
    assert all(task.id not in body for body in later)
    states = {r.state for r in service.ledger.reminders(task_id=task.id)}
    assert "pending" not in states


def test_transient_503_is_retried_then_succeeds(wired: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("busy", status=503)
    httpserver.expect_request("/hook", method="POST").respond_with_json({"ok": True})
    service = _service(wired)
    first = service.tick(T_MINUS_7)
    assert (first.sent, first.retried) == (1, 1)  # email sent, webhook to retry
    (row,) = [r for r in service.ledger.reminders(states=("pending",)) if r.attempts == 1]
    assert row.channel == "webhook:generic" and "503" in (row.last_error or "")
    assert row.next_attempt_at is not None and row.next_attempt_at > T_MINUS_7
    # Not yet due again a second later; due after the backoff.
    assert service.tick(T_MINUS_7 + dt.timedelta(seconds=1)).claimed == 0
    second = service.tick(row.next_attempt_at + dt.timedelta(seconds=1))
    assert (second.sent, second.retried) == (1, 0)
    assert len(_hook_requests(httpserver)) == 2
    keys = {r.headers["Idempotency-Key"] for r in _hook_requests(httpserver)}
    assert len(keys) == 1, "a retry carries the same Idempotency-Key"
    history = service.ledger.attempts(row.id)
    assert [a.status for a in history] == ["retry", "sent"]


def test_permanent_400_is_recorded_as_failed_and_reported(
    wired: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("bad request", status=400)
    service = _service(wired)
    report = service.tick(T_MINUS_7)
    assert (report.sent, report.failed) == (1, 1)
    (failed,) = service.ledger.reminders(states=("failed",))
    assert failed.channel == "webhook:generic" and "400" in (failed.last_error or "")
    # Never retried: later ticks leave it failed.
    service.tick(T_MINUS_7 + dt.timedelta(hours=6))
    assert len(_hook_requests(httpserver)) == 1
    assert [r.id for r in service.ledger.reminders(states=("failed",))] == [failed.id]


def test_gives_up_after_max_attempts(make_project: MakeProject, httpserver: HTTPServer) -> None:
    def changes(data: dict[str, Any]) -> None:
        data["delivery"]["max_attempts"] = 2
        office(data, "shangdu")["webhooks"] = [
            {"kind": "generic", "url": httpserver.url_for("/hook")}
        ]
        office(data, "shangdu")["email"] = []

    config = make_project(changes)
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=503)
    service = _service(config)
    assert service.tick(T_MINUS_7).retried == 1
    (row,) = [r for r in service.ledger.reminders(states=("pending",)) if r.attempts]
    report = service.tick(row.next_attempt_at + dt.timedelta(seconds=1))
    assert report.failed == 1
    (failed,) = service.ledger.reminders(states=("failed",))
    assert "gave up after 2 attempts" in (failed.last_error or "")


def test_outbox_when_no_smtp_host(make_project: MakeProject) -> None:
    config = make_project()
    service = _service(config)
    report = service.tick(T_MINUS_7)
    assert report.sent == 1
    files = list((config.parent / "var" / "outbox").glob("*.eml"))
    assert len(files) == 1
    mail = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert mail["From"] == "管城回族区人民政府督查室 <ducha@gcq.example.gov.cn>"  # smtp.from
    assert mail["Date"].datetime == T_MINUS_7  # the tick's time, so rehearsals read true
    assert mail["To"] == "shangdu@gcq.example.gov.cn"
    assert "六大片区控规调整" in mail.get_body(("plain",)).get_content()


def test_retry_delay_grows_and_respects_retry_after(make_project: MakeProject) -> None:
    cfg = load_config(make_project())
    rnd = random.Random(1)
    delays = [retry_delay(n, cfg, None, rnd) for n in (1, 2, 3, 4)]
    assert all(
        0.8 * 60 * 2 ** (n - 1) <= d <= 1.2 * 60 * 2 ** (n - 1)
        for n, d in zip((1, 2, 3, 4), delays)
    )
    assert retry_delay(1, cfg, 3600, rnd) == 3600
    big = retry_delay(30, cfg, None, rnd)
    assert big <= cfg.delivery.backoff_max_seconds * 1.2


def test_catch_up_window_marks_old_reminders_missed(
    wired: Path, httpserver: HTTPServer, smtp_sink: SmtpSink
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_json({"ok": True})
    service = _service(wired)
    report = service.tick(T_MINUS_7)
    # before-30 (09-30) and before-14 (10-16) of the 10-31 task fell due more than 72 h ago.
    missed = service.ledger.reminders(states=("missed",))
    assert report.missed == len(missed) > 0
    assert {r.kind for r in missed} >= {"before-30", "before-14"}


def _doc_with_tasks(config: Path, texts: list[str], date: str = "2020-10-01") -> None:
    docs = config.parent / "docs"
    body = "".join(f"{t}。" for t in texts)
    (docs / "plan.txt").write_text(f"工作安排\n\n{body}\n", encoding="utf-8")
    (docs / "plan.txt.meta.yaml").write_text(f"date: {date}\n", encoding="utf-8")


def test_each_office_reaches_its_own_webhook(
    make_project: MakeProject, httpserver: HTTPServer
) -> None:
    def changes(data: dict[str, Any]) -> None:
        for oid in ("zjj", "cgj"):
            office(data, oid)["webhooks"] = [
                {"kind": "generic", "url": httpserver.url_for(f"/{oid}")}
            ]
            office(data, oid)["email"] = []

    config = make_project(changes, seed=False)
    _doc_with_tasks(config, ["10月9日前完成老旧小区改造验收", "10月9日前完成背街小巷整治"])
    for oid in ("zjj", "cgj"):
        httpserver.expect_request(f"/{oid}", method="POST").respond_with_json({"ok": True})
    report = _service(config).tick(dt.datetime(2020, 10, 9, 9, 30, tzinfo=TZ))
    assert report.sent == 2, report.summary()
    got = {
        req.path: json.dumps(json.loads(req.get_data()), ensure_ascii=False)
        for req, _ in httpserver.log
    }
    assert "老旧小区改造验收" in got["/zjj"] and "背街小巷" not in got["/zjj"]
    assert "背街小巷整治" in got["/cgj"] and "老旧小区" not in got["/cgj"]


def test_a_robot_digest_too_big_for_one_message_goes_out_in_several(
    make_project: MakeProject, httpserver: HTTPServer
) -> None:
    def changes(data: dict[str, Any]) -> None:
        office(data, "zjj")["webhooks"] = [{"kind": "wecom", "url": httpserver.url_for("/wecom")}]
        office(data, "zjj")["email"] = []

    config = make_project(changes, seed=False)
    long = "统筹推进城镇老旧小区改造、完整社区建设和城市更新行动" * 6
    _doc_with_tasks(config, [f"10月9日前完成第{i}批老旧小区{long}" for i in range(30)])
    httpserver.expect_request("/wecom", method="POST").respond_with_json({"errcode": 0})
    service = _service(config)
    report = service.tick(dt.datetime(2020, 10, 9, 9, 30, tzinfo=TZ))
    posts = [json.loads(req.get_data()) for req, _ in httpserver.log]
    assert len(posts) > 1 and report.messages == len(posts)
    assert all(len(p["markdown"]["content"].encode("utf-8")) <= 4096 for p in posts)
    content = "".join(p["markdown"]["content"] for p in posts)
    assert all(f"第{i}批" in content for i in range(30)), "every task reached the robot"
    now = dt.datetime(2020, 10, 9, 9, 30, tzinfo=TZ)
    assert report.sent == 30 and not service.ledger.reminders(states=("claimed", "failed"))
    assert all(r.fire_at > now for r in service.ledger.reminders(states=("pending",)))
    keys = [req.headers["Idempotency-Key"] for req, _ in httpserver.log]
    assert len(set(keys)) == len(keys)


def test_a_broken_template_is_retried_after_it_is_fixed(make_project: MakeProject) -> None:
    override = make_project().parent / "my_subject.txt.j2"
    override.write_text("{{ no_such_variable }}", encoding="utf-8")

    def changes(data: dict[str, Any]) -> None:
        data["template_overrides"] = {"email_subject.txt.j2": str(override)}

    config = make_project(changes)
    service = _service(config)
    first = service.tick(T_MINUS_7)
    assert (first.sent, first.retried, first.failed) == (0, 1, 0)
    (row,) = [r for r in service.ledger.reminders(states=("pending",)) if r.attempts]
    assert "template" in (row.last_error or "") and "no_such_variable" in (row.last_error or "")
    override.write_text("【提醒】{{ office.name }}", encoding="utf-8")
    second = _service(config).tick(row.next_attempt_at + dt.timedelta(seconds=1))
    assert second.sent == 1


def test_overdue_escalation_reaches_the_supervision_office(
    wired: Path, smtp_sink: SmtpSink, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_json({"ok": True})
    service = _service(wired)
    service.tick(
        dt.datetime(2020, 11, 2, 9, 30, tzinfo=TZ)
    )  # overdue-1 of the 10-31 task (every 2 days)
    to_ducha = [m for m in smtp_sink.messages if m["To"] == "ducha@gcq.example.gov.cn"]
    assert len(to_ducha) == 1 and not to_ducha[0]["Cc"]
    body = to_ducha[0].get_body(("plain",)).get_content()
    assert "六大片区控规调整" in body and "已逾期2天" in body
    assert "责任单位：商都历史文化区建设指挥部" in body  # names the lead office, not the recipient
    to_lead = [m for m in smtp_sink.messages if m["To"] == "shangdu@gcq.example.gov.cn"]
    assert len(to_lead) == 1 and "ducha@" not in (to_lead[0]["Cc"] or "")


def test_a_pass_that_waited_claims_with_a_lease_from_when_it_claims(
    make_project: MakeProject,
) -> None:
    """A pass held up before it claims (e.g. waiting for the planning lock behind another
    replica) counts its lease from the moment it claims, not from the moment its `now`
    stands for: otherwise the lease could run out while it still sends, and another
    replica claim and send the same reminder. What is due is still judged at its `now`."""
    config = make_project(lambda data: data["delivery"].update(lease_seconds=300))
    service = _service(config)
    try:
        for step in (service.reload, service.come_due, service.catch_up):
            step(T_MINUS_7, TickReport())
        waited = dt.timedelta(days=8)
        later = [
            r
            for r in service.ledger.reminders(states=("pending",))
            if T_MINUS_7 < r.fire_at <= T_MINUS_7 + waited
        ]
        assert later  # reminders that fall due while the pass waited: not claimed
        claimed: list[Any] = []
        claim = service.ledger.claim_due

        def spy(*args: Any) -> Any:
            rows = claim(*args)
            claimed.extend(rows)
            return rows

        service.ledger.claim_due = spy  # type: ignore[method-assign]
        report = TickReport(started=time.monotonic() - waited.total_seconds())
        service.deliver_due(T_MINUS_7, report)
        assert report.claimed == report.sent == len(claimed) > 0
        assert all(r.fire_at <= T_MINUS_7 for r in claimed)
        earliest = T_MINUS_7 + waited + dt.timedelta(seconds=300)
        assert all(r.lease_until >= earliest for r in claimed), [r.lease_until for r in claimed]
    finally:
        service.close()
