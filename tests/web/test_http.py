"""The desk over plain HTTP against a real `pipeline serve` (and `pipeline run` with the
desk enabled): health, metrics, access control, CSRF, calendars, signals."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import httpx
import icalendar
import pytest
from prometheus_client.parser import text_string_to_metric_families

from pipeline.templates import SHIPPED

from ..conftest import SEED
from .conftest import ENV, PASSWORD, DeskProject, MakeDesk, eml_links

TOKEN = ENV["PIPELINE_TEST_WEB_TOKEN"]


def _signed_in(desk: DeskProject) -> tuple[httpx.Client, str]:
    """A client with a session, and the session's CSRF token."""
    client = httpx.Client(base_url=desk.url, timeout=10)
    page = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    r = client.post("/login", data={"csrf": csrf, "password": PASSWORD, "next": "/"})
    assert r.status_code == 303 and r.headers["location"] == "/"
    board = client.get("/").text
    return client, re.search(r'name="csrf" value="([^"]+)"', board).group(1)  # type: ignore[union-attr]


def test_health_metrics_and_access(make_desk: MakeDesk) -> None:
    desk = make_desk()
    desk.tick("2020-11-03T09:30")
    proc = desk.start_process(now="2020-11-03T10:00")

    health = httpx.get(f"{desk.url}/healthz")
    assert health.status_code == 200
    data = health.json()
    assert data["store"] == "reachable" and data["last_tick"].startswith("2020-11-03T09:30")
    assert data["daemon_alive"] is False  # only a cron tick ran

    assert httpx.get(f"{desk.url}/").status_code == 303  # to sign-in
    assert httpx.get(f"{desk.url}/").headers["location"].startswith("/login")
    assert httpx.get(f"{desk.url}/metrics").status_code == 401
    assert (
        httpx.get(f"{desk.url}/metrics", headers={"Authorization": "Bearer wrong"}).status_code
        == 401
    )
    metrics = httpx.get(f"{desk.url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert metrics.status_code == 200
    families = {f.name: f for f in text_string_to_metric_families(metrics.text)}
    sent = {
        s.labels["channel"]: s.value
        for s in families["pipeline_reminders_sent"].samples
        if s.name.endswith("_total")
    }
    with desk.ledger() as ledger:
        expected_sent = len(ledger.reminders(states=("sent",)))
        missed = len(ledger.reminders(states=("missed",)))
        stored = len(ledger.tasks())
        deferred = ledger.count_deferred()
    assert families["pipeline_tasks_deferred"].samples[0].value == deferred
    assert sent == {"email": expected_sent} and expected_sent == 2  # the lead office and ducha
    states = {
        (s.labels["state"], s.labels["channel"]): s.value
        for s in families["pipeline_reminders"].samples
    }
    assert states[("missed", "email")] == missed > 0
    lights = {s.labels["light"]: s.value for s in families["pipeline_tasks"].samples}
    assert lights["red"] == 1 and lights["grey"] == 0 and sum(lights.values()) == stored > 10
    (last,) = families["pipeline_last_tick_timestamp_seconds"].samples
    took = families["pipeline_tick_duration_seconds"].samples[0].value
    assert 0 < took < 60
    assert last.value == pytest.approx(
        dt.datetime(2020, 11, 3, 1, 30, tzinfo=dt.UTC).timestamp() + took, abs=1e-3
    )
    assert families["pipeline_daemon_alive"].samples[0].value == 0

    # SIGTERM stops the server cleanly.
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0


def test_operator_forms_need_a_csrf_token_and_sign_in(make_desk: MakeDesk) -> None:
    desk = make_desk()
    desk.tick("2020-10-23T09:30")
    with desk.ledger() as ledger:
        task = next(t for t in ledger.tasks() if "六大片区控规调整" in t.text)
    desk.start(now="2020-10-23T10:00")
    form = {"due": "2020-12-15", "reason": "统筹调整"}
    anonymous = httpx.post(f"{desk.url}/task/{task.id}/extend", data=form)
    assert anonymous.status_code == 303 and "/login" in anonymous.headers["location"]
    client, csrf = _signed_in(desk)
    try:
        refused = client.post(f"/task/{task.id}/extend", data=form)  # no CSRF token
        assert refused.status_code == 403 and "CSRF" in refused.text
        wrong = client.post(f"/task/{task.id}/extend", data={**form, "csrf": csrf + "x"})
        assert wrong.status_code == 403
        with desk.ledger() as ledger:
            assert ledger.extensions() == []
        past = client.post(
            f"/task/{task.id}/extend",
            data={**form, "due": "2020-10-01", "csrf": csrf},
            follow_redirects=True,
        )
        assert "新的完成日期不能早于今天" in past.text
        ok = client.post(
            f"/task/{task.id}/extend", data={**form, "csrf": csrf}, follow_redirects=True
        )
        assert "已将完成时限调整为2020-12-15" in ok.text
    finally:
        client.close()
    with desk.ledger() as ledger:
        assert ledger.task(task.id).due == dt.date(2020, 12, 15)
        (ext,) = ledger.extensions(task_id=task.id)
        assert (ext.state, ext.reason, ext.old_due) == (
            "approved",
            "统筹调整",
            dt.date(2020, 10, 31),
        )


def test_calendar_feed_needs_its_token_and_round_trips(make_desk: MakeDesk) -> None:
    desk = make_desk()
    desk.tick("2020-10-23T09:30")
    desk.start(now="2020-10-23T10:00")
    client, _ = _signed_in(desk)
    try:
        office_page = client.get("/office/shangdu").text
    finally:
        client.close()
    url = re.search(
        r'value="(http://[^"]+/calendar/shangdu\.ics\?token=[^"]+)"', office_page
    ).group(1)  # type: ignore[union-attr]
    feed = httpx.get(url.replace("&amp;", "&"))
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(feed.content)
    with desk.ledger() as ledger:
        tasks = {t.id: t for t in ledger.tasks() if "shangdu" in t.offices and t.due}
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert set(events) == set(tasks)
    assert all(e.decoded("dtstart") == tasks[i].due for i, e in events.items())
    assert httpx.get(f"{desk.url}/calendar/shangdu.ics").status_code == 403
    token = url.split("token=")[1]
    assert (
        httpx.get(f"{desk.url}/calendar/zrgh.ics?token={token}").status_code == 403
    )  # another office
    assert httpx.get(f"{desk.url}/calendar/shangdu.ics?token={token[:-2]}xx").status_code == 403


def test_run_serves_the_desk_with_the_daemon_when_enabled(make_desk: MakeDesk) -> None:
    def enable(data: dict[str, Any]) -> None:
        data["web"]["enabled"] = True
        data["daemon"] = {"tick_seconds": 1, "reload_seconds": 60}

    desk = make_desk(enable)
    proc = desk.start_process("run")
    deadline = time.monotonic() + 30
    health: dict[str, Any] = {}
    while time.monotonic() < deadline:
        health = httpx.get(f"{desk.url}/healthz").json()
        if health["daemon_alive"]:
            break
        time.sleep(0.3)
    assert health["daemon_alive"] is True and health["last_tick_ok"] is True
    with desk.ledger() as ledger:
        assert any(t.source == "daemon" for t in ledger.ticks())
        assert len(ledger.tasks()) == _seed_task_count()  # the daemon ingested the seed
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0


def test_serve_refuses_without_a_session_key_or_a_way_to_sign_in(make_desk: MakeDesk) -> None:
    def no_key(data: dict[str, Any]) -> None:
        data["web"]["secret_env"] = "PIPELINE_TEST_UNSET_KEY"
        data["web"]["enabled"] = True

    desk = make_desk(no_key)
    r = desk.cli("serve", timeout=30)
    assert r.returncode == 2 and "web.secret_env" in r.stderr and "Traceback" not in r.stderr
    check = desk.cli("check", timeout=60)  # `check` says so before `run` would fail
    assert check.returncode == 2 and "web.secret_env: environment variable" in check.stderr

    def nobody(data: dict[str, Any]) -> None:
        data["web"]["password_hash"] = None
        data["web"]["token_env"] = None

    r = make_desk(nobody).cli("serve", timeout=30)
    assert r.returncode == 2 and "nobody could sign in" in r.stderr


def test_link_pages_validate_and_expire(make_desk: MakeDesk) -> None:
    desk = make_desk()
    desk.tick("2020-10-23T09:30")
    (eml,) = desk.outbox.glob("*.eml")
    links = eml_links(eml)
    desk.start(now="2020-10-23T10:00")
    extend_url, progress_url = links["申请延期"][0], links["报告进度"][0]
    bad = httpx.post(extend_url, data={"due": "2020-10-30", "reason": "来不及"})
    assert bad.status_code == 400 and "新的完成日期应晚于原完成时限" in bad.text
    assert 'value="2020-10-30"' in bad.text  # the form keeps what was typed
    empty = httpx.post(progress_url, data={"note": "   "})
    assert empty.status_code == 400 and "请填写进度情况" in empty.text
    with desk.ledger() as ledger:
        assert ledger.answers() == [] and ledger.extensions() == []  # nothing recorded
    ok = httpx.post(progress_url, data={"note": "方案已完成初稿"})
    assert ok.status_code == 200 and "已记录进度情况" in ok.text
    assert httpx.post(progress_url, data={"note": "again"}).status_code == 410  # used
    with desk.ledger() as ledger:
        (answer,) = ledger.answers()
        assert (answer.kind, answer.text, answer.by) == ("progress", "方案已完成初稿", "link")
    asked = httpx.post(extend_url, data={"due": "2020-11-30", "reason": "征求意见"})
    assert asked.status_code == 200 and "待督查室审核" in asked.text
    with desk.ledger() as ledger:
        (ext,) = ledger.extensions()
    client, csrf = _signed_in(desk)
    try:
        refused = client.post(
            f"/task/{ext.task_id}/decide",
            follow_redirects=True,
            data={
                "csrf": csrf,
                "extension": str(ext.id),
                "decision": "refuse",
                "note": "请按期完成",
            },
        )
        assert "已不同意延期申请" in refused.text and "未同意" in refused.text
    finally:
        client.close()
    with desk.ledger() as ledger:
        (ext,) = ledger.extensions()
        assert (ext.state, ext.note) == ("refused", "请按期完成")
        assert ledger.task(ext.task_id).due == dt.date(2020, 10, 31)  # type: ignore[union-attr]
    desk.stop()
    desk.start(now="2020-12-23T10:00")  # 61 days later: past ack.ttl_days (60)
    expired = httpx.get(extend_url)
    assert expired.status_code == 410 and "链接已过期" in expired.text
    assert httpx.post(links["办结"][0], data={}).status_code == 410
    with desk.ledger() as ledger:
        assert len(ledger.answers()) == 2 and ledger.acknowledged() == set()


@pytest.mark.postgres
def test_on_postgresql_and_when_the_store_fails(make_desk: MakeDesk, pg_url: str) -> None:
    import sqlalchemy as sa

    def on_pg(data: dict[str, Any]) -> None:
        data["store"] = pg_url

    desk = make_desk(on_pg)
    desk.tick("2020-11-25T09:30")
    desk.start(now="2020-11-25T10:00")
    client, _ = _signed_in(desk)
    try:
        board = client.get("/")
        assert board.status_code == 200 and 'data-light="red"' in board.text
        assert httpx.get(f"{desk.url}/healthz").json()["store"] == "reachable"
        schema = sa.make_url(pg_url).query["options"].split("=", 1)[1]  # type: ignore[union-attr]
        engine = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")  # empty: every table is gone
        engine.dispose()
        failed = client.get("/")
        assert failed.status_code == 503 and "暂时无法读取数据" in failed.text
        assert "Traceback" not in failed.text
        health = httpx.get(f"{desk.url}/healthz")
        assert health.status_code == 503 and health.json()["ok"] is False
    finally:
        client.close()


def test_request_log_lines_carry_no_credentials(make_desk: MakeDesk) -> None:
    desk = make_desk()
    desk.tick("2020-10-23T09:30")
    (eml,) = desk.outbox.glob("*.eml")
    link = eml_links(eml)["办结"][0]
    proc = desk.start_process(now="2020-10-23T10:00")  # with -v: INFO lines on stderr
    assert httpx.get(link).status_code == 200
    assert httpx.post(link, data={"note": "ok"}).status_code == 200
    calendar_token = link.rsplit("/a/", 1)[1][:20]
    assert httpx.get(f"{desk.url}/calendar/shangdu.ics?token={calendar_token}").status_code == 403
    assert (
        httpx.get(f"{desk.url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code
        == 200
    )
    assert (
        httpx.post(f"{desk.url}/login", data={"password": PASSWORD}).status_code == 400
    )  # no CSRF
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0
    assert proc.stderr is not None
    log = proc.stderr.read()
    assert (
        "GET /a/… 200" in log and "POST /a/… 200" in log and "GET /calendar/shangdu.ics 403" in log
    )
    token = link.rsplit("/a/", 1)[1]
    for secret in (token, token.split(".")[-1], calendar_token, TOKEN, PASSWORD, *ENV.values()):
        assert secret not in log, secret


def test_a_broken_page_template_stops_serve_and_check_names_it(
    make_desk: MakeDesk, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(SHIPPED, templates, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (templates / "web" / "board.html.j2").write_text("{% if %}", encoding="utf-8")

    def broken(data: dict[str, Any]) -> None:
        data["templates"] = str(templates)

    desk = make_desk(broken)
    served = desk.cli("serve", timeout=30)
    assert served.returncode == 2 and "web/board.html.j2" in served.stderr
    assert "Traceback" not in served.stderr
    check = desk.cli("check", timeout=60)
    assert check.returncode == 2 and "templates: web/board.html.j2" in check.stderr


def _seed_task_count() -> int:
    from pipeline.extract import extract
    from pipeline.ingest import ingest_file

    (doc,) = ingest_file(SEED)
    assert doc.published is not None
    return len(extract(doc, doc.published))
